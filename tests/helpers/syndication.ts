// Shared by the feed, sitemap and structured-data tests: a strict XML parser and the list of
// pages a build wrote.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { solidPng } from "./images.ts";

/** Parses an XML file after checking it is well-formed; throws with the parser's message if not. */
export function parseXml(text: string, arrays: string[] = []): Record<string, any> {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    isArray: (name) => arrays.includes(name),
    processEntities: { enabled: true, maxTotalExpansions: 1e9, maxExpandedLength: 1e9 },
  });
  return parser.parse(text);
}

export function readXml(out: string, url: string, arrays: string[] = []): Record<string, any> {
  return parseXml(readFileSync(join(out, url), "utf8"), arrays);
}

export function readJson(out: string, url: string): any {
  return JSON.parse(readFileSync(join(out, url), "utf8"));
}

/** Site-relative URLs of the HTML pages under `out/<dir>`: /zh-hans/news/ for …/index.html. */
export function htmlPages(out: string, dir = ""): string[] {
  const urls: string[] = [];
  const walk = (abs: string) => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const p = join(abs, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".html")) {
        const url = "/" + relative(out, p).split(sep).join("/");
        urls.push(url.endsWith("/index.html") ? url.slice(0, -"index.html".length) : url === "/index.html" ? "/" : url);
      }
    }
  };
  walk(join(out, dir));
  return urls.sort();
}

/** A small SVG photo: image-size reads its width and height. */
// A photo for feeds and sharing tags (SVG photos are refused: they can hold script).
export const PHOTO_PNG = solidPng(1200, 630, [0xbb, 0x33, 0x33]);

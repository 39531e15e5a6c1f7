// Static assets: copied as they are, and CSS/JS also under a content-hashed name that hosts
// may cache for a year. Layouts ask for `"/assets/css/site.css" | asset` and get the hashed URL.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, extname, join, relative, sep } from "node:path";
import type { EleventyConfig } from "./eleventy-config.ts";
import { stripCommentLines } from "./js-comments.ts";
import { fingerprintAll, moduleGraph, type Fingerprinted } from "./js-modules.ts";

export interface Options {
  /** Folder of the assets, relative to the project root. */
  dir: string;
  root: string;
  /** Extensions that get a hashed copy. */
  fingerprint: string[];
  /** A render helper thread only renders pages (the asset filter): the main thread writes the assets. */
  pagesOnly: boolean;
}

export const defaults: Options = { dir: "assets", root: process.cwd(), fingerprint: [".css", ".js"], pagesOnly: false };

function walk(abs: string): string[] {
  return readdirSync(abs, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(abs, e.name)) : [join(abs, e.name)]));
}

export function fingerprintedName(path: string, content: Buffer): string {
  const hash = createHash("sha256").update(content).digest("hex").slice(0, 10);
  const ext = extname(path);
  return `${path.slice(0, -ext.length)}.${hash}${ext}`;
}

export default function assets(eleventyConfig: EleventyConfig, userOptions: Partial<Options> = {}): void {
  const options: Options = { ...defaults, ...userOptions };
  const base = join(options.root, options.dir);
  let hashed = new Map<string, Fingerprinted>();

  const scan = () => {
    const files = new Map<string, Buffer>();
    for (const file of walk(base)) {
      if (!options.fingerprint.includes(extname(file))) continue;
      const content = readFileSync(file);
      files.set("/" + relative(options.root, file).split(sep).join("/"), extname(file) === ".js" ? Buffer.from(stripCommentLines(content.toString("utf8")), "utf8") : content);
    }
    // JS modules import each other by hashed name (js-modules.ts).
    hashed = fingerprintAll(files, fingerprintedName);
  };
  scan();

  eleventyConfig.addFilter("asset", (url: string) => {
    const hit = hashed.get(url);
    if (!hit) throw new Error(`No asset ${url} under ${options.dir}/`);
    return hit.url;
  });
  // A module and all it imports, each for its own <script type="module">: fetched at once, not one level of imports after another.
  eleventyConfig.addFilter("moduleScripts", (url: string) => moduleGraph(hashed, url));
  if (options.pagesOnly) return;
  // Type declarations beside browser code are for the build, not for readers.
  eleventyConfig.addPassthroughCopy({ [options.dir]: options.dir }, { filter: ["**/*", "!**/*.d.ts"] });
  eleventyConfig.addWatchTarget(base);
  eleventyConfig.on("eleventy.before", scan);
  eleventyConfig.on("eleventy.after", ({ directories }) => {
    for (const { url, content } of hashed.values()) {
      const out = join(directories.output, url);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, content);
    }
  });
  // Every hashed asset URL: these may be cached for a year (see content/_generate/headers.njk).
  eleventyConfig.addGlobalData("fingerprinted", () => [...hashed.values()].map((h) => h.url).sort());
}

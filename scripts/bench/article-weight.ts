// What a reader's browser downloads for one page of a built site: the page is served from
// the folder (text gzipped, as hosts do) and loaded in Chromium at a given viewport and pixel
// ratio, scrolled to the end so that every lazy photo loads, and every response's bytes on
// the wire are added up by kind. The README's page weight of an article with three photos
// comes from this:
//
//   npx tsx scripts/bench/article-weight.ts --site _site --path /zh-hans/news/media-focus/2025/01/jialing-cloud-milestone/
//
// (--width 375, --dpr 1,2,3 by default). Used by tests/photos-browser.test.ts as well.
import type { Browser } from "playwright-core";
import { readCommandLine, runCli } from "../cli/args.ts";
import { launchChromium } from "../../tests/helpers/browser.ts";
import { serveStatic } from "../../tests/helpers/static-server.ts";

export interface PageWeight {
  /** Bytes on the wire (headers and body) by kind of response. */
  html: number;
  css: number;
  js: number;
  images: number;
  other: number;
  total: number;
  /** Photos fetched: URL path and body bytes, in order. */
  photos: { path: string; bytes: number }[];
}

const KIND = (type: string): keyof Omit<PageWeight, "total" | "photos"> =>
  type.startsWith("text/html") ? "html" : type.startsWith("text/css") ? "css" : type.includes("javascript") ? "js" : type.startsWith("image/") ? "images" : "other";

/** Loads `origin + path` at `width` CSS pixels and `dpr`, scrolled to the end, and weighs every response. */
export async function weighPage(browser: Browser, origin: string, path: string, width: number, dpr: number): Promise<PageWeight> {
  const context = await browser.newContext({ viewport: { width, height: 812 }, deviceScaleFactor: dpr });
  const page = await context.newPage();
  const responses: Promise<{ kind: keyof Omit<PageWeight, "total" | "photos">; bytes: number; body: number; path: string }>[] = [];
  page.on("requestfinished", (request) => {
    responses.push(
      (async () => {
        const sizes = await request.sizes();
        const response = await request.response();
        const type = (await response?.headerValue("content-type")) ?? "";
        return { kind: KIND(type), bytes: sizes.responseHeadersSize + sizes.responseBodySize, body: sizes.responseBodySize, path: new URL(request.url()).pathname };
      })(),
    );
  });
  await page.goto(origin + path, { waitUntil: "load" });
  // Lazy photos load as they come near the viewport: scroll through the page as a reader would.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y <= height; y += 400) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(30);
  }
  await page.waitForLoadState("networkidle");
  const weight: PageWeight = { html: 0, css: 0, js: 0, images: 0, other: 0, total: 0, photos: [] };
  for (const r of await Promise.all(responses)) {
    weight[r.kind] += r.bytes;
    weight.total += r.bytes;
    if (r.kind === "images" && r.path.startsWith("/media/")) weight.photos.push({ path: r.path, bytes: r.body });
  }
  await context.close();
  return weight;
}

export const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function main(argv: string[]): Promise<number> {
  const { values } = readCommandLine(argv, {
    command: "scripts/bench/article-weight.ts",
    usage: "Usage: tsx scripts/bench/article-weight.ts --site <built site> --path <page URL path> [--width 375] [--dpr 1,2,3]",
    flags: { site: { type: "string", value: "folder" }, path: { type: "string", value: "URL path" }, width: { type: "string", value: "CSS px" }, dpr: { type: "string", value: "ratios" } },
  });
  const site = values.site ?? "_site";
  const path = values.path ?? "/";
  const width = Number(values.width ?? 375);
  const dprs = (values.dpr ?? "1,2,3").split(",").map(Number);
  const server = await serveStatic(site);
  const browser = await launchChromium();
  try {
    for (const dpr of dprs) {
      const w = await weighPage(browser, server.origin, path, width, dpr);
      console.log(`${width} px, ${dpr}×: total ${kb(w.total)} (HTML ${kb(w.html)}, CSS ${kb(w.css)}, JS ${kb(w.js)}, images ${kb(w.images)}, other ${kb(w.other)})`);
      for (const p of w.photos) console.log(`  ${p.path} ${kb(p.bytes)}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) runCli(() => main(process.argv.slice(2)));

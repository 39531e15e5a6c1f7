// What a reader's browser downloads for one page of a built site: the page is served from
// the folder (text gzipped, as hosts do) and loaded in Chromium at a given viewport and pixel
// ratio, scrolled to the end so that every lazy photo loads, and every response's bytes on
// the wire are added up by kind. The README's page weight of an article with three photos
// comes from this:
//
//   npx tsx scripts/bench/article-weight.ts --site _site --path /zh-hans/news/media-focus/2025/01/jialing-cloud-milestone/
//
// (--width 375, --dpr 1,2,3 by default). Used by tests/photos-browser.test.ts as well.
//
// --before <commit> also builds the sample site as it was at that commit (its own code and
// content, from git, into a temporary folder) and weighs the same page there: the README's
// "before" is the commit before responsive photos (the parent of the first commit of
// `git log --reverse --format=%h -- scripts/media/variants.ts`). --screenshot <folder> saves
// what the reader sees, the whole page at 1×, as <folder>/<slug>-<script>-<width>.png (each
// script's page: the path's /zh-hans/ and /zh-hant/), in few colours so the files stay small.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser } from "playwright-core";
import sharp from "sharp";
import { readCommandLine, runCli } from "../cli/args.ts";
import { PROJECT } from "../build/build.ts";
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

/** The whole page at `width` CSS px and 1×, as a PNG of 64 colours without dithering (under 100 KB for an article). */
export async function screenshotPage(browser: Browser, url: string, width: number, file: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width, height: 812 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
  // Every lazy photo in place before the picture is taken.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y <= height; y += 400) await page.evaluate((top) => window.scrollTo(0, top), y);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => Promise.all(Array.from(document.images, (img) => img.decode().catch(() => undefined))));
  const png = await page.screenshot({ fullPage: true });
  await context.close();
  await sharp(png).png({ palette: true, colours: 64, dither: 0, compressionLevel: 9, effort: 10 }).toFile(file);
}

/** The sample site as it was at `commit`, built by that commit's own code into a new temporary folder. */
function buildAt(commit: string): { site: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "newsroom-weight-"));
  const tree = join(dir, "tree");
  mkdirSync(tree);
  const archive = execFileSync("git", ["-C", PROJECT, "archive", commit], { maxBuffer: 1 << 30 });
  execFileSync("tar", ["-x", "-C", tree], { input: archive });
  // The same installed packages: a commit of this project with other dependencies is out of reach here.
  symlinkSync(join(PROJECT, "node_modules"), join(tree, "node_modules"));
  const site = join(dir, "site");
  execFileSync(process.execPath, ["--import", "tsx", join(tree, "scripts/cli/build.ts"), "--root", tree, "--out", site], { cwd: tree, stdio: ["ignore", "ignore", "inherit"] });
  return { site, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const line = (w: PageWeight) => `total ${kb(w.total)} (HTML ${kb(w.html)}, CSS ${kb(w.css)}, JS ${kb(w.js)}, images ${kb(w.images)}, other ${kb(w.other)})`;

async function main(argv: string[]): Promise<number> {
  const { values } = readCommandLine(argv, {
    command: "scripts/bench/article-weight.ts",
    usage: "Usage: tsx scripts/bench/article-weight.ts --site <built site> --path <page URL path> [--width 375] [--dpr 1,2,3] [--before <commit>] [--screenshot <folder>]",
    flags: {
      site: { type: "string", value: "folder" },
      path: { type: "string", value: "URL path" },
      width: { type: "string", value: "CSS px" },
      dpr: { type: "string", value: "ratios" },
      before: { type: "string", value: "commit" },
      screenshot: { type: "string", value: "folder" },
    },
  });
  const site = values.site ?? "_site";
  const path = values.path ?? "/";
  const width = Number(values.width ?? 375);
  const dprs = (values.dpr ?? "1,2,3").split(",").map(Number);
  const before = values.before ? buildAt(values.before) : null;
  const server = await serveStatic(site);
  const old = before ? await serveStatic(before.site) : null;
  const browser = await launchChromium();
  try {
    for (const dpr of dprs) {
      const w = await weighPage(browser, server.origin, path, width, dpr);
      const b = old ? await weighPage(browser, old.origin, path, width, dpr) : null;
      if (b) console.log(`${width} px, ${dpr}×, before (${values.before}): ${line(b)}; photos ${b.photos.length}: ${b.photos.map((p) => kb(p.bytes)).join(", ")}`);
      console.log(`${width} px, ${dpr}×${b ? ", after" : ""}: ${line(w)}${b ? `: ${Math.round((w.total / b.total - 1) * 100)} %` : ""}`);
      for (const p of w.photos) console.log(`  ${p.path} ${kb(p.bytes)}`);
    }
    if (values.screenshot) {
      mkdirSync(values.screenshot, { recursive: true });
      const variant = /^\/(zh-hans|zh-hant)\//.exec(path);
      for (const script of variant ? ["zh-hans", "zh-hant"] : [""]) {
        const slug = path.split("/").filter(Boolean).pop() ?? "home";
        const file = resolve(values.screenshot, `${[slug, script, width].filter(Boolean).join("-")}.png`);
        await screenshotPage(browser, server.origin + (script ? path.replace(/^\/zh-han[st]\//, `/${script}/`) : path), width, file);
        console.log(`screenshot: ${file}`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
    await old?.close();
    before?.cleanup();
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) runCli(() => main(process.argv.slice(2)));

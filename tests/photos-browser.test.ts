// Responsive photos as a reader's browser gets them (Debian's Chromium through playwright-core),
// on a fresh build of the sample site served from 127.0.0.1: the article with three photos in
// both scripts, on a phone (375 px, at 1× and 2×) and a desktop (1280 px, at 1× and 2×). The
// browser picks the candidate the layout needs (currentSrc: AVIF at the width the column
// takes), nothing moves while photos load (no layout shift), the first photo is fetched at
// once and the others only as the reader scrolls to them; the `sizes` the pages state is the
// width the CSS gives photos and thumbnails at every viewport from 320 to 1600 px; the page
// weight at 375 px is printed and held to a budget. Full-page screenshots at 375 px go to
// test-output/screenshots/photos-<script>-375.png.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { imageSize } from "image-size";
import type { Browser, Page } from "playwright-core";
import { kb, weighPage } from "../scripts/bench/article-weight.ts";
import { launchChromium, SCRIPTS } from "./helpers/browser.ts";
import { buildSampleSite, PROJECT } from "./helpers/site-fixture.ts";
import { serveStatic, type StaticServer } from "./helpers/static-server.ts";

/** The sample article with three photos (960×540 JPEGs as the editor saved them). */
const ARTICLE = "news/media-focus/2025/01/jialing-cloud-milestone/";
const LIST = "news/media-focus/";
const SCREENSHOTS = join(PROJECT, "test-output", "screenshots");

const { out, build } = await buildSampleSite("newsroom-photos-browser-");
let server: StaticServer;
let browser: Browser;

before(async () => {
  assert.equal(build.code, 0, `build failed:\n${build.stderr}\n${build.stdout}`);
  server = await serveStatic(out);
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

interface Opened {
  page: Page;
  /** Paths of the photos requested so far, in order. */
  requested: string[];
  /** The photos received: path, content type and pixel width of the bytes. */
  photos: Promise<{ path: string; type: string; pixels: number }>[];
  close(): Promise<void>;
}

/** Opens a page at a viewport and pixel ratio, recording every photo it fetches and every layout shift. */
async function open(path: string, width: number, dpr: number): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width, height: 812 }, deviceScaleFactor: dpr });
  const page = await context.newPage();
  const requested: string[] = [];
  const photos: Opened["photos"] = [];
  page.on("request", (r) => {
    const p = new URL(r.url()).pathname;
    if (p.startsWith("/media/")) requested.push(p);
  });
  page.on("response", (r) => {
    const p = new URL(r.url()).pathname;
    if (p.startsWith("/media/")) photos.push(r.body().then((body) => ({ path: p, type: r.headers()["content-type"] ?? "", pixels: imageSize(body).width })));
  });
  // Layout shifts from the very start, before the page's own content is parsed.
  await page.addInitScript(() => {
    (window as unknown as { shifts: number[] }).shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) (window as unknown as { shifts: number[] }).shifts.push((e as unknown as { value: number }).value);
    }).observe({ type: "layout-shift", buffered: true });
  });
  await page.goto(server.origin + path, { waitUntil: "load" });
  return { page, requested, photos, close: () => context.close() };
}

/** Scrolls through the page as a reader would, so that lazy photos load, and waits for them. */
async function readToTheEnd(page: Page): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y <= height; y += 300) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(40);
  }
  await page.waitForFunction(() => [...document.querySelectorAll(".article-body img")].every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0), null, { timeout: 15_000 });
}

interface Shown {
  currentSrc: string;
  width: number;
  height: number;
  attrs: Record<string, string | null>;
}

function shown(page: Page, selector: string): Promise<Shown[]> {
  return page.$$eval(selector, (imgs) =>
    (imgs as HTMLImageElement[]).map((i) => {
      const r = i.getBoundingClientRect();
      const attrs: Record<string, string | null> = {};
      for (const a of ["width", "height", "loading", "fetchpriority", "decoding"]) attrs[a] = i.getAttribute(a);
      return { currentSrc: new URL(i.currentSrc).pathname, width: r.width, height: r.height, attrs };
    }),
  );
}

// What the column needs: 343 CSS px on a 375 px phone, 720 px on a 1280 px desktop. The
// sample photos are 960 px wide, so nothing wider than 960 exists (never upscaled).
const CASES = [
  { width: 375, dpr: 1, shownWidth: 343, candidate: 360 },
  { width: 375, dpr: 2, shownWidth: 343, candidate: 720 },
  { width: 1280, dpr: 1, shownWidth: 720, candidate: 720 },
  { width: 1280, dpr: 2, shownWidth: 720, candidate: 960 },
] as const;

for (const script of SCRIPTS) {
  for (const c of CASES) {
    test(`${script} article at ${c.width} px, ${c.dpr}×: each photo is the ${c.candidate} px AVIF, sized in the markup, nothing shifts`, async () => {
      const v = await open(`/${script}/${ARTICLE}`, c.width, c.dpr);
      try {
        // Before scrolling: the first photo first; the last, lazy and thousands of pixels below,
        // not at all (Chromium fetches lazy images from 1,250 px before they come into view).
        await v.page.waitForLoadState("networkidle");
        const early = v.requested.map((p) => p.split("/").pop()!);
        assert.match(early[0] ?? "", /^photo-1\./, `fetched before scrolling: ${early.join(", ")}`);
        assert.ok(!early.some((p) => p.startsWith("photo-3.")), `fetched before scrolling: ${early.join(", ")}`);
        await readToTheEnd(v.page);
        const photos = await shown(v.page, ".article-body figure img");
        assert.equal(photos.length, 3);
        photos.forEach((p, i) => {
          assert.match(p.currentSrc, new RegExp(`/photo-${i + 1}\\.${c.candidate}w\\.[0-9a-f]{10}\\.avif$`), `photo ${i + 1}: ${p.currentSrc}`);
          assert.ok(Math.abs(p.width - c.shownWidth) < 1, `photo ${i + 1} is ${p.width} px wide`);
          // Width and height in the markup, of the same shape as what is shown: its box is right before it loads.
          assert.deepEqual([p.attrs.width, p.attrs.height], ["960", "540"]);
          assert.ok(Math.abs(p.height - (p.width * 540) / 960) < 1, `photo ${i + 1}: ${p.width}×${p.height}`);
        });
        assert.deepEqual(photos.map((p) => [p.attrs.loading, p.attrs.fetchpriority, p.attrs.decoding]), [
          ["eager", "high", null],
          ["lazy", null, "async"],
          ["lazy", null, "async"],
        ]);
        // Served as AVIF of that many pixels, and nothing else was fetched for them (no JPEG or WebP besides).
        const fetched = (await Promise.all(v.photos)).filter((p) => /\/photo-\d\./.test(p.path)).sort((a, b) => a.path.localeCompare(b.path));
        assert.deepEqual(fetched.map((p) => [p.type, p.pixels]), [1, 2, 3].map(() => ["image/avif", c.candidate]));
        const shifts = await v.page.evaluate(() => (window as unknown as { shifts: number[] }).shifts);
        assert.equal(shifts.reduce((a, b) => a + b, 0), 0, `layout shifts: ${shifts.join(", ")}`);
        if (c.width === 375 && c.dpr === 2) await v.page.screenshot({ path: join(SCREENSHOTS, `photos-${script}-375.png`), fullPage: true });
      } finally {
        await v.close();
      }
    });
  }
}

/**
 * The width a `sizes` attribute names at the current viewport, as the browser reads it: the
 * first entry whose media condition matches, its length measured on a probe element.
 */
function sizesWidth(page: Page, selector: string): Promise<{ sizes: string; width: number; shown: number }[]> {
  return page.$$eval(selector, (imgs) =>
    (imgs as HTMLImageElement[]).map((img) => {
      const sizes = img.getAttribute("sizes") ?? "";
      const entries = sizes.split(/,(?![^(]*\))/).map((s) => s.trim());
      let length = entries[entries.length - 1];
      for (const entry of entries.slice(0, -1)) {
        const m = /^(\(.*\))\s+(\S.*)$/.exec(entry);
        if (m && matchMedia(m[1]).matches) {
          length = m[2];
          break;
        }
      }
      const probe = document.createElement("div");
      probe.style.width = length; // CSSOM, which the CSP allows (it blocks style attributes in markup)
      probe.style.position = "absolute";
      document.body.append(probe);
      const width = probe.getBoundingClientRect().width;
      probe.remove();
      return { sizes, width, shown: img.getBoundingClientRect().width };
    }),
  );
}

const VIEWPORTS = [320, 360, 375, 414, 600, 768, 782, 800, 1000, 1024, 1100, 1136, 1280, 1440, 1600];

test("sizes is the width the CSS gives article photos and list thumbnails, at every viewport from 320 to 1600 px", async () => {
  const wrong: string[] = [];
  for (const [path, selector] of [
    [`/zh-hant/${ARTICLE}`, ".article-body figure img"],
    [`/zh-hans/${LIST}`, "img.teaser-thumb"],
  ] as const) {
    const v = await open(path, 375, 1);
    try {
      for (const width of VIEWPORTS) {
        await v.page.setViewportSize({ width, height: 900 });
        const found = await sizesWidth(v.page, selector);
        assert.ok(found.length > 0, `${path}: no ${selector}`);
        // The sample photos are 960 px wide: wider columns show them at 960 (never upscaled).
        for (const f of found) if (Math.abs(Math.min(f.width, 960) - f.shown) > 1) wrong.push(`${path} at ${width} px: sizes says ${f.width} px, shown ${f.shown} px (${f.sizes})`);
      }
    } finally {
      await v.close();
    }
  }
  assert.deepEqual(wrong, []);
});

test("list thumbnails: a small AVIF, the 240 px one for 120 px at 1× and 2×, 360 px at 3× and for 176 px at 2×", async () => {
  for (const [width, dpr, shownWidth, candidate] of [
    [375, 1, 120, 240],
    [375, 2, 120, 240],
    [375, 3, 120, 360],
    [1280, 1, 176, 240],
    [1280, 2, 176, 360],
  ] as const) {
    const v = await open(`/zh-hans/${LIST}`, width, dpr);
    try {
      await v.page.$$eval("img.teaser-thumb", (imgs) => imgs.forEach((i) => ((i as HTMLImageElement).loading = "eager")));
      await v.page.waitForFunction(() => [...document.querySelectorAll("img.teaser-thumb")].every((i) => (i as HTMLImageElement).complete));
      const thumbs = await shown(v.page, "img.teaser-thumb");
      assert.ok(thumbs.length >= 3);
      for (const t of thumbs) {
        assert.match(t.currentSrc, new RegExp(`\\.${candidate}w\\.[0-9a-f]{10}\\.avif$`));
        assert.equal(Math.round(t.width), shownWidth);
      }
    } finally {
      await v.close();
    }
  }
});

test("page weight of the article with three photos at 375 px: printed, and the photos a fraction of the 960 px JPEGs", async (t) => {
  for (const dpr of [1, 2, 3]) {
    const w = await weighPage(browser, server.origin, `/zh-hans/${ARTICLE}`, 375, dpr);
    t.diagnostic(`375 px ${dpr}×: ${kb(w.total)} (HTML ${kb(w.html)}, CSS ${kb(w.css)}, images ${kb(w.images)}); photos ${w.photos.map((p) => `${p.path.split("/").pop()} ${kb(p.bytes)}`).join(", ")}`);
    assert.equal(w.photos.length, 3);
    assert.ok(w.photos.every((p) => p.path.endsWith(".avif")));
    // The three photos as published before were 51.6 KB of JPEG at every pixel ratio (the README's "before").
    assert.ok(w.photos.reduce((a, p) => a + p.bytes, 0) < 25 * 1024, `${kb(w.images)} of images`);
  }
});

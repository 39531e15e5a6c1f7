// The sample site in a real browser (Debian's Chromium through playwright-core), served from a
// fresh build by a static server on 127.0.0.1: every kind of page in both scripts, on a phone
// (375×812) and a desktop (1280×800). No console errors, no failed request, nothing from another
// origin, no sideways scrolling, every <img> sized in the markup; the 简/繁 switcher lands on
// the twin page; the root page sends a reader to the script of their browser, and without
// JavaScript offers both. Full-page screenshots go to test-output/screenshots/ (not committed).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { ARTICLE_PATH, LANG, launchChromium, samplePages, SCRIPTS, type ScriptPath } from "./helpers/browser.ts";
import { buildSampleSite, PROJECT } from "./helpers/site-fixture.ts";
import { serveStatic, type StaticServer } from "./helpers/static-server.ts";

const VIEWPORTS = [
  { name: "phone", width: 375, height: 812 },
  { name: "desktop", width: 1280, height: 800 },
] as const;
const SCREENSHOTS = join(PROJECT, "test-output", "screenshots");

const { out, build } = await buildSampleSite("newsroom-browser-");
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

interface Visit {
  page: Page;
  /** Console errors, page errors, failed or refused requests, anything from another origin. */
  problems: string[];
  status: number | undefined;
  close(): Promise<void>;
}

/**
 * Opens `path` in a new context and records what went wrong. `expectStatus` is the status the
 * document itself should have: with 404, the document's own 404 (and the console line Chromium
 * writes for it) is expected, and nothing else may fail.
 */
async function visit(path: string, options: BrowserContextOptions & { expectStatus?: number } = {}): Promise<Visit> {
  const { expectStatus = 200, ...contextOptions } = options;
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const problems: string[] = [];
  const documentUrl = server.origin + path;
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    const own404 = expectStatus === 404 && m.location().url === documentUrl && /status of 404/.test(m.text());
    if (!own404) problems.push(`console error: ${m.text()} (${m.location().url})`);
  });
  page.on("requestfailed", (r) => {
    // ERR_ABORTED: the browser dropped a request itself, e.g. the favicon when a click navigates
    // away first (refused requests to other origins are recorded by the route below).
    if (r.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ""}`);
  });
  page.on("response", (r) => {
    const own = r.url() === documentUrl && r.status() === expectStatus;
    if (r.status() >= 400 && !own) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(server.origin + "/") || url.startsWith("data:")) return route.continue();
    problems.push(`request to another origin: ${url}`);
    return route.abort();
  });
  const response = await page.goto(documentUrl, { waitUntil: "load" });
  return { page, problems, status: response?.status(), close: () => context.close() };
}

/** Width of the page beyond the viewport, and the elements that stick out on the right. */
async function overflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const innerWidth = window.innerWidth;
    const culprits: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      const r = el.getBoundingClientRect();
      if (r.right > innerWidth + 0.5 && culprits.length < 5) {
        culprits.push(`${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).replace(/\s+/g, ".") : ""} (right ${Math.round(r.right)})`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, culprits };
  });
}

/** <img> elements without both width and height attributes (they shift the layout as they load). */
async function unsizedImages(page: Page): Promise<string[]> {
  return page.$$eval("img", (imgs) =>
    imgs.filter((i) => !/^\d+$/.test(i.getAttribute("width") ?? "") || !/^\d+$/.test(i.getAttribute("height") ?? "")).map((i) => i.outerHTML),
  );
}

/** Loads the images that wait to be scrolled to (loading=lazy), as a reader scrolling down
 * would, and returns those that did not load. Then full-page screenshots show every photo. */
async function brokenImages(page: Page): Promise<string[]> {
  await page.$$eval("img[loading=lazy]", (imgs) => imgs.forEach((i) => ((i as HTMLImageElement).loading = "eager")));
  await page.waitForFunction(() => [...document.images].every((i) => i.complete), null, { timeout: 15_000 });
  // Decoded, so that the screenshot shows them (decoding=async paints them later).
  await page.evaluate(() => Promise.all([...document.images].map((i) => i.decode().catch(() => undefined))));
  return page.$$eval("img", (imgs) => (imgs as HTMLImageElement[]).filter((i) => i.naturalWidth === 0).map((i) => i.getAttribute("src") ?? ""));
}

for (const script of SCRIPTS) {
  for (const vp of VIEWPORTS) {
    for (const { kind, path } of samplePages(script)) {
      test(`${script} ${kind} at ${vp.width}×${vp.height}: clean load, no sideways scroll, sized images that load`, async () => {
        const v = await visit(path, { viewport: { width: vp.width, height: vp.height }, locale: script === "zh-hans" ? "zh-CN" : "zh-TW" });
        try {
          assert.equal(v.status, 200);
          assert.equal(await v.page.getAttribute("html", "lang"), LANG[script]);
          if (kind === "search") {
            // The search page with results on screen, as a reader sees it after a query.
            await v.page.fill("#search-q", "算力");
            await v.page.press("#search-q", "Enter");
            await v.page.waitForSelector("[data-search-results] li");
          }
          if (kind === "article") assert.ok((await v.page.locator(".article-body img").count()) >= 2, "the article has its photos");
          const o = await overflow(v.page);
          assert.ok(o.scrollWidth <= o.innerWidth, `scrolls sideways: ${o.scrollWidth}px wide in ${o.innerWidth}px; ${o.culprits.join(", ")}`);
          assert.deepEqual(await unsizedImages(v.page), []);
          assert.deepEqual(await brokenImages(v.page), [], "every image loads");
          await v.page.screenshot({ path: join(SCREENSHOTS, `${script}-${kind}-${vp.width}x${vp.height}.png`), fullPage: true });
          assert.deepEqual(v.problems, []);
        } finally {
          await v.close();
        }
      });
    }
  }
}

test("a missing address gets the 404 page with status 404, and nothing else fails", async () => {
  for (const vp of VIEWPORTS) {
    const v = await visit("/zh-hant/news/no-such-article/", { viewport: { width: vp.width, height: vp.height }, expectStatus: 404 });
    try {
      assert.equal(v.status, 404);
      assert.equal(await v.page.locator(".not-found-code").innerText(), "404");
      // Links home in both scripts, so a reader of either finds their way.
      assert.deepEqual(await v.page.$$eval(".not-found-scripts a", (as) => as.map((a) => a.getAttribute("href"))), ["/zh-hans/", "/zh-hant/"]);
      const o = await overflow(v.page);
      assert.ok(o.scrollWidth <= o.innerWidth, `scrolls sideways: ${o.culprits.join(", ")}`);
      await v.page.screenshot({ path: join(SCREENSHOTS, `missing-404-${vp.width}x${vp.height}.png`), fullPage: true });
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
  }
});

/** The same page in the other script: only the script folder differs. */
function twinPath(path: string, to: ScriptPath): string {
  return path.replace(/^\/zh-han[st]\//, `/${to}/`);
}

for (const script of SCRIPTS) {
  const other: ScriptPath = script === "zh-hans" ? "zh-hant" : "zh-hans";
  const label = other === "zh-hant" ? "繁" : "简";
  test(`${script}: the ${label} switcher leads to the twin of every kind of page`, async () => {
    const v = await visit(`/${script}/`, { viewport: { width: 375, height: 812 } });
    try {
      for (const { path } of samplePages(script)) {
        await v.page.goto(server.origin + path);
        const link = v.page.locator(`.script-switch a[hreflang=${LANG[other]}]`);
        assert.equal(await link.innerText(), label);
        // The footer's link goes to the same page.
        assert.equal(await v.page.getAttribute(`.footer-switch a[hreflang=${LANG[other]}]`, "href"), await link.getAttribute("href"));
        await link.click();
        await v.page.waitForURL(server.origin + twinPath(path, other));
        assert.equal(await v.page.getAttribute("html", "lang"), LANG[other], path);
        // And back: the current script is marked, the other one links back to where we came from.
        assert.equal(await v.page.getAttribute(`.script-switch [aria-current=page]`, "lang"), LANG[other]);
        assert.equal(await v.page.getAttribute(`.script-switch a[hreflang=${LANG[script]}]`, "href"), path);
      }
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
  });
}

test("clicking 繁 on a Simplified article opens the same article in Traditional", async () => {
  const v = await visit(`/zh-hans/${ARTICLE_PATH}`, { viewport: { width: 1280, height: 800 } });
  try {
    const headline = await v.page.locator("h1.headline").innerText();
    await v.page.click(".script-switch a[hreflang=zh-Hant]");
    await v.page.waitForURL(`${server.origin}/zh-hant/${ARTICLE_PATH}`);
    assert.equal(await v.page.getAttribute("html", "lang"), "zh-Hant");
    assert.equal(headline, "嘉陵数智集团发布西部算力调度平台");
    assert.equal(await v.page.locator("h1.headline").innerText(), "嘉陵數智集團發布西部算力調度平臺");
    assert.deepEqual(v.problems, []);
  } finally {
    await v.close();
  }
});

const ROOT_REDIRECTS: [locale: string, to: ScriptPath][] = [
  ["zh-TW", "zh-hant"],
  ["zh-HK", "zh-hant"],
  ["zh-CN", "zh-hans"],
  ["zh-SG", "zh-hans"],
  // Not Chinese at all: the site's default script.
  ["en-US", "zh-hans"],
];

for (const [locale, to] of ROOT_REDIRECTS) {
  test(`the root page sends a ${locale} browser to /${to}/`, async () => {
    const v = await visit("/", { locale, viewport: { width: 375, height: 812 } });
    try {
      await v.page.waitForURL(`${server.origin}/${to}/`);
      assert.equal(await v.page.getAttribute("html", "lang"), LANG[to]);
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
  });
}

test("without JavaScript the root page stays and links to both scripts", async () => {
  for (const vp of VIEWPORTS) {
    const v = await visit("/", { javaScriptEnabled: false, locale: "zh-TW", viewport: { width: vp.width, height: vp.height } });
    try {
      assert.equal(new URL(v.page.url()).pathname, "/");
      const links = v.page.locator(".choices a");
      assert.deepEqual(await links.evaluateAll((as) => as.map((a) => [a.getAttribute("href"), a.getAttribute("hreflang")])), [
        ["/zh-hans/", "zh-Hans"],
        ["/zh-hant/", "zh-Hant"],
      ]);
      for (const link of await links.all()) assert.ok(await link.isVisible());
      const o = await overflow(v.page);
      assert.ok(o.scrollWidth <= o.innerWidth, `scrolls sideways: ${o.culprits.join(", ")}`);
      await v.page.screenshot({ path: join(SCREENSHOTS, `root-nojs-${vp.width}x${vp.height}.png`), fullPage: true });
      // Following one works without JavaScript too.
      await links.nth(1).click();
      await v.page.waitForURL(`${server.origin}/zh-hant/`);
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
  }
});

test("pages work without JavaScript: an article reads, and the search page offers the sections", async () => {
  const article = await visit(`/zh-hant/${ARTICLE_PATH}`, { javaScriptEnabled: false, viewport: { width: 375, height: 812 } });
  try {
    assert.equal(await article.page.locator(".article-body figure img").count(), 2);
    assert.deepEqual(article.problems, []);
  } finally {
    await article.close();
  }
  const search = await visit("/zh-hans/search/", { javaScriptEnabled: false, viewport: { width: 375, height: 812 } });
  try {
    const sections = search.page.locator(".search-nojs-sections a");
    assert.equal(await sections.count(), 2);
    assert.ok(await sections.first().isVisible());
    assert.deepEqual(search.problems, []);
  } finally {
    await search.close();
  }
});

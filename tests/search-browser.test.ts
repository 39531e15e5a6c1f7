// The search page in a real browser (Debian's Chromium through playwright-core), served from
// the built site by a static server on 127.0.0.1 with a strict CSP (script-src 'self'):
// queries in one script find articles of the other, results link to the reader's script, no
// match is said in the page's script, and nothing is fetched from anywhere else.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { buildSearchSite, FIXTURE_ARTICLES } from "./search-fixture.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".bin": "application/octet-stream",
  ".svg": "image/svg+xml",
  ".jpg": "image/jpeg",
  ".png": "image/png",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
};

/** A static host: files as they are, index.html for folders, 404 otherwise, a strict CSP. */
function serve(root: string): Promise<Server> {
  const server = createServer((req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    if (path.includes("..")) path = "/";
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:",
    });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

let server: Server;
let browser: Browser;
let origin: string;
const problems: string[] = [];
const { out, build } = await buildSearchSite();

before(async () => {
  assert.ok(
    existsSync(CHROMIUM),
    `The browser tests need Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH). .ci/run installs it.`,
  );
  assert.equal(build.code, 0, build.stderr);
  server = await serve(out);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

/** A new page that records errors, CSP reports and any request that leaves the test server. */
async function open(path: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (!url.startsWith(origin)) {
      problems.push(`remote request: ${url}`);
      return route.abort();
    }
    return route.continue();
  });
  await page.goto(origin + path);
  return page;
}

async function resultLinks(page: Page): Promise<string[]> {
  return page.$$eval("[data-search-results] li h2 a", (as) => as.map((a) => a.getAttribute("href") ?? ""));
}

test("a Simplified query on the Simplified page finds an article written in Traditional", async () => {
  const page = await open("/zh-hans/search/");
  await page.fill("#search-q", "传播");
  await page.press("#search-q", "Enter");
  await page.waitForSelector("[data-search-results] li");
  assert.deepEqual(await resultLinks(page), [`/zh-hans/${FIXTURE_ARTICLES.forum}/`]);
  // Title and snippet in the page's script, the match marked; the date shown.
  const item = page.locator("[data-search-results] li").first();
  assert.equal(await item.locator("h2").innerText(), "集团举办传播论坛");
  assert.deepEqual(await item.locator(".search-snippet mark").allInnerTexts(), ["传播", "传播"]);
  assert.equal(await item.locator("time").getAttribute("datetime"), "2025-03-02T10:00:00+08:00");
  assert.match(await page.locator("[data-search-status]").innerText(), /找到 1 篇相关文章/);
  // The query is in the address, so the page can be shared and reloaded.
  assert.equal(new URL(page.url()).searchParams.get("q"), "传播");
  // Following the result stays in Simplified script.
  await item.locator("h2 a").click();
  await page.waitForURL(`**/zh-hans/${FIXTURE_ARTICLES.forum}/`);
  assert.equal(await page.getAttribute("html", "lang"), "zh-Hans");
  await page.context().close();
});

test("a Traditional query on the Simplified page finds it too (the reverse of the script)", async () => {
  const page = await open(`/zh-hans/search/?q=${encodeURIComponent("傳播論壇")}`);
  await page.waitForSelector("[data-search-results] li");
  assert.deepEqual(await resultLinks(page), [`/zh-hans/${FIXTURE_ARTICLES.forum}/`]);
  assert.equal(await page.inputValue("#search-q"), "傳播論壇");
  await page.context().close();
});

test("a Simplified query on the Traditional page finds an article written in Simplified, linked in Traditional", async () => {
  const page = await open(`/zh-hant/search/?q=${encodeURIComponent("数据中心 认证")}`);
  await page.waitForSelector("[data-search-results] li");
  assert.deepEqual(await resultLinks(page), [`/zh-hant/${FIXTURE_ARTICLES.datacenter}/`]);
  const item = page.locator("[data-search-results] li").first();
  assert.equal(await item.locator("h2").innerText(), "數據中心通過等級認證");
  assert.deepEqual(await item.locator("h2 mark").allInnerTexts(), ["數據中心", "認證"]);
  // Several words: both must be there (the older article has 數據中心 but not 認證).
  await page.fill("#search-q", "數據中心");
  await page.press("#search-q", "Enter");
  await page.waitForFunction(() => document.querySelectorAll("[data-search-results] li").length === 2);
  assert.deepEqual(await resultLinks(page), [`/zh-hant/${FIXTURE_ARTICLES.datacenter}/`, `/zh-hant/${FIXTURE_ARTICLES.older}/`]);
  // The switcher takes the query to the other script's search page.
  assert.equal(await page.getAttribute(".script-switch a[hreflang=zh-Hans]", "href"), `/zh-hans/search/?q=${encodeURIComponent("數據中心")}`);
  await page.context().close();
});

test("results appear while typing", async () => {
  const page = await open("/zh-hant/search/");
  await page.locator("#search-q").pressSequentially("志願者", { delay: 30 });
  await page.waitForSelector("[data-search-results] li");
  assert.deepEqual(await resultLinks(page), [`/zh-hant/${FIXTURE_ARTICLES.older}/`]);
  await page.context().close();
});

test("no match says so, in the page's script", async () => {
  for (const [path, message] of [
    ["/zh-hans/search/", "没有找到与“量子计算”相关的文章。"],
    ["/zh-hant/search/", "沒有找到與「量子计算」相關的文章。"],
  ]) {
    const page = await open(`${path}?q=${encodeURIComponent("量子计算")}`);
    await page.waitForFunction((m) => document.querySelector("[data-search-status]")?.textContent === m, message);
    assert.equal(await page.locator("[data-search-results] li").count(), 0);
    await page.context().close();
  }
});

test("without JavaScript the page still says what to do", async () => {
  const page = await open("/zh-hant/search/?q=傳播", false);
  assert.match(await page.locator("[data-search-status]").innerText(), /搜尋需要瀏覽器啟用 JavaScript/);
  assert.ok(await page.locator(".search-nojs-sections a").first().isVisible());
  await page.context().close();
});

test("no errors, no CSP violations, no request outside the site", () => {
  assert.deepEqual(problems, []);
});

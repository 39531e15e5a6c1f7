// Page weight and what a page loads, on a fresh build of the sample site: an article's HTML and
// the CSS it links stay under 50 KB gzipped (every page is held to it); no page loads anything
// from another origin (styles, scripts, images, media, frames, fonts, preconnects), and no page
// has a render-blocking script.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import * as cheerio from "cheerio";
import { ARTICLE_PATH, SCRIPTS } from "./helpers/browser.ts";
import { buildSampleSite } from "./helpers/site-fixture.ts";

const BUDGET = 50 * 1024;
/** link rel values that only name another document; every other rel may fetch something. */
const NAVIGATION_RELS = new Set(["canonical", "alternate", "prev", "next", "author", "license", "help", "search", "me", "bookmark", "nofollow", "noopener", "noreferrer", "tag"]);

const { out, build } = await buildSampleSite("newsroom-weight-");
const pages = (): string[] => {
  assert.equal(build.code, 0, `build failed:\n${build.stderr}\n${build.stdout}`);
  return readdirSync(out, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".html"))
    .sort();
};

const gzipped = (file: string) => gzipSync(readFileSync(join(out, file))).length;

/** Gzipped bytes of a page and of each stylesheet it links. */
function weight(page: string): { html: number; css: Record<string, number>; total: number } {
  const $ = cheerio.load(readFileSync(join(out, page), "utf8"));
  const css: Record<string, number> = {};
  $('link[rel~="stylesheet"]').each((_, el) => {
    const href = $(el).attr("href")!;
    assert.match(href, /^\/[^/]/, `${page}: stylesheet ${href} is not on this site`);
    css[href] = gzipped(href.slice(1));
  });
  const html = gzipped(page);
  return { html, css, total: html + Object.values(css).reduce((a, b) => a + b, 0) };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

test("an article with photos: HTML + CSS under 50 KB gzipped", (t) => {
  pages();
  for (const script of SCRIPTS) {
    const w = weight(`${script}/${ARTICLE_PATH}index.html`);
    t.diagnostic(`${script} article: HTML ${kb(w.html)}, CSS ${Object.entries(w.css).map(([h, n]) => `${h} ${kb(n)}`).join(", ")}; ${kb(w.total)} gzipped`);
    assert.ok(Object.keys(w.css).length >= 1, "the article links its stylesheet");
    assert.ok(w.total < BUDGET, `${script}: ${kb(w.total)} gzipped`);
  }
});

test("every page: HTML + linked CSS under 50 KB gzipped", (t) => {
  const over: string[] = [];
  let heaviest = { page: "", total: 0 };
  for (const page of pages()) {
    const w = weight(page);
    if (w.total >= BUDGET) over.push(`${page}: ${kb(w.total)}`);
    if (w.total > heaviest.total) heaviest = { page, total: w.total };
  }
  t.diagnostic(`heaviest page: ${heaviest.page}, ${kb(heaviest.total)} gzipped with its CSS`);
  assert.deepEqual(over, []);
});

/** Every URL a page would fetch by itself (not links to follow). */
function resources($: cheerio.CheerioAPI): string[] {
  const urls: string[] = [];
  $("link[href]").each((_, el) => {
    const rels = ($(el).attr("rel") ?? "").toLowerCase().split(/\s+/).filter(Boolean);
    if (rels.length === 0 || rels.some((r) => !NAVIGATION_RELS.has(r))) urls.push($(el).attr("href")!);
  });
  for (const [selector, attribute] of [
    ["script[src]", "src"],
    ["img[src]", "src"],
    ["iframe[src]", "src"],
    ["frame[src]", "src"],
    ["embed[src]", "src"],
    ["source[src]", "src"],
    ["track[src]", "src"],
    ["video[src]", "src"],
    ["audio[src]", "src"],
    ["input[src]", "src"],
    ["video[poster]", "poster"],
    ["object[data]", "data"],
  ] as const) {
    $(selector).each((_, el) => void urls.push($(el).attr(attribute)!));
  }
  $("img[srcset], source[srcset]").each((_, el) => {
    for (const c of ($(el).attr("srcset") ?? "").split(",")) urls.push(c.trim().split(/\s+/)[0]);
  });
  // CSS in the page itself: <style> and style="" (url(), @import).
  const css = [$("style").text(), ...$("[style]").map((_, el) => $(el).attr("style")).get()].join("\n");
  for (const m of css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3/g)) urls.push(m[2] ?? m[4]);
  return urls.filter(Boolean);
}

const elsewhere = (url: string) => /^([a-z][a-z0-9+.-]*:)?\/\//i.test(url.trim()) && !/^data:/i.test(url);

test("no page loads anything from another origin", () => {
  const found: string[] = [];
  let checked = 0;
  for (const page of pages()) {
    const $ = cheerio.load(readFileSync(join(out, page), "utf8"));
    for (const url of resources($)) {
      checked++;
      if (elsewhere(url)) found.push(`${page}: ${url}`);
    }
  }
  // The stylesheet, icon, logo and photos of every page were looked at.
  assert.ok(checked > 100, `only ${checked} resources`);
  assert.deepEqual(found, []);
});

test("the CSS loads nothing from another origin (fonts, images, @import)", () => {
  pages();
  const files = readdirSync(join(out, "assets"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".css"));
  assert.ok(files.length > 0);
  const found: string[] = [];
  for (const file of files) {
    const css = readFileSync(join(out, "assets", file), "utf8");
    for (const m of css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3/g)) {
      const url = m[2] ?? m[4];
      if (elsewhere(url)) found.push(`${file}: ${url}`);
    }
  }
  assert.deepEqual(found, []);
});

test("no render-blocking script: every script is deferred, async, a module or data", () => {
  const blocking: string[] = [];
  for (const page of pages()) {
    const $ = cheerio.load(readFileSync(join(out, page), "utf8"));
    $("script").each((_, el) => {
      const s = $(el);
      const type = (s.attr("type") ?? "").toLowerCase();
      if (type === "module" || (type && !/^(text|application)\/(javascript|ecmascript)$/.test(type))) return; // modules defer; JSON-LD is data
      if (s.attr("src") === undefined) {
        blocking.push(`${page}: inline script`);
      } else if (s.attr("defer") === undefined && s.attr("async") === undefined) {
        blocking.push(`${page}: ${s.attr("src")}`);
      }
    });
  }
  assert.deepEqual(blocking, []);
});

// The search feature inside a real build: a search page in each script, the index beside the
// pages, and the same query code as the browser answering from the built files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readPage, text } from "./helpers/site-fixture.ts";
import { localSearcher } from "../scripts/search/local.ts";
import { buildSearchSite, FIXTURE_ARTICLES } from "./search-fixture.ts";

const { out, build } = await buildSearchSite();

test("the site with search builds", () => {
  assert.equal(build.code, 0, build.stderr);
});

test("a search page in each script, in that script, with a form that works without JavaScript", () => {
  for (const [path, lang, title, nojs] of [
    ["/zh-hans/search/", "zh-Hans", "搜索", "搜索需要浏览器启用 JavaScript。"],
    ["/zh-hant/search/", "zh-Hant", "搜尋", "搜尋需要瀏覽器啟用 JavaScript。"],
  ]) {
    const $ = readPage(out, path);
    assert.equal($("html").attr("lang"), lang);
    assert.equal(text($("h1")), title);
    const form = $(".search-page form");
    assert.equal(form.attr("action"), path);
    assert.equal(form.attr("method"), "get");
    assert.equal(form.find("input[name=q]").length, 1);
    // Without JavaScript the status line says so, and the sections are links.
    assert.match(text($("[data-search-status]")), new RegExp(`^${nojs}`));
    assert.ok($(".search-nojs-sections a").length >= 2);
    // The other script's search page is the alternate.
    const other = path.includes("hans") ? "/zh-hant/search/" : "/zh-hans/search/";
    assert.ok($(`link[rel=alternate][hreflang^="zh-"][href$="${other}"]`).length === 1);
  }
});

test("no inline script: the search code is the site's own modules, each importing the others by hashed name", () => {
  const $ = readPage(out, "/zh-hans/search/");
  const scripts = $("script").toArray();
  for (const s of scripts) {
    const type = $(s).attr("type") ?? "";
    if (type === "application/ld+json") continue; // data, never run
    assert.ok($(s).attr("src"), `inline script: ${$.html(s).slice(0, 80)}`);
  }
  const srcs = $("script[type=module]").map((_, s) => $(s).attr("src")!).get();
  assert.match(srcs[0]!, /^\/assets\/js\/search-page\.[0-9a-f]{10}\.js$/);
  assert.ok(srcs.length > 1, "the query core's modules are listed too");
  for (const src of srcs) {
    assert.match(src, /^\/assets\/js\/search-[a-z]+\.[0-9a-f]{10}\.js$/);
    // A hashed module imports only hashed modules the page lists (fetched at once, cached together).
    for (const [, spec] of readFileSync(join(out, src), "utf8").matchAll(/\bfrom\s*"([^"]+)"/g)) {
      assert.ok(srcs.includes(new URL(spec!, `https://x${src}`).pathname), `${src} imports ${spec}`);
    }
  }
  assert.ok(!$("[onclick], [onload], [onsubmit]").length);
  // Published without their comment lines (scripts/plugins/js-comments.ts), the code itself whole.
  for (const src of srcs) {
    const published = readFileSync(join(out, src), "utf8");
    assert.ok(!published.split("\n").some((l) => /^\s*(\/\/|\/\*)/.test(l)), `${src} has comment lines`);
  }
  // What makes dropping lines and indentation safe: no literal runs over several lines.
  for (const src of srcs) {
    const name = src.replace(/\.[0-9a-f]{10}\.js$/, ".js");
    const lines = readFileSync(new URL(`..${name}`, import.meta.url), "utf8").split("\n");
    assert.ok(!lines.some((l) => (l.match(/`/g) ?? []).length % 2 === 1 || /\\$/.test(l)), `${name} has a literal over several lines`);
  }
  const source = readFileSync(new URL("../assets/js/search-query.js", import.meta.url), "utf8");
  const published = readFileSync(join(out, srcs.find((s) => s.includes("search-query"))!), "utf8");
  // The partial matches' module is loaded only when nothing matches: imported by its hashed
  // name, published, not among the scripts the page lists.
  const lazy = [...published.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)].map(([, spec]) => new URL(spec!, "https://x/assets/js/").pathname);
  assert.equal(lazy.length, 1, "search-query.js imports search-partial.js when needed");
  assert.match(lazy[0]!, /^\/assets\/js\/search-partial\.[0-9a-f]{10}\.js$/);
  assert.ok(existsSync(join(out, lazy[0]!)));
  assert.ok(!srcs.includes(lazy[0]!));
  for (const [, spec] of readFileSync(join(out, lazy[0]!), "utf8").matchAll(/\bfrom\s*"([^"]+)"/g)) {
    assert.ok(srcs.includes(new URL(spec!, "https://x/assets/js/").pathname), `search-partial imports ${spec}, which the page lists`);
  }
  assert.ok(published.length < source.length);
  assert.ok(published.includes("export class Searcher"));
  const root = $("[data-search-index]");
  assert.equal(root.attr("data-search-index"), "/search/manifest.json");
  assert.equal(root.attr("data-search-none"), "没有找到与“{q}”相关的文章。");
  assert.equal(readPage(out, "/zh-hant/search/")("[data-search-index]").attr("data-search-none"), "沒有找到與「{q}」相關的文章。");
});

test("the index is written into the output, shared by both scripts", () => {
  const manifest = JSON.parse(readFileSync(join(out, "search/manifest.json"), "utf8"));
  assert.equal(manifest.docs, Object.keys(FIXTURE_ARTICLES).length);
  assert.deepEqual(Object.keys(manifest.variants), ["zh-hans", "zh-hant"]);
  assert.ok(existsSync(join(out, "search", manifest.base, "d/zh-hant/0.json")));
});

test("a query in either script finds the article in either script, linking to the reader's script", async () => {
  for (const [variant, query, wanted] of [
    ["zh-hans", "傳播", FIXTURE_ARTICLES.forum],
    ["zh-hans", "传播", FIXTURE_ARTICLES.forum],
    ["zh-hant", "数据中心", FIXTURE_ARTICLES.datacenter],
    ["zh-hant", "數據中心 認證", FIXTURE_ARTICLES.datacenter],
  ]) {
    const { searcher } = localSearcher(out, variant);
    const { results } = await searcher.page(await searcher.query(query), 0);
    assert.ok(results.length > 0, `${query} in ${variant}`);
    assert.equal(results[0].url, `/${variant}/${wanted}/`, `${query} in ${variant}`);
    assert.ok(existsSync(join(out, variant, wanted, "index.html")));
  }
  const { searcher } = localSearcher(out, "zh-hant");
  const [first, second] = (await searcher.page(await searcher.query("数据中心"), 0)).results;
  assert.equal(first.title, "數據中心通過等級認證");
  assert.equal(first.date, "2025年2月10日 09:30");
  assert.equal(second.url, `/zh-hant/${FIXTURE_ARTICLES.older}/`);
});

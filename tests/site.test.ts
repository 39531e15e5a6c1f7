// The sample site as a reader gets it: article anatomy, lists, hub, home, 404.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT, article, buildSiteInProcess, makeSite, pageExists, readPage, text } from "./helpers/site-fixture.ts";

const out = mkdtempSync(join(tmpdir(), "newsroom-sample-"));
const build = await buildSiteInProcess(PROJECT, out);
const ARTICLE = "/zh-hant/news/media-focus/2024/10/computing-dispatch-platform/";

test("the sample site builds", () => {
  assert.equal(build.code, 0, build.stderr);
  assert.match(build.stdout, /Built 1\d articles/);
});

test("article page: header, breadcrumb, headline, meta line, editor line", () => {
  const $ = readPage(out, ARTICLE);
  assert.equal($("html").attr("lang"), "zh-Hant");
  assert.equal($("h1").length, 1);
  assert.equal(text($("h1")), "嘉陵數智集團發布西部算力調度平臺");
  assert.match(text($("header.site-header")), /嘉陵數智集團/);
  assert.match(text($("header.site-header")), /電話：\+86-23-6318-2024/);
  const crumbs = $("nav.breadcrumb li");
  assert.deepEqual(crumbs.map((_, li) => text($(li))).get(), ["網站首頁", "新聞資訊", "媒體聚焦", "正文"]);
  assert.deepEqual(
    $("nav.breadcrumb a").map((_, a) => $(a).attr("href")).get(),
    ["/zh-hant/", "/zh-hant/news/", "/zh-hant/news/media-focus/"],
  );
  assert.ok($("nav.breadcrumb").attr("aria-label"));
  assert.equal(text($("p.meta")), "2024年10月16日 09:57 來源：重慶日報 閱讀量：2,317");
  assert.equal($("p.meta time").attr("datetime"), "2024-10-16T09:57:00+08:00");
  assert.equal(text($("p.editor")), "編輯：譚鑫");
});

test("article page: photos are figures with captions and dimensions", () => {
  const $ = readPage(out, ARTICLE);
  const figures = $("article figure");
  assert.equal(figures.length, 2);
  const img = figures.first().find("img");
  assert.equal(img.attr("width"), "960");
  assert.equal(img.attr("height"), "540");
  assert.equal(text(figures.first().find("figcaption")), "平臺發布會現場。主辦方供圖");
  const src = img.attr("src")!;
  assert.match(src, /^\/media\/news\/media-focus\/2024\/10\/computing-dispatch-platform\/photo-1\.jpg$/);
  assert.ok(pageExists(out, src), `${src} is copied into the output`);
});

test("article page: previous and next within the section by date", () => {
  const $ = readPage(out, ARTICLE);
  assert.equal($(".prev-next .prev a").attr("href"), "/zh-hant/news/media-focus/2024/09/chongqing-noodle-smart-line/");
  assert.equal($(".prev-next .next a").attr("href"), "/zh-hant/news/media-focus/2024/12/west-china-digital-transformation/");
  // The oldest article of the section has no previous one.
  const oldest = readPage(out, "/zh-hant/news/media-focus/2024/03/jiangjin-smart-factory-cloud/");
  assert.equal(oldest(".prev-next .prev a").length, 0);
  assert.match(text(oldest(".prev-next .prev")), /沒有了/);
  assert.ok(readPage(out, ARTICLE)(".related li.teaser").length > 0);
});

test("section list: newest first with date, source and summary", () => {
  const $ = readPage(out, "/zh-hans/news/media-focus/");
  const dates = $(".teaser time").map((_, t) => $(t).attr("datetime")).get();
  assert.ok(dates.length >= 9);
  assert.deepEqual(dates, [...dates].sort().reverse());
  const first = $(".teaser").first();
  assert.ok(text(first.find(".teaser-summary")).length > 10);
  assert.match(text(first.find(".teaser-meta")), /来源：/);
  // Articles with photos show a sized thumbnail; the title link beside it names the article.
  const thumb = $('.teaser a[href="/zh-hans/news/media-focus/2024/10/computing-dispatch-platform/"]').closest(".teaser").find("img.teaser-thumb");
  assert.equal(thumb.attr("src"), "/media/news/media-focus/2024/10/computing-dispatch-platform/photo-1.jpg");
  assert.equal(thumb.attr("width"), "960");
  assert.equal(thumb.attr("alt"), "");
  const noPhoto = $('.teaser a[href="/zh-hans/news/media-focus/2024/03/jiangjin-smart-factory-cloud/"]').closest(".teaser");
  assert.equal(noPhoto.find("img").length, 0);
});

test("hub, home, static page and 404 exist in both scripts", () => {
  for (const v of ["zh-hans", "zh-hant"]) {
    for (const url of [`/${v}/`, `/${v}/news/`, `/${v}/news/company/`, `/${v}/about/`, `/${v}/404.html`]) {
      assert.ok(pageExists(out, url), url);
    }
  }
  const hub = readPage(out, "/zh-hans/news/");
  assert.deepEqual(hub(".block h2").map((_, h) => text(hub(h))).get(), ["媒体聚焦", "公司新闻"]);
  const nf = readPage(out, "/404.html");
  assert.equal(text(nf("h1")), "找不到这个页面");
  assert.ok(nf('a[href="/zh-hans/"]').length > 0 && nf('a[href="/zh-hant/"]').length > 0);
  const root = readPage(out, "/");
  assert.ok(root('a[href="/zh-hans/"]').length === 1 && root('a[href="/zh-hant/"]').length === 1, "the root links to both scripts without JavaScript");
});

test("a date without a time shows no time", () => {
  const $ = readPage(out, "/zh-hans/news/company/2025/04/social-responsibility-report-2024/");
  assert.equal(text($("p.meta time")), "2025年4月18日");
});

test("pagination of a long list: the first and last pages, two either side of the current one, … for the rest", async () => {
  const files: Record<string, string> = {};
  for (let i = 1; i <= 20; i++) {
    files[`content/news/company/2025/long-${i}.md`] = article({ title: `第${i}條長列表新聞`, date: `2025-03-${String(i).padStart(2, "0")} 10:00`, editor: "甲", lang: "zh-Hant" });
  }
  const root = makeSite(files, { pageSize: 2 });
  const r = await buildSiteInProcess(root);
  assert.equal(r.code, 0, r.stderr);
  const items = (n: number) => {
    const $ = readPage(join(root, "_site"), n === 1 ? "/zh-hant/news/company/" : `/zh-hant/news/company/page/${n}/`);
    return $(".pagination li").map((_, li) => text($(li)) + ($(li).find("[aria-current=page]").length ? "*" : "")).get().join(" ");
  };
  assert.equal(items(1), "1* 2 3 … 10 下一頁");
  assert.equal(items(4), "上一頁 1 2 3 4* 5 6 … 10 下一頁");
  assert.equal(items(5), "上一頁 1 … 3 4 5* 6 7 … 10 下一頁");
  assert.equal(items(10), "上一頁 1 … 8 9 10*");
  const $ = readPage(join(root, "_site"), "/zh-hant/news/company/page/5/");
  assert.deepEqual($(".pagination li a:not([rel])").map((_, a) => $(a).attr("href")).get(), ["/zh-hant/news/company/", "/zh-hant/news/company/page/3/", "/zh-hant/news/company/page/4/", "/zh-hant/news/company/page/6/", "/zh-hant/news/company/page/7/", "/zh-hant/news/company/page/10/"]);
  assert.equal($(".pagination-gap").length, 2);
});

test("pagination: numbered pages, 2 a page", async () => {
  const files: Record<string, string> = {};
  for (let i = 1; i <= 5; i++) {
    files[`content/news/company/2025/item-${i}.md`] = article({ title: `第${i}條新聞`, date: `2025-03-0${i} 10:00`, editor: "甲", lang: "zh-Hant" });
  }
  const root = makeSite(files, { pageSize: 2 });
  const r = await buildSiteInProcess(root);
  assert.equal(r.code, 0, r.stderr);
  const site = join(root, "_site");
  const p1 = readPage(site, "/zh-hant/news/company/");
  assert.deepEqual(p1(".teaser-title").map((_, t) => text(p1(t))).get(), ["第5條新聞", "第4條新聞"]);
  assert.deepEqual(p1(".pagination li").map((_, li) => text(p1(li))).get(), ["1", "2", "3", "下一頁"]);
  assert.equal(p1('.pagination [aria-current="page"]').text(), "1");
  const p3 = readPage(site, "/zh-hant/news/company/page/3/");
  assert.deepEqual(p3(".teaser-title").map((_, t) => text(p3(t))).get(), ["第1條新聞"]);
  assert.equal(p3('.pagination a[rel="prev"]').attr("href"), "/zh-hant/news/company/page/2/");
  // Every page of the list shares one array of page links: each marks itself, and only itself, as current.
  const p2 = readPage(site, "/zh-hant/news/company/page/2/");
  assert.equal(p2('.pagination [aria-current="page"]').text(), "2");
  assert.deepEqual(p2(".pagination li a:not([rel])").map((_, a) => p2(a).attr("href")).get(), ["/zh-hant/news/company/", "/zh-hant/news/company/page/3/"]);
  assert.equal(p3('.pagination [aria-current="page"]').text(), "3");
  assert.ok(!pageExists(site, "/zh-hant/news/company/page/4/"));
  assert.deepEqual(readdirSync(join(site, "zh-hans/news/company/page")).sort(), ["2", "3"]);
});

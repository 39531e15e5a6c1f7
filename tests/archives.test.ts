// A section's archive: the page of its years and months, and each month's paginated list, in
// both scripts, with their twins, breadcrumbs and sitemap rows, linked from the section's list;
// the link check accepts links to them and refuses a month without articles.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { formatProblem } from "../scripts/content/problems.ts";
import { checkSite } from "../scripts/site/load-site.ts";
import { article, buildSiteInProcess, makeSite, pageExists, readPage, text } from "./helpers/site-fixture.ts";
import { readXml } from "./helpers/syndication.ts";

const SITE = "https://example.test";
const mf = (slug: string, date: string, title: string) => [`content/news/media-focus/${date.slice(0, 4)}/${slug}.md`, article({ title, date, source: "重庆日报", editor: "张伟" })];

const FILES = Object.fromEntries([
  mf("march-one", "2025-03-20 09:00", "三月第一篇报道"),
  mf("march-two", "2025-03-10 09:00", "三月第二篇报道"),
  mf("march-three", "2025-03-01 09:00", "三月第三篇报道"),
  mf("january", "2025-01-15 09:00", "一月的报道"),
  mf("december", "2024-12-31 23:30", "岁末的报道"),
  ["content/news/company/2025/annual-report.md", article({ title: "集團發佈年度報告", date: "2025-02-05 09:00", editor: "陳靜", lang: "zh-Hant" })],
  // Links to an archive month and an archive: the link check knows them from the sources.
  ["content/pages/about.md", "---\ntitle: 關於我們\nlang: zh-Hant\n---\n\n見[三月](/zh-hant/news/media-focus/2025/03/)與[歸檔](/zh-hans/news/company/archive/)。\n"],
]);

describe("archives", () => {
  // Two articles a page: March has a page 2.
  const root = makeSite(FILES, { pageSize: 2 });
  const out = join(root, "_site");

  before(async () => {
    const r = await buildSiteInProcess(root, out);
    assert.equal(r.code, 0, r.stderr + r.stdout);
  });

  it("a month's page lists its articles newest first, paginated, in both scripts", () => {
    const hans = readPage(out, "/zh-hans/news/media-focus/2025/03/");
    assert.equal(hans("title").text(), "媒体聚焦 · 2025年3月 - 测试集团");
    assert.equal(text(hans("h1")), "媒体聚焦2025年3月");
    assert.deepEqual(hans(".teaser-title a").map((_, a) => hans(a).text()).get(), ["三月第一篇报道", "三月第二篇报道"]);
    assert.deepEqual(hans(".pagination a").map((_, a) => hans(a).attr("href")).get(), ["/zh-hans/news/media-focus/2025/03/page/2/", "/zh-hans/news/media-focus/2025/03/page/2/"]);
    assert.equal(hans(".pagination [aria-current=page]").text(), "1");

    const page2 = readPage(out, "/zh-hant/news/media-focus/2025/03/page/2/");
    assert.equal(page2("title").text(), "媒體聚焦 · 2025年3月 · 第2頁 - 測試集團");
    assert.deepEqual(page2(".teaser-title a").map((_, a) => page2(a).text()).get(), ["三月第三篇報道"]);
    assert.equal(page2(".teaser-title a").attr("href"), "/zh-hant/news/media-focus/2025/03/march-three/");
    assert.equal(page2('.pagination a[rel="prev"]').attr("href"), "/zh-hant/news/media-focus/2025/03/");
  });

  it("a month's page has its breadcrumb, its twin in the other script and the months on either side", () => {
    const $ = readPage(out, "/zh-hant/news/media-focus/2025/01/");
    const crumbs = $(".breadcrumb li").map((_, li) => ({ text: text($(li)), href: $(li).find("a").attr("href") })).get();
    assert.deepEqual(crumbs, [
      { text: "網站首頁", href: "/zh-hant/" },
      { text: "新聞資訊", href: "/zh-hant/news/" },
      { text: "媒體聚焦", href: "/zh-hant/news/media-focus/" },
      { text: "歸檔", href: "/zh-hant/news/media-focus/archive/" },
      { text: "2025年1月", href: undefined },
    ]);
    assert.equal($('link[rel="canonical"]').attr("href"), `${SITE}/zh-hant/news/media-focus/2025/01/`);
    assert.equal($('link[rel="alternate"][hreflang="zh-Hans"]').attr("href"), `${SITE}/zh-hans/news/media-focus/2025/01/`);
    assert.equal($('link[rel="alternate"][hreflang="x-default"]').attr("href"), `${SITE}/zh-hans/news/media-focus/2025/01/`);
    assert.equal($('.script-switch a[hreflang="zh-Hans"]').attr("href"), "/zh-hans/news/media-focus/2025/01/");
    assert.equal(text($(".prev-next .prev")), "上一月：2024年12月");
    assert.equal($(".prev-next .prev a").attr("href"), "/zh-hant/news/media-focus/2024/12/");
    assert.equal(text($(".prev-next .next")), "下一月：2025年3月");
    // The section's feeds are announced, as on its lists.
    assert.equal($('link[type="application/atom+xml"]').first().attr("href"), "/zh-hant/news/media-focus/feed.xml");
    // An article in the last hour of 31 December in the site's time zone is December's.
    assert.ok(pageExists(out, "/zh-hans/news/media-focus/2024/12/"));
  });

  it("the archive lists the years and months with their counts, and the section's list links to it", () => {
    const $ = readPage(out, "/zh-hans/news/media-focus/archive/");
    assert.equal($("title").text(), "媒体聚焦 · 归档 - 测试集团");
    const years = $(".archive-year")
      .map((_, y) => ({ year: $(y).find("h2").text(), months: $(y).find("li").map((_, li) => text($(li))).get() }))
      .get();
    assert.deepEqual(years, [
      { year: "2025年", months: ["2025年3月 3篇", "2025年1月 1篇"] },
      { year: "2024年", months: ["2024年12月 1篇"] },
    ]);
    for (const href of $(".archive-months a").map((_, a) => $(a).attr("href")).get()) assert.ok(pageExists(out, href), href);
    assert.deepEqual($(".breadcrumb a").map((_, a) => $(a).attr("href")).get(), ["/zh-hans/", "/zh-hans/news/", "/zh-hans/news/media-focus/"]);
    const company = readPage(out, "/zh-hant/news/company/archive/");
    assert.deepEqual(company(".archive-months li").map((_, li) => text(company(li))).get(), ["2025年2月 1篇"]);

    for (const list of ["/zh-hans/news/media-focus/", "/zh-hans/news/media-focus/page/2/"]) {
      const l = readPage(out, list);
      assert.equal(l(".archive-link a").attr("href"), "/zh-hans/news/media-focus/archive/", list);
      assert.equal(l(".archive-link a").text(), "按月份浏览媒体聚焦");
    }
  });

  it("each script's sitemap lists the archive and every page of every month, with their twins", () => {
    for (const [path, other] of [["zh-hans", "zh-hant"], ["zh-hant", "zh-hans"]]) {
      const rows = (readXml(out, `sitemap-${path}.xml`, ["url", "xhtml:link"]).urlset.url as any[]).map((u) => ({ loc: u.loc as string, alternates: (u["xhtml:link"] as any[]).map((l) => l["@href"]) }));
      for (const inner of ["news/media-focus/archive/", "news/company/archive/", "news/media-focus/2025/03/", "news/media-focus/2025/03/page/2/", "news/media-focus/2025/01/", "news/media-focus/2024/12/", "news/company/2025/02/"]) {
        const row = rows.find((r) => r.loc === `${SITE}/${path}/${inner}`);
        assert.ok(row, `${path}: ${inner}`);
        assert.ok(row.alternates.includes(`${SITE}/${other}/${inner}`), `${path}: ${inner} names its twin`);
      }
    }
    const march = (readXml(out, "sitemap-zh-hans.xml", ["url"]).urlset.url as any[]).find((u) => u.loc === `${SITE}/zh-hans/news/media-focus/2025/03/`);
    assert.equal(march.lastmod, "2025-03-20T09:00:00+08:00", "a month changes when its newest article does");
  });

  it("the link check accepts links to archives and refuses a month without articles", async () => {
    const bad = makeSite({ ...FILES, "content/pages/about.md": "---\ntitle: 關於我們\nlang: zh-Hant\n---\n\n見[二月](/zh-hant/news/media-focus/2025/02/)。\n" }, { pageSize: 2 });
    const { problems } = await checkSite(bad);
    assert.deepEqual(problems.filter((p) => p.severity === "error").map(formatProblem), [
      "content/pages/about.md:6: the link /zh-hant/news/media-focus/2025/02/ leads to no page of this site. Check the address: copy it from the page you mean.",
    ]);
  });
});

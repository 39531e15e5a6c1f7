// NewsArticle JSON-LD on article pages, Open Graph and Twitter card tags on every page: all
// of it in the page's own script, every URL absolute, nothing that can break out of its tag.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import type { CheerioAPI } from "cheerio";
import { article, buildSiteInProcess, makeSite, readPage, text } from "./helpers/site-fixture.ts";
import { PHOTO_PNG } from "./helpers/syndication.ts";
import { logoUrl } from "../scripts/structured-data/publisher.ts";
import { ogLocale } from "../scripts/structured-data/social.ts";

const SITE = "https://example.test";
const REPRINT = "news/media-focus/2025/03/summit-opens/";
const OWN = "news/company/2025/03/annual-report/";
const HEADLINES = {
  "zh-hans": '数字经济发展 </script><b>"要闻"</b> & 更多',
  "zh-hant": '數字經濟發展 </script><b>"要聞"</b> & 更多',
};

const VARIANTS = [
  { lang: "zh-Hans", path: "zh-hans" as const, locale: "zh_CN", other: "zh_TW", site: "测试集团", editor: "张伟", outlet: "重庆日报", section: "媒体聚焦", ownEditor: "陈静" },
  { lang: "zh-Hant", path: "zh-hant" as const, locale: "zh_TW", other: "zh_CN", site: "測試集團", editor: "張偉", outlet: "重慶日報", section: "媒體聚焦", ownEditor: "陳靜" },
];

function jsonLd($: CheerioAPI): any[] {
  return $('script[type="application/ld+json"]')
    .map((_, el) => {
      const raw = $(el).html() ?? "";
      assert.ok(!raw.includes("<"), "no < inside the script element");
      return JSON.parse(raw);
    })
    .get();
}

/** Meta tags as [key, content] pairs in page order (og:/article: by property, twitter: by name). */
function metas($: CheerioAPI): [string, string][] {
  return $("meta[property], meta[name^='twitter:']")
    .map((_, el) => [[el.attribs.property ?? el.attribs.name, el.attribs.content]])
    .get() as [string, string][];
}

const meta = ($: CheerioAPI, key: string) => metas($).filter(([k]) => k === key).map(([, v]) => v);

describe("structured data", () => {
  const root = makeSite({
    "content/news/media-focus/2025/summit-opens/index.md": article(
      {
        title: `'${HEADLINES["zh-hans"]}'`,
        date: "2025-03-08 13:00",
        updated: "2025-03-09 08:30",
        source: "重庆日报",
        editor: "张伟",
        cover: "./photo.png",
        summary: "峰会在重庆开幕，发布数字经济报告。",
        tags: "[数字经济, 峰会]",
      },
      "峰会今日开幕。",
    ),
    "content/news/media-focus/2025/summit-opens/photo.png": PHOTO_PNG,
    "content/news/company/2025/annual-report.md": article({ title: "集團發佈年度報告", date: "2025-03-01 10:00", editor: "陳靜", lang: "zh-Hant" }, "年度報告正文。"),
    "content/pages/about.md": "---\ntitle: 關於我們\nlang: zh-Hant\n---\n\n關於我們正文。\n",
  });
  const out = join(root, "_site");

  before(async () => {
    const r = await buildSiteInProcess(root, out, { NEWSROOM_NOW: "2025-03-10T12:00:00+08:00" });
    assert.equal(r.code, 0, r.stderr + r.stdout);
  });

  it("describes a reprint as a NewsArticle in the page's script, naming its outlet", () => {
    for (const v of VARIANTS) {
      const $ = readPage(out, `/${v.path}/${REPRINT}`);
      const all = jsonLd($);
      assert.equal(all.length, 1);
      const ld = all[0];
      assert.equal(ld["@context"], "https://schema.org");
      assert.equal(ld["@type"], "NewsArticle");
      assert.equal(ld.headline, HEADLINES[v.path], "headline in this script, the markup in it as text");
      assert.equal(ld.headline, text($("h1.headline")));
      assert.equal(ld.description, $('meta[name="description"]').attr("content"));
      assert.equal(ld.datePublished, "2025-03-08T13:00:00+08:00");
      assert.equal(ld.dateModified, "2025-03-09T08:30:00+08:00");
      assert.equal(ld.inLanguage, v.lang);
      const canonical = $('link[rel="canonical"]').attr("href");
      assert.equal(canonical, `${SITE}/${v.path}/${REPRINT}`);
      assert.deepEqual(ld.mainEntityOfPage, { "@type": "WebPage", "@id": canonical });
      assert.equal(ld.url, canonical);
      assert.deepEqual(ld.editor, { "@type": "Person", name: v.editor });
      assert.deepEqual(ld.author, { "@type": "NewsMediaOrganization", name: v.outlet });
      assert.deepEqual(ld.sourceOrganization, { "@type": "NewsMediaOrganization", name: v.outlet });
      assert.deepEqual(ld.isBasedOn.publisher, { "@type": "NewsMediaOrganization", name: v.outlet });
      assert.deepEqual(ld.publisher, {
        "@type": "Organization",
        name: v.site,
        url: `${SITE}/${v.path}/`,
        logo: { "@type": "ImageObject", url: `${SITE}/assets/img/favicon.svg` },
      });
      assert.deepEqual(ld.image, [`${SITE}/media/${REPRINT}photo.png`]);
      assert.equal(ld.articleSection, v.section);
    }
  });

  it("names the editor as the author of the site's own articles; no image where there is none", () => {
    for (const v of VARIANTS) {
      const [ld] = jsonLd(readPage(out, `/${v.path}/${OWN}`));
      assert.deepEqual(ld.author, { "@type": "Person", name: v.ownEditor });
      assert.deepEqual(ld.editor, ld.author);
      assert.equal(ld.headline, v.path === "zh-hans" ? "集团发布年度报告" : "集團發佈年度報告");
      assert.equal(ld.image, undefined);
      assert.equal(ld.sourceOrganization, undefined);
      assert.equal(ld.isBasedOn, undefined);
      assert.equal(ld.datePublished, "2025-03-01T10:00:00+08:00");
      assert.equal(ld.dateModified, ld.datePublished);
    }
  });

  it("puts JSON-LD on article pages only", () => {
    for (const url of ["/zh-hans/", "/zh-hans/news/", "/zh-hant/news/media-focus/", "/zh-hant/about/", "/zh-hans/404.html", "/404.html"]) {
      assert.deepEqual(jsonLd(readPage(out, url)), [], url);
    }
  });

  it("gives an article page Open Graph article tags and a large-image Twitter card", () => {
    for (const v of VARIANTS) {
      const $ = readPage(out, `/${v.path}/${REPRINT}`);
      const one = (key: string) => {
        const found = meta($, key);
        assert.equal(found.length, 1, key);
        return found[0];
      };
      assert.equal(one("og:type"), "article");
      assert.equal(one("og:title"), HEADLINES[v.path]);
      assert.equal(one("og:description"), v.path === "zh-hans" ? "峰会在重庆开幕，发布数字经济报告。" : "峰會在重慶開幕，發布數字經濟報告。");
      assert.equal(one("og:url"), `${SITE}/${v.path}/${REPRINT}`);
      assert.equal(one("og:site_name"), v.site);
      assert.equal(one("og:locale"), v.locale);
      assert.deepEqual(meta($, "og:locale:alternate"), [v.other]);
      assert.equal(one("og:image"), `${SITE}/media/${REPRINT}photo.png`);
      assert.equal(one("og:image:width"), "1200");
      assert.equal(one("og:image:height"), "630");
      assert.equal(one("article:published_time"), "2025-03-08T13:00:00+08:00");
      assert.equal(one("article:modified_time"), "2025-03-09T08:30:00+08:00");
      assert.equal(one("article:section"), v.section);
      assert.deepEqual(meta($, "article:tag"), v.path === "zh-hans" ? ["数字经济", "峰会"] : ["數字經濟", "峰會"]);
      assert.equal(one("twitter:card"), "summary_large_image");
      assert.equal(one("twitter:title"), HEADLINES[v.path]);
      assert.equal(one("twitter:image"), `${SITE}/media/${REPRINT}photo.png`);
    }
  });

  it("gives other pages website tags and a summary card; none on 404 pages", () => {
    const own = readPage(out, `/zh-hant/${OWN}`);
    assert.equal(meta(own, "twitter:card")[0], "summary", "an article without an image");
    assert.deepEqual(meta(own, "og:image"), []);
    const pages = [
      { url: "/zh-hans/", title: "测试集团" },
      { url: "/zh-hant/news/", title: "新聞資訊" },
      { url: "/zh-hans/news/media-focus/", title: "媒体聚焦" },
      { url: "/zh-hant/about/", title: "關於我們" },
    ];
    for (const p of pages) {
      const $ = readPage(out, p.url);
      assert.deepEqual(meta($, "og:type"), ["website"], p.url);
      assert.deepEqual(meta($, "og:title"), [p.title], p.url);
      assert.deepEqual(meta($, "og:url"), [`${SITE}${p.url}`]);
      assert.deepEqual(meta($, "og:locale"), [p.url.startsWith("/zh-hans/") ? "zh_CN" : "zh_TW"]);
      assert.deepEqual(meta($, "og:site_name"), [p.url.startsWith("/zh-hans/") ? "测试集团" : "測試集團"]);
      assert.deepEqual(meta($, "twitter:card"), ["summary"]);
      assert.deepEqual(meta($, "og:image"), []);
      assert.ok(!metas($).some(([k]) => k.startsWith("article:")), p.url);
    }
    for (const url of ["/zh-hans/404.html", "/404.html"]) assert.deepEqual(metas(readPage(out, url)), [], url);
  });
});

describe("structured data helpers", () => {
  it("uses the site logo when site data names one, else the favicon, always absolute", () => {
    assert.equal(logoUrl({ url: SITE }), `${SITE}/assets/img/favicon.svg`);
    assert.equal(logoUrl({ url: SITE, logo: "/assets/img/logo.svg" }), `${SITE}/assets/img/logo.svg`);
    assert.equal(logoUrl({ url: SITE, logo: "assets/img/logo.png" }), `${SITE}/assets/img/logo.png`);
    assert.equal(logoUrl({ url: SITE, logo: "https://cdn.example.test/logo.png" }), "https://cdn.example.test/logo.png");
  });

  it("maps variants to Open Graph locales", () => {
    assert.equal(ogLocale("zh-Hans", "zh-cn"), "zh_CN");
    assert.equal(ogLocale("zh-Hant", "zh-tw"), "zh_TW");
    assert.equal(ogLocale("zh-HK", "zh-tw"), "zh_HK");
    assert.equal(ogLocale("zh-Hans", "zh-sg"), "zh_SG");
  });
});

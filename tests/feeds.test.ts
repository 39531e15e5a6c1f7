// Atom and JSON Feed: one per script for the news hub and for each section, full content,
// absolute URLs, ids of their own, and autodiscovery links in the pages' heads.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import * as cheerio from "cheerio";
import { article, buildSiteInProcess, makeSite, readPage, text } from "./helpers/site-fixture.ts";
import { htmlPages, PHOTO_PNG, readJson, readXml } from "./helpers/syndication.ts";
import { absolutizeHtml } from "../scripts/feeds/absolute-urls.ts";
import { FEED_LIMIT, feedChannels } from "../scripts/feeds/feeds.ts";
import { xmlSafe } from "../scripts/feeds/xml-text.ts";
import { loadSite } from "../scripts/site/load-site.ts";

const SITE = "https://example.test";
const VARIANTS = [
  { lang: "zh-Hans", path: "zh-hans", siteName: "测试集团" },
  { lang: "zh-Hant", path: "zh-hant", siteName: "測試集團" },
];
const SCOPES = [
  { name: "hub", dir: "news/", section: undefined },
  { name: "media-focus", dir: "news/media-focus/", section: "media-focus" },
  { name: "company", dir: "news/company/", section: "company" },
];
const OFFSET_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/;
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;

const BODY = [
  "导语：数字经济 & 算力，x < y，原文含 ]]> 与 `<script>alert(1)</script>` 字样。",
  "",
  '![发布会现场](./photo.png "发布会现场")',
  "",
  "详见[关于我们](/zh-hans/about/)、[旧闻](../../02/reprint-two/)与[外链](https://example.org/a?b=1&c=2)，或来信 <mailto:news@example.test>。",
].join("\n");

const REPRINT_URL = "news/media-focus/2025/03/reprint-one/";

function articleUrls(out: string, variant: string, section?: string): string[] {
  return htmlPages(out, variant).filter((u) => {
    const m = /^\/[^/]+\/news\/([^/]+)\/\d{4}\/\d\d\/[^/]+\/$/.exec(u);
    return m !== null && (section === undefined || m[1] === section);
  });
}

const local = (href: string) => (href.startsWith(SITE) ? href.slice(SITE.length) : href);

function atom(out: string, url: string) {
  const feed = readXml(out, url, ["entry", "link", "category"]).feed;
  const entries: any[] = feed.entry ?? [];
  return { feed, entries };
}

/** Structural check against JSON Feed 1.1 (https://jsonfeed.org/version/1.1): the problems found. */
function jsonFeedProblems(feed: any, ownUrl: string): string[] {
  const problems: string[] = [];
  const isUrl = (v: unknown) => typeof v === "string" && /^https?:\/\/[^/]+/.test(v);
  const TOP = ["version", "title", "home_page_url", "feed_url", "description", "user_comment", "next_url", "icon", "favicon", "authors", "language", "expired", "hubs", "items"];
  const ITEM = ["id", "url", "external_url", "title", "content_html", "content_text", "summary", "image", "banner_image", "date_published", "date_modified", "authors", "tags", "language", "attachments"];
  if (feed.version !== "https://jsonfeed.org/version/1.1") problems.push(`version ${feed.version}`);
  if (typeof feed.title !== "string" || !feed.title) problems.push("no title");
  for (const k of ["home_page_url", "feed_url", "icon", "favicon"]) if (feed[k] !== undefined && !isUrl(feed[k])) problems.push(`${k} not a URL`);
  if (feed.feed_url !== ownUrl) problems.push(`feed_url ${feed.feed_url} is not ${ownUrl}`);
  for (const k of Object.keys(feed)) if (!TOP.includes(k) && !k.startsWith("_")) problems.push(`unknown key ${k}`);
  const authors = (a: unknown, where: string) => {
    if (a === undefined) return;
    if (!Array.isArray(a) || a.length === 0) problems.push(`${where}: authors must be a non-empty array`);
    else for (const x of a) if (typeof x !== "object" || !x || typeof x.name !== "string") problems.push(`${where}: author without name`);
  };
  authors(feed.authors, "feed");
  if (!Array.isArray(feed.items)) return [...problems, "items is not an array"];
  const ids = new Set<string>();
  for (const [i, item] of feed.items.entries()) {
    const at = `items[${i}]`;
    if (typeof item.id !== "string" || !item.id) problems.push(`${at}: id must be a string`);
    if (ids.has(item.id)) problems.push(`${at}: duplicate id`);
    ids.add(item.id);
    if (typeof item.content_html !== "string" && typeof item.content_text !== "string") problems.push(`${at}: no content`);
    for (const k of ["url", "image", "banner_image"]) if (item[k] !== undefined && !isUrl(item[k])) problems.push(`${at}: ${k} not a URL`);
    for (const k of ["date_published", "date_modified"]) if (item[k] !== undefined && !RFC3339.test(item[k])) problems.push(`${at}: ${k} not RFC 3339`);
    if (item.tags !== undefined && !(Array.isArray(item.tags) && item.tags.every((t: unknown) => typeof t === "string"))) problems.push(`${at}: tags`);
    for (const k of Object.keys(item)) if (!ITEM.includes(k) && !k.startsWith("_")) problems.push(`${at}: unknown key ${k}`);
    authors(item.authors, at);
  }
  return problems;
}

describe("feeds", () => {
  const root = makeSite({
    "content/news/media-focus/2025/reprint-one/index.md": article(
      { title: '数字经济发展 & <算力> "新闻"', date: "2025-03-08 09:30", updated: "2025-03-09 10:00", source: "重庆日报", editor: "张伟", tags: "[数字经济, 算力]" },
      BODY,
    ),
    "content/news/media-focus/2025/reprint-one/photo.png": PHOTO_PNG,
    "content/news/media-focus/2025/reprint-two.md": article({ title: "云计算产业观察", date: "2025-02-01 08:00", source: "华龙网", editor: "李娜" }),
    "content/news/company/2025/annual-report.md": article({ title: "集團發佈年度報告", date: "2025-03-01 10:00", editor: "陳靜", lang: "zh-Hant" }, "年度報告正文。"),
    "content/pages/about.md": "---\ntitle: 關於我們\nlang: zh-Hant\n---\n\n關於我們正文。\n",
  }, { linkAllowlist: ["example.org"] });
  const out = join(root, "_site");

  before(async () => {
    const r = await buildSiteInProcess(root, out, { NEWSROOM_NOW: "2025-03-10T12:00:00+08:00" });
    assert.equal(r.code, 0, r.stderr + r.stdout);
  });

  it("writes an Atom feed (well-formed XML) and a JSON Feed for the hub and each section, in each script", () => {
    for (const v of VARIANTS) {
      for (const s of SCOPES) {
        const base = `/${v.path}/${s.dir}`;
        const { feed } = atom(out, `${base}feed.xml`);
        assert.equal(feed["@xml:lang"], v.lang);
        assert.equal(feed.id, `${SITE}${base}feed.xml`);
        const self = feed.link.find((l: any) => l["@rel"] === "self");
        assert.equal(self["@href"], `${SITE}${base}feed.xml`);
        const page = feed.link.find((l: any) => l["@rel"] === "alternate" && l["@type"] === "text/html");
        assert.equal(page["@href"], `${SITE}${base}`);
        assert.ok(existsSync(join(out, base, "index.html")));
        assert.match(feed.updated, OFFSET_DATE);
        assert.ok(feed.title["#text"].endsWith(` - ${v.siteName}`), feed.title["#text"]);
        const json = readJson(out, `${base}feed.json`);
        assert.equal(json.title, feed.title["#text"]);
        assert.equal(json.language, v.lang);
      }
    }
  });

  it("lists exactly the built articles of its scope and script, newest first", () => {
    for (const v of VARIANTS) {
      for (const s of SCOPES) {
        const base = `/${v.path}/${s.dir}`;
        const { entries } = atom(out, `${base}feed.xml`);
        const links = entries.map((e) => local(e.link.find((l: any) => l["@rel"] === "alternate")["@href"]));
        assert.deepEqual([...links].sort(), articleUrls(out, v.path, s.section), base);
        const published = entries.map((e) => Date.parse(e.published));
        assert.deepEqual(published, [...published].sort((a, b) => b - a), `${base} is newest first`);
        const json = readJson(out, `${base}feed.json`);
        assert.deepEqual(json.items.map((i: any) => local(i.url)), links, `${base}feed.json lists what feed.xml does`);
      }
    }
  });

  it("gives every article its own id in each script, the same in every feed and format", () => {
    const idOf = new Map<string, string>(); // page URL → id
    const ids: Record<string, Set<string>> = {};
    for (const v of VARIANTS) {
      ids[v.path] = new Set();
      for (const s of SCOPES) {
        const base = `/${v.path}/${s.dir}`;
        const { entries } = atom(out, `${base}feed.xml`);
        const json = readJson(out, `${base}feed.json`);
        entries.forEach((e, i) => {
          const url = local(e.link[0]["@href"]);
          assert.match(e.id, /^tag:example\.test,\d{4}-\d\d:[a-z0-9/-]+$/);
          assert.equal(json.items[i].id, e.id, "JSON Feed and Atom share the id");
          if (idOf.has(url)) assert.equal(idOf.get(url), e.id, `${url} has one id in every feed`);
          idOf.set(url, e.id);
          ids[v.path].add(e.id);
        });
      }
    }
    assert.equal(new Set(idOf.values()).size, idOf.size, "no two pages share an id");
    assert.equal(ids["zh-hans"].size, 3);
    assert.equal([...ids["zh-hans"]].filter((id) => ids["zh-hant"].has(id)).length, 0, "the scripts' entries differ");
  });

  it("carries dates with their offset, the editor and the section", () => {
    const { entries } = atom(out, "/zh-hant/news/feed.xml");
    const e = entries.find((x) => x.link[0]["@href"] === `${SITE}/zh-hant/${REPRINT_URL}`);
    assert.equal(e.published, "2025-03-08T09:30:00+08:00");
    assert.equal(e.updated, "2025-03-09T10:00:00+08:00");
    assert.equal(e.author.name, "張偉");
    assert.deepEqual(e.category.map((c: any) => c["@term"]), ["media-focus", "數字經濟", "算力"]);
    assert.equal(e.category[0]["@label"], "媒體聚焦");
    for (const x of entries) {
      assert.match(x.published, OFFSET_DATE);
      assert.match(x.updated, OFFSET_DATE);
    }
    const json = readJson(out, "/zh-hant/news/feed.json");
    const item = json.items.find((i: any) => i.url === `${SITE}/zh-hant/${REPRINT_URL}`);
    assert.equal(item.date_published, "2025-03-08T09:30:00+08:00");
    assert.equal(item.date_modified, "2025-03-09T10:00:00+08:00");
    assert.deepEqual(item.authors, [{ name: "張偉" }]);
    assert.equal(item.image, `${SITE}/media/${REPRINT_URL}photo.png`);
  });

  it("holds the full body in the feed's script, escaped once, with every URL absolute", () => {
    for (const v of VARIANTS) {
      const page = readPage(out, `/${v.path}/${REPRINT_URL}`);
      const { entries } = atom(out, `/${v.path}/news/media-focus/feed.xml`);
      const e = entries.find((x) => x.link[0]["@href"] === `${SITE}/${v.path}/${REPRINT_URL}`);
      assert.equal(e.content["@type"], "html");
      assert.equal(e.title["#text"], text(page("h1.headline")), "title as the page shows it");
      const json = readJson(out, `/${v.path}/news/media-focus/feed.json`).items[0];
      assert.equal(json.content_html, e.content["#text"], "Atom and JSON Feed carry the same HTML");
      assert.equal(json.title, e.title["#text"]);

      const $ = cheerio.load(e.content["#text"], null, false);
      // Reprints name their outlet, in this script.
      assert.equal(text($("p.source")), v.lang === "zh-Hans" ? "来源：重庆日报" : "來源：重慶日報");
      $("p.source").remove();
      assert.equal(text($.root()), text(page(".article-body")), "the whole body, as on the page");
      // What the editor typed as text stays text: no element, no broken CDATA.
      assert.equal($("script").length, 0);
      assert.ok(text($.root()).includes("]]> 与 <script>alert(1)</script>") || text($.root()).includes("]]> 與 <script>alert(1)</script>"));
      assert.equal($("img").attr("src"), `${SITE}/media/${REPRINT_URL}photo.png`);
      const hrefs = $("a").map((_, a) => $(a).attr("href")).get();
      assert.deepEqual(hrefs, [
        `${SITE}/zh-hans/about/`,
        `${SITE}/${v.path}/news/media-focus/2025/02/reprint-two/`,
        "https://example.org/a?b=1&c=2",
        "mailto:news@example.test",
      ]);
      $("[src], [href]").each((_, el) => assert.match($(el).attr("src") ?? $(el).attr("href") ?? "", /^(https:\/\/|mailto:)/));
    }
  });

  it("is a valid JSON Feed 1.1, structurally", () => {
    for (const v of VARIANTS) {
      for (const s of SCOPES) {
        const url = `/${v.path}/${s.dir}feed.json`;
        const feed = readJson(out, url);
        assert.deepEqual(jsonFeedProblems(feed, SITE + url), [], url);
        assert.equal(feed.home_page_url, `${SITE}/${v.path}/${s.dir}`);
        assert.deepEqual(feed.authors, [{ name: v.siteName, url: `${SITE}/${v.path}/` }]);
      }
    }
  });

  it("is announced in the head: section and hub feeds on lists and articles, the hub's elsewhere", () => {
    const links = (url: string) =>
      readPage(out, url)('link[rel="alternate"][type^="application/"]')
        .map((_, l) => ({ type: l.attribs.type, href: l.attribs.href, title: l.attribs.title }))
        .get();
    const hub = (p: string, news: string, site: string) => [
      { type: "application/atom+xml", href: `/${p}/news/feed.xml`, title: `${news} - ${site}` },
      { type: "application/feed+json", href: `/${p}/news/feed.json`, title: `${news} - ${site}` },
    ];
    const section = [
      { type: "application/atom+xml", href: "/zh-hant/news/media-focus/feed.xml", title: "媒體聚焦 - 測試集團" },
      { type: "application/feed+json", href: "/zh-hant/news/media-focus/feed.json", title: "媒體聚焦 - 測試集團" },
    ];
    assert.deepEqual(links("/zh-hant/news/media-focus/"), [...section, ...hub("zh-hant", "新聞資訊", "測試集團")]);
    assert.deepEqual(links(`/zh-hant/${REPRINT_URL}`), [...section, ...hub("zh-hant", "新聞資訊", "測試集團")]);
    assert.deepEqual(links("/zh-hans/"), hub("zh-hans", "新闻资讯", "测试集团"));
    assert.deepEqual(links("/zh-hans/news/"), hub("zh-hans", "新闻资讯", "测试集团"));
    assert.deepEqual(links("/zh-hans/about/"), hub("zh-hans", "新闻资讯", "测试集团"));
    for (const l of links(`/zh-hans/${REPRINT_URL}`)) assert.ok(existsSync(join(out, l.href)), l.href);
  });
});

describe("feed contents", () => {
  it(`holds the newest ${FEED_LIMIT} articles`, async () => {
    assert.equal(FEED_LIMIT, 50);
    const files: Record<string, string> = {};
    for (let i = 0; i < 53; i++) {
      const day = String(1 + (i % 28)).padStart(2, "0");
      const month = String(1 + Math.floor(i / 28)).padStart(2, "0");
      files[`content/news/media-focus/2025/a${i}.md`] = article({ title: `报道${i}`, date: `2025-${month}-${day} 08:00`, source: "重庆日报", editor: "张伟" });
    }
    files["content/news/company/2025/c.md"] = article({ title: "公司新闻", date: "2024-12-31 08:00", editor: "张伟" });
    const site = await loadSite({ root: makeSite(files), includeDrafts: false, cacheFile: null });
    assert.ok(site.model, JSON.stringify(site.problems));
    const channels = feedChannels(site.model);
    assert.equal(channels.length, 6, "hub and two sections, in two scripts");
    for (const c of channels) {
      const expected = c.section?.id === "company" ? 1 : 50;
      assert.equal(c.entries.length, expected, c.atomPath);
      const dates = c.entries.map((e) => Date.parse(e.published));
      assert.deepEqual(dates, [...dates].sort((a, b) => b - a));
    }
    const hub = channels.find((c) => c.atomPath === "/zh-hans/news/feed.xml")!;
    assert.equal(hub.entries[0].title, "报道52");
    assert.equal(hub.entries[49].title, "报道3");
    assert.equal(hub.updated, hub.entries[0].updated);
  });

  it("makes every URL attribute absolute, srcset included, and leaves schemes alone", () => {
    const base = "https://example.test/zh-hans/news/a/";
    assert.equal(
      absolutizeHtml('<p><img src="/m/a.jpg" srcset="/m/a.jpg 1x, b.jpg 2x"><a href="#top">上</a><a href="tel:+862312345678">电话</a><a href="?p=2">下页</a></p>', base),
      '<p><img src="https://example.test/m/a.jpg" srcset="https://example.test/m/a.jpg 1x, https://example.test/zh-hans/news/a/b.jpg 2x"><a href="https://example.test/zh-hans/news/a/#top">上</a><a href="tel:+862312345678">电话</a><a href="https://example.test/zh-hans/news/a/?p=2">下页</a></p>',
    );
    assert.equal(absolutizeHtml("<p>没有链接 &amp; 图片</p>", base), "<p>没有链接 &amp; 图片</p>");
  });

  it("drops the characters XML 1.0 cannot hold, and nothing else", () => {
    assert.equal(xmlSafe("标题\u0000\u0008\u000b\u001f\ufffe结束"), "标题结束");
    assert.equal(xmlSafe("行\t一\n行\r二 𠮷 & <b>"), "行\t一\n行\r二 𠮷 & <b>");
    assert.equal(xmlSafe("孤\ud800立\udc00"), "孤立");
  });
});

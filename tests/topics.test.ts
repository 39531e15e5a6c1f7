// Topic pages from the articles' tags: one topic a tag whatever its script, named, described
// and ordered by content/_data/topics.json where it says so, paginated in both scripts, in
// the sitemaps, with feeds for the topics the file names; article tags link to them;
// topics.json's problems are reported with their line; and a rebuild with the last build's
// memory (the dev server) hands back every archive and topic page an edit does not reach.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { ArticleSource } from "../scripts/content/articles.ts";
import { formatProblem, Problems } from "../scripts/content/problems.ts";
import { loadBlocklist } from "../scripts/content/spam-guard.ts";
import { defaultTopicSlug, topicKey } from "../scripts/content/topic-key.ts";
import { TOPICS_PAGE_SIZE } from "../scripts/content/topics.ts";
import { ConversionCache } from "../scripts/convert/conversion-cache.ts";
import { Converters } from "../scripts/convert/converters.ts";
import { buildModel, loadSources } from "../scripts/model/build-model.ts";
import type { PageBase, SiteModel } from "../scripts/model/types.ts";
import { checkSite } from "../scripts/site/load-site.ts";
import { loadSiteConfig } from "../scripts/site/site-config.ts";
import { article, buildSiteInProcess, makeSite, pageExists, readPage, runTool, text, type Files } from "./helpers/site-fixture.ts";
import { htmlPages, readXml } from "./helpers/syndication.ts";

const SITE = "https://example.test";

const TOPICS = JSON.stringify(
  {
    topics: [
      { id: "數據中心", slug: "data-centers", description: "數據中心的建設與運營。" },
      { id: "算力", name: "-{zh-hans:算力网络;zh-hant:算力網路}-" },
    ],
  },
  null,
  2,
);

const FILES: Files = {
  // 数据中心 and 數據中心 are one topic; so are 5G and 5g.
  "content/news/media-focus/2025/a1.md": article({ title: "数据中心二期开工", date: "2025-03-08 10:00", source: "重庆日报", editor: "张伟", tags: "[数据中心, 算力]" }),
  "content/news/media-focus/2025/a2.md": article({ title: "綠色數據中心投運", date: "2025-03-07 10:00", source: "華龍網", editor: "陳靜", lang: "zh-Hant", views: 1000, tags: "[數據中心, 綠色低碳]" }),
  "content/news/media-focus/2025/a3.md": article({ title: "数据中心获认证", date: "2025-02-01 10:00", source: "重庆日报", editor: "张伟", tags: "[数据中心, 5g]" }),
  "content/news/company/2025/a4.md": article({ title: "集團工程師獲獎", date: "2025-01-05 09:00", editor: "陳靜", lang: "zh-Hant", tags: "[5G, 人物]" }),
  "content/_data/topics.json": TOPICS,
};

const texts = ($: ReturnType<typeof readPage>, selector: string) => $(selector).map((_, e) => text($(e))).get();

describe("topic pages", () => {
  // Two articles a page: 数据中心 has a page 2.
  const root = makeSite(FILES, { pageSize: 2 });
  const out = join(root, "_site");

  before(async () => {
    const r = await buildSiteInProcess(root, out);
    assert.equal(r.code, 0, r.stderr + r.stdout);
  });

  it("a topic gathers its articles from every section and both scripts, newest first, paginated", () => {
    const hans = readPage(out, "/zh-hans/news/topics/data-centers/");
    assert.equal(hans("title").text(), "数据中心 · 话题 - 测试集团");
    assert.equal(hans("h1").text(), "数据中心");
    assert.equal(hans(".topic-intro").text(), "数据中心的建设与运营。");
    assert.equal(hans('meta[name="description"]').attr("content"), "数据中心的建设与运营。");
    assert.deepEqual(texts(hans, ".teaser-title a"), ["数据中心二期开工", "绿色数据中心投运"]);
    assert.equal(hans('.pagination a[rel="next"]').attr("href"), "/zh-hans/news/topics/data-centers/page/2/");

    const page2 = readPage(out, "/zh-hant/news/topics/data-centers/page/2/");
    assert.equal(page2("title").text(), "數據中心 · 話題 · 第2頁 - 測試集團");
    assert.deepEqual(texts(page2, ".teaser-title a"), ["數據中心獲認證"]);
    assert.deepEqual(texts(page2, ".breadcrumb li"), ["網站首頁", "新聞資訊", "話題", "數據中心"]);
    assert.deepEqual(page2(".breadcrumb a").map((_, a) => page2(a).attr("href")).get(), ["/zh-hant/", "/zh-hant/news/", "/zh-hant/news/topics/"]);
    assert.equal(page2('link[rel="canonical"]').attr("href"), `${SITE}/zh-hant/news/topics/data-centers/page/2/`);
    assert.equal(page2('link[rel="alternate"][hreflang="zh-Hans"]').attr("href"), `${SITE}/zh-hans/news/topics/data-centers/page/2/`);
    assert.equal(page2('.script-switch a[hreflang="zh-Hans"]').attr("href"), "/zh-hans/news/topics/data-centers/page/2/");
  });

  it("a topic topics.json does not name is named by its tag, converted; one it names carries its name in each script", () => {
    const green = readPage(out, "/zh-hans/news/topics/lvse-ditan/");
    assert.equal(green("h1").text(), "绿色低碳", "written 綠色低碳 in a Traditional article");
    assert.equal(green('meta[name="description"]').attr("content"), "与“绿色低碳”相关的文章。");
    assert.equal(readPage(out, "/zh-hant/news/topics/lvse-ditan/")('meta[name="description"]').attr("content"), "與「綠色低碳」相關的文章。");
    assert.equal(readPage(out, "/zh-hans/news/topics/suanli/")("h1").text(), "算力网络");
    assert.equal(readPage(out, "/zh-hant/news/topics/suanli/")("h1").text(), "算力網路");
    assert.deepEqual(texts(readPage(out, "/zh-hant/news/topics/5g/"), ".teaser-title a"), ["數據中心獲認證", "集團工程師獲獎"]);
  });

  it("the topics page lists topics.json's topics in its order, then the others by count and slug", () => {
    const $ = readPage(out, "/zh-hant/news/topics/");
    assert.equal($("title").text(), "話題 - 測試集團");
    assert.deepEqual(texts($, ".topic-list li"), ["數據中心 3篇數據中心的建設與運營。", "算力網路 1篇", "5G 2篇", "綠色低碳 1篇", "人物 1篇"]);
    assert.deepEqual($(".topic-list a").map((_, a) => $(a).attr("href")).get(), [
      "/zh-hant/news/topics/data-centers/",
      "/zh-hant/news/topics/suanli/",
      "/zh-hant/news/topics/5g/",
      "/zh-hant/news/topics/lvse-ditan/",
      "/zh-hant/news/topics/renwu/",
    ]);
    assert.deepEqual(texts($, ".breadcrumb li"), ["網站首頁", "新聞資訊", "話題"]);
  });

  it("every tag on every article links to its topic's page, in the article's script", () => {
    const articles = htmlPages(out).filter((u) => /\/news\/(media-focus|company)\/\d{4}\/\d\d\/[^/]+\/$/.test(u));
    assert.equal(articles.length, 8);
    for (const url of articles) {
      const $ = readPage(out, url);
      const links = $('.article-tags a[rel="tag"]').map((_, a) => $(a).attr("href")!).get();
      assert.ok(links.length >= 2, url);
      for (const href of links) {
        assert.ok(href.startsWith(url.slice(0, 9)), `${url}: ${href} in its own script`);
        assert.ok(pageExists(out, href), `${url}: ${href}`);
      }
    }
    const a2 = readPage(out, "/zh-hans/news/media-focus/2025/03/a2/");
    assert.deepEqual(texts(a2, ".article-tags a"), ["数据中心", "绿色低碳"]);
    assert.deepEqual(a2(".article-tags a").map((_, a) => a2(a).attr("href")).get(), ["/zh-hans/news/topics/data-centers/", "/zh-hans/news/topics/lvse-ditan/"]);
  });

  it("each script's sitemap lists every topic page with its twin", () => {
    for (const [path, other] of [["zh-hans", "zh-hant"], ["zh-hant", "zh-hans"]]) {
      const rows = readXml(out, `sitemap-${path}.xml`, ["url", "xhtml:link"]).urlset.url as any[];
      const topicRows = rows.filter((u) => (u.loc as string).startsWith(`${SITE}/${path}/news/topics/`)).map((u) => u.loc.slice(SITE.length));
      const built = htmlPages(out, `${path}/news/topics`);
      assert.deepEqual(topicRows.sort(), built.sort(), path);
      assert.equal(built.length, 7, "the index, five topics and a page 2");
      const row = rows.find((u) => u.loc === `${SITE}/${path}/news/topics/data-centers/`);
      assert.ok(row["xhtml:link"].some((l: any) => l["@href"] === `${SITE}/${other}/news/topics/data-centers/`));
      assert.equal(row.lastmod, "2025-03-08T10:00:00+08:00");
    }
  });

  it("the topics topics.json names have Atom and JSON feeds, announced on their pages; a tag alone has none", () => {
    const feed = readXml(out, "zh-hans/news/topics/data-centers/feed.xml", ["entry"]).feed;
    assert.equal(feed.title["#text"] ?? feed.title, "数据中心 · 话题 - 测试集团");
    assert.equal(feed.entry.length, 3);
    assert.ok(existsSync(join(out, "zh-hant/news/topics/suanli/feed.json")));
    assert.ok(!existsSync(join(out, "zh-hans/news/topics/lvse-ditan/feed.xml")));
    const $ = readPage(out, "/zh-hant/news/topics/data-centers/");
    assert.deepEqual($('link[rel="alternate"][type^="application/"]').map((_, l) => $(l).attr("href")).get(), [
      "/zh-hant/news/topics/data-centers/feed.xml",
      "/zh-hant/news/topics/data-centers/feed.json",
      "/zh-hant/news/feed.xml",
      "/zh-hant/news/feed.json",
    ]);
    const green = readPage(out, "/zh-hant/news/topics/lvse-ditan/");
    assert.equal(green('link[href*="/topics/"][type^="application/"]').length, 0);
  });
});

describe("the topics page of a site with many tags", () => {
  it(`lists ${TOPICS_PAGE_SIZE} topics a page`, async () => {
    const tags = Array.from({ length: TOPICS_PAGE_SIZE + 1 }, (_, i) => `tag${i}`);
    const root = makeSite({ "content/news/company/2025/many.md": article({ title: "多標籤", date: "2025-01-05 09:00", editor: "陳靜", lang: "zh-Hant", tags: `[${tags.join(", ")}]` }) });
    const r = await buildSiteInProcess(root, join(root, "_site"));
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const out = join(root, "_site");
    assert.equal(readPage(out, "/zh-hant/news/topics/")(".topic-list li").length, TOPICS_PAGE_SIZE);
    const page2 = readPage(out, "/zh-hans/news/topics/page/2/");
    assert.equal(page2("title").text(), "话题 · 第2页 - 测试集团");
    // All have one article: by slug, tag99 is the last.
    assert.deepEqual(texts(page2, ".topic-list li"), ["tag99 1篇"]);
    assert.equal(page2('.pagination a[rel="prev"]').attr("href"), "/zh-hans/news/topics/");
  });
});

it("a topic's slug stays short enough for any file system, and a tag with nothing to spell has one", () => {
  const long = defaultTopicSlug(topicKey(`<svg><image href="${"x".repeat(400)}"></svg>`));
  assert.ok(long.length <= 60, long);
  assert.match(long, /^svg-image-href-[0-9a-f]{8}$/);
  assert.match(defaultTopicSlug(topicKey("——")), /^topic-[0-9a-f]{8}$/);
  assert.equal(defaultTopicSlug(topicKey("數字經濟")), "shuzi-jingji");
  assert.equal(topicKey("數字經濟"), topicKey(" 数字经济 "));
  assert.equal(topicKey("５Ｇ"), topicKey("5g"));
});

describe("topics.json problems, with file and line", () => {
  const errorsOf = async (topics: string, extra: Files = {}) => {
    const { problems } = await checkSite(makeSite({ ...FILES, ...extra, "content/_data/topics.json": topics }));
    return problems.filter((p) => p.file === "content/_data/topics.json" || p.field === "tags").map(formatProblem);
  };

  it("bad JSON, by npm run check", () => {
    const root = makeSite({ ...FILES, "content/_data/topics.json": '{\n  "topics": [\n    { "id": "算力" }\n    { "id": "數據中心" }\n  ]\n}\n' });
    const r = runTool("scripts/cli/check.ts", ["--root", root]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout + r.stderr, /content\/_data\/topics\.json:4: is not valid JSON: .+\. Fix the JSON syntax/);
  });

  it("unknown fields, at their lines", async () => {
    const file = '{\n  "topics": [\n    {\n      "id": "算力",\n      "descripton": "錯字"\n    }\n  ],\n  "order": []\n}\n';
    assert.deepEqual(await errorsOf(file), [
      'content/_data/topics.json:5: warning: topics[0].descripton: unknown field, ignored. Known fields: id, slug, name, description.',
      'content/_data/topics.json:8: warning: order: unknown field, ignored. The file holds one field, "topics".',
    ]);
  });

  it("one topic twice, in one script or across scripts; a slug twice; a bad slug; no id", async () => {
    const file = [
      "{",
      '  "topics": [',
      '    { "id": "数据中心" },',
      '    { "id": "數據中心" },',
      '    { "id": "算力", "slug": "shared" },',
      '    { "id": "5G", "slug": "shared" },',
      '    { "id": "人物", "slug": "People" },',
      '    { "name": "無名" },',
      '    { "id": "算力" }',
      "  ]",
      "}",
    ].join("\n");
    assert.deepEqual(await errorsOf(file), [
      'content/_data/topics.json:4: topics[1].id: the topic "數據中心" is already in the file (line 3) as "数据中心": tags are the same topic in either script. Keep one entry for the topic.',
      'content/_data/topics.json:6: topics[3].slug: the slug "shared" is already the topic "算力"\'s (line 5). Give each topic its own slug.',
      'content/_data/topics.json:7: topics[4].slug: the slug "People" is not lower-case ASCII letters, digits and hyphens. Write e.g. "slug": "suanli".',
      'content/_data/topics.json:8: topics[5]: topic 6 has no "id". Give the tag it is about, as the articles write it: "id": "算力".',
      'content/_data/topics.json:9: topics[6].id: the topic "算力" is already in the file (line 5). Keep one entry for the topic.',
    ]);
  });

  it("a topic no article has is a warning; of two tags with one Pinyin the older keeps the address, the newer is suffixed, with a warning at its tags line", async () => {
    const clash = {
      // 事实 and 实施 are both shishi.
      "content/news/company/2025/b1.md": article({ title: "事实报道", date: "2025-01-06 09:00", editor: "张伟", tags: "[事实]" }),
      "content/news/company/2025/b2.md": article({ title: "实施方案", date: "2025-01-07 09:00", editor: "张伟", tags: "[实施]" }),
    };
    assert.deepEqual(await errorsOf('{\n  "topics": [\n    { "id": "算例" }\n  ]\n}\n', clash), [
      'content/_data/topics.json:3: warning: no article has the tag "算例": the topic has no page. Check the spelling against the articles\' tags: lines, or remove the entry.',
      'content/news/company/2025/b2.md:5: warning: tags: the topic "实施" is published at /news/topics/shishi-577ba4/: its Pinyin address is the topic "事实"\'s (content/news/company/2025/b1.md). To choose its address, give it a slug in content/_data/topics.json, e.g. {"id": "实施", "slug": "shishi-2"}.',
    ]);
    // The fix the message gives works; and a slug topics.json gives wins over a tag's Pinyin.
    assert.deepEqual(await errorsOf('{"topics": [{"id": "实施", "slug": "shishi-2"}]}', clash), []);
    const root = makeSite({ ...FILES, ...clash, "content/_data/topics.json": '{"topics": [{"id": "实施", "slug": "shishi"}]}' });
    const r = await buildSiteInProcess(root, join(root, "_site"));
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const out = join(root, "_site");
    assert.deepEqual(texts(readPage(out, "/zh-hans/news/topics/shishi/"), ".teaser-title a"), ["实施方案"]);
    assert.deepEqual(texts(readPage(out, "/zh-hans/news/topics/shishi-be0d33/"), ".teaser-title a"), ["事实报道"]);
    assert.equal(readPage(out, "/zh-hans/news/company/2025/01/b1/")(".article-tags a").attr("href"), "/zh-hans/news/topics/shishi-be0d33/");
  });

  it("a section may not be called topics: its list would be the topics page", async () => {
    const { problems } = await checkSite(
      makeSite(FILES, { sections: [{ id: "media-focus", name: "媒體聚焦", requireSource: true }, { id: "topics", name: "專題" }, { id: "company", name: "公司新聞" }] }),
    );
    assert.deepEqual(problems.filter((p) => p.file.endsWith("site.json")).map(formatProblem), [
      'content/_data/site.json:31: sections[1].id: section id "topics" is the address of other pages of the site (news/topics/). Give the section another id, and its folder that name.',
    ]);
  });
});

describe("the dev server's memo and archive and topic pages", () => {
  it("a rebuild after an edit hands back every archive and topic page that does not show the edited article", () => {
    // One most-read article (a2): an edit of another's title does not reach every page's sidebar.
    const root = makeSite(FILES, { pageSize: 2, mostReadCount: 1 });
    const problems = new Problems();
    const site = loadSiteConfig(root, problems);
    const sources = loadSources(site, problems, { includeDrafts: false, blocklist: loadBlocklist(root, problems) });
    assert.deepEqual(problems.errors, []);
    const cache = ConversionCache.open(null);
    const converters = () => new Converters(site.variants, site.glossary, cache);
    const one = buildModel(site, converters(), sources, null);

    const a1 = sources.articles.find((a) => a.path.endsWith("/a1/"))!;
    const edited: ArticleSource = { ...a1, title: "数据中心二期开工（更新）" };
    const two = buildModel(site, converters(), { ...sources, articles: sources.articles.map((a) => (a === a1 ? edited : a)) }, one.memory);

    const pages = (m: SiteModel): PageBase[] => [...m.archives, ...m.archiveMonths, ...m.topicIndexes, ...m.topics];
    const before = new Map(pages(one.model).map((p) => [p.url, p]));
    const remade = pages(two.model)
      .filter((p) => p !== before.get(p.url))
      .map((p) => p.url)
      .sort();
    // a1's month (page 1 of March), its topics' first pages (数据中心, 算力): in both scripts. Nothing else.
    assert.deepEqual(
      remade,
      ["/zh-hans/news/media-focus/2025/03/", "/zh-hans/news/topics/data-centers/", "/zh-hans/news/topics/suanli/", "/zh-hant/news/media-focus/2025/03/", "/zh-hant/news/topics/data-centers/", "/zh-hant/news/topics/suanli/"],
    );
    assert.equal(pages(two.model).length, pages(one.model).length);
    assert.match(two.model.topics.find((p) => p.url === "/zh-hant/news/topics/suanli/")!.items[0].title, /（更新）$/);

    // A new tag: a new topic, and the topics page (its list) made again; the archives are not.
    const tagged: ArticleSource = { ...edited, tags: [...edited.tags, "新標籤"] };
    const three = buildModel(site, converters(), { ...sources, articles: sources.articles.map((a) => (a === a1 ? tagged : a)) }, two.memory);
    assert.notEqual(three.model.topicIndexes[0], two.model.topicIndexes[0]);
    assert.ok(three.model.topics.some((p) => p.url === "/zh-hans/news/topics/xin-biaoqian/"));
    assert.deepEqual(three.model.archives, two.model.archives);
    for (const [i, p] of three.model.archives.entries()) assert.equal(p, two.model.archives[i]);
  });
});

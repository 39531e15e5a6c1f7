// Script conversion as a reader sees it: every page in zh-Hans and zh-Hant (and zh-HK where a
// site adds it), the page in the editor's own script exactly as written, its twin converted
// phrase by phrase, with glossary terms, editor markup, URLs, code and markup handled.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join, relative, sep } from "node:path";
import * as OpenCC from "opencc-js";
import type { CheerioAPI } from "cheerio";
import { TEST_SITE, article, buildSiteInProcess, makeSite, pageExists, readPage, text } from "./helpers/site-fixture.ts";

const SITE_URL = TEST_SITE.url; // https://example.test

// A valid 1×1 PNG (greyscale, one black pixel).
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==",
  "base64",
);

/** All .html files under `dir`, as paths relative to it with forward slashes. */
function htmlFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (abs: string): void => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const p = join(abs, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".html")) found.push(relative(dir, p).split(sep).join("/"));
    }
  };
  walk(dir);
  return found.sort();
}

/** Site-relative URL of a built file: news/x/index.html → /zh-hans/news/x/ */
function urlOf(variantPath: string, file: string): string {
  return `/${variantPath}/${file.replace(/(^|\/)index\.html$/, "$1")}`;
}

/** The paragraph of the article body whose text starts with an ASCII marker such as "P3：". */
function para($: CheerioAPI, marker: string): ReturnType<CheerioAPI> {
  const found = $(".article-body p").filter((_, p) => text($(p)).startsWith(marker));
  assert.equal(found.length, 1, `one paragraph starting with ${marker}`);
  return found.first();
}

/** Checks canonical, hreflang alternates and switcher links of every page of every variant. */
function checkLinks(out: string, variants: readonly { lang: string; path: string; short: string }[], defaultLang: string): number {
  let pages = 0;
  const files = new Map(variants.map((v) => [v.path, htmlFiles(join(out, v.path))]));
  const first = files.get(variants[0].path)!;
  assert.ok(first.length > 5, "the site has pages");
  for (const v of variants) {
    // Every page of one script has its twin in every other, at the same path (same slugs).
    assert.deepEqual(files.get(v.path), first, `${v.path} has exactly the pages of ${variants[0].path}`);
  }
  const resolve = (href: string, where: string): string => {
    assert.ok(href.startsWith(SITE_URL + "/"), `${where}: ${href} is on the site`);
    const url = href.slice(SITE_URL.length);
    assert.ok(pageExists(out, url), `${where}: ${href} is a built page`);
    return url;
  };
  for (const v of variants) {
    for (const file of files.get(v.path)!) {
      const url = urlOf(v.path, file);
      const $ = readPage(out, url);
      pages++;
      assert.equal($("html").attr("lang"), v.lang, `${url}: <html lang>`);
      assert.equal(resolve($('link[rel="canonical"]').attr("href") ?? "", url), url, `${url}: canonical is the page itself`);
      const alternates = new Map<string, string>();
      $('link[rel="alternate"][hreflang]').each((_, el) => {
        alternates.set($(el).attr("hreflang")!, resolve($(el).attr("href") ?? "", url));
      });
      assert.deepEqual([...alternates.keys()].sort(), [...variants.map((x) => x.lang), "x-default"].sort(), `${url}: alternates`);
      for (const w of variants) {
        const twin = urlOf(w.path, file);
        assert.equal(alternates.get(w.lang), twin, `${url}: alternate ${w.lang}`);
        // Both ways: the twin names this page as its alternate.
        const back = readPage(out, twin)(`link[rel="alternate"][hreflang="${v.lang}"]`).attr("href");
        assert.equal(back, SITE_URL + url, `${twin} points back to ${url}`);
      }
      assert.equal(alternates.get("x-default"), urlOf(variants.find((x) => x.lang === defaultLang)!.path, file));
      // The switcher: every variant's short label as written, a link to each twin but this one.
      const sw = $("nav.script-switch");
      assert.equal(sw.length, 1, `${url}: one switcher`);
      assert.deepEqual(
        sw.find("li").map((_, li) => text($(li))).get(),
        variants.map((x) => x.short),
        `${url}: switcher labels`,
      );
      const links = sw.find("a[href]");
      assert.equal(links.length, variants.length - 1, `${url}: switcher links`);
      links.each((_, a) => {
        const href = $(a).attr("href")!;
        const target = variants.find((x) => x.lang === $(a).attr("hreflang"))!;
        assert.equal(href, urlOf(target.path, file), `${url}: switcher link to ${target.lang}`);
        assert.ok(pageExists(out, href), `${url}: switcher link ${href} is a built page`);
      });
      assert.equal(sw.find('[aria-current="page"]').attr("lang"), v.lang, `${url}: switcher marks the current script`);
    }
  }
  return pages;
}

// ---------------------------------------------------------------------------------------------
// The default site: zh-Hans (cn) and zh-Hant (tw).

const HANS_ARTICLE = [
  "P1：后来，皇后在干燥的厨房里煮面条，干部们剪了头发。",
  "",
  "P2：钟晓岚与乾德门参观了台积电的工厂。",
  "",
  "P3：-{嘉陵云}-平台上线，不同于嘉陵云；网页上写作-{zh-hans:鼠标;zh-hant:滑鼠}-。",
  "",
  '[P4：详见头发报告](https://example.org/报告/头发.pdf "头发报告全文")，原文在 https://example.org/后来/头发 ，也可访问 www.example.org/面条 。',
  "",
  "P5：代码`头发 = 面条`与`-{后来}-`不转换。",
  "",
  "```js",
  'const 头发 = "面条"; // 后来',
  "```",
  "",
  "P6：头**发**与面*条*、后[来](https://example.org/后来)。",
  "",
  '![头发与面条](./头发.png "后来的头发")',
  "",
  'P7：图标![干燥的面条](./头发.png "干部的头发")在文字中。',
  "",
  // 𫖮 is two UTF-16 units, its Traditional form 顗 one: the phrase 周𫖮 still spans the tag.
  "P8：晋代名臣周**𫖮**，字伯仁；𫖮*字*伯仁。",
  "",
  "P9：a < b & c > d，头发 \"后来\" 'x'。",
  "",
  // Raw HTML an article may hold: text marked translate="no" or data-no-convert stays as written.
  'P10：<span translate="no">头发</span>与头发，<span data-no-convert>后来</span>与后来；<kbd>面条</kbd>；<abbr title="后来的头发">头发</abbr>。',
  "",
  '<p translate="no">P11：头发与面条。</p>',
].join("\n");

const HANT_ARTICLE = [
  "P1：後來，頭髮在乾燥的天氣裡變得更難打理。",
  "",
  "P2：鍾曉嵐與乾德門在乾杯餐廳參觀了台積電。",
  "",
  "P3：-{乾杯}-與-{zh-hans:鼠标;zh-hant:滑鼠}-。",
  "",
  // 暐 becomes 𬀩 (two UTF-16 units) in Simplified: the markup around it and after it stays.
  "P4：記者陳**暐**報導，*頭*髮與[後來](https://example.org/後來)。",
].join("\n");

const mainSite = makeSite({
  "content/_data/glossary.json": JSON.stringify({ 钟晓岚: "鍾曉嵐", 乾德门: "乾德門" }),
  "content/news/media-focus/hans-article/index.md": article(
    {
      title: "钟晓岚：后来的面条与头发",
      date: "2025-03-08 14:30",
      source: "重庆日报",
      editor: "钟晓岚",
      lang: "zh-Hans",
      summary: "干燥天气里，干部们吃面条。",
      tags: "[头发, 面条]",
      glossary: '{"台积电": "台積電"}',
    },
    HANS_ARTICLE,
  ),
  "content/news/media-focus/hans-article/头发.png": PNG,
  "content/news/company/hant-article.md": article(
    {
      title: "後來的頭髮",
      date: "2025-03-09 10:00",
      editor: "鍾曉嵐",
      lang: "zh-Hant",
      summary: "乾燥天氣裡的頭髮。",
      glossary: '{"乾杯": "乾杯", "台积电": "台積電"}',
    },
    HANT_ARTICLE,
  ),
  // An article's own glossary wins over the site's for the same term.
  "content/news/company/override.md": article(
    { title: "钟晓岚的工作", date: "2025-03-10 10:00", editor: "钟晓岚", lang: "zh-Hans", glossary: '{"钟晓岚": "鐘曉嵐"}' },
    "P1：钟晓岚今天上班。",
  ),
  // No summary: the first paragraph is clipped to 120 characters, across the markup.
  "content/news/company/long-summary.md": article(
    { title: "长摘要", date: "2025-02-01 10:00", editor: "钟晓岚", lang: "zh-Hans" },
    "头发".repeat(57) + "，-{zh-hans:鼠标;zh-hant:滑鼠}-和面条。",
  ),
  "content/pages/about.md": article({ title: "關於我們", lang: "zh-Hant", summary: "後來的頭髮" }, "關於我們的頭髮。"),
});
const mainOut = join(mainSite, "_site");
const mainBuild = await buildSiteInProcess(mainSite, mainOut);
after(() => rmSync(mainSite, { recursive: true, force: true }));

const HANS_URL = "news/media-focus/2025/03/hans-article/";
const HANT_URL = "news/company/2025/03/hant-article/";
const s2tw = OpenCC.Converter({ from: "cn", to: "tw" });
const tw2s = OpenCC.Converter({ from: "tw", to: "cn" });

test("the default site builds", () => {
  assert.equal(mainBuild.code, 0, mainBuild.stderr + mainBuild.stdout);
});

test("Simplified article: the zh-hans page shows the source exactly as written", () => {
  const $ = readPage(mainOut, `/zh-hans/${HANS_URL}`);
  assert.equal($("html").attr("lang"), "zh-Hans");
  assert.equal(text(para($, "P1：")), "P1：后来，皇后在干燥的厨房里煮面条，干部们剪了头发。");
  assert.equal(text(para($, "P2：")), "P2：钟晓岚与乾德门参观了台积电的工厂。");
  // Editor markup is removed, its text kept, the zh-hans form chosen.
  assert.equal(text(para($, "P3：")), "P3：嘉陵云平台上线，不同于嘉陵云；网页上写作鼠标。");
  assert.equal(text($("h1.headline")), "钟晓岚：后来的面条与头发");
  assert.equal(text($("p.editor")), "编辑：钟晓岚");
});

test("Simplified article: the zh-hant twin converts phrase by phrase", () => {
  const $ = readPage(mainOut, `/zh-hant/${HANS_URL}`);
  assert.equal($("html").attr("lang"), "zh-Hant");
  // 面条 麵條, 头发 頭髮, 后来 後來, 皇后 stays, 干燥 乾燥, 干部 幹部.
  assert.equal(text(para($, "P1：")), "P1：後來，皇后在乾燥的廚房裡煮麵條，幹部們剪了頭髮。");
  assert.equal(text($("h1.headline")), "鍾曉嵐：後來的麵條與頭髮");
  assert.equal(text($("p.meta .meta-source")), "來源：重慶日報");
  assert.equal(text($("p.editor")), "編輯：鍾曉嵐");
});

test("glossary: site and article terms win over the dictionaries, both directions", () => {
  // Without the glossary OpenCC writes TSMC 臺積電 and the actor 乾德門 as 干德门.
  assert.equal(s2tw("台积电"), "臺積電");
  assert.equal(tw2s("乾德門"), "干德门");
  assert.equal(tw2s("乾杯"), "干杯");

  const hant = readPage(mainOut, `/zh-hant/${HANS_URL}`);
  assert.equal(text(para(hant, "P2：")), "P2：鍾曉嵐與乾德門參觀了台積電的工廠。");

  // A Traditional article: its Traditional forms become the Simplified keys on the zh-hans page.
  const hans = readPage(mainOut, `/zh-hans/${HANT_URL}`);
  assert.equal(text(para(hans, "P2：")), "P2：钟晓岚与乾德门在乾杯餐厅参观了台积电。");
  assert.equal(text(hans("p.editor")), "编辑：钟晓岚");

  // An article's own term for 钟晓岚 wins over the site's, and only in that article.
  const override = readPage(mainOut, "/zh-hant/news/company/2025/03/override/");
  assert.equal(text(para(override, "P1：")), "P1：鐘曉嵐今天上班。");
  assert.equal(text(override("h1.headline")), "鐘曉嵐的工作");
  assert.equal(text(override("p.editor")), "編輯：鐘曉嵐");
  assert.equal(text(readPage(mainOut, `/zh-hant/${HANS_URL}`)("p.editor")), "編輯：鍾曉嵐");
});

test("editor markup: -{…}- keeps its text in both scripts, -{zh-hans:…;zh-hant:…}- chooses", () => {
  const hant = readPage(mainOut, `/zh-hant/${HANS_URL}`);
  // 平台 as Taiwanese papers print it (the tw-news profile), OpenCC's 平臺 otherwise.
  assert.equal(text(para(hant, "P3：")), "P3：嘉陵云平台上線，不同於嘉陵雲；網頁上寫作滑鼠。");
  const hansOfHant = readPage(mainOut, `/zh-hans/${HANT_URL}`);
  assert.equal(text(para(hansOfHant, "P3：")), "P3：乾杯与鼠标。");
  const hantOfHant = readPage(mainOut, `/zh-hant/${HANT_URL}`);
  assert.equal(text(para(hantOfHant, "P3：")), "P3：乾杯與滑鼠。");
  for (const $ of [hant, hansOfHant, hantOfHant]) {
    $(".article-body code").remove(); // code shows markup as written
    assert.doesNotMatch($(".article-body").text(), /-\{|\}-/);
  }
});

test("links: URLs stay as written, link text and titles are converted", () => {
  const hans = readPage(mainOut, `/zh-hans/${HANS_URL}`);
  const hant = readPage(mainOut, `/zh-hant/${HANS_URL}`);
  const p4 = para(hant, "P4：");
  const report = p4.find("a").first();
  assert.equal(text(report), "P4：詳見頭髮報告");
  assert.equal(report.attr("title"), "頭髮報告全文");
  const href = report.attr("href")!;
  assert.equal(href, para(hans, "P4：").find("a").first().attr("href"), "href identical in both scripts");
  assert.equal(decodeURI(href), "https://example.org/报告/头发.pdf");
  // URLs in running text are read as written, linked or not.
  assert.match(text(p4), /原文在 https:\/\/example\.org\/后来\/头发 ，也可訪問 www\.example\.org\/面条 。$/);
  const hrefs = (p: ReturnType<CheerioAPI>) => p.find("a").map((_, a) => p.find(a).attr("href")).get();
  assert.deepEqual(hrefs(p4), hrefs(para(hans, "P4：")));
  for (const h of hrefs(p4)) assert.doesNotMatch(decodeURI(h), /[頭髮後來麵條報]/, `${h} is not converted`);
});

test("code: fenced blocks and inline code stay as written", () => {
  const $ = readPage(mainOut, `/zh-hant/${HANS_URL}`);
  const p5 = para($, "P5：");
  assert.deepEqual(p5.find("code").map((_, c) => $(c).text()).get(), ["头发 = 面条", "-{后来}-"]);
  assert.equal(text(p5), "P5：代碼头发 = 面条與-{后来}-不轉換。");
  assert.equal($(".article-body pre code").text(), 'const 头发 = "面条"; // 后来\n');
  const hans = readPage(mainOut, `/zh-hans/${HANS_URL}`);
  assert.equal(text(para(hans, "P5：")), "P5：代码头发 = 面条与-{后来}-不转换。");
  assert.equal(hans(".article-body pre code").text(), 'const 头发 = "面条"; // 后来\n');
});

test("a phrase across inline markup converts as one phrase: 头<strong>发</strong> → 頭<strong>髮</strong>", () => {
  const $ = readPage(mainOut, `/zh-hant/${HANS_URL}`);
  const p6 = para($, "P6：");
  assert.equal(text(p6), "P6：頭髮與麵條、後來。");
  assert.match(p6.html()!, /頭<strong>髮<\/strong>與麵<em>條<\/em>、後<a href="[^"]+">來<\/a>。/);
  // Character by character the twin would read 頭發 (发 alone is 發).
  assert.equal(s2tw("头") + s2tw("发"), "頭發");
  const hans = readPage(mainOut, `/zh-hans/${HANS_URL}`);
  assert.match(para(hans, "P6：").html()!, /头<strong>发<\/strong>与面<em>条<\/em>/);
});

test("inline markup survives characters that change UTF-16 length (𫖮 → 顗, 暐 → 𬀩)", () => {
  assert.equal(s2tw("周𫖮"), "周顗");
  assert.equal(tw2s("暐"), "𬀩");
  const hant = readPage(mainOut, `/zh-hant/${HANS_URL}`);
  const p8 = para(hant, "P8：");
  assert.equal(text(p8), "P8：晉代名臣周顗，字伯仁；顗字伯仁。");
  assert.equal(p8.find("strong").text(), "顗");
  assert.equal(p8.find("em").text(), "字");
  const hans = readPage(mainOut, `/zh-hans/${HANT_URL}`);
  const p4 = para(hans, "P4：");
  assert.equal(text(p4), "P4：记者陈𬀩报导，头发与后来。");
  assert.equal(p4.find("strong").text(), "𬀩");
  assert.equal(p4.find("em").text(), "头");
  assert.equal(p4.find("a").text(), "后来");
  assert.equal(decodeURI(p4.find("a").attr("href")!), "https://example.org/後來");
});

test("text with HTML special characters converts and stays text", () => {
  const hant = readPage(mainOut, `/zh-hant/${HANS_URL}`);
  assert.equal(text(para(hant, "P9：")), `P9：a < b & c > d，頭髮 "後來" 'x'。`);
  assert.equal(text(para(readPage(mainOut, `/zh-hans/${HANS_URL}`), "P9：")), `P9：a < b & c > d，头发 "后来" 'x'。`);
});

test('translate="no" and data-no-convert keep text as written; other attributes converted', () => {
  const hant = readPage(mainOut, `/zh-hant/${HANS_URL}`);
  const p10 = para(hant, "P10：");
  assert.equal(text(p10), "P10：头发與頭髮，后来與後來；面条；頭髮。");
  assert.equal(p10.find('span[translate="no"]').text(), "头发");
  assert.equal(p10.find("span[data-no-convert]").text(), "后来");
  assert.equal(p10.find("abbr").attr("title"), "後來的頭髮");
  assert.equal(text(para(hant, "P11：")), "P11：头发与面条。");
  const hans = readPage(mainOut, `/zh-hans/${HANS_URL}`);
  assert.equal(text(para(hans, "P10：")), "P10：头发与头发，后来与后来；面条；头发。");
});

test("photos: alt, title and caption converted; src unchanged and served", () => {
  const hans = readPage(mainOut, `/zh-hans/${HANS_URL}`);
  const hant = readPage(mainOut, `/zh-hant/${HANS_URL}`);
  const figure = hant(".article-body figure");
  assert.equal(figure.length, 1);
  const img = figure.find("img");
  assert.equal(img.attr("alt"), "頭髮與麵條");
  assert.equal(text(figure.find("figcaption")), "後來的頭髮");
  assert.equal(img.attr("width"), "1");
  assert.equal(img.attr("height"), "1");
  const src = img.attr("src")!;
  assert.equal(src, hans(".article-body figure img").attr("src"));
  assert.equal(src, `/media/${HANS_URL}头发.png`);
  assert.ok(existsSync(join(mainOut, src)), `${src} is copied into the output`);
  assert.equal(text(hans(".article-body figure figcaption")), "后来的头发");
  assert.equal(hans(".article-body figure img").attr("alt"), "头发与面条");

  // A photo inside a paragraph keeps its title as an attribute.
  const inline = para(hant, "P7：").find("img");
  assert.equal(inline.attr("alt"), "乾燥的麵條");
  assert.equal(inline.attr("title"), "幹部的頭髮");
  assert.equal(inline.attr("src"), src);
  assert.equal(text(para(hant, "P7：")), "P7：圖標在文字中。");
});

test("Traditional article: the zh-hant page as written, the zh-hans twin converted", () => {
  const hant = readPage(mainOut, `/zh-hant/${HANT_URL}`);
  assert.equal(text(para(hant, "P1：")), "P1：後來，頭髮在乾燥的天氣裡變得更難打理。");
  assert.equal(text(hant("h1.headline")), "後來的頭髮");
  const hans = readPage(mainOut, `/zh-hans/${HANT_URL}`);
  assert.equal(text(para(hans, "P1：")), "P1：后来，头发在干燥的天气里变得更难打理。");
  assert.equal(text(hans("h1.headline")), "后来的头发");
  assert.equal(hans('meta[name="description"]').attr("content"), "干燥天气里的头发。");
  assert.equal(hant('meta[name="description"]').attr("content"), "乾燥天氣裡的頭髮。");
});

test("title, meta description and site name in each script; standalone pages too", () => {
  const hans = readPage(mainOut, `/zh-hans/${HANS_URL}`);
  const hant = readPage(mainOut, `/zh-hant/${HANS_URL}`);
  assert.equal(hans("title").text(), "钟晓岚：后来的面条与头发 - 测试集团");
  assert.equal(hant("title").text(), "鍾曉嵐：後來的麵條與頭髮 - 測試集團");
  assert.equal(hans('meta[name="description"]').attr("content"), "干燥天气里，干部们吃面条。");
  assert.equal(hant('meta[name="description"]').attr("content"), "乾燥天氣裡，幹部們吃麵條。");
  // Tags and teasers on lists carry the converted text too.
  const list = readPage(mainOut, "/zh-hant/news/media-focus/");
  assert.match(text(list("main")), /鍾曉嵐：後來的麵條與頭髮/);
  assert.doesNotMatch(text(list("main")), /头发|面条/);
  const aboutHans = readPage(mainOut, "/zh-hans/about/");
  assert.equal(text(aboutHans("h1")), "关于我们");
  assert.equal(text(aboutHans(".article-body")), "关于我们的头发。");
  assert.equal(aboutHans('meta[name="description"]').attr("content"), "后来的头发");
  assert.equal(text(readPage(mainOut, "/zh-hant/about/")(".article-body")), "關於我們的頭髮。");
});

// The automatic summary (scripts/content/articles.ts, summaryFrom → clip) is the first
// paragraph clipped to 120 characters; it once cut inside -{…}-, and both scripts showed
// "-{zh…" in the meta description and the teaser. A span is now kept whole or left out.
test("an automatic summary never shows editor markup", () => {
  const want: Record<string, string> = { "zh-hans": "头发".repeat(57) + "，…", "zh-hant": "頭髮".repeat(57) + "，…" };
  for (const path of ["zh-hans", "zh-hant"]) {
    const $ = readPage(mainOut, `/${path}/news/company/2025/02/long-summary/`);
    assert.equal($('meta[name="description"]').attr("content"), want[path], `${path}: meta description`);
    assert.doesNotMatch(text(readPage(mainOut, `/${path}/news/company/`)("main")), /-\{|\}-/, `${path}: teaser`);
  }
});

test("switcher, html lang, twins, canonical and hreflang links on every page", () => {
  const pages = checkLinks(mainOut, TEST_SITE.variants, TEST_SITE.defaultLang);
  assert.ok(pages >= 18, `checked ${pages} pages`);
  // Labels as written on every page: 简体 is not made 簡體 on zh-hant pages.
  for (const url of [`/zh-hant/${HANS_URL}`, `/zh-hans/${HANT_URL}`, "/zh-hant/", "/zh-hans/"]) {
    const $ = readPage(mainOut, url);
    assert.deepEqual(
      $("nav.script-switch [title]").map((_, el) => $(el).attr("title")).get(),
      ["简体", "繁體"],
      `${url}: switcher titles`,
    );
  }
});

// ---------------------------------------------------------------------------------------------
// Hong Kong forms: 面条 is 麵條 in Taiwan (s2tw) but 麪條 in Hong Kong (s2hk); 里面 裡面 / 裏面;
// 说法 說法 / 説法. Checked against opencc-js itself so the test knows it tests a real difference.

const HK_WORDS = "里面的面条说法";
const HK_FORM = "裏面的麪條説法";
// What the Hong Kong twin prints: OpenCC's Hong Kong forms, with the hk-news profile's 說 and 麵
// (the Big5 forms Hong Kong papers print); 裏 stays.
const HK_PRINTED = "裏面的麵條說法";
const TW_FORM = "裡面的麵條說法";

test("opencc-js: s2hk and s2tw differ on the words the Hong Kong sites use", () => {
  assert.equal(OpenCC.Converter({ from: "cn", to: "hk" })(HK_WORDS), HK_FORM);
  assert.equal(s2tw(HK_WORDS), TW_FORM);
});

async function hkSite(variants: object[], extra: Record<string, string | Buffer> = {}): Promise<{ out: string; code: number; log: string }> {
  const root = makeSite(
    {
      "content/_data/glossary.json": JSON.stringify({ 钟晓岚: "鍾曉嵐" }),
      "content/news/company/hk-words.md": article(
        { title: "里面的面条", date: "2025-04-01 09:00", editor: "钟晓岚", lang: "zh-Hans" },
        `P1：${HK_WORDS}。\n\nP2：-{zh-hans:鼠标;zh-hant:滑鼠;zh-hk:鼠標}-与-{zh-hans:软件;zh-hant:軟體}-。`,
      ),
      ...extra,
    },
    { variants },
  );
  const out = join(root, "_site");
  const r = await buildSiteInProcess(root, out);
  after(() => rmSync(root, { recursive: true, force: true }));
  return { out, code: r.code, log: r.stderr + r.stdout };
}

// A site whose Traditional variant uses Hong Kong forms, plus a zh-HK variant: configuration only.
const HK_ONLY_VARIANTS = [
  TEST_SITE.variants[0],
  { lang: "zh-Hant", path: "zh-hant", label: "繁體", short: "繁", opencc: "hk" },
  { lang: "zh-HK", path: "zh-hk", label: "香港繁體", short: "港", opencc: "hk" },
];
const hkOnly = await hkSite(HK_ONLY_VARIANTS);

test("Hong Kong: a Traditional variant with opencc hk, and a zh-HK variant, by configuration alone", () => {
  assert.equal(hkOnly.code, 0, hkOnly.log);
  for (const path of ["zh-hant", "zh-hk"]) {
    const $ = readPage(hkOnly.out, `/${path}/news/company/2025/04/hk-words/`);
    assert.equal(text(para($, "P1：")), `P1：${HK_PRINTED}。`, `${path} uses Hong Kong forms`);
    assert.equal(text($("h1.headline")), "裏面的麵條");
    assert.equal(text($("p.editor")), "編輯：鍾曉嵐");
  }
  assert.equal(readPage(hkOnly.out, "/zh-hk/news/company/2025/04/hk-words/")("html").attr("lang"), "zh-HK");
  assert.equal(text(para(readPage(hkOnly.out, "/zh-hant/news/company/2025/04/hk-words/"), "P2：")), "P2：滑鼠與軟體。");
  assert.equal(text(para(readPage(hkOnly.out, "/zh-hk/news/company/2025/04/hk-words/"), "P2：")), "P2：鼠標與軟體。");
  const pages = checkLinks(hkOnly.out, HK_ONLY_VARIANTS as { lang: string; path: string; short: string }[], "zh-Hans");
  assert.ok(pages >= 18, `checked ${pages} pages`);
});

// The default Taiwan forms for zh-Hant and a third variant zh-HK beside them.
const THREE_VARIANTS = [
  ...TEST_SITE.variants,
  { lang: "zh-HK", path: "zh-hk", label: "香港繁體", short: "港", opencc: "hk" },
];
const three = await hkSite(THREE_VARIANTS, {
  // Written in Hong Kong forms: converted to Taiwan forms and to Simplified.
  "content/news/company/written-in-hk.md": article(
    { title: "裏面的麪條", date: "2025-04-02 09:00", editor: "鍾曉嵐", lang: "zh-HK" },
    `P1：${HK_FORM}。`,
  ),
});

test("Hong Kong: a third variant zh-HK beside zh-Hant, with HK forms where they differ from TW", () => {
  assert.equal(three.code, 0, three.log);
  const url = (path: string, slug: string) => `/${path}/news/company/2025/04/${slug}/`;
  const hk = readPage(three.out, url("zh-hk", "hk-words"));
  const tw = readPage(three.out, url("zh-hant", "hk-words"));
  const cn = readPage(three.out, url("zh-hans", "hk-words"));
  assert.equal(hk("html").attr("lang"), "zh-HK");
  assert.equal(text(para(hk, "P1：")), `P1：${HK_PRINTED}。`);
  assert.equal(text(para(tw, "P1：")), `P1：${TW_FORM}。`);
  assert.equal(text(para(cn, "P1：")), `P1：${HK_WORDS}。`);
  // zh-hk chosen where given; otherwise the Traditional form.
  assert.equal(text(para(hk, "P2：")), "P2：鼠標與軟體。");
  assert.equal(text(para(tw, "P2：")), "P2：滑鼠與軟體。");
  assert.equal(text(para(cn, "P2：")), "P2：鼠标与软件。");
  assert.equal(text(hk("p.editor")), "編輯：鍾曉嵐");

  const hkSource = readPage(three.out, url("zh-hk", "written-in-hk"));
  assert.equal(text(para(hkSource, "P1：")), `P1：${HK_FORM}。`, "the source page as written");
  assert.equal(text(para(readPage(three.out, url("zh-hant", "written-in-hk")), "P1：")), `P1：${TW_FORM}。`);
  assert.equal(text(para(readPage(three.out, url("zh-hans", "written-in-hk")), "P1：")), `P1：${HK_WORDS}。`);

  const pages = checkLinks(three.out, THREE_VARIANTS as { lang: string; path: string; short: string }[], "zh-Hans");
  assert.ok(pages >= 21, `checked ${pages} pages`);
  assert.equal(hk("nav.script-switch").text().replace(/\s+/g, ""), "简繁港");
});

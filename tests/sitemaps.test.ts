// sitemap.xml (an index), one sitemap per script with every page and its twins, the Google
// News sitemap of the last 48 hours before NEWSROOM_NOW, and robots.txt.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { DateTime } from "luxon";
import { article, buildSiteInProcess, makeSite, readPage } from "./helpers/site-fixture.ts";
import { htmlPages, readXml } from "./helpers/syndication.ts";
import { loadSite } from "../scripts/site/load-site.ts";
import type { SiteConfig } from "../scripts/site/site-config.ts";
import {
  buildNow,
  NEWS_SITEMAP_MAX,
  newsSitemapEntries,
  newsSitemapHours,
  splitNewsSitemap,
  type NewsSitemapEntry,
} from "../scripts/sitemaps/news-sitemap.ts";

const SITE = "https://example.test";
const NOW = "2025-03-10T12:00:00+08:00";
const VARIANTS = [
  { lang: "zh-Hans", path: "zh-hans", name: "测试集团", newsLanguage: "zh-cn" },
  { lang: "zh-Hant", path: "zh-hant", name: "測試集團", newsLanguage: "zh-tw" },
];
const IN_WINDOW = "news/media-focus/2025/03/summit-opens/";
const OUT_OF_WINDOW = "news/media-focus/2025/03/cloud-forum/";
const OFFSET_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/;

const FILES = {
  // 47 hours before NEWSROOM_NOW: in the news sitemap.
  "content/news/media-focus/2025/summit-opens.md": article({ title: "数字经济峰会开幕", date: "2025-03-08 13:00", source: "重庆日报", editor: "张伟" }),
  // 49 hours before: out.
  "content/news/media-focus/2025/cloud-forum.md": article({ title: "云计算论坛举行", date: "2025-03-08 11:00", source: "华龙网", editor: "张伟" }),
  "content/news/media-focus/2024/old-report.md": article({ title: "旧报道回顾", date: "2024-12-01 08:00", source: "华龙网", editor: "李娜" }),
  // Published long ago, updated recently: lastmod is the update; not news.
  "content/news/company/2025/annual-report.md": article({ title: "集團發佈年度報告", date: "2025-01-05 09:00", updated: "2025-03-09 18:00", editor: "陳靜", lang: "zh-Hant" }),
  // Dated after NEWSROOM_NOW: scheduled (content/schedule.ts), in no sitemap until its time.
  "content/news/company/2025/next-week.md": article({ title: "下周开放日预告", date: "2025-03-11 09:00", editor: "陈静" }),
  "content/pages/about.md": "---\ntitle: 關於我們\nlang: zh-Hant\n---\n\n關於我們正文。\n",
};

/** Built pages a sitemap must list: all HTML of the variant but 404 pages and pages marked noindex. */
function indexablePages(out: string, variant: string): string[] {
  return htmlPages(out, variant).filter((url) => {
    if (url.endsWith("/404.html")) return false;
    const robots = readPage(out, url)('meta[name="robots"]').attr("content") ?? "";
    return !/noindex/i.test(robots);
  });
}

const local = (href: string) => (href.startsWith(SITE) ? href.slice(SITE.length) : href);

function urlset(out: string, path: string): any[] {
  return readXml(out, path, ["url", "xhtml:link"]).urlset.url ?? [];
}

function files(dir: string): string[] {
  const all: string[] = [];
  const walk = (abs: string) => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const p = join(abs, e.name);
      if (e.isDirectory()) walk(p);
      else all.push(relative(dir, p).split(sep).join("/"));
    }
  };
  walk(dir);
  return all.sort();
}

describe("sitemaps", () => {
  const root = makeSite(FILES, { pageSize: 2 });
  const out = join(root, "_site");

  before(async () => {
    const r = await buildSiteInProcess(root, out, { NEWSROOM_NOW: NOW });
    assert.equal(r.code, 0, r.stderr + r.stdout);
  });

  it("robots.txt names the sitemap index by its absolute URL", () => {
    const robots = readFileSync(join(out, "robots.txt"), "utf8");
    assert.match(robots, /^User-agent: \*$/m);
    assert.match(robots, /^Sitemap: https:\/\/example\.test\/sitemap\.xml$/m);
  });

  it("sitemap.xml is an index of one sitemap per script and the news sitemap", () => {
    const index = readXml(out, "/sitemap.xml", ["sitemap"]).sitemapindex;
    assert.equal(index["@xmlns"], "http://www.sitemaps.org/schemas/sitemap/0.9");
    const locs = index.sitemap.map((s: any) => s.loc);
    assert.deepEqual(locs, [`${SITE}/sitemap-zh-hans.xml`, `${SITE}/sitemap-zh-hant.xml`, `${SITE}/sitemap-news.xml`]);
    for (const loc of locs) assert.ok(existsSync(join(out, local(loc))), loc);
    for (const [i, v] of VARIANTS.entries()) {
      const newest = urlset(out, `/sitemap-${v.path}.xml`)
        .map((u) => u.lastmod)
        .filter(Boolean)
        .sort((a: string, b: string) => Date.parse(b) - Date.parse(a))[0];
      assert.equal(index.sitemap[i].lastmod, newest);
    }
  });

  it("lists exactly the built pages of each script, 404 and noindex pages left out", () => {
    for (const v of VARIANTS) {
      const locs = urlset(out, `/sitemap-${v.path}.xml`).map((u) => local(u.loc));
      assert.equal(new Set(locs).size, locs.length, "no page twice");
      assert.deepEqual([...locs].sort(), indexablePages(out, v.path));
      assert.ok(locs.includes(`/${v.path}/news/media-focus/page/2/`), "every page of a list");
      assert.ok(locs.includes(`/${v.path}/about/`), "static pages");
    }
  });

  it("cross-links every page with its twins, itself and x-default", () => {
    const byLoc = new Map<string, any>();
    for (const v of VARIANTS) for (const u of urlset(out, `/sitemap-${v.path}.xml`)) byLoc.set(u.loc, u);
    for (const [loc, u] of byLoc) {
      const links = u["xhtml:link"].map((l: any) => ({ rel: l["@rel"], hreflang: l["@hreflang"], href: l["@href"] }));
      assert.deepEqual(links.map((l: any) => l.hreflang), ["zh-Hans", "zh-Hant", "x-default"], loc);
      assert.ok(links.every((l: any) => l.rel === "alternate"));
      const own = VARIANTS.find((v) => loc.startsWith(`${SITE}/${v.path}/`))!;
      assert.equal(links.find((l: any) => l.hreflang === own.lang).href, loc, "lists itself");
      assert.equal(links[2].href, links[0].href, "x-default is the default script's page");
      for (const l of links.slice(0, 2)) {
        const twin = byLoc.get(l.href);
        assert.ok(twin, `${l.href} is in its script's sitemap`);
        assert.deepEqual(twin["xhtml:link"].map((x: any) => x["@href"]), u["xhtml:link"].map((x: any) => x["@href"]), "twins name each other");
      }
    }
  });

  it("gives each page the last change of what it shows", () => {
    for (const v of VARIANTS) {
      const lastmod = new Map(urlset(out, `/sitemap-${v.path}.xml`).map((u) => [local(u.loc), u.lastmod]));
      const at = (inner: string) => lastmod.get(`/${v.path}/${inner}`);
      assert.equal(at(IN_WINDOW), "2025-03-08T13:00:00+08:00", "article: its date");
      assert.equal(at("news/company/2025/01/annual-report/"), "2025-03-09T18:00:00+08:00", "article: its update");
      assert.equal(at("news/media-focus/"), "2025-03-08T13:00:00+08:00", "list: its newest article");
      assert.equal(at("news/media-focus/page/2/"), "2024-12-01T08:00:00+08:00", "list page 2: the newest on it");
      assert.equal(at("news/company/"), "2025-03-09T18:00:00+08:00", "list: an update, the scheduled article not yet");
      assert.equal(at("news/"), "2025-03-09T18:00:00+08:00", "hub");
      assert.equal(at(""), "2025-03-09T18:00:00+08:00", "home");
      assert.equal(at("news/company/2025/03/next-week/"), undefined, "scheduled: not published yet");
      assert.equal(at("about/"), undefined, "a static page has no date");
      for (const m of lastmod.values()) if (m !== undefined) assert.match(m, OFFSET_DATE);
    }
  });

  it("the news sitemap holds the articles of the 48 hours before NEWSROOM_NOW, each script's page with its name and language", () => {
    const sitemap = readXml(out, "/sitemap-news.xml", ["url"]).urlset;
    assert.equal(sitemap["@xmlns:news"], "http://www.google.com/schemas/sitemap-news/0.9");
    const urls = sitemap.url;
    assert.deepEqual(
      urls.map((u: any) => u.loc),
      VARIANTS.map((v) => `${SITE}/${v.path}/${IN_WINDOW}`),
    );
    for (const [i, v] of VARIANTS.entries()) {
      const news = urls[i]["news:news"];
      assert.equal(news["news:publication"]["news:name"], v.name);
      assert.equal(news["news:publication"]["news:language"], v.newsLanguage);
      assert.equal(news["news:publication_date"], "2025-03-08T13:00:00+08:00");
      assert.equal(news["news:title"], v.lang === "zh-Hans" ? "数字经济峰会开幕" : "數字經濟峰會開幕");
    }
  });

  it("depends on the build time alone of the whole site: another NEWSROOM_NOW (before the scheduled article's time) changes only the news sitemap", async () => {
    const later = join(root, "_site-later");
    // An hour before next-week is due: the window has moved past every published article.
    const r = await buildSiteInProcess(root, later, { NEWSROOM_NOW: "2025-03-11T08:00:00+08:00" });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.deepEqual(urlset(later, "/sitemap-news.xml"), [], "nothing is news then; the file is still there, empty");
    // manifest.json (scripts/integrity/) lists every file's hash, the news sitemap's too.
    const changed = files(out).filter((f) => f !== "manifest.json" && !readFileSync(join(out, f)).equals(readFileSync(join(later, f))));
    assert.deepEqual(changed, ["sitemap-news.xml"]);
    assert.deepEqual(files(later), files(out));
  });
});

describe("news sitemap window", () => {
  it("holds at its edges (47 hours in, 49 out, exactly 48 in) and follows newsSitemapHours", async () => {
    const root = makeSite(FILES);
    const site = await loadSite({ root, includeDrafts: false, cacheFile: null });
    assert.ok(site.model, JSON.stringify(site.problems));
    const now = DateTime.fromISO(NOW, { setZone: true });
    const locs = (hours: number, at = now) => newsSitemapEntries(site.model!, at, hours).map((e) => local(e.loc));
    assert.deepEqual(locs(48), [`/zh-hans/${IN_WINDOW}`, `/zh-hant/${IN_WINDOW}`]);
    assert.deepEqual(locs(50), [`/zh-hans/${IN_WINDOW}`, `/zh-hant/${IN_WINDOW}`, `/zh-hans/${OUT_OF_WINDOW}`, `/zh-hant/${OUT_OF_WINDOW}`]);
    assert.deepEqual(locs(48, now.minus({ hours: 1 })), locs(50), "exactly 48 hours old is in");
    assert.deepEqual(locs(48, now.minus({ hours: 1, seconds: -1 })), locs(48), "48 hours and a second is out");
    // A future-dated article becomes news when its time comes.
    assert.ok(locs(48, DateTime.fromISO("2025-03-11T09:00:00+08:00")).includes("/zh-hans/news/company/2025/03/next-week/"));
  });

  it("reads newsSitemapHours from site data: 48 unless set, a positive number", () => {
    const config = (data: Record<string, unknown>) => ({ root: makeSite({}, data) }) as SiteConfig;
    assert.equal(newsSitemapHours(config({})), 48);
    assert.equal(newsSitemapHours(config({ newsSitemapHours: 24 })), 24);
    assert.throws(() => newsSitemapHours(config({ newsSitemapHours: -1 })), /newsSitemapHours must be a positive number/);
    assert.throws(() => newsSitemapHours(config({ newsSitemapHours: "48" })), /newsSitemapHours/);
  });

  it("takes now from NEWSROOM_NOW (with or without offset), else from the clock", () => {
    const zone = "Asia/Shanghai";
    assert.equal(buildNow(zone, { NEWSROOM_NOW: "2025-03-10T04:00:00Z" }).toISO(), "2025-03-10T12:00:00.000+08:00");
    assert.equal(buildNow(zone, { NEWSROOM_NOW: "2025-03-10T12:00" }).toISO(), "2025-03-10T12:00:00.000+08:00");
    assert.throws(() => buildNow(zone, { NEWSROOM_NOW: "next tuesday" }), /NEWSROOM_NOW="next tuesday" is not an ISO date/);
    assert.ok(Math.abs(buildNow(zone, {}).toMillis() - Date.now()) < 60_000);
  });

  it(`splits into files of at most ${NEWS_SITEMAP_MAX} entries, and writes one even when there is no news`, () => {
    assert.equal(NEWS_SITEMAP_MAX, 1000);
    const entry = (i: number): NewsSitemapEntry => ({ loc: `${SITE}/a/${i}/`, name: "测试集团", language: "zh-cn", publicationDate: NOW, title: `${i}` });
    const split = splitNewsSitemap(SITE, Array.from({ length: 2345 }, (_, i) => entry(i)));
    assert.deepEqual(
      split.map((f) => [f.url, f.entries.length]),
      [
        [`${SITE}/sitemap-news.xml`, 1000],
        [`${SITE}/sitemap-news-2.xml`, 1000],
        [`${SITE}/sitemap-news-3.xml`, 345],
      ],
    );
    assert.equal(split[2].entries[0].title, "2000");
    assert.deepEqual(splitNewsSitemap(SITE, Array.from({ length: 1000 }, (_, i) => entry(i))).length, 1);
    assert.deepEqual(splitNewsSitemap(SITE, []).map((f) => [f.path, f.entries.length]), [["/sitemap-news.xml", 0]]);
  });
});

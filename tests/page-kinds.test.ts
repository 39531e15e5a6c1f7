// The registry of page kinds (scripts/model/page-kinds.ts) is what the build, the sitemaps
// and the link check use: every file a build writes is a kind's, every kind's URL is written,
// the sitemap lists exactly the kinds that say so, and the link check (which runs before the
// model exists) accepts a link to every page the build writes and no other.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { article, buildSiteInProcess, loadModel, makeSite, PROJECT } from "./helpers/site-fixture.ts";
import { htmlPages, readXml } from "./helpers/syndication.ts";
import { countPages, FILE_KINDS, PAGE_KINDS, renderedKinds, sitemapKinds, type PageKind, type UrlSources } from "../scripts/model/page-kinds.ts";
import type { SiteModel } from "../scripts/model/types.ts";
import { checkSite } from "../scripts/site/load-site.ts";
import { loadSources } from "../scripts/model/build-model.ts";
import { Problems } from "../scripts/content/problems.ts";
import { loadBlocklist } from "../scripts/content/spam-guard.ts";
import { loadSiteConfig } from "../scripts/site/site-config.ts";
import { outputFile } from "../scripts/site/urls.ts";

const FILES = {
  // With old addresses: redirect pages (one under a script, one outside them).
  "content/news/media-focus/2025/summit-opens.md": article({
    title: "数字经济峰会开幕",
    date: "2025-03-08 13:00",
    source: "重庆日报",
    editor: "张伟",
    aliases: "[/zh-hans/news/media-focus/2025/03/old-summit/, /html/old.html]",
  }),
  "content/news/media-focus/2025/cloud-forum.md": article({ title: "云计算论坛举行", date: "2025-03-07 11:00", source: "华龙网", editor: "张伟" }),
  "content/news/media-focus/2024/old-report.md": article({ title: "旧报道回顾", date: "2024-12-01 08:00", source: "华龙网", editor: "李娜" }),
  "content/news/company/2025/annual-report.md": article({ title: "集團發佈年度報告", date: "2025-01-05 09:00", editor: "陳靜", lang: "zh-Hant" }),
  "content/pages/about.md": "---\ntitle: 關於我們\nlang: zh-Hant\n---\n\n關於我們正文。\n",
};

/** Every file under `dir`, as site-relative paths. */
function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
    .filter((e) => e.isFile())
    .map((e) => "/" + join(e.parentPath, e.name).slice(dir.length + 1).split("\\").join("/"))
    .sort();
}

const sorted = (urls: Iterable<string>) => [...urls].sort();

describe("page kinds", () => {
  // Two articles a list page: media-focus has a page 2.
  const root = makeSite(FILES, { pageSize: 2 });
  const out = join(root, "_site");
  let model: SiteModel;
  let sources: UrlSources;

  before(async () => {
    const r = await buildSiteInProcess(root, out);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    model = await loadModel(root);
    const problems = new Problems();
    const site = loadSiteConfig(root, problems);
    const read = loadSources(site, problems, { includeDrafts: false, blocklist: loadBlocklist(root, problems) });
    sources = { site, articles: read.articles, pages: read.pages };
  });

  it("every file the generator writes is a kind's, and every kind's URL is written", () => {
    // Assets, media and the search index are copied or written beside the pages, not by templates.
    const written = filesUnder(out).filter((p) => !/^\/(assets|media|search)\//.test(p) && p !== "/manifest.json");
    const kinds = [...PAGE_KINDS, ...FILE_KINDS].flatMap((k) => k.urls(sources).map(outputFile));
    assert.deepEqual(sorted(kinds), written);
    assert.equal(new Set(kinds).size, kinds.length, "no URL is two kinds'");
    assert.ok(written.includes("/zh-hant/news/media-focus/page/2/index.html"));
    assert.ok(written.includes("/_redirects") && written.includes("/html/old.html") && written.includes("/zh-hant/news/media-focus/2025/03/old-summit/index.html"));
  });

  it("the model's pages of each kind are the URLs the kind says from the sources alone", () => {
    for (const kind of PAGE_KINDS) {
      assert.deepEqual(sorted(kind.pages(model).map((p) => p.url)), sorted(kind.urls(sources)), kind.kind);
    }
    // A planned kind's pages say they are of that kind (layouts read page.kind).
    for (const kind of renderedKinds) for (const page of kind.pages(model)) assert.equal(page.kind, kind.kind);
  });

  it("the page count is every HTML page written: the root chooser, the root 404 and the search pages too", () => {
    assert.equal(countPages(model), htmlPages(out).length);
  });

  it("each variant's sitemap lists the pages of the kinds that are in sitemaps, in the registry's order, and no other", () => {
    const site = "https://example.test";
    for (const ctx of model.variants) {
      const locs: string[] = (readXml(out, `/sitemap-${ctx.path}.xml`, ["url", "xhtml:link"]).urlset.url ?? []).map((u: { loc: string }) => u.loc);
      assert.deepEqual(locs, sitemapKinds.flatMap((k) => k.sitemap.pages(model, ctx.lang).map((p) => p.canonical)));
      // What the kinds leave out (404 pages, the search page: noindex; redirects) is all that is left out.
      const left = htmlPages(out, ctx.path).filter((url) => !locs.includes(site + url));
      const unlisted = PAGE_KINDS.filter((k) => k.sitemap === null).flatMap((k) => (k as PageKind).pages(model as never).map((p) => p.url));
      assert.deepEqual(sorted(left), sorted(unlisted.filter((url) => url.startsWith(`/${ctx.path}/`)).map((url) => url.replace(/index\.html$/, ""))));
      assert.ok(left.includes(`/${ctx.path}/404.html`) && left.includes(`/${ctx.path}/search/`) && left.includes(`/${ctx.path}/news/media-focus/2025/03/old-summit/`));
    }
  });

  it("the link check accepts a link to every page and feed the build writes, and refuses a made-up one", async () => {
    // What the build wrote, not what the registry says: the check must accept every page a reader can reach.
    const written = filesUnder(out).filter((p) => /\.(xml|json)$/.test(p) && p.includes("/feed.")).concat("/sitemap.xml", "/robots.txt");
    assert.equal(written.length, 2 + 2 * model.variants.length * (1 + model.site.sections.length));
    const draft = (links: string[]) =>
      article({ title: "链接草稿", date: "2025-03-01 08:00", source: "重庆日报", editor: "张伟", draft: true }, links.map((url, i) => `[链接${i}](${url})`).join("\n\n"));
    const file = join(root, "content/news/media-focus/2025/links.md");
    // Less the pages of kinds links may not lead to (redirects: a link leads to the page itself).
    const notTargets = new Set(PAGE_KINDS.filter((k) => !k.inLinkCheck).flatMap((k) => (k as PageKind).pages(model as never).map((p) => p.url)));
    assert.ok(notTargets.has("/html/old.html"));
    writeFileSync(file, draft([...htmlPages(out).filter((url) => !notTargets.has(url)), ...written]));
    const all = await checkSite(root);
    assert.deepEqual(all.problems.filter((p) => p.severity === "error"), []);

    writeFileSync(file, draft(["/zh-hans/news/media-focus/", "/zh-hans/news/media-focus/page/3/", "/zh-hans/news/archive/"]));
    const refused = (await checkSite(root)).problems.filter((p) => p.severity === "error").map((p) => p.message);
    assert.equal(refused.length, 2, refused.join("\n"));
    assert.match(refused[0], /page\/3\/ leads to no page/);
    assert.match(refused[1], /archive\/ leads to no page/);
  });

  it("every generator template is one kind's; a planned kind's template paginates over news.render.<list>", () => {
    const templates = readdirSync(join(PROJECT, "content/_generate")).sort();
    assert.deepEqual(sorted([...PAGE_KINDS, ...FILE_KINDS].map((k) => k.template)), templates);
    for (const kind of renderedKinds) {
      const text = readFileSync(join(PROJECT, "content/_generate", kind.template), "utf8");
      assert.match(text, new RegExp(`data: "news\\.render\\.${kind.list}"`), kind.template);
    }
  });
});

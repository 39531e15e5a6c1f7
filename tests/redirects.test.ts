// Redirects (front matter aliases): an article's old URLs are redirect pages in the script
// they were in, and lines of _redirects; not in sitemaps or search, not link targets; npm run
// check refuses two claims to one URL; the output check lets a redirect page refresh, to its
// own target only.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { article, buildSiteInProcess, loadModel, makeSite, pageExists, readPage, runTool } from "./helpers/site-fixture.ts";
import { auditContext } from "../scripts/audit/audit-output.ts";
import { auditHtml } from "../scripts/audit/html-audit.ts";
import { normaliseAlias } from "../scripts/content/read/alias-rule.ts";
import { refreshTargets } from "../scripts/model/page-kinds.ts";
import { loadSiteConfig } from "../scripts/site/site-config.ts";
import { Problems } from "../scripts/content/problems.ts";
import { loadBlocklist } from "../scripts/content/spam-guard.ts";
import { ConversionCache } from "../scripts/convert/conversion-cache.ts";
import { Converters } from "../scripts/convert/converters.ts";
import { buildModel, loadSources } from "../scripts/model/build-model.ts";
import { launchChromium } from "./helpers/browser.ts";
import { serveStatic } from "./helpers/static-server.ts";
import type { SiteModel } from "../scripts/model/types.ts";

const HANS = "/zh-hans/news/media-focus/2025/03/summit-opens/";
const HANT = "/zh-hant/news/media-focus/2025/03/summit-opens/";
const REPORT_HANT = "/zh-hant/news/company/2025/01/annual-report/";

const FILES = {
  // Simplified, with an earlier slug of this site (under a variant) and an old CMS address.
  "content/news/media-focus/2025/summit-opens.md": article({
    title: "数字经济峰会开幕",
    date: "2025-03-08 13:00",
    source: "重庆日报",
    editor: "张伟",
    slug: "summit-opens",
    aliases: "[/zh-hans/news/media-focus/2025/03/old-summit/, /html/2019/03/art_123.html, /html/2019/03/art_123.html]",
  }),
  // Traditional, with an old path written without its last slash, and a Chinese folder percent-encoded.
  "content/news/company/2025/annual-report.md": article({
    title: "集團發佈年度報告",
    date: "2025-01-05 09:00",
    editor: "陳靜",
    lang: "zh-Hant",
    slug: "annual-report",
    aliases: "[/old/news/report, /%E8%88%8A%E8%81%9E/report/]",
  }),
};

/** Every file under `dir`, site-relative. */
function files(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
    .filter((e) => e.isFile())
    .map((e) => "/" + join(e.parentPath, e.name).slice(dir.length + 1));
}

describe("redirects", () => {
  const root = makeSite(FILES);
  const out = join(root, "_site");
  let model: SiteModel;

  before(async () => {
    const r = await buildSiteInProcess(root, out);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    model = await loadModel(root);
  });

  it("an old path under a variant is a redirect page in each script, to that script's page, in its script's text", () => {
    for (const [url, target, lang, heading, title, other] of [
      ["/zh-hans/news/media-focus/2025/03/old-summit/", HANS, "zh-Hans", "页面已移动", "数字经济峰会开幕", HANT],
      ["/zh-hant/news/media-focus/2025/03/old-summit/", HANT, "zh-Hant", "頁面已移動", "數字經濟峰會開幕", HANS],
    ]) {
      const $ = readPage(out, url);
      assert.equal($("html").attr("lang"), lang, url);
      assert.equal($('meta[http-equiv="refresh"]').attr("content"), `0; url=${target}`, url);
      assert.equal($('link[rel="canonical"]').attr("href"), `https://example.test${target}`, url);
      assert.equal($('meta[name="robots"]').attr("content"), "noindex", url);
      assert.equal($("h1").text(), heading, url);
      // A link for readers whose browser does not follow, and the other script's page.
      assert.equal($(`main a[href="${target}"]`).text(), title, url);
      assert.equal($(`main a[href="${other}"]`).length, 1, url);
    }
  });

  it("an old path outside the variants is one page, in the article's own script", () => {
    const $ = readPage(out, "/html/2019/03/art_123.html");
    assert.equal($("html").attr("lang"), "zh-Hans");
    assert.equal($('meta[http-equiv="refresh"]').attr("content"), `0; url=${HANS}`);
    assert.ok(!pageExists(out, "/zh-hant/html/2019/03/art_123.html"));
    // A Traditional article's old path: its page is Traditional, the folder gets its slash.
    const t = readPage(out, "/old/news/report/");
    assert.equal(t("html").attr("lang"), "zh-Hant");
    assert.equal(t('meta[http-equiv="refresh"]').attr("content"), `0; url=${REPORT_HANT}`);
    assert.equal(t("h1").text(), "頁面已移動");
    assert.ok(pageExists(out, "/舊聞/report/"), "a percent-encoded path is written decoded");
  });

  it("_redirects lists every redirect page as a 301 to its target, paths percent-encoded, each once", () => {
    const lines = readFileSync(join(out, "_redirects"), "utf8").trim().split("\n");
    const expected = model.redirects.map((r) => `${encodeURI(r.url)} ${r.target} 301`);
    assert.deepEqual(lines, expected);
    assert.equal(lines.length, 5); // two under variants (×2 scripts), one CMS path (given twice), two of the Traditional article
    assert.ok(lines.includes(`/html/2019/03/art_123.html ${HANS} 301`));
    assert.ok(lines.includes(`/%E8%88%8A%E8%81%9E/report/ ${REPORT_HANT} 301`));
  });

  it("redirect pages are in no sitemap and not in the search index; their targets are pages the build wrote", () => {
    const sitemaps = files(out).filter((p) => /^\/sitemap.*\.xml$/.test(p));
    assert.ok(sitemaps.length >= 3);
    const all = sitemaps.map((p) => readFileSync(join(out, p), "utf8")).join("\n");
    assert.ok(all.includes(HANS), "the article itself is in the sitemap");
    for (const r of model.redirects) assert.ok(!all.includes(r.url) && !all.includes(encodeURI(r.url)), r.url);
    const index = files(join(out, "search")).map((p) => readFileSync(join(out, "search", p)).toString("latin1")).join("\n");
    assert.ok(index.includes("summit-opens"), "the article is in the search index");
    for (const word of ["old-summit", "art_123", "old/news"]) assert.ok(!index.includes(word), word);
    for (const r of model.redirects) assert.ok(pageExists(out, r.target), r.target);
  });

  it("the output check refuses a refresh except on a redirect page, to its own target", () => {
    const ctx = auditContext(root);
    const url = "/zh-hans/news/media-focus/2025/03/old-summit/";
    const html = readFileSync(join(out, url, "index.html"), "utf8");
    const targets = refreshTargets(model);
    assert.deepEqual([...targets.keys()].sort(), model.redirects.map((r) => (r.url.endsWith("/") ? `${r.url}index.html` : r.url)).sort());
    assert.deepEqual(auditHtml(html, { ...ctx, refreshTo: targets.get(`${url}index.html`) }), []);
    // The same page as any other page, or refreshing elsewhere: refused.
    const refused = (found: { rule: string }[]) => found.some((f) => /http-equiv="refresh"/.test(f.rule));
    assert.ok(refused(auditHtml(html, ctx)));
    assert.ok(refused(auditHtml(html.replace(`url=${HANS}`, "url=https://evil.example/"), { ...ctx, refreshTo: HANS })));
    // An article page with a refresh in its body (however it got there) is refused, and no article page may refresh.
    const page = readFileSync(join(out, HANS, "index.html"), "utf8");
    assert.deepEqual(auditHtml(page, ctx), []);
    assert.ok(refused(auditHtml(page.replace("<p>正文第一段。</p>", `<p>正文第一段。</p><meta http-equiv="refresh" content="0; url=${HANT}">`), ctx)));
    assert.ok(![...targets.keys()].includes(`${HANS}index.html`));
  });

  it("in Chromium, under the site's Content-Security-Policy, a redirect page takes the reader to the article in its script", async () => {
    const server = await serveStatic(out, { headers: { "Content-Security-Policy": model.security.header } });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      for (const [from, to, title] of [
        ["/zh-hant/news/media-focus/2025/03/old-summit/", HANT, "數字經濟峰會開幕"],
        ["/html/2019/03/art_123.html", HANS, "数字经济峰会开幕"],
        ["/%E8%88%8A%E8%81%9E/report/", REPORT_HANT, "集團發佈年度報告"],
      ]) {
        await page.goto(server.origin + from);
        await page.waitForURL(server.origin + to, { timeout: 15_000 });
        assert.equal((await page.locator("h1").first().textContent())?.trim(), title, from);
      }
    } finally {
      await browser.close();
      await server.close();
    }
  });

  it("the dev server's next model: redirect pages are the last build's objects, made again when their article's title changes", () => {
    const problems = new Problems();
    const site = loadSiteConfig(root, problems);
    const read = loadSources(site, problems, { includeDrafts: false, blocklist: loadBlocklist(root, problems) });
    assert.deepEqual(problems.errors, []);
    const cache = ConversionCache.open(null);
    const converters = () => new Converters(site.variants, site.glossary, cache);
    const one = buildModel(site, converters(), read, null);
    const same = buildModel(site, converters(), read, one.memory);
    assert.equal(same.model.redirects.length, 5);
    same.model.redirects.forEach((p, i) => assert.equal(p, one.model.redirects[i], p.url));
    const edited = read.articles.find((a) => a.slug === "summit-opens")!;
    const articles = read.articles.map((a) => (a === edited ? { ...a, title: `${a.title}（更新）` } : a));
    const two = buildModel(site, converters(), { ...read, articles }, same.memory);
    for (const [i, p] of two.model.redirects.entries()) {
      if (p.target.includes("summit-opens")) {
        assert.notEqual(p, same.model.redirects[i], p.url);
        assert.match(p.title, /（更新）$/);
      } else assert.equal(p, same.model.redirects[i], p.url);
    }
  });

  it("a threaded build, then a warm one, write the same redirect pages (helpers check the pages they were dealt)", async () => {
    const threaded = join(root, "_threads");
    const r = await buildSiteInProcess(root, threaded, {}, { threads: 2 });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    for (const p of model.redirects) {
      const file = p.url.endsWith("/") ? `${p.url}index.html` : p.url;
      assert.equal(readFileSync(join(threaded, file), "utf8"), readFileSync(join(out, file), "utf8"), file);
    }
    assert.equal(readFileSync(join(threaded, "_redirects"), "utf8"), readFileSync(join(out, "_redirects"), "utf8"));
    // Warm, on one thread: the redirect pages are taken from the last output, byte for byte.
    const warm = await buildSiteInProcess(root, threaded);
    assert.equal(warm.code, 0, warm.stderr + warm.stdout);
    // Only the pages rendered every build are rendered again (the root chooser, the search pages).
    const [, rendered] = /pages: \d+ unchanged, (\d+) rendered/.exec(warm.stdout) ?? assert.fail(warm.stdout);
    assert.equal(Number(rendered), model.root.length + model.searches.length);
    for (const p of model.redirects) {
      const file = p.url.endsWith("/") ? `${p.url}index.html` : p.url;
      assert.equal(readFileSync(join(threaded, file), "utf8"), readFileSync(join(out, file), "utf8"), file);
    }
  });
});

describe("npm run check and aliases", () => {
  it("refuses two aliases at one URL and an alias at a page's URL, naming both files; and a link to an old URL", () => {
    const root = makeSite({
      "content/news/media-focus/2025/a.md": article({ title: "甲文章", date: "2025-03-08 13:00", source: "重庆日报", editor: "张伟", slug: "a", aliases: "[/old/same/]" }),
      "content/news/media-focus/2025/b.md": article(
        { title: "乙文章", date: "2025-03-07 13:00", source: "重庆日报", editor: "张伟", slug: "b", aliases: "[/old/same, /zh-hant/news/media-focus/2025/03/a/]" },
        "見[舊址](/old/same/)。",
      ),
      "content/pages/about.md": "---\ntitle: 關於我們\nlang: zh-Hant\n---\n\n關於我們正文。\n",
      "content/news/company/2025/c.md": article({ title: "丙文章", date: "2025-01-05 09:00", editor: "陳靜", slug: "c", aliases: "[/zh-hans/about/]" }),
    });
    const r = runTool("scripts/cli/check.ts", ["--root", root]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const lines = r.stdout.split("\n");
    const line = (re: RegExp) => lines.find((l) => re.test(l)) ?? assert.fail(`no line like ${re}:\n${r.stdout}`);
    assert.match(line(/\/old\/same\/ is also an alias/), /^content\/news\/media-focus\/2025\/b\.md:\d+: aliases: \/old\/same\/ is also an alias of content\/news\/media-focus\/2025\/a\.md.* Remove \/old\/same\/ from aliases/);
    assert.match(line(/a\/ .*is the URL of/), /^content\/news\/media-focus\/2025\/b\.md:\d+: aliases: \/zh-hant\/news\/media-focus\/2025\/03\/a\/ is the URL of content\/news\/media-focus\/2025\/a\.md \(article\)/);
    // Reported once, though its twin in the other script is taken too.
    assert.equal(lines.filter((l) => /2025\/03\/a\/ .*is the URL of/.test(l)).length, 1);
    assert.match(line(/about\/ is the URL of/), /^content\/news\/company\/2025\/c\.md:\d+: aliases: \/zh-hans\/about\/ is the URL of content\/pages\/about\.md \(page\)/);
    // An old URL is no link target: links lead to the page itself.
    assert.match(line(/\/old\/same\/ leads to no page/), /^content\/news\/media-focus\/2025\/b\.md:\d+:/);
    assert.match(lines.at(-2) ?? "", /✗ 4 errors/);
  });

  it("refuses an alias with a scheme, a host, .. or a query, with the line and how to fix it", async () => {
    const root = makeSite({
      "content/news/media-focus/2025/a.md": article({
        title: "甲文章",
        date: "2025-03-08 13:00",
        source: "重庆日报",
        editor: "张伟",
        aliases: "[https://old.example.com/a/, //old.example.com/a/, /news/../admin/, /a?id=3, news/a/, /assets/x/, /old/page.htm]",
      }),
    });
    const r = runTool("scripts/cli/check.ts", ["--root", root]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const at = "content/news/media-focus/2025/a.md:6: aliases: ";
    for (const [written, why] of [
      ["https://old.example.com/a/", "names a scheme or a host"],
      ["//old.example.com/a/", "names a scheme or a host"],
      ["/news/../admin/", "goes up or sideways"],
      ["/a?id=3", "has a query or a fragment"],
      ["news/a/", "is not a site-relative path"],
      ["/assets/x/", "is under /assets/"],
      ["/old/page.htm", "ends in a file name that is not .html (page.htm)"],
    ]) {
      const l = r.stdout.split("\n").find((x) => x.startsWith(`${at}"${written}" ${why}`));
      assert.ok(l, `${written}:\n${r.stdout}`);
      assert.match(l, /\. (Write the old address's path alone, starting with \/|Write it as a folder \(\/…\/page\.htm\/\))/);
    }
    // The build stops too, with the same errors, and publishes nothing.
    const b = await buildSiteInProcess(root);
    assert.equal(b.code, 1);
    assert.match(b.stderr + b.stdout, /"\/news\/\.\.\/admin\/" goes up or sideways/);
  });
});

describe("an alias as written", () => {
  it("is normalised to one path a static host serves", () => {
    for (const [written, path] of [
      ["/old/news/report", "/old/news/report/"],
      ["  /old/news/report/  ", "/old/news/report/"],
      ["/old/index.html", "/old/"],
      ["/html/2019/art_1.html", "/html/2019/art_1.html"],
      ["/%E8%88%8A%E8%81%9E/a", "/舊聞/a/"],
      ["/zh-hans/news/media-focus/2024/03/old-slug", "/zh-hans/news/media-focus/2024/03/old-slug/"],
    ]) {
      assert.deepEqual(normaliseAlias(written), { path }, written);
    }
  });

  it("refuses what could lead elsewhere or break the page and _redirects, each with a fix", () => {
    for (const written of [
      "javascript:alert(1)",
      "/javascript:alert(1)",
      "//evil.example/a/",
      "https://evil.example/a/",
      '/a"><script>alert(1)</script>/',
      "/a b/",
      "/a\\b/",
      "/a/%2e%2e/b/",
      "/a/../b/",
      "/a//b/",
      "/.git/",
      "/a/*",
      "/%E8%88",
      "/",
      "/index.html",
      "/media/x/",
      "/search/x/",
      "/old/page.php",
      "",
    ]) {
      const r = normaliseAlias(written);
      assert.ok("error" in r && r.hint.length > 10, `${JSON.stringify(written)}: ${JSON.stringify(r)}`);
    }
  });
});

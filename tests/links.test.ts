// Link check over a fresh build of the sample site, on the files alone (no server): every
// internal URL in every page (href, src, srcset, poster, form action, link elements, the
// search page's index), every URL on the site's own host (canonical, hreflang, Open Graph,
// JSON-LD, feeds, sitemaps, robots.txt), every url() in the CSS and every path in _headers
// leads to a file the build wrote, and every #anchor to an element id on the target page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import * as cheerio from "cheerio";
import { buildSampleSite, PROJECT } from "./helpers/site-fixture.ts";

const SITE_URL: string = JSON.parse(readFileSync(join(PROJECT, "content/_data/site.json"), "utf8")).url.replace(/\/$/, "");
/** Where a page's markup refers to another resource. */
const URL_ATTRIBUTES: [selector: string, attribute: string][] = [
  ["a[href], area[href], link[href], base[href]", "href"],
  ["img[src], script[src], iframe[src], source[src], video[src], audio[src], track[src], embed[src], input[src]", "src"],
  ["video[poster]", "poster"],
  ["object[data]", "data"],
  ["form[action]", "action"],
  ["blockquote[cite], q[cite], del[cite], ins[cite]", "cite"],
  ["[data-search-index]", "data-search-index"],
];

interface Ref {
  /** File (relative to the site) the reference is in. */
  from: string;
  /** As written. */
  url: string;
  /** The URL path it resolves to (decoded), and its fragment (decoded, "" if none). */
  path: string;
  fragment: string;
}

/** A URL as the page at `pageUrl` sees it: internal (same host, or the site's own URL) or not. */
function internal(from: string, pageUrl: string, raw: string): Ref | undefined {
  const url = raw.trim();
  if (!url || /^(mailto|tel|sms|data|javascript):/i.test(url)) return undefined;
  const resolved = new URL(url.startsWith(SITE_URL) ? url.slice(SITE_URL.length) || "/" : url, `http://site.invalid${pageUrl}`);
  if (resolved.origin !== "http://site.invalid") return undefined;
  return { from, url, path: decodeURIComponent(resolved.pathname), fragment: decodeURIComponent(resolved.hash.slice(1)) };
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => f.split("\\").join("/"))
    .sort();
}

/** The URL path of a built file: index.html files are their folder. */
function urlOf(file: string): string {
  return "/" + file.replace(/(^|\/)index\.html$/, "$1");
}

/** The built file a URL path stands for, as a static host serves it; undefined if none. */
function fileFor(out: string, path: string): string | undefined {
  const candidate = path.endsWith("/") ? `${path}index.html` : path;
  const abs = join(out, candidate);
  return existsSync(abs) && statSync(abs).isFile() ? candidate.slice(1) : undefined;
}

/** The ids (and a[name]s) of every page, by file. */
function idsOf(html: string): Set<string> {
  const $ = cheerio.load(html);
  const ids = new Set<string>();
  $("[id]").each((_, el) => void ids.add($(el).attr("id")!));
  $("a[name]").each((_, el) => void ids.add($(el).attr("name")!));
  return ids;
}

/** Every internal reference in a page's markup. */
function pageRefs(file: string, html: string): Ref[] {
  const $ = cheerio.load(html);
  const pageUrl = urlOf(file);
  const refs: Ref[] = [];
  const add = (raw: string | undefined) => {
    const ref = raw === undefined ? undefined : internal(file, pageUrl, raw);
    if (ref) refs.push(ref);
  };
  for (const [selector, attribute] of URL_ATTRIBUTES) $(selector).each((_, el) => add($(el).attr(attribute)));
  $("img[srcset], source[srcset]").each((_, el) => {
    for (const candidate of ($(el).attr("srcset") ?? "").split(",")) add(candidate.trim().split(/\s+/)[0]);
  });
  // Absolute URLs on the site's own host anywhere else: meta content (Open Graph, Twitter), JSON-LD.
  $("meta[content]").each((_, el) => {
    const content = $(el).attr("content")!;
    if (content.startsWith(SITE_URL)) add(content);
  });
  $('script[type="application/ld+json"]').each((_, el) => {
    for (const url of siteUrls($(el).text())) add(url);
  });
  return refs;
}

/** Absolute URLs on the site's own host in a text (feeds, sitemaps, robots.txt, JSON). */
function siteUrls(text: string): string[] {
  const escaped = SITE_URL.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return [...text.matchAll(new RegExp(`${escaped}(?:/[^\\s"'<>&)\\\\]*)?`, "g"))].map((m) => m[0]);
}

/** Resolves every reference against the built files; anchors against the target's ids. */
function check(out: string, refs: Ref[]): string[] {
  const broken: string[] = [];
  const idCache = new Map<string, Set<string>>();
  for (const ref of refs) {
    const target = fileFor(out, ref.path);
    if (!target) {
      broken.push(`${ref.from}: ${ref.url} (no file for ${ref.path})`);
      continue;
    }
    if (!ref.fragment || !target.endsWith(".html")) continue;
    let ids = idCache.get(target);
    if (!ids) idCache.set(target, (ids = idsOf(readFileSync(join(out, target), "utf8"))));
    if (!ids.has(ref.fragment)) broken.push(`${ref.from}: ${ref.url} (no id "${ref.fragment}" in ${target})`);
  }
  return broken;
}

/** All references of a built site, by kind of file. */
function collect(out: string): { pages: Ref[]; texts: Ref[]; css: Ref[]; headers: Ref[]; files: string[] } {
  const files = allFiles(out);
  const pages: Ref[] = [];
  const texts: Ref[] = [];
  const css: Ref[] = [];
  const headers: Ref[] = [];
  for (const file of files) {
    const abs = join(out, file);
    if (file.endsWith(".html")) {
      pages.push(...pageRefs(file, readFileSync(abs, "utf8")));
    } else if (/\.(xml|json|txt)$/.test(file) && file !== "manifest.json") {
      for (const url of siteUrls(readFileSync(abs, "utf8"))) texts.push(internal(file, "/", url)!);
    } else if (file.endsWith(".css")) {
      for (const m of readFileSync(abs, "utf8").matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) {
        const ref = internal(file, urlOf(file), m[2]);
        if (ref) css.push(ref);
      }
    } else if (file === "_headers") {
      for (const line of readFileSync(abs, "utf8").split("\n")) {
        // Path lines start at column 0; header lines are indented; "/*" is every path.
        if (line.startsWith("/") && !line.includes("*")) headers.push(internal(file, "/", line.trim())!);
      }
    }
  }
  return { pages, texts, css, headers, files };
}

const built = await (async () => {
  const { out, build } = await buildSampleSite("newsroom-links-");
  return { out, build, refs: build.code === 0 ? collect(out) : undefined };
})();

function site(): { out: string; refs: ReturnType<typeof collect> } {
  assert.equal(built.build.code, 0, `build failed:\n${built.build.stderr}\n${built.build.stdout}`);
  return { out: built.out, refs: built.refs! };
}

test("the checker finds a missing file, a missing anchor and a link to the site's own host", () => {
  const refs = [
    internal("a/index.html", "/a/", "../b/")!,
    internal("a/index.html", "/a/", `${SITE_URL}/zh-hans/#nowhere`)!,
    internal("a/index.html", "/a/", "https://elsewhere.example/x")!,
  ].filter(Boolean);
  assert.deepEqual(
    refs.map((r) => [r.path, r.fragment]),
    [
      ["/b/", ""],
      ["/zh-hans/", "nowhere"],
    ],
  );
  const { out } = site();
  assert.deepEqual(check(out, refs), [
    "a/index.html: ../b/ (no file for /b/)",
    `a/index.html: ${SITE_URL}/zh-hans/#nowhere (no id "nowhere" in zh-hans/index.html)`,
  ]);
});

test("every internal href, src, srcset and action in every page leads to a built file", () => {
  const { out, refs } = site();
  const pages = refs.files.filter((f) => f.endsWith(".html"));
  assert.ok(pages.length >= 40, `only ${pages.length} pages`);
  // Not a vacuous pass: pages link to each other, to photos, styles, scripts, feeds and the site's URL.
  assert.ok(refs.pages.length > 1000, `only ${refs.pages.length} references`);
  for (const kind of [/\.jpg$/, /\.css$/, /\.js$/, /feed\.xml$/, /\/$/, /\.svg$/]) {
    assert.ok(refs.pages.some((r) => kind.test(r.path)), `no reference matching ${kind}`);
  }
  assert.ok(refs.pages.some((r) => r.url.startsWith(SITE_URL)), "canonical and hreflang URLs are checked");
  assert.deepEqual(check(out, refs.pages.filter((r) => !r.fragment)), []);
});

test("every #anchor leads to an element id on its target page", () => {
  const { out, refs } = site();
  const anchored = refs.pages.filter((r) => r.fragment);
  // At least the skip link of every page (#main).
  assert.ok(anchored.length >= refs.files.filter((f) => f.endsWith(".html")).length - 1, `only ${anchored.length} anchors`);
  assert.deepEqual(check(out, anchored), []);
});

test("feeds, sitemaps and robots.txt: every URL on the site's own host resolves", () => {
  const { out, refs } = site();
  for (const file of ["robots.txt", "sitemap.xml", "sitemap-zh-hant.xml", "zh-hans/news/feed.xml", "zh-hant/news/media-focus/feed.json"]) {
    assert.ok(refs.texts.some((r) => r.from === file), `no URL checked in ${file}`);
  }
  assert.deepEqual(check(out, refs.texts), []);
});

test("every url() in the CSS and every path in _headers exists", () => {
  const { out, refs } = site();
  assert.ok(refs.headers.length > 0, "_headers names paths");
  assert.deepEqual(check(out, [...refs.css, ...refs.headers]), []);
});

test("404 pages use root-relative URLs only (they are served at any address)", () => {
  const { out, refs } = site();
  const relativeRefs = refs.pages
    .filter((r) => /(^|\/)404\.html$/.test(r.from))
    .filter((r) => !r.url.startsWith("/") && !r.url.startsWith("#") && !r.url.startsWith(SITE_URL));
  assert.deepEqual(
    relativeRefs.map((r) => `${r.from}: ${r.url}`),
    [],
  );
  assert.ok(fileFor(out, "/404.html"));
});

test("pages link only to pages of their own script (the switcher and hreflang aside)", () => {
  const { refs } = site();
  const crossing = refs.pages.filter((r) => {
    const from = r.from.match(/^(zh-han[st])\//)?.[1];
    const to = r.path.match(/^\/(zh-han[st])\//)?.[1];
    return from && to && from !== to && !r.url.startsWith(SITE_URL);
  });
  // Each page's switcher (header and footer) and, on 404 pages, the list of both homes.
  const $cache = new Map<string, cheerio.CheerioAPI>();
  const unexpected = crossing.filter((r) => {
    let $ = $cache.get(r.from);
    if (!$) $cache.set(r.from, ($ = cheerio.load(readFileSync(join(built.out, r.from), "utf8"))));
    const allowed = $(".script-switch a, .footer-switch a, .not-found-scripts a")
      .map((_, a) => $(a).attr("href"))
      .get();
    return !allowed.includes(r.url);
  });
  assert.deepEqual(
    unexpected.map((r) => `${r.from}: ${r.url}`),
    [],
  );
  assert.ok(crossing.length > 0);
});

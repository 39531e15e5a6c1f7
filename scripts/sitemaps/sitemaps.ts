// sitemap.xml: an index naming one sitemap per script variant and the Google News sitemap(s).
// A variant's sitemap lists every page of it but the 404 page, each with its twins in the
// other scripts (xhtml:link hreflang, itself included) and the last change of what it shows.
// Which pages, in which order, with which date: the page kinds' sitemap rules (model/page-kinds.ts).
import type { PageBase, SiteModel, Teaser } from "../model/types.ts";
import { sitemapKinds } from "../model/page-kinds.ts";
import { sitePaths } from "../site/urls.ts";
import { absoluteOnSite } from "../structured-data/publisher.ts";
import type { NewsSitemapFile } from "./news-sitemap.ts";

export interface SitemapAlternate {
  hreflang: string;
  href: string;
}

export interface SitemapUrl {
  loc: string;
  /** W3C date-time with offset; none for pages without a date (static pages). */
  lastmod?: string;
  alternates: SitemapAlternate[];
}

export interface SitemapFile {
  lang: string;
  /** Site-relative: /sitemap-zh-hans.xml */
  path: string;
  url: string;
  lastmod?: string;
  urls: SitemapUrl[];
}

export interface SitemapIndexEntry {
  loc: string;
  lastmod?: string;
}

const millis = (iso: string) => Date.parse(iso);

/** The latest of some ISO dates, as written. */
function latest(dates: (string | undefined)[]): string | undefined {
  let best: string | undefined;
  for (const d of dates) if (d && (!best || millis(d) > millis(best))) best = d;
  return best;
}

const cache = new WeakMap<SiteModel, SitemapFile[]>();
// One row a page object: the model hands back the same object for a page that did not
// change (model/memo.ts), so a dev-server rebuild makes rows only for the pages an edit made.
const rows = new WeakMap<PageBase, SitemapUrl>();

/** One sitemap per script variant. */
export function variantSitemaps(model: SiteModel): SitemapFile[] {
  const hit = cache.get(model);
  if (hit) return hit;
  const site = model.site;
  const files: SitemapFile[] = [];
  for (const ctx of model.variants) {
    const byPath = new Map(model.articles.filter((a) => a.ctx.lang === ctx.lang).map((a) => [a.id, a]));
    // A list, hub or home page changes when one of the articles it shows does.
    const newestOf = (items: readonly Teaser[]) => latest(items.map((t) => byPath.get(t.id)?.updatedIso));
    // A page's row depends on the page alone (its teasers' articles are fixed by its teasers).
    const url = (page: PageBase, lastmod: () => string | undefined): SitemapUrl => {
      let row = rows.get(page);
      if (!row) {
        const alternates: SitemapAlternate[] = page.alternates.map((alt) => ({ hreflang: alt.lang, href: alt.href }));
        const fallback = page.alternates.find((alt) => alt.lang === site.defaultLang);
        if (fallback && page.alternates.length > 1) alternates.push({ hreflang: "x-default", href: fallback.href });
        rows.set(page, (row = { loc: page.canonical, lastmod: lastmod(), alternates }));
      }
      return row;
    };
    const urls: SitemapUrl[] = [];
    for (const { sitemap } of sitemapKinds) for (const page of sitemap.pages(model, ctx.lang)) urls.push(url(page, () => sitemap.lastmod(page, newestOf)));
    const path = sitePaths.variantSitemap(ctx.path);
    files.push({ lang: ctx.lang, path, url: absoluteOnSite(site, path), lastmod: latest(urls.map((u) => u.lastmod)), urls });
  }
  cache.set(model, files);
  return files;
}

/** The sitemaps sitemap.xml names: each variant's, then the news sitemap(s). */
export function sitemapIndex(model: SiteModel, news: NewsSitemapFile[]): SitemapIndexEntry[] {
  return [
    ...variantSitemaps(model).map((f) => ({ loc: f.url, lastmod: f.lastmod })),
    // No lastmod: it would be the only date in the index that depends on the build time.
    ...news.map((f) => ({ loc: f.url })),
  ];
}

export function robotsTxt(model: SiteModel): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absoluteOnSite(model.site, sitePaths.sitemapIndex)}\n`;
}

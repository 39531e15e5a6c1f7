// The site's URL scheme, in one place: every page's path from its kind and data. Nothing
// else in the build writes a URL pattern; the model, the render plan, the sitemaps, feeds,
// the link check and the command-line tools all ask here.
//
// A path "inside a variant" (`inner`) is shared by a page's twins: news/media-focus/ is
// /zh-hans/news/media-focus/ and /zh-hant/news/media-focus/.

/** Joins a variant prefix and a path inside it: ("zh-hans", "news/") → /zh-hans/news/ */
export function variantUrl(variantPath: string, inner: string): string {
  return `/${variantPath}/${inner}`;
}

/** A site-relative URL (/zh-hans/news/) as an absolute one, on the site's origin. */
export function absoluteUrl(siteUrl: string, url: string): string {
  return siteUrl + url;
}

/** The file a page URL is written to: /a/ → /a/index.html. */
export function outputFile(url: string): string {
  return url.endsWith("/") ? `${url}index.html` : url;
}

/** A site-relative URL or file path back to the path inside its variant, for tools reading
 * URLs people paste: /zh-hans/news/index.html → news/. A path outside every variant stays whole, without its first slash. */
export function innerOf(url: string, variantPaths: readonly string[]): string {
  const path = url.replace(/index\.html$/, "").replace(/^\//, "");
  const first = path.split("/")[0];
  return variantPaths.includes(first) ? path.slice(first.length + 1) : path;
}

/** A site-relative URL as its variant's path and the path inside it; variant null: outside every variant (/old/news/1.html). */
export function splitVariant(url: string, variantPaths: readonly string[]): { variant: string | null; inner: string } {
  const first = url.split("/")[1];
  return variantPaths.includes(first) ? { variant: first, inner: url.slice(first.length + 2) } : { variant: null, inner: url.slice(1) };
}

/** Page n of a paginated list whose first page is `first`: first/page/n/. */
const paged = (first: string, pageNumber: number): string => (pageNumber === 1 ? first : `${first}page/${pageNumber}/`);

/** The folder of the topic pages inside news/: no section may have it as its id (site-config.ts). */
const TOPICS = "topics";

/** Section ids that would put a section's list where other pages are. */
export const reservedSectionIds: readonly string[] = [TOPICS];

/** Paths inside a variant, by kind of page. */
export const inner = {
  home: (): string => "",
  newsHub: (): string => "news/",
  search: (): string => "search/",
  notFound: (): string => "404.html",
  /** A section's list: page 1 is the section's own URL. */
  section: (section: string, pageNumber = 1): string => paged(`news/${section}/`, pageNumber),
  /** An article, from its section, date and slug. */
  article: (section: string, year: string, month: string, slug: string): string => `news/${section}/${year}/${month}/${slug}/`,
  /** A section's archive: its years and months. Not a year (four digits), so never an article's folder. */
  archive: (section: string): string => `news/${section}/archive/`,
  /** A month of a section's archive (year and month as in its articles' paths): page 1 is the folder of the month's articles. */
  archiveMonth: (section: string, year: string, month: string, pageNumber = 1): string => paged(`news/${section}/${year}/${month}/`, pageNumber),
  /** Every topic (tags of all sections): page 1 is news/topics/. */
  topics: (pageNumber = 1): string => paged(`news/${TOPICS}/`, pageNumber),
  /** A topic's articles, by the topic's slug (content/topics.ts). */
  topic: (slug: string, pageNumber = 1): string => paged(`news/${TOPICS}/${slug}/`, pageNumber),
  /** A standalone page (content/pages/<slug>.md). */
  page: (slug: string): string => `${slug}/`,
  /** The feeds of a list page (hub or section): Atom and JSON Feed beside it. */
  feeds: (listInner: string): { atom: string; json: string } => ({ atom: `${listInner}feed.xml`, json: `${listInner}feed.json` }),
};

/** Site-wide paths, outside every variant. */
export const sitePaths = {
  /** The root chooser of scripts. */
  root: "/",
  /** Hosts look for /404.html at the root. */
  rootNotFound: "/404.html",
  /** The sitemap index, naming every sitemap. */
  sitemapIndex: "/sitemap.xml",
  robots: "/robots.txt",
  /** Response headers, for hosts that read them (Netlify, Cloudflare Pages). */
  headers: "/_headers",
  /** One sitemap per variant. */
  variantSitemap: (variantPath: string): string => `/sitemap-${variantPath}.xml`,
  /** Google News sitemaps, numbered from 2 when one is not enough. */
  newsSitemap: (n: number): string => (n === 1 ? "/sitemap-news.xml" : `/sitemap-news-${n}.xml`),
  /** Where an article's (or a page's) photos are published: /media/<its path without the last slash>. */
  media: (contentInner: string): string => `/media/${contentInner.replace(/\/$/, "")}`,
  /** Where a standalone page's photos are published. */
  pageMedia: (slug: string): string => `/media/pages/${slug}`,
  /** Where photos under the site's assets/ are published (every article that shows one shares it). */
  assetMedia: "/media/assets",
  /** The folder of the search index, outside every variant (both scripts search one index). */
  searchIndex: "search",
  /** Redirects from old URLs (aliases), for hosts that read them (Netlify, Cloudflare Pages). */
  redirects: "/_redirects",
};

/** First folders of the site's own files outside the variants: no old URL (an alias) may be there. */
export const reservedRootFolders: readonly string[] = ["assets", "media", sitePaths.searchIndex];

/** An article's key in views.json: its path inside a variant without news/ and the final slash. */
export function viewKeyOf(articleInner: string): string {
  const hub = inner.newsHub();
  return (articleInner.startsWith(hub) ? articleInner.slice(hub.length) : articleInner).replace(/\/$/, "");
}

// The registry: every kind of page the site publishes, and every kind of file beside them, in
// one table. The model (build-model.ts), the render plan, the page count, the sitemaps and the
// link check iterate it; none of them names a kind. A new kind of page is its own file under
// scripts/model/pages/ (its page type, builder and kind object: page-kind.ts), a line here, and
// a template in content/_generate/ (its URL pattern is a line of scripts/site/urls.ts).
import { topicsOf } from "../content/topics.ts";
import { inner, outputFile, sitePaths } from "../site/urls.ts";
import type { FileKind, Newest, PageKind, UrlOrigin, UrlSources } from "./page-kind.ts";
import { inEachVariant } from "./page-kind.ts";
import { archiveKind } from "./pages/archive.ts";
import { archiveMonthKind } from "./pages/archive-month.ts";
import { articleKind } from "./pages/article.ts";
import { homeKind } from "./pages/home.ts";
import { hubKind } from "./pages/hub.ts";
import { listKind } from "./pages/list.ts";
import { notFoundKind } from "./pages/not-found.ts";
import { staticPageKind } from "./pages/page.ts";
import { redirectKind, redirectsFileKind } from "./pages/redirect.ts";
import { rootKind } from "./pages/root.ts";
import { searchKind } from "./pages/search.ts";
import { topicKind } from "./pages/topic.ts";
import { topicsKind } from "./pages/topics.ts";
import type { ModelCore, PageBase } from "./types.ts";
import { DEFAULT_UI } from "./ui-text.ts";

export type { FileKind, Newest, PageKind, SitemapRule, UrlSources } from "./page-kind.ts";
export { listPageCount } from "./page-kind.ts";

/** Every kind of HTML page, in the order the sitemaps list them. */
export const PAGE_KINDS = [homeKind, hubKind, listKind, archiveKind, archiveMonthKind, topicsKind, topicKind, articleKind, staticPageKind, notFoundKind, searchKind, rootKind, redirectKind] as const;

export type AnyPageKind = (typeof PAGE_KINDS)[number];

/** The page type of a kind. */
export type PageOf<K> = K extends PageKind<infer P, string> ? P : never;

/** Every kind's pages, under the kind's list name: what the model holds besides its core (types.ts: SiteModel). */
export type ModelPages = { readonly [K in AnyPageKind as K["list"]]: readonly PageOf<K>[] };

/** The built-in UI text: what pages share, and each kind's own. One object, so that the model's memo sees it unchanged. */
export const BUILT_IN_UI: Readonly<Record<string, string>> = Object.freeze(Object.assign({}, DEFAULT_UI, ...PAGE_KINDS.map((k): Readonly<Record<string, string>> => k.ui ?? {})));

const topicsOfSources = (sources: UrlSources) => topicsOf(sources.site.topics, sources.articles);

/** The pages whose feeds are beside them: the news hub, each section's first list page, and the topics topics.json names. */
const feedPages = (sources: UrlSources): string[] => [
  inner.newsHub(),
  ...sources.site.sections.map((s) => inner.section(s.id)),
  ...topicsOfSources(sources).flatMap((t) => (t.entry ? [inner.topic(t.slug)] : [])),
];

/** Every kind of file beside the pages. */
export const FILE_KINDS: readonly FileKind[] = [
  { kind: "atom feed", template: "feed-atom.njk", urls: inEachVariant((s) => feedPages(s).map((p) => inner.feeds(p).atom)), inLinkCheck: true },
  { kind: "json feed", template: "feed-json.njk", urls: inEachVariant((s) => feedPages(s).map((p) => inner.feeds(p).json)), inLinkCheck: true },
  { kind: "sitemap index", template: "sitemap-index.njk", urls: () => [sitePaths.sitemapIndex], inLinkCheck: true },
  { kind: "variant sitemap", template: "sitemap-variant.njk", urls: (s) => s.site.variants.map((v) => sitePaths.variantSitemap(v.path)), inLinkCheck: false },
  // Numbered files from 2 follow when the news of the last hours do not fit one; how many
  // depends on when the site is built.
  { kind: "news sitemap", template: "sitemap-news.njk", urls: () => [sitePaths.newsSitemap(1)], inLinkCheck: false },
  { kind: "robots", template: "robots.njk", urls: () => [sitePaths.robots], inLinkCheck: true },
  { kind: "headers", template: "headers.njk", urls: () => [sitePaths.headers], inLinkCheck: false },
  redirectsFileKind,
];

/** The names generator templates paginate over: news.render.<list>. */
export type RenderedList = Extract<AnyPageKind, { planned: true }>["list"];

/** Kinds whose pages the render plan plans (rendered again only when their data change). */
export const renderedKinds = PAGE_KINDS.filter((k) => k.planned) as unknown as readonly PageKind<{ readonly url: string; readonly kind: string }, RenderedList, true>[];

export const renderedLists: readonly RenderedList[] = renderedKinds.map((k) => k.list);

/** A kind the sitemaps list: its rule, over the whole model (each rule's lastmod is asked only of the pages its own `pages` gave). */
export interface SitemapKind {
  readonly kind: string;
  readonly sitemap: {
    pages(model: ModelCore & ModelPages, lang: string): readonly PageBase[];
    lastmod(page: PageBase, newest: Newest): string | undefined;
  };
}

/** Kinds the sitemaps list, in order. */
export const sitemapKinds: readonly SitemapKind[] = PAGE_KINDS.flatMap((k): SitemapKind[] => {
  const kind = k as unknown as PageKind<PageBase>;
  const rule = kind.sitemap;
  if (!rule) return [];
  return [{ kind: kind.kind, sitemap: { pages: (model, lang) => rule.pages(kind.pages(model as never), lang, model), lastmod: (page, newest) => rule.lastmod(page, newest) } }];
});

/** HTML pages a build writes: every page of every kind (the root chooser, the root 404 and the search pages included). */
export function countPages(model: ModelPages): number {
  return PAGE_KINDS.reduce((n, kind) => n + (kind as PageKind).pages(model as never).length, 0);
}

/** The output file of every page of a kind that may refresh (a redirect), and the one URL it may refresh to, from the pages at hand (a model, or a helper's share). */
export function refreshTargets(pages: object): Map<string, string> {
  const targets = new Map<string, string>();
  for (const k of PAGE_KINDS) {
    const kind = k as unknown as PageKind;
    const list = (pages as Record<string, readonly { url: string }[] | undefined>)[kind.list];
    if (kind.audit && list) for (const page of list) targets.set(outputFile(page.url), kind.audit.refreshTo(page));
  }
  return targets;
}

/** Who claims a URL: a kind, and the file and field that make it (absent: the site's own page or file). */
export interface UrlClaim {
  readonly kind: string;
  readonly origin?: UrlOrigin;
}

/** Every URL of every kind, with every claim to it (two claims: two pages at one URL). */
export function urlClaims(sources: UrlSources): Map<string, UrlClaim[]> {
  const claims = new Map<string, UrlClaim[]>();
  const claim = (url: string, c: UrlClaim) => {
    const list = claims.get(url);
    if (list) list.push(c);
    else claims.set(url, [c]);
  };
  for (const k of [...PAGE_KINDS, ...FILE_KINDS]) {
    const origins = "origins" in k ? (k as PageKind).origins : undefined;
    if (origins) for (const origin of origins(sources)) claim(origin.url, { kind: k.kind, origin });
    else for (const url of k.urls(sources)) claim(url, { kind: k.kind });
  }
  return claims;
}

/** Every URL a link in an article or page may lead to (besides media and assets), from the sources alone. */
export function linkTargets(sources: UrlSources): Set<string> {
  const urls = new Set<string>();
  for (const kind of [...PAGE_KINDS, ...FILE_KINDS]) if (kind.inLinkCheck) for (const url of kind.urls(sources)) urls.add(url);
  return urls;
}

// Every kind of page the site publishes, and every kind of file beside them, in one table.
// The render plan, the page count, the sitemaps and the link check iterate it; none of them
// names a kind. A new kind is an entry here, a builder of its pages (scripts/model/) and a
// template (content/_generate/).
//
// A kind says its URLs twice: from the built model (`pages`) and from the sources alone
// (`urls`), because the link check runs before the model exists and `npm run check` converts
// nothing. Both come from the URL module; tests/page-kinds.test.ts holds them equal to each
// other and to the files a build writes.
import { archiveMonths } from "../content/archive-months.ts";
import type { ArticleSource } from "../content/articles.ts";
import { TOPICS_PAGE_SIZE, topicsOf } from "../content/topics.ts";
import type { PageSource } from "../site/pages.ts";
import type { SiteConfig } from "../site/site-config.ts";
import { inner, sitePaths, variantUrl } from "../site/urls.ts";
import type {
  ArchiveMonthPage,
  ArchivePage,
  ArticlePage,
  HomePage,
  HubPage,
  ListPage,
  NotFoundPage,
  PageBase,
  RootPage,
  SearchPage,
  SiteModel,
  StaticPage,
  Teaser,
  TopicPage,
  TopicsPage,
} from "./types.ts";

/** What the site's URLs follow from before anything is converted: site data and the sources' paths. */
export interface UrlSources {
  site: Pick<SiteConfig, "variants" | "sections" | "pageSize" | "topics">;
  articles: readonly Pick<ArticleSource, "path" | "section" | "date" | "tags">[];
  pages: readonly Pick<PageSource, "path">[];
}

/** The newest update among the articles some teasers show (in the sitemap's variant). */
export type Newest = (teasers: readonly Teaser[]) => string | undefined;

/** How a kind's pages are listed in the sitemap of each variant. */
export interface SitemapRule<P extends PageBase = PageBase> {
  /** The pages of one variant, in the order the sitemap lists them. */
  pages(model: SiteModel, lang: string): readonly P[];
  /** The last change of what the page shows; undefined: the page has no date. */
  lastmod(page: P, newest: Newest): string | undefined;
}

interface KindBase {
  /** The `kind` of its pages in the model (PageBase.kind); a name, for a file kind. */
  kind: string;
  /** The generator template in content/_generate/ that writes it. */
  template: string;
  /** Every URL of the kind, from the sources alone. */
  urls(sources: UrlSources): string[];
  /** Links in articles and pages may lead here. */
  inLinkCheck: boolean;
}

/** An HTML page. */
export interface PageKind<P extends { url: string } = { url: string }, L extends string | null = string | null> extends KindBase {
  /**
   * The name its template paginates over, news.render.<list> (for the model's own arrays,
   * the array's name): such pages are planned, and rendered again only when their data
   * change. null: rendered in every build, from data the template names.
   */
  list: L;
  /** Its pages in the built model. A planned kind's are the same objects on every call for one
   * model (the plan, the count and the sitemaps all ask; render keys are kept by page object). */
  pages(model: SiteModel): readonly P[];
  /** null: not in the sitemaps (404 pages, noindex pages, the root chooser). */
  sitemap: SitemapRule | null;
}

/** A file beside the pages: feeds, sitemaps, robots.txt, _headers. */
export type FileKind = KindBase;

// The identity, to keep each entry's own page type and list name (RenderedList below).
const pageKind = <P extends { url: string }, L extends string | null>(kind: PageKind<P, L>): PageKind<P, L> => kind;

/** Inner paths, in every variant. */
const inEachVariant =
  (inners: (sources: UrlSources) => string[]) =>
  (sources: UrlSources): string[] =>
    sources.site.variants.flatMap((v) => inners(sources).map((path) => variantUrl(v.path, path)));

const ofVariant = <P extends PageBase>(pages: readonly P[], lang: string): P[] => pages.filter((p) => p.ctx.lang === lang);

/** Pages of a section's list: page 1 even when the section has no article yet. */
export function listPageCount(articles: number, pageSize: number): number {
  return Math.max(1, Math.ceil(articles / pageSize));
}

/** The inner paths of every section's list pages. */
function sectionListPaths(sources: UrlSources): string[] {
  const count = new Map<string, number>();
  for (const a of sources.articles) count.set(a.section, (count.get(a.section) ?? 0) + 1);
  return sources.site.sections.flatMap((s) => pagedPaths(count.get(s.id) ?? 0, sources.site.pageSize, (n) => inner.section(s.id, n)));
}

/** Page 1 to n of a list of `items` at paged(n). */
const pagedPaths = (items: number, pageSize: number, paged: (n: number) => string): string[] =>
  Array.from({ length: listPageCount(items, pageSize) }, (_, i) => paged(i + 1));

/** The inner paths of every month of every section's archive. */
function archiveMonthPaths(sources: UrlSources): string[] {
  const months = archiveMonths(sources.articles);
  return sources.site.sections.flatMap((s) =>
    (months.get(s.id) ?? []).flatMap((m) => pagedPaths(m.articles.length, sources.site.pageSize, (n) => inner.archiveMonth(s.id, m.year, m.month, n))),
  );
}

const topicsOfSources = (sources: UrlSources) => topicsOf(sources.site.topics, sources.articles);

/** The pages whose feeds are beside them: the news hub, each section's first list page, and the topics topics.json names. */
const feedPages = (sources: UrlSources): string[] => [
  inner.newsHub(),
  ...sources.site.sections.map((s) => inner.section(s.id)),
  ...topicsOfSources(sources).flatMap((t) => (t.entry ? [inner.topic(t.slug)] : [])),
];

const home = pageKind<HomePage, "homes">({
  kind: "home",
  list: "homes",
  template: "home.njk",
  pages: (model) => model.homes,
  urls: inEachVariant(() => [inner.home()]),
  inLinkCheck: true,
  sitemap: {
    pages: (model, lang) => ofVariant(model.homes, lang),
    lastmod: (page: HomePage, newest) => newest([...page.latest, ...page.blocks.flatMap((b) => b.items)]),
  },
});

const hub = pageKind<HubPage, "hubs">({
  kind: "hub",
  list: "hubs",
  template: "hub.njk",
  pages: (model) => model.hubs,
  urls: inEachVariant(() => [inner.newsHub()]),
  inLinkCheck: true,
  sitemap: {
    pages: (model, lang) => ofVariant(model.hubs, lang),
    lastmod: (page: HubPage, newest) => newest(page.blocks.flatMap((b) => b.items)),
  },
});

const list = pageKind<ListPage, "lists">({
  kind: "list",
  list: "lists",
  template: "list.njk",
  pages: (model) => model.lists,
  urls: inEachVariant(sectionListPaths),
  inLinkCheck: true,
  sitemap: {
    pages: (model, lang) => ofVariant(model.lists, lang),
    lastmod: (page: ListPage, newest) => newest(page.items),
  },
});

const archive = pageKind<ArchivePage, "archives">({
  kind: "archive",
  list: "archives",
  template: "archive.njk",
  pages: (model) => model.archives,
  urls: inEachVariant((sources) => sources.site.sections.map((s) => inner.archive(s.id))),
  inLinkCheck: true,
  // Its months and counts carry no date of their own.
  sitemap: { pages: (model, lang) => ofVariant(model.archives, lang), lastmod: () => undefined },
});

const archiveMonth = pageKind<ArchiveMonthPage, "archiveMonths">({
  kind: "archive-month",
  list: "archiveMonths",
  template: "archive-month.njk",
  pages: (model) => model.archiveMonths,
  urls: inEachVariant(archiveMonthPaths),
  inLinkCheck: true,
  sitemap: {
    pages: (model, lang) => ofVariant(model.archiveMonths, lang),
    lastmod: (page: ArchiveMonthPage, newest) => newest(page.items),
  },
});

const topics = pageKind<TopicsPage, "topicIndexes">({
  kind: "topics",
  list: "topicIndexes",
  template: "topics.njk",
  pages: (model) => model.topicIndexes,
  urls: inEachVariant((sources) => pagedPaths(topicsOfSources(sources).length, TOPICS_PAGE_SIZE, inner.topics)),
  inLinkCheck: true,
  sitemap: { pages: (model, lang) => ofVariant(model.topicIndexes, lang), lastmod: () => undefined },
});

const topic = pageKind<TopicPage, "topics">({
  kind: "topic",
  list: "topics",
  template: "topic.njk",
  pages: (model) => model.topics,
  urls: inEachVariant((sources) => topicsOfSources(sources).flatMap((t) => pagedPaths(t.articles.length, sources.site.pageSize, (n) => inner.topic(t.slug, n)))),
  inLinkCheck: true,
  sitemap: {
    pages: (model, lang) => ofVariant(model.topics, lang),
    lastmod: (page: TopicPage, newest) => newest(page.items),
  },
});

const article = pageKind<ArticlePage, "articles">({
  kind: "article",
  list: "articles",
  template: "article.njk",
  pages: (model) => model.articles,
  urls: inEachVariant((sources) => sources.articles.map((a) => a.path)),
  inLinkCheck: true,
  sitemap: {
    // Newest first, as the model's sources are (the model lists them by section).
    pages: (model, lang) => {
      const byId = new Map(ofVariant(model.articles, lang).map((a) => [a.id, a]));
      return model.sources.map((s) => byId.get(s.path)).filter((a): a is ArticlePage => a !== undefined);
    },
    lastmod: (page: ArticlePage) => page.updatedIso,
  },
});

const page = pageKind<StaticPage, "pages">({
  kind: "page",
  list: "pages",
  template: "page.njk",
  pages: (model) => model.pages,
  urls: inEachVariant((sources) => sources.pages.map((p) => p.path)),
  inLinkCheck: true,
  sitemap: { pages: (model, lang) => ofVariant(model.pages, lang), lastmod: () => undefined },
});

const notFound = pageKind<NotFoundPage, "notFound">({
  kind: "404",
  list: "notFound",
  template: "404.njk",
  // The model's list holds the root /404.html too.
  pages: (model) => model.notFound,
  urls: (sources) => [...inEachVariant(() => [inner.notFound()])(sources), sitePaths.rootNotFound],
  inLinkCheck: true,
  sitemap: null,
});

const search = pageKind<SearchPage, null>({
  kind: "search",
  list: null,
  // One a variant (model/pages/search.ts); the index it searches is written by scripts/search/.
  template: "search.njk",
  pages: (model) => model.searches,
  urls: inEachVariant(() => [inner.search()]),
  inLinkCheck: true,
  sitemap: null, // noindex
});

const root = pageKind<RootPage, null>({
  kind: "root",
  list: null,
  template: "root.njk",
  pages: (model) => [model.root],
  urls: () => [sitePaths.root],
  inLinkCheck: true,
  sitemap: null,
});

/** Every kind of HTML page, in the order the sitemaps list them. */
export const PAGE_KINDS = [home, hub, list, archive, archiveMonth, topics, topic, article, page, notFound, search, root] as const;

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
];

export type AnyPageKind = (typeof PAGE_KINDS)[number];

/** The names generator templates paginate over: news.render.<list>. */
export type RenderedList = NonNullable<AnyPageKind["list"]>;

/** Kinds whose pages the render plan plans (rendered again only when their data change). */
export const renderedKinds = PAGE_KINDS.filter((k): k is Extract<AnyPageKind, { list: RenderedList }> => k.list !== null);

export const renderedLists: readonly RenderedList[] = renderedKinds.map((k) => k.list);

/** Kinds the sitemaps list, in order. */
export const sitemapKinds = PAGE_KINDS.filter((k): k is AnyPageKind & { sitemap: SitemapRule } => k.sitemap !== null);

/** HTML pages a build writes: every page of every kind (the root chooser, the root 404 and the search pages included). */
export function countPages(model: SiteModel): number {
  return PAGE_KINDS.reduce((n, kind) => n + kind.pages(model).length, 0);
}

/** Every URL a link in an article or page may lead to (besides media and assets), from the sources alone. */
export function linkTargets(sources: UrlSources): Set<string> {
  const urls = new Set<string>();
  for (const kind of [...PAGE_KINDS, ...FILE_KINDS]) if (kind.inLinkCheck) for (const url of kind.urls(sources)) urls.add(url);
  return urls;
}

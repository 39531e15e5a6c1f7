// What a kind of page is: one object that says how its pages are built, where they are, which
// template writes them, and whether sitemaps and the link check include them. Each kind's
// object lives beside its builder (scripts/model/pages/<kind>.ts); the registry
// (page-kinds.ts) lists them, and the model, the render plan, the page count, the sitemaps
// and the link check iterate the registry.
//
// A kind says its URLs twice: from the built model (its pages' `url`) and from the sources
// alone (`urls`), because the link check runs before the model exists and `npm run check`
// converts nothing. Both come from the URL module; tests/page-kinds.test.ts holds them equal
// to each other and to the files a build writes.
import type { ArticleSource } from "../content/articles.ts";
import type { SiteConfig } from "../site/site-config.ts";
import type { PageSource } from "../site/pages.ts";
import { variantUrl } from "../site/urls.ts";
import type { BuildContext } from "./build-context.ts";
import type { ModelCore, PageBase, Teaser } from "./types.ts";

/** What the site's URLs follow from before anything is converted: site data and the sources' paths. */
export interface UrlSources {
  site: Pick<SiteConfig, "variants" | "sections" | "pageSize" | "topics">;
  articles: readonly Pick<ArticleSource, "path" | "section" | "date" | "tags" | "aliases" | "file" | "lang" | "lines">[];
  pages: readonly Pick<PageSource, "path" | "file">[];
}

/** The newest update among the articles some teasers show (in the sitemap's variant). */
export type Newest = (teasers: readonly Teaser[]) => string | undefined;

/** How a kind's pages are listed in the sitemap of each variant. */
export interface SitemapRule<P> {
  /** The pages of one variant (`own`: all of the kind's pages), in the order the sitemap lists them. */
  pages(own: readonly P[], lang: string, model: ModelCore): readonly P[];
  /** The last change of what the page shows; undefined: the page has no date. */
  lastmod(page: P, newest: Newest): string | undefined;
}

/** A URL of a kind and what an editor wrote that makes it: for npm run check's report of two pages at one URL. */
export interface UrlOrigin {
  readonly url: string;
  /** Site-relative file of the article or page. */
  readonly file: string;
  /** The front matter field that asks for the URL; absent: the file itself (its path, date and slug). */
  readonly field?: string;
  /** The line of that field, and the value in it that asks for the URL (an alias under a variant asks for one URL a script). */
  readonly line?: number;
  readonly value?: string;
}

interface KindBase {
  /** The `kind` of its pages in the model (PageBase.kind); a name, for a file kind. */
  readonly kind: string;
  /** The generator template in content/_generate/ that writes it. */
  readonly template: string;
  /** Every URL of the kind, from the sources alone. */
  urls(sources: UrlSources): string[];
  /** Links in articles and pages may lead here. */
  readonly inLinkCheck: boolean;
}

/** An HTML page. */
export interface PageKind<P extends { url: string } = { url: string }, L extends string = string, Planned extends boolean = boolean> extends KindBase {
  /** Its pages' name in the model (model[list]) and in the template data (news.<list>). */
  readonly list: L;
  /**
   * Planned: its template paginates over news.render.<list>, and a page is rendered again
   * only when its data change. Not planned: rendered in every build, from news.<list>.
   */
  readonly planned: Planned;
  /** Every page of the kind, from one build's context: pure, through the context's memo. */
  build(b: BuildContext): readonly P[];
  /** Its pages in a built model: the same objects on every call for one model (render keys are kept by page object). */
  pages(model: { readonly [K in L]: readonly P[] }): readonly P[];
  /** Null: not in the sitemaps (404 pages, noindex pages, the root chooser). */
  readonly sitemap: SitemapRule<P> | null;
  /** Built-in UI text its pages show (Traditional; site data may override any), merged into every script's ctx.ui. */
  readonly ui?: Readonly<Record<string, string>>;
  /** Its URLs with the files that make them, where an editor's file does (npm run check reports two pages at one URL, naming both). */
  origins?(sources: UrlSources): UrlOrigin[];
  /**
   * What the output check lets its pages have beyond every other page: a meta refresh, to
   * the one URL this gives for the page and no other (scripts/audit/). It is the kind's:
   * nothing an editor writes in an article or a page can ask for it.
   */
  readonly audit?: { refreshTo(page: P): string };
}

/** A file beside the pages: feeds, sitemaps, robots.txt, _headers. */
export type FileKind = KindBase;

/** A kind, keeping its own page type and list name; `pages` reads model[list]. */
export function pageKind<P extends { url: string }, L extends string, Planned extends boolean>(kind: Omit<PageKind<P, L, Planned>, "pages">): PageKind<P, L, Planned> {
  return { ...kind, pages: (model) => model[kind.list] };
}

/** Inner paths, in every variant. */
export const inEachVariant =
  (inners: (sources: UrlSources) => string[]) =>
  (sources: UrlSources): string[] =>
    sources.site.variants.flatMap((v) => inners(sources).map((path) => variantUrl(v.path, path)));

/** The pages of one variant. */
export const ofVariant = <P extends PageBase>(pages: readonly P[], lang: string): P[] => pages.filter((p) => p.ctx.lang === lang);

/** Pages of a list: page 1 even when the list is empty. */
export function listPageCount(items: number, pageSize: number): number {
  return Math.max(1, Math.ceil(items / pageSize));
}

/** Page 1 to n of a list of `items` at paged(n). */
export const pagedPaths = (items: number, pageSize: number, paged: (n: number) => string): string[] =>
  Array.from({ length: listPageCount(items, pageSize) }, (_, i) => paged(i + 1));

/** A list cut into pages of `size`: one page, empty, for an empty list. */
export function pagesOf<T>(list: readonly T[], size: number): T[][] {
  return Array.from({ length: listPageCount(list.length, size) }, (_, i) => list.slice(i * size, (i + 1) * size));
}

/** Sitemap order of a kind listed as built, one variant's. */
export const asBuilt = <P extends PageBase>(own: readonly P[], lang: string): P[] => ofVariant(own, lang);

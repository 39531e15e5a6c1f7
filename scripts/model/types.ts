// The site model's types: every page of every script variant, with its text already in
// that script. Layouts only lay this out; they decide nothing.
import type { DateTime } from "luxon";
import type { ArticleSource } from "../content/articles.ts";
import type { SecurityPolicy } from "../security/policy.ts";
import type { PictureSet } from "../media/variants.ts";
import type { SiteConfig } from "../site/site-config.ts";
import type { ModelPages } from "./page-kinds.ts";

export interface Link {
  readonly text: string;
  readonly url: string;
}

export interface NavView extends Link {
  readonly external: boolean;
  readonly children: readonly NavView[];
}

/** What every page of one variant shares. */
export interface VariantContext {
  readonly lang: string;
  readonly path: string;
  readonly label: string;
  readonly short: string;
  readonly newsLanguage: string;
  readonly home: string;
  readonly newsHub: string;
  readonly search: string;
  /** Every topic's page. */
  readonly topics: string;
  readonly siteName: string;
  readonly tagline: string;
  readonly phone: string;
  readonly ui: Readonly<Record<string, string>>;
  readonly nav: readonly NavView[];
  readonly sections: readonly SectionView[];
}

export interface SectionView {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly description: string;
  /** Its archive: its years and months. */
  readonly archiveUrl: string;
}

/** A topic (a tag of the articles, in any section) as its pages show it, in one script. */
export interface TopicView {
  /** The same in every script (content/topic-key.ts). */
  readonly key: string;
  readonly name: string;
  /** From topics.json; "" when it says none. */
  readonly description: string;
  readonly url: string;
  /** Whether it has feeds: the topics topics.json names (scripts/feeds/). */
  readonly feed: boolean;
}

/** A link to one page of a paginated list. */
export interface PageLink {
  readonly number: number;
  readonly url: string;
}

/** Where a page of a paginated list is among its pages. */
export interface Paging {
  readonly pageNumber: number;
  readonly pageCount: number;
  /** Every page of the list: one array shared by all of them (the current one is pageNumber). */
  readonly pages: readonly PageLink[];
  readonly prevUrl?: string;
  readonly nextUrl?: string;
}

export interface Alternate {
  readonly lang: string;
  readonly label: string;
  readonly short: string;
  /** Site-relative URL. */
  readonly url: string;
  /** Absolute URL. */
  readonly href: string;
  readonly current: boolean;
}

export interface PageBase {
  readonly kind: string;
  /** Site-relative URL, ending in / or .html. */
  readonly url: string;
  /** Path inside the variant: shared by all twins. */
  readonly inner: string;
  readonly ctx: VariantContext;
  /** For <title>: already in this page's script. */
  readonly title: string;
  readonly description: string;
  readonly alternates: readonly Alternate[];
  readonly canonical: string;
  readonly breadcrumb: readonly Link[];
}

export interface Teaser {
  readonly id: string;
  readonly title: string;
  readonly url: string;
  readonly dateIso: string;
  readonly dateText: string;
  readonly dayText: string;
  readonly source?: string;
  readonly summary: string;
  readonly views: number;
  readonly viewsText: string;
  readonly section: SectionView;
  /** The article's cover or first photo, for list thumbnails: only in the lists that show them (model/teasers.ts). */
  readonly cover?: { readonly url: string; readonly width?: number; readonly height?: number; readonly thumb?: PictureSet };
  /** Dated after the build's now: shown by the dev server only, marked 預定發布 (content/schedule.ts). */
  readonly scheduled?: true;
}

export interface ArticlePage extends PageBase {
  readonly kind: "article";
  readonly id: string;
  /** The script the editor wrote in: this page shows exactly that, or a conversion of it. */
  readonly sourceLang: string;
  readonly converted: boolean;
  readonly file: string;
  readonly section: SectionView;
  readonly headline: string;
  readonly dateIso: string;
  readonly dateText: string;
  readonly updatedIso: string;
  readonly source?: string;
  readonly editor: string;
  readonly views: number;
  readonly viewsText: string;
  readonly tags: readonly string[];
  /** Its tags as links to their topics' pages, in its own order. */
  readonly topics: readonly Link[];
  readonly html: string;
  readonly cover?: { readonly url: string; readonly width?: number; readonly height?: number };
  readonly images: readonly string[];
  readonly prev?: Link;
  readonly next?: Link;
  readonly related: readonly Teaser[];
  /** 閱讀排行: the section's most read articles. */
  readonly mostRead: readonly Teaser[];
  readonly date: DateTime;
  readonly updated?: DateTime;
  /** Dated after the build's now: shown by the dev server only, marked 預定發布 (content/schedule.ts). */
  readonly scheduled?: true;
}

export interface ListPage extends PageBase, Paging {
  readonly kind: "list";
  readonly section: SectionView;
  readonly items: readonly Teaser[];
  readonly mostRead: readonly Teaser[];
}

/** A section's archive: its years, each with its months and how many articles each has. */
export interface ArchivePage extends PageBase {
  readonly kind: "archive";
  readonly section: SectionView;
  readonly heading: string;
  readonly years: ReadonlyArray<{
    readonly year: string;
    readonly text: string;
    readonly months: ReadonlyArray<{ readonly text: string; readonly url: string; readonly count: number; readonly countText: string }>;
  }>;
  readonly mostRead: readonly Teaser[];
}

/** One page of a month of a section's archive, newest first. */
export interface ArchiveMonthPage extends PageBase, Paging {
  readonly kind: "archive-month";
  readonly section: SectionView;
  /** 2024年10月 */
  readonly heading: string;
  readonly items: readonly Teaser[];
  readonly mostRead: readonly Teaser[];
  /** The months before and after it that have articles: 上一月, 下一月. */
  readonly older?: Link;
  readonly newer?: Link;
}

/** Every topic, in the site's order (topics.json's, then by how many articles). */
export interface TopicsPage extends PageBase, Paging {
  readonly kind: "topics";
  readonly topics: ReadonlyArray<{ readonly topic: TopicView; readonly count: number; readonly countText: string }>;
}

/** One page of a topic's articles, newest first. */
export interface TopicPage extends PageBase, Paging {
  readonly kind: "topic";
  readonly topic: TopicView;
  readonly items: readonly Teaser[];
  /** The first topics of the site, beside the list. */
  readonly moreTopics: readonly TopicView[];
}

export interface HubPage extends PageBase {
  readonly kind: "hub";
  readonly blocks: ReadonlyArray<{ readonly section: SectionView; readonly items: readonly Teaser[] }>;
}

export interface HomePage extends PageBase {
  readonly kind: "home";
  readonly latest: readonly Teaser[];
  readonly blocks: ReadonlyArray<{ readonly section: SectionView; readonly items: readonly Teaser[] }>;
}

export interface NotFoundPage extends PageBase {
  readonly kind: "404";
}

export interface SearchPage extends PageBase {
  readonly kind: "search";
}

export interface StaticPage extends PageBase {
  readonly kind: "page";
  readonly html: string;
}

export interface RootPage {
  readonly url: string;
  readonly siteName: string;
  readonly choices: readonly Alternate[];
  readonly defaultLang: string;
  readonly variants: ReadonlyArray<{ readonly lang: string; readonly path: string; readonly browserLanguages: readonly string[] }>;
}

/** What the model holds besides its pages. */
export interface ModelCore {
  readonly site: SiteConfig;
  readonly variants: readonly VariantContext[];
  /** Files to copy into the output: public path → the file published there (a re-encoded photo: media/prepare.ts). */
  readonly copies: ReadonlyMap<string, string>;
  /** Sources in date order, newest first: for feeds, search and tools. */
  readonly sources: readonly ArticleSource[];
  /** Content-Security-Policy and other headers. */
  readonly security: SecurityPolicy;
}

/**
 * The whole site: its core, and every kind's pages under the kind's list name (articles,
 * lists, …, root: page-kinds.ts), typed by the kinds themselves.
 */
export type SiteModel = ModelCore & ModelPages;

// The site model's types: every page of every script variant, with its text already in
// that script. Layouts only lay this out; they decide nothing.
import type { DateTime } from "luxon";
import type { ArticleSource } from "../content/articles.ts";
import type { SecurityPolicy } from "../security/policy.ts";
import type { SiteConfig } from "../site/site-config.ts";

export interface Link {
  text: string;
  url: string;
}

export interface NavView extends Link {
  external: boolean;
  children: NavView[];
}

/** What every page of one variant shares. */
export interface VariantContext {
  lang: string;
  path: string;
  label: string;
  short: string;
  newsLanguage: string;
  home: string;
  newsHub: string;
  search: string;
  siteName: string;
  tagline: string;
  phone: string;
  ui: Record<string, string>;
  nav: NavView[];
  sections: SectionView[];
}

export interface SectionView {
  id: string;
  name: string;
  url: string;
  description: string;
}

export interface Alternate {
  lang: string;
  label: string;
  short: string;
  /** Site-relative URL. */
  url: string;
  /** Absolute URL. */
  href: string;
  current: boolean;
}

export interface PageBase {
  kind: string;
  /** Site-relative URL, ending in / or .html. */
  url: string;
  /** Path inside the variant: shared by all twins. */
  inner: string;
  ctx: VariantContext;
  /** For <title>: already in this page's script. */
  title: string;
  description: string;
  alternates: Alternate[];
  canonical: string;
  breadcrumb: Link[];
}

export interface Teaser {
  id: string;
  title: string;
  url: string;
  dateIso: string;
  dateText: string;
  dayText: string;
  source?: string;
  summary: string;
  views: number;
  viewsText: string;
  section: SectionView;
  /** The article's cover or first photo, for list thumbnails. */
  cover?: { url: string; width?: number; height?: number };
}

export interface ArticlePage extends PageBase {
  kind: "article";
  id: string;
  /** The script the editor wrote in: this page shows exactly that, or a conversion of it. */
  sourceLang: string;
  converted: boolean;
  file: string;
  section: SectionView;
  headline: string;
  dateIso: string;
  dateText: string;
  updatedIso: string;
  source?: string;
  editor: string;
  views: number;
  viewsText: string;
  tags: string[];
  html: string;
  cover?: { url: string; width?: number; height?: number };
  images: string[];
  prev?: Link;
  next?: Link;
  related: Teaser[];
  /** 閱讀排行: the section's most read articles. */
  mostRead: Teaser[];
  date: DateTime;
  updated?: DateTime;
}

export interface ListPage extends PageBase {
  kind: "list";
  section: SectionView;
  items: Teaser[];
  mostRead: Teaser[];
  pageNumber: number;
  pageCount: number;
  pages: { number: number; url: string; current: boolean }[];
  prevUrl?: string;
  nextUrl?: string;
}

export interface HubPage extends PageBase {
  kind: "hub";
  blocks: { section: SectionView; items: Teaser[] }[];
}

export interface HomePage extends PageBase {
  kind: "home";
  latest: Teaser[];
  blocks: { section: SectionView; items: Teaser[] }[];
}

export interface NotFoundPage extends PageBase {
  kind: "404";
}

export interface StaticPage extends PageBase {
  kind: "page";
  html: string;
}

export interface RootPage {
  url: "/";
  siteName: string;
  choices: Alternate[];
  defaultLang: string;
  variants: { lang: string; path: string; browserLanguages: string[] }[];
}

export interface SiteModel {
  site: SiteConfig;
  variants: VariantContext[];
  articles: ArticlePage[];
  lists: ListPage[];
  hubs: HubPage[];
  homes: HomePage[];
  notFound: NotFoundPage[];
  pages: StaticPage[];
  root: RootPage;
  /** The root /404.html: the default variant's page, for hosts that look for it there. */
  rootNotFound: NotFoundPage;
  /** Files to copy into the output: public path → the file published there (a re-encoded photo: media/prepare.ts). */
  copies: Map<string, string>;
  /** Sources in date order, newest first: for feeds, search and tools. */
  sources: ArticleSource[];
  /** Content-Security-Policy and other headers. */
  security: SecurityPolicy;
}

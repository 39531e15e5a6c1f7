// Every article under content/news/<section>/: listed, read through the one reading path of
// editors' files (read/document.ts) with the article's field rules (read/article-rules.ts),
// and checked together (two articles at one URL). Problems are collected, not thrown, so one
// build reports all of them. Unchanged files are not read again (read/read-cache.ts).
import { DateTime } from "luxon";
import type { GlossaryEntry } from "../convert/script-converter.ts";
import type { LinkRef } from "../markdown/markdown.ts";
import type { MediaCopy, Photo } from "../markdown/photos.ts";
import type { SiteConfig } from "../site/site-config.ts";
import type { Problem, Problems } from "./problems.ts";
import { articleKind } from "./read/article-rules.ts";
import { listMarkdownFiles } from "./read/markdown-files.ts";
import { ReadCache, type ReadCodec } from "./read/read-cache.ts";
import type { StoredRead } from "./read/read-index.ts";
import type { Blocklist } from "./spam-guard.ts";

export { listMarkdownFiles };

export const NEWS_DIR = "content/news";

export interface ArticleSource {
  /** Path relative to the project root. */
  file: string;
  section: string;
  slug: string;
  lang: string;
  date: DateTime;
  /** False when the editor gave a day only: pages then show no time. */
  dateHasTime: boolean;
  updated?: DateTime;
  title: string;
  source?: string;
  editor: string;
  views: number;
  summary: string;
  tags: string[];
  /** draft: true, or in a folder whose name starts with _ (_drafts/): read and checked, never built. */
  draft: boolean;
  /** Dated after the build's now, shown by the dev server (content/schedule.ts); never set in a build. */
  scheduled?: true;
  cover?: Photo;
  glossary: GlossaryEntry[];
  /** Old paths that redirect here (front matter aliases, normalised: read/alias-rule.ts). */
  aliases: string[];
  /** Body HTML in the editor's script, editor markup (-{…}-) still in place. */
  html: string;
  photos: Photo[];
  /** Media to publish: absolute source path → public path and the file published (markdown/photos.ts). */
  copies: Map<string, MediaCopy>;
  /** Path after the variant prefix: news/media-focus/2024/10/slug/ */
  path: string;
  /** Links in the body, and the ids anchors may point at: for the link checks. */
  links: LinkRef[];
  ids: Set<string>;
  /** Lines of the fields problems found later point at (same URL, same title, two topics at one URL). */
  lines: { title: number; slug: number; tags: number; aliases: number };
}

export interface LoadOptions {
  /** Drafts among the articles to publish (the dev server); they are read and checked either way. */
  includeDrafts: boolean;
  blocklist: Blocklist;
}

/** One article's reading, as another thread hands it over (content/parallel-read.ts). */
export interface ReadEntry {
  key: string;
  /** The photos' times and sizes when the article was read: a replaced photo may have new dimensions. */
  photos: string;
  result: { article: ArticleSource | null; problems: Problem[] };
  /** Its entry of the persisted index (read/read-index.ts), for the thread that keeps the index. */
  stored?: StoredRead;
}

/** An article as it crosses threads or goes to disk: dates as instants (luxon's objects cannot be cloned). */
export type ClonedArticle = Omit<ArticleSource, "date" | "updated"> & { date: number; updated?: number };

export function cloneable(article: ArticleSource): ClonedArticle {
  return { ...article, date: article.date.toMillis(), updated: article.updated?.toMillis() };
}

/** Dates are read in the site's time zone (content/dates.ts): the instant and the zone restore them. */
export function revive(article: ClonedArticle, zone: string): ArticleSource {
  return {
    ...article,
    date: DateTime.fromMillis(article.date, { zone }),
    updated: article.updated === undefined ? undefined : DateTime.fromMillis(article.updated, { zone }),
  };
}

const codec: ReadCodec<ArticleSource> = {
  name: "articles.v8",
  encode: cloneable,
  decode: (stored, site) => revive(stored as ClonedArticle, site.timeZone),
};

const cache = new ReadCache(articleKind, codec);

/** Reads one article; returns null (with problems) when it cannot be built. */
export function loadArticle(site: SiteConfig, file: string, options: LoadOptions): { article: ArticleSource | null; problems: Problem[] } {
  return loadArticleEntry(site, file, options).result;
}

/** loadArticle, with what the read depended on (for another thread to prime its cache with). */
export function loadArticleEntry(site: SiteConfig, file: string, options: LoadOptions): ReadEntry {
  const { key, photos, source, problems } = cache.read(site, file, options.blocklist);
  const stored = cache.index(site)?.peek(file);
  return { key, photos, result: { article: source, problems }, ...(stored ? { stored } : {}) };
}

/** How many article files this process took over unchanged (its own or the last build's readings), and how many it read. */
export function readCounts(): { reused: number; parsed: number } {
  return { reused: cache.reused, parsed: cache.parsed };
}

/** A build starts: its figures count each article file once (read, or unchanged). */
export function startReadCounts(): void {
  cache.newBuild();
}

/** Whether the site has a persisted index of readings (a warm build: reading on one thread is then enough). */
export function hasReadIndex(site: SiteConfig): boolean {
  return (cache.index(site)?.size ?? 0) > 0;
}

/** Whether no article has been read in this process yet (the dev server reads again only what changed). */
export function nothingReadYet(): boolean {
  return cache.empty;
}

/** An article read elsewhere (another thread: content/parallel-read.ts), as if loadArticle had read it. */
export function primeArticle(site: SiteConfig, file: string, entry: ReadEntry): void {
  cache.prime(site, file, { key: entry.key, photos: entry.photos, source: entry.result.article, problems: entry.result.problems }, entry.stored);
}

/** Every article of the site to publish (drafts too with includeDrafts), with every problem found on the way. */
export function loadArticles(site: SiteConfig, problems: Problems, options: LoadOptions): ArticleSource[] {
  return loadAllArticles(site, problems, options).articles;
}

/**
 * Every article, drafts included, read and checked the same way whatever the caller (build,
 * check, dev server); `articles` is what is published, `drafts` what is read but not published.
 */
export function loadAllArticles(site: SiteConfig, problems: Problems, options: LoadOptions): { articles: ArticleSource[]; drafts: ArticleSource[] } {
  const all: ArticleSource[] = [];
  for (const file of listMarkdownFiles(site.root, NEWS_DIR, problems)) {
    const { article, problems: found } = loadArticle(site, file, options);
    problems.list.push(...found);
    if (article) all.push(article);
  }
  // The persisted index is written back after the process's first reading of the site (the
  // build command's only one); the dev server's later rebuilds read what changed, and the
  // next process finds those files changed and reads them again.
  cache.saveOnce(site);
  // Two articles at one URL, drafts too (a draft is published one day): name both, so the
  // editor can rename one.
  const byPath = new Map<string, ArticleSource>();
  for (const a of all) {
    const other = byPath.get(a.path);
    if (other) {
      problems.error(a.file, `has the same URL (/${a.path}) as ${other.file}.`, { field: "slug", line: a.lines.slug, hint: "Give one of them another slug: line." });
    } else byPath.set(a.path, a);
  }
  const articles = options.includeDrafts ? all : all.filter((a) => !a.draft);
  return { articles, drafts: all.filter((a) => a.draft && !options.includeDrafts) };
}

// What is the same in every script: each section's articles and archive months, each
// article's neighbours, related articles and dates, each section's most read, the topics and
// the view counts. Pages of every script are made from these.
import { archiveMonths, type ArchiveMonth } from "../content/archive-months.ts";
import type { ArticleSource } from "../content/articles.ts";
import { topicsOf, type Topic } from "../content/topics.ts";
import type { SiteConfig } from "../site/site-config.ts";
import { viewKey, type ViewCounts } from "../views/view-counts.ts";
import { articleDates, type ArticleDates } from "./dates.ts";
import type { Memo } from "./memo.ts";

/** Newest first; the path breaks ties, so that the order is the same on every machine. */
export function byDateDesc(a: ArticleSource, b: ArticleSource): number {
  return b.date.toMillis() - a.date.toMillis() || a.path.localeCompare(b.path);
}

export interface Neighbours {
  /** 上一篇: the next older article of the section. */
  readonly older?: ArticleSource;
  /** 下一篇: the next newer one. */
  readonly newer?: ArticleSource;
}

export interface Indexes {
  /** Each section's articles (site data's sections, in order), newest first. */
  readonly sections: ReadonlyMap<string, readonly ArticleSource[]>;
  readonly neighbours: ReadonlyMap<ArticleSource, Neighbours>;
  readonly related: ReadonlyMap<ArticleSource, readonly ArticleSource[]>;
  /** 閱讀排行: each section's most read articles. */
  readonly mostRead: ReadonlyMap<string, readonly ArticleSource[]>;
  /** Imported view counts (npm run views) over the front matter's. */
  readonly views: ReadonlyMap<ArticleSource, number>;
  readonly dates: ReadonlyMap<ArticleSource, ArticleDates>;
  /** Each section's months that have articles, newest first (absent: none). */
  readonly months: ReadonlyMap<string, readonly ArchiveMonth[]>;
  /** Every topic, in the site's order. */
  readonly topics: readonly Topic[];
}

/** `articles` newest first (loadSources). */
export function buildIndexes(memo: Memo, site: SiteConfig, articles: readonly ArticleSource[], viewCounts: ViewCounts): Indexes {
  const views = new Map(articles.map((a) => [a, viewCounts[viewKey(a.path)] ?? a.views]));
  const sections = new Map<string, ArticleSource[]>(site.sections.map((s) => [s.id, []]));
  for (const a of articles) sections.get(a.section)?.push(a);
  const neighbours = new Map<ArticleSource, Neighbours>();
  for (const list of sections.values()) list.forEach((a, i) => neighbours.set(a, { older: list[i + 1], newer: list[i - 1] }));
  const mostRead = new Map(
    [...sections].map(([id, list]) => [id, [...list].sort((x, y) => views.get(y)! - views.get(x)! || byDateDesc(x, y)).slice(0, site.mostReadCount)]),
  );
  const dates = new Map(articles.map((a) => [a, memo.make(`dates\0${a.path}`, { source: a }, articleDates)]));
  return { sections, neighbours, related: relatedArticles(memo, articles, site.relatedCount), mostRead, views, dates, months: archiveMonths(articles), topics: topicsOf(site.topics, articles) };
}

/** What related articles are chosen by: an article's path, section, date and tags. */
interface RelatedFacts {
  readonly path: string;
  readonly section: string;
  readonly time: number;
  readonly tags: readonly string[];
}

const relatedFacts = (facts: RelatedFacts): RelatedFacts => facts;

/**
 * Each article's related articles. While no article's facts change (an edit of a title or
 * a body), the last build's choice stands and is not searched for again.
 */
function relatedArticles(memo: Memo, all: readonly ArticleSource[], count: number): Map<ArticleSource, readonly ArticleSource[]> {
  // One facts object an article, the same object while its facts are.
  const facts = all.map((a) => memo.make(`related-facts\0${a.path}`, { path: a.path, section: a.section, time: a.date.toMillis(), tags: a.tags }, relatedFacts));
  const paths = memo.make("related", { facts, count }, relatedPaths);
  const byPath = new Map(all.map((a) => [a.path, a]));
  return new Map(all.map((a) => [a, paths.get(a.path)!.map((p) => byPath.get(p)!)]));
}

/**
 * A few articles a reader of each may want next: shared tags first, then the same section,
 * then nearest in time. Candidates are the articles nearest in time within each of its tags
 * and its section (a window, so that a site of 10,000 articles is not scored 10,000² times).
 */
function relatedPaths({ facts: all, count }: { readonly facts: readonly RelatedFacts[]; readonly count: number }): ReadonlyMap<string, readonly string[]> {
  const WINDOW = 40;
  const groups = new Map<string, RelatedFacts[]>(); // newest first, like `all`
  const add = (key: string, a: RelatedFacts) => {
    const g = groups.get(key);
    if (g) g.push(a);
    else groups.set(key, [a]);
  };
  for (const a of all) {
    add(`s:${a.section}`, a);
    for (const t of new Set(a.tags)) add(`t:${t}`, a);
  }
  const position = new Map<string, Map<RelatedFacts, number>>();
  for (const [key, g] of groups) position.set(key, new Map(g.map((a, i) => [a, i])));
  const find = (a: RelatedFacts): RelatedFacts[] => {
    const tags = new Set(a.tags);
    const candidates = new Set<RelatedFacts>();
    for (const key of [`s:${a.section}`, ...[...tags].map((t) => `t:${t}`)]) {
      const g = groups.get(key)!;
      const i = position.get(key)!.get(a)!;
      for (let j = Math.max(0, i - WINDOW); j < Math.min(g.length, i + WINDOW + 1); j++) candidates.add(g[j]);
    }
    candidates.delete(a);
    const score = (b: RelatedFacts) => b.tags.filter((t) => tags.has(t)).length * 10 + (b.section === a.section ? 1 : 0);
    return [...candidates]
      .map((b) => ({ b, s: score(b), d: Math.abs(b.time - a.time) }))
      .sort((x, y) => y.s - x.s || x.d - y.d || x.b.path.localeCompare(y.b.path))
      .slice(0, count)
      .map((x) => x.b);
  };
  return new Map(all.map((a) => [a.path, find(a).map((r) => r.path)]));
}

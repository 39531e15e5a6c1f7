// The site's topics: one a tag, whatever script it is written in (topic-key.ts), with the
// articles that carry it, from the sources alone: the page kinds' URLs (the link check runs
// before the model), the model's topic pages and the checks below all take them from here.
import { createHash } from "node:crypto";
import type { TopicEntry } from "../site/topics-data.ts";
import { TOPICS_FILE } from "../site/topics-data.ts";
import { inner } from "../site/urls.ts";
import type { ArticleSource } from "./articles.ts";
import type { Problems } from "./problems.ts";
import { defaultTopicSlug, topicKey } from "./topic-key.ts";

type Tagged = Pick<ArticleSource, "tags" | "date" | "path">;

/** How many topics a page of the topics page lists: a site may have thousands of tags. */
export const TOPICS_PAGE_SIZE = 100;

export interface Topic<A extends Tagged = ArticleSource> {
  readonly key: string;
  readonly slug: string;
  /** What topics.json says of it, if anything. */
  readonly entry?: TopicEntry;
  /** Its articles, in the order they were given (the model's: newest first). */
  readonly articles: readonly A[];
  /** The tag that names it where topics.json does not: as the oldest of its articles writes it
   * (a new article does not rename a topic). */
  readonly namedBy: { readonly article: A; readonly tag: number };
  /** The topic that has the slug this one would have had (two tags with one Pinyin): this one's slug is suffixed. */
  readonly yieldedTo?: Topic<A>;
}

const cache = new WeakMap<readonly Tagged[], { entries: readonly TopicEntry[]; topics: readonly Topic<Tagged>[] }>();

const older = (x: Tagged, y: Tagged) => x.date.toMillis() - y.date.toMillis() || (x.path < y.path ? -1 : x.path > y.path ? 1 : 0);

/**
 * Every topic some article has, in the site's order: those topics.json lists in its order,
 * then the others by how many articles they have, then by slug. Asked for by several kinds
 * of one build: made once for one list of articles.
 */
export function topicsOf<A extends Tagged>(entries: readonly TopicEntry[], articles: readonly A[]): readonly Topic<A>[] {
  const hit = cache.get(articles);
  if (hit && hit.entries === entries) return hit.topics as readonly Topic<A>[];
  const groups = new Map<string, { articles: A[]; namedBy: { article: A; tag: number } }>();
  for (const a of articles) {
    a.tags.forEach((tag, i) => {
      const key = topicKey(tag);
      if (!key) return;
      const g = groups.get(key);
      if (!g) groups.set(key, { articles: [a], namedBy: { article: a, tag: i } });
      else if (g.articles[g.articles.length - 1] !== a) {
        g.articles.push(a);
        if (older(a, g.namedBy.article) < 0) g.namedBy = { article: a, tag: i };
      }
    });
  }
  const described = new Map(entries.map((e, i) => [e.key, { entry: e, order: i }]));
  const topics = withOwnSlugs(
    [...groups].map(([key, g]): Topic<A> => {
      const entry = described.get(key)?.entry;
      return { key, slug: entry?.slug ?? defaultTopicSlug(key), entry, articles: g.articles, namedBy: g.namedBy };
    }),
  );
  const order = (t: Topic<A>) => described.get(t.key)?.order ?? Infinity;
  topics.sort((x, y) => order(x) - order(y) || y.articles.length - x.articles.length || (x.slug < y.slug ? -1 : x.slug > y.slug ? 1 : 0));
  cache.set(articles, { entries, topics });
  return topics;
}

/**
 * Two tags may spell one slug (事实, 实施: shishi). One keeps it: the one topics.json gives it
 * to, else the one an article had first, so that a new tag never moves an old topic. The
 * others get a suffix from their key (shishi-3f2a9c), the same in every build while the
 * first keeps the slug.
 */
function withOwnSlugs<A extends Tagged>(topics: Topic<A>[]): Topic<A>[] {
  const bySlug = new Map<string, Topic<A>[]>();
  for (const t of topics) bySlug.set(t.slug, [...(bySlug.get(t.slug) ?? []), t]);
  const taken = new Set(bySlug.keys());
  return topics.map((t) => {
    const same = bySlug.get(t.slug)!;
    if (same.length === 1) return t;
    // At most one has its slug from topics.json (topics-data.ts refuses a slug twice).
    const given = same.filter((x) => x.entry?.slug !== undefined);
    const keeper = (given.length ? given : same).reduce((k, x) => (older(x.namedBy.article, k.namedBy.article) < 0 ? x : k));
    if (keeper === t) return t;
    const hash = createHash("sha256").update(t.key).digest("hex");
    let n = 6;
    while (taken.has(`${t.slug}-${hash.slice(0, n)}`)) n++;
    const slug = `${t.slug}-${hash.slice(0, n)}`;
    taken.add(slug);
    return { ...t, slug, yieldedTo: keeper };
  });
}

/** Topics whose slug was suffixed, and topics.json entries no article has: warnings of the build and `npm run check`. */
export function checkTopics(entries: readonly TopicEntry[], articles: readonly ArticleSource[], problems: Problems): void {
  const topics = topicsOf(entries, articles);
  const tagOf = (t: Topic) => t.namedBy.article.tags[t.namedBy.tag];
  for (const t of topics) {
    if (!t.yieldedTo) continue;
    const keeper = t.yieldedTo;
    const message = `the topic ${JSON.stringify(tagOf(t))} is published at /${inner.topic(t.slug)}: its Pinyin address is the topic ${JSON.stringify(tagOf(keeper))}'s (${keeper.entry?.slug !== undefined ? TOPICS_FILE : keeper.namedBy.article.file}).`;
    const hint = `To choose its address, give it a slug in ${TOPICS_FILE}, e.g. {"id": ${JSON.stringify(tagOf(t))}, "slug": "${keeper.slug}-2"}.`;
    problems.warn(t.namedBy.article.file, message, { field: "tags", line: t.namedBy.article.lines.tags, hint });
  }
  const used = new Set(topics.map((t) => t.key));
  for (const e of entries) {
    if (!used.has(e.key)) problems.warn(TOPICS_FILE, `no article has the tag ${JSON.stringify(e.id)}: the topic has no page.`, { line: e.line, hint: "Check the spelling against the articles' tags: lines, or remove the entry." });
  }
}

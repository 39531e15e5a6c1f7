// The site's topics: one a tag, whatever script it is written in (topic-key.ts), with the
// articles that carry it, from the sources alone: the page kinds' URLs (the link check runs
// before the model), the model's topic pages and the checks below all take them from here.
import type { TopicEntry } from "../site/topics-data.ts";
import { TOPICS_FILE } from "../site/topics-data.ts";
import { inner } from "../site/urls.ts";
import type { ArticleSource } from "./articles.ts";
import type { Problems } from "./problems.ts";
import { defaultTopicSlug, topicKey } from "./topic-key.ts";

type Tagged = Pick<ArticleSource, "tags">;

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
}

const cache = new WeakMap<readonly Tagged[], { entries: readonly TopicEntry[]; topics: readonly Topic<Tagged>[] }>();

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
        g.namedBy = { article: a, tag: i };
      }
    });
  }
  const described = new Map(entries.map((e, i) => [e.key, { entry: e, order: i }]));
  const topics = [...groups].map(([key, g]): Topic<A> & { order: number } => {
    const d = described.get(key);
    return { key, slug: d?.entry.slug ?? defaultTopicSlug(key), entry: d?.entry, articles: g.articles, namedBy: g.namedBy, order: d?.order ?? Infinity };
  });
  topics.sort((x, y) => x.order - y.order || y.articles.length - x.articles.length || (x.slug < y.slug ? -1 : x.slug > y.slug ? 1 : 0));
  const out = topics.map(({ order: _order, ...t }) => t);
  cache.set(articles, { entries, topics: out });
  return out;
}

/** Two topics at one address, and topics.json entries no article has: the build's and `npm run check`'s. */
export function checkTopics(entries: readonly TopicEntry[], articles: readonly ArticleSource[], problems: Problems): void {
  const topics = topicsOf(entries, articles);
  const bySlug = new Map<string, Topic[]>();
  for (const t of topics) bySlug.set(t.slug, [...(bySlug.get(t.slug) ?? []), t]);
  const tagOf = (t: Topic) => t.namedBy.article.tags[t.namedBy.tag];
  const since = (t: Topic) => t.namedBy.article.date.toMillis();
  for (const [slug, same] of bySlug) {
    if (same.length < 2) continue;
    // The oldest topic keeps the address: the others are reported, the newest being what an editor just tagged.
    const [first, ...later] = [...same].sort((x, y) => since(x) - since(y) || (x.key < y.key ? -1 : 1));
    for (const t of later) {
      const message = `the topic ${JSON.stringify(tagOf(t))} has the same address (/${inner.topic(slug)}) as the topic ${JSON.stringify(tagOf(first))}`;
      const hint = `Give one of them its own slug in ${TOPICS_FILE}, e.g. {"id": ${JSON.stringify(tagOf(t))}, "slug": "${slug}-2"}.`;
      const where = first.entry?.slug !== undefined ? TOPICS_FILE : first.namedBy.article.file;
      if (t.entry?.slug !== undefined) problems.error(TOPICS_FILE, `${message} (${where}).`, { line: t.entry.line, hint });
      else problems.error(t.namedBy.article.file, `${message} (${where}).`, { field: "tags", line: t.namedBy.article.lines.tags, hint });
    }
  }
  const used = new Set(topics.map((t) => t.key));
  for (const e of entries) {
    if (!used.has(e.key)) problems.warn(TOPICS_FILE, `no article has the tag ${JSON.stringify(e.id)}: the topic has no page.`, { line: e.line, hint: "Check the spelling against the articles' tags: lines, or remove the entry." });
  }
}

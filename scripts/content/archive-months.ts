// Each section's archive: the months that have articles, from the sources alone (the page
// kinds' URLs, for the link check, and the model's archive pages both take them from here).
// A month is the article's in the site's time zone, as in its path (article-rules.ts).
import type { ArticleSource } from "./articles.ts";

type Dated = Pick<ArticleSource, "section" | "date">;

export interface ArchiveMonth<A extends Dated = ArticleSource> {
  /** Four digits and two, as in article paths: "2024", "03". */
  readonly year: string;
  readonly month: string;
  /** In the order they were given (the model's: newest first). */
  readonly articles: readonly A[];
}

const cache = new WeakMap<readonly Dated[], ReadonlyMap<string, readonly ArchiveMonth<Dated>[]>>();

/** Section id → its months, newest first. Sections without articles have none. */
export function archiveMonths<A extends Dated>(articles: readonly A[]): ReadonlyMap<string, readonly ArchiveMonth<A>[]> {
  const hit = cache.get(articles);
  if (hit) return hit as ReadonlyMap<string, readonly ArchiveMonth<A>[]>;
  const bySection = new Map<string, Map<number, A[]>>();
  for (const a of articles) {
    let months = bySection.get(a.section);
    if (!months) bySection.set(a.section, (months = new Map()));
    // year * 100 + month: sorts as the months do, and is cheaper than formatting the date.
    const n = a.date.year * 100 + a.date.month;
    const list = months.get(n);
    if (list) list.push(a);
    else months.set(n, [a]);
  }
  const out = new Map<string, ArchiveMonth<A>[]>();
  for (const [section, months] of bySection) {
    out.set(
      section,
      [...months].sort(([x], [y]) => y - x).map(([n, list]) => ({ year: String(Math.floor(n / 100)).padStart(4, "0"), month: String(n % 100).padStart(2, "0"), articles: list })),
    );
  }
  cache.set(articles, out);
  return out;
}

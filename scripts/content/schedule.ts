// Scheduled publishing: an article dated after the build's now (NEWSROOM_NOW, else the clock,
// in the site's time zone) is held back until a build after its time. It is decided once,
// where the site is loaded (site/load-site.ts), before the model: so no page, list, feed,
// sitemap, search index or neighbour link of a build can name it early. The dev server shows
// it, marked 預定發布 (ArticleSource.scheduled), so editors can read it before it goes out.
import type { DateTime } from "luxon";
import type { LinkRef } from "../markdown/markdown.ts";
import type { SiteConfig } from "../site/site-config.ts";
import { variantUrl } from "../site/urls.ts";
import type { ArticleSource } from "./articles.ts";
import type { Problems } from "./problems.ts";
import { safeDecodeUri } from "./safe-decode.ts";

export interface Schedule {
  /** The build's now, in the site's time zone. */
  readonly now: DateTime;
  /** Articles dated after now, the soonest first. */
  readonly scheduled: readonly ArticleSource[];
}

/** The articles to build: those dated up to now; with `show` (the dev server) the later ones too, marked. */
export function applySchedule(articles: readonly ArticleSource[], now: DateTime, show: boolean): { articles: ArticleSource[]; schedule: Schedule } {
  const due = now.toMillis();
  const kept: ArticleSource[] = [];
  const scheduled: ArticleSource[] = [];
  for (const a of articles) {
    if (a.date.toMillis() <= due) kept.push(a);
    else {
      scheduled.push(a);
      if (show) kept.push(marked(a));
    }
  }
  scheduled.sort((a, b) => a.date.toMillis() - b.date.toMillis() || a.file.localeCompare(b.file));
  return { articles: kept, schedule: { now, scheduled } };
}

// One marked copy a reading: the dev server's memo (model/memo.ts) compares sources by
// identity, so an unchanged scheduled article must be the same object from one rebuild to the
// next. Once its time has come the reading itself is used again, unmarked.
const markedCopies = new WeakMap<ArticleSource, ArticleSource>();

function marked(a: ArticleSource): ArticleSource {
  let copy = markedCopies.get(a);
  if (!copy) markedCopies.set(a, (copy = { ...a, scheduled: true }));
  return copy;
}

/**
 * What the build says about the schedule: how many are held back and when the next is due,
 * or null when none is. `shown`: the dev server, which shows them.
 */
export function scheduleLine(schedule: Schedule, timeZone: string, shown: boolean): string | null {
  const [next] = schedule.scheduled;
  if (!next) return null;
  const n = schedule.scheduled.length;
  const what = n === 1 ? "1 article is" : `${n} articles are`;
  const when = `${next.date.setZone(timeZone).toFormat("yyyy-MM-dd HH:mm")} (${timeZone})`;
  const nextOne = n === 1 ? `it is due at ${when}: ${next.file}` : `the next is due at ${when}: ${next.file}`;
  return shown
    ? `Scheduled: ${what} dated after now, shown here marked 預定發布 and left out of a build until their time; ${nextOne}.`
    : `Scheduled: ${what} dated after now and not published; ${nextOne}. A build after that time publishes it.`;
}

/** What links: an article (published at its date, or now if that is later) or a standalone page (now). */
interface Linking {
  readonly file: string;
  readonly lang: string;
  readonly path: string;
  readonly links?: readonly LinkRef[];
  readonly date?: DateTime;
}

/**
 * An article or page published before a scheduled article it links to: until that one's time
 * the link leads to no page, and it shows every reader the address of an article not yet
 * out. A warning (the link works once the article is out), at the link's line, naming when.
 */
export function warnEarlyLinks(site: SiteConfig, schedule: Schedule, linking: readonly Linking[], problems: Problems): void {
  if (schedule.scheduled.length === 0) return;
  const byUrl = new Map<string, ArticleSource>();
  for (const a of schedule.scheduled) for (const v of site.variants) byUrl.set(variantUrl(v.path, a.path), a);
  const origin = site.url || "https://localhost";
  const host = new URL(origin).host;
  for (const from of linking) {
    const out = from.date && from.date > schedule.now ? from.date.toMillis() : schedule.now.toMillis();
    const own = site.variants.find((v) => v.lang === from.lang) ?? site.variants[0];
    const base = origin + variantUrl(own.path, from.path);
    for (const link of from.links ?? []) {
      let url: URL;
      try {
        url = new URL(link.href.trim(), base);
      } catch {
        continue; // reported by the link check
      }
      const target = url.host === host ? byUrl.get(safeDecodeUri(url.pathname) ?? "") : undefined;
      if (!target || target.date.toMillis() <= out) continue;
      const when = target.date.setZone(site.timeZone).toFormat("yyyy-MM-dd HH:mm");
      problems.warn(from.file, `the link ${link.href} leads to ${target.file}, which is scheduled for ${when}: until then the link leads to no page and shows readers the address of an article not yet published.`, {
        line: link.line,
        hint: `Add the link after ${when}, or date the two articles so that the one linked to is published first.`,
      });
    }
  }
}

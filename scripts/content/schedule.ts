// Scheduled publishing: an article dated after the build's now (NEWSROOM_NOW, else the clock,
// in the site's time zone) is held back until a build after its time. It is decided once,
// where the site is loaded (site/load-site.ts), before the model: so no page, list, feed,
// sitemap, search index or neighbour link of a build can name it early. The dev server shows
// it, marked 預定發布 (ArticleSource.scheduled), so editors can read it before it goes out.
import type { DateTime } from "luxon";
import type { ArticleSource } from "./articles.ts";

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

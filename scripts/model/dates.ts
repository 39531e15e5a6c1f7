// An article's dates as pages show them, the same in every script. Formatted once a source
// (memo.ts): luxon's formatting is not cheap.
import type { ArticleSource } from "../content/articles.ts";
import { displayDate, displayDateTime, isoDate } from "../content/dates.ts";

export interface ArticleDates {
  readonly iso: string;
  /** With the time, when the editor gave one. */
  readonly text: string;
  readonly day: string;
  readonly updatedIso: string;
}

export function articleDates({ source: a }: { readonly source: ArticleSource }): ArticleDates {
  return { iso: isoDate(a.date), text: a.dateHasTime ? displayDateTime(a.date) : displayDate(a.date), day: displayDate(a.date), updatedIso: isoDate(a.updated ?? a.date) };
}

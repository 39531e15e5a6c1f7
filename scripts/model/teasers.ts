// An article as lists show it: one teaser an article and script, shared by every list. Lists
// with thumbnails (a section's, a month's, a topic's, the home page's latest) show it with its
// cover, a teaser of its own: the other lists (most read, related, the hub's blocks) do not
// change, nor the pages that show them, when a photo does.
import type { ArticleSource } from "../content/articles.ts";
import { groupThousands } from "../site/format.ts";
import { variantUrl } from "../site/urls.ts";
import type { ArticleDates } from "./dates.ts";
import type { ArticleTexts } from "./texts.ts";
import type { Teaser, VariantContext } from "./types.ts";
import type { Photo } from "../markdown/photos.ts";

export interface TeaserInputs {
  readonly ctx: VariantContext;
  readonly source: ArticleSource;
  readonly texts: ArticleTexts;
  readonly dates: ArticleDates;
  readonly views: number;
}

export function buildTeaser({ ctx, source: a, texts: t, dates: d, views }: TeaserInputs): Teaser {
  return {
    id: a.path,
    title: t.title,
    url: variantUrl(ctx.path, a.path),
    dateIso: d.iso,
    dateText: d.text,
    dayText: d.day,
    source: t.source,
    summary: t.summary,
    views,
    viewsText: groupThousands(views),
    section: ctx.sections.find((s) => s.id === a.section)!,
    ...(a.scheduled && { scheduled: true }),
  };
}

/** The teaser with the article's cover, for lists that show thumbnails. */
export function buildListedTeaser({ teaser, cover }: { readonly teaser: Teaser; readonly cover: Photo | undefined }): Teaser {
  return cover ? { ...teaser, cover } : teaser;
}

/** Teasers shown together (閱讀排行): the same array while they are the same teasers. */
export function teaserList({ items }: { readonly items: readonly Teaser[] }): readonly Teaser[] {
  return items;
}

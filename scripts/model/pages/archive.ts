// A section's archive: its years, newest first, each with its months and their article counts.
import type { SiteConfig } from "../../site/site-config.ts";
import { inner, variantUrl } from "../../site/urls.ts";
import type { BuildContext } from "../build-context.ts";
import { newsCrumbs, pageBase } from "../page-base.ts";
import { inEachVariant, ofVariant, pageKind } from "../page-kind.ts";
import type { ArchivePage, SectionView, Teaser, VariantContext } from "../types.ts";
import { monthText, ym } from "./archive-month.ts";

export interface ArchiveInputs {
  readonly site: SiteConfig;
  readonly ctx: VariantContext;
  readonly section: SectionView;
  /** The section's months that have articles, newest first, as "yyyy/mm"; and how many each has. */
  readonly months: readonly string[];
  readonly counts: readonly number[];
  readonly mostRead: readonly Teaser[];
}

export function buildArchivePage({ site, ctx, section, months, counts, mostRead }: ArchiveInputs): ArchivePage {
  const heading = `${section.name} · ${ctx.ui.archive}`;
  const description = ctx.ui.archiveDescription.replace("{section}", section.name);
  type Month = ArchivePage["years"][number]["months"][number];
  const years: { year: string; text: string; months: Month[] }[] = [];
  months.forEach((ym, i) => {
    const [year, month] = ym.split("/");
    let y = years[years.length - 1];
    if (y?.year !== year) years.push((y = { year, text: ctx.ui.year.replace("{year}", String(Number(year))), months: [] }));
    const url = variantUrl(ctx.path, inner.archiveMonth(section.id, year, month));
    y.months.push({ text: monthText(ctx, year, month), url, count: counts[i], countText: ctx.ui.articleCount.replace("{n}", String(counts[i])) });
  });
  return pageBase(site, ctx, inner.archive(section.id), heading, description, [...newsCrumbs(ctx), { text: section.name, url: section.url }, { text: ctx.ui.archive, url: "" }], {
    kind: "archive",
    section,
    heading,
    years,
    mostRead,
  });
}

export const archiveKind = pageKind<ArchivePage, "archives", true>({
  kind: "archive",
  list: "archives",
  planned: true,
  template: "archive.njk",
  build: ({ site, memo, index, variants, mostRead }: BuildContext) =>
    variants.flatMap((ctx) =>
      ctx.sections.map((section) => {
        const months = index.months.get(section.id) ?? [];
        const inputs = { site, ctx, section, months: months.map(ym), counts: months.map((m) => m.articles.length), mostRead: mostRead(ctx, section.id) };
        return memo.make(`archive\0${ctx.lang}\0${section.id}`, inputs, buildArchivePage);
      }),
    ),
  urls: inEachVariant((sources) => sources.site.sections.map((s) => inner.archive(s.id))),
  inLinkCheck: true,
  // Its months and counts carry no date of their own.
  sitemap: { pages: ofVariant, lastmod: () => undefined },
});

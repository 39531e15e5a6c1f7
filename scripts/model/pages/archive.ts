// A section's archive: its years, newest first, each with its months and their article counts.
import type { SiteConfig } from "../../site/site-config.ts";
import { inner, variantUrl } from "../../site/urls.ts";
import { newsCrumbs, pageBase } from "../page-base.ts";
import type { ArchivePage, SectionView, Teaser, VariantContext } from "../types.ts";
import { monthText } from "./archive-month.ts";

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
  return {
    ...pageBase(site, ctx, "archive", inner.archive(section.id), heading, description, [...newsCrumbs(ctx), { text: section.name, url: section.url }, { text: ctx.ui.archive, url: "" }]),
    kind: "archive",
    section,
    heading,
    years,
    mostRead,
  };
}

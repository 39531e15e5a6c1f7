// One page of a month of a section's archive: its articles, newest first, and the months on either side.
import type { SiteConfig } from "../../site/site-config.ts";
import { inner, variantUrl } from "../../site/urls.ts";
import { archiveMonths, type ArchiveMonth } from "../../content/archive-months.ts";
import type { BuildContext } from "../build-context.ts";
import { listPageLinks, newsCrumbs, pageBase, pagedTitle, paging } from "../page-base.ts";
import { inEachVariant, ofVariant, pagedPaths, pageKind, pagesOf, type UrlSources } from "../page-kind.ts";
import type { ArchiveMonthPage, Link, PageLink, SectionView, Teaser, VariantContext } from "../types.ts";

export interface ArchiveMonthInputs {
  readonly site: SiteConfig;
  readonly ctx: VariantContext;
  readonly section: SectionView;
  /** As in article paths: "2024", "03". */
  readonly year: string;
  readonly month: string;
  readonly items: readonly Teaser[];
  readonly mostRead: readonly Teaser[];
  readonly pageNumber: number;
  /** Every page of the month (listPageLinks). */
  readonly links: readonly PageLink[];
  /** The nearest older and newer months with articles (archiveMonthLink). */
  readonly older: Link | undefined;
  readonly newer: Link | undefined;
}

/** 2024年3月: months and years as readers write them, without leading zeros. */
export function monthText(ctx: VariantContext, year: string, month: string): string {
  return ctx.ui.yearMonth.replace("{year}", String(Number(year))).replace("{month}", String(Number(month)));
}

export function buildArchiveMonthPage({ site, ctx, section, year, month, items, mostRead, pageNumber: n, links, older, newer }: ArchiveMonthInputs): ArchiveMonthPage {
  const heading = monthText(ctx, year, month);
  const description = ctx.ui.archiveMonthDescription.replace("{section}", section.name).replace("{month}", heading);
  const crumbs = [...newsCrumbs(ctx), { text: section.name, url: section.url }, { text: ctx.ui.archive, url: section.archiveUrl }, { text: heading, url: "" }];
  return pageBase(site, ctx, inner.archiveMonth(section.id, year, month, n), pagedTitle(ctx, `${section.name} · ${heading}`, n), description, crumbs, {
    kind: "archive-month",
    section,
    heading,
    items,
    mostRead,
    ...paging(n, links),
    older,
    newer,
  });
}

/** A link to a month of a section's archive (上一月/下一月). */
export function archiveMonthLink({ ctx, section, year, month }: { readonly ctx: VariantContext; readonly section: string; readonly year: string; readonly month: string }): Link {
  return { text: monthText(ctx, year, month), url: variantUrl(ctx.path, inner.archiveMonth(section, year, month)) };
}

/** "2024/03": a month as the archive's inputs name it. */
export const ym = (m: ArchiveMonth): string => `${m.year}/${m.month}`;

/** The inner paths of every month of every section's archive. */
function archiveMonthPaths(sources: UrlSources): string[] {
  const months = archiveMonths(sources.articles);
  return sources.site.sections.flatMap((s) =>
    (months.get(s.id) ?? []).flatMap((m) => pagedPaths(m.articles.length, sources.site.pageSize, (n) => inner.archiveMonth(s.id, m.year, m.month, n))),
  );
}

export const archiveMonthKind = pageKind<ArchiveMonthPage, "archiveMonths", true>({
  kind: "archive-month",
  list: "archiveMonths",
  planned: true,
  template: "archive-month.njk",
  build: ({ site, memo, index, variants, listed, mostRead }: BuildContext) =>
    variants.flatMap((ctx) =>
      ctx.sections.flatMap((section) => {
        const months = index.months.get(section.id) ?? [];
        const monthLink = (m: ArchiveMonth | undefined) =>
          m && memo.make(`month-link\0${ctx.lang}\0${section.id}\0${ym(m)}`, { ctx, section: section.id, year: m.year, month: m.month }, archiveMonthLink);
        return months.flatMap((m, i) => {
          const [older, newer] = [monthLink(months[i + 1]), monthLink(months[i - 1])];
          const pages = pagesOf(m.articles, site.pageSize);
          const links = listPageLinks(memo, `archive-month\0${ctx.lang}\0${section.id}\0${ym(m)}`, pages.length, (n) => variantUrl(ctx.path, inner.archiveMonth(section.id, m.year, m.month, n)));
          return pages.map((page, p) => {
            const items = page.map((a) => listed(ctx, a));
            const inputs = { site, ctx, section, year: m.year, month: m.month, items, mostRead: mostRead(ctx, section.id), pageNumber: p + 1, links, older, newer };
            return memo.make(`archive-month\0${ctx.lang}\0${section.id}\0${ym(m)}\0${p + 1}`, inputs, buildArchiveMonthPage);
          });
        });
      }),
    ),
  urls: inEachVariant(archiveMonthPaths),
  inLinkCheck: true,
  sitemap: { pages: ofVariant, lastmod: (page, newest) => newest(page.items) },
});

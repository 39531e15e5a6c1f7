// One page of a section's list, newest first.
import type { SiteConfig } from "../../site/site-config.ts";
import { inner, variantUrl } from "../../site/urls.ts";
import { newsCrumbs, pageBase } from "../page-base.ts";
import type { ListPage, SectionView, Teaser, VariantContext } from "../types.ts";

export interface ListInputs {
  readonly site: SiteConfig;
  readonly ctx: VariantContext;
  readonly section: SectionView;
  readonly items: readonly Teaser[];
  readonly mostRead: readonly Teaser[];
  readonly pageNumber: number;
  readonly pageCount: number;
}

export function buildListPage({ site, ctx, section, items, mostRead, pageNumber: n, pageCount }: ListInputs): ListPage {
  const pageUrl = (number: number) => variantUrl(ctx.path, inner.section(section.id, number));
  const title = n === 1 ? section.name : `${section.name} · ${ctx.ui.page.replace("{n}", String(n))}`;
  return {
    ...pageBase(site, ctx, "list", inner.section(section.id, n), title, section.description || section.name, [...newsCrumbs(ctx), { text: section.name, url: "" }]),
    kind: "list",
    section,
    items,
    mostRead,
    pageNumber: n,
    pageCount,
    pages: Array.from({ length: pageCount }, (_, i) => ({ number: i + 1, url: pageUrl(i + 1), current: i + 1 === n })),
    prevUrl: n > 1 ? pageUrl(n - 1) : undefined,
    nextUrl: n < pageCount ? pageUrl(n + 1) : undefined,
  };
}

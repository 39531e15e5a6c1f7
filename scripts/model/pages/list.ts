// One page of a section's list, newest first.
import type { SiteConfig } from "../../site/site-config.ts";
import { inner, variantUrl } from "../../site/urls.ts";
import { newsCrumbs, pageBase, pagedTitle, paging } from "../page-base.ts";
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
  return {
    ...pageBase(site, ctx, "list", inner.section(section.id, n), pagedTitle(ctx, section.name, n), section.description || section.name, [...newsCrumbs(ctx), { text: section.name, url: "" }]),
    kind: "list",
    section,
    items,
    mostRead,
    ...paging(n, pageCount, (number) => variantUrl(ctx.path, inner.section(section.id, number))),
  };
}

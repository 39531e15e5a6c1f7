// One page of a section's list, newest first.
import type { SiteConfig } from "../../site/site-config.ts";
import { inner, variantUrl } from "../../site/urls.ts";
import type { BuildContext } from "../build-context.ts";
import { newsCrumbs, pageBase, pagedTitle, paging } from "../page-base.ts";
import { inEachVariant, ofVariant, pagedPaths, pageKind, pagesOf, type UrlSources } from "../page-kind.ts";
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

/** The inner paths of every section's list pages. */
function sectionListPaths(sources: UrlSources): string[] {
  const count = new Map<string, number>();
  for (const a of sources.articles) count.set(a.section, (count.get(a.section) ?? 0) + 1);
  return sources.site.sections.flatMap((s) => pagedPaths(count.get(s.id) ?? 0, sources.site.pageSize, (n) => inner.section(s.id, n)));
}

export const listKind = pageKind<ListPage, "lists", true>({
  kind: "list",
  list: "lists",
  planned: true,
  template: "list.njk",
  build: (b: BuildContext) =>
    b.variants.flatMap((ctx) =>
      ctx.sections.flatMap((section) =>
        pagesOf(b.index.sections.get(section.id)!, b.site.pageSize).map((page, i, all) => {
          const inputs = { site: b.site, ctx, section, items: page.map((a) => b.listed(ctx, a)), mostRead: b.mostRead(ctx, section.id), pageNumber: i + 1, pageCount: all.length };
          return b.memo.make(`list\0${ctx.lang}\0${section.id}\0${i + 1}`, inputs, buildListPage);
        }),
      ),
    ),
  urls: inEachVariant(sectionListPaths),
  inLinkCheck: true,
  sitemap: { pages: ofVariant, lastmod: (page, newest) => newest(page.items) },
});

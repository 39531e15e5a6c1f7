// One page of a section's list, newest first.
import type { SiteConfig } from "../../site/site-config.ts";
import { inner, variantUrl } from "../../site/urls.ts";
import type { BuildContext } from "../build-context.ts";
import { listPageLinks, newsCrumbs, pageBase, pagedTitle, paging } from "../page-base.ts";
import { inEachVariant, ofVariant, pagedPaths, pageKind, pagesOf, type UrlSources } from "../page-kind.ts";
import type { ListPage, PageLink, SectionView, Teaser, VariantContext } from "../types.ts";

export interface ListInputs {
  readonly site: SiteConfig;
  readonly ctx: VariantContext;
  readonly section: SectionView;
  readonly items: readonly Teaser[];
  readonly mostRead: readonly Teaser[];
  readonly pageNumber: number;
  /** Every page of the section's list (listPageLinks). */
  readonly links: readonly PageLink[];
}

export function buildListPage({ site, ctx, section, items, mostRead, pageNumber: n, links }: ListInputs): ListPage {
  return pageBase(site, ctx, inner.section(section.id, n), pagedTitle(ctx, section.name, n), section.description || section.name, [...newsCrumbs(ctx), { text: section.name, url: "" }], {
    kind: "list",
    section,
    items,
    mostRead,
    ...paging(n, links),
  });
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
      ctx.sections.flatMap((section) => {
        const pages = pagesOf(b.index.sections.get(section.id)!, b.site.pageSize);
        const links = listPageLinks(b.memo, `list\0${ctx.lang}\0${section.id}`, pages.length, (n) => variantUrl(ctx.path, inner.section(section.id, n)));
        return pages.map((page, i) => {
          const inputs = { site: b.site, ctx, section, items: page.map((a) => b.listed(ctx, a)), mostRead: b.mostRead(ctx, section.id), pageNumber: i + 1, links };
          return b.memo.make(`list\0${ctx.lang}\0${section.id}\0${i + 1}`, inputs, buildListPage);
        });
      }),
    ),
  urls: inEachVariant(sectionListPaths),
  inLinkCheck: true,
  sitemap: { pages: ofVariant, lastmod: (page, newest) => newest(page.items) },
});

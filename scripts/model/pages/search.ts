// The search page of each script: the form and the results, run in the browser over the
// static index (scripts/search/). Not in the sitemaps (noindex): a crawler gains nothing.
import type { SiteConfig } from "../../site/site-config.ts";
import { inner } from "../../site/urls.ts";
import type { BuildContext } from "../build-context.ts";
import { pageBase } from "../page-base.ts";
import { inEachVariant, pageKind } from "../page-kind.ts";
import type { SearchPage, VariantContext } from "../types.ts";

export function buildSearchPage({ site, ctx }: { readonly site: SiteConfig; readonly ctx: VariantContext }): SearchPage {
  const title = ctx.ui.search;
  return pageBase(site, ctx, inner.search(), title, title, [{ text: ctx.ui.home, url: ctx.home }, { text: title, url: "" }], { kind: "search" });
}

export const searchKind = pageKind<SearchPage, "searches", false>({
  kind: "search",
  list: "searches",
  // Rendered every build (its index is written by scripts/search/).
  planned: false,
  template: "search.njk",
  build: ({ site, memo, variants }: BuildContext) => variants.map((ctx) => memo.make(`search\0${ctx.lang}`, { site, ctx }, buildSearchPage)),
  urls: inEachVariant(() => [inner.search()]),
  inLinkCheck: true,
  sitemap: null, // noindex
});

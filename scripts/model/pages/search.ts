// The search page of each script: the form and the results, run in the browser over the
// static index (scripts/search/). Not in the sitemaps (noindex): a crawler gains nothing.
import type { SiteConfig } from "../../site/site-config.ts";
import { inner } from "../../site/urls.ts";
import { pageBase } from "../page-base.ts";
import type { SearchPage, VariantContext } from "../types.ts";

export function buildSearchPage({ site, ctx }: { readonly site: SiteConfig; readonly ctx: VariantContext }): SearchPage {
  const title = ctx.ui.search;
  return { ...pageBase(site, ctx, "search", inner.search(), title, title, [{ text: ctx.ui.home, url: ctx.home }, { text: title, url: "" }]), kind: "search" };
}

// The 404 page of each script, and the one hosts look for at the root.
import type { SiteConfig } from "../../site/site-config.ts";
import { inner, sitePaths } from "../../site/urls.ts";
import { pageBase } from "../page-base.ts";
import type { NotFoundPage, VariantContext } from "../types.ts";

export function buildNotFoundPage({ site, ctx }: { readonly site: SiteConfig; readonly ctx: VariantContext }): NotFoundPage {
  return { ...pageBase(site, ctx, "404", inner.notFound(), ctx.ui.notFoundTitle, ctx.ui.notFoundTitle, []), kind: "404" };
}

/** /404.html: the default script's page (it links to every script's home), at the root. */
export function buildRootNotFoundPage({ page }: { readonly page: NotFoundPage }): NotFoundPage {
  return { ...page, url: sitePaths.rootNotFound };
}

// The 404 page of each script, and the one hosts look for at the root.
import type { SiteConfig } from "../../site/site-config.ts";
import { inner, sitePaths } from "../../site/urls.ts";
import type { BuildContext } from "../build-context.ts";
import { pageBase } from "../page-base.ts";
import { inEachVariant, pageKind } from "../page-kind.ts";
import type { NotFoundPage, VariantContext } from "../types.ts";

export function buildNotFoundPage({ site, ctx }: { readonly site: SiteConfig; readonly ctx: VariantContext }): NotFoundPage {
  return pageBase(site, ctx, inner.notFound(), ctx.ui.notFoundTitle, ctx.ui.notFoundTitle, [], { kind: "404" });
}

/** /404.html: the default script's page (it links to every script's home), at the root. */
export function buildRootNotFoundPage({ page }: { readonly page: NotFoundPage }): NotFoundPage {
  return { ...page, url: sitePaths.rootNotFound };
}

export const notFoundKind = pageKind<NotFoundPage, "notFound", true>({
  kind: "404",
  list: "notFound",
  planned: true,
  template: "404.njk",
  // Each script's, then the root /404.html.
  build: ({ site, memo, variants, defaultCtx }: BuildContext) => {
    const pages = variants.map((ctx) => memo.make(`404\0${ctx.lang}`, { site, ctx }, buildNotFoundPage));
    return [...pages, memo.make("404", { page: pages[variants.indexOf(defaultCtx)] }, buildRootNotFoundPage)];
  },
  urls: (sources) => [...inEachVariant(() => [inner.notFound()])(sources), sitePaths.rootNotFound],
  inLinkCheck: true,
  sitemap: null,
  ui: {
    notFoundTitle: "找不到這個頁面",
    notFoundText: "您要找的頁面不存在，可能已經移動或刪除。",
    backHome: "返回網站首頁",
  },
});

// The root chooser of scripts (/): it sends a reader to the script their browser prefers.
import type { SiteConfig } from "../../site/site-config.ts";
import { inner, sitePaths } from "../../site/urls.ts";
import type { BuildContext } from "../build-context.ts";
import { alternates } from "../page-base.ts";
import { pageKind } from "../page-kind.ts";
import type { RootPage, VariantContext } from "../types.ts";

export function buildRootPage({ site, defaultCtx }: { readonly site: SiteConfig; readonly defaultCtx: VariantContext | undefined }): RootPage {
  return {
    url: sitePaths.root,
    siteName: defaultCtx?.siteName ?? site.name,
    choices: alternates(site, inner.home(), ""),
    defaultLang: site.defaultLang,
    variants: site.variants.map((v) => ({ lang: v.lang, path: v.path, browserLanguages: v.browserLanguages })),
  };
}

export const rootKind = pageKind<RootPage, "root", false>({
  kind: "root",
  // One page: news.root[0].
  list: "root",
  planned: false,
  template: "root.njk",
  build: ({ site, memo, defaultCtx }: BuildContext) => [memo.make("root", { site, defaultCtx }, buildRootPage)],
  urls: () => [sitePaths.root],
  inLinkCheck: true,
  sitemap: null,
});

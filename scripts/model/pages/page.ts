// A standalone page (content/pages/) in one script.
import type { SiteConfig } from "../../site/site-config.ts";
import type { PageSource } from "../../site/pages.ts";
import type { BuildContext } from "../build-context.ts";
import { variantUrl } from "../../site/urls.ts";
import { pageBase } from "../page-base.ts";
import { inEachVariant, ofVariant, pageKind } from "../page-kind.ts";
import type { PageTexts } from "../texts.ts";
import type { StaticPage, VariantContext } from "../types.ts";

export interface StaticPageInputs {
  readonly site: SiteConfig;
  readonly ctx: VariantContext;
  readonly source: PageSource;
  readonly texts: PageTexts;
}

export function buildStaticPage({ site, ctx, source: p, texts: t }: StaticPageInputs): StaticPage {
  return pageBase(site, ctx, p.path, t.title, t.summary, [{ text: ctx.ui.home, url: ctx.home }, { text: t.title, url: "" }], {
    kind: "page",
    html: t.html,
  });
}

export const staticPageKind = pageKind<StaticPage, "pages", true>({
  kind: "page",
  list: "pages",
  planned: true,
  template: "page.njk",
  build: ({ site, memo, texts, sources, variants }: BuildContext) =>
    variants.flatMap((ctx) => sources.pages.map((p) => memo.make(`page\0${ctx.lang}\0${p.path}`, { site, ctx, source: p, texts: texts.page(p, ctx.lang) }, buildStaticPage))),
  urls: inEachVariant((sources) => sources.pages.map((p) => p.path)),
  origins: (sources) => sources.pages.flatMap((p) => sources.site.variants.map((v) => ({ url: variantUrl(v.path, p.path), file: p.file }))),
  inLinkCheck: true,
  sitemap: { pages: ofVariant, lastmod: () => undefined },
});

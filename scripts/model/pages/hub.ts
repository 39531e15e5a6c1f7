// The news hub (新聞資訊): the newest articles of each section.
import type { SiteConfig } from "../../site/site-config.ts";
import { inner } from "../../site/urls.ts";
import type { BuildContext } from "../build-context.ts";
import { pageBase } from "../page-base.ts";
import { inEachVariant, ofVariant, pageKind } from "../page-kind.ts";
import { sectionBlocks } from "./home.ts";
import type { HubPage, Teaser, VariantContext } from "../types.ts";

export interface HubInputs {
  readonly site: SiteConfig;
  readonly ctx: VariantContext;
  /** Each section's teasers, in the order of ctx.sections. */
  readonly blocks: ReadonlyArray<readonly Teaser[]>;
}

export function buildHubPage({ site, ctx, blocks }: HubInputs): HubPage {
  return pageBase(site, ctx, inner.newsHub(), ctx.ui.news, ctx.ui.news, [{ text: ctx.ui.home, url: ctx.home }, { text: ctx.ui.news, url: "" }], {
    kind: "hub",
    blocks: blocks.map((items, i) => ({ section: ctx.sections[i], items })),
  });
}

export const hubKind = pageKind<HubPage, "hubs", true>({
  kind: "hub",
  list: "hubs",
  planned: true,
  template: "hub.njk",
  build: (b: BuildContext) => b.variants.map((ctx) => b.memo.make(`hub\0${ctx.lang}`, { site: b.site, ctx, blocks: sectionBlocks(b, ctx) }, buildHubPage)),
  urls: inEachVariant(() => [inner.newsHub()]),
  inLinkCheck: true,
  sitemap: {
    pages: ofVariant,
    lastmod: (page, newest) => newest(page.blocks.flatMap((b) => b.items)),
  },
});

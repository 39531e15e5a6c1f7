// The news hub (新聞資訊): the newest articles of each section.
import type { SiteConfig } from "../../site/site-config.ts";
import { inner } from "../../site/urls.ts";
import { pageBase } from "../page-base.ts";
import type { HubPage, Teaser, VariantContext } from "../types.ts";

export interface HubInputs {
  readonly site: SiteConfig;
  readonly ctx: VariantContext;
  /** Each section's teasers, in the order of ctx.sections. */
  readonly blocks: ReadonlyArray<readonly Teaser[]>;
}

export function buildHubPage({ site, ctx, blocks }: HubInputs): HubPage {
  return {
    ...pageBase(site, ctx, "hub", inner.newsHub(), ctx.ui.news, ctx.ui.news, [{ text: ctx.ui.home, url: ctx.home }, { text: ctx.ui.news, url: "" }]),
    kind: "hub",
    blocks: blocks.map((items, i) => ({ section: ctx.sections[i], items })),
  };
}

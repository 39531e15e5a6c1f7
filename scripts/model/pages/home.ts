// A script's home page: the newest articles, then the newest of each section.
import type { SiteConfig } from "../../site/site-config.ts";
import { inner } from "../../site/urls.ts";
import { pageBase } from "../page-base.ts";
import type { HomePage, Teaser, VariantContext } from "../types.ts";

export interface HomeInputs {
  readonly site: SiteConfig;
  readonly ctx: VariantContext;
  readonly latest: readonly Teaser[];
  /** Each section's teasers, in the order of ctx.sections. */
  readonly blocks: ReadonlyArray<readonly Teaser[]>;
}

export function buildHomePage({ site, ctx, latest, blocks }: HomeInputs): HomePage {
  return {
    ...pageBase(site, ctx, "home", inner.home(), ctx.siteName, ctx.tagline || ctx.siteName, []),
    kind: "home",
    latest,
    blocks: blocks.map((items, i) => ({ section: ctx.sections[i], items })),
  };
}

// A script's home page: the newest articles, then the newest of each section.
import type { SiteConfig } from "../../site/site-config.ts";
import { inner } from "../../site/urls.ts";
import type { BuildContext } from "../build-context.ts";
import { pageBase } from "../page-base.ts";
import { inEachVariant, ofVariant, pageKind } from "../page-kind.ts";
import type { HomePage, Teaser, VariantContext } from "../types.ts";

export interface HomeInputs {
  readonly site: SiteConfig;
  readonly ctx: VariantContext;
  readonly latest: readonly Teaser[];
  /** Each section's teasers, in the order of ctx.sections. */
  readonly blocks: ReadonlyArray<readonly Teaser[]>;
}

export function buildHomePage({ site, ctx, latest, blocks }: HomeInputs): HomePage {
  return pageBase(site, ctx, inner.home(), ctx.siteName, ctx.tagline || ctx.siteName, [], {
    kind: "home",
    latest,
    blocks: blocks.map((items, i) => ({ section: ctx.sections[i], items })),
  });
}

export const homeKind = pageKind<HomePage, "homes", true>({
  kind: "home",
  list: "homes",
  planned: true,
  template: "home.njk",
  build: (b: BuildContext) =>
    b.variants.map((ctx) => {
      const latest = b.sources.articles.slice(0, b.site.homeCount).map((a) => b.listed(ctx, a));
      return b.memo.make(`home\0${ctx.lang}`, { site: b.site, ctx, latest, blocks: sectionBlocks(b, ctx) }, buildHomePage);
    }),
  urls: inEachVariant(() => [inner.home()]),
  inLinkCheck: true,
  sitemap: {
    pages: ofVariant,
    lastmod: (page, newest) => newest([...page.latest, ...page.blocks.flatMap((b) => b.items)]),
  },
});

/** The newest teasers of each section, in the order of ctx.sections (the home page's and the hub's). */
export function sectionBlocks(b: BuildContext, ctx: VariantContext): (readonly Teaser[])[] {
  return ctx.sections.map((s) => b.index.sections.get(s.id)!.slice(0, b.site.hubCount).map((a) => b.teaser(ctx, a)));
}

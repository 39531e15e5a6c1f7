// A standalone page (content/pages/) in one script.
import type { SiteConfig } from "../../site/site-config.ts";
import type { PageSource } from "../../site/pages.ts";
import { pageBase } from "../page-base.ts";
import type { PageTexts } from "../texts.ts";
import type { StaticPage, VariantContext } from "../types.ts";

export interface StaticPageInputs {
  readonly site: SiteConfig;
  readonly ctx: VariantContext;
  readonly source: PageSource;
  readonly texts: PageTexts;
}

export function buildStaticPage({ site, ctx, source: p, texts: t }: StaticPageInputs): StaticPage {
  return {
    ...pageBase(site, ctx, "page", p.path, t.title, t.summary, [{ text: ctx.ui.home, url: ctx.home }, { text: t.title, url: "" }]),
    kind: "page",
    html: t.html,
  };
}

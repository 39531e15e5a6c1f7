// The page of every topic: the site's order (topics.json's, then by how many articles), with counts.
import type { SiteConfig } from "../../site/site-config.ts";
import { inner } from "../../site/urls.ts";
import { newsCrumbs, pageBase } from "../page-base.ts";
import type { TopicsPage, TopicView, VariantContext } from "../types.ts";

export interface TopicsInputs {
  readonly site: SiteConfig;
  readonly ctx: VariantContext;
  readonly topics: readonly TopicView[];
  /** How many articles each topic has. */
  readonly counts: readonly number[];
}

export function buildTopicsPage({ site, ctx, topics, counts }: TopicsInputs): TopicsPage {
  return {
    ...pageBase(site, ctx, "topics", inner.topics(), ctx.ui.topics, ctx.ui.topicsDescription, [...newsCrumbs(ctx), { text: ctx.ui.topics, url: "" }]),
    kind: "topics",
    topics: topics.map((topic, i) => ({ topic, count: counts[i], countText: ctx.ui.articleCount.replace("{n}", String(counts[i])) })),
  };
}

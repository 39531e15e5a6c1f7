// One page of the page of every topic: the site's order (topics.json's, then by how many articles), with counts.
import type { SiteConfig } from "../../site/site-config.ts";
import { inner, variantUrl } from "../../site/urls.ts";
import { newsCrumbs, pageBase, pagedTitle, paging } from "../page-base.ts";
import type { TopicsPage, TopicView, VariantContext } from "../types.ts";

export interface TopicsInputs {
  readonly site: SiteConfig;
  readonly ctx: VariantContext;
  readonly topics: readonly TopicView[];
  /** How many articles each topic has. */
  readonly counts: readonly number[];
  readonly pageNumber: number;
  readonly pageCount: number;
}

export function buildTopicsPage({ site, ctx, topics, counts, pageNumber: n, pageCount }: TopicsInputs): TopicsPage {
  return {
    ...pageBase(site, ctx, "topics", inner.topics(n), pagedTitle(ctx, ctx.ui.topics, n), ctx.ui.topicsDescription, [...newsCrumbs(ctx), { text: ctx.ui.topics, url: "" }]),
    kind: "topics",
    topics: topics.map((topic, i) => ({ topic, count: counts[i], countText: ctx.ui.articleCount.replace("{n}", String(counts[i])) })),
    ...paging(n, pageCount, (number) => variantUrl(ctx.path, inner.topics(number))),
  };
}

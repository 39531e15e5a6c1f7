// One page of the page of every topic: the site's order (topics.json's, then by how many articles), with counts.
import type { SiteConfig } from "../../site/site-config.ts";
import { inner, variantUrl } from "../../site/urls.ts";
import { TOPICS_PAGE_SIZE } from "../../content/topics.ts";
import type { BuildContext } from "../build-context.ts";
import { listPageLinks, newsCrumbs, pageBase, pagedTitle, paging } from "../page-base.ts";
import { inEachVariant, ofVariant, pagedPaths, pageKind, pagesOf } from "../page-kind.ts";
import { topicsOfSources, topicViews } from "./topic.ts";
import type { PageLink, TopicsPage, TopicView, VariantContext } from "../types.ts";

export interface TopicsInputs {
  readonly site: SiteConfig;
  readonly ctx: VariantContext;
  readonly topics: readonly TopicView[];
  /** How many articles each topic has. */
  readonly counts: readonly number[];
  readonly pageNumber: number;
  /** Every page of the topic index (listPageLinks). */
  readonly links: readonly PageLink[];
}

export function buildTopicsPage({ site, ctx, topics, counts, pageNumber: n, links }: TopicsInputs): TopicsPage {
  return pageBase(site, ctx, inner.topics(n), pagedTitle(ctx, ctx.ui.topics, n), ctx.ui.topicsDescription, [...newsCrumbs(ctx), { text: ctx.ui.topics, url: "" }], {
    kind: "topics",
    topics: topics.map((topic, i) => ({ topic, count: counts[i], countText: ctx.ui.articleCount.replace("{n}", String(counts[i])) })),
    ...paging(n, links),
  });
}

export const topicsKind = pageKind<TopicsPage, "topicIndexes", true>({
  kind: "topics",
  list: "topicIndexes",
  planned: true,
  template: "topics.njk",
  build: (b: BuildContext) =>
    b.variants.flatMap((ctx) => {
      const counts = b.index.topics.map((t) => t.articles.length);
      const pages = pagesOf(topicViews(b, ctx), TOPICS_PAGE_SIZE);
      const links = listPageLinks(b.memo, `topics\0${ctx.lang}`, pages.length, (n) => variantUrl(ctx.path, inner.topics(n)));
      return pages.map((page, p) => {
        const inputs = { site: b.site, ctx, topics: page, counts: counts.slice(p * TOPICS_PAGE_SIZE, (p + 1) * TOPICS_PAGE_SIZE), pageNumber: p + 1, links };
        return b.memo.make(`topics\0${ctx.lang}\0${p + 1}`, inputs, buildTopicsPage);
      });
    }),
  urls: inEachVariant((sources) => pagedPaths(topicsOfSources(sources).length, TOPICS_PAGE_SIZE, inner.topics)),
  inLinkCheck: true,
  sitemap: { pages: ofVariant, lastmod: () => undefined },
});

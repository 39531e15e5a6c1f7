// One page of a topic's articles (every section's articles with its tag), newest first.
import type { SiteConfig } from "../../site/site-config.ts";
import { inner, variantUrl } from "../../site/urls.ts";
import { topicsOf } from "../../content/topics.ts";
import type { BuildContext } from "../build-context.ts";
import { listPageLinks, newsCrumbs, pageBase, pagedTitle, paging } from "../page-base.ts";
import { inEachVariant, ofVariant, pagedPaths, pageKind, pagesOf, type UrlSources } from "../page-kind.ts";
import type { Link, PageLink, Teaser, TopicPage, TopicView, VariantContext } from "../types.ts";

export interface TopicInputs {
  readonly site: SiteConfig;
  readonly ctx: VariantContext;
  readonly topic: TopicView;
  readonly slug: string;
  readonly items: readonly Teaser[];
  readonly moreTopics: readonly TopicView[];
  readonly pageNumber: number;
  /** Every page of the topic (listPageLinks). */
  readonly links: readonly PageLink[];
}

export function buildTopicPage({ site, ctx, topic, slug, items, moreTopics, pageNumber: n, links }: TopicInputs): TopicPage {
  const description = topic.description || ctx.ui.topicDescription.replace("{name}", topic.name);
  const crumbs = [...newsCrumbs(ctx), { text: ctx.ui.topics, url: ctx.topics }, { text: topic.name, url: "" }];
  return pageBase(site, ctx, inner.topic(slug, n), pagedTitle(ctx, `${topic.name} · ${ctx.ui.topics}`, n), description, crumbs, {
    kind: "topic",
    topic,
    items,
    moreTopics,
    ...paging(n, links),
  });
}

export interface TopicViewInputs {
  readonly ctx: VariantContext;
  readonly key: string;
  readonly slug: string;
  /** In this script: topics.json's name, or the tag as its first article writes it, converted. */
  readonly name: string;
  readonly description: string;
  readonly feed: boolean;
}

/** A topic as every page that shows it in one script shows it. */
export function topicView({ ctx, key, slug, name, description, feed }: TopicViewInputs): TopicView {
  return { key, name, description, url: variantUrl(ctx.path, inner.topic(slug)), feed };
}

/** An article's tags as links to their topics (in the article's order, one link a topic). */
export function tagLinks({ ctx, tags, slugs }: { readonly ctx: VariantContext; readonly tags: readonly string[]; readonly slugs: readonly string[] }): readonly Link[] {
  const seen = new Set<string>();
  const links: Link[] = [];
  tags.forEach((text, i) => {
    // A tag with no topic (nothing but invisible characters) stays out; so does a second spelling of one.
    if (!slugs[i] || seen.has(slugs[i])) return;
    seen.add(slugs[i]);
    links.push({ text, url: variantUrl(ctx.path, inner.topic(slugs[i])) });
  });
  return links;
}

/** Topics shown together (beside a topic's list): the same array while they are the same. */
export function topicList({ items }: { readonly items: readonly TopicView[] }): readonly TopicView[] {
  return items;
}

/** How many topics a topic's page shows beside its list. */
const MORE_TOPICS = 12;

/** Every topic in one script, in the site's order: named by topics.json, or by a tag as written (converted like the article's other texts). */
export function topicViews({ memo, texts, index }: BuildContext, ctx: VariantContext): readonly TopicView[] {
  const siteTexts = texts.site.get(ctx.lang)!;
  return index.topics.map((t) => {
    const own = siteTexts.topics.get(t.key);
    const name = own?.name ?? texts.article(t.namedBy.article, ctx.lang).tags[t.namedBy.tag];
    const inputs = { ctx, key: t.key, slug: t.slug, name, description: own?.description ?? "", feed: t.entry !== undefined };
    return memo.make(`topic-view\0${ctx.lang}\0${t.key}`, inputs, topicView);
  });
}

export const topicsOfSources = (sources: UrlSources) => topicsOf(sources.site.topics, sources.articles);

export const topicKind = pageKind<TopicPage, "topics", true>({
  kind: "topic",
  list: "topics",
  planned: true,
  template: "topic.njk",
  build: (b: BuildContext) =>
    b.variants.flatMap((ctx) => {
      const views = topicViews(b, ctx);
      const moreTopics = b.memo.make(`more-topics\0${ctx.lang}`, { items: views.slice(0, MORE_TOPICS) }, topicList);
      return b.index.topics.flatMap((t, i) => {
        const pages = pagesOf(t.articles, b.site.pageSize);
        const links = listPageLinks(b.memo, `topic\0${ctx.lang}\0${t.key}`, pages.length, (n) => variantUrl(ctx.path, inner.topic(t.slug, n)));
        return pages.map((page, p) => {
          const inputs = { site: b.site, ctx, topic: views[i], slug: t.slug, items: page.map((a) => b.listed(ctx, a)), moreTopics, pageNumber: p + 1, links };
          return b.memo.make(`topic\0${ctx.lang}\0${t.key}\0${p + 1}`, inputs, buildTopicPage);
        });
      });
    }),
  urls: inEachVariant((sources) => topicsOfSources(sources).flatMap((t) => pagedPaths(t.articles.length, sources.site.pageSize, (n) => inner.topic(t.slug, n)))),
  inLinkCheck: true,
  sitemap: { pages: ofVariant, lastmod: (page, newest) => newest(page.items) },
});

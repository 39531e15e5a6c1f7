// One page of a topic's articles (every section's articles with its tag), newest first.
import type { SiteConfig } from "../../site/site-config.ts";
import { inner, variantUrl } from "../../site/urls.ts";
import { newsCrumbs, pageBase, pagedTitle, paging } from "../page-base.ts";
import type { Link, Teaser, TopicPage, TopicView, VariantContext } from "../types.ts";

export interface TopicInputs {
  readonly site: SiteConfig;
  readonly ctx: VariantContext;
  readonly topic: TopicView;
  readonly slug: string;
  readonly items: readonly Teaser[];
  readonly moreTopics: readonly TopicView[];
  readonly pageNumber: number;
  readonly pageCount: number;
}

export function buildTopicPage({ site, ctx, topic, slug, items, moreTopics, pageNumber: n, pageCount }: TopicInputs): TopicPage {
  const description = topic.description || ctx.ui.topicDescription.replace("{name}", topic.name);
  const crumbs = [...newsCrumbs(ctx), { text: ctx.ui.topics, url: ctx.topics }, { text: topic.name, url: "" }];
  return {
    ...pageBase(site, ctx, "topic", inner.topic(slug, n), pagedTitle(ctx, `${topic.name} · ${ctx.ui.topics}`, n), description, crumbs),
    kind: "topic",
    topic,
    items,
    moreTopics,
    ...paging(n, pageCount, (number) => variantUrl(ctx.path, inner.topic(slug, number))),
  };
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

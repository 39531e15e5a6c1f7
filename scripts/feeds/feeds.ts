// Atom and JSON Feed channels: one for the news hub, one for each section and one for each
// topic topics.json names, in every script variant. Entries carry the full body in the
// channel's script, every URL absolute. The model has already converted every text: nothing
// here converts.
//
// Topics that only a tag names get no feed: a site may have thousands of tags, and each feed
// holds the full text of 50 articles, most of them in the hub's and their section's feeds already.
import { topicsOf } from "../content/topics.ts";
import type { ArticlePage, PageBase, SectionView, SiteModel, TopicView, VariantContext } from "../model/types.ts";
import { absoluteOnSite, FAVICON, logoUrl } from "../structured-data/publisher.ts";
import { inner } from "../site/urls.ts";
import { absolutizeHtml } from "./absolute-urls.ts";
import { escapeHtml, xmlSafe } from "./xml-text.ts";

/** A feed holds the newest this many articles. */
export const FEED_LIMIT = 50;

export const ATOM_TYPE = "application/atom+xml";
export const JSON_FEED_TYPE = "application/feed+json";
export const JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1";

/** Where the feeds of a page (news hub or section list, site-relative URL ending in /) are. */
export function feedPaths(pageUrl: string): { atom: string; json: string } {
  return inner.feeds(pageUrl);
}

export function feedTitle(ctx: VariantContext, section?: SectionView): string {
  return `${section ? section.name : ctx.ui.news} - ${ctx.siteName}`;
}

/** A topic's feed is named as its page is: 算力 · 話題. */
export function topicFeedTitle(ctx: VariantContext, topic: TopicView): string {
  return `${topic.name} · ${ctx.ui.topics} - ${ctx.siteName}`;
}

export interface FeedLink {
  type: string;
  href: string;
  title: string;
}

/** Autodiscovery links for a page: its topic's or its section's feeds first (topics, lists, archives, articles), then the news hub's. */
export function feedLinks(page: Pick<PageBase, "ctx"> & { section?: SectionView; topic?: TopicView }): FeedLink[] {
  const ctx = page.ctx;
  const links: FeedLink[] = [];
  const add = (pageUrl: string, title: string) => {
    const paths = feedPaths(pageUrl);
    links.push({ type: ATOM_TYPE, href: paths.atom, title }, { type: JSON_FEED_TYPE, href: paths.json, title });
  };
  if (page.topic?.feed) add(page.topic.url, topicFeedTitle(ctx, page.topic));
  if (page.section) add(page.section.url, feedTitle(ctx, page.section));
  add(ctx.newsHub, feedTitle(ctx));
  return links;
}

export interface FeedEntry {
  /** tag: URI, one per article and script: the zh-hans and zh-hant entries differ. */
  id: string;
  url: string;
  title: string;
  summary: string;
  /** The body, with the source outlet (reprints) on top; every URL absolute. */
  contentHtml: string;
  published: string;
  updated: string;
  author: string;
  image?: string;
  tags: string[];
  section: SectionView;
  /** Absolute URL of the section's list. */
  sectionUrl: string;
  source?: string;
}

export interface FeedChannel {
  kind: "hub" | "section" | "topic";
  lang: string;
  title: string;
  description: string;
  siteName: string;
  /** Absolute URL of the page the feed follows. */
  pageUrl: string;
  homeUrl: string;
  atomPath: string;
  jsonPath: string;
  atomUrl: string;
  jsonUrl: string;
  /** Atom feed id: the feed's own URL. */
  id: string;
  /** Newest entry update, or the epoch for an empty feed: never the build time. */
  updated: string;
  iconUrl: string;
  logoUrl: string;
  section?: SectionView;
  topic?: TopicView;
  entries: FeedEntry[];
}

/** tag:news.example.org,2024-10:zh-hans/news/media-focus/2024/10/slug (RFC 4151). */
export function entryId(siteUrl: string, article: Pick<ArticlePage, "url" | "date">): string {
  const host = new URL(siteUrl).hostname;
  return `tag:${host},${article.date.toFormat("yyyy-MM")}:${article.url.replace(/^\/+|\/+$/g, "")}`;
}

const EMPTY_FEED_UPDATED = "1970-01-01T00:00:00Z";

const entryCache = new WeakMap<ArticlePage, FeedEntry>();

function entry(model: SiteModel, a: ArticlePage): FeedEntry {
  const hit = entryCache.get(a);
  if (hit) return hit;
  const site = model.site;
  const attribution = a.source ? `<p class="source">${escapeHtml(a.ctx.ui.source)}：${escapeHtml(a.source)}</p>\n` : "";
  const e: FeedEntry = {
    id: entryId(site.url, a),
    url: a.canonical,
    title: xmlSafe(a.headline),
    summary: xmlSafe(a.description),
    contentHtml: xmlSafe(attribution + absolutizeHtml(a.html, a.canonical)),
    published: a.dateIso,
    updated: a.updatedIso,
    author: xmlSafe(a.editor),
    image: a.cover ? absoluteOnSite(site, a.cover.url) : a.images[0],
    tags: a.tags.map(xmlSafe),
    section: a.section,
    sectionUrl: absoluteOnSite(site, a.section.url),
    source: a.source === undefined ? undefined : xmlSafe(a.source),
  };
  entryCache.set(a, e);
  return e;
}

const lastChange = (a: ArticlePage): number => (a.updated ?? a.date).toMillis();

const channelCache = new WeakMap<SiteModel, FeedChannel[]>();

/** Every feed of the site: per variant, the news hub's, each section's, and each named topic's. */
export function feedChannels(model: SiteModel): FeedChannel[] {
  const hit = channelCache.get(model);
  if (hit) return hit;
  const site = model.site;
  const channels: FeedChannel[] = [];
  const topics = new Map(topicsOf(site.topics, model.sources).map((t) => [t.key, t]));
  for (const ctx of model.variants) {
    // Newest first, as the model's sources are.
    const byPath = new Map(model.articles.filter((a) => a.ctx.lang === ctx.lang).map((a) => [a.id, a]));
    const ordered = model.sources.map((s) => byPath.get(s.path)).filter((a): a is ArticlePage => a !== undefined);
    const channel = (kind: FeedChannel["kind"], pageUrl: string, articles: ArticlePage[], section?: SectionView, topic?: TopicView): FeedChannel => {
      const newest = articles.slice(0, FEED_LIMIT);
      const paths = feedPaths(pageUrl);
      const latest = newest.reduce<ArticlePage | undefined>((m, a) => (!m || lastChange(a) > lastChange(m) ? a : m), undefined);
      return {
        kind,
        lang: ctx.lang,
        title: xmlSafe(topic ? topicFeedTitle(ctx, topic) : feedTitle(ctx, section)),
        description: xmlSafe(topic ? topic.description || topic.name : section ? section.description || section.name : ctx.tagline || ctx.ui.news),
        siteName: xmlSafe(ctx.siteName),
        pageUrl: absoluteOnSite(site, pageUrl),
        homeUrl: absoluteOnSite(site, ctx.home),
        atomPath: paths.atom,
        jsonPath: paths.json,
        atomUrl: absoluteOnSite(site, paths.atom),
        jsonUrl: absoluteOnSite(site, paths.json),
        id: absoluteOnSite(site, paths.atom),
        updated: latest ? latest.updatedIso : EMPTY_FEED_UPDATED,
        iconUrl: absoluteOnSite(site, FAVICON),
        logoUrl: logoUrl(site),
        section,
        topic,
        entries: newest.map((a) => entry(model, a)),
      };
    };
    channels.push(channel("hub", ctx.newsHub, ordered));
    for (const section of ctx.sections) {
      channels.push(channel("section", section.url, ordered.filter((a) => a.section.id === section.id), section));
    }
    for (const page of model.topics) {
      if (page.ctx !== ctx || page.pageNumber !== 1 || !page.topic.feed) continue;
      // The topic's articles, newest first as the sources are.
      const articles = topics.get(page.topic.key)!.articles.map((a) => byPath.get(a.path)!);
      channels.push(channel("topic", page.topic.url, articles, undefined, page.topic));
    }
  }
  channelCache.set(model, channels);
  return channels;
}

/** A channel as a JSON Feed 1.1 document (https://jsonfeed.org/version/1.1). */
export function jsonFeed(channel: FeedChannel): Record<string, unknown> {
  return {
    version: JSON_FEED_VERSION,
    title: channel.title,
    home_page_url: channel.pageUrl,
    feed_url: channel.jsonUrl,
    description: channel.description,
    icon: channel.logoUrl,
    favicon: channel.iconUrl,
    language: channel.lang,
    authors: [{ name: channel.siteName, url: channel.homeUrl }],
    items: channel.entries.map((e) => ({
      id: e.id,
      url: e.url,
      title: e.title,
      content_html: e.contentHtml,
      ...(e.summary ? { summary: e.summary } : {}),
      ...(e.image ? { image: e.image } : {}),
      date_published: e.published,
      date_modified: e.updated,
      authors: [{ name: e.author }],
      ...(e.tags.length ? { tags: e.tags } : {}),
      language: channel.lang,
    })),
  };
}

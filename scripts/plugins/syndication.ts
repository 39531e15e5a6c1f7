// Eleventy plugin: feeds, sitemaps, robots.txt and structured data. The templates in
// content/_generate/ (feed-*, sitemap-*, robots) and the head partials (head-feeds,
// head-social) lay out what these filters compute from the site model (global data `news`).
import type { DateTime } from "luxon";
import { feedChannels, feedLinks, jsonFeed, type FeedChannel } from "../feeds/feeds.ts";
import { buildNow, newsSitemaps } from "../sitemaps/news-sitemap.ts";
import { robotsTxt, sitemapIndex, variantSitemaps } from "../sitemaps/sitemaps.ts";
import { articleJsonLd, socialMeta } from "../structured-data/social.ts";
import type { ArticlePage, PageBase, SiteModel } from "../model/types.ts";
import type { EleventyConfig } from "./eleventy-config.ts";
import type { BuildSession } from "../build/build.ts";

export interface Options {
  /** The builds this Eleventy works for (scripts/build/build.ts). */
  session: BuildSession;
}

export default function syndication(eleventyConfig: EleventyConfig, options: Options): void {
  // The model as built, not as templates pass it: Eleventy wraps template data in proxies,
  // and walking a proxied model once a page cost ~0.4 ms a page (8 s at 20,000 pages).
  let built: SiteModel | null = null;
  options.session.eachBuild((build) => build.onModel((model) => (built = model)));
  const direct = (model: SiteModel): SiteModel => built ?? model;

  // One "now" for the whole build, so sitemap.xml and the news sitemaps agree.
  let now: DateTime | null = null;
  eleventyConfig.on("eleventy.before", () => {
    now = null;
  });
  const buildTime = (model: SiteModel): DateTime => (now ??= buildNow(model.site.timeZone));

  // Pagination sources (`pagination.before` in the templates' front matter).
  eleventyConfig.addFilter("feedChannels", (model: SiteModel) => feedChannels(model));
  eleventyConfig.addFilter("variantSitemaps", (model: SiteModel) => variantSitemaps(model));
  eleventyConfig.addFilter("newsSitemaps", (model: SiteModel) => newsSitemaps(model, buildTime(model)));

  eleventyConfig.addFilter("jsonFeed", (channel: FeedChannel) => JSON.stringify(jsonFeed(channel)));
  eleventyConfig.addFilter("sitemapIndex", (model: SiteModel) => sitemapIndex(model, newsSitemaps(model, buildTime(model))));
  eleventyConfig.addFilter("robotsTxt", (model: SiteModel) => robotsTxt(model));
  eleventyConfig.addFilter("feedLinks", (page: PageBase) => feedLinks(page));
  eleventyConfig.addFilter("socialMeta", (page: PageBase, model: SiteModel) => socialMeta(page, direct(model)));
  eleventyConfig.addFilter("articleJsonLd", (page: ArticlePage, model: SiteModel) => articleJsonLd(page, direct(model)));
}

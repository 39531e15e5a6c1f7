// The whole site as data: every page of every script variant, with its text already in
// that script. Layouts only lay this out; they decide nothing.
//
// Made in steps, each from what the one before made: the texts of every source in every
// script (texts.ts, the only conversion), what is the same in every script (indexes.ts),
// each script's context (variants.ts), then every page by its kind's builder (pages/).
// Builders are pure functions of one inputs object; the memo (memo.ts) hands back the last
// build's object for a page made from the same inputs, so a dev-server edit makes only the
// pages it changes.
import { loadAllArticles } from "../content/articles.ts";
import type { Problems } from "../content/problems.ts";
import type { Blocklist } from "../content/spam-guard.ts";
import { checkDuplicateTitles, checkLinks, checkUrlClaims } from "../content/link-check.ts";
import { checkTopics } from "../content/topics.ts";
import type { Converters } from "../convert/converters.ts";
import { securityPolicy } from "../security/policy.ts";
import { loadPages } from "../site/pages.ts";
import type { SiteConfig } from "../site/site-config.ts";
import { loadViewCounts } from "../views/view-counts.ts";
import { buildContext, type SiteSources } from "./build-context.ts";
import { buildIndexes, byDateDesc } from "./indexes.ts";
import { Memo, type ModelMemory } from "./memo.ts";
import { BUILT_IN_UI, PAGE_KINDS, type ModelPages } from "./page-kinds.ts";
import { convertTexts } from "./texts.ts";
import type { SiteModel } from "./types.ts";
import { variantContext } from "./variants.ts";

export { conversionRequests } from "./texts.ts";
export type { ModelMemory } from "./memo.ts";
export type { SiteSources } from "./build-context.ts";

export interface ModelOptions {
  includeDrafts: boolean;
  blocklist: Blocklist;
}

export function loadSources(site: SiteConfig, problems: Problems, options: ModelOptions): SiteSources {
  // Drafts are read and checked by every caller alike; only the dev server (includeDrafts) shows them.
  const { articles: read, drafts } = loadAllArticles(site, problems, options);
  const articles = read.sort(byDateDesc);
  const pages = loadPages(site, problems, options.blocklist);
  checkLinks(site, articles, pages, problems, drafts);
  checkUrlClaims(site, articles, pages, problems);
  checkDuplicateTitles(articles, problems);
  checkTopics(site.topics, articles, problems);
  return { articles, pages, views: loadViewCounts(site.root, problems) };
}

/** A built model, and what the next build of it may take over (pass it as `previous`). */
export interface BuiltModel {
  readonly model: SiteModel;
  readonly memory: ModelMemory;
}

/**
 * Builds every page. `previous`: the last build's memory (the dev server), or null. A page
 * made from the same inputs as in that build is that build's object.
 */
export function buildModel(siteRead: SiteConfig, converters: Converters, sources: SiteSources, previous: ModelMemory | null): BuiltModel {
  // Unchanged site data is the last build's object, as an unchanged file is the last build's
  // source (articles.ts): every page depends on it, and is then compared by its other inputs.
  const siteKey = JSON.stringify(siteRead);
  const site = previous?.siteKey === siteKey ? (previous.site as SiteConfig) : siteRead;
  const memo = new Memo(previous);
  const texts = convertTexts(memo, site, converters, sources, BUILT_IN_UI);
  const index = buildIndexes(memo, site, sources.articles, sources.views);
  const variants = site.variants.map((v) => memo.make(`variant\0${v.lang}`, { site, variant: v, texts: texts.site.get(v.lang)! }, variantContext));
  const defaultCtx = variants.find((c) => c.lang === site.defaultLang) ?? variants[0];
  const b = buildContext({ site, memo, texts, index, sources, variants, defaultCtx });
  // Each kind builds its own pages, under its list name.
  const pages = Object.fromEntries(PAGE_KINDS.map((kind) => [kind.list, kind.build(b)])) as unknown as ModelPages;

  const copies = new Map<string, string>();
  // By public path: one file may be published at several (two articles of one folder), and identical photos share one encoding.
  for (const s of [...sources.articles, ...sources.pages]) {
    for (const c of s.copies.values()) {
      if (c.published) copies.set(c.url, c.published);
      // A photo's other sizes and formats (media/variants.ts).
      for (const v of c.variants ?? []) if (v.published) copies.set(v.url, v.published);
    }
  }

  const model: SiteModel = { site, variants, ...pages, copies, sources: sources.articles, security: securityPolicy(site) };
  return { model, memory: memo.done(siteKey, site) };
}

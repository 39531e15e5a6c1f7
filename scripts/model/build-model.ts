// The whole site as data: every page of every script variant, with its text already in
// that script. Layouts only lay this out; they decide nothing.
//
// Made in steps, each from what the one before made: the texts of every source in every
// script (texts.ts, the only conversion), what is the same in every script (indexes.ts),
// each script's context (variants.ts), then every page by its kind's builder (pages/).
// Builders are pure functions of one inputs object; the memo (memo.ts) hands back the last
// build's object for a page made from the same inputs, so a dev-server edit makes only the
// pages it changes.
import { loadAllArticles, type ArticleSource } from "../content/articles.ts";
import type { Problems } from "../content/problems.ts";
import type { Blocklist } from "../content/spam-guard.ts";
import { checkDuplicateTitles, checkLinks } from "../content/link-check.ts";
import type { Converters } from "../convert/converters.ts";
import { securityPolicy } from "../security/policy.ts";
import { loadPages, type PageSource } from "../site/pages.ts";
import type { SiteConfig } from "../site/site-config.ts";
import { loadViewCounts, type ViewCounts } from "../views/view-counts.ts";
import { buildIndexes, byDateDesc } from "./indexes.ts";
import { Memo, type ModelMemory } from "./memo.ts";
import { articleLink, buildArticlePage } from "./pages/article.ts";
import { buildHomePage } from "./pages/home.ts";
import { buildHubPage } from "./pages/hub.ts";
import { buildListPage } from "./pages/list.ts";
import { buildNotFoundPage, buildRootNotFoundPage } from "./pages/not-found.ts";
import { buildStaticPage } from "./pages/page.ts";
import { buildRootPage } from "./pages/root.ts";
import { buildSearchPage } from "./pages/search.ts";
import { buildTeaser, teaserList } from "./teasers.ts";
import { convertTexts } from "./texts.ts";
import type { ArticlePage, HomePage, HubPage, Link, ListPage, NotFoundPage, SearchPage, SiteModel, StaticPage, Teaser } from "./types.ts";
import { variantContext } from "./variants.ts";

export { conversionRequests } from "./texts.ts";
export type { ModelMemory } from "./memo.ts";

export interface ModelOptions {
  includeDrafts: boolean;
  blocklist: Blocklist;
}

/** Articles and pages read from disk: what the model is built from. */
export interface SiteSources {
  articles: ArticleSource[];
  pages: PageSource[];
  /** Imported view counts (npm run views), over the front matter's. */
  views: ViewCounts;
}

export function loadSources(site: SiteConfig, problems: Problems, options: ModelOptions): SiteSources {
  // Drafts are read and checked by every caller alike; only the dev server (includeDrafts) shows them.
  const { articles: read, drafts } = loadAllArticles(site, problems, options);
  const articles = read.sort(byDateDesc);
  const pages = loadPages(site, problems, options.blocklist);
  checkLinks(site, articles, pages, problems, drafts);
  checkDuplicateTitles(articles, problems);
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
  const texts = convertTexts(memo, site, converters, sources);
  const index = buildIndexes(memo, site, sources.articles, sources.views);
  const variants = site.variants.map((v) => memo.make(`variant\0${v.lang}`, { site, variant: v, texts: texts.site.get(v.lang)! }, variantContext));

  const articles: ArticlePage[] = [];
  const lists: ListPage[] = [];
  const hubs: HubPage[] = [];
  const homes: HomePage[] = [];
  const notFound: NotFoundPage[] = [];
  const searches: SearchPage[] = [];
  const pages: StaticPage[] = [];

  for (const ctx of variants) {
    // An article's teaser and link are asked for by several pages: the memo is asked once.
    const teasers = new Map<ArticleSource, Teaser>();
    const teaser = (a: ArticleSource): Teaser => {
      let t = teasers.get(a);
      if (!t) {
        const inputs = { ctx, source: a, texts: texts.article(a, ctx.lang), dates: index.dates.get(a)!, views: index.views.get(a)! };
        teasers.set(a, (t = memo.make(`teaser\0${ctx.lang}\0${a.path}`, inputs, buildTeaser)));
      }
      return t;
    };
    const links = new Map<ArticleSource, Link>();
    const link = (a: ArticleSource | undefined): Link | undefined => {
      if (!a) return undefined;
      let l = links.get(a);
      if (!l) links.set(a, (l = memo.make(`link\0${ctx.lang}\0${a.path}`, { variantPath: ctx.path, path: a.path, title: texts.article(a, ctx.lang).title }, articleLink)));
      return l;
    };

    for (const section of ctx.sections) {
      const list = index.sections.get(section.id)!;
      const mostRead = memo.make(`most-read\0${ctx.lang}\0${section.id}`, { items: index.mostRead.get(section.id)!.map(teaser) }, teaserList);
      for (const a of list) {
        const { older, newer } = index.neighbours.get(a)!;
        const inputs = {
          site,
          ctx,
          source: a,
          texts: texts.article(a, ctx.lang),
          dates: index.dates.get(a)!,
          views: index.views.get(a)!,
          prev: link(older),
          next: link(newer),
          related: index.related.get(a)!.map(teaser),
          mostRead,
        };
        articles.push(memo.make(`article\0${ctx.lang}\0${a.path}`, inputs, buildArticlePage));
      }
      const pageCount = Math.max(1, Math.ceil(list.length / site.pageSize));
      for (let n = 1; n <= pageCount; n++) {
        const items = list.slice((n - 1) * site.pageSize, n * site.pageSize).map(teaser);
        lists.push(memo.make(`list\0${ctx.lang}\0${section.id}\0${n}`, { site, ctx, section, items, mostRead, pageNumber: n, pageCount }, buildListPage));
      }
    }

    const blocks = () => ctx.sections.map((s) => index.sections.get(s.id)!.slice(0, site.hubCount).map(teaser));
    hubs.push(memo.make(`hub\0${ctx.lang}`, { site, ctx, blocks: blocks() }, buildHubPage));
    const latest = sources.articles.slice(0, site.homeCount).map(teaser);
    homes.push(memo.make(`home\0${ctx.lang}`, { site, ctx, latest, blocks: blocks() }, buildHomePage));
    notFound.push(memo.make(`404\0${ctx.lang}`, { site, ctx }, buildNotFoundPage));
    searches.push(memo.make(`search\0${ctx.lang}`, { site, ctx }, buildSearchPage));
    for (const p of sources.pages) pages.push(memo.make(`page\0${ctx.lang}\0${p.path}`, { site, ctx, source: p, texts: texts.page(p, ctx.lang) }, buildStaticPage));
  }

  const defaultCtx = variants.find((c) => c.lang === site.defaultLang) ?? variants[0];
  // Hosts look for /404.html at the root: the default script's page, linking to both.
  const rootNotFound = memo.make("404", { page: notFound.find((p) => p.ctx === defaultCtx)! }, buildRootNotFoundPage);
  notFound.push(rootNotFound);

  const copies = new Map<string, string>();
  // By public path: one file may be published at several (two articles of one folder), and identical photos share one encoding.
  for (const s of [...sources.articles, ...sources.pages]) for (const c of s.copies.values()) if (c.published) copies.set(c.url, c.published);

  const model: SiteModel = {
    site,
    variants,
    articles,
    lists,
    hubs,
    homes,
    notFound,
    searches,
    pages,
    root: memo.make("root", { site, defaultCtx }, buildRootPage),
    rootNotFound,
    copies,
    sources: sources.articles,
    security: securityPolicy(site),
  };
  return { model, memory: memo.done(siteKey, site) };
}

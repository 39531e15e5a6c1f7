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
import type { ArchiveMonth } from "../content/archive-months.ts";
import { topicKey } from "../content/topic-key.ts";
import { checkTopics, TOPICS_PAGE_SIZE } from "../content/topics.ts";
import type { Converters } from "../convert/converters.ts";
import { securityPolicy } from "../security/policy.ts";
import { loadPages, type PageSource } from "../site/pages.ts";
import type { SiteConfig } from "../site/site-config.ts";
import { loadViewCounts, type ViewCounts } from "../views/view-counts.ts";
import { buildIndexes, byDateDesc } from "./indexes.ts";
import { Memo, type ModelMemory } from "./memo.ts";
import { listPageCount } from "./page-kinds.ts";
import { buildArchivePage } from "./pages/archive.ts";
import { archiveMonthLink, buildArchiveMonthPage } from "./pages/archive-month.ts";
import { articleLink, buildArticlePage } from "./pages/article.ts";
import { buildHomePage } from "./pages/home.ts";
import { buildHubPage } from "./pages/hub.ts";
import { buildListPage } from "./pages/list.ts";
import { buildNotFoundPage, buildRootNotFoundPage } from "./pages/not-found.ts";
import { buildStaticPage } from "./pages/page.ts";
import { buildRootPage } from "./pages/root.ts";
import { buildSearchPage } from "./pages/search.ts";
import { buildTopicPage, tagLinks, topicList, topicView } from "./pages/topic.ts";
import { buildTopicsPage } from "./pages/topics.ts";
import { buildListedTeaser, buildTeaser, teaserList } from "./teasers.ts";
import { convertTexts } from "./texts.ts";
import type {
  ArchiveMonthPage,
  ArchivePage,
  ArticlePage,
  HomePage,
  HubPage,
  Link,
  ListPage,
  NotFoundPage,
  SearchPage,
  SiteModel,
  StaticPage,
  Teaser,
  TopicPage,
  TopicsPage,
} from "./types.ts";
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
  checkTopics(site.topics, articles, problems);
  return { articles, pages, views: loadViewCounts(site.root, problems) };
}

/** How many topics a topic's page shows beside its list. */
const MORE_TOPICS = 12;

/** A list cut into pages of `size`: one page, empty, for an empty list. */
function pagesOf<T>(list: readonly T[], size: number): T[][] {
  return Array.from({ length: listPageCount(list.length, size) }, (_, i) => list.slice(i * size, (i + 1) * size));
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
  const archives: ArchivePage[] = [];
  const archiveMonths: ArchiveMonthPage[] = [];
  const topicIndexes: TopicsPage[] = [];
  const topics: TopicPage[] = [];
  // Each article's tags as topic slugs, the same in every script.
  const slugOfKey = new Map(index.topics.map((t) => [t.key, t.slug]));
  const tagSlugs = new Map(sources.articles.map((a) => [a, a.tags.map((tag) => slugOfKey.get(topicKey(tag)) ?? "")]));

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
    // With its cover: for the lists that show thumbnails.
    const listed = (a: ArticleSource): Teaser => memo.make(`listed\0${ctx.lang}\0${a.path}`, { teaser: teaser(a), cover: a.cover }, buildListedTeaser);
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
          topics: memo.make(`tags\0${ctx.lang}\0${a.path}`, { ctx, tags: texts.article(a, ctx.lang).tags, slugs: tagSlugs.get(a)! }, tagLinks),
        };
        articles.push(memo.make(`article\0${ctx.lang}\0${a.path}`, inputs, buildArticlePage));
      }
      pagesOf(list, site.pageSize).forEach((page, i, all) => {
        const inputs = { site, ctx, section, items: page.map(listed), mostRead, pageNumber: i + 1, pageCount: all.length };
        lists.push(memo.make(`list\0${ctx.lang}\0${section.id}\0${i + 1}`, inputs, buildListPage));
      });

      // The section's archive: its months, and a list of each month's articles.
      const months = index.months.get(section.id) ?? [];
      const ym = (m: ArchiveMonth) => `${m.year}/${m.month}`;
      const monthLink = (m: ArchiveMonth | undefined) =>
        m && memo.make(`month-link\0${ctx.lang}\0${section.id}\0${ym(m)}`, { ctx, section: section.id, year: m.year, month: m.month }, archiveMonthLink);
      months.forEach((m, i) => {
        const [older, newer] = [monthLink(months[i + 1]), monthLink(months[i - 1])];
        pagesOf(m.articles, site.pageSize).forEach((page, p, all) => {
          const inputs = { site, ctx, section, year: m.year, month: m.month, items: page.map(listed), mostRead, pageNumber: p + 1, pageCount: all.length, older, newer };
          archiveMonths.push(memo.make(`archive-month\0${ctx.lang}\0${section.id}\0${ym(m)}\0${p + 1}`, inputs, buildArchiveMonthPage));
        });
      });
      const archiveInputs = { site, ctx, section, months: months.map(ym), counts: months.map((m) => m.articles.length), mostRead };
      archives.push(memo.make(`archive\0${ctx.lang}\0${section.id}`, archiveInputs, buildArchivePage));
    }

    // Topics: named by topics.json, or by a tag as written (converted like the article's other texts).
    const siteTexts = texts.site.get(ctx.lang)!;
    const views = index.topics.map((t) => {
      const own = siteTexts.topics.get(t.key);
      const name = own?.name ?? texts.article(t.namedBy.article, ctx.lang).tags[t.namedBy.tag];
      const inputs = { ctx, key: t.key, slug: t.slug, name, description: own?.description ?? "", feed: t.entry !== undefined };
      return memo.make(`topic-view\0${ctx.lang}\0${t.key}`, inputs, topicView);
    });
    const moreTopics = memo.make(`more-topics\0${ctx.lang}`, { items: views.slice(0, MORE_TOPICS) }, topicList);
    index.topics.forEach((t, i) => {
      pagesOf(t.articles, site.pageSize).forEach((page, p, all) => {
        const inputs = { site, ctx, topic: views[i], slug: t.slug, items: page.map(listed), moreTopics, pageNumber: p + 1, pageCount: all.length };
        topics.push(memo.make(`topic\0${ctx.lang}\0${t.key}\0${p + 1}`, inputs, buildTopicPage));
      });
    });
    const counts = index.topics.map((t) => t.articles.length);
    pagesOf(views, TOPICS_PAGE_SIZE).forEach((page, p, all) => {
      const inputs = { site, ctx, topics: page, counts: counts.slice(p * TOPICS_PAGE_SIZE, (p + 1) * TOPICS_PAGE_SIZE), pageNumber: p + 1, pageCount: all.length };
      topicIndexes.push(memo.make(`topics\0${ctx.lang}\0${p + 1}`, inputs, buildTopicsPage));
    });

    const blocks = () => ctx.sections.map((s) => index.sections.get(s.id)!.slice(0, site.hubCount).map(teaser));
    hubs.push(memo.make(`hub\0${ctx.lang}`, { site, ctx, blocks: blocks() }, buildHubPage));
    const latest = sources.articles.slice(0, site.homeCount).map(listed);
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
  for (const s of [...sources.articles, ...sources.pages]) {
    for (const c of s.copies.values()) {
      if (c.published) copies.set(c.url, c.published);
      // A photo's other sizes and formats (media/variants.ts).
      for (const v of c.variants ?? []) if (v.published) copies.set(v.url, v.published);
    }
  }

  const model: SiteModel = {
    site,
    variants,
    articles,
    lists,
    archives,
    archiveMonths,
    topicIndexes,
    topics,
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

// The whole site as data: every page of every script variant, with its text already in
// that script. Layouts only lay this out; they decide nothing.
import type { DateTime } from "luxon";
import { loadAllArticles, type ArticleSource } from "../content/articles.ts";
import { displayDate, displayDateTime, isoDate } from "../content/dates.ts";
import type { Problems } from "../content/problems.ts";
import type { Blocklist } from "../content/spam-guard.ts";
import { checkDuplicateTitles, checkLinks } from "../content/link-check.ts";
import { loadViewCounts, viewKey, type ViewCounts } from "../views/view-counts.ts";
import { securityPolicy, type SecurityPolicy } from "../security/policy.ts";
import type { Converters } from "../convert/converters.ts";
import type { ScriptConverter } from "../convert/script-converter.ts";
import { groupThousands, variantUrl } from "./format.ts";
import type { NavItem, SiteConfig, Variant } from "./site-config.ts";
import { loadPages, type PageSource } from "./pages.ts";
import { startBuild, type Reuse } from "./reuse.ts";

export type { Link, NavView, VariantContext, SectionView, Alternate, PageBase, Teaser, ArticlePage, ListPage, HubPage, HomePage, NotFoundPage, StaticPage, RootPage, SiteModel } from "../model/types.ts";
import type { Link, NavView, VariantContext, SectionView, Alternate, PageBase, Teaser, ArticlePage, ListPage, HubPage, HomePage, NotFoundPage, StaticPage, RootPage, SiteModel } from "../model/types.ts";

function byDateDesc(a: ArticleSource, b: ArticleSource): number {
  return b.date.toMillis() - a.date.toMillis() || a.path.localeCompare(b.path);
}

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

/** Converted texts of each article source, by script and converter version. */
const textMemo = new WeakMap<ArticleSource, Map<string, unknown>>();

/**
 * Every conversion the model will ask for, so that they can be done ahead, in parallel.
 * Articles whose texts this process has already converted (the dev server) are left out.
 */
export function conversionRequests(site: SiteConfig, sources: SiteSources, converters: Converters) {
  const converted = (a: ArticleSource, lang: string) => textMemo.get(a)?.has(`${lang}\0${converters.get(a.lang, lang, a.glossary).version}`) === true;
  return [
    ...sources.articles.flatMap((a) =>
      site.variants.filter((v) => !converted(a, v.lang)).map((v) => ({ from: a.lang, to: v.lang, glossary: a.glossary, html: a.html })),
    ),
    ...sources.pages.flatMap((p) => site.variants.map((v) => ({ from: p.lang, to: v.lang, glossary: [], html: p.html }))),
  ];
}

/** An article's dates as pages show them: formatted once a source (luxon's formatting is not cheap). */
interface Dates {
  iso: string;
  text: string;
  day: string;
  updatedIso: string;
}
const dateMemo = new WeakMap<ArticleSource, Dates>();
function datesOf(a: ArticleSource): Dates {
  let d = dateMemo.get(a);
  if (!d) {
    d = { iso: isoDate(a.date), text: a.dateHasTime ? displayDateTime(a.date) : displayDate(a.date), day: displayDate(a.date), updatedIso: isoDate(a.updated ?? a.date) };
    dateMemo.set(a, d);
  }
  return d;
}

/**
 * Builds every page. The dev server calls this on every save: a page made from the same
 * inputs as in the last build (same source objects, texts, neighbours, teasers) is last
 * build's object (reuse.ts), so an edit makes only the pages it changes.
 */
export function buildModel(site: SiteConfig, converters: Converters, sources: SiteSources): SiteModel {
  // Site data shapes every page: when it changes, nothing is reused.
  const build = startBuild(JSON.stringify(site));
  const reuse = build.reuse;
  const pageSources = sources.pages;
  const variants = reuse.take("variants", [], () => site.variants.map((v) => variantContext(site, v, converters)));
  const articleSources = sources.articles;
  const views = new Map(articleSources.map((a) => [a, sources.views[viewKey(a.path)] ?? a.views]));
  const viewsOf = (a: ArticleSource): number => views.get(a)!;
  const ctxOf = new Map(variants.map((c) => [c.lang, c]));
  const absolute = (url: string) => site.url + url;

  function alternates(inner: string, current: string): Alternate[] {
    return site.variants.map((v) => {
      const url = variantUrl(v.path, inner);
      return { lang: v.lang, label: v.label, short: v.short, url, href: absolute(url), current: v.lang === current };
    });
  }

  function base(kind: string, inner: string, ctx: VariantContext, title: string, description: string, breadcrumb: Link[]) {
    const url = variantUrl(ctx.path, inner);
    return { kind, url, inner, ctx, title, description, alternates: alternates(inner, ctx.lang), canonical: absolute(url), breadcrumb };
  }

  // Text of each article in each variant, converted once.
  interface Texts {
    title: string;
    summary: string;
    source?: string;
    editor: string;
    tags: string[];
    html: string;
    converted: boolean;
  }
  const texts = new Map<ArticleSource, Map<string, Texts>>();
  for (const a of articleSources) {
    const perVariant = new Map<string, Texts>();
    // An unchanged file gives the same source object (articles.ts), so the dev server
    // converts only what was edited.
    let memo = textMemo.get(a);
    if (!memo) textMemo.set(a, (memo = new Map()));
    for (const v of site.variants) {
      const c: ScriptConverter = converters.get(a.lang, v.lang, a.glossary);
      const memoKey = `${v.lang}\0${c.version}`;
      const known = memo.get(memoKey);
      if (known) {
        perVariant.set(v.lang, known as Texts);
        continue;
      }
      perVariant.set(v.lang, {
        title: converters.text(c, a.title),
        summary: converters.text(c, a.summary),
        source: a.source === undefined ? undefined : converters.text(c, a.source),
        editor: converters.text(c, a.editor),
        tags: a.tags.map((t) => converters.text(c, t)),
        html: converters.html(c, a.html),
        converted: a.lang !== v.lang,
      });
      memo.set(memoKey, perVariant.get(v.lang)!);
    }
    texts.set(a, perVariant);
  }

  const sectionOf = (ctx: VariantContext, id: string): SectionView => ctx.sections.find((s) => s.id === id)!;

  // One teaser an article and script, shared by every list that shows it.
  const teasers = new Map(variants.map((ctx) => [ctx, new Map<ArticleSource, Teaser>()]));
  function teaser(a: ArticleSource, ctx: VariantContext): Teaser {
    const made = teasers.get(ctx)!;
    let known = made.get(a);
    if (known) return known;
    const t = texts.get(a)!.get(ctx.lang)!;
    known = reuse.take(`teaser\0${ctx.lang}\0${a.path}`, [a, t, viewsOf(a)], () => {
      const d = datesOf(a);
      return {
        id: a.path,
        title: t.title,
        url: variantUrl(ctx.path, a.path),
        dateIso: d.iso,
        dateText: d.text,
        dayText: d.day,
        source: t.source,
        summary: t.summary,
        views: viewsOf(a),
        viewsText: groupThousands(viewsOf(a)),
        section: sectionOf(ctx, a.section),
        cover: a.cover,
      };
    });
    made.set(a, known);
    return known;
  }
  const relatedOf = relatedArticles(articleSources, site.relatedCount, reuse);

  const bySection = new Map<string, ArticleSource[]>();
  for (const s of site.sections) bySection.set(s.id, []);
  for (const a of articleSources) bySection.get(a.section)?.push(a);
  // 閱讀排行: the same articles in every script.
  const mostReadOf = new Map(
    [...bySection].map(([id, list]) => [id, [...list].sort((x, y) => viewsOf(y) - viewsOf(x) || byDateDesc(x, y)).slice(0, site.mostReadCount)]),
  );

  const articles: ArticlePage[] = [];
  const lists: ListPage[] = [];
  const hubs: HubPage[] = [];
  const homes: HomePage[] = [];
  const notFound: NotFoundPage[] = [];
  const pages: StaticPage[] = [];

  for (const ctx of variants) {
    const crumbsNews: Link[] = [
      { text: ctx.ui.home, url: ctx.home },
      { text: ctx.ui.news, url: ctx.newsHub },
    ];

    for (const section of site.sections) {
      const list = bySection.get(section.id)!;
      const sv = sectionOf(ctx, section.id);
      const mostReadItems = mostReadOf.get(section.id)!.map((a) => teaser(a, ctx));
      const mostRead = reuse.take(`mostRead\0${ctx.lang}\0${section.id}`, mostReadItems, () => mostReadItems);

      list.forEach((a, i) => {
        const t = texts.get(a)!.get(ctx.lang)!;
        // The list is newest first: 上一篇 is the older article, 下一篇 the newer one.
        const older = list[i + 1];
        const newer = list[i - 1];
        const titleOf = (x: ArticleSource | undefined) => x && texts.get(x)!.get(ctx.lang)!.title;
        const related = relatedOf.get(a)!.map((r) => teaser(r, ctx));
        const deps = [a, t, viewsOf(a), older?.path, titleOf(older), newer?.path, titleOf(newer), mostRead, ...related];
        const link = (x: ArticleSource | undefined): Link | undefined => x && { text: titleOf(x)!, url: variantUrl(ctx.path, x.path) };
        articles.push(
          reuse.take(`article\0${ctx.lang}\0${a.path}`, deps, () => {
            const d = datesOf(a);
            return {
              ...base("article", a.path, ctx, t.title, t.summary, [...crumbsNews, { text: sv.name, url: sv.url }, { text: ctx.ui.body, url: "" }]),
              kind: "article",
              id: a.path,
              sourceLang: a.lang,
              converted: t.converted,
              file: a.file,
              section: sv,
              headline: t.title,
              dateIso: d.iso,
              dateText: d.text,
              updatedIso: d.updatedIso,
              source: t.source,
              editor: t.editor,
              views: viewsOf(a),
              viewsText: groupThousands(viewsOf(a)),
              tags: t.tags,
              html: t.html,
              cover: a.cover,
              images: a.photos.map((p) => site.url + p.url),
              prev: link(older),
              next: link(newer),
              related,
              mostRead,
              date: a.date,
              updated: a.updated,
            };
          }),
        );
      });

      const pageCount = Math.max(1, Math.ceil(list.length / site.pageSize));
      const pageInner = (n: number) => (n === 1 ? `news/${section.id}/` : `news/${section.id}/page/${n}/`);
      for (let n = 1; n <= pageCount; n++) {
        const items = list.slice((n - 1) * site.pageSize, n * site.pageSize).map((a) => teaser(a, ctx));
        lists.push(
          reuse.take(`list\0${ctx.lang}\0${section.id}\0${n}`, [pageCount, mostRead, ...items], () => {
            const title = n === 1 ? sv.name : `${sv.name} · ${ctx.ui.page.replace("{n}", String(n))}`;
            return {
              ...base("list", pageInner(n), ctx, title, sv.description || sv.name, [...crumbsNews, { text: sv.name, url: "" }]),
              kind: "list",
              section: sv,
              items,
              mostRead,
              pageNumber: n,
              pageCount,
              pages: Array.from({ length: pageCount }, (_, i) => ({ number: i + 1, url: variantUrl(ctx.path, pageInner(i + 1)), current: i + 1 === n })),
              prevUrl: n > 1 ? variantUrl(ctx.path, pageInner(n - 1)) : undefined,
              nextUrl: n < pageCount ? variantUrl(ctx.path, pageInner(n + 1)) : undefined,
            };
          }),
        );
      }
    }

    const blocks = (count: number) =>
      site.sections.map((s) => ({ section: sectionOf(ctx, s.id), items: bySection.get(s.id)!.slice(0, count).map((a) => teaser(a, ctx)) }));
    // The teasers a block list shows, with each block's length (two splits of one run differ).
    const blockDeps = (b: { items: Teaser[] }[]) => b.flatMap((x) => [x.items.length, ...x.items]);
    const hubBlocks = blocks(site.hubCount);
    hubs.push(
      reuse.take(`hub\0${ctx.lang}`, blockDeps(hubBlocks), () => ({
        ...base("hub", "news/", ctx, ctx.ui.news, ctx.ui.news, [{ text: ctx.ui.home, url: ctx.home }, { text: ctx.ui.news, url: "" }]),
        kind: "hub" as const,
        blocks: hubBlocks,
      })),
    );
    const latest = articleSources.slice(0, site.homeCount).map((a) => teaser(a, ctx));
    const homeBlocks = blocks(site.hubCount);
    homes.push(
      reuse.take(`home\0${ctx.lang}`, [latest.length, ...latest, ...blockDeps(homeBlocks)], () => ({
        ...base("home", "", ctx, ctx.siteName, ctx.tagline || ctx.siteName, []),
        kind: "home" as const,
        latest,
        blocks: homeBlocks,
      })),
    );
    notFound.push(reuse.take(`404\0${ctx.lang}`, [], () => ({ ...base("404", "404.html", ctx, ctx.ui.notFoundTitle, ctx.ui.notFoundTitle, []), kind: "404" as const })));
    for (const p of pageSources) pages.push(staticPage(p, ctx));
  }

  function staticPage(p: PageSource, ctx: VariantContext): StaticPage {
    const c = converters.get(p.lang, ctx.lang);
    const title = converters.text(c, p.title);
    return {
      ...base("page", p.path, ctx, title, converters.text(c, p.summary), [{ text: ctx.ui.home, url: ctx.home }, { text: title, url: "" }]),
      kind: "page",
      html: converters.html(c, p.html),
    };
  }

  const defaultCtx = ctxOf.get(site.defaultLang) ?? variants[0];
  // Hosts look for /404.html at the root: the default script's page, linking to both.
  const defaultNotFound = notFound.find((p) => p.ctx === defaultCtx)!;
  const rootNotFound: NotFoundPage = reuse.take("404", [defaultNotFound], () => ({ ...defaultNotFound, url: "/404.html" }));
  notFound.push(rootNotFound);

  const copies = new Map<string, string>();
  // By public path: one file may be published at several (two articles of one folder), and identical photos share one encoding.
  for (const s of [...articleSources, ...pageSources]) for (const c of s.copies.values()) if (c.published) copies.set(c.url, c.published);

  build.done();
  return {
    site,
    variants,
    articles,
    lists,
    hubs,
    homes,
    notFound,
    pages,
    root: {
      url: "/",
      siteName: defaultCtx?.siteName ?? site.name,
      choices: alternates("", ""),
      defaultLang: site.defaultLang,
      variants: site.variants.map((v) => ({ lang: v.lang, path: v.path, browserLanguages: v.browserLanguages })),
    },
    rootNotFound,
    copies,
    sources: articleSources,
    security: securityPolicy(site),
  };
}

/**
 * Each article's related articles. They depend only on the articles' paths, sections, dates
 * and tags: while those stay the same (an edit of a title or a body), last build's choice
 * stands and is not searched for again.
 */
function relatedArticles(all: readonly ArticleSource[], count: number, reuse: Reuse): Map<ArticleSource, ArticleSource[]> {
  const shape = JSON.stringify(all.map((a) => [a.path, a.section, a.date.toMillis(), a.tags]));
  const paths = reuse.take("related", [shape], () => {
    const find = relatedFinder(all, count);
    return new Map(all.map((a) => [a.path, find(a).map((r) => r.path)]));
  });
  const byPath = new Map(all.map((a) => [a.path, a]));
  return new Map(all.map((a) => [a, paths.get(a.path)!.map((p) => byPath.get(p)!)]));
}

/**
 * A few articles a reader of `a` may want next: shared tags first, then the same section,
 * then nearest in time. Candidates are the articles nearest in time within each of its tags
 * and its section (a window, so that a site of 10,000 articles is not scored 10,000² times).
 */
function relatedFinder(all: readonly ArticleSource[], count: number): (a: ArticleSource) => ArticleSource[] {
  const WINDOW = 40;
  const groups = new Map<string, ArticleSource[]>(); // newest first, like `all`
  const add = (key: string, a: ArticleSource) => {
    const g = groups.get(key);
    if (g) g.push(a);
    else groups.set(key, [a]);
  };
  for (const a of all) {
    add(`s:${a.section}`, a);
    for (const t of new Set(a.tags)) add(`t:${t}`, a);
  }
  const position = new Map<string, Map<ArticleSource, number>>();
  for (const [key, g] of groups) position.set(key, new Map(g.map((a, i) => [a, i])));
  return (a) => {
    const tags = new Set(a.tags);
    const candidates = new Set<ArticleSource>();
    for (const key of [`s:${a.section}`, ...[...tags].map((t) => `t:${t}`)]) {
      const g = groups.get(key)!;
      const i = position.get(key)!.get(a)!;
      for (let j = Math.max(0, i - WINDOW); j < Math.min(g.length, i + WINDOW + 1); j++) candidates.add(g[j]);
    }
    candidates.delete(a);
    const score = (b: ArticleSource) => b.tags.filter((t) => tags.has(t)).length * 10 + (b.section === a.section ? 1 : 0);
    return [...candidates]
      .map((b) => ({ b, s: score(b), d: Math.abs(b.date.toMillis() - a.date.toMillis()) }))
      .sort((x, y) => y.s - x.s || x.d - y.d || x.b.path.localeCompare(y.b.path))
      .slice(0, count)
      .map((x) => x.b);
  };
}

function variantContext(site: SiteConfig, v: Variant, converters: Converters): VariantContext {
  const c = converters.get(site.dataLang, v.lang);
  const t = (s: string) => converters.text(c, s);
  // The built-in UI text is Traditional; the site's own is in its data script.
  const traditional = site.variants.find((x) => x.opencc !== "cn")?.lang ?? site.dataLang;
  const builtIn = converters.get(traditional, v.lang);
  const ui: Record<string, string> = {};
  for (const [k, s] of Object.entries(DEFAULT_UI)) ui[k] = converters.text(builtIn, s);
  for (const [k, s] of Object.entries(site.ui)) ui[k] = t(s);
  const sections = site.sections.map((s) => ({ id: s.id, name: t(s.name), url: variantUrl(v.path, `news/${s.id}/`), description: t(s.description ?? "") }));
  const navItem = (item: NavItem): NavView => {
    const external = /^[a-z]+:/i.test(item.href);
    const children =
      (item.children as unknown) === "sections"
        ? sections.map((s) => ({ text: s.name, url: s.url, external: false, children: [] }))
        : (item.children ?? []).map(navItem);
    return { text: t(item.label), url: external ? item.href : variantUrl(v.path, item.href.replace(/^\//, "")), external, children };
  };
  return {
    lang: v.lang,
    path: v.path,
    label: v.label,
    short: v.short,
    newsLanguage: v.newsLanguage,
    home: variantUrl(v.path, ""),
    newsHub: variantUrl(v.path, "news/"),
    search: variantUrl(v.path, "search/"),
    siteName: t(site.name),
    tagline: t(site.tagline ?? ""),
    phone: site.phone,
    ui,
    nav: site.nav.map(navItem),
    sections,
  };
}

/** UI text in Traditional script; a site overrides any of it in site data (ui). */
export const DEFAULT_UI: Record<string, string> = {
  home: "網站首頁",
  news: "新聞資訊",
  body: "正文",
  phone: "電話",
  source: "來源",
  views: "閱讀量",
  editor: "編輯",
  prev: "上一篇",
  next: "下一篇",
  noMore: "沒有了",
  related: "相關閱讀",
  mostRead: "閱讀排行",
  latest: "最新消息",
  more: "更多",
  page: "第{n}頁",
  prevPage: "上一頁",
  nextPage: "下一頁",
  pagination: "分頁",
  breadcrumb: "當前位置",
  mainNav: "-{zh-hans:主导航;zh-hant:主選單}-",
  switchScript: "切換簡繁",
  notFoundTitle: "找不到這個頁面",
  notFoundText: "您要找的頁面不存在，可能已經移動或刪除。",
  backHome: "返回網站首頁",
  skip: "跳到正文",
  updated: "更新於",
  tags: "標籤",
  chooseScript: "請選擇文字版本",
  empty: "暫無文章。",
  convertedNote: "本頁由原文自動轉換字形",
  search: "-{zh-hans:搜索;zh-hant:搜尋}-",
  searchPlaceholder: "請輸入關鍵詞",
  searchLabel: "關鍵詞",
  searchPrompt: "請輸入關鍵詞，多個關鍵詞以空格分隔。",
  searchLoading: "正在-{zh-hans:搜索;zh-hant:搜尋}-……",
  searchNoScript: "-{zh-hans:搜索;zh-hant:搜尋}-需要瀏覽器啟用 JavaScript。您也可以按欄目瀏覽新聞：",
  searchNone: "沒有找到與-{zh-hans:“;zh-hant:「}-{q}-{zh-hans:”;zh-hant:」}-相關的文章。",
  searchCount: "找到 {n} 篇相關文章。",
  searchShown: "已顯示 {n} 篇相關文章。",
  searchMore: "顯示更多結果",
  searchError: "-{zh-hans:搜索;zh-hant:搜尋}-索引-{zh-hans:加载;zh-hant:載入}-失敗，請稍後再試。",
  searchResults: "-{zh-hans:搜索;zh-hant:搜尋}-結果",
};

// Every text of the model in every script, converted here and nowhere else: articles'
// fields and bodies, standalone pages', and the site's own (name, UI text, sections,
// navigation). A conversion is fixed by its converter's version and its text, so a source
// unchanged since the last build keeps its texts object (memo.ts) and is not converted again.
import type { ArticleSource } from "../content/articles.ts";
import type { Converters } from "../convert/converters.ts";
import type { GlossaryEntry, ScriptConverter } from "../convert/script-converter.ts";
import type { PageSource } from "../site/pages.ts";
import type { NavItem, SiteConfig, Variant } from "../site/site-config.ts";
import { Memo, type Keyed, type ModelMemory } from "./memo.ts";

/** One script converter as a builder's input: compared by its version, which fixes its output. */
export class Conversion implements Keyed {
  readonly memoKey: string;
  readonly from: string;
  readonly to: string;

  constructor(
    private readonly converters: Converters,
    private readonly converter: ScriptConverter,
  ) {
    this.memoKey = converter.version;
    this.from = converter.from.lang;
    this.to = converter.to.lang;
  }

  text(text: string): string {
    return this.converters.text(this.converter, text);
  }

  html(html: string): string {
    return this.converters.html(this.converter, html);
  }
}

/** An article's texts in one script. */
export interface ArticleTexts {
  readonly title: string;
  readonly summary: string;
  readonly source?: string;
  readonly editor: string;
  readonly tags: readonly string[];
  readonly html: string;
  /** Not the script the editor wrote in. */
  readonly converted: boolean;
}

export function convertArticle({ source: a, conversion: c }: { readonly source: ArticleSource; readonly conversion: Conversion }): ArticleTexts {
  return {
    title: c.text(a.title),
    summary: c.text(a.summary),
    source: a.source === undefined ? undefined : c.text(a.source),
    editor: c.text(a.editor),
    tags: a.tags.map((t) => c.text(t)),
    html: c.html(a.html),
    converted: c.from !== c.to,
  };
}

/** A standalone page's texts in one script. */
export interface PageTexts {
  readonly title: string;
  readonly summary: string;
  readonly html: string;
}

export function convertPage({ source: p, conversion: c }: { readonly source: PageSource; readonly conversion: Conversion }): PageTexts {
  return { title: c.text(p.title), summary: c.text(p.summary), html: c.html(p.html) };
}

/** The site's own texts in one script: what site data (site.json, topics.json) says, and the built-in UI text. */
export interface SiteTexts {
  readonly name: string;
  readonly tagline: string;
  readonly ui: Readonly<Record<string, string>>;
  /** In site data's order. */
  readonly sections: ReadonlyArray<{ readonly id: string; readonly name: string; readonly description: string }>;
  /** Site data's navigation, its labels converted. */
  readonly nav: readonly NavItem[];
  /** What topics.json says of topics, by topic key (names and descriptions it leaves out are undefined). */
  readonly topics: ReadonlyMap<string, { readonly name?: string; readonly description?: string }>;
}

interface SiteTextInputs {
  readonly site: SiteConfig;
  /** From the script site data is written in. */
  readonly data: Conversion;
  /** From the script of the built-in UI text (Traditional). */
  readonly builtIn: Conversion;
  /** The built-in UI text (page-kinds.ts: BUILT_IN_UI), one object for every build. */
  readonly ui: Readonly<Record<string, string>>;
}

export function convertSite({ site, data, builtIn, ui: builtInUi }: SiteTextInputs): SiteTexts {
  const t = (s: string) => data.text(s);
  const ui: Record<string, string> = {};
  for (const [k, s] of Object.entries(builtInUi)) ui[k] = builtIn.text(s);
  for (const [k, s] of Object.entries(site.ui)) ui[k] = t(s);
  const nav = (item: NavItem): NavItem => ({
    label: t(item.label),
    href: item.href,
    // "sections" (site-config.ts) stands for the sections' lists, named below.
    children: (item.children as unknown) === "sections" || item.children === undefined ? item.children : item.children.map(nav),
  });
  return {
    name: t(site.name),
    tagline: t(site.tagline ?? ""),
    ui,
    sections: site.sections.map((s) => ({ id: s.id, name: t(s.name), description: t(s.description ?? "") })),
    nav: site.nav.map(nav),
    topics: new Map(site.topics.map((e) => [e.key, { name: e.name === undefined ? undefined : t(e.name), description: e.description === undefined ? undefined : t(e.description) }])),
  };
}

/** All texts of a build, by source and script. */
export interface ModelTexts {
  /** By variant lang. */
  readonly site: ReadonlyMap<string, SiteTexts>;
  article(a: ArticleSource, lang: string): ArticleTexts;
  page(p: PageSource, lang: string): PageTexts;
}

const articleKey = (a: ArticleSource, v: Variant) => `texts\0${v.lang}\0${a.path}`;
const articleInputs = (a: ArticleSource, v: Variant, converters: Converters) => ({
  source: a,
  conversion: conversion(converters, a.lang, v.lang, a.glossary),
});
const conversion = (converters: Converters, from: string, to: string, glossary?: readonly GlossaryEntry[]) => new Conversion(converters, converters.get(from, to, glossary));

/** Converts every text of the model (those of unchanged sources are the last build's). */
export function convertTexts(
  memo: Memo,
  site: SiteConfig,
  converters: Converters,
  sources: { readonly articles: readonly ArticleSource[]; readonly pages: readonly PageSource[] },
  ui: Readonly<Record<string, string>>,
): ModelTexts {
  // The built-in UI text is Traditional; the site's own is in its data script.
  const traditional = site.variants.find((x) => x.opencc !== "cn")?.lang ?? site.dataLang;
  const siteTexts = new Map(
    site.variants.map((v) => [
      v.lang,
      memo.make(`site-texts\0${v.lang}`, { site, data: conversion(converters, site.dataLang, v.lang), builtIn: conversion(converters, traditional, v.lang), ui }, convertSite),
    ]),
  );
  const articles = new Map<ArticleSource, Map<string, ArticleTexts>>();
  for (const a of sources.articles) {
    articles.set(a, new Map(site.variants.map((v) => [v.lang, memo.make(articleKey(a, v), articleInputs(a, v, converters), convertArticle)])));
  }
  const pages = new Map<PageSource, Map<string, PageTexts>>();
  for (const p of sources.pages) {
    pages.set(p, new Map(site.variants.map((v) => [v.lang, memo.make(`page-texts\0${v.lang}\0${p.path}`, { source: p, conversion: conversion(converters, p.lang, v.lang) }, convertPage)])));
  }
  return {
    site: siteTexts,
    article: (a, lang) => articles.get(a)!.get(lang)!,
    page: (p, lang) => pages.get(p)!.get(lang)!,
  };
}

/**
 * Every conversion the model will ask for, so that they can be done ahead, in parallel.
 * Articles whose texts the last build converted (`previous`: the dev server) are left out.
 */
export function conversionRequests(
  site: SiteConfig,
  sources: { readonly articles: readonly ArticleSource[]; readonly pages: readonly PageSource[] },
  converters: Converters,
  previous: ModelMemory | null = null,
): { from: string; to: string; glossary: readonly GlossaryEntry[]; html: string }[] {
  const last = new Memo(previous);
  const converted = (a: ArticleSource, v: Variant) => previous !== null && last.knows(articleKey(a, v), articleInputs(a, v, converters), convertArticle);
  return [
    ...sources.articles.flatMap((a) =>
      site.variants
        .filter((v) => !converted(a, v))
        .map((v) => ({ from: a.lang, to: v.lang, glossary: a.glossary, html: a.html })),
    ),
    ...sources.pages.flatMap((p) => site.variants.map((v) => ({ from: p.lang, to: v.lang, glossary: [], html: p.html }))),
  ];
}

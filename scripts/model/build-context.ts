// What every kind's builder is handed (page-kind.ts: build): one build's site data, memo,
// texts, indexes and script contexts, and the pieces several kinds show (an article's teaser,
// its link, a section's most read), each asked of the memo once a build.
import type { ArticleSource } from "../content/articles.ts";
import type { PageSource } from "../site/pages.ts";
import type { SiteConfig } from "../site/site-config.ts";
import type { ViewCounts } from "../views/view-counts.ts";
import type { Indexes } from "./indexes.ts";
import type { Memo } from "./memo.ts";
import { articleLink } from "./pages/article.ts";
import { buildListedTeaser, buildTeaser, teaserList } from "./teasers.ts";
import type { ModelTexts } from "./texts.ts";
import type { Link, Teaser, VariantContext } from "./types.ts";

/** Articles and pages read from disk: what the model is built from. */
export interface SiteSources {
  articles: ArticleSource[];
  pages: PageSource[];
  /** Imported view counts (npm run views), over the front matter's. */
  views: ViewCounts;
}

export interface BuildContext {
  readonly site: SiteConfig;
  /** Every value a builder makes goes through it (memo.ts): its key, its inputs, its builder. */
  readonly memo: Memo;
  readonly texts: ModelTexts;
  readonly index: Indexes;
  readonly sources: SiteSources;
  /** Each script's context, in site data's order. */
  readonly variants: readonly VariantContext[];
  /** The default script's (site data's defaultLang). */
  readonly defaultCtx: VariantContext;
  /** An article as lists show it, in one script. */
  teaser(ctx: VariantContext, a: ArticleSource): Teaser;
  /** The same with its cover: for the lists that show thumbnails. */
  listed(ctx: VariantContext, a: ArticleSource): Teaser;
  /** A link to an article (上一篇/下一篇). */
  link(ctx: VariantContext, a: ArticleSource | undefined): Link | undefined;
  /** 閱讀排行: a section's most read articles, one array a script and section. */
  mostRead(ctx: VariantContext, section: string): readonly Teaser[];
}

/** Values asked for by several pages, kept by script and article for one build. */
function perScript<K, V>(make: (ctx: VariantContext, key: K) => V): (ctx: VariantContext, key: K) => V {
  const made = new Map<string, Map<K, V>>();
  return (ctx, key) => {
    let m = made.get(ctx.lang);
    if (!m) made.set(ctx.lang, (m = new Map()));
    let v = m.get(key);
    if (v === undefined) m.set(key, (v = make(ctx, key)));
    return v;
  };
}

export function buildContext(
  fields: Pick<BuildContext, "site" | "memo" | "texts" | "index" | "sources" | "variants" | "defaultCtx">,
): BuildContext {
  const { memo, texts, index } = fields;
  const teaser = perScript((ctx, a: ArticleSource) =>
    memo.make(`teaser\0${ctx.lang}\0${a.path}`, { ctx, source: a, texts: texts.article(a, ctx.lang), dates: index.dates.get(a)!, views: index.views.get(a)! }, buildTeaser),
  );
  const listed = perScript((ctx, a: ArticleSource) => memo.make(`listed\0${ctx.lang}\0${a.path}`, { teaser: teaser(ctx, a), cover: a.cover }, buildListedTeaser));
  const link = perScript((ctx, a: ArticleSource) =>
    memo.make(`link\0${ctx.lang}\0${a.path}`, { variantPath: ctx.path, path: a.path, title: texts.article(a, ctx.lang).title }, articleLink),
  );
  const mostRead = perScript((ctx, section: string) =>
    memo.make(`most-read\0${ctx.lang}\0${section}`, { items: index.mostRead.get(section)!.map((a) => teaser(ctx, a)) }, teaserList),
  );
  return { ...fields, teaser, listed, link: (ctx, a) => (a ? link(ctx, a) : undefined), mostRead };
}

// An article's page in one script.
import type { ArticleSource } from "../../content/articles.ts";
import { groupThousands } from "../../site/format.ts";
import type { SiteConfig } from "../../site/site-config.ts";
import { absoluteUrl, variantUrl } from "../../site/urls.ts";
import type { ArticleDates } from "../dates.ts";
import { topicKey } from "../../content/topic-key.ts";
import type { BuildContext } from "../build-context.ts";
import { newsCrumbs, pageBase } from "../page-base.ts";
import { inEachVariant, ofVariant, pageKind } from "../page-kind.ts";
import { tagLinks } from "./topic.ts";
import type { ArticleTexts } from "../texts.ts";
import type { ArticlePage, Link, Teaser, VariantContext } from "../types.ts";

export interface ArticleInputs {
  readonly site: SiteConfig;
  readonly ctx: VariantContext;
  readonly source: ArticleSource;
  readonly texts: ArticleTexts;
  readonly dates: ArticleDates;
  readonly views: number;
  /** 上一篇: the older article of the section; 下一篇: the newer one (articleLink). */
  readonly prev: Link | undefined;
  readonly next: Link | undefined;
  readonly related: readonly Teaser[];
  readonly mostRead: readonly Teaser[];
  /** Its tags as links to their topics (tagLinks). */
  readonly topics: readonly Link[];
}

export function buildArticlePage({ site, ctx, source: a, texts: t, dates: d, views, prev, next, related, mostRead, topics }: ArticleInputs): ArticlePage {
  const section = ctx.sections.find((s) => s.id === a.section)!;
  return pageBase(site, ctx, a.path, t.title, t.summary, [...newsCrumbs(ctx), { text: section.name, url: section.url }, { text: ctx.ui.body, url: "" }], {
    kind: "article",
    id: a.path,
    sourceLang: a.lang,
    converted: t.converted,
    file: a.file,
    section,
    headline: t.title,
    dateIso: d.iso,
    dateText: d.text,
    updatedIso: d.updatedIso,
    source: t.source,
    editor: t.editor,
    views,
    viewsText: groupThousands(views),
    tags: t.tags,
    topics,
    html: t.html,
    cover: a.cover,
    images: a.photos.map((p) => absoluteUrl(site.url, p.url)),
    prev,
    next,
    related,
    mostRead,
    date: a.date,
    updated: a.updated,
    ...(a.scheduled && { scheduled: true }),
  });
}

/** A link to an article (上一篇/下一篇): its title in this script, and its page. */
export function articleLink({ variantPath, path, title }: { readonly variantPath: string; readonly path: string; readonly title: string }): Link {
  return { text: title, url: variantUrl(variantPath, path) };
}

export const articleKind = pageKind<ArticlePage, "articles", true>({
  kind: "article",
  list: "articles",
  planned: true,
  template: "article.njk",
  build: (b: BuildContext) => {
    const { site, memo, texts, index } = b;
    // Each article's tags as topic slugs, the same in every script.
    const slugOfKey = new Map(index.topics.map((t) => [t.key, t.slug]));
    const tagSlugs = new Map(b.sources.articles.map((a) => [a, a.tags.map((tag) => slugOfKey.get(topicKey(tag)) ?? "")]));
    return b.variants.flatMap((ctx) =>
      ctx.sections.flatMap((section) =>
        index.sections.get(section.id)!.map((a) => {
          const { older, newer } = index.neighbours.get(a)!;
          const own = texts.article(a, ctx.lang);
          const inputs = {
            site,
            ctx,
            source: a,
            texts: own,
            dates: index.dates.get(a)!,
            views: index.views.get(a)!,
            prev: b.link(ctx, older),
            next: b.link(ctx, newer),
            related: index.related.get(a)!.map((r) => b.teaser(ctx, r)),
            mostRead: b.mostRead(ctx, section.id),
            topics: memo.make(`tags\0${ctx.lang}\0${a.path}`, { ctx, tags: own.tags, slugs: tagSlugs.get(a)! }, tagLinks),
          };
          return memo.make(`article\0${ctx.lang}\0${a.path}`, inputs, buildArticlePage);
        }),
      ),
    );
  },
  urls: inEachVariant((sources) => sources.articles.map((a) => a.path)),
  origins: (sources) => sources.articles.flatMap((a) => sources.site.variants.map((v) => ({ url: variantUrl(v.path, a.path), file: a.file }))),
  inLinkCheck: true,
  sitemap: {
    // Newest first, as the model's sources are (the model lists them by section).
    pages: (own, lang, model) => {
      const byId = new Map(ofVariant(own, lang).map((a) => [a.id, a]));
      return model.sources.map((s) => byId.get(s.path)).filter((a): a is ArticlePage => a !== undefined);
    },
    lastmod: (page) => page.updatedIso,
  },
});

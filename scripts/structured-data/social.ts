// What a page tells search engines and social networks about itself: NewsArticle JSON-LD on
// article pages; Open Graph and Twitter card tags on every page but the 404 page. Every text
// comes from the page itself, so it is in the page's script.
import type { ArticlePage, PageBase, SiteModel } from "../model/types.ts";
import { absoluteOnSite, logoUrl } from "./publisher.ts";

/** zh-Hans (news language zh-cn) → zh_CN; zh-Hant (zh-tw) → zh_TW; zh-HK → zh_HK. */
export function ogLocale(lang: string, newsLanguage: string): string {
  const region = /^zh-([a-z]{2})$/i.exec(lang)?.[1] ?? /^zh-([a-z]{2})$/i.exec(newsLanguage)?.[1];
  if (region) return `zh_${region.toUpperCase()}`;
  return /hans/i.test(lang) ? "zh_CN" : "zh_TW";
}

function isArticle(page: PageBase): page is ArticlePage {
  return page.kind === "article";
}

export interface PageImage {
  url: string;
  width?: number;
  height?: number;
}

/** The article's cover (front matter cover, else its first photo), absolute. */
export function pageImage(page: PageBase, model: SiteModel): PageImage | undefined {
  if (!isArticle(page)) return undefined;
  if (page.cover) return { url: absoluteOnSite(model.site, page.cover.url), width: page.cover.width, height: page.cover.height };
  return page.images[0] ? { url: page.images[0] } : undefined;
}

export interface MetaTag {
  /** og: and article: tags use property=, twitter: tags name=. */
  attr: "property" | "name";
  key: string;
  content: string;
}

export function socialMeta(page: PageBase, model: SiteModel): MetaTag[] {
  if (page.kind === "404") return [];
  const ctx = page.ctx;
  const tags: MetaTag[] = [];
  const og = (key: string, content: string | number | undefined) => {
    if (content !== undefined && content !== "") tags.push({ attr: "property", key, content: String(content) });
  };
  const tw = (key: string, content: string | undefined) => {
    if (content !== undefined && content !== "") tags.push({ attr: "name", key, content });
  };
  const title = isArticle(page) ? page.headline : page.kind === "home" ? ctx.siteName : page.title;
  const image = pageImage(page, model);
  const locale = ogLocale(ctx.lang, ctx.newsLanguage);
  const others = page.alternates
    .filter((alt) => !alt.current)
    .map((alt) => model.variants.find((v) => v.lang === alt.lang))
    .map((v) => (v ? ogLocale(v.lang, v.newsLanguage) : undefined))
    .filter((l, i, all): l is string => l !== undefined && l !== locale && all.indexOf(l) === i);

  og("og:type", isArticle(page) ? "article" : "website");
  og("og:title", title);
  og("og:description", page.description);
  og("og:url", page.canonical);
  og("og:site_name", ctx.siteName);
  og("og:locale", locale);
  for (const l of others) og("og:locale:alternate", l);
  if (image) {
    og("og:image", image.url);
    og("og:image:width", image.width);
    og("og:image:height", image.height);
    og("og:image:alt", title);
  }
  if (isArticle(page)) {
    og("article:published_time", page.dateIso);
    og("article:modified_time", page.updatedIso);
    og("article:section", page.section.name);
    for (const t of page.tags) og("article:tag", t);
  }
  tw("twitter:card", image ? "summary_large_image" : "summary");
  tw("twitter:title", title);
  tw("twitter:description", page.description);
  if (image) {
    tw("twitter:image", image.url);
    tw("twitter:image:alt", title);
  }
  return tags;
}

/** schema.org NewsArticle for an article page. Reprints name the outlet they come from. */
export function articleJsonLd(page: ArticlePage, model: SiteModel): Record<string, unknown> {
  const site = model.site;
  const ctx = page.ctx;
  const images = [pageImage(page, model)?.url, ...page.images].filter((u, i, all): u is string => !!u && all.indexOf(u) === i);
  const editor = { "@type": "Person", name: page.editor };
  const outlet = page.source ? { "@type": "NewsMediaOrganization", name: page.source } : undefined;
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    mainEntityOfPage: { "@type": "WebPage", "@id": page.canonical },
    url: page.canonical,
    headline: page.headline,
    ...(page.description ? { description: page.description } : {}),
    ...(images.length ? { image: images } : {}),
    datePublished: page.dateIso,
    dateModified: page.updatedIso,
    inLanguage: ctx.lang,
    // A reprint was written by the outlet; the site's editor chose and edited it.
    author: outlet ?? editor,
    editor,
    ...(outlet ? { sourceOrganization: outlet, isBasedOn: { "@type": "NewsArticle", publisher: outlet } } : {}),
    publisher: {
      "@type": "Organization",
      name: ctx.siteName,
      url: absoluteOnSite(site, ctx.home),
      logo: { "@type": "ImageObject", url: logoUrl(site) },
    },
    articleSection: page.section.name,
    ...(page.tags.length ? { keywords: page.tags } : {}),
  };
}

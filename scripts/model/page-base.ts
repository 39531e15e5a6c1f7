// What every page of the model has: its addresses in each script, its title and breadcrumb.
import type { SiteConfig } from "../site/site-config.ts";
import { absoluteUrl, variantUrl } from "../site/urls.ts";
import type { Alternate, Link, PageBase, Paging, VariantContext } from "./types.ts";

/** A page's twins in every script (`current`: the one of this script, none for ""). */
export function alternates(site: SiteConfig, innerPath: string, current: string): Alternate[] {
  return site.variants.map((v) => {
    const url = variantUrl(v.path, innerPath);
    return { lang: v.lang, label: v.label, short: v.short, url, href: absoluteUrl(site.url, url), current: v.lang === current };
  });
}

export function pageBase(site: SiteConfig, ctx: VariantContext, kind: string, innerPath: string, title: string, description: string, breadcrumb: readonly Link[]): PageBase {
  const url = variantUrl(ctx.path, innerPath);
  return { kind, url, inner: innerPath, ctx, title, description, alternates: alternates(site, innerPath, ctx.lang), canonical: absoluteUrl(site.url, url), breadcrumb };
}

/** 網站首頁 › 新聞資訊: where every news page's breadcrumb starts. */
export function newsCrumbs(ctx: VariantContext): Link[] {
  return [
    { text: ctx.ui.home, url: ctx.home },
    { text: ctx.ui.news, url: ctx.newsHub },
  ];
}

/** Page `n` of `count` of a list whose page n is at pageUrl(n). */
export function paging(n: number, count: number, pageUrl: (n: number) => string): Paging {
  return {
    pageNumber: n,
    pageCount: count,
    pages: Array.from({ length: count }, (_, i) => ({ number: i + 1, url: pageUrl(i + 1), current: i + 1 === n })),
    prevUrl: n > 1 ? pageUrl(n - 1) : undefined,
    nextUrl: n < count ? pageUrl(n + 1) : undefined,
  };
}

/** A list page's title: "媒體聚焦", then "媒體聚焦 · 第2頁". */
export function pagedTitle(ctx: VariantContext, title: string, n: number): string {
  return n === 1 ? title : `${title} · ${ctx.ui.page.replace("{n}", String(n))}`;
}

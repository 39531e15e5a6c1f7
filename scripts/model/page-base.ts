// What every page of the model has: its addresses in each script, its title and breadcrumb.
import type { SiteConfig } from "../site/site-config.ts";
import { absoluteUrl, variantUrl } from "../site/urls.ts";
import type { Memo } from "./memo.ts";
import type { Alternate, Link, PageBase, PageLink, Paging, VariantContext } from "./types.ts";

/** A page's twins in every script (`current`: the one of this script, none for ""). */
export function alternates(site: SiteConfig, innerPath: string, current: string): Alternate[] {
  return site.variants.map((v) => {
    const url = variantUrl(v.path, innerPath);
    return { lang: v.lang, label: v.label, short: v.short, url, href: absoluteUrl(site.url, url), current: v.lang === current };
  });
}

/**
 * A page: what every page has, then its kind's own fields (`own`, its kind among them).
 * One literal with `own` spread last, not `{ ...pageBase(), ...fields }`: V8 defines each
 * property written after a leading spread one by one at run time, ~60 µs an article page
 * (1.2 s of 20,000), against ~4 µs for this.
 */
export function pageBase<Own extends { readonly kind: string }>(
  site: SiteConfig,
  ctx: VariantContext,
  innerPath: string,
  title: string,
  description: string,
  breadcrumb: readonly Link[],
  own: Own,
): PageBase & Own {
  const url = variantUrl(ctx.path, innerPath);
  // kind first, as the key order of every page has been (the spread sets it again, in place).
  return { kind: own.kind, url, inner: innerPath, ctx, title, description, alternates: alternates(site, innerPath, ctx.lang), canonical: absoluteUrl(site.url, url), breadcrumb, ...(own as Omit<Own, "kind">) } as unknown as PageBase & Own;
}

/** 網站首頁 › 新聞資訊: where every news page's breadcrumb starts. */
export function newsCrumbs(ctx: VariantContext): Link[] {
  return [
    { text: ctx.ui.home, url: ctx.home },
    { text: ctx.ui.news, url: ctx.newsHub },
  ];
}

/** Page `n` of a list whose pages are `links` (listPageLinks). */
export function paging(n: number, links: readonly PageLink[]): Paging {
  return {
    pageNumber: n,
    pageCount: links.length,
    pages: links,
    prevUrl: n > 1 ? links[n - 2].url : undefined,
    nextUrl: n < links.length ? links[n].url : undefined,
  };
}

function pageLinks({ urls }: { readonly urls: readonly string[] }): readonly PageLink[] {
  return urls.map((url, i) => ({ number: i + 1, url }));
}

/**
 * The links to the `count` pages of one list (`key`: which list), page n at pageUrl(n): one
 * array for all its pages. At 10,000 articles a section's list has ~400 pages of ~400 links
 * each; made and digested (render keys) once a list instead of once a page, the list pages
 * cost ~0.4 s less to build and key.
 */
export function listPageLinks(memo: Memo, key: string, count: number, pageUrl: (n: number) => string): readonly PageLink[] {
  return memo.make(`page-links\0${key}`, { urls: Array.from({ length: count }, (_, i) => pageUrl(i + 1)) }, pageLinks);
}

/** A list page's title: "媒體聚焦", then "媒體聚焦 · 第2頁". */
export function pagedTitle(ctx: VariantContext, title: string, n: number): string {
  return n === 1 ? title : `${title} · ${ctx.ui.page.replace("{n}", String(n))}`;
}

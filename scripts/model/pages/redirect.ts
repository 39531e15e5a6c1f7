// Redirect pages: an article's old URLs (front matter aliases) keep working on any static
// host. Each is a small page that sends the reader on at once (meta refresh 0), names the
// article's page as canonical, asks not to be indexed, and shows a link for readers whose
// browser does not follow. Hosts that read _redirects (Netlify, Cloudflare Pages) get the
// same list as 301s.
//
// Which script: an old path under a variant (/zh-hans/news/…/old-slug/, an earlier slug of
// this site) had a twin in every script, so each script's twin path gets a page of its own,
// to that script's page. A path outside the variants (/html/2019/art_123.html, the old
// CMS's) was one page in the script the article is written in: one redirect, to that
// script's page, with a link to the other script's too.
import type { ArticleSource } from "../../content/articles.ts";
import { absoluteUrl, sitePaths, splitVariant, variantUrl } from "../../site/urls.ts";
import type { SiteConfig } from "../../site/site-config.ts";
import type { BuildContext } from "../build-context.ts";
import { pageKind, type FileKind, type UrlSources } from "../page-kind.ts";
import type { Link, VariantContext } from "../types.ts";

export interface RedirectPage {
  readonly kind: "redirect";
  /** The old URL, site-relative (a folder ending in /, or an .html file). */
  readonly url: string;
  /** The same percent-encoded, as _redirects names it. */
  readonly from: string;
  /** The script of its text. */
  readonly ctx: VariantContext;
  /** The article's page in that script, site-relative: where the refresh leads. */
  readonly target: string;
  /** The same, absolute: the canonical link. */
  readonly canonical: string;
  /** The article's title in that script. */
  readonly title: string;
  /** The article's pages in the other scripts, for readers. */
  readonly others: readonly (Link & { readonly lang: string })[];
}

interface RedirectInputs {
  readonly site: SiteConfig;
  readonly ctx: VariantContext;
  readonly url: string;
  readonly path: string;
  /** The article's title in every script, in site data's order of variants. */
  readonly titles: readonly string[];
}

export function buildRedirectPage({ site, ctx, url, path, titles }: RedirectInputs): RedirectPage {
  const target = variantUrl(ctx.path, path);
  const others = site.variants.flatMap((v, i) => (v.lang === ctx.lang ? [] : [{ lang: v.lang, text: `${v.label}：${titles[i]}`, url: variantUrl(v.path, path) }]));
  const title = titles[site.variants.findIndex((v) => v.lang === ctx.lang)];
  return { kind: "redirect", url, from: encodeURI(url), ctx, target, canonical: absoluteUrl(site.url, target), title, others };
}

/** Where each of an article's aliases is published, and in which script (a variant's path). */
function aliasPlaces(site: Pick<SiteConfig, "variants">, a: Pick<ArticleSource, "aliases" | "lang">): { url: string; variantPath: string; alias: string }[] {
  const paths = site.variants.map((v) => v.path);
  const own = site.variants.find((v) => v.lang === a.lang) ?? site.variants[0];
  return a.aliases.flatMap((alias) => {
    const { variant, inner } = splitVariant(alias, paths);
    return variant === null ? [{ url: alias, variantPath: own.path, alias }] : paths.map((p) => ({ url: variantUrl(p, inner), variantPath: p, alias }));
  });
}

const aliasUrls = (sources: UrlSources) => sources.articles.flatMap((a) => aliasPlaces(sources.site, a).map((p) => ({ url: p.url, file: a.file, field: "aliases", line: a.lines.aliases, value: p.alias })));

export const redirectKind = pageKind<RedirectPage, "redirects", true>({
  kind: "redirect",
  list: "redirects",
  planned: true,
  template: "redirect.njk",
  build: ({ site, memo, texts, sources, variants }: BuildContext) =>
    sources.articles.flatMap((a) => {
      const titles = variants.map((ctx) => texts.article(a, ctx.lang).title);
      return aliasPlaces(site, a).map(({ url, variantPath }) => {
        const ctx = variants.find((c) => c.path === variantPath)!;
        return memo.make(`redirect\0${url}`, { site, ctx, url, path: a.path, titles }, buildRedirectPage);
      });
    }),
  urls: (sources) => aliasUrls(sources).map((o) => o.url),
  origins: aliasUrls,
  // A link in an article leads to the page, not to an old address of it.
  inLinkCheck: false,
  sitemap: null,
  // Its pages refresh to their article, and only to it (scripts/audit/html-audit.ts).
  audit: { refreshTo: (page) => page.target },
  ui: {
    redirectTitle: "頁面已移動",
    redirectText: "本頁已移至：",
  },
});

/** _redirects: every alias as a 301, for hosts that read the file. */
export const redirectsFileKind: FileKind = {
  kind: "redirects",
  template: "redirects.njk",
  // Written only when some article has aliases.
  urls: (sources) => (sources.articles.some((a) => a.aliases.length > 0) ? [sitePaths.redirects] : []),
  inLinkCheck: false,
};

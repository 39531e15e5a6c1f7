// Links in articles: internal ones must lead to a page or file the build writes (anchors
// too); external ones to domains the site trusts, else they are reported. The pages there
// are from the page kinds' registry, from the sources alone: this runs before the model is
// built, and `npm run check` converts nothing.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { ArticleSource } from "./articles.ts";
import type { Problems } from "./problems.ts";
import type { SiteConfig } from "../site/site-config.ts";
import type { PageSource } from "../site/pages.ts";
import type { LinkRef } from "../markdown/markdown.ts";
import { MALFORMED_ESCAPE_HINT, safeDecodeUri, safeDecodeUriComponent } from "./safe-decode.ts";
import { linkTargets, urlClaims, type UrlClaim } from "../model/page-kinds.ts";
import type { UrlOrigin } from "../model/page-kind.ts";
import { variantUrl } from "../site/urls.ts";

/** What has links to check: an article, a draft or a standalone page. */
interface LinkSource {
  file: string;
  lang: string;
  path: string;
  links: readonly LinkRef[];
}

/** Every page (and feed, sitemap index, robots.txt) URL the build writes, for every variant. */
export function knownPages(site: SiteConfig, articles: readonly ArticleSource[], pages: readonly PageSource[]): Set<string> {
  return linkTargets({ site, articles, pages });
}

function hostAllowed(host: string, allowlist: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/^www\./, "");
  return allowlist.some((d) => h === d.replace(/^www\./, "") || h.endsWith("." + d));
}

/**
 * Links of the published articles and pages, and of `drafts` (read, not published: their links
 * must lead to what is published, like everyone else's).
 */
export function checkLinks(site: SiteConfig, articles: readonly ArticleSource[], pages: readonly PageSource[], problems: Problems, drafts: readonly ArticleSource[] = []): void {
  const known = knownPages(site, articles, pages);
  const idsByUrl = new Map<string, Set<string>>();
  for (const a of articles) for (const v of site.variants) idsByUrl.set(variantUrl(v.path, a.path), a.ids);
  for (const p of pages) for (const v of site.variants) if (p.ids) idsByUrl.set(variantUrl(v.path, p.path), p.ids);
  const media = new Set<string>();
  for (const a of [...articles, ...pages]) for (const c of a.copies.values()) media.add(c.url);
  const siteHost = new URL(site.url || "https://localhost").host;

  const sources: LinkSource[] = [...articles, ...drafts, ...pages.map((p) => ({ ...p, links: p.links ?? [] }))];
  for (const a of sources) {
    const own = site.variants.find((v) => v.lang === a.lang) ?? site.variants[0];
    const base = (site.url || "https://localhost") + variantUrl(own.path, a.path);
    for (const link of a.links) {
      const href = link.href.trim();
      if (!href || /^(mailto|tel):/i.test(href)) continue;
      let url: URL;
      try {
        url = new URL(href, base);
      } catch {
        problems.error(a.file, `the link ${href} is not a valid URL.`, { line: link.line, hint: "Check the address between the brackets ( )." });
        continue;
      }
      if (url.host !== siteHost) {
        if (site.externalLinks === "off" || hostAllowed(url.host, site.linkAllowlist)) continue;
        const report = site.externalLinks === "error" ? problems.error.bind(problems) : problems.warn.bind(problems);
        report(a.file, `links to ${url.host}, which is not on the site's list of trusted domains.`, {
          line: link.line,
          hint: "If the link is right, add the domain to linkAllowlist in content/_data/site.json.",
        });
        continue;
      }
      const path = safeDecodeUri(url.pathname);
      if (path === null) {
        problems.error(a.file, `the link ${href} has a % that is not a valid escape.`, { line: link.line, hint: MALFORMED_ESCAPE_HINT });
        continue;
      }
      const ok = known.has(path) || media.has(path) || (path.startsWith("/assets/") && existsSync(join(site.root, path)));
      if (!ok) {
        const slash = !path.endsWith("/") && known.has(path + "/");
        problems.error(a.file, `the link ${href} leads to no page of this site.`, {
          line: link.line,
          hint: slash ? `Write ${path}/ (with the slash).` : "Check the address: copy it from the page you mean.",
        });
        continue;
      }
      const anchor = safeDecodeUriComponent(url.hash.slice(1));
      if (anchor === null) {
        problems.error(a.file, `the link ${href} has a % in its #anchor that is not a valid escape.`, { line: link.line, hint: "Write the anchor as the heading's text, e.g. #發布會, without % escapes." });
        continue;
      }
      const ids = idsByUrl.get(path);
      if (anchor && ids && !ids.has(anchor)) {
        problems.error(a.file, `the link ${href} points at #${anchor}, which is not on that page.`, {
          line: link.line,
          hint: ids.size ? `Anchors there: ${[...ids].slice(0, 8).map((i) => "#" + i).join(", ")}.` : "That page has no anchors.",
        });
      }
    }
  }
}

/** Two articles with one headline confuse readers and search engines alike. */
export function checkDuplicateTitles(articles: readonly ArticleSource[], problems: Problems): void {
  const seen = new Map<string, ArticleSource>();
  for (const a of articles) {
    const other = seen.get(a.title);
    if (other) problems.warn(a.file, `has the same title as ${other.file}.`, { field: "title", line: a.lines?.title ?? 2, hint: "Make the headlines distinct." });
    else seen.set(a.title, a);
  }
}

/**
 * Two pages at one URL that an editor's field asks for (aliases): two articles' old paths,
 * or an old path that is a page's address now. Reported at the field, naming the other file.
 * (Two articles at one path are reported where they are read: articles.ts.)
 */
export function checkUrlClaims(site: SiteConfig, articles: readonly ArticleSource[], pages: readonly PageSource[], problems: Problems): void {
  const reported = new Set<string>();
  const what = (c: UrlClaim) => (c.origin ? c.origin.file : `the site's ${c.kind} page`);
  const report = (url: string, claims: readonly UrlClaim[], i: number, o: UrlOrigin) => {
    // The first other claim: a page's before an alias's (a page keeps its URL).
    const other = claims.find((x, j) => j !== i && !x.origin?.field) ?? claims.find((x, j) => j < i);
    if (!other) return; // the first of two aliases: reported at the second
    const key = `${o.file}\0${o.value}\0${other.origin?.file ?? other.kind}\0${other.origin?.field}`;
    if (reported.has(key)) return; // an old path under a script is one in each script
    reported.add(key);
    const own = other.origin?.file === o.file && !other.origin.field;
    // An alias under a script asks for its twin in every script too: say which one is taken.
    const value = o.value ?? url;
    const asked = value === url ? value : `${value} (as ${url})`;
    const message = own
      ? `${asked} is this article's own URL, not an old one.`
      : other.origin?.field
        ? `${asked} is also an alias of ${what(other)}: one old URL can lead to one article only.`
        : `${asked} is the URL of ${what(other)}${other.origin ? ` (${other.kind})` : ""}: an alias there would hide it.`;
    problems.error(o.file, message, {
      field: o.field,
      line: o.line,
      hint: own ? `Remove ${value} from ${o.field}.` : `Remove ${value} from ${o.field} here${other.origin?.field ? ` or in ${what(other)}` : ""}.`,
    });
  };
  const taken = [...urlClaims({ site, articles, pages })].filter(([, claims]) => claims.length > 1);
  // At the URL as the editor wrote it first, then at its twins in the other scripts.
  for (const asWritten of [true, false]) {
    for (const [url, claims] of taken) {
      claims.forEach((c, i) => {
        if (c.origin?.field && (c.origin.value === url) === asWritten) report(url, claims, i, c.origin);
      });
    }
  }
}

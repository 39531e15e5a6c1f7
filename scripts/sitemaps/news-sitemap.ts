// The Google News sitemap: articles published in the last newsSitemapHours (site data,
// default 48) before the build, each script's page an entry of its own. At most 1,000
// entries a file: /sitemap-news.xml, then /sitemap-news-2.xml …
//
// "Now" is the only thing in the whole site that depends on when it is built. NEWSROOM_NOW
// (an ISO date, e.g. 2025-03-10T12:00:00+08:00) fixes it, for tests and reproducible builds.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DateTime } from "luxon";
import type { ArticlePage, SiteModel } from "../model/types.ts";
import { SITE_FILE, type SiteConfig } from "../site/site-config.ts";
import { sitePaths } from "../site/urls.ts";
import { absoluteOnSite } from "../structured-data/publisher.ts";
import { xmlSafe } from "../feeds/xml-text.ts";

export const NEWS_SITEMAP_MAX = 1000;
export const DEFAULT_NEWS_SITEMAP_HOURS = 48;
export const NOW_VARIABLE = "NEWSROOM_NOW";

export interface NewsSitemapEntry {
  loc: string;
  /** The organisation's name in the page's script. */
  name: string;
  /** zh-cn, zh-tw: the variant's newsLanguage. */
  language: string;
  publicationDate: string;
  title: string;
}

export interface NewsSitemapFile {
  /** Site-relative: /sitemap-news.xml, /sitemap-news-2.xml … */
  path: string;
  url: string;
  entries: NewsSitemapEntry[];
}

/** The build's "now": NEWSROOM_NOW if set (read in the site's time zone when it has no offset), else the clock. */
export function buildNow(timeZone: string, env: Record<string, string | undefined> = process.env): DateTime {
  const value = env[NOW_VARIABLE]?.trim();
  if (!value) return DateTime.now().setZone(timeZone);
  const dt = DateTime.fromISO(value, { zone: timeZone });
  if (!dt.isValid) {
    throw new Error(`${NOW_VARIABLE}=${JSON.stringify(value)} is not an ISO date. Write e.g. ${NOW_VARIABLE}=2025-03-10T12:00:00+08:00, or unset it to use the clock.`);
  }
  return dt;
}

const hoursCache = new WeakMap<SiteConfig, number>();

/** Site data "newsSitemapHours": how far back the news sitemap reaches (Google News takes two days). */
export function newsSitemapHours(site: SiteConfig): number {
  const hit = hoursCache.get(site);
  if (hit !== undefined) return hit;
  let raw: unknown;
  try {
    raw = (JSON.parse(readFileSync(join(site.root, SITE_FILE), "utf8")) as Record<string, unknown>).newsSitemapHours;
  } catch {
    raw = undefined; // the site loader has already reported a missing or broken file
  }
  if (raw !== undefined && (typeof raw !== "number" || !Number.isFinite(raw) || raw <= 0)) {
    throw new Error(`${SITE_FILE}: newsSitemapHours must be a positive number of hours, not ${JSON.stringify(raw)}. Write e.g. "newsSitemapHours": 48.`);
  }
  const hours = typeof raw === "number" ? raw : DEFAULT_NEWS_SITEMAP_HOURS;
  hoursCache.set(site, hours);
  return hours;
}

/** Entries for the articles published in [now − hours, now], newest first; future-dated ones wait. */
export function newsSitemapEntries(model: SiteModel, now: DateTime, hours: number): NewsSitemapEntry[] {
  const end = now.toMillis();
  const start = now.minus({ milliseconds: Math.round(hours * 3_600_000) }).toMillis();
  const pages = new Map<string, ArticlePage[]>();
  for (const a of model.articles) {
    const t = a.date.toMillis();
    if (t < start || t > end) continue;
    const list = pages.get(a.id) ?? [];
    list.push(a);
    pages.set(a.id, list);
  }
  const order = new Map(model.variants.map((v, i) => [v.lang, i]));
  const entries: NewsSitemapEntry[] = [];
  for (const s of model.sources) {
    for (const a of (pages.get(s.path) ?? []).sort((x, y) => order.get(x.ctx.lang)! - order.get(y.ctx.lang)!)) {
      entries.push({
        loc: a.canonical,
        name: xmlSafe(a.ctx.siteName),
        language: a.ctx.newsLanguage,
        publicationDate: a.dateIso,
        title: xmlSafe(a.headline),
      });
    }
  }
  return entries;
}

/** Entries split into files of at most `max`; always one file, empty when there is no news. */
export function splitNewsSitemap(siteUrl: string, entries: NewsSitemapEntry[], max = NEWS_SITEMAP_MAX): NewsSitemapFile[] {
  const files: NewsSitemapFile[] = [];
  for (let i = 0; i === 0 || i < entries.length; i += max) {
    const path = sitePaths.newsSitemap(files.length + 1);
    files.push({ path, url: absoluteOnSite({ url: siteUrl }, path), entries: entries.slice(i, i + max) });
  }
  return files;
}

const cache = new WeakMap<SiteModel, { key: number; files: NewsSitemapFile[] }>();

export function newsSitemaps(model: SiteModel, now: DateTime): NewsSitemapFile[] {
  const hit = cache.get(model);
  if (hit && hit.key === now.toMillis()) return hit.files;
  const files = splitNewsSitemap(model.site.url, newsSitemapEntries(model, now, newsSitemapHours(model.site)));
  cache.set(model, { key: now.toMillis(), files });
  return files;
}

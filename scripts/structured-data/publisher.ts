// The organisation behind the site, as feeds, JSON-LD and Open Graph name it.
import type { SiteConfig } from "../site/site-config.ts";

/** Used as the logo when site data names none. */
export const FALLBACK_LOGO = "/assets/img/favicon.svg";
export const FAVICON = "/assets/img/favicon.svg";

/** A path on the site (`/media/…`, `assets/img/logo.svg`) as an absolute URL; absolute URLs stay. */
export function absoluteOnSite(site: Pick<SiteConfig, "url">, path: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith("//")) return path;
  return site.url + (path.startsWith("/") ? path : `/${path}`);
}

/** The site logo (site data `logo`), else the favicon: absolute. */
export function logoUrl(site: Pick<SiteConfig, "url" | "logo">): string {
  return absoluteOnSite(site, site.logo ?? FALLBACK_LOGO);
}

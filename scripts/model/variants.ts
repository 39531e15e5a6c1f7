// What every page of one script variant shares: its addresses, its texts, its navigation.
import type { NavItem, SiteConfig, Variant } from "../site/site-config.ts";
import { inner, variantUrl } from "../site/urls.ts";
import type { SiteTexts } from "./texts.ts";
import type { NavView, VariantContext } from "./types.ts";

export interface VariantInputs {
  readonly site: SiteConfig;
  readonly variant: Variant;
  /** The site's texts in this variant's script. */
  readonly texts: SiteTexts;
}

export function variantContext({ site, variant: v, texts }: VariantInputs): VariantContext {
  const sections = texts.sections.map((s) => ({
    id: s.id,
    name: s.name,
    url: variantUrl(v.path, inner.section(s.id)),
    description: s.description,
    archiveUrl: variantUrl(v.path, inner.archive(s.id)),
  }));
  const navItem = (item: NavItem): NavView => {
    const external = /^[a-z]+:/i.test(item.href);
    const children =
      (item.children as unknown) === "sections"
        ? sections.map((s) => ({ text: s.name, url: s.url, external: false, children: [] }))
        : (item.children ?? []).map(navItem);
    // Site data writes its own links as paths inside a variant, with or without the first slash.
    return { text: item.label, url: external ? item.href : variantUrl(v.path, item.href.replace(/^\//, "")), external, children };
  };
  return {
    lang: v.lang,
    path: v.path,
    label: v.label,
    short: v.short,
    newsLanguage: v.newsLanguage,
    home: variantUrl(v.path, inner.home()),
    newsHub: variantUrl(v.path, inner.newsHub()),
    search: variantUrl(v.path, inner.search()),
    topics: variantUrl(v.path, inner.topics()),
    siteName: texts.name,
    tagline: texts.tagline,
    phone: site.phone,
    ui: texts.ui,
    nav: texts.nav.map(navItem),
    sections,
  };
}

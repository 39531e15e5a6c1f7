// Site data: content/_data/site.json. Everything about an organisation lives here, not in
// layouts or code: name, phone, URL, time zone, script variants, sections, navigation, UI text.
import { IANAZone } from "luxon";
import type { OpenccLocale } from "../convert/opencc-engine.ts";
import { readSettings, type QuoteStyle, type UsageProfile } from "../convert/conversion-settings.ts";
import type { GlossaryEntry } from "../convert/script-converter.ts";
import { Problems } from "../content/problems.ts";
import { readDataFile, type DataFile } from "../content/read/editor-json.ts";
import { readTopics, type TopicEntry } from "./topics-data.ts";
import { inner, reservedSectionIds } from "./urls.ts";

export interface Variant {
  /** BCP 47 tag: zh-Hans, zh-Hant, zh-HK … */
  lang: string;
  /** First path segment: zh-hans. Lower-case ASCII. */
  path: string;
  /** Switcher label, shown as written on every page: 简体, 繁體. */
  label: string;
  /** Short switcher label: 简, 繁. */
  short: string;
  /** OpenCC locale of this variant: cn, tw, hk. */
  opencc: OpenccLocale;
  /** Quotation marks, newsroom usage profile, news corrections (scripts/convert/conversion-settings.ts): the locale's defaults when absent. */
  quotes?: QuoteStyle;
  usage?: UsageProfile;
  corrections?: boolean;
  /** Google News / RSS language code: zh-cn, zh-tw. */
  newsLanguage: string;
  /** Browser languages that prefer this variant at the root page (prefix match). */
  browserLanguages: string[];
}

export interface Section {
  id: string;
  name: string;
  /** Media focus reprints other outlets: the source outlet is required. */
  requireSource: boolean;
  description?: string;
}

export interface NavItem {
  label: string;
  /** Path inside a variant (`news/`), or an absolute URL. */
  href: string;
  children?: NavItem[];
}

export interface SiteConfig {
  root: string;
  name: string;
  tagline?: string;
  phone: string;
  url: string;
  timeZone: string;
  defaultLang: string;
  /** The script the UI text, names and navigation in this file are written in. */
  dataLang: string;
  variants: Variant[];
  sections: Section[];
  nav: NavItem[];
  pageSize: number;
  homeCount: number;
  hubCount: number;
  relatedCount: number;
  mostReadCount: number;
  ui: Record<string, string>;
  glossary: GlossaryEntry[];
  logo?: string;
  /** Hosts raw-HTML iframes may load from (https only). */
  iframeHosts: string[];
  /** Domains articles may link to without a report; subdomains included. */
  linkAllowlist: string[];
  /** How a link to a domain not on the allowlist is reported. */
  externalLinks: "warning" | "error" | "off";
  /** Longest headline, in characters. */
  maxTitleLength: number;
  /** Whether glossary terms may change the site's name, navigation and section names (site-data-guard.ts). */
  glossaryChangesNames: boolean;
  /** What content/_data/topics.json says of some topics, in its order (topics-data.ts). */
  topics: TopicEntry[];
}

export const SITE_FILE = "content/_data/site.json";
export const GLOSSARY_FILE = "content/_data/glossary.json";

const LOCALES: readonly OpenccLocale[] = ["cn", "tw", "twp", "hk", "hkp", "t"];

const JSON_HINT = "Fix the JSON syntax (a missing comma or quote).";

/** Glossary: `{ "钟晓岚": "鍾曉嵐" }` (Simplified: Traditional) or `{ "钟晓岚": { "zh-Hant": "…", "zh-HK": "…" } }`. */
export function glossaryEntries(
  raw: unknown,
  variants: readonly Variant[],
  file: string,
  problems: Problems,
  line?: number,
  /** The line of one term, where the file gives it. */
  termLine: (term: string) => number | undefined = () => line,
): GlossaryEntry[] {
  if (raw == null) return [];
  if (typeof raw !== "object" || Array.isArray(raw)) {
    problems.error(file, "must map Simplified terms to Traditional ones.", { field: "glossary", line, hint: 'Write e.g. {"钟晓岚": "鍾曉嵐"}.' });
    return [];
  }
  const hans = variants.filter((v) => v.opencc === "cn").map((v) => v.lang);
  const hant = variants.filter((v) => v.opencc !== "cn").map((v) => v.lang);
  const entries: GlossaryEntry[] = [];
  // Own keys only: a term named constructor or toString is a term like any other.
  for (const [simplified, value] of Object.entries(raw as Record<string, unknown>)) {
    const entry: GlossaryEntry = {};
    for (const lang of hans) entry[lang] = simplified;
    if (typeof value === "string") {
      for (const lang of hant) entry[lang] = value;
    } else if (value && typeof value === "object" && !Array.isArray(value)) {
      const map = value as Record<string, unknown>;
      const fallback = Object.values(map).find((x) => typeof x === "string") as string | undefined;
      for (const lang of hant) {
        const own = Object.hasOwn(map, lang) ? map[lang] : undefined;
        entry[lang] = typeof own === "string" ? own : (fallback ?? simplified);
      }
    } else {
      problems.error(file, `the term ${JSON.stringify(simplified)} has no Traditional form.`, { field: "glossary", line: termLine(simplified), hint: 'Write "简体": "繁體".' });
      continue;
    }
    entries.push(entry);
  }
  return entries;
}

/** A key of site data, never an inherited property (constructor, toString …). */
function own(obj: Record<string, unknown>, key: string): unknown {
  return obj !== null && typeof obj === "object" && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

function str(obj: Record<string, unknown>, key: string, problems: Problems, fallback?: string): string {
  const v = own(obj, key);
  if (typeof v === "string" && v.trim()) return v;
  if (fallback !== undefined) return fallback;
  problems.error(SITE_FILE, "is required and must be text.", { field: key, hint: `Add "${key}": "…" to the site data.` });
  return "";
}

function int(obj: Record<string, unknown>, key: string, fallback: number, problems: Problems): number {
  const v = own(obj, key);
  if (v === undefined) return fallback;
  if (typeof v === "number" && Number.isInteger(v) && v > 0) return v;
  problems.error(SITE_FILE, `must be a positive whole number, not ${JSON.stringify(v)}.`, { field: key });
  return fallback;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

export function loadSiteConfig(root: string, outer: Problems): SiteConfig {
  const problems = new Problems();
  const file = readDataFile(root, SITE_FILE, problems, JSON_HINT);
  try {
    return siteConfigOf(root, file, problems);
  } finally {
    // Problems about site.json get the line of their field, from the file's own positions.
    for (const p of problems.list) {
      if (file && p.file === SITE_FILE && p.line === undefined && p.field) p.line = file.keyLine(p.field.split(/[[\].]+/).filter(Boolean));
      outer.list.push(p);
    }
  }
}

/** The field rules of site.json. */
function siteConfigOf(root: string, file: DataFile | undefined, problems: Problems): SiteConfig {
  const raw = file?.data;
  if (raw === undefined || typeof raw !== "object" || raw === null) {
    if (!problems.errors.some((p) => p.file === SITE_FILE)) {
      problems.error(SITE_FILE, "is missing.", { hint: "Create it: see the README, section Site data." });
    }
  }
  const data = (raw ?? {}) as Record<string, unknown>;

  const variants: Variant[] = [];
  const rawVariants = Array.isArray(data.variants) ? (data.variants as Record<string, unknown>[]) : [];
  if (rawVariants.length === 0) {
    problems.error(SITE_FILE, "must list the script variants of the site.", { field: "variants", hint: 'e.g. [{"lang": "zh-Hans", "path": "zh-hans", "label": "简体", "short": "简", "opencc": "cn"}, …]' });
  }
  for (const [i, v] of rawVariants.entries()) {
    const field = `variants[${i}]`;
    const lang = typeof v.lang === "string" ? v.lang : "";
    const opencc = v.opencc as OpenccLocale;
    if (!/^zh-[A-Za-z]{2,4}$/.test(lang)) problems.error(SITE_FILE, `lang ${JSON.stringify(v.lang)} is not a Chinese language tag.`, { field, hint: "Use zh-Hans, zh-Hant, zh-HK …" });
    if (!LOCALES.includes(opencc)) problems.error(SITE_FILE, `opencc ${JSON.stringify(v.opencc)} is not an OpenCC locale.`, { field, hint: `Use one of ${LOCALES.join(", ")}.` });
    const path = typeof v.path === "string" ? v.path : lang.toLowerCase();
    if (!/^[a-z0-9-]+$/.test(path)) problems.error(SITE_FILE, `path ${JSON.stringify(path)} must be lower-case ASCII.`, { field });
    variants.push({
      lang,
      path,
      label: typeof v.label === "string" ? v.label : lang,
      short: typeof v.short === "string" ? v.short : (typeof v.label === "string" ? v.label.slice(0, 1) : lang),
      opencc,
      newsLanguage: typeof v.newsLanguage === "string" ? v.newsLanguage : opencc === "cn" ? "zh-cn" : "zh-tw",
      browserLanguages: Array.isArray(v.browserLanguages) ? (v.browserLanguages as string[]).map((s) => s.toLowerCase()) : [lang.toLowerCase()],
      ...readSettings(v, (message, hint) => problems.error(SITE_FILE, message, { field, hint })),
    });
  }
  const langs = variants.map((v) => v.lang);

  const timeZone = str(data, "timeZone", problems, "Asia/Shanghai");
  if (!IANAZone.isValidZone(timeZone)) problems.error(SITE_FILE, `${JSON.stringify(timeZone)} is not a time zone.`, { field: "timeZone", hint: "Use an IANA name such as Asia/Shanghai." });

  const defaultLang = str(data, "defaultLang", problems, langs[0] ?? "zh-Hans");
  if (langs.length && !langs.includes(defaultLang)) problems.error(SITE_FILE, `${JSON.stringify(defaultLang)} is not one of the variants (${langs.join(", ")}).`, { field: "defaultLang" });
  const dataLang = str(data, "dataLang", problems, defaultLang);
  if (langs.length && !langs.includes(dataLang)) problems.error(SITE_FILE, `${JSON.stringify(dataLang)} is not one of the variants (${langs.join(", ")}).`, { field: "dataLang" });

  const sections: Section[] = [];
  for (const [i, s] of (Array.isArray(data.sections) ? (data.sections as Record<string, unknown>[]) : []).entries()) {
    const id = typeof s.id === "string" ? s.id : "";
    if (!/^[a-z0-9-]+$/.test(id)) problems.error(SITE_FILE, `section id ${JSON.stringify(s.id)} must be lower-case ASCII, the name of its folder under content/news/.`, { field: `sections[${i}]` });
    else if (reservedSectionIds.includes(id)) problems.error(SITE_FILE, `section id ${JSON.stringify(id)} is the address of other pages of the site (${inner.section(id)}).`, { field: `sections[${i}].id`, hint: "Give the section another id, and its folder that name." });
    sections.push({
      id,
      name: typeof s.name === "string" ? s.name : id,
      requireSource: s.requireSource === true,
      description: typeof s.description === "string" ? s.description : undefined,
    });
  }
  if (sections.length === 0) problems.error(SITE_FILE, "must list at least one news section.", { field: "sections", hint: 'e.g. [{"id": "media-focus", "name": "媒體聚焦", "requireSource": true}]' });

  const url = str(data, "url", problems).replace(/\/+$/, "");
  if (url && !/^https?:\/\/[^/]+/.test(url)) problems.error(SITE_FILE, `${JSON.stringify(url)} is not an absolute http(s) URL.`, { field: "url" });

  const ui: Record<string, string> = {};
  for (const [k, v] of Object.entries((data.ui ?? {}) as Record<string, unknown>)) if (typeof v === "string") ui[k] = v;

  const glossaryFile = readDataFile(root, GLOSSARY_FILE, problems, JSON_HINT);
  const siteGlossary = glossaryEntries(glossaryFile?.data, variants, GLOSSARY_FILE, problems, undefined, (term) => glossaryFile?.keyLine([term]));

  return {
    root,
    name: str(data, "name", problems),
    tagline: typeof data.tagline === "string" ? data.tagline : undefined,
    phone: str(data, "phone", problems, ""),
    url,
    timeZone,
    defaultLang,
    dataLang,
    variants,
    sections,
    nav: Array.isArray(data.nav) ? (data.nav as NavItem[]) : [],
    pageSize: int(data, "pageSize", 20, problems),
    homeCount: int(data, "homeCount", 8, problems),
    hubCount: int(data, "hubCount", 5, problems),
    relatedCount: int(data, "relatedCount", 4, problems),
    mostReadCount: int(data, "mostReadCount", 5, problems),
    ui,
    glossary: siteGlossary,
    logo: typeof data.logo === "string" ? data.logo : undefined,
    iframeHosts: strings(data.iframeHosts),
    linkAllowlist: strings(data.linkAllowlist).map((d) => d.toLowerCase()),
    externalLinks: data.externalLinks === "error" || data.externalLinks === "off" ? data.externalLinks : "warning",
    maxTitleLength: int(data, "maxTitleLength", 60, problems),
    glossaryChangesNames: data.glossaryChangesNames === true,
    topics: readTopics(root, problems),
  };
}

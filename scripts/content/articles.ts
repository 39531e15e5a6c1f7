// Reads every article under content/news/<section>/, checks its front matter against the
// rules editors are told in the README, and renders its body. Problems are collected, not
// thrown, so one build reports all of them. Unchanged files are not read again (dev server).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
import { DateTime } from "luxon";
import { DATE_FORMS, hasTimeOfDay, parseEditorDate } from "./dates.ts";
import { FrontMatterSyntaxError, parseFrontMatter, type ParsedFile } from "./front-matter.ts";
import { Problems, type Problem } from "./problems.ts";
import { renderMarkdown } from "../markdown/markdown.ts";
import { resolvePhoto, type MediaCopy, type Photo } from "../markdown/photos.ts";
import type { LinkRef } from "../markdown/markdown.ts";
import { scanForSpam, type Blocklist } from "./spam-guard.ts";
import { findMarkup } from "../convert/editor-markup.ts";
import { glossaryEntries, type SiteConfig } from "../site/site-config.ts";
import type { GlossaryEntry } from "../convert/script-converter.ts";

export const NEWS_DIR = "content/news";

/** "Now" for checks: NEWSROOM_NOW (ISO) makes builds and tests reproducible. */
export function buildTime(): DateTime {
  const fixed = process.env.NEWSROOM_NOW;
  return fixed ? DateTime.fromISO(fixed, { setZone: true }) : DateTime.now();
}

export interface ArticleSource {
  /** Path relative to the project root. */
  file: string;
  section: string;
  slug: string;
  lang: string;
  date: DateTime;
  /** False when the editor gave a day only: pages then show no time. */
  dateHasTime: boolean;
  updated?: DateTime;
  title: string;
  source?: string;
  editor: string;
  views: number;
  summary: string;
  tags: string[];
  draft: boolean;
  cover?: Photo;
  glossary: GlossaryEntry[];
  /** Body HTML in the editor's script, editor markup (-{…}-) still in place. */
  html: string;
  photos: Photo[];
  /** Media to publish: absolute source path → public path and the file published (markdown/photos.ts). */
  copies: Map<string, MediaCopy>;
  /** Path after the variant prefix: news/media-focus/2024/10/slug/ */
  path: string;
  /** Links in the body, and the ids anchors may point at: for the link checks. */
  links: LinkRef[];
  ids: Set<string>;
}

const KNOWN_FIELDS = new Set(["title", "date", "source", "editor", "views", "lang", "summary", "cover", "tags", "updated", "slug", "draft", "glossary"]);
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function listMarkdownFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string): void => {
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith(".")) continue;
      const p = join(abs, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith(".md")) out.push(relative(root, p).split(sep).join("/"));
    }
  };
  walk(join(root, dir));
  return out;
}

function summaryFrom(body: string): string {
  // The first paragraph of prose: not a heading, photo, list or quote.
  for (const block of body.split(/\n\s*\n/)) {
    const text = block.trim();
    if (!text || /^(#|!\[|[-*+] |\d+\. |>|```|\||<)/.test(text)) continue;
    const plain = text
      .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/[*_`~]+/g, "")
      .replace(/\s*\n\s*/g, "")
      .trim();
    if (plain) return clip(plain, 120);
  }
  return "";
}

/** Clips to `max` characters, never inside editor markup (-{…}-): a span is kept whole or left out. */
function clip(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  let cut = chars.slice(0, max - 1).join("").length;
  for (const span of findMarkup(text)) if (span.start < cut && cut < span.end) cut = span.start;
  return text.slice(0, cut) + "…";
}

export interface ReadEntry {
  key: string;
  /** The photos' times and sizes when the article was read: a replaced photo may have new dimensions. */
  photos: string;
  result: { article: ArticleSource | null; problems: Problem[] };
}
const fileCache = new Map<string, ReadEntry>();

export interface LoadOptions {
  includeDrafts: boolean;
  blocklist: Blocklist;
}

/** Reads one article; returns null (with problems) when it cannot be built. */
export function loadArticle(site: SiteConfig, file: string, options: LoadOptions): { article: ArticleSource | null; problems: Problem[] } {
  return loadArticleEntry(site, file, options).result;
}

/** loadArticle, with what the read depended on (for another thread to prime its cache with). */
export function loadArticleEntry(site: SiteConfig, file: string, options: LoadOptions): ReadEntry {
  const abs = join(site.root, file);
  const key = fileKey(site, abs, options);
  const hit = fileCache.get(abs);
  if (hit && hit.key === key && hit.result.article && photosKey(hit.result.article) === hit.photos) return hit;
  const problems = new Problems();
  const article = readArticle(site, file, readFileSync(abs, "utf8"), problems, options);
  const entry = { key, photos: photosKey(article), result: { article, problems: problems.list } };
  fileCache.set(abs, entry);
  return entry;
}

const blocklistKeys = new WeakMap<Blocklist, string>();

/** What an article's reading depends on besides its text: its file's time and size, and the options. */
function fileKey(site: SiteConfig, abs: string, options: LoadOptions): string {
  const st = statSync(abs);
  let blocklist = blocklistKeys.get(options.blocklist);
  if (!blocklist) blocklistKeys.set(options.blocklist, (blocklist = createHash("sha1").update(options.blocklist.terms.join("\n")).digest("base64url")));
  return `${st.mtimeMs}:${st.size}:${site.timeZone}:${options.includeDrafts}:${blocklist}`;
}

/** Whether no article has been read in this process yet (the dev server reads again only what changed). */
export function nothingReadYet(): boolean {
  return fileCache.size === 0;
}

/** An article read elsewhere (another thread: content/parallel-read.ts), as if loadArticle had read it. */
export function primeArticle(site: SiteConfig, file: string, entry: ReadEntry): void {
  fileCache.set(join(site.root, file), entry);
}

function photosKey(article: ArticleSource | null): string {
  if (!article) return "";
  let key = "";
  for (const src of article.copies.keys()) {
    try {
      const st = statSync(src);
      key += `${st.mtimeMs}:${st.size};`;
    } catch {
      key += "gone;";
    }
  }
  return key;
}

export function readArticle(site: SiteConfig, file: string, text: string, problems: Problems, options: LoadOptions): ArticleSource | null {
  let parsed: ParsedFile;
  try {
    parsed = parseFrontMatter(text);
  } catch (err) {
    if (err instanceof FrontMatterSyntaxError) {
      problems.error(file, `the front matter is not valid YAML: ${err.message}.`, {
        line: err.line,
        hint: "Check the indentation and quote values that contain a colon (:) or start with a symbol.",
      });
      return null;
    }
    throw err;
  }
  const { data, fieldLines } = parsed;
  const at = (field: string) => ({ field, line: fieldLines[field] ?? 1 });
  scanForSpam(file, text, options.blocklist, problems);
  if (!text.replace(/^\uFEFF/, "").startsWith("---")) {
    problems.error(file, "has no front matter.", { line: 1, hint: "Start the file with a --- block holding title, date, editor … (see the README)." });
    return null;
  }

  for (const key of Object.keys(data)) {
    if (!KNOWN_FIELDS.has(key)) problems.warn(file, `unknown field, ignored.`, { ...at(key), hint: `Known fields: ${[...KNOWN_FIELDS].join(", ")}.` });
  }

  const parts = file.split("/");
  const sectionId = parts[2] ?? "";
  const section = site.sections.find((s) => s.id === sectionId);
  if (!section) {
    problems.error(file, `is in the folder "${sectionId}", which is not a section.`, {
      line: 1,
      hint: `Move it under content/news/<section>/ for one of: ${site.sections.map((s) => s.id).join(", ")}; or add the section to content/_data/site.json.`,
    });
  }

  const text_ = (field: string, required: boolean): string | undefined => {
    const v = data[field];
    if (v === undefined || v === null || (typeof v === "string" && v.trim() === "")) {
      if (required) problems.error(file, "is required.", { ...at(field), hint: `Add a line "${field}: …" to the front matter.` });
      return undefined;
    }
    if (typeof v === "string") return v.trim();
    if (typeof v === "number") return String(v);
    problems.error(file, `must be text, not ${Array.isArray(v) ? "a list" : typeof v}.`, at(field));
    return undefined;
  };

  const title = text_("title", true);
  if (title && Array.from(title).length > site.maxTitleLength) {
    problems.error(file, `is ${Array.from(title).length} characters long; the most is ${site.maxTitleLength}.`, {
      ...at("title"),
      hint: "Shorten the headline (the rest belongs in the summary), or raise maxTitleLength in site data.",
    });
  }
  const editor = text_("editor", true);
  const source = text_("source", false);
  if (section?.requireSource && !source && (data.source === undefined || data.source === null || data.source === "")) {
    problems.error(file, `is required in ${section.id} (${section.name}): name the outlet the article first appeared in.`, {
      ...at("source"),
      hint: 'Add a line such as "source: 重慶日報".',
    });
  }

  const date = readDate("date", true);
  if (date && date > buildTime()) {
    problems.warn(file, `${date.toFormat("yyyy-MM-dd HH:mm")} is in the future.`, { ...at("date"), hint: "Check the year and month; the article is published with this date all the same." });
  }
  const updated = readDate("updated", false);
  function readDate(field: string, required: boolean): DateTime | undefined {
    const v = data[field];
    if (v === undefined || v === null || v === "") {
      if (required) problems.error(file, "is required.", { ...at(field), hint: `Add e.g. "${field}: 2024-10-16 09:57" (${site.timeZone} time).` });
      return undefined;
    }
    const dt = typeof v === "string" ? parseEditorDate(v, site.timeZone) : null;
    if (!dt) {
      problems.error(file, `${JSON.stringify(v)} is not a date this site can read.`, { ...at(field), hint: `Write one of: ${DATE_FORMS}.` });
      return undefined;
    }
    return dt;
  }

  let views = 0;
  if (data.views !== undefined && data.views !== null) {
    const v = data.views;
    const n = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v.trim()) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || n < 0) {
      problems.error(file, `${JSON.stringify(v)} is not a whole number of 0 or more.`, { ...at("views"), hint: "Write the view count as digits, e.g. views: 1200, or leave the line out." });
    } else views = n;
  }

  const langs = site.variants.map((v) => v.lang);
  let lang = site.defaultLang;
  if (data.lang !== undefined) {
    if (typeof data.lang === "string" && langs.includes(data.lang)) lang = data.lang;
    else {
      const near = typeof data.lang === "string" ? langs.find((l) => l.toLowerCase() === data.lang!.toString().toLowerCase()) : undefined;
      problems.error(file, `${JSON.stringify(data.lang)} is not a script of this site.`, {
        ...at("lang"),
        hint: near ? `Write ${near} exactly.` : `Use one of: ${langs.join(", ")} (the script you wrote the article in).`,
      });
    }
  }

  let slug = "";
  if (data.slug !== undefined) {
    if (typeof data.slug === "string" && SLUG.test(data.slug)) slug = data.slug;
    else problems.error(file, `${JSON.stringify(data.slug)} is not a valid slug.`, { ...at("slug"), hint: "Use lower-case ASCII letters, digits and single hyphens, e.g. slug: smart-port-opens." });
  } else {
    const name = basename(file, ".md");
    const candidate = name === "index" ? basename(dirname(file)) : name;
    if (SLUG.test(candidate)) slug = candidate;
    else problems.error(file, `the file name "${candidate}" cannot be a URL.`, { field: "slug", line: 1, hint: "Add slug: with lower-case ASCII letters, digits and hyphens, or rename the file so." });
  }

  let tags: string[] = [];
  if (data.tags !== undefined && data.tags !== null) {
    if (Array.isArray(data.tags) && data.tags.every((t) => typeof t === "string" || typeof t === "number")) tags = data.tags.map(String);
    else if (typeof data.tags === "string") tags = data.tags.split(/[,，、]\s*/).filter(Boolean);
    else problems.error(file, "must be a list of words.", { ...at("tags"), hint: "Write tags: [算力, 數字經濟]." });
  }

  let draft = false;
  if (data.draft !== undefined) {
    if (typeof data.draft === "boolean") draft = data.draft;
    else problems.error(file, `${JSON.stringify(data.draft)} must be true or false.`, at("draft"));
  }

  const summary = text_("summary", false);
  const glossary = glossaryEntries(data.glossary, site.variants, file, problems, fieldLines.glossary);

  if (!title || !editor || !date || !slug || !section || (section.requireSource && !source)) {
    return null;
  }
  if (draft && !options.includeDrafts) return null;

  const path = `news/${section.id}/${date.toFormat("yyyy")}/${date.toFormat("MM")}/${slug}/`;
  const copies = new Map<string, MediaCopy>();
  const photos: Photo[] = [];
  const links: LinkRef[] = [];
  const ids = new Set<string>();
  const env = {
    root: site.root,
    file,
    mediaBase: `/media/${path.slice(0, -1)}`,
    problems,
    bodyLine: parsed.bodyLine,
    copies,
    photos,
    htmlPolicy: { iframeHosts: site.iframeHosts },
    links,
    ids,
  };
  const html = renderMarkdown(parsed.body, env);

  let cover: Photo | undefined;
  if (data.cover !== undefined) {
    const c = text_("cover", false);
    if (c) {
      const before = photos.length;
      cover = resolvePhoto(c, { ...env, bodyLine: 0 }, fieldLines.cover);
      photos.splice(before); // the cover is not one of the body's photos
    }
  }

  return {
    file,
    section: section.id,
    slug,
    lang,
    date,
    dateHasTime: typeof data.date === "string" && hasTimeOfDay(data.date),
    updated,
    title,
    source,
    editor,
    views,
    summary: summary ?? summaryFrom(parsed.body),
    tags,
    draft,
    cover: cover ?? photos[0],
    glossary,
    html,
    photos,
    copies,
    path,
    links,
    ids,
  };
}

/** Every article of the site, with every problem found on the way. */
export function loadArticles(site: SiteConfig, problems: Problems, options: LoadOptions): ArticleSource[] {
  const articles: ArticleSource[] = [];
  for (const file of listMarkdownFiles(site.root, NEWS_DIR)) {
    const { article, problems: found } = loadArticle(site, file, options);
    problems.list.push(...found);
    if (article) articles.push(article);
  }
  // Two articles at one URL: name both, so the editor can rename one.
  const byPath = new Map<string, ArticleSource>();
  for (const a of articles) {
    const other = byPath.get(a.path);
    if (other) {
      problems.error(a.file, `has the same URL (/${a.path}) as ${other.file}.`, { field: "slug", line: 1, hint: "Give one of them another slug: line." });
    } else byPath.set(a.path, a);
  }
  return articles;
}

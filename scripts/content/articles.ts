// Reads every article under content/news/<section>/, checks its front matter against the
// rules editors are told in the README, and renders its body. Problems are collected, not
// thrown, so one build reports all of them. Unchanged files are not read again (dev server).
import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, sep } from "node:path";
import { DateTime } from "luxon";
import { hasTimeOfDay } from "./dates.ts";
import { decodeEditorText } from "./editor-file.ts";
import { checkUnclosedMarkup, Fields, hasReadableText, LIMITS } from "./fields.ts";
import { FrontMatterSyntaxError, keyLine, parseFrontMatter, type ParsedFile } from "./front-matter.ts";
import { Problems, type Problem } from "./problems.ts";
import { renderMarkdown } from "../markdown/markdown.ts";
import { resolvePhoto, type MediaCopy, type Photo, type PhotoContext } from "../markdown/photos.ts";
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
  /** draft: true, or in a folder whose name starts with _ (_drafts/): read and checked, never built. */
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
  /** Lines of the fields problems found later point at (same URL, same title). */
  lines: { title: number; slug: number };
}

const KNOWN_FIELDS = new Set(["title", "date", "source", "editor", "views", "lang", "summary", "cover", "tags", "updated", "slug", "draft", "glossary"]);
/** Markdown files: .md and .markdown, in any case (.MD from Windows). */
export const MARKDOWN_FILE = /\.(?:md|markdown)$/i;

/** The file's name without its Markdown extension. */
export function markdownName(file: string): string {
  return basename(file).replace(MARKDOWN_FILE, "");
}

/**
 * The Markdown files under `dir`, sorted. A symbolic link to a Markdown file inside the site is
 * read like the file; one that leads outside the site, or nowhere, is an error, and a link to a
 * folder is not followed (a warning): `problems` receives them when given.
 */
export function listMarkdownFiles(root: string, dir: string, problems?: Problems): string[] {
  const out: string[] = [];
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = root;
  }
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
      const file = relative(root, p).split(sep).join("/");
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && MARKDOWN_FILE.test(e.name)) out.push(file);
      else if (e.isSymbolicLink()) {
        let target: string;
        try {
          target = realpathSync(p);
        } catch {
          if (MARKDOWN_FILE.test(e.name)) problems?.error(file, "is a symbolic link that leads nowhere.", { line: 1, hint: "Delete the link, or put the article itself here." });
          continue;
        }
        const inside = relative(realRoot, target);
        const outside = inside.startsWith("..") || isAbsolute(inside);
        const isDir = statSync(target).isDirectory();
        if (!isDir && !MARKDOWN_FILE.test(e.name)) continue; // a linked photo: photos.ts judges it
        if (outside) {
          problems?.error(file, `is a symbolic link to ${target}, outside the site: it is not read.`, { line: 1, hint: "Copy the file into the site instead of linking to it." });
        } else if (isDir) {
          problems?.warn(file, "is a symbolic link to a folder; its articles are not read.", { line: 1, hint: `Move the articles here, or into ${inside.split(sep).join("/")} only.` });
        } else out.push(file);
      }
    }
  };
  walk(join(root, dir));
  return out;
}

/** A file in a folder whose name starts with _ (content/news/media-focus/_drafts/…) is a draft. */
export function inDraftFolder(file: string): boolean {
  return file.split("/").slice(0, -1).some((part) => part.startsWith("_"));
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
  const text = decodeEditorText(file, readFileSync(abs), problems);
  const article = text === null ? null : readArticle(site, file, text, problems, options);
  const entry = { key, photos: photosKey(article), result: { article, problems: problems.list } };
  fileCache.set(abs, entry);
  return entry;
}

/** What an article's reading depends on besides its text: its file's time and size, and the options. */
function fileKey(site: SiteConfig, abs: string, options: LoadOptions): string {
  const st = statSync(abs);
  return `${st.mtimeMs}:${st.size}:${site.timeZone}:${options.includeDrafts}:${options.blocklist.version}`;
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
      problems.error(file, err.message, { line: err.line, hint: err.hint });
      return null;
    }
    throw err;
  }
  scanForSpam(file, text, options.blocklist, problems, parsed);
  checkUnclosedMarkup(file, text, problems, parsed.bodyLine);
  if (!parsed.hasFrontMatter) {
    problems.error(file, "has no front matter.", { line: 1, hint: "Start the file with a --- block holding title, date, editor … (see the README)." });
    return null;
  }
  const fields = new Fields(file, parsed, problems);
  const { data, fieldLines } = parsed;
  const at = (field: string) => fields.at(field);
  fields.unknown(KNOWN_FIELDS);

  // content/news/<section>/…; folders starting with _ (drafts) are not sections.
  const parts = file.split("/");
  const sectionId = parts.slice(2, -1).find((p) => !p.startsWith("_")) ?? parts[2] ?? "";
  const section = site.sections.find((s) => s.id === sectionId);
  if (!section) {
    problems.error(file, `is in the folder "${sectionId}", which is not a section.`, {
      line: 1,
      hint: `Move it under content/news/<section>/ for one of: ${site.sections.map((s) => s.id).join(", ")}; or add the section to content/_data/site.json.`,
    });
  }

  const title = fields.text("title", { required: true, example: "嘉陵數智集團發布西部算力調度平臺" });
  if (title && Array.from(title).length > site.maxTitleLength) {
    problems.error(file, `is ${Array.from(title).length} characters long; the most is ${site.maxTitleLength}.`, {
      ...at("title"),
      hint: "Shorten the headline (the rest belongs in the summary), or raise maxTitleLength in site data.",
    });
  }
  const editor = fields.text("editor", { required: true, max: LIMITS.editor, example: "譚鑫" });
  const source = fields.text("source", {
    required: section?.requireSource === true,
    max: LIMITS.source,
    missing: section ? `is required in ${section.id} (${section.name}): name the outlet the article first appeared in.` : undefined,
    example: "重慶日報",
  });

  const date = fields.date("date", site.timeZone, true);
  if (date && date > buildTime()) {
    problems.warn(file, `${date.toFormat("yyyy-MM-dd HH:mm")} is in the future.`, { ...at("date"), hint: "Check the year and month; the article is published with this date all the same." });
  }
  const updated = fields.date("updated", site.timeZone, false);
  if (date && updated && updated < date) {
    problems.error(file, `${updated.toFormat("yyyy-MM-dd HH:mm")} is before the date of the article (${date.toFormat("yyyy-MM-dd HH:mm")}).`, {
      ...at("updated"),
      hint: "An article is updated after it is published: correct the date, or leave updated: out.",
    });
  }

  let views = 0;
  if (fields.has("views") && data.views !== null) {
    const v = data.views;
    // Digits past 2^53 - 1 arrive as the text written (front-matter.ts) and are refused here.
    const n = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
    if (!Number.isSafeInteger(n) || n < 0) {
      const tooBig = typeof v === "string" && /^\d+$/.test(v.trim());
      problems.error(file, tooBig ? `${v.trim()} is larger than the largest count this site can hold (${Number.MAX_SAFE_INTEGER}).` : `${JSON.stringify(v)} is not a whole number of 0 or more.`, {
        ...at("views"),
        hint: "Write the view count as digits, e.g. views: 1200, or leave the line out.",
      });
    } else views = n;
  }

  const lang = fields.lang(site.variants.map((v) => v.lang), site.defaultLang);
  const name = markdownName(file);
  const slug = fields.slug(name.toLowerCase() === "index" ? basename(dirname(file)) : name);

  let tags: string[] = [];
  if (fields.has("tags") && data.tags !== null) {
    if (Array.isArray(data.tags) && data.tags.every((t) => typeof t === "string" || typeof t === "number")) tags = data.tags.map(String).filter((t) => !/^\s*$/u.test(t));
    else if (typeof data.tags === "string") tags = data.tags.split(/[,，、]\s*/).filter(Boolean);
    else problems.error(file, "must be a list of words.", { ...at("tags"), hint: "Write tags: [算力, 數字經濟]." });
  }

  const draft = fields.flag("draft") || inDraftFolder(file);
  const summary = fields.text("summary", { max: LIMITS.summary });
  const glossary = glossaryEntries(fields.has("glossary") ? data.glossary : undefined, site.variants, file, problems, fieldLines.glossary, (term) => keyLine(parsed, "glossary", term));

  if (!title || !editor || !date || !slug || !section || (section.requireSource && !source)) {
    return null;
  }

  // Drafts are read, rendered and checked like any article (check and build report the same
  // problems); only publishing them is left to the caller (loadArticles).
  const path = `news/${section.id}/${date.toFormat("yyyy")}/${date.toFormat("MM")}/${slug}/`;
  const copies: PhotoContext["copies"] = new Map();
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
  if (!hasReadableText(html)) {
    problems.error(file, "has no text: the article's body is empty, or holds only photos.", {
      line: parsed.bodyLine,
      hint: "Write the article below the closing --- (a photo's caption is not its text).",
    });
  }

  let cover: Photo | undefined;
  if (fields.has("cover")) {
    const c = fields.text("cover");
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
    lines: { title: at("title").line, slug: at("slug").line },
  };
}

/** Every article of the site to publish (drafts too with includeDrafts), with every problem found on the way. */
export function loadArticles(site: SiteConfig, problems: Problems, options: LoadOptions): ArticleSource[] {
  return loadAllArticles(site, problems, options).articles;
}

/**
 * Every article, drafts included, read and checked the same way whatever the caller (build,
 * check, dev server); `articles` is what is published, `drafts` what is read but not published.
 */
export function loadAllArticles(site: SiteConfig, problems: Problems, options: LoadOptions): { articles: ArticleSource[]; drafts: ArticleSource[] } {
  const all: ArticleSource[] = [];
  for (const file of listMarkdownFiles(site.root, NEWS_DIR, problems)) {
    const { article, problems: found } = loadArticle(site, file, options);
    problems.list.push(...found);
    if (article) all.push(article);
  }
  // Two articles at one URL, drafts too (a draft is published one day): name both, so the
  // editor can rename one.
  const byPath = new Map<string, ArticleSource>();
  for (const a of all) {
    const other = byPath.get(a.path);
    if (other) {
      problems.error(a.file, `has the same URL (/${a.path}) as ${other.file}.`, { field: "slug", line: a.lines.slug, hint: "Give one of them another slug: line." });
    } else byPath.set(a.path, a);
  }
  const articles = options.includeDrafts ? all : all.filter((a) => !a.draft);
  return { articles, drafts: all.filter((a) => a.draft && !options.includeDrafts) };
}

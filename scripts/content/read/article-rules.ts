// What an article's front matter must hold (README, "Writing an article"), and what an article
// read from content/news/<section>/ becomes. The steps around it are document.ts's.
import type { DateTime } from "luxon";
import type { GlossaryEntry } from "../../convert/script-converter.ts";
import { findMarkup } from "../../convert/editor-markup.ts";
import type { Photo } from "../../markdown/photos.ts";
import { glossaryEntries, type Section } from "../../site/site-config.ts";
import { inner, sitePaths } from "../../site/urls.ts";
import type { ArticleSource } from "../articles.ts";
import { hasTimeOfDay } from "../dates.ts";
import { aliasesRule } from "./alias-rule.ts";
import { draftRule, langRule, slugRule, summaryRule, titleRule } from "./common-rules.ts";
import type { Body } from "./body.ts";
import type { DocumentKind, Place, Reading } from "./document.ts";
import { LIMITS } from "./fields.ts";
import { keyLine } from "./front-matter.ts";
import { ownCopy } from "../own-copy.ts";

const KNOWN_FIELDS = new Set(["title", "date", "source", "editor", "views", "lang", "summary", "cover", "tags", "updated", "slug", "draft", "glossary", "aliases"]);

/** An article's fields as its rules read them: undefined where missing or wrong (reported). */
interface ArticleFields {
  section?: Section;
  title?: string;
  editor?: string;
  source?: string;
  date?: DateTime;
  updated?: DateTime;
  views: number;
  lang: string;
  slug: string;
  tags: string[];
  draft: boolean;
  summary?: string;
  glossary: GlossaryEntry[];
  aliases: string[];
}

export const articleKind: DocumentKind<ArticleFields, ArticleSource> = {
  noun: "article",
  frontMatterHint: "Start the file with a --- block holding title, date, editor … (see the README).",
  knownFields: KNOWN_FIELDS,
  readFields(reading) {
    // In the order an editor reads the table of fields: problems on one line keep this order.
    const section = sectionRule(reading);
    const title = titleRule(reading, "嘉陵數智集團發布西部算力調度平臺", "Shorten the headline (the rest belongs in the summary)");
    const editor = reading.fields.text("editor", { required: true, max: LIMITS.editor, example: "譚鑫" });
    const source = sourceRule(reading, section);
    const { date, updated } = datesRule(reading);
    const views = viewsRule(reading);
    const lang = langRule(reading);
    const slug = slugRule(reading);
    const tags = tagsRule(reading);
    const draft = draftRule(reading);
    const summary = summaryRule(reading);
    const glossary = glossaryRule(reading);
    const aliases = aliasesRule(reading);
    return { section, title, editor, source, date, updated, views, lang, slug, tags, draft, summary, glossary, aliases };
  },
  place({ section, date, slug }) {
    if (!section || !date || !slug) return null;
    const path = inner.article(section.id, date.toFormat("yyyy"), date.toFormat("MM"), slug);
    return { path, mediaBase: sitePaths.media(path) };
  },
  make: makeArticle,
};

function makeArticle(f: ArticleFields, body: Body, place: Place, reading: Reading): ArticleSource | null {
  const cover = coverRule(reading, body);
  const { section, title, editor, date } = f;
  if (!section || !title || !editor || !date || (section.requireSource && !f.source)) return null;
  const { parsed, fields } = reading;
  return {
    file: reading.file,
    section: section.id,
    slug: f.slug,
    lang: f.lang,
    date,
    dateHasTime: typeof parsed.data.date === "string" && hasTimeOfDay(parsed.data.date),
    updated: f.updated,
    title,
    source: f.source,
    editor,
    views: f.views,
    summary: f.summary ?? summaryFrom(parsed.body),
    tags: f.tags,
    draft: f.draft,
    cover: cover ?? body.photos[0],
    glossary: f.glossary,
    aliases: f.aliases,
    html: body.html,
    photos: body.photos,
    copies: body.copies,
    path: place.path,
    links: body.links,
    ids: body.ids,
    lines: { title: fields.at("title").line, slug: fields.at("slug").line, tags: fields.at("tags").line, aliases: fields.at("aliases").line },
  };
}

/** content/news/<section>/…: the first folder that does not start with _ (drafts) is the section. */
function sectionRule({ site, file, problems }: Reading): Section | undefined {
  const parts = file.split("/");
  const id = parts.slice(2, -1).find((p) => !p.startsWith("_")) ?? parts[2] ?? "";
  const section = site.sections.find((s) => s.id === id);
  if (!section) {
    problems.error(file, `is in the folder "${id}", which is not a section.`, {
      line: 1,
      hint: `Move it under content/news/<section>/ for one of: ${site.sections.map((s) => s.id).join(", ")}; or add the section to content/_data/site.json.`,
    });
  }
  return section;
}

/** The outlet first published in: required in sections that reprint (requireSource). */
function sourceRule({ fields }: Reading, section: Section | undefined): string | undefined {
  return fields.text("source", {
    required: section?.requireSource === true,
    max: LIMITS.source,
    missing: section ? `is required in ${section.id} (${section.name}): name the outlet the article first appeared in.` : undefined,
    example: "重慶日報",
  });
}

/**
 * date (required) and updated (not before date). A date after the build's now is scheduled
 * publishing, decided where the site is loaded (content/schedule.ts), so that what is read
 * here does not depend on when (the dev server keeps readings between rebuilds).
 */
function datesRule({ site, file, fields, problems }: Reading): { date?: DateTime; updated?: DateTime } {
  const date = fields.date("date", site.timeZone, true);
  const updated = fields.date("updated", site.timeZone, false);
  if (date && updated && updated < date) {
    problems.error(file, `${updated.toFormat("yyyy-MM-dd HH:mm")} is before the date of the article (${date.toFormat("yyyy-MM-dd HH:mm")}).`, {
      ...fields.at("updated"),
      hint: "An article is updated after it is published: correct the date, or leave updated: out.",
    });
  }
  return { date, updated };
}

/** views: a whole number from 0 to 2^53 - 1, default 0. */
function viewsRule({ file, fields, problems }: Reading): number {
  const v = fields.data.views;
  if (!fields.has("views") || v === null) return 0;
  // Digits past 2^53 - 1 arrive as the text written (front-matter.ts) and are refused here.
  const digits = typeof v === "string" && /^\d+$/.test(v.trim()) ? v.trim() : undefined;
  const n = typeof v === "number" ? v : digits !== undefined ? Number(digits) : NaN;
  if (Number.isSafeInteger(n) && n >= 0) return n;
  problems.error(file, digits !== undefined ? `${digits} is larger than the largest count this site can hold (${Number.MAX_SAFE_INTEGER}).` : `${JSON.stringify(v)} is not a whole number of 0 or more.`, {
    ...fields.at("views"),
    hint: "Write the view count as digits, e.g. views: 1200, or leave the line out.",
  });
  return 0;
}

/** tags: a list of words, or one line of them separated by commas. */
function tagsRule({ file, fields, problems }: Reading): string[] {
  const tags = fields.data.tags;
  if (!fields.has("tags") || tags === null) return [];
  if (Array.isArray(tags) && tags.every((t) => typeof t === "string" || typeof t === "number")) return tags.map(String).filter((t) => !/^\s*$/u.test(t));
  if (typeof tags === "string") return tags.split(/[,，、]\s*/).filter(Boolean);
  problems.error(file, "must be a list of words.", { ...fields.at("tags"), hint: "Write tags: [算力, 數字經濟]." });
  return [];
}

/** The article's own glossary terms, each problem at its term's line. */
function glossaryRule({ site, file, parsed, fields, problems }: Reading): GlossaryEntry[] {
  const raw = fields.has("glossary") ? fields.data.glossary : undefined;
  return glossaryEntries(raw, site.variants, file, problems, parsed.fieldLines.glossary, (term) => keyLine(parsed, "glossary", term));
}

/** cover: a photo for lists and sharing, checked and published like the body's photos. */
function coverRule({ parsed, fields }: Reading, body: Body): Photo | undefined {
  if (!fields.has("cover")) return undefined;
  const src = fields.text("cover");
  return src ? body.fieldPhoto(src, parsed.fieldLines.cover) : undefined;
}

/** The first paragraph of prose (not a heading, photo, list or quote), clipped to 120 characters. */
function summaryFrom(body: string): string {
  for (const block of body.split(/\n\s*\n/)) {
    const text = block.trim();
    if (!text || /^(#|!\[|[-*+] |\d+\. |>|```|\||<)/.test(text)) continue;
    const plain = text
      .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/[*_`~]+/g, "")
      .replace(/\s*\n\s*/g, "")
      .trim();
    // Kept for the whole build: a copy, not a view of the paragraph (own-copy.ts).
    if (plain) return ownCopy(clip(plain, 120));
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

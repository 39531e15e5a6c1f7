// Spam guard at the source: the site this product is modelled on had its page titles replaced
// with gambling and porn SEO spam. Each thing an article shows a reader is judged as the
// reader will read it, by the scored judge of scripts/spam/: front matter values as YAML
// decoded them, and each body block after tags are stripped, HTML entities decoded and editor
// markup (-{…}-) applied for each script, so 博&#24425;, 博<b>彩</b> and 博-{}-彩 are all 博彩.
// A refusal names the file and line and says what to do. The output audit judges the rendered
// pages with the same judge; this scan is what tells an editor where to look.
import { decodeHTML } from "entities";
import { findMarkup } from "../convert/editor-markup.ts";
import { createSpamJudge, type SpamHit, type SpamJudge, type SpamOptions, type TextKind } from "../spam/judge.ts";
import { BLOCKLIST_FILE, readSpamOptions } from "../spam/options.ts";
import { FrontMatterSyntaxError, parseFrontMatter, type ParsedFile } from "./read/front-matter.ts";
import { Problems } from "./problems.ts";

export { BLOCKLIST_FILE };

/** The site's spam settings as plain data: it crosses to the reading worker (parallel-read.ts),
 * which makes its own judge from it. `version` changes whenever a verdict could. */
export interface Blocklist {
  options: SpamOptions;
  version: string;
}

const judges = new Map<string, SpamJudge>();

/** This thread's judge for the settings (made once per thread and version). */
export function spamJudgeFor(blocklist: Blocklist): SpamJudge {
  let judge = judges.get(blocklist.version);
  if (!judge) {
    judge = createSpamJudge(blocklist.options);
    judges.set(blocklist.version, judge);
  }
  return judge;
}

/** The site's spam settings, from content/_data/blocklist.json (problems for a faulty file). */
export function loadBlocklist(root: string, problems: Problems): Blocklist {
  const options = readSpamOptions(root, problems);
  const judge = createSpamJudge(options);
  judges.set(judge.version, judge);
  return { options, version: judge.version };
}

const HINTS: Record<TextKind, string> = {
  title: "If this is real news, rephrase the headline",
  text: "If this is real news, write it as a report (who did what, where) rather than a run of these terms",
  name: "Names, sources and tags are judged most strictly: write the real name",
};
const ALLOW_HINT = `a term that is your organisation's own name goes under "allow" in ${BLOCKLIST_FILE}.`;

function hintFor(kind: TextKind, hit: SpamHit, blocklist: Blocklist): string {
  const own = hit.markers.filter((m) => blocklist.options.terms.includes(m));
  if (own.length > 0) return `Remove it, or take it off "terms" in ${BLOCKLIST_FILE} if it is no longer spam to you.`;
  return `${HINTS[kind]}; ${ALLOW_HINT}`;
}

/** The text of each script an editor's markup gives: -{A}- is A, -{zh-hans:A;zh-hant:B}- is A in one, B in the other. */
export function markupForms(text: string): string[] {
  const spans = findMarkup(text);
  if (spans.length === 0) return [text];
  const forms = ["", ""];
  let at = 0;
  let variants = false;
  for (const span of spans) {
    const before = text.slice(at, span.start);
    forms[0] += before;
    forms[1] += before;
    if (span.literal) {
      const kept = text.slice(span.literal.start, span.literal.end);
      forms[0] += kept;
      forms[1] += kept;
    } else if (span.variants) {
      variants = true;
      const v = span.variants;
      const values = Object.values(v);
      forms[0] += v["zh-hans"] ?? v["zh-cn"] ?? v["zh-sg"] ?? values[0] ?? "";
      forms[1] += v["zh-hant"] ?? v["zh-tw"] ?? v["zh-hk"] ?? v["zh-mo"] ?? values[values.length - 1] ?? "";
    }
    at = span.end;
  }
  forms[0] += text.slice(at);
  forms[1] += text.slice(at);
  return variants && forms[0] !== forms[1] ? forms : [forms[0]];
}

const IMAGE = /!\[([^\]]*)\]\(\s*<?[^\s)>]*>?(?:\s+["'(]([^"')]*)["')])?\s*\)/g;
const LINK = /(?<!!)\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])/g;
const AUTOLINK = /<((?:https?|ftp):[^>\s]+|[^>\s@]+@[^>\s@]+)>/g;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const TAG = /<\/?[a-zA-Z][^>]*>?/g;
const ATTRIBUTE = /\b(alt|title|aria-label|placeholder)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
const HTML_LINK = /<a\b[^>]*>([\s\S]*?)<\/a\s*>/gi;
const HTML_HEADING = /<h[1-6]\b[^>]*>([\s\S]*?)<\/h[1-6]\s*>/gi;
const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;

/** What a reader reads of some Markdown/HTML: link text, alt and caption, no tags, entities decoded. */
export function readerText(markdown: string): string {
  return decodeHTML(
    markdown
      .replace(COMMENT, "")
      .replace(IMAGE, (_m, alt: string, title?: string) => `${alt} ${title ?? ""}`)
      .replace(LINK, "$1")
      .replace(AUTOLINK, "$1")
      .replace(TAG, ""),
  );
}

interface Piece {
  text: string;
  kind: TextKind;
  label: string;
}

/** The pieces of one body block a reader reads, each with the kind of text it is. */
function blockPieces(block: string): Piece[] {
  const pieces: Piece[] = [];
  const heading = HEADING.exec(block.split("\n")[0]);
  if (heading && !block.includes("\n")) pieces.push({ text: heading[1], kind: "title", label: "the heading" });
  for (const m of block.matchAll(HTML_HEADING)) pieces.push({ text: m[1], kind: "title", label: "the heading" });
  for (const m of block.matchAll(LINK)) pieces.push({ text: m[1], kind: "title", label: "link text" });
  for (const m of block.matchAll(HTML_LINK)) pieces.push({ text: m[1], kind: "title", label: "link text" });
  for (const m of block.matchAll(IMAGE)) {
    pieces.push({ text: m[1], kind: "text", label: "alt text" });
    if (m[2]) pieces.push({ text: m[2], kind: "text", label: "a photo caption" });
  }
  for (const m of block.matchAll(ATTRIBUTE)) {
    const value = m[2] ?? m[3] ?? m[4] ?? "";
    const name = m[1].toLowerCase();
    pieces.push({ text: value, kind: "text", label: name === "alt" ? "alt text" : `a ${name} attribute` });
  }
  if (!(heading && !block.includes("\n"))) pieces.push({ text: block, kind: "text", label: "this paragraph" });
  return pieces;
}

function judgeForms(judge: SpamJudge, raw: string, kind: TextKind, asMarkup: boolean): SpamHit | null {
  for (const form of markupForms(raw)) {
    const readable = asMarkup ? readerText(form) : form;
    const hit = judge.judge(readable, kind);
    if (hit) return hit;
    // Front matter is escaped on output, but a value may still reach a reader decoded elsewhere.
    if (!asMarkup) {
      const decoded = readerText(form);
      if (decoded !== form) {
        const again = judge.judge(decoded, kind);
        if (again) return again;
      }
    }
  }
  return null;
}

const FIELD_KINDS: Record<string, TextKind> = { title: "title", summary: "text", source: "name", editor: "name", tags: "name", glossary: "name" };

/** Reports what in an article (or page) a reader would read as gambling or porn spam. */
export function scanForSpam(file: string, text: string, blocklist: Blocklist, problems: Problems, parsed?: ParsedFile): void {
  const judge = spamJudgeFor(blocklist);
  let doc: Pick<ParsedFile, "data" | "body" | "bodyLine" | "fieldLines">;
  if (parsed) doc = parsed;
  else {
    try {
      doc = parseFrontMatter(text);
    } catch (err) {
      if (!(err instanceof FrontMatterSyntaxError)) throw err;
      // The syntax error is reported by the reader; the whole file is still judged as body.
      doc = { data: {}, body: text, bodyLine: 1, fieldLines: {} };
    }
  }

  for (const [field, kind] of Object.entries(FIELD_KINDS)) {
    const value = doc.data[field];
    const strings: string[] = [];
    if (typeof value === "string") strings.push(value);
    else if (Array.isArray(value)) {
      for (const v of value) if (typeof v === "string") strings.push(v);
    } else if (value && typeof value === "object") {
      // A glossary: what each term becomes (an object per variant, or one text).
      for (const v of Object.values(value as Record<string, unknown>)) {
        if (typeof v === "string") strings.push(v);
        else if (v && typeof v === "object") {
          for (const w of Object.values(v as Record<string, unknown>)) if (typeof w === "string") strings.push(w);
        }
      }
    }
    for (const s of strings) {
      const hit = judgeForms(judge, s, kind, false);
      if (hit) {
        problems.error(file, `reads as gambling/porn spam: ${hit.why}.`, { field, line: doc.fieldLines[field] ?? 1, hint: hintFor(kind, hit, blocklist) });
        break;
      }
    }
  }

  const lines = doc.body.split("\n");
  let start = 0;
  while (start < lines.length) {
    if (lines[start].trim() === "") {
      start++;
      continue;
    }
    let end = start;
    while (end < lines.length && lines[end].trim() !== "") end++;
    const block = lines.slice(start, end).join("\n");
    for (const piece of blockPieces(block)) {
      const hit = judgeForms(judge, piece.text, piece.kind, true);
      if (!hit) continue;
      // A block of several lines: point at the first line that is spam on its own, if one is.
      let line = start;
      if (end - start > 1) {
        for (let i = start; i < end; i++) {
          if (judgeForms(judge, lines[i], piece.kind, true)) {
            line = i;
            break;
          }
        }
      }
      problems.error(file, `${piece.label} reads as gambling/porn spam: ${hit.why}.`, { line: doc.bodyLine + line, hint: hintFor(piece.kind, hit, blocklist) });
      break;
    }
    start = end;
  }
}

// The editor markup of Chinese Wikipedia: -{text}- keeps text as written in every script,
// -{zh-hans:简;zh-hant:繁}- gives the text for each script.
import type { Segment } from "./opencc-engine.ts";

export interface MarkupSpan {
  start: number;
  end: number;
  /** Literal form: the kept text and where it starts. */
  literal?: { start: number; end: number };
  /** Variant form: the text for each language tag, as written … */
  variants?: Record<string, string>;
  /** … and where each one is in the text. */
  ranges?: Record<string, { start: number; end: number }>;
}

const OPEN = "-{";
const CLOSE = "}-";
const VARIANT_FORM = /^\s*zh(?:-[A-Za-z]{2,4})+\s*:/;

/** Finds every well-formed -{…}- in text, left to right, not nested. */
export function findMarkup(text: string): MarkupSpan[] {
  const spans: MarkupSpan[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf(OPEN, from);
    if (open < 0) break;
    const close = text.indexOf(CLOSE, open + OPEN.length);
    if (close < 0) break;
    const body = text.slice(open + OPEN.length, close);
    const span: MarkupSpan = { start: open, end: close + CLOSE.length };
    if (VARIANT_FORM.test(body)) {
      const parsed = parseVariants(body, open + OPEN.length);
      span.variants = parsed.variants;
      span.ranges = parsed.ranges;
    } else {
      span.literal = { start: open + OPEN.length, end: close };
    }
    spans.push(span);
    from = span.end;
  }
  return spans;
}

/**
 * Offsets of each -{ that no }- closes: findMarkup leaves it as text, so the page would show
 * the markup itself. Inline code and fenced code blocks are not converted and not looked at.
 */
export function findUnclosedMarkup(text: string): number[] {
  const masked = text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?(?:^\1[^\n]*$|(?![\s\S]))|`[^`\n]*`/gm, (code) => code.replace(/[^\n]/g, " "));
  const spans = findMarkup(masked);
  const out: number[] = [];
  let from = 0;
  for (;;) {
    const open = masked.indexOf(OPEN, from);
    if (open < 0) break;
    const inside = spans.find((s) => s.start <= open && open < s.end);
    if (inside) from = inside.end;
    else {
      out.push(open);
      from = open + OPEN.length;
    }
  }
  return out;
}

function parseVariants(body: string, offset: number): Pick<MarkupSpan, "variants" | "ranges"> {
  const variants: Record<string, string> = {};
  const ranges: Record<string, { start: number; end: number }> = {};
  let at = offset;
  for (const part of body.split(";")) {
    const m = /^(\s*(zh(?:-[A-Za-z]{2,4})+)\s*:)(.*)$/s.exec(part);
    if (m) {
      const tag = m[2].toLowerCase();
      variants[tag] = m[3];
      ranges[tag] = { start: at + m[1].length, end: at + part.length };
    }
    at += part.length + 1;
  }
  return { variants, ranges };
}

const HANT = ["zh-hant", "zh-tw", "zh-hk", "zh-mo"];
const HANS = ["zh-hans", "zh-cn", "zh-sg", "zh-my"];

/** The tag whose text a variant form gives for `lang`, falling back within the same script family. */
function pickTag(variants: Record<string, string>, lang: string, sourceLang: string): string | undefined {
  const want = lang.toLowerCase();
  if (want in variants) return want;
  const family = HANT.includes(want) ? HANT : HANS.includes(want) ? HANS : [];
  for (const tag of family) if (tag in variants) return tag;
  const source = sourceLang.toLowerCase();
  if (source in variants) return source;
  return Object.keys(variants)[0];
}

/** The text a variant form gives for `lang`, falling back within the same script family. */
export function pickVariant(variants: Record<string, string>, lang: string, sourceLang: string): string {
  const tag = pickTag(variants, lang, sourceLang);
  return tag === undefined ? "" : variants[tag];
}

/** Segments for one markup span: the delimiters vanish, the kept text stays character for character. */
export function markupSegments(span: MarkupSpan, text: string, lang: string, sourceLang: string): Segment[] {
  if (span.literal) {
    return [
      { start: span.start, end: span.literal.start, out: "" },
      { start: span.literal.start, end: span.literal.end, out: text.slice(span.literal.start, span.literal.end) },
      { start: span.literal.end, end: span.end, out: "" },
    ];
  }
  const variants = span.variants ?? {};
  const out = pickVariant(variants, lang, sourceLang);
  // The output takes the place of the editor's own text (the source script's), so that its
  // formatting (-{zh-hans:**软件**;zh-hant:軟體}-) is the output's in every script.
  const own = pickTag(variants, sourceLang, sourceLang);
  const host = own === undefined ? undefined : span.ranges?.[own];
  if (!host || host.start === host.end) return [{ start: span.start, end: span.end, out }];
  return [
    { start: span.start, end: host.start, out: "" },
    { start: host.start, end: host.end, out },
    { start: host.end, end: span.end, out: "" },
  ];
}

// Converts text from one script variant of the site to another: editor markup first, then
// glossary terms and URLs (kept or fixed as given), then OpenCC phrase conversion for the rest.
import { createHash } from "node:crypto";
import { Trie } from "opencc-js/core";
import { findMarkup, markupSegments } from "./editor-markup.ts";
import { OPENCC_VERSION, openccEngine, type Engine, type OpenccLocale, type Segment } from "./opencc-engine.ts";

/** A script variant of the site, e.g. { lang: "zh-Hant", opencc: "tw" }. */
export interface ScriptVariant {
  lang: string;
  opencc: OpenccLocale;
}

/** One glossary term: its written form in each variant's language tag. */
export type GlossaryEntry = Record<string, string>;

export interface ScriptConverter {
  readonly from: ScriptVariant;
  readonly to: ScriptVariant;
  /** Identifies dictionaries, glossary and code: a cache key part. */
  readonly version: string;
  segments(text: string): Segment[];
  convert(text: string): string;
}

// URLs in running text are read as written, even when they hold Chinese characters.
const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)[^\s<>"'，。；！？、“”‘’（）《》【】]+/g;
const HAS_URL = new RegExp(URL_IN_TEXT.source);

const CODE_VERSION = "4";

function glossaryTrie(entries: readonly GlossaryEntry[], from: string, to: string): Trie {
  const trie = new Trie();
  for (const entry of entries) {
    const source = entry[from];
    const target = entry[to];
    if (source && target !== undefined) trie.addWord(source, target);
  }
  return trie;
}

/** Builds the converter between two variants; pass the same glossary for the whole build. */
export function scriptConverter(from: ScriptVariant, to: ScriptVariant, glossary: readonly GlossaryEntry[]): ScriptConverter {
  const identity = from.lang === to.lang;
  const engine: Engine | null = identity || from.opencc === to.opencc ? null : openccEngine(from.opencc, to.opencc);
  const terms = identity ? null : glossaryTrie(glossary, from.lang, to.lang);
  // Whether a text holds any glossary term at all: most texts hold none.
  const sources = identity ? [] : glossary.map((e) => e[from.lang]).filter((t): t is string => !!t);
  const termPattern = sources.length ? new RegExp(sources.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")) : null;
  const version = createHash("sha256")
    .update(JSON.stringify([CODE_VERSION, OPENCC_VERSION, engine?.name ?? "identity", from.lang, to.lang, identity ? [] : glossary]))
    .digest("hex")
    .slice(0, 16);

  function free(text: string, start: number, end: number, out: Segment[]): void {
    if (start >= end) return;
    if (!engine) {
      out.push({ start, end, out: text.slice(start, end) });
      return;
    }
    for (const s of engine.segments(text.slice(start, end))) {
      out.push({ start: s.start + start, end: s.end + start, out: s.out });
    }
  }

  // Glossary terms win over the dictionaries: find them first (longest match), convert between.
  function withTerms(text: string, start: number, end: number, out: Segment[]): void {
    if (!terms) return free(text, start, end, out);
    const slice = text.slice(start, end);
    let plain = 0;
    for (let i = 0; i < slice.length; ) {
      const m = terms.matchPrefix(slice, i);
      if (m) {
        free(text, start + plain, start + i, out);
        out.push({ start: start + i, end: start + m.end, out: m.value });
        i = plain = m.end;
      } else {
        i += slice.codePointAt(i)! > 0xffff ? 2 : 1;
      }
    }
    free(text, start + plain, end, out);
  }

  function withUrls(text: string, start: number, end: number, out: Segment[]): void {
    const slice = text.slice(start, end);
    let plain = 0;
    for (const m of slice.matchAll(URL_IN_TEXT)) {
      withTerms(text, start + plain, start + m.index, out);
      out.push({ start: start + m.index, end: start + m.index + m[0].length, out: m[0] });
      plain = m.index + m[0].length;
    }
    withTerms(text, start + plain, end, out);
  }

  function segments(text: string): Segment[] {
    const out: Segment[] = [];
    let pos = 0;
    for (const span of text.includes("-{") ? findMarkup(text) : []) {
      withUrls(text, pos, span.start, out);
      out.push(...markupSegments(span, text, to.lang, from.lang));
      pos = span.end;
    }
    withUrls(text, pos, text.length, out);
    return out;
  }

  return {
    from,
    to,
    version,
    segments,
    convert(text: string): string {
      const plain = !text.includes("-{") && !HAS_URL.test(text) && !(termPattern && termPattern.test(text));
      if (plain) return engine ? engine.convert(text) : text;
      return segments(text).map((s) => s.out).join("");
    },
  };
}

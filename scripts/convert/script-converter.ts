// Converts text from one script variant of the site to another: editor markup first, then
// glossary terms and URLs (kept or fixed as given), then OpenCC phrase conversion with the
// news corrections for the rest, printed in the target's usage profile and quotation marks.
import { createHash } from "node:crypto";
import { Trie } from "opencc-js/core";
import { settingsOf, type QuoteStyle, type UsageProfile } from "./conversion-settings.ts";
import { corrections as correctionsOf } from "./corrections.ts";
import { findMarkup, markupSegments, type MarkupSpan } from "./editor-markup.ts";
import { OPENCC_VERSION, openccEngine, type Engine, type OpenccLocale, type Segment } from "./opencc-engine.ts";
import { convertQuotes } from "./quotes.ts";
import { usageProfile } from "./usage-profile.ts";

/** A script variant of the site, e.g. { lang: "zh-Hant", opencc: "tw" }; settings as in site data. */
export interface ScriptVariant {
  lang: string;
  opencc: OpenccLocale;
  /** Quotation marks this variant prints (default: corner for tw/hk, curly for cn). */
  quotes?: QuoteStyle;
  /** Newsroom usage profile (default: tw-news, hk-news, cn-news by locale). */
  usage?: UsageProfile;
  /** The news correction layer over OpenCC (default on). */
  corrections?: boolean;
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

// URLs in running text are read as written, even when their path holds Chinese characters.
// The host is ASCII (an IDN is written in punycode), so Han right after it is text again:
// 请登录www.12306.cn购票 keeps 购票 out of the URL.
const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)[A-Za-z0-9.-]*(?::[0-9]+)?(?:[/?#][^\s<>"'，。；！？、“”‘’（）《》【】「」『』]*)?/g;
const HAS_URL = new RegExp(URL_IN_TEXT.source);

const CODE_VERSION = "9";

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
  const settings = settingsOf(to);
  const direction = from.opencc === to.opencc ? null : to.opencc === "cn" ? "t2s" : from.opencc === "cn" ? "s2t" : null;
  const engine: Engine | null =
    identity || from.opencc === to.opencc
      ? null
      : openccEngine(from.opencc, to.opencc, {
          corrections: settings.corrections && direction ? correctionsOf(direction, to.opencc) : null,
          profile: usageProfile(settings.usage),
        });
  // The page in the editor's own script is never changed: no quotation marks either.
  const quotes: QuoteStyle = identity ? "keep" : settings.quotes;
  const terms = identity ? null : glossaryTrie(glossary, from.lang, to.lang);
  // Whether a text holds any glossary term at all: most texts hold none.
  const sources = identity ? [] : glossary.map((e) => e[from.lang]).filter((t): t is string => !!t);
  const termPattern = sources.length ? new RegExp(sources.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")) : null;
  const version = createHash("sha256")
    .update(JSON.stringify([CODE_VERSION, OPENCC_VERSION, engine?.name ?? "identity", from.lang, to.lang, quotes, identity ? [] : glossary]))
    .digest("hex")
    .slice(0, 16);

  function free(text: string, start: number, end: number, out: Segment[]): void {
    if (start >= end) return;
    if (!engine) {
      out.push({ start, end, out: text.slice(start, end) });
      return;
    }
    for (const s of engine.segments(text.slice(start, end))) {
      out.push({ ...s, start: s.start + start, end: s.end + start });
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
        out.push({ start: start + i, end: start + m.end, out: m.value, given: "glossary" });
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
      out.push({ start: start + m.index, end: start + m.index + m[0].length, out: m[0], given: "url" });
      plain = m.index + m[0].length;
    }
    withTerms(text, start + plain, end, out);
  }

  /** The text with the target's quotation marks, except in URLs and editor markup. */
  function quoted(text: string, spans: readonly MarkupSpan[]): string {
    if (quotes === "keep") return text;
    const kept: [number, number][] = spans.map((s) => [s.start, s.end]);
    if (HAS_URL.test(text)) for (const m of text.matchAll(URL_IN_TEXT)) kept.push([m.index, m.index + m[0].length]);
    return convertQuotes(text, quotes, (i) => kept.some(([a, b]) => a <= i && i < b));
  }

  function segments(source: string): Segment[] {
    const out: Segment[] = [];
    const spans = source.includes("-{") ? findMarkup(source) : [];
    // Quotation marks become marks of the same length: offsets into the source still hold.
    const text = quoted(source, spans);
    let pos = 0;
    for (const span of spans) {
      withUrls(text, pos, span.start, out);
      for (const seg of markupSegments(span, text, to.lang, from.lang)) out.push({ ...seg, given: "markup" });
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
      if (plain) {
        const q = quotes === "keep" ? text : convertQuotes(text, quotes);
        return engine ? engine.convert(q) : q;
      }
      return segments(text).map((s) => s.out).join("");
    },
  };
}

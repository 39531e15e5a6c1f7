// Phrase-level OpenCC conversion that reports *where* each piece of output came from.
//
// opencc-js converts a whole string; we need spans so that a phrase split by inline markup
// (头<strong>发</strong>) can be converted as one phrase and its output put back into the
// right text nodes. The algorithm is opencc-js 1.4's own: normalise, segment with the
// phrase dictionary (longest match), then run each conversion stage over each segment.
import { Trie } from "opencc-js/core";
import type { DictGroup, DictLike } from "opencc-js/core";
import { configs, from as fromDicts, to as toDicts } from "opencc-js/preset";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { contextRuleAt, type Corrections } from "./corrections.ts";
import type { UsageProfileData } from "./usage-profile.ts";

/** One piece of converted text: input [start, end) became `out`. */
export interface Segment {
  start: number;
  end: number;
  out: string;
}

/** OpenCC locale codes that opencc-js knows. */
export type OpenccLocale = "cn" | "tw" | "twp" | "hk" | "hkp" | "t";

export interface Engine {
  /** Config name such as s2tw, for messages and cache keys. */
  readonly name: string;
  segments(text: string): Segment[];
  convert(text: string): string;
}

interface RuntimeConfig {
  normalizationChain?: readonly DictGroup[];
  segmentation?: DictLike | readonly DictLike[];
  conversionChain: readonly DictGroup[];
}

const require = createRequire(import.meta.url);
/** Changes whenever the dictionaries can have changed: part of every cache key. */
export const OPENCC_VERSION: string = (
  JSON.parse(readFileSync(join(dirname(require.resolve("opencc-js")), "../../package.json"), "utf8")) as { version: string }
).version;

// opencc-js names its configs by the pair of locales (ConverterBuilder.getConfigName).
export function configName(fromLocale: OpenccLocale, toLocale: OpenccLocale): string {
  if (fromLocale === "cn") return `s2${toLocale}`;
  if (toLocale === "cn") {
    if (fromLocale === "hkp") return "hk2sp";
    return fromLocale === "twp" ? "tw2sp" : `${fromLocale}2s`;
  }
  return `${fromLocale}2${toLocale}`;
}

function trieOf(group: DictGroup | readonly DictLike[]): Trie {
  const trie = new Trie();
  trie.loadDictGroup(group as DictGroup);
  return trie;
}

function runtimeConfig(fromLocale: OpenccLocale, toLocale: OpenccLocale): RuntimeConfig {
  const named = (configs as Record<string, RuntimeConfig>)[configName(fromLocale, toLocale)];
  if (named) return named;
  // No ready-made config (e.g. tw→hk): chain the locale dictionaries as opencc-js does.
  const chain: DictGroup[] = [];
  if (fromLocale !== "t") chain.push(...fromDicts[fromLocale]);
  if (toLocale !== "t") chain.push(...toDicts[toLocale]);
  if (chain.length === 0) throw new Error(`OpenCC has no conversion from ${fromLocale} to ${toLocale}`);
  return { conversionChain: chain };
}

/** What the engine adds to OpenCC: the news corrections and the variant's usage profile. */
export interface EngineOptions {
  corrections?: Corrections | null;
  profile?: UsageProfileData | null;
}

const engines = new Map<string, Engine>();

/** Builds (once per process) the engine converting between two OpenCC locales. */
export function openccEngine(fromLocale: OpenccLocale, toLocale: OpenccLocale, options: EngineOptions = {}): Engine {
  const config = configName(fromLocale, toLocale);
  const corrections = options.corrections ?? null;
  const profile = options.profile ?? null;
  const name = [config, corrections?.id, profile?.id].filter(Boolean).join("+");
  let engine = engines.get(name);
  if (!engine) {
    engine = buildEngine(name, runtimeConfig(fromLocale, toLocale), corrections, profile);
    engines.set(name, engine);
  }
  return engine;
}

/** The trie node of a word (opencc-js 1.4 keeps a Map per node and the value on it). */
type TrieNode = Map<number, TrieNode> & { trie_val?: string };

function forget(trie: Trie, word: string): void {
  let node = (trie as unknown as { map: TrieNode }).map;
  for (const ch of word) {
    const next = node.get(ch.codePointAt(0)!);
    if (!next) return;
    node = next;
  }
  delete node.trie_val;
}

// As opencc-js's segmentation: an ideographic description sequence (⿰氵青) is one unit.
function idsEnd(s: string, i: number): number {
  const cp = s.codePointAt(i)!;
  const arity = cp >= 0x2ff0 && cp <= 0x2ff1 ? 2 : cp >= 0x2ff2 && cp <= 0x2ff3 ? 3 : cp >= 0x2ff4 && cp <= 0x2fff ? 2 : 0;
  if (arity === 0) return 0;
  let end = i + (cp > 0xffff ? 2 : 1);
  for (let n = 0; n < arity; n++) {
    if (end >= s.length) return 0;
    const child = idsEnd(s, end);
    end = child || end + (s.codePointAt(end)! > 0xffff ? 2 : 1);
  }
  return end;
}

function unmatchedLength(s: string, i: number): number {
  const end = idsEnd(s, i);
  return end > i ? end - i : s.codePointAt(i)! > 0xffff ? 2 : 1;
}

function buildEngine(name: string, config: RuntimeConfig, corrections: Corrections | null, profile: UsageProfileData | null): Engine {
  const normalize = (config.normalizationChain ?? []).map(trieOf);
  const seg = config.segmentation;
  let segmentation = seg == null ? null : trieOf(typeof seg === "string" ? [seg] : (seg as readonly DictLike[]));
  const chain = config.conversionChain.map(trieOf);
  // s2t corrections are written in OpenCC's standard Traditional: the variant's own forms
  // (the later stages) still apply. t2s corrections are the Simplified text itself.
  const resumeAt = corrections?.direction === "s2t" ? 1 : chain.length;
  if (corrections) {
    segmentation ??= new Trie();
    for (const word of corrections.drops) {
      forget(segmentation, word);
      for (const t of chain) forget(t, word);
    }
    for (const key of corrections.phrases.keys()) segmentation.addWord(key, key);
  }
  const phrases = corrections?.phrases ?? null;
  const context = corrections && corrections.context.size > 0 ? corrections.context : null;

  const run = (piece: string, from = 0) => {
    let s = piece;
    for (let k = from; k < chain.length; k++) s = chain[k].convert(s);
    return s;
  };

  /** The pieces of the longest match, each with its conversion. */
  function split(s: string, each: (start: number, end: number, out: string) => void): void {
    if (!segmentation) {
      each(0, s.length, run(s));
      return;
    }
    if (!corrections) {
      let pos = 0;
      for (const piece of segmentation.segment(s)) {
        each(pos, pos + piece.length, run(piece));
        pos += piece.length;
      }
      return;
    }
    let plain = -1;
    for (let i = 0; i < s.length; ) {
      const m = segmentation.matchPrefix(s, i);
      let end = m ? m.end : -1;
      let fixed: string | undefined;
      const rules = context?.get(s.codePointAt(i)!);
      if (rules) {
        const r = contextRuleAt(rules, s, i);
        if (r && i + r.match.length >= end) {
          end = i + r.match.length;
          fixed = r.to;
        }
      }
      if (end < 0) {
        if (plain < 0) plain = i;
        i += unmatchedLength(s, i);
        continue;
      }
      if (plain >= 0) each(plain, i, run(s.slice(plain, i)));
      plain = -1;
      const piece = s.slice(i, end);
      fixed ??= phrases!.get(piece);
      each(i, end, fixed === undefined ? run(piece) : run(fixed, resumeAt));
      i = end;
    }
    if (plain >= 0) each(plain, s.length, run(s.slice(plain)));
  }

  function segments(text: string): Segment[] {
    // Normalisation maps single code points; convert per code point to keep offsets.
    let normalized = text;
    let offsets: number[] | null = null;
    if (normalize.length > 0) {
      const parts: string[] = [];
      const map: number[] = [];
      let changed = false;
      for (let i = 0; i < text.length; ) {
        const cp = text.codePointAt(i)!;
        const w = cp > 0xffff ? 2 : 1;
        const ch = text.slice(i, i + w);
        const n = normalize.reduce((s, t) => t.convert(s), ch);
        if (n !== ch) changed = true;
        parts.push(n);
        for (let k = 0; k < n.length; k++) map.push(i);
        i += w;
      }
      if (changed) {
        normalized = parts.join("");
        map.push(text.length);
        offsets = map;
      }
    }
    const result: Segment[] = [];
    split(normalized, (start, end, out) => {
      result.push({ start: offsets ? offsets[start] : start, end: offsets ? offsets[end] : end, out });
    });
    if (profile) {
      // The profile never changes lengths: run it over the joined output and cut it back.
      const joined = result.map((r) => r.out).join("");
      if (profile.touches(joined)) {
        const printed = profile.apply(joined);
        let at = 0;
        for (const r of result) {
          const len = r.out.length;
          r.out = printed.slice(at, at + len);
          at += len;
        }
      }
    }
    return result;
  }

  // Without offsets to keep, as opencc-js converts: the common case, and twice as fast.
  function convert(text: string): string {
    const normalized = normalize.reduce((s, t) => t.convert(s), text);
    let out = "";
    split(normalized, (_start, _end, piece) => (out += piece));
    return profile ? profile.apply(out) : out;
  }

  return { name, segments, convert };
}

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

const engines = new Map<string, Engine>();

/** Builds (once per process) the engine converting between two OpenCC locales. */
export function openccEngine(fromLocale: OpenccLocale, toLocale: OpenccLocale): Engine {
  const name = configName(fromLocale, toLocale);
  let engine = engines.get(name);
  if (!engine) {
    engine = buildEngine(name, runtimeConfig(fromLocale, toLocale));
    engines.set(name, engine);
  }
  return engine;
}

function buildEngine(name: string, config: RuntimeConfig): Engine {
  const normalize = (config.normalizationChain ?? []).map(trieOf);
  const seg = config.segmentation;
  const segmentation = seg == null ? null : trieOf(typeof seg === "string" ? [seg] : (seg as readonly DictLike[]));
  const chain = config.conversionChain.map(trieOf);

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
    const pieces = segmentation ? segmentation.segment(normalized) : [normalized];
    const result: Segment[] = [];
    let pos = 0;
    for (const piece of pieces) {
      const out = chain.reduce((s, t) => t.convert(s), piece);
      const start = offsets ? offsets[pos] : pos;
      pos += piece.length;
      const end = offsets ? offsets[pos] : pos;
      result.push({ start, end, out });
    }
    return result;
  }

  // Without offsets to keep, as opencc-js converts: the common case, and twice as fast.
  function convert(text: string): string {
    const normalized = normalize.reduce((s, t) => t.convert(s), text);
    const pieces = segmentation ? segmentation.segment(normalized) : [normalized];
    let out = "";
    for (const piece of pieces) out += chain.reduce((s, t) => t.convert(s), piece);
    return out;
  }

  return { name, segments, convert };
}

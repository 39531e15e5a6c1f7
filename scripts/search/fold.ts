// The character fold shared by the index and the reader's query: Traditional (and Taiwan and
// Hong Kong variant) characters → Simplified, from OpenCC's own character dictionaries. It is for
// matching only: pages are never converted with it. Phrase-level differences (乾隆 vs 干) do
// not matter here because every text, whichever its script, is folded the same way.
import type { DictGroup, DictLike } from "opencc-js/core";
import { configs, from, to } from "opencc-js/preset";
import { fold, FOLD_DIGITS, foldTable } from "../../assets/js/search-keys.js";

/** Single-character entries of a dictionary: phrases are skipped, the first candidate wins. */
function charEntries(dict: DictLike): [string, string][] {
  const pairs: [string, string][] =
    typeof dict === "string"
      ? dict.split("|").map((e) => {
          const [a, b] = e.split(" ");
          return [a ?? "", b ?? ""];
        })
      : dict.map(([a, b]) => [a, b.split(" ")[0] ?? ""]);
  return pairs.filter(([a, b]) => a.length === 1 && b.length === 1 && a !== b);
}

function stage(groups: readonly DictGroup[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const group of groups) for (const dict of group) for (const [a, b] of charEntries(dict)) if (!map.has(a)) map.set(a, b);
  return map;
}

let cached: string | null = null;

/**
 * All fold pairs as one string of UTF-16 units: from, to, from, to … Only characters of the
 * Basic Multilingual Plane that fold to one: an offset in folded text stays an offset in the
 * original.
 */
export function foldPairs(): string {
  if (cached !== null) return cached;
  const stages = [
    stage((configs as Record<string, { normalizationChain?: readonly DictGroup[] }>).tw2s?.normalizationChain ?? []),
    stage([...from.hk, ...from.tw]),
    stage(to.cn),
  ];
  const sources = new Set<string>();
  for (const s of stages) for (const k of s.keys()) sources.add(k);
  const pairs: string[] = [];
  for (const c of [...sources].sort()) {
    let f = c;
    for (const s of stages) f = s.get(f) ?? f;
    if (f !== c && f.length === 1) pairs.push(c + f);
  }
  cached = pairs.join("");
  return cached;
}

let table: Uint16Array | null = null;

export function foldTableOf(): Uint16Array {
  table ??= foldTable(foldPairs());
  return table;
}

/** Folds text the way the index and queries are folded. */
export function foldText(text: string): string {
  return fold(text, foldTableOf());
}

/** Fold pairs whose result occurs in `used`: all a reader's query can need to meet the index. */
export function foldPairsFor(used: (ch: string) => boolean): string {
  const all = foldPairs();
  let out = "";
  for (let i = 0; i + 1 < all.length; i += 2) if (used(all[i + 1])) out += all.slice(i, i + 2);
  return out;
}

/**
 * Fold pairs (source, target, source, target …) → a short ASCII string for the manifest: each
 * source as its distance to the last source (sorted, so small), each target as its distance to
 * its source; zig-zag numbers, 5 bits a character (search-keys.js unpackFold reads it).
 */
export function packFold(pairs: string): string {
  let out = "";
  let lastFrom = 0;
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    const from = pairs.charCodeAt(i);
    out += packNumber(from - lastFrom) + packNumber(pairs.charCodeAt(i + 1) - from);
    lastFrom = from;
  }
  return out;
}

function packNumber(n: number): string {
  let v = n >= 0 ? n * 2 : -n * 2 - 1;
  let digits = FOLD_DIGITS[v & 31]!;
  for (v = Math.floor(v / 32); v > 0; v = Math.floor(v / 32)) digits = FOLD_DIGITS[32 + (v & 31)] + digits;
  return digits;
}

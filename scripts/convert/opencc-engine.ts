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
import { boundaryInside, icuBounds, wholeWords } from "./word-bounds.ts";

/** One piece of converted text: input [start, end) became `out`. */
export interface Segment {
  start: number;
  end: number;
  out: string;
  /** Converted as one dictionary phrase or correction (not character by character). */
  phrase?: boolean;
  /** Given as written by the editor (a glossary term, -{…}-) or kept (a URL): not a guess. */
  given?: "glossary" | "markup" | "url";
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
  /**
   * Choose phrases by ICU's word boundaries where a dictionary phrase straddles one (奖金|发放,
   * 下|周密): on by default (with a correction layer). Off gives OpenCC's own longest match under the
   * corrections, which count on the bounds (the rules they made redundant were removed).
   */
  wordBounds?: boolean;
}

const engines = new Map<string, Engine>();

/** Builds (once per process) the engine converting between two OpenCC locales. */
export function openccEngine(fromLocale: OpenccLocale, toLocale: OpenccLocale, options: EngineOptions = {}): Engine {
  const config = configName(fromLocale, toLocale);
  const corrections = options.corrections ?? null;
  const profile = options.profile ?? null;
  const wordBounds = corrections !== null && (options.wordBounds ?? true);
  const name = [config, corrections?.id, profile?.id, wordBounds && "words"].filter(Boolean).join("+");
  let engine = engines.get(name);
  if (!engine) {
    engine = buildEngine(name, dictionaries(config, fromLocale, toLocale), corrections, profile, wordBounds);
    engines.set(name, engine);
  }
  return engine;
}

/** OpenCC's tries of one config, built once a process and shared (never changed) by its engines. */
interface Dictionaries {
  normalize: Trie[];
  segmentation: Trie | null;
  chain: Trie[];
  /** Phrases of the chain's first stage from dictionaries the segmentation does not use (tw2s: its variants' 著名, 著書 …). */
  stagePhrases: string[];
}

/** The keys of more than one character of a dictionary. */
function phraseKeys(d: DictLike): string[] {
  const keys = typeof d === "string" ? d.split("|").map((e) => e.slice(0, e.indexOf(" ") < 0 ? e.length : e.indexOf(" "))) : d.map(([k]) => k);
  return keys.filter((k) => k.length > 1 && !(k.length === 2 && k.codePointAt(0)! > 0xffff));
}

const built = new Map<string, Dictionaries>();

function dictionaries(config: string, fromLocale: OpenccLocale, toLocale: OpenccLocale): Dictionaries {
  let d = built.get(config);
  if (!d) {
    const c = runtimeConfig(fromLocale, toLocale);
    const seg = c.segmentation;
    const segList: readonly DictLike[] = seg == null ? [] : typeof seg === "string" ? [seg] : (seg as readonly DictLike[]);
    d = {
      normalize: (c.normalizationChain ?? []).map(trieOf),
      segmentation: seg == null ? null : trieOf(segList),
      chain: c.conversionChain.map(trieOf),
      stagePhrases: (c.conversionChain[0] ?? []).filter((dict) => !segList.includes(dict)).flatMap(phraseKeys),
    };
    built.set(config, d);
  }
  return d;
}

/** A trie node of opencc-js 1.4: a Map per node, the value on it. */
type TrieNode = Map<number, TrieNode> & { trie_val?: string };
const rootOf = (trie: Trie) => (trie as unknown as { map: TrieNode }).map;

/**
 * The end of the longest word at `i`, from a node already reached at `j` (the first
 * character's node, say), whose node is not in `dropped`, or -1: as Trie.matchPrefix, but
 * able to skip the words a correction layer forgets (a trie's node is one word, so no text is
 * cut out to look it up).
 */
function longestFrom(node: TrieNode, s: string, i: number, j: number, dropped: ReadonlySet<TrieNode> | null, limit = s.length): number {
  let best = j > i && node.trie_val !== undefined && !(dropped && dropped.has(node)) ? j : -1;
  longestNode = best < 0 ? null : node;
  for (; j < limit; ) {
    const cp = s.codePointAt(j)!;
    j += cp > 0xffff ? 2 : 1;
    const next = node.get(cp);
    if (next === undefined) break;
    node = next;
    if (node.trie_val !== undefined && !(dropped && dropped.has(node))) {
      best = j;
      longestNode = node;
    }
  }
  return best;
}
/** The node of longestFrom's last word found: a phrase's facts are kept by node, no text cut out. */
let longestNode: TrieNode | null = null;

/** The longest correction phrase at `i` and its conversion (the trie's value: no text cut out to look it up). */
function longestFix(root: TrieNode, s: string, i: number, limit = s.length): { end: number; value: string } | null {
  let node: TrieNode | undefined = root;
  let best: { end: number; value: string } | null = null;
  for (let j = i; j < limit; ) {
    const cp = s.codePointAt(j)!;
    j += cp > 0xffff ? 2 : 1;
    node = node.get(cp);
    if (node === undefined) break;
    if (node.trie_val !== undefined) best = { end: j, value: node.trie_val };
  }
  return best;
}

/**
 * Whether a phrase of the trie starts inside [i, end) of `s` (after its first character) and
 * ends past `end`: 发放 over 金发 in 奖金发放. By code point throughout, the first character
 * of the inner phrase too: OpenCC has phrases that start outside the BMP (𣗊溪).
 */
function runsPast(root: TrieNode, s: string, i: number, end: number): boolean {
  for (let j = i + (s.codePointAt(i)! > 0xffff ? 2 : 1); j < end; ) {
    const first = s.codePointAt(j)!;
    j += first > 0xffff ? 2 : 1;
    let node: TrieNode | undefined = root.get(first);
    for (let k = j; node !== undefined && k < s.length; ) {
      const cp = s.codePointAt(k)!;
      k += cp > 0xffff ? 2 : 1;
      node = node.get(cp);
      if (node === undefined) break;
      if (k > end && node.trie_val !== undefined) return true;
    }
  }
  return false;
}

/** runsPast over a dictionary's trie, for tests of the look-up itself. */
export function phraseRunsPast(dictionary: Trie, s: string, i: number, end: number): boolean {
  return runsPast(rootOf(dictionary), s, i, end);
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

// A clause ends at these (the text around a phrase that ICU segments); at most this far either side.
const CLAUSE_END = new Set(Array.from("。，、；：！？,.;:!?\n（）()「」『』“”《》", (c) => c.charCodeAt(0)));
const CLAUSE_MAX = 40;
// Only phrases of two or three characters: longer ones are set phrases (扎扎实实, 松了一口气)
// that ICU cuts more often than they straddle.
const BOUNDED_MAX = 3;

function buildEngine(name: string, dicts: Dictionaries, corrections: Corrections | null, profile: UsageProfileData | null, wordBounds: boolean): Engine {
  const { normalize, segmentation, chain } = dicts;
  // s2t corrections are written in OpenCC's standard Traditional: the variant's own forms
  // (the later stages) still apply. t2s corrections are the Simplified text itself.
  const resumeAt = corrections?.direction === "s2t" ? 1 : chain.length;
  const fixes = new Trie();
  for (const [key, value] of corrections?.phrases ?? []) fixes.addWord(key, value);
  const fixRoot = rootOf(fixes);
  const segRoot = segmentation ? rootOf(segmentation) : null;
  const drops = corrections?.drops ?? new Set<string>();
  // Forgotten words by their first character.
  const dropFirsts = new Map<number, string[]>();
  for (const w of drops) dropFirsts.set(w.codePointAt(0)!, [...(dropFirsts.get(w.codePointAt(0)!) ?? []), w]);
  // A forgotten word lying whole in a run no phrase starts in would be found again by the
  // chain's own longest match: its first character is converted on its own.
  // The segmentation trie's node of each forgotten word.
  let droppedNodes: Set<TrieNode> | null = null;
  if (segRoot && drops.size) {
    droppedNodes = new Set<TrieNode>();
    for (const w of drops) {
      let node: TrieNode | undefined = segRoot;
      for (const ch of w) node = node?.get(ch.codePointAt(0)!);
      if (node?.trie_val !== undefined) droppedNodes.add(node);
    }
  }
  const forgottenAt = (s: string, i: number, cp: number) => dropFirsts.get(cp)?.some((w) => s.startsWith(w, i)) ?? false;
  const context = corrections && corrections.context.size > 0 ? corrections.context : null;
  // Where anything of the correction layer starts: one look-up for the other characters.
  const special = new Set<number>([...fixRoot.keys(), ...(context?.keys() ?? []), ...dropFirsts.keys()]);

  const ambiguousNode = new Map<TrieNode, boolean>();
  const run = (piece: string, from = 0) => {
    let s = piece;
    for (let k = from; k < chain.length; k++) s = chain[k].convert(s);
    return s;
  };
  // Phrases of the first conversion stage that the segmentation does not hold (tw2s: 著名, 著書,
  // 著作 … of Taiwan's variants, while the segmentation is TSPhrases): the chain's own longest
  // match finds them inside a run no segmentation phrase starts in, where the word bounds must
  // look too (帶著|名片). By their first character, misleading ones only (31 phrases, 18 first
  // characters for tw2s); none for s2t, whose first stage's phrases are all the segmentation's,
  // nor for hk2s.
  const stageRoot = wordBounds && chain.length > 0 ? rootOf(chain[0]) : null;
  const stageFirsts = new Set<number>();
  if (stageRoot) {
    for (const w of dicts.stagePhrases) {
      // Only a phrase that converts otherwise than its characters can mislead (boundaryCut's first test).
      if (!stageFirsts.has(w.codePointAt(0)!) && run(w) !== Array.from(w, (c) => run(c)).join("")) stageFirsts.add(w.codePointAt(0)!);
    }
  }

  // matchAt's answer (no object a call: it runs at every phrase): where the match ends, the
  // correction's conversion if a correction won, else the dictionary phrase's node.
  let matchEnd = -1;
  let matchFixed: string | undefined;
  let matchNode: TrieNode | null = null;
  /** The longest dictionary phrase, correction or context rule at `i` ending at `limit` or before. */
  function matchAt(s: string, i: number, cp: number, first: TrieNode | undefined, isSpecial: boolean, limit: number): void {
    let end = first === undefined ? -1 : longestFrom(first, s, i, i + (cp > 0xffff ? 2 : 1), isSpecial && droppedNodes && dropFirsts.has(cp) ? droppedNodes : null, limit);
    matchNode = end < 0 ? null : longestNode;
    let fixed: string | undefined;
    // Most characters start nothing of the correction layer: look only where something does.
    if (isSpecial) {
      if (fixRoot.has(cp)) {
        const fix = longestFix(fixRoot, s, i, limit);
        if (fix !== null && fix.end >= end) {
          end = fix.end;
          fixed = fix.value;
        }
      }
      const rules = context?.get(cp);
      if (rules) {
        const r = contextRuleAt(rules, s, i);
        if (r && i + r.match.length >= end && i + r.match.length <= limit) {
          end = i + r.match.length;
          fixed = r.to;
        }
      }
    }
    matchEnd = end;
    matchFixed = fixed;
  }

  // ICU's words of the clause being converted, cut only when a phrase needs them.
  let clause: { text: string; start: number; end: number; bounds: ReadonlySet<number> } | null = null;
  function boundsAt(s: string, i: number): ReadonlySet<number> {
    if (clause && clause.text === s && clause.start <= i && i < clause.end) return clause.bounds;
    let start = i;
    while (start > 0 && i - start < CLAUSE_MAX && !CLAUSE_END.has(s.charCodeAt(start - 1))) start--;
    let end = i;
    while (end < s.length && end - i < CLAUSE_MAX && !CLAUSE_END.has(s.charCodeAt(end))) end++;
    clause = { text: s, start, end, bounds: icuBounds(s.slice(start, end), start) };
    return clause.bounds;
  }

  /**
   * Whether a dictionary phrase starts inside [i, end) and runs past it (发放 over 金发 in 奖金发放):
   * ICU is asked only then. Measured: the same output on every line of the corpus (both parts,
   * all directions) as asking it for every phrase, at about a third of the cost.
   */
  function overlapped(s: string, i: number, end: number): boolean {
    return segRoot === null || runsPast(segRoot, s, i, end);
  }

  /** Where to cut the phrase [i, end) of `s` (its trie node given): the first word boundary in it, if the phrase straddles one and the cut changes its output; else -1. */
  function boundaryCut(s: string, i: number, end: number, node: TrieNode, always = false): number {
    let differs = ambiguousNode.get(node);
    if (differs === undefined) {
      // Cheap first test, once a phrase: a phrase converted as its characters cannot mislead.
      const phrase = s.slice(i, end);
      differs = run(phrase) !== Array.from(phrase, (c) => run(c)).join("");
      ambiguousNode.set(node, differs);
    }
    if (!differs) return -1;
    if (!always && !overlapped(s, i, end)) return -1;
    const bounds = boundsAt(s, i);
    if (wholeWords(bounds, i, end)) return -1;
    const cut = boundaryInside(bounds, i, end);
    if (cut < 0 || run(s.slice(i, end)) === run(s.slice(i, cut)) + run(s.slice(cut, end))) return -1;
    return cut;
  }

  /** Whether a phrase of the first stage starting at one of the three characters before `p` (not before `start`) runs over it. */
  function coveredFrom(s: string, start: number, p: number, b: number): boolean {
    let r = p;
    for (let back = 0; back < 3 && r > start; back++) {
      r -= r - 2 >= start && s.charCodeAt(r - 1) >= 0xdc00 && s.charCodeAt(r - 1) <= 0xdfff ? 2 : 1;
      const cp = s.codePointAt(r)!;
      const node = stageRoot!.get(cp);
      if (node !== undefined && longestFrom(node, s, r, r + (cp > 0xffff ? 2 : 1), null, b) > p) return true;
    }
    return false;
  }

  /**
   * A run that no segmentation phrase starts in, converted as the chain converts it, but cut
   * where a phrase of the first stage that misleads (its output is not its characters') straddles
   * a word boundary (boundaryCut, ICU asked for each: they are few, and no segmentation phrase
   * overlaps them). Looked at only where one may start (`at`), and only where the stage's own
   * longest match starts there: no phrase of the stage from the character before runs over it.
   */
  function plainRun(s: string, a: number, b: number, at: readonly number[], each: (start: number, end: number, out: string, matched: boolean) => void): void {
    let start = a;
    for (const p of at) {
      if (p < start) continue;
      const cp = s.codePointAt(p)!;
      const w = cp > 0xffff ? 2 : 1;
      const q = longestFrom(stageRoot!.get(cp)!, s, p, p + w, null, b);
      const node = longestNode;
      if (q <= p + w || q - p > BOUNDED_MAX || node === null) continue;
      if (coveredFrom(s, start, p, b)) continue;
      const cut = boundaryCut(s, p, q, node, true);
      if (cut > 0) {
        each(start, cut, run(s.slice(start, cut)), false);
        start = cut;
      }
    }
    each(start, b, run(s.slice(start, b)), false);
  }

  /** The pieces of the longest match, each with its conversion. */
  function split(s: string, each: (start: number, end: number, out: string, matched: boolean) => void, tell = false): void {
    if (!corrections) {
      if (!segmentation) return each(0, s.length, run(s), false);
      let pos = 0;
      for (const piece of segmentation.segment(s)) {
        // Whether a phrase matched it: for segments() (the guesses) only.
        each(pos, pos + piece.length, run(piece), tell && segmentation.matchPrefix(piece, 0)?.end === piece.length);
        pos += piece.length;
      }
      return;
    }
    let plain = -1;
    // Where in the run a first-stage phrase may start (plainRun looks only there).
    const staged: number[] = [];
    const flush = (end: number) => {
      if (plain >= 0) {
        if (staged.length > 0 && end - plain > 1) plainRun(s, plain, end, staged, each);
        else each(plain, end, run(s.slice(plain, end)), false);
      }
      plain = -1;
      staged.length = 0;
    };
    for (let i = 0; i < s.length; ) {
      const cp = s.codePointAt(i)!;
      const first = segRoot === null ? undefined : segRoot.get(cp);
      const isSpecial = special.has(cp);
      if (first === undefined && !isSpecial) {
        // No word, correction or rule starts here: the common case, without a walk.
        if (plain < 0) plain = i;
        if (stageFirsts.size > 0 && stageFirsts.has(cp)) staged.push(i);
        i += cp >= 0x2ff0 && cp <= 0x2fff ? unmatchedLength(s, i) : cp > 0xffff ? 2 : 1;
        continue;
      }
      matchAt(s, i, cp, first, isSpecial, s.length);
      // A dictionary phrase (not a correction) across a word boundary of the text, whose
      // output differs from its pieces': the longest match that ends at the boundary instead.
      // (UTF-16 length: a phrase of astral characters is simply not looked at.)
      if (wordBounds && matchFixed === undefined && matchNode !== null && matchEnd > i + 1 && matchEnd - i <= BOUNDED_MAX) {
        const cut = boundaryCut(s, i, matchEnd, matchNode);
        if (cut > 0) matchAt(s, i, cp, first, isSpecial, cut);
      }
      const end = matchEnd;
      const fixed = matchFixed;
      if (end < 0) {
        const len = unmatchedLength(s, i);
        if (dropFirsts.has(cp) && forgottenAt(s, i, cp)) {
          // A forgotten word starts here and no other: its first character on its own, so that
          // the chain's own longest match cannot find the word again in a longer run.
          flush(i);
          each(i, i + len, run(s.slice(i, i + len)), false);
        } else {
          if (plain < 0) plain = i;
          if (stageFirsts.size > 0 && stageFirsts.has(cp)) staged.push(i);
        }
        i += len;
        continue;
      }
      flush(i);
      each(i, end, fixed === undefined ? run(s.slice(i, end)) : run(fixed, resumeAt), true);
      i = end;
    }
    flush(s.length);
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
    split(normalized, (start, end, out, matched) => {
      const seg: Segment = { start: offsets ? offsets[start] : start, end: offsets ? offsets[end] : end, out };
      if (matched) seg.phrase = true;
      result.push(seg);
    }, true);
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

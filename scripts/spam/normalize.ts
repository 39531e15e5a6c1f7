// Text as the spam judge compares it: what a reader sees, with the tricks that make it look
// different to a machine taken out. Compatibility forms (⾊情, ｃａｓｉｎｏ) are unfolded,
// invisible and bidi controls dropped, look-alike letters (Cyrillic с, а) read as Latin,
// everything lower case, and Traditional folded to Simplified character by character with
// opencc-js's own tables, so one Simplified lexicon covers both scripts.
//
// Two forms come out: `folded` keeps every separator (a title that joins markers with "_"
// or "|" is itself a signal), `compact` also drops separator runs between Han characters
// (博 彩, 博_彩, 博·彩 read as 博彩). Both are built in one pass over code units with a
// per-character table, which is what makes judging 60 MB of pages affordable.
import TSCharacters from "opencc-js/dict/TSCharacters";
import TWVariantsRev from "opencc-js/dict/TWVariantsRev";
import HKVariantsRev from "opencc-js/dict/HKVariantsRev";

/** Parses opencc-js's "from to[ to2]|…" dictionary text; the first target is the usual one. */
function parseDict(text: string, into: Map<string, string>): void {
  for (const pair of text.split("|")) {
    const space = pair.indexOf(" ");
    if (space <= 0) continue;
    const from = pair.slice(0, space);
    const to = pair.slice(space + 1).split(" ")[0];
    if (to && !into.has(from)) into.set(from, to);
  }
}

let tsMap: Map<string, string> | null = null;

/** Traditional → Simplified for single characters (built once per process, ~2 ms). */
function traditionalToSimplified(): Map<string, string> {
  if (tsMap) return tsMap;
  const ts = new Map<string, string>();
  parseDict(TSCharacters as unknown as string, ts);
  const variants = new Map<string, string>();
  parseDict(TWVariantsRev as unknown as string, variants);
  parseDict(HKVariantsRev as unknown as string, variants);
  // Regional variants (爲 for 為, 臺 for 台) reach Simplified only through the standard form;
  // a variant whose standard form has no Simplified one (著 → 着) is left alone, since 著 is
  // also correct Simplified and folding it would only confuse the word segmenter.
  for (const [from, standard] of variants) {
    if (ts.has(from)) continue;
    const simplified = ts.get(standard);
    if (simplified) ts.set(from, simplified);
  }
  // Variants OpenCC keeps because they are valid in both scripts, but that spam uses to dodge
  // a Simplified list: 約砲 is 约炮.
  for (const [from, to] of [["砲", "炮"], ["妳", "你"], ["綵", "彩"], ["丨", "|"]]) if (!ts.has(from)) ts.set(from, to);
  tsMap = ts;
  return ts;
}

/** Traditional characters folded to Simplified one by one, nothing else changed: for matching
 * texts across scripts (topics: content/topics.ts), never for what readers read. */
export function foldToSimplified(text: string): string {
  const ts = traditionalToSimplified();
  let out = "";
  for (const ch of text) out += ts.get(ch) ?? ch;
  return out;
}

/** Letters that look Latin in most fonts (Cyrillic, Greek, small capitals): саsino reads casino. */
const LOOK_ALIKES: Record<string, string> = {
  а: "a", в: "b", с: "c", ԁ: "d", е: "e", ё: "e", һ: "h", і: "i", ї: "i", ј: "j", к: "k", м: "m", н: "h", о: "o",
  р: "p", ԛ: "q", г: "r", ѕ: "s", т: "t", у: "y", х: "x", ԝ: "w", ӏ: "l", ь: "b", п: "n", и: "u", л: "n",
  α: "a", β: "b", ε: "e", η: "n", ι: "i", κ: "k", ν: "v", ο: "o", ρ: "p", τ: "t", υ: "u", χ: "x", ω: "w", μ: "u",
  ϲ: "c", ϳ: "j", ɑ: "a", ɡ: "g", ɩ: "i", ո: "n", օ: "o", ս: "u", ց: "g", հ: "h",
  ᴀ: "a", ʙ: "b", ᴄ: "c", ᴅ: "d", ᴇ: "e", ꜰ: "f", ɢ: "g", ʜ: "h", ɪ: "i", ᴊ: "j", ᴋ: "k", ʟ: "l", ᴍ: "m",
  ɴ: "n", ᴏ: "o", ᴘ: "p", ʀ: "r", ꜱ: "s", ᴛ: "t", ᴜ: "u", ᴠ: "v", ᴡ: "w", ʏ: "y", ᴢ: "z",
  // CJK radicals that NFKC leaves as they are but that read as the full character.
  "⻩": "黄", "⻢": "马", "⻔": "门", "⻓": "长", "⻛": "风", "⻜": "飞", "⻘": "青", "⻝": "食", "⻬": "齐",
  "⻮": "齿", "⻰": "龙", "⻳": "龟", "⺠": "民", "⻈": "讠", "⻋": "车", "⻅": "见", "⻉": "贝",
};

/** Code points a reader does not see: removed before judging. */
function isInvisible(cp: number): boolean {
  return (
    INVISIBLE.test(String.fromCodePoint(cp)) ||
    cp === 0x115f || cp === 0x1160 || cp === 0x3164 || cp === 0xffa0 || // Hangul fillers
    cp === 0x2800 || // braille blank
    cp === 0xfffc ||
    (cp >= 0xe0000 && cp <= 0xe0fff) // tags and variation selectors supplement, assigned or not
  );
}
// Format controls (soft hyphen, zero-width, bidi, U+180E, U+2061…, tags), every combining or
// enclosing mark (U+034F, variation selectors, Mongolian selectors, strike-through overlays),
// and C0/C1 controls other than whitespace.
const INVISIBLE = /^[\p{Cf}\p{Mn}\p{Me}\u0000-\u0008\u000e-\u001f\u007f-\u009f]$/u;
const WHITESPACE = /^[\s\u2028\u2029\u0085]$/u;
const MARKS = /\p{M}/gu;

function mapString(s: string, ts: Map<string, string>): string {
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (isInvisible(cp)) continue;
    if (WHITESPACE.test(ch)) {
      out += " ";
      continue;
    }
    const look = LOOK_ALIKES[ch];
    if (look) {
      out += look;
      continue;
    }
    out += ts.get(ch) ?? ch;
  }
  return out;
}

/** What one code point reads as: "" when invisible. */
function mapCodePoint(cp: number, ts: Map<string, string>): string {
  const ch = String.fromCodePoint(cp);
  // Unified ideographs have no case, marks or compatibility forms: only the script fold.
  if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf)) return LOOK_ALIKES[ch] ?? ts.get(ch) ?? ch;
  if (isInvisible(cp)) return "";
  // Hangul syllables would decompose into jamo: keep them whole (nothing to match there).
  if (cp >= 0xac00 && cp <= 0xd7a3) return ch;
  // Lower case first (İ → i̇), then compatibility decomposition, then marks off (cásino).
  const decomposed = ch.toLowerCase().normalize("NFKD").replace(MARKS, "");
  return mapString(decomposed, ts).toLowerCase();
}

// Table for the Basic Multilingual Plane, filled as characters are met (building all 64k
// entries up front would cost ~100 ms per judge). 0 = not yet known, -1 = drop,
// -2 = several code units (in `multi`), else the code unit + 1.
const table = new Int32Array(0x10000);
const multi = new Map<number, string>();
const astral = new Map<number, string>();

let primed = false;

/** Fills the table for the unified ideographs in one go (~2 ms): a page of Chinese text meets
 * thousands of them, and filling them one by one costs far more. */
function prime(): void {
  primed = true;
  const ts = traditionalToSimplified();
  for (let cp = 0x4e00; cp <= 0x9fff; cp++) {
    const to = ts.get(String.fromCharCode(cp));
    if (to === undefined) table[cp] = cp + 1;
    else if (to.length === 1) table[cp] = to.charCodeAt(0) + 1;
  }
}

function lookup(unit: number): number {
  if (!primed) prime();
  let v = table[unit];
  if (v !== 0) return v;
  const m = mapCodePoint(unit, traditionalToSimplified());
  if (m.length === 0) v = -1;
  else if (m.length === 1) v = m.charCodeAt(0) + 1;
  else {
    multi.set(unit, m);
    v = -2;
  }
  table[unit] = v;
  return v;
}

function lookupAstral(cp: number): string {
  let m = astral.get(cp);
  if (m === undefined) {
    m = mapCodePoint(cp, traditionalToSimplified());
    astral.set(cp, m);
  }
  return m;
}

/** Characters slipped between Han characters to break a term apart (after folding: ＿ is _). */
const SEPARATOR = new Uint8Array(0x10000);
for (const ch of " -_.·*~+/\\|'\"`^=#@&$%•‧∙⋅・—–―…") SEPARATOR[ch.charCodeAt(0)] = 1;

export function isSeparator(unit: number): boolean {
  return SEPARATOR[unit] === 1;
}

/** Han ideographs, and surrogates (the ideographs of the supplementary planes). */
export function isHan(unit: number): boolean {
  return (unit >= 0x3400 && unit <= 0x9fff) || (unit >= 0xf900 && unit <= 0xfaff) || (unit >= 0xd800 && unit <= 0xdfff) || unit === 0x3007;
}

export function isLatinOrDigit(unit: number): boolean {
  return (unit >= 0x61 && unit <= 0x7a) || (unit >= 0x30 && unit <= 0x39);
}

export interface Normalized {
  /** Folded code units, separators kept. */
  folded: Uint16Array;
  foldedLength: number;
  /** Folded code units without separator runs between Han characters. */
  compact: Uint16Array;
  compactLength: number;
  /** For each compact index, its index in `folded`. */
  toFolded: Int32Array;
}

const decoder = new TextDecoder("utf-16le");

export function unitsToString(units: Uint16Array, start: number, end: number): string {
  return decoder.decode(units.subarray(start, end));
}

/** Reused buffers: judging is synchronous, so one set per thread is enough. */
let folded = new Uint16Array(1024);
let compact = new Uint16Array(1024);
let toFolded = new Int32Array(1024);

function grow(min: number): void {
  const size = Math.max(min, folded.length * 2);
  const f = new Uint16Array(size);
  f.set(folded);
  folded = f;
  const c = new Uint16Array(size);
  c.set(compact);
  compact = c;
  const t = new Int32Array(size);
  t.set(toFolded);
  toFolded = t;
}

/** Normalises text into the shared buffers; the result is valid until the next call. */
export function normalizeText(text: string): Normalized {
  const n = text.length;
  if (folded.length < n + 16) grow(n + 16);
  let f = 0;
  for (let i = 0; i < n; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      // ASCII: only case and control characters change.
      if (unit >= 0x41 && unit <= 0x5a) folded[f++] = unit + 32;
      else if (unit >= 0x20 && unit !== 0x7f) folded[f++] = unit;
      else if (unit === 0x09 || unit === 0x0a || unit === 0x0d || unit === 0x0b || unit === 0x0c) folded[f++] = 0x20;
      continue;
    }
    let mapped: string | null = null;
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < n) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        mapped = lookupAstral(((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
        i++;
      }
    }
    if (mapped === null) {
      const v = lookup(unit);
      if (v === -1) continue;
      if (v > 0) {
        folded[f++] = v - 1;
        continue;
      }
      mapped = multi.get(unit)!;
    }
    if (f + mapped.length + 16 > folded.length) grow(f + mapped.length + n - i + 16);
    for (let k = 0; k < mapped.length; k++) folded[f++] = mapped.charCodeAt(k);
  }
  // Separator runs between two Han characters go.
  let c = 0;
  let lastKept = -1;
  for (let i = 0; i < f; i++) {
    const unit = folded[i];
    if (SEPARATOR[unit] === 1 && lastKept >= 0 && isHan(lastKept)) {
      let j = i;
      while (j < f && SEPARATOR[folded[j]] === 1) j++;
      if (j < f && isHan(folded[j])) {
        i = j - 1;
        continue;
      }
    }
    compact[c] = unit;
    toFolded[c] = i;
    c++;
    lastKept = unit;
  }
  return { folded, foldedLength: f, compact, compactLength: c, toFolded };
}

/** A lexicon term as the judge compares it (compact form). */
export function normalizeTerm(term: string): string {
  const r = normalizeText(term);
  return unitsToString(r.compact, 0, r.compactLength).trim();
}

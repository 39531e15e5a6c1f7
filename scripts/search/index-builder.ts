// Builds the search index: an inverted index from keys (Han characters, Han character pairs,
// words) to the documents holding them, folded so one index serves every script, cut into
// shards by a hash of the key so that a query downloads only the shards of its own keys.
// File formats: assets/js/search-format.js (the reader of these files); key rules: search-keys.js.
import { FACET, forEachRun, numberKey, shardOf, wordKey } from "../../assets/js/search-keys.js";

const DIGITS_ONLY = /^\d{1,12}$/;

/** Weight of one key in one document, as search-format.js reads it: bit 3 in the source, editor or tags, bit 2 in the title, bits 0-1 the count in the body and summary. */
export function weightOf(inTitle: boolean, bodyCount: number, inMeta = false): number {
  const tf = bodyCount === 0 ? 0 : bodyCount === 1 ? 1 : bodyCount < 4 ? 2 : 3;
  return (inMeta ? 8 : 0) | (inTitle ? 4 : 0) | tf;
}
import { foldText } from "./fold.ts";
import { Lexicon } from "./word-bounds.ts";

/** One article's text in one script, by field. */
export interface IndexText {
  title: string;
  body: string;
  summary?: string;
  /** Source, editor and tags, one a line. */
  meta?: string;
}

/** What filters select an article by (the same in every script). */
export interface IndexFacets {
  section?: string;
  /** Folded. */
  source?: string;
}

export interface BuiltIndex {
  docs: number;
  keys: number;
  postings: number;
  shardCount: number;
  shards: Buffer[];
  /** Is this character a key of the index (for trimming the fold table)? */
  hasKey(key: string): boolean;
}

/** One document's postings as add() made them: key (integer key, or -1 - index into strs) and weight, in posting order. */
export interface DocPostings {
  keys: Int32Array;
  weights: Uint8Array;
  strs: string[];
}

/** Is this an integer key add() can post (a Han character, or a pair of them)? For checking cached postings. */
export function isPostedCode(k: number): boolean {
  if (!Number.isInteger(k) || k < 0) return false;
  if (k >= SINGLE) return k - SINGLE <= 28160;
  return Math.floor(k / PAIR) <= 28160 && k % PAIR <= 28160;
}

export interface BuilderOptions {
  /** Average shard size to aim at, in bytes (the shard count is a power of two). */
  shardBytes?: number;
  /** Key a second script's text whole, never from the pieces that differ (tests: the reference those pieces must give). */
  wholeTexts?: boolean;
}

function varintSize(v: number): number {
  let n = 1;
  while (v >= 0x80) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}

class ByteWriter {
  buf = Buffer.allocUnsafe(1024);
  length = 0;
  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }
  varint(v: number): void {
    this.room(10);
    while (v >= 0x80) {
      this.buf[this.length++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[this.length++] = v;
  }
  u32(v: number): void {
    this.room(4);
    this.buf.writeUInt32LE(v, this.length);
    this.length += 4;
  }
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  done(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.length));
  }
}

// Keys are strings in the index files; while building, the common ones are small integers (a
// Map of integers is several times faster than one of fresh strings): a Han character of the
// Basic Multilingual Plane is its dense number, a pair is two of them. Other keys stay strings.
const PAIR = 32768;
const SINGLE = 2 ** 30;
/** A pair that only falls inside longer words in this place: its code + INSIDE_CODE (posted with weight 0). */
const INSIDE_CODE = SINGLE + PAIR;

function dense(c: number): number {
  if (c >= 0x3400 && c <= 0x9fff) return c - 0x3400;
  if (c >= 0xf900 && c <= 0xfaff) return 27648 + c - 0xf900;
  if (c === 0x3007) return 28160;
  return -1;
}

function undense(d: number): string {
  return String.fromCharCode(d < 27648 ? d + 0x3400 : d < 28160 ? d - 27648 + 0xf900 : 0x3007);
}

/** The string key of an integer key. */
export function keyText(code: number): string {
  return code >= SINGLE ? undense(code - SINGLE) : undense(Math.floor(code / PAIR)) + undense(code % PAIR);
}

/**
 * Every key of folded text, once per occurrence: each Han character and pair, each word, each
 * number with the Han character after it. The plain statement of the key rules (the browser
 * cuts queries by them, search-keys.js parseQuery); forEachKeyCode is the same, faster.
 */
export function forEachKey(folded: string, fn: (key: string) => void): void {
  let number = "";
  let numberEnd = -1;
  forEachRun(folded, (run, start, han) => {
    if (!han) {
      fn(wordKey(run));
      if (DIGITS_ONLY.test(run)) [number, numberEnd] = [run, start + run.length];
      return;
    }
    if (numberEnd === start) fn(numberKey(number, run));
    let prev = "";
    for (let i = 0; i < run.length; ) {
      const w = run.charCodeAt(i) >= 0xd800 && run.charCodeAt(i) < 0xdc00 ? 2 : 1;
      const ch = run.slice(i, i + w);
      fn(ch);
      if (prev) fn(prev + ch);
      prev = ch;
      i += w;
    }
  });
}

// The runs of search-keys.js forEachRun (Han characters, or other letters, digits and marks),
// found by a table of each UTF-16 unit's class instead of the regular expression: no match
// object or substring per run. A unit's class is taken from the same classes as the expression's.
const HAN_CHAR = /^[\p{Script=Han}\u3007]$/u;
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
/** Class of each BMP unit, filled as met: 0 unknown, 1 Han, 2 other word character, 3 neither. */
const unitClass = new Uint8Array(65536);
const astralClass = new Map<number, number>();

function classOfText(ch: string): number {
  return HAN_CHAR.test(ch) ? 1 : WORD_CHAR.test(ch) ? 2 : 3;
}

/** Class (1 Han, 2 word, 3 neither) of the character at i, and its width in the class's high bits (width × 4). */
function charAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low < 0xe000) {
      const cp = (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
      let k = astralClass.get(cp);
      if (k === undefined) astralClass.set(cp, (k = classOfText(String.fromCodePoint(cp))));
      return k | 8;
    }
  }
  // A lone surrogate is no letter (the expression, in u mode, sees it as a code point of its own).
  if (c >= 0xd800 && c < 0xe000) return 3 | 4;
  let k = unitClass[c]!;
  if (k === 0) unitClass[c] = k = classOfText(String.fromCharCode(c));
  return k | 4;
}

/** forEachRun's runs as offsets: [start, end) and whether Han. */
export function forEachRunAt(text: string, fn: (start: number, end: number, han: boolean) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const a = charAt(text, i);
    const k = a & 3;
    if (k === 3) {
      i += a >> 2;
      continue;
    }
    const start = i;
    i += a >> 2;
    while (i < n) {
      const b = charAt(text, i);
      if ((b & 3) !== k) break;
      i += b >> 2;
    }
    fn(start, i, k === 1);
  }
}

/**
 * Keys of folded text, as forEachKey gives them, integers where they can be. With `inside`
 * (word-bounds.ts), a pair marked there comes as its INSIDE code.
 */
export function forEachKeyCode(folded: string, num: (code: number) => void, str: (key: string) => void, inside?: Uint8Array): void {
  let numberEnd = -1;
  let number = "";
  forEachRunAt(folded, (start, end, han) => {
    if (!han) {
      const run = folded.slice(start, end);
      str(wordKey(run));
      const c = run.charCodeAt(0);
      if (c >= 0x30 && c <= 0x39 && run.length <= 12 && /^\d+$/.test(run)) {
        number = run;
        numberEnd = end;
      }
      return;
    }
    if (numberEnd === start) str(numberKey(number, folded.slice(start, end)));
    let prev = -1;
    let prevText = "";
    for (let i = start; i < end; ) {
      const c = folded.charCodeAt(i);
      const w = c >= 0xd800 && c < 0xdc00 ? 2 : 1;
      const d = w === 1 ? dense(c) : -1;
      if (d >= 0) {
        num(SINGLE + d);
        if (prev >= 0) num(prev * PAIR + d + (inside && inside[i - 1] ? INSIDE_CODE : 0));
        else if (prevText) str(prevText + folded[i]);
        prevText = "";
      } else {
        const ch = folded.slice(i, i + w);
        str(ch);
        if (prev >= 0) str(undense(prev) + ch);
        else if (prevText) str(prevText + ch);
        prevText = ch;
      }
      prev = d;
      i += w;
    }
  });
}

/** Open-addressing table from non-negative integers to integers, in typed arrays. */
class IntTable {
  keys: Int32Array;
  values: Int32Array;
  /** Slots in use, in the order first set. */
  used: number[] = [];
  private mask: number;
  private shift: number;

  constructor(capacity = 1 << 14) {
    this.keys = new Int32Array(capacity).fill(-1);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.shift = 32 - Math.log2(capacity);
  }

  /** k's slot, or the empty slot where it would go. The top bits of the product: all of k's bits count (a pair's first character is in its high bits). */
  find(k: number): number {
    let i = Math.imul(k, 0x9e3779b1) >>> this.shift;
    while (this.keys[i] !== -1 && this.keys[i] !== k) i = (i + 1) & this.mask;
    return i;
  }

  get(k: number): number {
    const i = this.find(k);
    return this.keys[i] === -1 ? -1 : this.values[i];
  }

  /** Puts k (not in the table, its slot i from find) with value v. */
  insert(i: number, k: number, v: number): void {
    if ((this.used.length + 1) * 2 > this.keys.length) {
      this.grow();
      i = this.find(k);
    }
    this.keys[i] = k;
    this.values[i] = v;
    this.used.push(i);
  }

  /** Adds n to k's value (a new key starts at 0). */
  add(k: number, n: number): void {
    const i = this.find(k);
    if (this.keys[i] === -1) this.insert(i, k, n);
    else this.values[i] += n;
  }

  set(k: number, v: number): void {
    const i = this.find(k);
    if (this.keys[i] === -1) this.insert(i, k, v);
    else this.values[i] = v;
  }

  clear(): void {
    for (const i of this.used) this.keys[i] = -1;
    this.used.length = 0;
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    const used = this.used;
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.values = new Int32Array(keys.length * 2);
    this.mask = keys.length * 2 - 1;
    this.shift--;
    this.used = [];
    for (const i of used) {
      const j = this.find(keys[i]);
      this.keys[j] = keys[i];
      this.values[j] = values[i];
      this.used.push(j);
    }
  }
}

/**
 * Postings are appended as (key id, document × 16 + weight) pairs in document order, in flat
 * typed arrays: no object per key, little for the garbage collector. `finish` groups them by key.
 */
export class IndexBuilder {
  private numIds = new IntTable(1 << 16);
  private strIds = new Map<string, number>();
  /** Key id → integer key, or -1 for a string key (then in strKeys). */
  private keyCode = new Int32Array(1 << 16);
  private strKeys = new Map<number, string>();
  private keyCount = 0;
  private pKey = new Int32Array(1 << 20);
  private pVal = new Int32Array(1 << 20);
  private postingCount = 0;
  private count = 0;
  // Per document, reused.
  private body = new IntTable();
  private other = new IntTable();
  private otherFirst = new IntTable();
  private title = new IntTable(1 << 10);
  /** Integer keys of the source, editor and tags (a set: values 1). */
  private metaCodes = new IntTable(1 << 10);

  /** Sampling titles and summaries as they come, when no lexicon was given. */
  private readonly sampling: boolean;

  constructor(private readonly options: BuilderOptions = {}, lexicon?: Lexicon) {
    this.lexicon = lexicon ?? new Lexicon();
    this.sampling = !lexicon;
  }

  private idOfCode(code: number): number {
    const ids = this.numIds;
    const i = ids.find(code);
    if (ids.keys[i] !== -1) return ids.values[i];
    const id = this.newId(code);
    ids.insert(i, code, id);
    return id;
  }

  private idOfString(key: string): number {
    let id = this.strIds.get(key);
    if (id === undefined) {
      id = this.newId(-1);
      this.strIds.set(key, id);
      this.strKeys.set(id, key);
    }
    return id;
  }

  private newId(code: number): number {
    const id = this.keyCount++;
    if (id >= this.keyCode.length) {
      const next = new Int32Array(this.keyCode.length * 2);
      next.set(this.keyCode);
      this.keyCode = next;
    }
    this.keyCode[id] = code;
    return id;
  }

  private post(keyId: number, value: number): void {
    const i = this.postingCount++;
    if (i >= this.pKey.length) {
      const k = new Int32Array(this.pKey.length * 2);
      k.set(this.pKey);
      this.pKey = k;
      const v = new Int32Array(this.pVal.length * 2);
      v.set(this.pVal);
      this.pVal = v;
    }
    this.pKey[i] = keyId;
    this.pVal[i] = value;
  }

  /** Words for telling real pair matches from pairs inside longer words; sampled from the first texts unless given. */
  readonly lexicon: Lexicon;
  private entries = new Map<string, Buffer>();
  private insideFlags = new Uint8Array(4096);

  /** Adds a key with a value of its own (a VARIANT key's list), written into its shard as it is. */
  addEntry(key: string, value: Buffer): void {
    this.entries.set(key, value);
  }

  /** Does the index hold this key (a pair also when only inside longer words)? */
  has(key: string): boolean {
    let found = true;
    let seen = false;
    forEachKeyCode(
      key,
      (code) => {
        seen = true;
        if (this.numIds.get(code >= INSIDE_CODE ? code - INSIDE_CODE : code) < 0) found = false;
      },
      (k) => {
        seen = true;
        if (!this.strIds.has(k)) found = false;
      },
    );
    return seen && found;
  }

  private flagsFor(folded: string): Uint8Array {
    if (this.insideFlags.length < folded.length) this.insideFlags = new Uint8Array(folded.length * 2);
    this.lexicon.insidePairs(folded, this.insideFlags);
    return this.insideFlags;
  }

  /** What add() posted for the document being added, when recording (doc-cache.ts): keys (an integer key, or -1 - its index in strs) and weights. */
  private rec: { keys: number[]; weights: number[]; strs: string[] } | null = null;

  /** Records what the next add() posts (its ids aside), to replay it with addPostings. */
  record(): void {
    this.rec = { keys: [], weights: [], strs: [] };
  }

  /** What the last add() posted, since record(). */
  recorded(): DocPostings {
    const r = this.rec!;
    this.rec = null;
    // Typed arrays: the cache file is written and read as their bytes.
    return { keys: Int32Array.from(r.keys), weights: Uint8Array.from(r.weights), strs: r.strs };
  }

  private postCode(code: number, value: number): void {
    if (this.rec) {
      this.rec.keys.push(code);
      this.rec.weights.push(value & 15);
    }
    this.post(this.idOfCode(code), value);
  }

  private postString(key: string, value: number): void {
    if (this.rec) {
      this.rec.keys.push(-1 - this.rec.strs.length);
      this.rec.strs.push(key);
      this.rec.weights.push(value & 15);
    }
    this.post(this.idOfString(key), value);
  }

  /** Adds the next document from what add() posted for it in an earlier build: the same postings, in the same order. */
  addPostings(p: DocPostings): number {
    const id = this.count++;
    for (let i = 0; i < p.keys.length; i++) {
      const k = p.keys[i]!;
      const v = id * 16 + p.weights[i]!;
      if (k >= 0) this.post(this.idOfCode(k), v);
      else this.post(this.idOfString(p.strs[-1 - k]!), v);
    }
    return id;
  }

  /** Adds the next document (ids are given in order: 0, 1, 2 …): its text in every script, and its facets. */
  add(texts: IndexText[], facets: IndexFacets = {}): number {
    const id = this.count++;
    const { body, other, title } = this;
    body.clear();
    title.clear();
    const meta = new Set<string>();
    const metaCodes = this.metaCodes;
    metaCodes.clear();
    const strBody = new Map<string, number>();
    const strTitle = new Set<string>();
    const seenBodies: string[] = [];
    const seenTitles = new Set<string>();
    const seenMeta = new Set<string>();
    for (const t of texts) {
      const ft = foldText(t.title);
      if (!seenTitles.has(ft)) {
        seenTitles.add(ft);
        if (this.sampling && seenTitles.size === 1 && !this.lexicon.full) this.lexicon.sample(ft);
        forEachKeyCode(ft, (k) => title.add(k, 1), (k) => strTitle.add(k), this.flagsFor(ft));
      }
      if (t.meta) {
        const fm = foldText(t.meta);
        if (!seenMeta.has(fm)) {
          seenMeta.add(fm);
          // Names and tags: their pairs are words as they stand.
          forEachKeyCode(fm, (k) => metaCodes.set(k, 1), (k) => meta.add(k));
        }
      }
      // The summary counts twice: it is the article's own account of itself.
      const fs = t.summary ? foldText(t.summary) : "";
      if (fs && this.sampling && seenBodies.length === 0 && !this.lexicon.full) this.lexicon.sample(fs);
      const fb = foldText(t.body) + (fs ? "\n" + fs + "\n" + fs : "");
      if (seenBodies.includes(fb)) continue;
      if (seenBodies.length === 0) {
        forEachKeyCode(fb, (k) => body.add(k, 1), (k) => strBody.set(k, (strBody.get(k) ?? 0) + 1), this.flagsFor(fb));
      } else {
        // A second script's body adds what the first lacked; counts are the larger of the two.
        other.clear();
        const str = new Map<string, number>();
        const first = seenBodies[0]!;
        const windows = fb.length === first.length ? differingWindows(first, fb) : null;
        if (!windows && fb.length === first.length && seenBodies.length === 1 && !this.options.wholeTexts) {
          this.addDiffering(first, fb, strBody);
          seenBodies.push(fb);
          continue;
        }
        if (windows) for (const w of windows) forEachKeyCode(w, (k) => other.add(k, 1), (k) => str.set(k, (str.get(k) ?? 0) + 1));
        else forEachKeyCode(fb, (k) => other.add(k, 1), (k) => str.set(k, (str.get(k) ?? 0) + 1), this.flagsFor(fb));
        for (const i of other.used) if (other.values[i] > body.get(other.keys[i])) body.set(other.keys[i], other.values[i]);
        for (const [k, n] of str) if (n > (strBody.get(k) ?? 0)) strBody.set(k, n);
      }
      seenBodies.push(fb);
    }
    // A pair that is a real match anywhere in the article is listed under the pair alone.
    const realPair = (code: number) => body.get(code) > 0 || title.get(code) > 0 || metaCodes.get(code) > 0;
    const weight = (code: number, n: number) => weightOf(title.get(code) > 0, n, metaCodes.get(code) > 0);
    // Weight 0: the pair only falls inside longer words here (a posting has a weight otherwise).
    for (const i of body.used) {
      const k = body.keys[i];
      if (k < INSIDE_CODE) this.postCode((k), id * 16 + weight(k, body.values[i]));
      else if (!realPair(k - INSIDE_CODE)) this.postCode((k - INSIDE_CODE), id * 16);
    }
    for (const i of title.used) {
      const k = title.keys[i];
      if (body.get(k) >= 0) continue;
      if (k < INSIDE_CODE) this.postCode((k), id * 16 + weight(k, 0));
      else if (!realPair(k - INSIDE_CODE) && body.get(k) < 0) this.postCode((k - INSIDE_CODE), id * 16);
    }
    for (const i of metaCodes.used) {
      const k = metaCodes.keys[i];
      if (body.get(k) < 0 && title.get(k) < 0) this.postCode((k), id * 16 + weightOf(false, 0, true));
    }
    for (const [k, n] of strBody) this.postString((k), id * 16 + weightOf(strTitle.has(k), n, meta.has(k)));
    for (const k of strTitle) if (!strBody.has(k)) this.postString((k), id * 16 + weightOf(true, 0, meta.has(k)));
    for (const k of meta) if (!strBody.has(k) && !strTitle.has(k)) this.postString((k), id * 16 + weightOf(false, 0, true));
    if (facets.section) this.postString((`${FACET}s${facets.section}`), id * 16);
    if (facets.source) this.postString((`${FACET}o${facets.source}`), id * 16);
    return id;
  }

  /**
   * What keying all of `b` (the second script's text, as long as `a`, the first, whose counts
   * `body` and `strBody` hold) would add, from the pieces where the two differ: between breaks
   * (a character that is no key and no word character in both), keys and word bounds of one piece
   * do not depend on another, so b's count of a key is a's, less a's pieces, plus b's. Most
   * twins differ in quotation marks only (“” and 「」 are both breaks): nothing is keyed again.
   */
  private addDiffering(a: string, b: string, strBody: Map<string, number>): void {
    const { body, other, otherFirst } = this;
    other.clear();
    otherFirst.clear();
    const strA = new Map<string, number>();
    const strB = new Map<string, number>();
    for (const [s, e] of differingPieces(a, b)) {
      const pa = a.slice(s, e);
      forEachKeyCode(pa, (k) => otherFirst.add(k, 1), (k) => strA.set(k, (strA.get(k) ?? 0) + 1), this.flagsFor(pa));
      const pb = b.slice(s, e);
      forEachKeyCode(pb, (k) => other.add(k, 1), (k) => strB.set(k, (strB.get(k) ?? 0) + 1), this.flagsFor(pb));
    }
    // As scanning all of b: a key whose count in b exceeds a's takes b's (a new key comes in b's order).
    for (const i of other.used) {
      const k = other.keys[i];
      const inA = Math.max(0, otherFirst.get(k));
      if (other.values[i] > inA) body.set(k, Math.max(0, body.get(k)) - inA + other.values[i]);
    }
    for (const [k, n] of strB) {
      const inA = strA.get(k) ?? 0;
      if (n > inA) strBody.set(k, (strBody.get(k) ?? 0) - inA + n);
    }
  }

  finish(): BuiltIndex {
    const keys = this.keyCount;
    const n = this.postingCount;
    // Group postings by key, keeping document order: counting sort into `flat`.
    const start = new Int32Array(keys + 1);
    for (let i = 0; i < n; i++) start[this.pKey[i] + 1]++;
    for (let k = 0; k < keys; k++) start[k + 1] += start[k];
    const fillAt = start.slice(0, keys);
    const flat = new Int32Array(n);
    for (let i = 0; i < n; i++) flat[fillAt[this.pKey[i]]++] = this.pVal[i];
    this.pKey = new Int32Array(0);
    this.pVal = new Int32Array(0);

    const text: string[] = new Array(keys);
    for (let k = 0; k < keys; k++) text[k] = this.keyCode[k] >= 0 ? keyText(this.keyCode[k]) : this.strKeys.get(k)!;
    // Entries (variant lists) are keys too, their value as given.
    const entryKeys = [...this.entries.keys()].filter((k) => !this.strIds.has(k)).sort();

    // Each list's encoded size, and the total to pick the shard count.
    const sizes = new Uint32Array(keys);
    let total = 0;
    for (let k = 0; k < keys; k++) {
      let size = 0;
      let prev = -1;
      for (let i = start[k]; i < start[k + 1]; i++) {
        const doc = flat[i] >>> 4;
        size += varintSize((doc - prev - 1) * 16 + (flat[i] & 15));
        prev = doc;
      }
      sizes[k] = size;
      total += size + text[k].length * 3 + 2;
    }
    for (const k of entryKeys) total += this.entries.get(k)!.length + k.length * 3 + 2;
    // Small shards: a query downloads one a key, so their size is most of what it costs.
    const target = this.options.shardBytes ?? 8 * 1024;
    let shardCount = 1;
    while (shardCount < 4096 && total / shardCount > target) shardCount *= 2;

    const members: number[][] = Array.from({ length: shardCount }, () => []);
    for (let k = 0; k < keys; k++) members[shardOf(text[k], shardCount)].push(k);
    const extra: string[][] = Array.from({ length: shardCount }, () => []);
    for (const k of entryKeys) extra[shardOf(k, shardCount)].push(k);
    // Keys in the order they were first met (deterministic: document order), then the entries.
    const shards = members.map((items, n) => {
      const keyBytes = Buffer.from([...items.map((k) => text[k]), ...extra[n]].join("\n"), "utf8");
      const out = new ByteWriter();
      out.u32(items.length + extra[n].length);
      out.u32(keyBytes.length);
      out.bytes(keyBytes);
      for (const k of items) out.varint(sizes[k]);
      for (const key of extra[n]) out.varint(this.entries.get(key)!.length);
      for (const k of items) {
        let prev = -1;
        for (let i = start[k]; i < start[k + 1]; i++) {
          const doc = flat[i] >>> 4;
          out.varint((doc - prev - 1) * 16 + (flat[i] & 15));
          prev = doc;
        }
      }
      for (const key of extra[n]) out.bytes(this.entries.get(key)!);
      return out.done();
    });
    return {
      docs: this.count,
      keys: keys + entryKeys.length,
      postings: n,
      shardCount,
      shards,
      hasKey: (key) => {
        const d = key.length === 1 ? dense(key.charCodeAt(0)) : -1;
        return d >= 0 ? this.numIds.get(SINGLE + d) >= 0 : this.strIds.has(key);
      },
    };
  }
}

/**
 * The pieces of `b` (a second script's folded text, as long as `a`) around the characters where
 * it differs from `a`: each differing Han character with its Han neighbours, so the pieces give
 * the keys `a` lacks. Null when the difference is not of Han characters alone, or large.
 */
export function differingWindows(a: string, b: string): string[] | null {
  const ranges: [number, number][] = [];
  const n = b.length;
  for (let i = 0; i < n; i++) {
    if (a.charCodeAt(i) === b.charCodeAt(i)) continue;
    if (dense(b.charCodeAt(i)) < 0 || ranges.length > n / 16) return null;
    const s = i > 0 && dense(b.charCodeAt(i - 1)) >= 0 ? i - 1 : i;
    const e = i + 1 < n && dense(b.charCodeAt(i + 1)) >= 0 ? i + 2 : i + 1;
    const last = ranges[ranges.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else ranges.push([s, e]);
  }
  return ranges.map(([s, e]) => b.slice(s, e));
}

/** Is this UTF-16 unit a break between pieces: no key, no word character, outside every word (a BMP character of neither class)? */
function isBreak(c: number): boolean {
  return (c < 0xd800 || c >= 0xe000) && dense(c) < 0 && (charAt(String.fromCharCode(c), 0) & 3) === 3;
}

/**
 * The pieces of two texts of one length, between positions that are breaks in both, where the
 * texts differ other than break for break ([start, end) each, in order).
 */
export function differingPieces(a: string, b: string): [number, number][] {
  const pieces: [number, number][] = [];
  const n = a.length;
  const breakAt = (i: number) => isBreak(a.charCodeAt(i)) && isBreak(b.charCodeAt(i));
  for (let i = 0; i < n; ) {
    if (a.charCodeAt(i) === b.charCodeAt(i) || breakAt(i)) {
      i++;
      continue;
    }
    let s = i;
    while (s > 0 && !breakAt(s - 1)) s--;
    let e = i + 1;
    while (e < n && !breakAt(e)) e++;
    pieces.push([s, e]);
    i = e;
  }
  return pieces;
}

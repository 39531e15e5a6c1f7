// Which character pairs of a text are real word matches: 和服 in 和服务 (和|服务) or 华人 in
// 中华人民共和国 (中华|人民…) only fall inside other words, and rank below (their documents
// are listed under a marked key, search-keys.js INSIDE).
//
// Words come from Intl.Segmenter("zh"), ICU's dictionary segmenter. It costs about a second per
// million characters, more than the whole index at 20,000 pages, so it runs over a sample
// (titles and summaries, which hold a site's vocabulary) and its words then cut every text by
// backward longest match, a pass over integer codes as fast as cutting the keys.

/** Characters of the sample given to Intl.Segmenter at most. */
const SAMPLE = 100_000;
/** Longest word kept (three bits of PairTable). */
const MAX_WORD = 7;

// The dense numbering of index-builder.ts: BMP Han characters → 0…28160.
function dense(c: number): number {
  if (c >= 0x3400 && c <= 0x9fff) return c - 0x3400;
  if (c >= 0xf900 && c <= 0xfaff) return 27648 + c - 0xf900;
  if (c === 0x3007) return 28160;
  return -1;
}

export class Lexicon {
  /** Multi-character words. */
  readonly words = new Set<string>();
  /** Last pair of a word (dense codes) → the longest word ending with it, + 8 when the pair is a word itself. */
  private ends = new PairTable();
  /** Words of three characters or more, by length, then by tailHash: looked up without cutting the text. */
  private long: Map<number, string[]>[] = Array.from({ length: MAX_WORD + 1 }, () => new Map());
  private tails = new Int32Array(MAX_WORD + 1);
  private sampled = 0;
  private readonly segmenter = new Intl.Segmenter("zh", { granularity: "word" });

  /** Adds the words Intl.Segmenter finds in folded text, while the sample has room. */
  sample(folded: string): void {
    if (this.sampled >= SAMPLE) return;
    this.sampled += folded.length;
    for (const s of this.segmenter.segment(folded)) this.addWord(s.segment);
  }

  /** A word found by the segmenter (kept if of two to MAX_WORD Han characters). */
  private addWord(w: string): void {
    if (w.length < 2 || w.length > MAX_WORD || this.words.has(w)) return;
    for (let i = 0; i < w.length; i++) if (dense(w.charCodeAt(i)) < 0) return;
    this.words.add(w);
    if (w.length >= 3) {
      const byHash = this.long[w.length]!;
      const h = tailHash(w, w.length);
      const same = byHash.get(h);
      if (same) same.push(w);
      else byHash.set(h, [w]);
    }
    const end = dense(w.charCodeAt(w.length - 2)) * 32768 + dense(w.charCodeAt(w.length - 1));
    const had = this.ends.get(end);
    this.ends.set(end, Math.max(had & 7, w.length) | (had & 8) | (w.length === 2 ? 8 : 0));
  }

  /** The lexicon sample() gave these words (the same lookups: the order words are met in changes none). */
  static fromWords(words: Iterable<string>, sampled: number): Lexicon {
    const lexicon = new Lexicon();
    for (const w of words) lexicon.addWord(w);
    lexicon.sampled = sampled;
    return lexicon;
  }

  /** The pieces sampleMany gives sample(): short texts joined into a few thousand characters, until the sample is full. */
  static chunksOf(texts: Iterable<string>): string[] {
    const chunks: string[] = [];
    let total = 0;
    let chunk = "";
    for (const t of texts) {
      if (total >= SAMPLE) return chunks;
      chunk += t + "\n";
      if (chunk.length >= 2000) {
        chunks.push(chunk);
        total += chunk.length;
        chunk = "";
      }
    }
    if (chunk && total < SAMPLE) chunks.push(chunk);
    return chunks;
  }

  /** sample() over many short texts, cut into pieces of a few thousand characters (a segmenter call costs as much as a short text). */
  sampleMany(texts: Iterable<string>): void {
    for (const chunk of Lexicon.chunksOf(texts)) this.sample(chunk);
  }

  get full(): boolean {
    return this.sampled >= SAMPLE;
  }

  private starts = new Uint8Array(4096);
  private codes = new Int32Array(4096);

  /**
   * Marks the pairs of folded text that only fall inside longer words: bad[i] = 1 for the pair
   * starting at i. A pair is a real match when it is a word, starts or ends one without
   * cutting another, or joins two one-character words (names the dictionary lacks: 张|琼).
   */
  insidePairs(folded: string, bad: Uint8Array): void {
    const n = folded.length;
    if (this.starts.length < n + 1) {
      this.starts = new Uint8Array((n + 1) * 2);
      this.codes = new Int32Array((n + 1) * 2);
    }
    // start[k] = 1: a word starts at k (run edges count as starts); code[k]: dense code or -1.
    const start = this.starts;
    const code = this.codes;
    for (let k = 0; k < n; k++) code[k] = dense(folded.charCodeAt(k));
    start.fill(0, 0, n + 1);
    start[n] = 1;
    let end = n;
    while (end > 0) {
      const last = code[end - 1];
      if (last < 0) {
        start[end - 1] = 1;
        end--;
        continue;
      }
      // Backward longest match inside this run of Han characters.
      let len = 1;
      const before = end >= 2 ? code[end - 2] : -1;
      if (before >= 0) {
        const found = this.ends.get(before * 32768 + last);
        if (found !== 0) {
          // The text's tails before `end` as tailHash gives them, then the longest that is a word.
          const longest = Math.min(found & 7, end);
          const tails = this.tails;
          let h = 0;
          for (let l = 1; l <= longest; l++) tails[l] = h = tailStep(h, folded.charCodeAt(end - l));
          for (let l = longest; l >= 3; l--) {
            const same = this.long[l]!.get(tails[l]!);
            if (same && same.some((w) => endsWith(folded, end, w))) {
              len = l;
              break;
            }
          }
          if (len === 1 && found & 8) len = 2;
        }
      }
      start[end - len] = 1;
      end -= len;
    }
    for (let i = 0; i + 1 < n; i++) {
      const startCut = start[i] === 0;
      const endCut = start[i + 2] === 0;
      bad[i] = (startCut && endCut) || (start[i + 1] === 1 && (startCut || endCut)) ? 1 : 0;
    }
  }
}

/** One step of tailHash: the character before those hashed so far. */
function tailStep(h: number, c: number): number {
  return (Math.imul(h, 0x01000193) ^ c) & 0x3fffffff;
}

/** A hash of the last n characters of w, from the last one back (small integers, for a Map). */
function tailHash(w: string, n: number): number {
  let h = 0;
  for (let l = 1; l <= n; l++) h = tailStep(h, w.charCodeAt(w.length - l));
  return h;
}

/** Does `text` hold `w` just before `end`? */
function endsWith(text: string, end: number, w: string): boolean {
  const from = end - w.length;
  for (let i = 0; i < w.length; i++) if (text.charCodeAt(from + i) !== w.charCodeAt(i)) return false;
  return true;
}

/** Open addressing from pair codes to small numbers, in typed arrays (a Map of numbers is several times slower here). */
class PairTable {
  private keys = new Int32Array(1 << 16).fill(-1);
  private values = new Uint8Array(1 << 16);
  private size = 0;

  private slot(k: number): number {
    const mask = this.keys.length - 1;
    let i = (Math.imul(k, 0x9e3779b1) >>> 12) & mask;
    while (this.keys[i] !== -1 && this.keys[i] !== k) i = (i + 1) & mask;
    return i;
  }

  /** The value of k, 0 if none. */
  get(k: number): number {
    return this.values[this.slot(k)];
  }

  set(k: number, v: number): void {
    let i = this.slot(k);
    if (this.keys[i] === -1) {
      if (++this.size * 2 > this.keys.length) {
        const keys = this.keys;
        const values = this.values;
        this.keys = new Int32Array(keys.length * 2).fill(-1);
        this.values = new Uint8Array(keys.length * 2);
        for (let j = 0; j < keys.length; j++) if (keys[j] !== -1) {
          const s = this.slot(keys[j]);
          this.keys[s] = keys[j];
          this.values[s] = values[j];
        }
        i = this.slot(k);
      }
      this.keys[i] = k;
    }
    this.values[i] = v;
  }
}

// Search keys: the rules that turn text into the keys of the search index. The indexer
// (scripts/search/, in Node) and the reader's browser both use this module, so a query is cut
// exactly as the articles were.
//
// Every text is folded first (Traditional → Simplified characters, full-width → ASCII, lower
// case), so one index serves both scripts. Chinese has no spaces: the keys are single Han
// characters and pairs of neighbours (bigrams); runs of Latin letters and digits are whole-word
// keys. Folding maps one UTF-16 unit to one, so an offset in folded text is one in the original.

/** A query of more keys than this is cut short (each key may cost a shard download). */
export const MAX_KEYS = 24;

/** The fold table: pairs of UTF-16 units (from, to) in one string → a 64 K lookup table. */
export function foldTable(pairs) {
  const table = new Uint16Array(65536);
  for (let i = 0; i < 65536; i++) table[i] = i;
  for (let c = 0x41; c <= 0x5a; c++) table[c] = c + 32; // A-Z
  for (let c = 0xff01; c <= 0xff5e; c++) {
    const ascii = c - 0xfee0; // full-width forms
    table[c] = ascii >= 0x41 && ascii <= 0x5a ? ascii + 32 : ascii;
  }
  table[0x3000] = 0x20; // ideographic space
  for (let i = 0; i + 1 < pairs.length; i += 2) table[pairs.charCodeAt(i)] = pairs.charCodeAt(i + 1);
  return table;
}

/** Folds text for matching; the result has the same length as the input. */
export function fold(text, table) {
  const n = text.length;
  let i = 0;
  while (i < n && table[text.charCodeAt(i)] === text.charCodeAt(i)) i++;
  if (i === n) return text;
  const codes = new Uint16Array(n);
  for (let j = 0; j < n; j++) codes[j] = table[text.charCodeAt(j)];
  // Surrogates fold to themselves: well-formed text stays well-formed.
  return utf16.decode(codes);
}

const utf16 = new TextDecoder("utf-16le");

// Han characters (any plane), or runs of other letters, digits and marks.
const RUNS = /([\p{Script=Han}\u3007]+)|((?:(?![\p{Script=Han}\u3007])[\p{L}\p{N}\p{M}])+)/gu;
/** Longest word key: longer runs (hashes, URLs) are cut. */
const MAX_WORD = 40;

/** Calls back with each run of folded text: Han characters, or a word. */
export function forEachRun(folded, fn) {
  RUNS.lastIndex = 0;
  let m;
  while ((m = RUNS.exec(folded)) !== null) fn(m[0], m.index, m[1] !== undefined);
}

/** The key of a word run (not Han): the word, cut if very long. */
export function wordKey(run) {
  return run.length > MAX_WORD ? run.slice(0, MAX_WORD) : run;
}

/** Every key of folded text, once per occurrence: each Han character and pair, each word. */
export function forEachKey(folded, fn) {
  forEachRun(folded, (run, _start, han) => {
    if (!han) {
      fn(wordKey(run));
      return;
    }
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

/** The Han characters of a run, astral ones kept whole. */
function chars(run) {
  return Array.from(run);
}

/**
 * A query as terms to match: words split at spaces, each word cut into runs (a run of Han
 * characters, or a Latin/digit word). Every term must match (AND).
 * Each term: { text: folded run, han, keys: index keys it needs, check: must be verified in text }.
 * A word of three or more characters needs all its pairs and is then checked against the
 * document's text, so 北京大学 does not match 北京…大学 far apart.
 */
export function parseQuery(query, table) {
  const folded = fold(String(query).normalize("NFC"), table);
  const terms = [];
  const seen = new Set();
  forEachRun(folded, (run, _start, han) => {
    if (seen.has(run)) return;
    seen.add(run);
    if (!han) {
      terms.push({ text: wordKey(run), han: false, keys: [wordKey(run)], check: false });
      return;
    }
    const cs = chars(run);
    const keys = cs.length === 1 ? [cs[0]] : cs.slice(1).map((c, i) => cs[i] + c);
    terms.push({ text: run, han: true, keys: [...new Set(keys)], check: cs.length > 2 });
  });
  // A longer term that holds a shorter one makes the shorter redundant (传播 传播学).
  const kept = terms.filter((t) => !terms.some((o) => o !== t && o.han === t.han && o.text.length > t.text.length && o.text.includes(t.text)));
  return kept;
}

/** All distinct keys of a parsed query, at most MAX_KEYS. */
export function queryKeys(terms) {
  const keys = [];
  for (const t of terms) for (const k of t.keys) if (!keys.includes(k)) keys.push(k);
  return keys.slice(0, MAX_KEYS);
}

/** FNV-1a over UTF-16 units: which shard holds a key. */
export function hashKey(key) {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function shardOf(key, shards) {
  return hashKey(key) % shards;
}

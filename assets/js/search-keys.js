// Search keys: the rules that turn text into the keys of the search index, shared by the
// indexer (scripts/search/) and the browser, so a query is cut exactly as the articles were.
// Texts are folded first (Traditional → Simplified, full-width → ASCII, lower case): one index
// serves both scripts. Keys: each Han character, each pair of neighbours, each run of letters
// and digits. Folding maps one UTF-16 unit to one: offsets in folded text are offsets in the
// original.

/** Keys looked up for one query at most (each may cost a shard); the terms left out of the lookup are still checked in the text. */
export const MAX_KEYS = 24;

// Marked keys. VARIANT + word: its regional variants (in the shard of the word's first pair).
// FACET + s/o + value: a section's or source's documents.
export const VARIANT = "\u0002";
export const FACET = "\u0004";

/** The fold table: pairs of UTF-16 units (from, to) in one string → a 64 K lookup table. */
export function foldTable(pairs) {
  const table = new Uint16Array(65536);
  for (let i = 0; i < 65536; i++) table[i] = i;
  for (let c = 0x41; c <= 0x5a; c++) table[c] = c + 32;
  for (let c = 0xff01; c <= 0xff5e; c++) {
    const ascii = c - 0xfee0; // full-width forms
    table[c] = ascii >= 0x41 && ascii <= 0x5a ? ascii + 32 : ascii;
  }
  table[0x3000] = 0x20;
  for (let i = 0; i + 1 < pairs.length; i += 2) table[pairs.charCodeAt(i)] = pairs.charCodeAt(i + 1);
  return table;
}

/** The digits of the manifest's packed fold pairs (scripts/search/fold.ts packFold): 5 bits each, the last of a number from the first 32. */
export const FOLD_DIGITS = "abcdefghijklmnopqrstuvwxyz012345ABCDEFGHIJKLMNOPQRSTUVWXYZ6789!#";

/** The fold pairs of the manifest, unpacked (packFold's inverse, scripts/search/fold.ts). */
export function unpackFold(packed) {
  let out = "";
  let from = 0;
  let v = 0;
  let odd = false;
  for (let i = 0; i < packed.length; i++) {
    const d = FOLD_DIGITS.indexOf(packed[i]);
    v = v * 32 + (d & 31);
    if (d >= 32) continue;
    const n = v % 2 ? -(v + 1) / 2 : v / 2;
    if (odd) out += String.fromCharCode(from, from + n);
    else from += n;
    odd = !odd;
    v = 0;
  }
  return out;
}

/** Folds text for matching; the result has the same length as the input. */
export function fold(text, table) {
  const n = text.length;
  let i = 0;
  while (i < n && table[text.charCodeAt(i)] === text.charCodeAt(i)) i++;
  if (i === n) return text;
  const codes = new Uint16Array(n);
  for (let j = 0; j < n; j++) codes[j] = table[text.charCodeAt(j)];
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

const DIGITS_ONLY = /^\d{1,12}$/;

/**
 * A number and the Han character right after it (3月, 2001年, 2万) is a key of its own, so
 * dates and amounts need no check in the text (the number run is whole: 13月 is not 3月).
 */
export function numberKey(digits, han) {
  return digits + String.fromCodePoint(han.codePointAt(0));
}

const LEADING = "$¥€£#";
const TRAILING = "%‰℃°";

/** The keys of a run of Han characters: its pairs, or the character alone. */
export function pairsOf(run) {
  const cs = Array.from(run);
  return cs.length === 1 ? [cs[0]] : cs.slice(1).map((c, i) => cs[i] + c);
}

/**
 * A query as terms, all of which must match. Words are split at spaces; a word is one term,
 * however many runs it has (1.2万 is "1", "2", "万" but matched as written, 3月 too).
 * Term: { text, typed (as the reader typed it), han (one Han run), keys, check (the index alone
 * cannot confirm it: the text is checked), prefix (the last word, a Latin word still being typed) }.
 */
export function parseQuery(query, table) {
  const raw = String(query).normalize("NFC");
  const folded = fold(raw, table);
  const terms = [];
  const seen = new Set();
  const words = folded.split(/\s+/).filter((w) => w !== "");
  // Folding keeps lengths and spaces: the same split of the query as typed.
  const typed = raw.split(/\s+/).filter((w) => w !== "");
  // The last word is still being typed unless a space follows it.
  const typing = !/\s$/.test(folded);
  words.forEach((word, w) => {
    const runs = [];
    forEachRun(word, (run, start, han) => runs.push({ run, start, han }));
    if (runs.length === 0) return;
    // The word from its first run to the end of its last, with the signs numbers carry (50%,
    // ¥3): punctuation around it is not part of it.
    let from = runs[0].start;
    let to = runs[runs.length - 1].start + runs[runs.length - 1].run.length;
    while (from > 0 && LEADING.includes(word[from - 1])) from--;
    while (to < word.length && TRAILING.includes(word[to])) to++;
    const text = word.slice(from, to);
    if (seen.has(text)) return;
    seen.add(text);
    const keys = [];
    let exact = runs.length === 1 && text === runs[0].run;
    runs.forEach((r, i) => {
      const next = runs[i + 1];
      const prev = runs[i - 1];
      let own = r.han ? pairsOf(r.run) : [wordKey(r.run)];
      // A number followed by Han characters: its key with the first of them stands for both.
      if (!r.han && next && next.han && next.start === r.start + r.run.length && DIGITS_ONLY.test(r.run)) own = [numberKey(r.run, next.run)];
      else if (r.han && prev && !prev.han && r.start === prev.start + prev.run.length && DIGITS_ONLY.test(prev.run) && Array.from(r.run).length === 1) own = [];
      for (const k of own) if (!keys.includes(k)) keys.push(k);
    });
    // 3月, 2001年: the number key alone says it.
    if (runs.length === 2 && text === word.slice(runs[0].start, runs[1].start + runs[1].run.length) && keys.length === 1 && !runs[0].han && runs[1].han && Array.from(runs[1].run).length === 1) exact = true;
    const one = exact;
    const han = one && runs[0].han;
    terms.push({
      text,
      typed: (typed[w] ?? word).slice(from, to),
      han,
      keys,
      check: !one || (han && Array.from(text).length > 2),
      prefix: one && !han && typing && w === words.length - 1 && /^[a-z]/.test(text) && text.length >= 2,
    });
  });
  // A longer term that holds a shorter one makes the shorter redundant (传播 传播学).
  return terms.filter((t) => !terms.some((o) => o !== t && o.text.length > t.text.length && o.text.includes(t.text) && (o.han || !t.han)));
}

/**
 * The keys to look up, at most MAX_KEYS: every key of every term while they fit; beyond, each
 * term keeps its first and last key (a phrase is checked in the text anyway), and a term left
 * without any is marked to be checked. Returns { keys, terms } (terms with `looked`: its keys looked up).
 */
export function planKeys(terms, max = MAX_KEYS) {
  const total = new Set(terms.flatMap((t) => t.keys)).size;
  const keys = [];
  const add = (k) => {
    if (!keys.includes(k) && keys.length < max) keys.push(k);
    return keys.includes(k);
  };
  // First and last key of every term first, then the rest in order while there is room.
  for (const t of terms) {
    add(t.keys[0]);
    add(t.keys[t.keys.length - 1]);
  }
  for (const t of terms) for (const k of t.keys) if (total <= max || keys.length < max) add(k);
  const planned = terms.map((t) => {
    const looked = t.keys.filter((k) => keys.includes(k));
    return { ...t, looked, check: t.check || looked.length < t.keys.length };
  });
  return { keys, terms: planned };
}

/** The key whose shard holds `key`: marked keys live with what they mark; words by their first two letters (so a word being typed finds its completions in one shard). */
export function shardKey(key) {
  const c = key.charCodeAt(0);
  if (c === 2) return Array.from(key.slice(1)).slice(0, 2).join("");
  if (c >= 0x61 && c <= 0x7a) return key.slice(0, 2);
  return key;
}

/** FNV-1a over UTF-16 units. */
export function hashKey(key) {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function shardOf(key, shards) {
  return hashKey(shardKey(key)) % shards;
}

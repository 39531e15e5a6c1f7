// Matching a document the index found: whether it truly holds each term as written (the index
// alone cannot confirm a word of three or more characters, nor one of several parts such as
// 1.2万), where the terms occur (for <mark>), and the snippet of its body to show.
import { fold } from "./search-keys.js";

const WORD = /[\p{L}\p{N}\p{M}]/u;
const HAN = /[\p{Script=Han}\u3007]/u;

function isWordChar(ch) {
  return ch !== undefined && WORD.test(ch) && !HAN.test(ch);
}

/** Does a match of `text` at [at, end) stand alone: its Latin or digit edges not part of a longer word or number? */
function standsAlone(folded, at, end, text) {
  if (!HAN.test(text[0]) && (isWordChar(folded[at - 1]) || (/[.,]/.test(folded[at - 1] ?? "") && /\d/.test(folded[at - 2] ?? "")))) return false;
  if (!HAN.test(text[text.length - 1]) && (isWordChar(folded[end]) || (/[.,]/.test(folded[end] ?? "") && /\d/.test(folded[end + 1] ?? "") && /\d/.test(text[text.length - 1])))) return false;
  return true;
}

let segmenter;
/** Intl.Segmenter("zh") where the browser has it (null elsewhere: every match then counts). */
function words() {
  if (segmenter === undefined) segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter("zh", { granularity: "word" }) : null;
  return segmenter;
}

/**
 * Does the Han match at [at, end) fall inside other words (和服 in 和|服务, 华人 in 中华|人民)?
 * The rule of the index (scripts/search/word-bounds.ts), with the browser's own segmenter.
 */
export function insideWords(folded, at, end) {
  const seg = words();
  if (!seg || end - at < 2) return false;
  const from = Math.max(0, at - 8);
  const to = Math.min(folded.length, end + 8);
  const starts = new Set([0, to - from]);
  for (const s of seg.segment(folded.slice(from, to))) starts.add(s.index);
  // The window's own edges are not word edges unless the text ends there.
  if (from > 0) starts.delete(0);
  const startCut = !starts.has(at - from);
  const endCut = !starts.has(end - from);
  let internal = false;
  for (let k = at + 1; k < end && !internal; k++) internal = starts.has(k - from);
  return (startCut && endCut) || (internal && (startCut || endCut));
}

/** Where `text` occurs in folded text, as written; `prefix`: a Latin word that starts so. */
function occurrences(folded, text, prefix) {
  const found = [];
  for (let at = folded.indexOf(text); at >= 0; at = folded.indexOf(text, at + 1)) {
    let end = at + text.length;
    if (prefix) {
      if (isWordChar(folded[at - 1])) continue;
      while (isWordChar(folded[end])) end++;
    } else if (!standsAlone(folded, at, end, text)) continue;
    found.push([at, end]);
  }
  return found;
}

/** The forms a term matches in: itself, its regional variants, its completions. */
export function formsOf(term) {
  return [term.text, ...(term.alts ?? []).map((a) => a.text)];
}

/** Where the terms occur in folded text: sorted, merged [start, end) ranges; matches inside other words are left out. */
export function matchRanges(folded, terms) {
  const ranges = [];
  for (const t of terms) {
    for (const form of formsOf(t)) {
      const han = HAN.test(form) && !/[^\p{Script=Han}\u3007]/u.test(form);
      for (const [at, end] of occurrences(folded, form, t.prefix && form === t.text)) {
        if (han && insideWords(folded, at, end)) continue;
        ranges.push([at, end]);
      }
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** All the text a document is searched in: title, summary, body, source, editor, tags. */
export function docText(doc) {
  return [doc.t, doc.m ?? "", doc.b, doc.o ?? "", doc.e ?? "", ...(doc.g ?? [])].join("\n");
}

/** Does the folded text hold the term, in one of its forms, as written? */
export function holds(folded, term) {
  return formsOf(term).some((form, i) => occurrences(folded, form, term.prefix && i === 0).length > 0);
}

/** Does the document hold every term the index alone cannot confirm? */
export function verify(doc, terms, table) {
  const text = fold(docText(doc), table);
  return terms.every((t) => !t.check || holds(text, t));
}

/**
 * A piece of the body around the best match, about `length` characters:
 * { text, ranges (relative to text), before: cut at the start, after: cut at the end }.
 */
export function snippet(body, terms, table, length = 110) {
  const text = body.replace(/\s+/g, " ").trim();
  const folded = fold(text, table);
  const ranges = matchRanges(folded, terms);
  let start = 0;
  if (ranges.length > 0) {
    // The window holding the most distinct terms, earliest among equals.
    let best = -1;
    for (const [s] of ranges) {
      let from = Math.max(0, s - Math.floor(length / 4));
      // Start at the beginning of the sentence when it is near.
      const lead = folded.slice(from, s);
      const stop = Math.max(lead.lastIndexOf("。"), lead.lastIndexOf("！"), lead.lastIndexOf("？"), lead.lastIndexOf("；"));
      if (stop >= 0) from += stop + 1;
      while (from < s && folded[from] === " ") from++;
      const part = folded.slice(from, from + length);
      const hits = terms.filter((t) => formsOf(t).some((f) => part.includes(f))).length;
      if (hits > best) {
        best = hits;
        start = from;
      }
      if (best === terms.length) break;
    }
  }
  // Do not cut a surrogate pair.
  if (start > 0 && text.charCodeAt(start) >= 0xdc00 && text.charCodeAt(start) < 0xe000) start--;
  let end = Math.min(text.length, start + length);
  if (end < text.length && text.charCodeAt(end - 1) >= 0xd800 && text.charCodeAt(end - 1) < 0xdc00) end++;
  const inWindow = ranges
    .filter(([s, e]) => e > start && s < end)
    .map(([s, e]) => [Math.max(s, start) - start, Math.min(e, end) - start]);
  return { text: text.slice(start, end), ranges: inWindow, before: start > 0, after: end < text.length };
}

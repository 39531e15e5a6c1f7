// Matching a document the index found: whether it truly holds the query (the index alone cannot
// confirm a word of three or more characters), where the terms occur (for <mark>), and the
// snippet of its body to show.
import { fold } from "./search-keys.js";

function isWordChar(ch) {
  return ch !== undefined && /[\p{L}\p{N}\p{M}]/u.test(ch) && !/[\p{Script=Han}\u3007]/u.test(ch);
}

/** Where the terms occur in folded text: sorted, merged [start, end) ranges. */
export function matchRanges(folded, terms) {
  const ranges = [];
  for (const t of terms) {
    for (let at = folded.indexOf(t.text); at >= 0; at = folded.indexOf(t.text, at + 1)) {
      const end = at + t.text.length;
      if (!t.han && (isWordChar(folded[at - 1]) || isWordChar(folded[end]))) continue;
      ranges.push([at, end]);
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

/** Does the document hold every term that the index alone cannot confirm (Han runs of 3+)? */
export function verify(doc, terms, table) {
  const text = fold(doc.t + "\n" + doc.b, table);
  return terms.every((t) => !t.check || text.includes(t.text));
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
      const hits = terms.filter((t) => part.includes(t.text)).length;
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

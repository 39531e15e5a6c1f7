// Quotation marks as each place prints them: the mainland “…‘…’…”, Taiwan and Hong Kong
// 「…『…』…」. Only in Chinese context: curly quotes around Latin text in Latin text (He said
// “yes”), apostrophes (it’s) and anything the caller skips (URLs, -{…}-) stay as written.
// One mark becomes one mark, so offsets into the text do not move.
import type { QuoteStyle } from "./conversion-settings.ts";

const TO_CORNER: Record<string, string> = { "“": "「", "”": "」", "‘": "『", "’": "』" };
const TO_CURLY: Record<string, string> = { "「": "“", "」": "”", "『": "‘", "』": "’" };
const CURLY = /[“”‘’]/;
const CORNER = /[「」『』]/;

// Han, and the punctuation a Chinese sentence is made of: CJK symbols, full-width and
// vertical forms (︰), dashes, ellipses and the middle dots of transliterated names.
const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef\ufe10-\ufe1f\ufe30-\ufe6f\u2014\u2015\u2025\u2026\u2027\u2500\u00b7]/u;
const LETTER = /[A-Za-z0-9\u00c0-\u024f]/;
const LATIN = /[A-Za-z\u00c0-\u024f]/;

/** The nearest character before `i` (or from `i` on, forward) that is not a space. */
function nearest(text: string, i: number, step: -1 | 1): string {
  for (let k = i; k >= 0 && k < text.length; k += step) if (!/\s/.test(text[k])) return text[k];
  return "";
}

/**
 * The text with its quotation marks in `style`, same length; `skip(i)` is true where marks
 * must stay (inside a URL or editor markup).
 */
export function convertQuotes(text: string, style: QuoteStyle, skip: (i: number) => boolean = () => false): string {
  if (style === "keep") return text;
  if (style === "curly") {
    if (!CORNER.test(text)) return text;
    let out = "";
    for (let i = 0; i < text.length; i++) out += !skip(i) && TO_CURLY[text[i]] ? TO_CURLY[text[i]] : text[i];
    return out;
  }
  if (!CURLY.test(text)) return text;
  const marks = new Map<number, string>();
  // A text with no Latin words is not Latin text: a paragraph of a Chinese article that holds
  // only the close of a quotation (”, 1.”) belongs to the Chinese quotation around it.
  const chinese = CJK.test(text) || !LATIN.test(text);
  pairUp(text, /[“”]/g, "“", skip, marks, chinese);
  pairUp(text, /[‘’]/g, "‘", skip, marks, chinese);
  if (marks.size === 0) return text;
  let out = "";
  let last = 0;
  for (const i of [...marks.keys()].sort((a, b) => a - b)) {
    out += text.slice(last, i) + marks.get(i);
    last = i + 1;
  }
  return out + text.slice(last);
}

/**
 * Marks for conversion each pair of marks (and a lone mark in Chinese text) that stands in
 * Chinese context. A mark whose partner is in another paragraph belongs to a Chinese
 * quotation if the text is Chinese (`chinese`).
 */
function pairUp(text: string, both: RegExp, open: string, skip: (i: number) => boolean, marks: Map<number, string>, chinese: boolean): void {
  const apostrophe = (i: number) => open === "‘" && LETTER.test(text[i - 1] ?? "") && LETTER.test(text[i + 1] ?? "");
  let start = -1;
  const convert = (i: number) => marks.set(i, TO_CORNER[text[i]]);
  for (const m of text.matchAll(both)) {
    const i = m.index;
    const c = m[0];
    if (skip(i) || apostrophe(i)) continue;
    if (c === open) {
      // A quotation running on into the next paragraph opens again without closing.
      if (start >= 0 && chinese) convert(start);
      start = i;
      continue;
    }
    if (start >= 0) {
      const inside = text.slice(start + 1, i);
      const before = nearest(text, start - 1, -1);
      const after = nearest(text, i + 1, 1);
      // Kept only inside Latin text: no Chinese within or beside, and Latin text beside it.
      if (CJK.test(inside) || CJK.test(before) || CJK.test(after) || (before === "" && after === "")) {
        convert(start);
        convert(i);
      }
      start = -1;
    } else if (chinese) {
      convert(i); // the close of a quotation opened in an earlier paragraph
    }
  }
  if (start >= 0 && chinese) convert(start);
}

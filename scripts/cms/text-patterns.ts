// Patterns for the web editor's fields, generated from the site's own field rules
// (content/read/fields.ts), so that a value the editor accepts is one the build accepts.
// Decap CMS tests a field with `RegExp(pattern)`, without the u flag: no \p{…} classes, and a
// character outside the BMP is two code units. The patterns below spell both out.
import { isBlank } from "../content/read/fields.ts";

/** One character: a surrogate pair or any single code unit (the site counts characters, not units). */
const CHAR = "(?:[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]|[\\s\\S])";

const hex = (n: number) => `\\u${n.toString(16).toUpperCase().padStart(4, "0")}`;

function ranges(codes: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const c of codes) {
    const last = out[out.length - 1];
    if (last && last[1] === c - 1) last[1] = c;
    else out.push([c, c]);
  }
  return out;
}

let blank: string | undefined;

/**
 * Every character the site's isBlank() counts as blank (white space of every kind, invisible
 * format characters), found by asking it about each code point: a group matching one of them.
 */
export function blankCharPattern(): string {
  if (blank !== undefined) return blank;
  const bmp: number[] = [];
  const astral = new Map<number, number[]>();
  for (let c = 0; c <= 0x10ffff; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (!isBlank(String.fromCodePoint(c))) continue;
    if (c <= 0xffff) bmp.push(c);
    else {
      const s = String.fromCodePoint(c);
      const high = s.charCodeAt(0);
      astral.set(high, [...(astral.get(high) ?? []), s.charCodeAt(1)]);
    }
  }
  const cls = (codes: number[]) => `[${ranges(codes).map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join("")}]`;
  const parts = [cls(bmp), ...[...astral].map(([high, lows]) => `${hex(high)}${cls(lows)}`)];
  blank = `(?:${parts.join("|")})`;
  return blank;
}

/**
 * A one-line text field as fields.ts reads it: blank at either end does not count towards `max`
 * characters; `required`: something other than blank must be there (blank is as good as missing).
 */
export function textPattern(options: { required: boolean; max?: number }): string {
  const b = blankCharPattern();
  const middle = options.max === undefined ? `${CHAR}*` : `${CHAR}{0,${options.max}}`;
  const notBlank = options.required ? `(?!${b}*$)` : "";
  return `^${notBlank}${b}*${middle}${b}*$`;
}

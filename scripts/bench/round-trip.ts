// Ground truth for conversion by round trip (../shared/corpus/README.md): a native paragraph
// is typed in the other script as an editor there would (OpenCC's own converter and that
// script's quotation marks), put through the site's converter, and the twin compared with
// the native original, character by character.
import * as OpenCC from "opencc-js";

/** One differing place: what the twin printed where the native text has `want`. */
export interface Difference {
  got: string;
  want: string;
  /** A few characters of the native text around it. */
  context: string;
}

/** Aligns the twin with the native text (edit distance over code points) and lists what differs. */
export function differences(got: string, want: string): Difference[] {
  const a = Array.from(got);
  const b = Array.from(want);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) endA--, endB--;
  if (start === endA && start === endB) return [];
  const context = (i: number) => b.slice(Math.max(0, i - 4), i + 5).join("");
  const out: Difference[] = [];
  // Same length in the middle (nearly every line: conversion keeps length): position by position.
  if (endA - start === endB - start) {
    for (let i = start; i < endA; i++) if (a[i] !== b[i]) out.push({ got: a[i], want: b[i], context: context(i) });
    return out;
  }
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  const cols = y.length + 1;
  const d = new Uint32Array((x.length + 1) * cols);
  for (let i = 0; i <= x.length; i++) d[i * cols] = i;
  for (let j = 0; j <= y.length; j++) d[j] = j;
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const sub = d[(i - 1) * cols + j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1);
      d[i * cols + j] = Math.min(sub, d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1);
    }
  }
  for (let i = x.length, j = y.length; i > 0 || j > 0; ) {
    const here = d[i * cols + j];
    if (i > 0 && j > 0 && here === d[(i - 1) * cols + j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1)) {
      if (x[i - 1] !== y[j - 1]) out.push({ got: x[i - 1], want: y[j - 1], context: context(start + j - 1) });
      i--, j--;
    } else if (i > 0 && here === d[(i - 1) * cols + j] + 1) {
      out.push({ got: x[i - 1], want: "", context: context(start + j) });
      i--;
    } else {
      out.push({ got: "", want: y[j - 1], context: context(start + j - 1) });
      j--;
    }
  }
  return out.reverse();
}

export type Kind = "quotes" | "variants" | "wrong" | "other";

const QUOTES = new Set(["“", "”", "‘", "’", "「", "」", "『", "』"]);
const HAN = /^\p{Script=Han}$/u;

/**
 * Which kind of difference: quotation marks; a variant form (both are correct characters
 * for the word, the paper prints the other: 臺/台, 佈/布, 裏/裡 — the pairs of OpenCC's
 * variant dictionaries and of the usage profiles); a wrong character (髮言人); anything else.
 */
export function kindOf(d: Difference, variantPairs: ReadonlySet<string>): Kind {
  if (QUOTES.has(d.got) || QUOTES.has(d.want)) return "quotes";
  if (HAN.test(d.got) && HAN.test(d.want)) return variantPairs.has(d.got + d.want) ? "variants" : "wrong";
  return "other";
}

/** How a native text of one script is typed in the other, as that script's editor would. */
export interface Direction {
  name: string;
  /** Native files in the corpus folder. */
  files: string[];
  /** The native paragraph as the other script's editor types it. */
  typed(native: string): string;
}

const toMainlandQuotes = (s: string) => s.replace(/「/g, "“").replace(/」/g, "”").replace(/『/g, "‘").replace(/』/g, "’");
const toCornerQuotes = (s: string) => s.replace(/“/g, "「").replace(/”/g, "」").replace(/‘/g, "『").replace(/’/g, "』");

export function directions(): { tw: Direction; cn: Direction; hk: Direction } {
  const tw2s = OpenCC.Converter({ from: "tw", to: "cn" });
  const s2tw = OpenCC.Converter({ from: "cn", to: "tw" });
  const hk2s = OpenCC.Converter({ from: "hk", to: "cn" });
  return {
    tw: { name: "Taiwan twin", files: ["tw-academia-sinica.txt"], typed: (t) => toMainlandQuotes(tw2s(t)) },
    cn: { name: "mainland twin", files: ["cn-peoples-daily-2001.txt", "cn-msr.txt"], typed: (s) => toCornerQuotes(s2tw(s)) },
    hk: { name: "Hong Kong twin", files: ["hk-cityu.txt"], typed: (t) => toMainlandQuotes(hk2s(t)) },
  };
}

/** Counts by kind and by pair over many paragraphs. */
export class Tally {
  chars = 0;
  lines = 0;
  readonly byKind: Record<Kind, number> = { quotes: 0, variants: 0, wrong: 0, other: 0 };
  readonly pairs = new Map<string, { got: string; want: string; kind: Kind; count: number; contexts: string[] }>();

  constructor(private readonly variantPairs: ReadonlySet<string>) {}

  add(got: string, native: string): void {
    this.lines++;
    this.chars += Array.from(native).length;
    for (const d of differences(got, native)) {
      const kind = kindOf(d, this.variantPairs);
      this.byKind[kind]++;
      const key = `${d.got}\0${d.want}`;
      let p = this.pairs.get(key);
      if (!p) this.pairs.set(key, (p = { got: d.got, want: d.want, kind, count: 0, contexts: [] }));
      p.count++;
      if (p.contexts.length < 3) p.contexts.push(d.context);
    }
  }

  get total(): number {
    return this.byKind.quotes + this.byKind.variants + this.byKind.wrong + this.byKind.other;
  }

  /** Per 10,000 characters of the native text. */
  per10k(n: number): number {
    return this.chars ? (n * 10000) / this.chars : 0;
  }

  top(n: number, kinds?: readonly Kind[]) {
    return [...this.pairs.values()].filter((p) => !kinds || kinds.includes(p.kind)).sort((a, b) => b.count - a.count).slice(0, n);
  }
}

// Where a twin holds a guess: a character the corpus shows to be read several ways (干 as
// 幹, 乾 or 干; 著 as 着 or 著) that the converter read one way, from a dictionary phrase, a
// correction or the character alone. Editors check these and fix the wrong ones with a
// glossary line or -{…}-, as MediaWiki editors do with NoteTA. Also kept text that reads
// as a typo beside its own converted form (-{嘉陵云}-政务云 → 嘉陵云政務雲).
import { readFileSync } from "node:fs";
import type { ScriptConverter } from "./script-converter.ts";
import { icuWords, wholeWords, type Words } from "./word-bounds.ts";

export interface Guess {
  /** The source word the choice was made in (a dictionary phrase, or the character with a neighbour each side). */
  word: string;
  /** How the twin prints it. */
  printed: string;
  /** The ambiguous source character and the reading the twin chose. */
  char: string;
  chosen: string;
  /** The other readings the corpus shows for the character. */
  others: string[];
  /** Where `chosen` is in `printed` (characters). */
  at: number;
  /** Chosen by a dictionary phrase or correction, or by the character alone. */
  by: "phrase" | "character";
}

export interface MixedForm {
  /** The text kept as written, and the twin around it. */
  kept: string;
  twin: string;
  /** A kept character and the converted form the twin prints next to it. */
  char: string;
  converted: string;
}

type Readings = Record<string, Record<string, number>>;
let table: { s2t: Readings; t2s: Readings } | null = null;

function readings(): { s2t: Readings; t2s: Readings } {
  table ??= JSON.parse(readFileSync(new URL("./data/ambiguous.json", import.meta.url), "utf8")) as { s2t: Readings; t2s: Readings };
  return table;
}

const HAN = /\p{Script=Han}/u;

/** Each guess in one text run (as html-converter converts it), in order. */
export function guessesIn(converter: ScriptConverter, text: string): Guess[] {
  const direction = converter.from.opencc === "cn" && converter.to.opencc !== "cn" ? "s2t" : converter.to.opencc === "cn" && converter.from.opencc !== "cn" ? "t2s" : null;
  if (!direction || !HAN.test(text)) return [];
  const table = readings()[direction];
  // Character by character: what the twin prints for each source character, and how it was chosen.
  const chars = Array.from(text);
  const printed: (string | null)[] = [];
  const how: ("phrase" | "character" | "given")[] = [];
  let pos = 0; // UTF-16 offset of chars[printed.length]
  const starts: number[] = [];
  for (const ch of chars) starts.push((pos += ch.length) - ch.length);
  for (const seg of converter.segments(text)) {
    const source = Array.from(text.slice(seg.start, seg.end));
    const out = Array.from(seg.out);
    source.forEach((_, i) => {
      printed.push(out.length === source.length ? out[i] : null);
      how.push(seg.given ? "given" : seg.phrase ? "phrase" : "character");
    });
  }
  // ICU's words of the text, cut once when a guess first needs them; `bounds`: where they start or end.
  let segmented: Words | null = null;
  const wordsOfText = () => (segmented ??= icuWords(text));
  const wordOf = (i: number): [number, number] => {
    // The word around a character read on its own (ICU's dictionary), with the word before it if it stands alone.
    const { list } = wordsOfText();
    const at = list.findIndex((w) => w.index <= starts[i] && starts[i] < w.index + w.segment.length);
    let first = list[at];
    if (Array.from(first.segment).length === 1 && at > 0 && HAN.test(list[at - 1].segment)) first = list[at - 1];
    const from = starts.indexOf(first.index);
    const last = list[at];
    const to = starts.findIndex((s) => s >= last.index + last.segment.length);
    return [from, to < 0 ? chars.length : to];
  };
  const out: Guess[] = [];
  chars.forEach((ch, i) => {
    const r = table[ch];
    const chosen = printed[i];
    if (!r || chosen == null || how[i] === "given") return;
    // A guess: a reading other than the usual one, or a character read on its own where
    // another reading is common (a fifth of the time or more). A phrase that gives the
    // usual reading is not one.
    const counts = Object.entries(r).sort((a, b) => b[1] - a[1]);
    const total = counts.reduce((n, [, c]) => n + c, 0);
    const usual = counts[0][0] === chosen;
    if (usual && (how[i] === "phrase" || counts[0][1] / total >= 0.8)) return;
    const [from, to] = how[i] === "phrase" ? phraseAround(how, printed, text, converter, i) : wordOf(i);
    // A phrase of two or more characters that is whole words of the text (头发, 理发师, 干部) is
    // the dictionary's decision, not a guess; one that straddles a word boundary (one the engine's
    // word bounds left: 十周年 in 五十|周年, cut or not 週) stays.
    if (how[i] === "phrase" && to - from >= 2 && wholeWords(wordsOfText().bounds, starts[from], to < chars.length ? starts[to] : text.length)) return;
    const twin = printed.slice(from, to);
    if (twin.some((c) => c == null)) return;
    out.push({ word: chars.slice(from, to).join(""), printed: twin.join(""), char: ch, chosen, others: counts.map(([x]) => x).filter((x) => x !== chosen), at: i - from, by: how[i] as "phrase" | "character" });
  });
  return out;
}

/** The dictionary phrase a character was converted in, as source character offsets. */
function phraseAround(_how: readonly string[], _printed: readonly (string | null)[], text: string, converter: ScriptConverter, i: number): [number, number] {
  let at = 0;
  for (const seg of converter.segments(text)) {
    const n = Array.from(text.slice(seg.start, seg.end)).length;
    if (i < at + n) return [at, at + n];
    at += n;
  }
  return [i, i + 1];
}

/** Kept text (-{…}-) that holds a character the twin prints converted right beside it. */
export function mixedFormsIn(converter: ScriptConverter, text: string): MixedForm[] {
  if (!text.includes("-{")) return [];
  const segments = converter.segments(text);
  const out: MixedForm[] = [];
  segments.forEach((seg, k) => {
    if (seg.given !== "markup" || !seg.out || seg.out !== text.slice(seg.start, seg.end)) return;
    // The twin a few characters either side of the kept text.
    let before = "";
    for (let j = k - 1; j >= 0 && before.length < 4; j--) before = segments[j].out + before;
    let after = "";
    for (let j = k + 1; j < segments.length && after.length < 4; j++) after += segments[j].out;
    before = before.slice(-4);
    after = after.slice(0, 4);
    for (const ch of new Set(Array.from(seg.out))) {
      const converted = converter.convert(ch);
      if (converted !== ch && (before + after).includes(converted)) {
        out.push({ kept: seg.out, twin: before + seg.out + after, char: ch, converted });
        break;
      }
    }
  });
  return out;
}

/** The glossary line (Simplified: Traditional) that prints `word` with `reading` for `char`. */
const withReading = (g: Guess, reading: string) => Array.from(g.printed).map((c, i) => (i === g.at ? reading : c)).join("");

export function glossaryFix(converter: ScriptConverter, g: Guess, reading: string): string {
  const fixed = withReading(g, reading);
  const [hans, hant] = converter.to.opencc === "cn" ? [fixed, g.word] : [g.word, fixed];
  return `${JSON.stringify(hans)}: ${JSON.stringify(hant)}`;
}

/** The same fix inline: -{zh-hans:…;zh-hant:…}-. */
export function markupFix(converter: ScriptConverter, g: Guess, reading: string): string {
  const fixed = withReading(g, reading);
  return `-{${converter.from.lang.toLowerCase()}:${g.word};${converter.to.lang.toLowerCase()}:${fixed}}-`;
}

// Which characters the corpus shows to be ambiguous: a source character that native text
// prints in two or more ways (发 as 發 and 髮, 著 as 着 and 著). Measured on the round trip's
// aligned text (typed source against native, same length only), tuning part only, and
// written to scripts/convert/data/ambiguous.json for `npm run check -- --conversions`.
import { writeFileSync } from "node:fs";
import type { Direction } from "./round-trip.ts";

const HAN = /^\p{Script=Han}$/u;

/** Minority readings under this share are noise (a typo, a name): not ambiguous. */
const MIN_SHARE = 0.005;
const MIN_COUNT = 3;

export type Readings = Record<string, Record<string, number>>;

export function measureReadings(direction: Direction, lines: readonly string[], into: Map<string, Map<string, number>> = new Map()): Map<string, Map<string, number>> {
  for (const native of lines) {
    const typed = Array.from(direction.typed(native));
    const want = Array.from(native);
    if (typed.length !== want.length) continue;
    typed.forEach((ch, i) => {
      if (!HAN.test(ch) || !HAN.test(want[i])) return;
      let m = into.get(ch);
      if (!m) into.set(ch, (m = new Map()));
      m.set(want[i], (m.get(want[i]) ?? 0) + 1);
    });
  }
  return into;
}

/** The ambiguous characters only, each with its readings and counts, most frequent first. */
export function ambiguous(counts: Map<string, Map<string, number>>): Readings {
  const out: Readings = {};
  for (const [ch, m] of [...counts].sort((a, b) => a[0].localeCompare(b[0]))) {
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    const kept = [...m].filter(([, n]) => n >= MIN_COUNT && n / total >= MIN_SHARE).sort((a, b) => b[1] - a[1]);
    if (kept.length >= 2) out[ch] = Object.fromEntries(kept);
  }
  return out;
}

export function writeAmbiguous(file: string, s2t: Readings, t2s: Readings): void {
  const about =
    "Characters the native news of ../shared/corpus/ prints in more than one way, with how often each reading occurs (tuning part of the round trip: typed source against native text). Written by npm run conversion-eval -- --write-ambiguous; read by npm run check -- --conversions.";
  const body = (r: Readings) => Object.entries(r).map(([ch, m]) => `    ${JSON.stringify(ch)}: ${JSON.stringify(m)}`).join(",\n");
  writeFileSync(file, `{\n  "about": ${JSON.stringify(about)},\n  "s2t": {\n${body(s2t)}\n  },\n  "t2s": {\n${body(t2s)}\n  }\n}\n`);
}

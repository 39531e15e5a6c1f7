// npm run conversion-eval [-- --corpus <folder>] [--pairs 25] [--held-out-pairs] [--kind wrong] [--write-ambiguous]
//
// How close the converted twins come to native news (../shared/corpus/README.md): each native
// paragraph typed in the other script, put through the site's converter, compared with the
// original. Printed per 10,000 native characters by kind (quotation marks, variant forms,
// wrong characters, other), before (OpenCC alone, as opencc-js converts) and after (the
// site's defaults: corrections, usage profile, quotation marks), for the first 70 % of each
// file (used for tuning the rules) and the last 30 % (held out: never looked at for tuning;
// its pairs are printed only with --held-out-pairs). Then the most frequent differing pairs,
// and conversion throughput before and after, as ratios. --write-ambiguous instead measures
// which characters the corpus prints in several ways (scripts/convert/data/ambiguous.json).
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readCommandLine, runCli, UsageError, wholeNumber } from "../cli/args.ts";
import { OPENCC_ONLY } from "../convert/conversion-settings.ts";
import { convertHtml } from "../convert/html-converter.ts";
import { scriptConverter, type ScriptConverter, type ScriptVariant } from "../convert/script-converter.ts";
import { ambiguous, measureReadings, writeAmbiguous } from "./ambiguity-measure.ts";
import { directions, Tally, type Direction, type Kind } from "./round-trip.ts";
import { variantPairs } from "./variant-pairs.ts";

const PROJECT = resolve(fileURLToPath(import.meta.url), "../../..");
/** Share of each file's lines used for tuning; the rest is held out. */
export const TUNING_SHARE = 0.7;

const HANS: ScriptVariant = { lang: "zh-Hans", opencc: "cn" };
const HANT: ScriptVariant = { lang: "zh-Hant", opencc: "tw" };
const HK: ScriptVariant = { lang: "zh-HK", opencc: "hk" };

interface Case {
  key: "tw" | "cn" | "hk";
  direction: Direction;
  from: ScriptVariant;
  to: ScriptVariant;
  script: "traditional" | "simplified";
}

export interface Split {
  tuning: string[];
  heldOut: string[];
}

/** A file's non-empty lines, the first 70 % for tuning and the rest held out. */
export function splitLines(text: string): Split {
  const lines = text.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  const cut = Math.floor(lines.length * TUNING_SHARE);
  return { tuning: lines.slice(0, cut), heldOut: lines.slice(cut) };
}

function converter(c: Case, after: boolean): ScriptConverter {
  const to = after ? c.to : { ...c.to, ...OPENCC_ONLY };
  return scriptConverter(c.from, to, []);
}

interface Measured {
  tuning: Tally;
  heldOut: Tally;
}

function measure(c: Case, corpus: Map<string, Split>, conv: ScriptConverter, pairs: ReadonlySet<string>): Measured {
  const m = { tuning: new Tally(pairs), heldOut: new Tally(pairs) };
  for (const file of c.direction.files) {
    const split = corpus.get(file)!;
    for (const line of split.tuning) m.tuning.add(conv.convert(c.direction.typed(line)), line);
    for (const line of split.heldOut) m.heldOut.add(conv.convert(c.direction.typed(line)), line);
  }
  return m;
}

const f1 = (n: number) => n.toFixed(1).padStart(6);

function row(label: string, t: Tally): string {
  const k = t.byKind;
  return `${label.padEnd(22)}${String(t.chars).padStart(9)}${f1(t.per10k(t.total))}${f1(t.per10k(k.quotes))}${f1(t.per10k(k.variants))}${f1(t.per10k(k.wrong))}${f1(t.per10k(k.other))}`;
}

function printPairs(title: string, t: Tally, n: number, kinds?: Kind[]): void {
  console.log(`\n  ${title}: most frequent differing pairs (twin → native, per 10k, examples of the native text)`);
  for (const p of t.top(n, kinds)) {
    console.log(`    ${(p.got || "∅").padEnd(2)} → ${(p.want || "∅").padEnd(2)} ${p.kind.padEnd(8)} ${String(p.count).padStart(4)} ${t.per10k(p.count).toFixed(2).padStart(6)}  ${p.contexts.join(" | ")}`);
  }
}

/** Characters converted per second of this thread's CPU time (the machine may be shared): paragraphs as the build converts them (HTML fragments). */
function throughput(conv: ScriptConverter, fragments: string[], chars: number): number {
  const t = process.cpuUsage();
  for (const f of fragments) convertHtml(f, conv);
  const used = process.cpuUsage(t);
  return (chars / (used.user + used.system)) * 1e6;
}

/** Before and after in turns, nine pairs: the median of the pairs' ratios (a pair shares the machine's load). */
function compare(before: ScriptConverter, after: ScriptConverter, fragments: string[], chars: number): { before: number; after: number; ratio: number } {
  throughput(after, fragments.slice(0, 50), chars); // warm both, dictionaries loaded
  throughput(before, fragments.slice(0, 50), chars);
  const pairs: { b: number; a: number }[] = [];
  for (let rep = 0; rep < 9; rep++) pairs.push({ b: throughput(before, fragments, chars), a: throughput(after, fragments, chars) });
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  return { before: median(pairs.map((p) => p.b)), after: median(pairs.map((p) => p.a)), ratio: median(pairs.map((p) => p.a / p.b)) };
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

function fragmentsOf(lines: string[]): { fragments: string[]; chars: number } {
  const fragments: string[] = [];
  // Ten paragraphs a fragment: about an article body.
  for (let i = 0; i < lines.length; i += 10) fragments.push(lines.slice(i, i + 10).map((l) => `<p>${escape(l)}</p>`).join("\n"));
  return { fragments, chars: lines.reduce((n, l) => n + l.length, 0) };
}

export async function evaluate(options: { corpus: string; pairs: number; heldOutPairs: boolean; kinds?: Kind[]; writeAmbiguous?: boolean }): Promise<number> {
  const d = directions();
  const cases: Case[] = [
    { key: "tw", direction: d.tw, from: HANS, to: HANT, script: "traditional" },
    { key: "cn", direction: d.cn, from: HANT, to: HANS, script: "simplified" },
    { key: "hk", direction: d.hk, from: HANS, to: HK, script: "traditional" },
  ];
  const corpus = new Map<string, Split>();
  for (const c of cases) {
    for (const file of c.direction.files) {
      let text: string;
      try {
        text = readFileSync(join(options.corpus, file), "utf8");
      } catch {
        throw new UsageError(`--corpus ${options.corpus}: no ${file} there. Give the folder of ../shared/corpus/README.md.`);
      }
      corpus.set(file, splitLines(text));
    }
  }
  const pairsOf = { traditional: variantPairs("traditional"), simplified: variantPairs("simplified") };
  if (options.writeAmbiguous) {
    const tuning = (c: Case) => c.direction.files.flatMap((f) => corpus.get(f)!.tuning);
    const s2t = measureReadings(d.hk, tuning(cases[2]), measureReadings(d.tw, tuning(cases[0])));
    const t2s = measureReadings(d.cn, tuning(cases[1]));
    const file = join(PROJECT, "scripts/convert/data/ambiguous.json");
    writeAmbiguous(file, ambiguous(s2t), ambiguous(t2s));
    console.log(`Wrote ${file}.`);
    return 0;
  }

  console.log(`Round trip on ${options.corpus}: differing characters per 10,000 native characters.`);
  console.log(`Tuning: first ${TUNING_SHARE * 100} % of each file's lines; held out: the rest.\n`);
  console.log(`${"".padEnd(22)}${"chars".padStart(9)}${"all".padStart(6)}${"quote".padStart(6)}${"var.".padStart(6)}${"wrong".padStart(6)}${"other".padStart(6)}`);
  const results = new Map<string, { before: Measured; after: Measured }>();
  for (const c of cases) {
    const before = measure(c, corpus, converter(c, false), pairsOf[c.script]);
    const after = measure(c, corpus, converter(c, true), pairsOf[c.script]);
    results.set(c.key, { before, after });
    console.log(c.direction.name);
    console.log(row("  tuning, before", before.tuning));
    console.log(row("  tuning, after", after.tuning));
    console.log(row("  held out, before", before.heldOut));
    console.log(row("  held out, after", after.heldOut));
  }
  for (const c of cases) {
    const r = results.get(c.key)!;
    console.log(`\n${c.direction.name}`);
    printPairs("tuning, after", r.after.tuning, options.pairs, options.kinds);
    if (options.heldOutPairs) printPairs("held out, after", r.after.heldOut, options.pairs, options.kinds);
  }

  console.log("\nThroughput (HTML fragments of ten paragraphs, characters per CPU second, median of nine pairs run in turns; after / before):");
  for (const c of cases.filter((x) => x.key !== "hk")) {
    const lines = c.direction.files.flatMap((f) => [...corpus.get(f)!.tuning, ...corpus.get(f)!.heldOut]).map((l) => c.direction.typed(l));
    const { fragments, chars } = fragmentsOf(lines);
    const name = c.key === "tw" ? "cn → tw" : "tw → cn";
    const { before: b, after: a, ratio } = compare(converter(c, false), converter(c, true), fragments, chars);
    console.log(`  ${name}: before ${(b / 1e6).toFixed(2)} M chars/s, after ${(a / 1e6).toFixed(2)} M chars/s, ratio ${ratio.toFixed(2)}`);
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runCli(() => {
    const { values } = readCommandLine(process.argv.slice(2), {
      command: "npm run conversion-eval",
      usage: "Usage: npm run conversion-eval [-- --corpus <folder>] [--pairs <n>] [--held-out-pairs] [--kind quotes|variants|wrong|other] [--write-ambiguous]",
      flags: {
        corpus: { type: "string", value: "folder" },
        pairs: { type: "string", value: "n" },
        "held-out-pairs": { type: "boolean" },
        kind: { type: "string", value: "kind" },
        "write-ambiguous": { type: "boolean" },
      },
    });
    const kinds = values.kind?.split(",") as Kind[] | undefined;
    for (const k of kinds ?? []) if (!["quotes", "variants", "wrong", "other"].includes(k)) throw new UsageError(`--kind ${k}: give quotes, variants, wrong or other.`);
    return evaluate({
      corpus: resolve(values.corpus ?? join(PROJECT, "../shared/corpus")),
      pairs: values.pairs === undefined ? 25 : wholeNumber(values.pairs, "pairs", 0, 10000, "a number of pairs"),
      heldOutPairs: values["held-out-pairs"] === true,
      kinds,
      writeAmbiguous: values["write-ambiguous"] === true,
    });
  });
}

// npm run spam-eval: how the spam judge does on real news and on spam.
//
// (a) Every paragraph of ../shared/corpus/*.txt judged as body text, and every short clause of
//     it judged as a headline (the strictest test news text can get short of names). Even
//     lines were used for tuning, odd lines are held out: both are reported.
// (b) The corpus paragraphs that talk about gambling, porn or lotteries, on their own.
// (c) The hand-written samples (tests/spam-samples.ts): hijack titles caught, news passed.
// (d) Throughput on the corpus with no memo (a fresh judge), and the cost of creating a judge.
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { createSpamJudge, type SpamJudge, type TextKind } from "./judge.ts";
import { NEWS, SPAM } from "../../tests/spam-samples.ts";

const corpusDir = resolve(process.argv[2] ?? join(import.meta.dirname, "../../../shared/corpus"));
const options = { useDefaults: true, terms: [], allow: [] };
const verbose = process.argv.includes("--verbose");

interface Line {
  file: string;
  line: number;
  text: string;
}

function readCorpus(): Line[] {
  const lines: Line[] = [];
  for (const file of readdirSync(corpusDir).filter((f) => f.endsWith(".txt")).sort()) {
    readFileSync(join(corpusDir, file), "utf8")
      .split("\n")
      .forEach((text, i) => {
        if (text.trim() !== "") lines.push({ file, line: i + 1, text: text.trim() });
      });
  }
  return lines;
}

const TOPIC = /赌|賭|博彩|博綵|色情|情色|嫖|娼|黄色|黃色|扫黄|掃黃|淫|彩票|六合彩|卖淫|賣淫|裸|援交|成人|赌场|賭場|投注/;

function clauses(text: string): string[] {
  return text.split(/[，。！？；：,;!?、\s]+/).filter((c) => c.length >= 2);
}

interface Refusal {
  where: string;
  kind: TextKind;
  text: string;
  why: string;
}

function run(judge: SpamJudge, lines: Line[]) {
  const refused: Refusal[] = [];
  let paragraphs = 0;
  let clauseCount = 0;
  let clausesRefused = 0;
  let paragraphsRefused = 0;
  let topical = 0;
  let topicalRefused = 0;
  for (const l of lines) {
    paragraphs++;
    const where = `${l.file}:${l.line}`;
    const p = judge.judge(l.text, "text");
    const isTopic = TOPIC.test(l.text);
    if (isTopic) topical++;
    if (p) {
      paragraphsRefused++;
      if (isTopic) topicalRefused++;
      refused.push({ where, kind: "text", text: l.text, why: p.why });
    }
    // A line of the Taiwanese file is already a clause; it is judged as a headline too.
    let clauseHit = false;
    for (const c of new Set([l.text.length <= 40 ? l.text : "", ...clauses(l.text)])) {
      if (!c) continue;
      clauseCount++;
      const h = judge.judge(c, "title");
      if (h) {
        clausesRefused++;
        clauseHit = true;
        refused.push({ where, kind: "title", text: c, why: h.why });
      }
    }
    if (clauseHit && isTopic && !p) topicalRefused++;
  }
  return { paragraphs, paragraphsRefused, clauseCount, clausesRefused, topical, topicalRefused, refused };
}

const started = performance.now();
const creation: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  createSpamJudge(options);
  creation.push(performance.now() - t);
}
const lines = readCorpus();
const tuning = lines.filter((l) => l.line % 2 === 0);
const heldOut = lines.filter((l) => l.line % 2 === 1);

for (const [label, part] of [["tuning (even lines)", tuning], ["held out (odd lines)", heldOut]] as const) {
  const r = run(createSpamJudge(options), part);
  console.log(`\n== corpus, ${label}`);
  console.log(`paragraphs judged as body text: ${r.paragraphs}, refused ${r.paragraphsRefused}`);
  console.log(`clauses judged as headlines: ${r.clauseCount}, refused ${r.clausesRefused}`);
  console.log(`paragraphs about gambling/porn/lotteries: ${r.topical}, refused (as text or in a clause) ${r.topicalRefused}`);
  for (const x of r.refused) console.log(`  refused ${x.where} [${x.kind}] ${x.text.slice(0, 80)} — ${x.why}`);
}

if (verbose) {
  console.log("\n== topical corpus paragraphs (all)");
  for (const l of lines) if (TOPIC.test(l.text)) console.log(`  ${l.file}:${l.line} ${l.text.slice(0, 100)}`);
}

const judge = createSpamJudge(options);
const missed = SPAM.filter((s) => !judge.judge(s.text, s.kind));
const passedNews = NEWS.filter((s) => judge.judge(s.text, s.kind));
console.log(`\n== hand-written samples (tests/spam-samples.ts)`);
console.log(`spam caught: ${SPAM.length - missed.length}/${SPAM.length}`);
for (const s of missed) console.log(`  missed [${s.kind}] ${s.text} (${s.note})`);
console.log(`news refused: ${passedNews.length}/${NEWS.length}`);
for (const s of passedNews) console.log(`  refused [${s.kind}] ${s.text} — ${judge.judge(s.text, s.kind)!.why}`);

// Throughput: every paragraph, as body text, with a fresh judge each round (nothing memoised),
// in both scripts as the corpus has them. Best of five rounds.
const texts = lines.map((l) => l.text);
const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);
// CPU time too: the machine is often shared with builds, and wall time then says little.
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let best = Infinity;
let bestCpu = Infinity;
for (let round = 0; round < 5; round++) {
  const fresh = createSpamJudge(options);
  const t = performance.now();
  const c = cpuMs();
  for (const text of texts) fresh.judge(text, "text");
  best = Math.min(best, performance.now() - t);
  bestCpu = Math.min(bestCpu, cpuMs() - c);
}
// Pages are judged in blocks bigger than a paragraph too: the same text in runs of 20 lines.
const blocks: string[] = [];
for (let i = 0; i < texts.length; i += 20) blocks.push(texts.slice(i, i + 20).join("\n"));
let bestBlocks = Infinity;
for (let round = 0; round < 5; round++) {
  const fresh = createSpamJudge(options);
  const t = performance.now();
  for (const text of blocks) fresh.judge(text, "text");
  bestBlocks = Math.min(bestBlocks, performance.now() - t);
}
console.log(`\n== speed`);
console.log(`corpus: ${(bytes / 1e6).toFixed(2)} MB (UTF-8) in ${texts.length} paragraphs`);
console.log(`judged paragraph by paragraph: ${best.toFixed(0)} ms, ${(bytes / 1e6 / (best / 1000)).toFixed(1)} MB/s (CPU time ${bestCpu.toFixed(0)} ms, ${(bytes / 1e6 / (bestCpu / 1000)).toFixed(1)} MB/s)`);
console.log(`judged in blocks of 20 lines: ${bestBlocks.toFixed(0)} ms, ${(bytes / 1e6 / (bestBlocks / 1000)).toFixed(1)} MB/s`);
console.log(`creating a judge: first ${creation[0].toFixed(1)} ms, then ${Math.min(...creation.slice(1)).toFixed(1)} ms`);
console.log(`(whole evaluation ${((performance.now() - started) / 1000).toFixed(1)} s)`);

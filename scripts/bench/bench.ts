// npm run bench [-- --articles 10000 --text real --baseline <checkout> --repeat 5 --checkout <checkout> --cold-warm]
// Writes a corpus (paragraphs of real news from ../shared/corpus, or synthetic phrases), builds
// it cold and warm, adds one article, edits one title, imports view counts, times the dev
// server's edit-to-visible, and builds the same number of pages with plain Eleventy (and, when
// installed, the same articles with Hugo) in the same run: figures as ratios.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readCommandLine, runCli, UsageError, wholeNumber } from "../cli/args.ts";
import { writeArticle, writeCorpus, type CorpusArticle, type CorpusOptions } from "./corpus.ts";
import { readRealParagraphs, type RealParagraphs } from "./corpus-paragraphs.ts";
import { measureDevServer, type DevServerFigures } from "./dev-server-edit.ts";
import { buildHugo, hugoInstalled, writeHugoSite } from "./hugo-site.ts";
import { auditContext, auditOutput } from "../audit/audit-output.ts";

const PROJECT = resolve(fileURLToPath(import.meta.url), "../../..");

interface Stats {
  articles: number;
  pages: number;
  totalMs: number;
  loadMs: number;
  convertMs: number;
  eleventyMs: number;
  readMs: number;
  maxRssMB: number;
  cacheHits: number;
  cacheMisses: number;
  renderThreads: number;
  manifestMs: number;
  /** Pages taken over from the last output (absent from builds before the render plan). */
  reusedPages?: number;
  /** Absent from builds before responsive photos (a --baseline checkout). */
  photoFilesEncoded?: number;
  photoFilesCached?: number;
  encodeMs?: number;
}

function timed(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): { ms: number; stdout: string; stderr: string; code: number } {
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } });
  return { ms: performance.now() - t, stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
}

interface SearchFigures {
  ms: number;
  bytes: number;
  files: number;
}

function build(root: string, project = PROJECT): Stats & { wallMs: number; search: SearchFigures | null } {
  // NEWSROOM_SEARCH_STATS: how builds before the Build object (a --baseline checkout) were asked for the search figures.
  const r = timed(process.execPath, ["--import", "tsx", join(project, "scripts/cli/build.ts"), "--root", root, "--stats"], project, { NEWSROOM_SEARCH_STATS: "1" });
  if (r.code !== 0) throw new Error(`build failed:\n${r.stderr.slice(-3000)}`);
  const line = r.stdout.split("\n").find((l) => l.startsWith("{"));
  // "Search index: n articles, s shards, f files, b bytes in t ms." (absent when the last index was reused)
  const s = /Search index: \d+ articles, \d+ shards, (\d+) files, (\d+) bytes in (\d+) ms/.exec(r.stdout);
  return { ...(JSON.parse(line!) as Stats), wallMs: r.ms, search: s ? { files: Number(s[1]), bytes: Number(s[2]), ms: Number(s[3]) } : null };
}

function countFiles(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else (files++, (bytes += statSync(p).size));
    }
  };
  walk(dir);
  return { files, bytes };
}

/** The output check of the build (scripts/audit/) over every file of `out`, on this one
 * thread: its CPU time (the build spreads it over the render threads). Reading the files is
 * not counted: the build checks the text it has just rendered. */
function outputCheckMs(root: string, out: string): { ms: number; files: number; findings: number } {
  const ctx = auditContext(root);
  let ms = 0;
  let files = 0;
  let findings = 0;
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p, `${rel}/${e.name}`);
      else if (/\.(html|xml|json)$/.test(e.name) && !rel.startsWith("/search")) {
        const text = readFileSync(p, "utf8");
        const t = performance.now();
        findings += auditOutput(`${rel}/${e.name}`, text, ctx).length;
        ms += performance.now() - t;
        files++;
      }
    }
  };
  walk(out, "");
  return { ms, files, findings };
}

/** Plain Eleventy: `pages` Markdown files with a minimal Nunjucks layout, default config. */
function plainEleventy(pages: number, sampleBody: string): number {
  const dir = mkdtempSync(join(tmpdir(), "bench-plain-"));
  mkdirSync(join(dir, "src/_includes"), { recursive: true });
  writeFileSync(join(dir, "src/_includes/min.njk"), "<!doctype html><html lang=zh><title>{{ title }}</title><main>{{ content | safe }}</main></html>\n");
  for (let i = 0; i < pages; i++) {
    writeFileSync(join(dir, `src/p-${i}.md`), `---\nlayout: min.njk\ntitle: 第${i}篇\n---\n\n${sampleBody}\n`);
  }
  const r = timed(process.execPath, [join(PROJECT, "node_modules/@11ty/eleventy/cmd.cjs"), "--input=src", "--output=out", "--quiet"], dir);
  if (r.code !== 0) throw new Error(`plain Eleventy failed: ${r.stderr}`);
  rmSync(dir, { recursive: true, force: true });
  return r.ms;
}

/** The URL path of an article's Simplified page (urls.ts: news/<section>/<yyyy>/<mm>/<slug>/). */
function pagePath(a: CorpusArticle): string {
  return `/zh-hans/news/${a.section}/${a.date.slice(0, 4)}/${a.date.slice(5, 7)}/${a.slug}/`;
}

const USAGE = `Usage: npm run bench -- [--articles 2000] [--text real|synthetic] [--corpus <folder>] [--port 8390] [--keep] [--baseline <checkout of an earlier commit>]
  --articles  how many articles (half Simplified, half Traditional)
  --text      real: paragraphs of native news from the corpus (default); synthetic: 36 repeated phrases
  --corpus    the corpus folder (default: ../shared/corpus beside the project), read at bench time
  --port      the dev server's port (the baseline's is the next one)
  --keep      keep the sites in the temporary folder
  --baseline  a checkout of an earlier commit, run on its own copy of the same corpus, step by step beside this one
  --repeat    cold and warm builds this many times each (interleaved with the baseline's): medians
  --checkout  the checkout whose builds are measured (default: this one), e.g. a refactor's last commit beside --baseline its first
  --cold-warm only the cold and warm builds and the plain-Eleventy reference (not the new article, edit, views, dev server)`;
let articles = 2000;
let keep = false;
let baseline: string | null = null;
let real = null as RealParagraphs | null;
let corpusDir = "";
let port = 8390;
let repeat = 1;
let checkout = PROJECT;
let coldWarmOnly = false;
await runCli(() => {
  const { values } = readCommandLine(process.argv.slice(2), {
    command: "npm run bench",
    usage: USAGE,
    flags: {
      articles: { type: "string", value: "count" },
      text: { type: "string", value: "real|synthetic" },
      corpus: { type: "string", value: "folder" },
      port: { type: "string", value: "port" },
      keep: { type: "boolean" },
      baseline: { type: "string", value: "folder" },
      repeat: { type: "string", value: "count" },
      checkout: { type: "string", value: "folder" },
      "cold-warm": { type: "boolean" },
    },
  });
  articles = wholeNumber(values.articles ?? "2000", "articles", 1, 1_000_000, "a number of articles");
  port = wholeNumber(values.port ?? "8390", "port", 1, 65_534, "a port");
  keep = values.keep === true;
  repeat = wholeNumber(values.repeat ?? "1", "repeat", 1, 50, "a number of repetitions");
  coldWarmOnly = values["cold-warm"] === true;
  baseline = values.baseline ? resolve(values.baseline) : null;
  checkout = values.checkout ? resolve(values.checkout) : PROJECT;
  for (const [flag, dir] of [["--baseline", baseline], ["--checkout", checkout]] as const) {
    if (dir && !statSync(join(dir, "scripts/cli/build.ts"), { throwIfNoEntry: false })) {
      throw new UsageError(`${flag} ${dir}: no scripts/cli/build.ts there. Give a checkout of an earlier commit with its node_modules (git worktree add ../base <commit> && (cd ../base && npm ci)).`, USAGE);
    }
  }
  const text = values.text ?? "real";
  if (text !== "real" && text !== "synthetic") throw new UsageError(`--text ${text}: give real (paragraphs of the corpus) or synthetic (repeated phrases).`, USAGE);
  if (values.corpus && text === "synthetic") throw new UsageError("--corpus is for --text real: leave it out with --text synthetic.", USAGE);
  corpusDir = resolve(values.corpus ?? join(PROJECT, "../shared/corpus"));
  if (text === "real") real = readRealParagraphs(corpusDir);
  return 0;
});
if (process.exitCode) process.exit();

const options: Omit<CorpusOptions, "articles"> = { projectRoot: PROJECT, ...(real ? { real } : {}) };
const root = mkdtempSync(join(tmpdir(), "bench-site-"));
console.log(`Generating ${articles} articles in ${root} (${real ? `real text from ${corpusDir}` : "synthetic text"}) …`);
const written = writeCorpus(root, { articles, ...options });

// With --baseline, the same corpus is also built by an earlier checkout (its own copy, so
// that each has its own caches), each step right after this one's: ratios of one run.
const baseRoot = baseline ? mkdtempSync(join(tmpdir(), "bench-base-")) : null;
if (baseRoot) writeCorpus(baseRoot, { articles, ...options });
const sites = [{ root, project: checkout }, ...(baseRoot ? [{ root: baseRoot, project: baseline! }] : [])];
/** One step on this checkout, then on the baseline. */
const each = <T,>(step: (site: { root: string; project: string }, k: number) => T): T[] => sites.map(step);

const sampleBody = readFileSync(join(root, written[0]!.file), "utf8").replace(/^---[\s\S]*?\n---\n/, "");
const hugoVersion = hugoInstalled();
let hugo: ReturnType<typeof buildHugo> | null = null;
// Cold and warm, `repeat` times, each step on this checkout then on the baseline, so that a
// shared machine's load moves both alike; the run of median time stands for each.
type Run = ReturnType<typeof build>;
const coldRuns: Run[][] = sites.map(() => []);
const warmRuns: Run[][] = sites.map(() => []);
for (let r = 0; r < repeat; r++) {
  // Cold: no output, no conversion cache, no render index of an earlier build.
  if (r > 0) for (const x of sites) for (const d of ["_site", ".cache"]) rmSync(join(x.root, d), { recursive: true, force: true });
  each((x, k) => coldRuns[k]!.push(build(x.root, x.project)));
  if (r < repeat - 1) each((x, k) => warmRuns[k]!.push(build(x.root, x.project)));
}
const medianRun = (runs: Run[]) => [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(runs.length / 2)]!;
const cold = coldRuns.map(medianRun);
// The references right after the cold build, so that a shared machine's load moves both alike.
const plainMs = plainEleventy(cold[0]!.pages, sampleBody);
if (hugoVersion) {
  const dir = mkdtempSync(join(tmpdir(), "bench-hugo-"));
  writeHugoSite(dir, root, written);
  hugo = buildHugo(dir);
  rmSync(dir, { recursive: true, force: true });
}
each((x, k) => warmRuns[k]!.push(build(x.root, x.project)));
const warm = warmRuns.map(medianRun);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const ratio = (a: number, b: number) => (a / b).toFixed(2);
// Every run's ratio when repeated: the spread says how far one ratio can be trusted.
const runsOf = (runs: Run[][]) => (repeat === 1 ? "" : `; median of ${repeat}, runs ${runs[0]!.map((m, k) => (m.wallMs / runs[1]![k]!.wallMs).toFixed(3)).join(" ")}`);
const vs = (mine: number, theirs: number) => `${s(theirs)}; this / baseline ${(mine / theirs).toFixed(3)}`;
/** Prints the rows and removes the sites (unless --keep). */
const report = (rows: string[][]) => {
  for (const [k, v] of rows) console.log(`${k!.padEnd(38)} ${v}`);
  if (!keep) for (const r of [root, baseRoot]) if (r) rmSync(r, { recursive: true, force: true });
};
const baselineColdWarm = (): string[][] => {
  const [c, w, bc, bw] = [cold[0]!, warm[0]!, cold[1]!, warm[1]!];
  return [
    [`baseline (${baseline})`, ""],
    ["  cold build", `${vs(c.wallMs, bc.wallMs)}, ${bc.pages} pages, peak RSS ${bc.maxRssMB} MB${runsOf(coldRuns)}`],
    ["  warm build", `${vs(w.wallMs, bw.wallMs)}${runsOf(warmRuns)}`],
  ];
};
if (coldWarmOnly) {
  const [c, w] = [cold[0]!, warm[0]!];
  const rows = [
    ["checkout", checkout],
    ["articles", String(c.articles)],
    ["pages written (HTML)", String(c.pages)],
    ["cold build", `${s(c.wallMs)}, peak RSS ${c.maxRssMB} MB${repeat > 1 ? `, median of ${repeat}` : ""}`],
    ["warm build", `${s(w.wallMs)}, peak RSS ${w.maxRssMB} MB`],
    ["plain Eleventy, same page count", s(plainMs)],
    ["ratio cold / plain Eleventy", ratio(c.wallMs, plainMs)],
    ...(baseRoot ? baselineColdWarm() : []),
  ];
  report(rows);
  process.exit(0);
}
// The output's size and the output check's cost (the output of the builds above, warm or cold alike).
const out = countFiles(join(root, "_site"));
const check = outputCheckMs(root, join(root, "_site"));
// One new article, dated after every other: it heads its section's and the home page's lists.
const added = each((x) => (writeArticle(x.root, articles, options), build(x.root, x.project)));
// One edited title, in the middle of the archive: its pages, its neighbours, the lists that show it.
const middle = written[Math.floor(articles / 2)]!;
const edited = each((x) => {
  const path = join(x.root, middle.file);
  writeFileSync(path, readFileSync(path, "utf8").replace(/^title: "(.*)"$/m, `title: "$1（更新）"`));
  return build(x.root, x.project);
});
// A view-count import of every article (an analytics export), then the build that shows it.
const exportDir = mkdtempSync(join(tmpdir(), "bench-views-"));
const csv = join(exportDir, "export.csv");
writeFileSync(csv, ["path,views", ...written.map((a, k) => `${pagePath(a)},"${((k * 7919) % 50_000).toLocaleString("en")}"`)].join("\n") + "\n");
const views = each((x) => {
  const r = timed(process.execPath, ["--import", "tsx", join(x.project, "scripts/cli/views.ts"), csv, "--root", x.root], x.project);
  if (r.code !== 0) throw new Error(`npm run views failed:\n${(r.stderr + r.stdout).slice(-3000)}`);
  return { importMs: r.ms, build: build(x.root, x.project) };
});
// The dev server: its first page, then an edited title until the page it serves shows it.
const devArticle = written[Math.floor(articles / 2) + 1]!;
const dev: DevServerFigures[] = [];
for (const [k, x] of sites.entries()) dev.push(await measureDevServer(x.project, x.root, devArticle.file, pagePath(devArticle), port + k));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rendered = (b: Stats) => (b.reusedPages === undefined ? "" : `, ${b.pages - b.reusedPages} of ${b.pages} pages rendered`);
const [c, w, a, e, v, d] = [cold[0]!, warm[0]!, added[0]!, edited[0]!, views[0]!, dev[0]!];
const rows = [
  ["text", real ? `real news: ${real.paragraphs["zh-Hans"].length} Simplified paragraphs (${real.chars["zh-Hans"]} characters), ${real.paragraphs["zh-Hant"].length} Traditional (${real.chars["zh-Hant"]})` : "synthetic (36 phrases)"],
  ["articles", String(c.articles)],
  ["pages written (HTML)", String(c.pages)],
  ["files in output", `${out.files} (${(out.bytes / 1e6).toFixed(0)} MB)`],
  ["cold build", `${s(c.wallMs)} (${Math.round((c.pages / c.wallMs) * 1000)} pages/s), peak RSS ${c.maxRssMB} MB${repeat > 1 ? `, median of ${repeat}` : ""}`],
  ["  of which converting", `${s(c.convertMs)} (${((100 * c.convertMs) / c.wallMs).toFixed(0)} %), ${c.cacheMisses} conversions`],
  ["  reading content", s(c.readMs)],
  ["  photos (sizes and formats)", c.encodeMs === undefined ? "–" : `${c.photoFilesEncoded} files encoded in ${s(c.encodeMs)}; warm: ${w.photoFilesEncoded} encoded, ${w.photoFilesCached} from the cache`],
  ["  Eleventy rendering and writing", `${s(c.eleventyMs)} on ${c.renderThreads} thread${c.renderThreads > 1 ? "s" : ""}`],
  ["  search index (in a worker)", c.search ? `${s(c.search.ms)}, ${(c.search.bytes / 1e6).toFixed(0)} MB in ${c.search.files} files` : "reused"],
  ["  manifest", s(c.manifestMs)],
  [
    "  output check (in the build)",
    `${s(check.ms)} of CPU on one thread for ${check.files} files (${((100 * check.ms) / c.wallMs).toFixed(1)} % of the cold build; ` +
      `~${((100 * check.ms) / c.renderThreads / c.wallMs).toFixed(1)} % over ${c.renderThreads} render thread${c.renderThreads > 1 ? "s" : ""}), ${check.findings} findings`,
  ],
  ["warm build (nothing changed)", `${s(w.wallMs)}, peak RSS ${w.maxRssMB} MB, converting ${s(w.convertMs)}, ${w.cacheHits} cached, Eleventy ${s(w.eleventyMs)}`],
  ["one new article, built", `${s(a.wallMs)}${rendered(a)}, peak RSS ${a.maxRssMB} MB`],
  ["one edited title, built", `${s(e.wallMs)}${rendered(e)}`],
  ["view counts imported (npm run views)", `${s(v.importMs)} for ${written.length} rows`],
  ["  then built", `${s(v.build.wallMs)}${rendered(v.build)}`],
  ["dev server: first page served", s(d.startMs)],
  ["dev server: edited title visible", `${s(median(d.editsMs))} median of ${d.editsMs.length} (${d.editsMs.map((x) => (x / 1000).toFixed(2)).join(", ")} s)`],
  ["plain Eleventy, same page count", `${s(plainMs)} (${(plainMs / c.pages).toFixed(2)} ms a page)`],
  ["Hugo, same articles in 2 languages", hugo ? `${s(hugo.ms)} (${hugoVersion}), ${hugo.pages} pages, peak RSS ${hugo.maxRssMB ?? "?"} MB` : "hugo not installed (apt-get install hugo)"],
  ["ratio cold / plain Eleventy", `${ratio(c.wallMs, plainMs)} (goal ≤ 1.0)`],
  ...(hugo ? [["ratio cold / Hugo", ratio(c.wallMs, hugo.ms)]] : []),
  ["ratio warm / cold", `${ratio(w.wallMs, c.wallMs)} (goal ≤ 0.5)`],
  ["ratio new article / cold", `${ratio(a.wallMs, c.wallMs)} (goal ≤ 0.1)`],
  ["ratio edited title / cold", ratio(e.wallMs, c.wallMs)],
  ["ratio views build / cold", ratio(v.build.wallMs, c.wallMs)],
];
if (baseRoot) {
  const [ba, be, bv, bd] = [added[1]!, edited[1]!, views[1]!, dev[1]!];
  rows.push(
    ...baselineColdWarm(),
    ["  one new article", vs(a.wallMs, ba.wallMs)],
    ["  one edited title", vs(e.wallMs, be.wallMs)],
    ["  views import", vs(v.importMs, bv.importMs)],
    ["  build after the import", vs(v.build.wallMs, bv.build.wallMs)],
    ["  dev server: first page", vs(d.startMs, bd.startMs)],
    ["  dev server: edit visible", vs(median(d.editsMs), median(bd.editsMs))],
  );
}
rmSync(exportDir, { recursive: true, force: true });
report(rows);

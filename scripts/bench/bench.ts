// npm run bench [-- --articles 10000]
// Generates a synthetic corpus, builds it cold and warm, and builds the same number of
// pages with plain Eleventy and a minimal layout in the same run: figures as ratios.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readCommandLine, runCli, wholeNumber } from "../cli/args.ts";
import { writeCorpus } from "./corpus.ts";
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

const USAGE = "Usage: npm run bench -- [--articles 10000] [--keep] [--baseline <checkout of an earlier commit>]";
let articles = 2000;
let keep = false;
let baseline: string | null = null;
await runCli(() => {
  const { values } = readCommandLine(process.argv.slice(2), {
    command: "npm run bench",
    usage: USAGE,
    flags: { articles: { type: "string", value: "count" }, keep: { type: "boolean" }, baseline: { type: "string", value: "folder" } },
  });
  articles = wholeNumber(values.articles ?? "2000", "articles", 1, 1_000_000, "a number of articles");
  keep = values.keep === true;
  baseline = values.baseline ? resolve(values.baseline) : null;
  return 0;
});
if (process.exitCode) process.exit();
const root = mkdtempSync(join(tmpdir(), "bench-site-"));
console.log(`Generating ${articles} articles in ${root} …`);
writeCorpus(root, { articles, projectRoot: PROJECT });

// With --baseline, the same corpus is also built by an earlier checkout (its own copy, so
// that each has its own caches), each step right after this one's: ratios of one run.
const baseRoot = baseline ? mkdtempSync(join(tmpdir(), "bench-base-")) : null;
if (baseRoot) writeCorpus(baseRoot, { articles, projectRoot: PROJECT });
const cold = build(root);
const baseCold = baseRoot ? build(baseRoot, baseline!) : null;
const out = countFiles(join(root, "_site"));
const check = outputCheckMs(root, join(root, "_site"));
const warm = build(root);
const baseWarm = baseRoot ? build(baseRoot, baseline!) : null;
// An edited article: one file changed, the rest cached.
const plainMs = plainEleventy(cold.pages, "重庆两江新区数据中心发布会现场，企业负责人表示，算力调度平台累计服务中小企业。".repeat(20));

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rows = [
  ["articles", String(cold.articles)],
  ["pages written (HTML)", String(cold.pages)],
  ["files in output", `${out.files} (${(out.bytes / 1e6).toFixed(0)} MB)`],
  ["cold build", `${s(cold.wallMs)} (${Math.round((cold.pages / cold.wallMs) * 1000)} pages/s), peak RSS ${cold.maxRssMB} MB`],
  ["  of which converting", `${s(cold.convertMs)} (${((100 * cold.convertMs) / cold.wallMs).toFixed(0)} %), ${cold.cacheMisses} conversions`],
  ["  reading content", s(cold.readMs)],
  ["  photos (sizes and formats)", cold.encodeMs === undefined ? "–" : `${cold.photoFilesEncoded} files encoded in ${s(cold.encodeMs)}; warm: ${warm.photoFilesEncoded} encoded, ${warm.photoFilesCached} from the cache`],
  ["  Eleventy rendering and writing", `${s(cold.eleventyMs)} on ${cold.renderThreads} thread${cold.renderThreads > 1 ? "s" : ""}`],
  [
    "  search index (in a worker)",
    cold.search ? `${s(cold.search.ms)}, ${(cold.search.bytes / 1e6).toFixed(0)} MB in ${cold.search.files} files` : "reused",
  ],
  ["  manifest", s(cold.manifestMs)],
  [
    "  output check (in the build)",
    `${s(check.ms)} of CPU on one thread for ${check.files} files (${((100 * check.ms) / cold.wallMs).toFixed(1)} % of the cold build; ` +
      `~${((100 * check.ms) / cold.renderThreads / cold.wallMs).toFixed(1)} % over ${cold.renderThreads} render thread${cold.renderThreads > 1 ? "s" : ""}), ${check.findings} findings`,
  ],
  ["warm build (nothing changed)", `${s(warm.wallMs)}, peak RSS ${warm.maxRssMB} MB, converting ${s(warm.convertMs)}, ${warm.cacheHits} cached, Eleventy ${s(warm.eleventyMs)}`],
  ["plain Eleventy, same page count", `${s(plainMs)} (${(plainMs / cold.pages).toFixed(2)} ms a page)`],
  ["ratio cold / plain Eleventy", `${(cold.wallMs / plainMs).toFixed(2)} (goal ≤ 1.5)`],
  ["ratio warm / cold", `${(warm.wallMs / cold.wallMs).toFixed(2)} (goal ≤ 0.5)`],
];
if (baseCold && baseWarm) {
  rows.push(
    [`baseline (${baseline})`, ""],
    ["  cold build", `${s(baseCold.wallMs)}, peak RSS ${baseCold.maxRssMB} MB; this / baseline ${(cold.wallMs / baseCold.wallMs).toFixed(3)}`],
    ["  warm build", `${s(baseWarm.wallMs)}; this / baseline ${(warm.wallMs / baseWarm.wallMs).toFixed(3)}`],
  );
}
for (const [k, v] of rows) console.log(`${k.padEnd(34)} ${v}`);
if (!keep) for (const r of [root, baseRoot]) if (r) rmSync(r, { recursive: true, force: true });

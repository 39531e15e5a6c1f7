// Search index benchmark: a synthetic corpus of N articles in both scripts, indexed as a build
// does; prints indexing time, peak memory, index size on disk and the bytes a reader downloads
// before the first results of a query show.
//
//   npx tsx scripts/bench/search-bench.ts --articles 10000
//   npx tsx scripts/bench/search-bench.ts --articles 2000 --pagefind /path/to/pagefind_extended
//
// --pagefind runs Pagefind's extended indexer on the same articles written as HTML pages (both
// scripts), for a baseline measured on the same machine; install it outside the project
// (npm install pagefind in a scratch folder: the binary is node_modules/@pagefind/<platform>/bin/).
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readCommandLine, runCli } from "../cli/args.ts";
import { stripCommentLines } from "../plugins/js-comments.ts";
import { localSearcher } from "../search/local.ts";
import { writeSearchIndex, type WriteStats } from "../search/write-index.ts";
import type { SearchDocument } from "../search/documents.ts";
import { makeCorpus } from "./search-corpus.ts";

const PROJECT = resolve(fileURLToPath(import.meta.url), "../../..");
const SELF = fileURLToPath(import.meta.url);

interface IndexRun {
  articles: number;
  generateMs: number;
  indexMs: number;
  /** Resident memory after the corpus was generated (held in memory as a build holds its model). */
  corpusRssMB: number;
  peakRssMB: number;
  /** CPU time of indexing (user + system), ms: the machine may be shared, wall time varies. */
  cpuMs: number;
  stats: WriteStats;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** Bytes and files under a folder, and the disk space they take (4 KB blocks). */
function diskUsage(dir: string): { bytes: number; files: number; blocks: number } {
  let bytes = 0;
  let files = 0;
  let blocks = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      const sub = diskUsage(p);
      bytes += sub.bytes;
      files += sub.files;
      blocks += sub.blocks;
    } else {
      const s = statSync(p);
      bytes += s.size;
      files++;
      blocks += s.blocks * 512;
    }
  }
  return { bytes, files, blocks };
}

/** In a child process: generate the corpus, index it, report as one JSON line. */
function childIndex(articles: number, out: string, shardKb: number | undefined): void {
  const t0 = performance.now();
  const docs: SearchDocument[] = [...makeCorpus(articles).documents()];
  const generateMs = performance.now() - t0;
  const corpusRssMB = process.memoryUsage().rss / 1024 / 1024;
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  const stats = writeSearchIndex(docs, join(out, "search"), shardKb ? { shardBytes: shardKb * 1024 } : {});
  const cpu = process.cpuUsage(cpu0);
  const indexMs = performance.now() - t1;
  const run: IndexRun = {
    articles,
    generateMs,
    indexMs,
    corpusRssMB,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    cpuMs: (cpu.user + cpu.system) / 1000,
    stats,
  };
  console.log(JSON.stringify(run));
}

function runIndex(articles: number, out: string, shardKb?: number): IndexRun {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const args = ["--import", "tsx", SELF, "--child-index", String(articles), "--out", out];
  if (shardKb) args.push("--shard-kb", String(shardKb));
  const r = spawnSync(process.execPath, args, { cwd: PROJECT, encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`indexing failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as IndexRun;
}

const QUERIES = [
  "传播", // planted two-character word, Simplified
  "傳播", // the same in Traditional
  "数字经济", // four characters: three bigrams and a text check
  "人工智能 发展", // two words, AND
  "重慶 發展 傳播", // three Traditional words
  "算力调度", // rare
  "发", // one character (a frequent one)
  "PUE", // a Latin word
  "量子纠缠态", // no match
];

interface QueryCost {
  query: string;
  hits: number;
  shown: number;
  manifest: number;
  shards: number;
  shardFiles: number;
  docs: number;
  docFiles: number;
  total: number;
  ms: number;
  /** Nothing matched whole: the page loads search-partial.js too. */
  partial: boolean;
}

async function measureQueries(out: string, variant: string, extra: string[]): Promise<QueryCost[]> {
  const costs: QueryCost[] = [];
  for (const query of [...QUERIES, ...extra]) {
    // A reader who opens the page and searches once: nothing cached.
    const { searcher, fetch } = localSearcher(out, variant);
    const t0 = performance.now();
    await searcher.load();
    const manifest = fetch.bytes;
    const result = await searcher.query(query);
    const afterShards = fetch.bytes;
    const shardFiles = fetch.files.length - 1;
    const { results } = await searcher.page(result, 0);
    const ms = performance.now() - t0;
    costs.push({
      query,
      hits: result.hits.length,
      shown: results.length,
      manifest,
      shards: afterShards - manifest,
      shardFiles,
      docs: fetch.bytes - afterShards,
      docFiles: fetch.files.length - 1 - shardFiles,
      total: fetch.bytes,
      ms,
      partial: result.partial,
    });
  }
  return costs;
}

/** The same articles as HTML pages, both scripts, for Pagefind. */
function writePages(articles: number, dir: string): number {
  rmSync(dir, { recursive: true, force: true });
  let pages = 0;
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  for (const doc of makeCorpus(articles).documents()) {
    for (const [variant, d] of doc.variants) {
      const file = join(dir, d.u, "index.html");
      mkdirSync(join(file, ".."), { recursive: true });
      const lang = variant === "zh-hans" ? "zh-Hans" : "zh-Hant";
      const body = d.b.split("\n").map((p) => `<p>${esc(p)}</p>`).join("\n");
      writeFileSync(file, `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${esc(d.t)}</title></head><body><main><h1>${esc(d.t)}</h1><p>${d.d}</p>${body}</main></body></html>`);
      pages++;
    }
  }
  return pages;
}

function runPagefind(
  bin: string,
  articles: number,
  dir: string,
): { pages: number; seconds: number; cpuSeconds: number; peakRssMB: number; indexBytes: number; indexFiles: number } {
  const pages = writePages(articles, dir);
  const t0 = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "%M %e %U %S", bin, "--site", dir], { encoding: "utf8", maxBuffer: 64 << 20 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`pagefind failed:\n${r.stdout}\n${r.stderr}`);
  const [rssKb, , user, system] = r.stderr.trim().split("\n").pop()!.split(" ").map(Number);
  const usage = diskUsage(join(dir, "pagefind"));
  return { pages, seconds, cpuSeconds: user + system, peakRssMB: rssKb / 1024, indexBytes: usage.bytes, indexFiles: usage.files };
}

async function main(): Promise<void> {
  const { values } = readCommandLine(process.argv.slice(2), {
    command: "scripts/bench/search-bench.ts",
    usage: "Usage: tsx scripts/bench/search-bench.ts [--articles 10000] [--out folder] [--shard-kb n] [--pagefind <binary> --pagefind-articles 1000] [--keep]",
    flags: {
      articles: { type: "string", value: "count" },
      out: { type: "string", value: "folder" },
      "shard-kb": { type: "string", value: "KB" },
      "child-index": { type: "string", value: "n" },
      pagefind: { type: "string", value: "pagefind binary" },
      "pagefind-articles": { type: "string", value: "count" },
      keep: { type: "boolean" },
    },
  });
  const child = values["child-index"];
  const out = resolve(values.out ?? join(PROJECT, "tmp/search-bench"));
  const shardKbFlag = values["shard-kb"];
  const shardKb = shardKbFlag ? Number(shardKbFlag) : undefined;
  if (child) return childIndex(Number(child), out, shardKb);

  const articles = Number(values.articles ?? 10000);
  console.log(`Search index benchmark: ${articles} articles (${articles * 2} pages, zh-Hans + zh-Hant), Node ${process.version}`);
  const run = runIndex(articles, join(out, "site"), shardKb);
  const s = run.stats;
  const disk = diskUsage(join(out, "site/search"));
  console.log(`\nIndexing (corpus generated in ${(run.generateMs / 1000).toFixed(1)} s, not counted)`);
  const tm = s.timings;
  console.log(`  time            ${(run.indexMs / 1000).toFixed(2)} s wall, ${(run.cpuMs / 1000).toFixed(2)} s CPU (load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`);
  console.log(
    `    phases        fold+keys+postings ${(tm.index / 1000).toFixed(2)} s, group into shards ${(tm.shards / 1000).toFixed(2)} s, write ${s.files} files ${((tm.docFiles + tm.shardFiles) / 1000).toFixed(2)} s`,
  );
  console.log(`  peak RSS        ${run.peakRssMB.toFixed(0)} MB (of which the corpus held in memory: ${run.corpusRssMB.toFixed(0)} MB)`);
  console.log(`  keys            ${s.keys.toLocaleString("en")} (characters, character pairs, words); postings ${s.postings.toLocaleString("en")}`);
  console.log(`  on disk         ${mb(disk.bytes)} in ${disk.files} files (${mb(disk.blocks)} of 4 KB blocks)`);
  console.log(`    shards        ${mb(s.shardBytes)} in ${s.shards} files (average ${kb(s.shardBytes / s.shards)})`);
  console.log(`    documents     ${mb(s.docBytes)} in ${s.docs * 2} files (average ${kb(s.docBytes / s.docs / 2)})`);
  console.log(`    manifest      ${kb(s.manifestBytes)} (with the fold table)`);

  // The search page's modules (search-page.js and the query core it imports; search-partial.js
  // is loaded only by a query nothing matches whole, and counted for those).
  const js = join(PROJECT, "assets/js");
  // As published: without comment lines (scripts/plugins/js-comments.ts).
  const script = readdirSync(js)
    .filter((f) => /^search-[\w-]+\.js$/.test(f) && f !== "search-partial.js")
    .reduce((sum, f) => sum + Buffer.byteLength(stripCommentLines(readFileSync(join(js, f), "utf8"))), 0);
  const css = statSync(join(PROJECT, "assets/css/search.css")).size;
  const lazy = Buffer.byteLength(stripCommentLines(readFileSync(join(js, "search-partial.js"), "utf8")));
  const js0 = (c: QueryCost) => script + css + (c.partial ? lazy : 0);
  console.log(`\nBytes before the first results show (cold cache; plus the search modules ${kb(script)} and search.css ${kb(css)}, and search-partial.js ${kb(lazy)} for a query nothing matches whole; uncompressed)`);
  const costs = await measureQueries(join(out, "site"), "zh-hans", []);
  console.log("  query               hits  shown  manifest    shards (files)    docs (files)     total   +js/css   time");
  for (const c of costs) {
    console.log(
      `  ${c.query.padEnd(14 - (c.query.match(/[^\x00-\x7f]/g)?.length ?? 0))}  ${String(c.hits).padStart(6)}  ${String(c.shown).padStart(5)}  ${kb(c.manifest).padStart(8)}  ${kb(c.shards).padStart(9)} (${String(c.shardFiles).padStart(2)})  ${kb(c.docs).padStart(9)} (${String(c.docFiles).padStart(2)})  ${kb(c.total).padStart(9)}  ${kb(c.total + js0(c)).padStart(9)}  ${c.ms.toFixed(0).padStart(4)} ms`,
    );
  }
  const worst = Math.max(...costs.map((c) => c.total + js0(c)));
  console.log(`  worst case with the search modules and search.css: ${kb(worst)}`);

  const pagefind = values.pagefind;
  if (pagefind) {
    const n = Number(values["pagefind-articles"] ?? 1000);
    console.log(`\nBaseline: Pagefind extended (${pagefind}) on ${n} articles (${n * 2} pages)`);
    const pf = runPagefind(pagefind, n, join(out, "pagefind-site"));
    const ours = runIndex(n, join(out, "small"), shardKb);
    console.log(`  Pagefind        ${pf.seconds.toFixed(1)} s (${pf.cpuSeconds.toFixed(1)} s CPU), peak RSS ${pf.peakRssMB.toFixed(0)} MB, index ${mb(pf.indexBytes)} in ${pf.indexFiles} files`);
    console.log(
      `  this index      ${(ours.indexMs / 1000).toFixed(2)} s (${(ours.cpuMs / 1000).toFixed(2)} s CPU), peak RSS ${ours.peakRssMB.toFixed(0)} MB, index ${mb(ours.stats.shardBytes + ours.stats.docBytes + ours.stats.manifestBytes)} in ${ours.stats.files} files`,
    );
    console.log(
      `  ratio           wall time ${((ours.indexMs / 1000 / pf.seconds) * 100).toFixed(1)} %, CPU time ${((ours.cpuMs / 1000 / pf.cpuSeconds) * 100).toFixed(1)} %, peak memory ${((ours.peakRssMB / pf.peakRssMB) * 100).toFixed(1)} %`,
    );
  }
  if (values.keep === undefined) rmSync(out, { recursive: true, force: true });
}

await runCli(async () => (await main(), 0));

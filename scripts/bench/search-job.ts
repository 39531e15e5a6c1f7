// npx tsx scripts/bench/search-job.ts --save <job file> [--articles 2000 | --root <site>]
// npx tsx scripts/bench/search-job.ts --run <job file> [--repeat 3] [--out <folder>]
// The search index's cost on its own: --save writes the bench's corpus (real text, as
// `npm run bench` writes it) or loads a site, and keeps the IndexJob the build would post to
// the index worker (v8-serialized, as the worker receives it); --run writes that job's index in
// this thread, n times, and prints each run's phases and a digest of every file written (the
// same digest before and after a change: the same bytes). Profile with
// `node --cpu-prof --import tsx scripts/bench/search-job.ts --run <job file>`.
// --incremental <job file>: the cost of one new article with .cache/search/ (doc-cache.ts):
// a cold index, the same job with a cache (filling it), then the job with a copy of its newest
// article added as newer still, from that cache; CPU of each and the ratio new-article / cold.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import { readCommandLine, runCli, wholeNumber } from "../cli/args.ts";
import { loadSite } from "../site/load-site.ts";
import { indexJob, type IndexJob } from "../search/documents.ts";
import { writeIndexJob, type WriteStats } from "../search/write-index.ts";
import { writeCorpus } from "./corpus.ts";
import { readRealParagraphs } from "./corpus-paragraphs.ts";

const PROJECT = resolve(fileURLToPath(import.meta.url), "../../..");

async function saveJob(file: string, root: string | null, articles: number): Promise<void> {
  const site = root ?? mkdtempSync(join(tmpdir(), "search-job-site-"));
  if (!root) writeCorpus(site, { articles, projectRoot: PROJECT, real: readRealParagraphs(join(PROJECT, "../shared/corpus")) });
  const loaded = await loadSite({ root: site, includeDrafts: false, cacheFile: null });
  if (!loaded.model) throw new Error(`the site did not load: ${JSON.stringify(loaded.problems.slice(0, 3))}`);
  const job = indexJob(loaded.model, "");
  writeFileSync(file, serialize(job));
  if (!root) rmSync(site, { recursive: true, force: true });
  console.log(`${file}: ${job.articles.length} articles, ${job.articles.reduce((n, a) => n + a.length, 0)} pages`);
}

function runJob(file: string, repeat: number, out: string | null): void {
  const job = deserialize(readFileSync(file)) as IndexJob;
  for (let r = 0; r < repeat; r++) {
    const dir = out ?? mkdtempSync(join(tmpdir(), "search-job-out-"));
    const cpu = process.cpuUsage();
    const t = performance.now();
    const stats = writeIndexJob({ ...job, dir });
    const wall = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const digest = createHash("sha256");
    for (const [path, size, sha] of [...stats.written].sort((a, b) => (a[0] < b[0] ? -1 : 1))) digest.update(`${path} ${size} ${sha}\n`);
    const ms = (x: number) => `${Math.round(x)} ms`;
    const phases = Object.entries(stats.timings).map(([k, v]) => `${k} ${ms(v)}`).join(", ");
    console.log(
      `run ${r + 1}: ${ms(wall)} wall, ${ms((used.user + used.system) / 1000)} CPU (system ${ms(used.system / 1000)}); ${phases}; ` +
        `${stats.docs} docs, ${stats.keys} keys, ${stats.postings} postings, ${stats.shards} shards, ${stats.files} files; digest ${digest.digest("hex").slice(0, 16)}`,
    );
    if (!out) rmSync(dir, { recursive: true, force: true });
  }
}

function cpuOf(fn: () => WriteStats): [number, WriteStats] {
  const cpu = process.cpuUsage();
  const stats = fn();
  const used = process.cpuUsage(cpu);
  return [(used.user + used.system) / 1000, stats];
}

function incremental(file: string): void {
  const job = deserialize(readFileSync(file)) as IndexJob;
  const tmp = mkdtempSync(join(tmpdir(), "search-job-inc-"));
  try {
    const cacheDir = join(tmp, "cache");
    const [cold, coldStats] = cpuOf(() => writeIndexJob({ ...job, dir: join(tmp, "cold") }));
    const [fill] = cpuOf(() => writeIndexJob({ ...job, dir: join(tmp, "inc"), cacheDir }));
    const newest = job.articles[0]!.map((p) => ({ ...p, file: { ...p.file, u: p.file.u.replace(/\/$/, "-new/"), t: `${p.file.t}（续）` }, html: `${p.html}<p>新的一段。</p>` }));
    const added = { ...job, articles: [newest, ...job.articles] };
    const [inc, incStats] = cpuOf(() => writeIndexJob({ ...added, dir: join(tmp, "inc"), cacheDir }));
    const [cold2] = cpuOf(() => writeIndexJob({ ...added, dir: join(tmp, "cold2") }));
    const ms = (x: number) => `${Math.round(x)} ms`;
    console.log(
      `${coldStats.docs} docs: cold ${ms(cold)} CPU, filling the cache ${ms(fill)}, one new article ${ms(inc)} (${incStats.keyedDocs} keyed, ${incStats.cachedDocs} cached, ${incStats.linkedFiles} files linked; ` +
        `phases ${Object.entries(incStats.timings).map(([k, v]) => `${k} ${ms(v)}`).join(", ")}), cold with it ${ms(cold2)}; ratio ${(inc / cold2).toFixed(2)}; ` +
        `same files as cold: ${digestOf(incStats) === digestOf(coldStatsOf(join(tmp, "cold2"), incStats))}`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** A digest of every file written (path, size, SHA-256). */
function digestOf(stats: WriteStats): string {
  const digest = createHash("sha256");
  for (const [path, size, sha] of [...stats.written].sort((a, b) => (a[0] < b[0] ? -1 : 1))) digest.update(`${path} ${size} ${sha}\n`);
  return digest.digest("hex");
}

/** The written rows of an index folder as it is on disk, for comparing with a build's own. */
function coldStatsOf(dir: string, like: WriteStats): WriteStats {
  const written: WriteStats["written"] = [];
  const walk = (abs: string, rel: string) => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(abs, e.name), `${rel}${e.name}/`);
      else {
        const bytes = readFileSync(join(abs, e.name));
        written.push([`${rel}${e.name}`, bytes.length, createHash("sha256").update(bytes).digest("hex")]);
      }
    }
  };
  walk(dir, "");
  return { ...like, written };
}

const USAGE = `Usage: npx tsx scripts/bench/search-job.ts --save <job file> [--articles 2000 | --root <site>]
       npx tsx scripts/bench/search-job.ts --run <job file> [--repeat n] [--out <folder>]
       npx tsx scripts/bench/search-job.ts --incremental <job file>`;

await runCli(async () => {
  const { values } = readCommandLine(process.argv.slice(2), {
    command: "search-job",
    usage: USAGE,
    flags: {
      save: { type: "string", value: "file" },
      run: { type: "string", value: "file" },
      articles: { type: "string", value: "count" },
      root: { type: "string", value: "folder" },
      repeat: { type: "string", value: "count" },
      out: { type: "string", value: "folder" },
      incremental: { type: "string", value: "file" },
    },
  });
  if (values.save) {
    await saveJob(resolve(values.save), values.root ? resolve(values.root) : null, wholeNumber(values.articles ?? "2000", "articles", 1, 1_000_000, "a number of articles"));
    return 0;
  }
  if (values.run) {
    runJob(resolve(values.run), wholeNumber(values.repeat ?? "1", "repeat", 1, 50, "a number of runs"), values.out ? resolve(values.out) : null);
    return 0;
  }
  if (values.incremental) {
    incremental(resolve(values.incremental));
    return 0;
  }
  console.error(USAGE);
  return 2;
});

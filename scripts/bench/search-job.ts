// npx tsx scripts/bench/search-job.ts --save <job file> [--articles 2000 | --root <site>]
// npx tsx scripts/bench/search-job.ts --run <job file> [--repeat 3] [--out <folder>]
// The search index's cost on its own: --save writes the bench's corpus (real text, as
// `npm run bench` writes it) or loads a site, and keeps the IndexJob the build would post to
// the index worker (v8-serialized, as the worker receives it); --run writes that job's index in
// this thread, n times, and prints each run's phases and a digest of every file written (the
// same digest before and after a change: the same bytes). Profile with
// `node --cpu-prof --import tsx scripts/bench/search-job.ts --run <job file>`.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import { readCommandLine, runCli, wholeNumber } from "../cli/args.ts";
import { loadSite } from "../site/load-site.ts";
import { indexJob, type IndexJob } from "../search/documents.ts";
import { writeIndexJob } from "../search/write-index.ts";
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

const USAGE = `Usage: npx tsx scripts/bench/search-job.ts --save <job file> [--articles 2000 | --root <site>]
       npx tsx scripts/bench/search-job.ts --run <job file> [--repeat n] [--out <folder>]`;

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
  console.error(USAGE);
  return 2;
});

// Converts many HTML fragments on every core: a cold build of a large site spends most of
// its conversion time here. Small batches stay on the main thread (starting workers and
// their dictionaries costs ~0.3 s each).
import { availableParallelism } from "node:os";
import { startWorkers, workerModule } from "../workers/pool.ts";
import type { Job } from "./convert-worker.ts";
import type convertFragments from "./convert-worker.ts";
import { convertHtml } from "./html-converter.ts";
import { scriptConverter } from "./script-converter.ts";

export type { Job };

/** Below this many fragments, workers cost more than they save. */
export const PARALLEL_THRESHOLD = 400;

const CONVERT = workerModule<typeof convertFragments>("Converting", new URL("./convert-worker.ts", import.meta.url));

export async function convertAll(jobs: Job[], threads = Math.min(availableParallelism(), 4)): Promise<string[]> {
  if (jobs.length < PARALLEL_THRESHOLD || threads < 2) {
    return jobs.map((j) => convertHtml(j.html, scriptConverter(j.from, j.to, j.glossary)));
  }
  // Interleave so each worker gets a similar mix of directions and sizes.
  const chunks: { index: number[]; jobs: Job[] }[] = Array.from({ length: threads }, () => ({ index: [], jobs: [] }));
  jobs.forEach((job, i) => {
    const c = chunks[i % threads];
    c.index.push(i);
    c.jobs.push(job);
  });
  const out = await startWorkers(CONVERT, chunks.map((c) => c.jobs)).results;
  const results = new Array<string>(jobs.length);
  chunks.forEach((chunk, w) => out[w].forEach((html, k) => (results[chunk.index[k]] = html)));
  return results;
}

// Converts many HTML fragments on every core: a cold build of a large site spends most of
// its conversion time here. Small batches stay on the main thread (starting workers and
// their dictionaries costs ~0.3 s each).
import { availableParallelism } from "node:os";
import { startTsWorker } from "../workers/ts-worker.ts";
import type { Job } from "./convert-worker.ts";
import { convertHtml } from "./html-converter.ts";
import { scriptConverter } from "./script-converter.ts";

export type { Job };

/** Below this many fragments, workers cost more than they save. */
export const PARALLEL_THRESHOLD = 400;

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
  const results = new Array<string>(jobs.length);
  await Promise.all(
    chunks.map(
      (chunk) =>
        new Promise<void>((resolve, reject) => {
          const worker = startTsWorker(new URL("./convert-worker.ts", import.meta.url));
          worker.once("message", (out: string[]) => {
            out.forEach((html, k) => (results[chunk.index[k]] = html));
            void worker.terminate();
            resolve();
          });
          worker.once("error", reject);
          worker.postMessage(chunk.jobs);
        }),
    ),
  );
  return results;
}

// Worker thread: builds and writes the search index while the main thread renders pages.
import { parentPort } from "node:worker_threads";
import type { IndexJob } from "./documents.ts";
import { writeIndexJob, type WriteStats } from "./write-index.ts";

parentPort!.once("message", (job: IndexJob) => {
  try {
    const stats: WriteStats = writeIndexJob(job);
    parentPort!.postMessage({ stats });
  } catch (err) {
    parentPort!.postMessage({ error: err instanceof Error ? err.stack ?? err.message : String(err) });
  }
});

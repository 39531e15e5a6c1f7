// A large site's search index is built and written in a worker thread (index-worker.ts)
// while Eleventy renders the pages.
import { runInWorker, workerModule } from "../workers/pool.ts";
import type indexArticles from "./index-worker.ts";
import type { IndexJob } from "./documents.ts";
import type { WriteStats } from "./write-index.ts";

const INDEX = workerModule<typeof indexArticles>("Search index", new URL("./index-worker.ts", import.meta.url));

export function indexInWorker(job: IndexJob): Promise<WriteStats> {
  return runInWorker(INDEX, job);
}

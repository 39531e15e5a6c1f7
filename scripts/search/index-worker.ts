// Worker thread: builds and writes the search index while the main thread renders pages
// (index-in-worker.ts).
import type { Handler } from "../workers/pool.ts";
import type { IndexJob } from "./documents.ts";
import { writeIndexJob, type WriteStats } from "./write-index.ts";

const indexArticles: Handler<IndexJob, WriteStats> = writeIndexJob;

export default indexArticles;

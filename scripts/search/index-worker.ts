// Worker thread: builds and writes the search index while the main thread renders pages.
import { parentPort } from "node:worker_threads";
import type { SearchDocFile } from "../../assets/js/search.js";
import { htmlText, type SearchDocument } from "./documents.ts";
import { writeSearchIndex, type WriteStats } from "./write-index.ts";

/** One article's page in one script: a document file whose body is still HTML. */
export interface PageInput {
  path: string;
  file: Omit<SearchDocFile, "b">;
  html: string;
}

export interface IndexJob {
  /** Articles in document order, each with its page in every script. */
  articles: PageInput[][];
  dir: string;
  variants: string[];
}

function* documents(articles: PageInput[][]): Generator<SearchDocument> {
  for (const pages of articles) {
    yield { variants: new Map(pages.map((p) => [p.path, { ...p.file, b: htmlText(p.html) }])) };
  }
}

parentPort!.once("message", (job: IndexJob) => {
  try {
    const stats: WriteStats = writeSearchIndex(documents(job.articles), job.dir, { variants: job.variants });
    parentPort!.postMessage({ stats });
  } catch (err) {
    parentPort!.postMessage({ error: err instanceof Error ? err.stack ?? err.message : String(err) });
  }
});

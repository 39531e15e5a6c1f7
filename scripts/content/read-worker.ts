// Worker thread: reads and checks its part of a big site's articles (content/parallel-read.ts).
import { parentPort } from "node:worker_threads";
import { loadArticleEntry } from "./articles.ts";
import { cloneable, type ReadJob, type ReadResult } from "./parallel-read.ts";

parentPort!.once("message", ({ site, files, options }: ReadJob) => {
  try {
    const results: ReadResult[] = files.map((file) => {
      const { key, photos, result } = loadArticleEntry(site, file, options);
      return { file, key, photos, article: result.article && cloneable(result.article), problems: result.problems };
    });
    parentPort!.postMessage({ results });
  } catch (err) {
    parentPort!.postMessage({ error: err instanceof Error ? err.stack ?? err.message : String(err) });
  }
});

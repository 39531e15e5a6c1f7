// Worker thread: reads and checks its part of a big site's articles (content/parallel-read.ts).
import { join } from "node:path";
import { parentPort } from "node:worker_threads";
import { fileKey, loadArticle } from "./articles.ts";
import { cloneable, type ReadJob, type ReadResult } from "./parallel-read.ts";

parentPort!.once("message", ({ site, files, options }: ReadJob) => {
  try {
    const results: ReadResult[] = files.map((file) => {
      const key = fileKey(site, join(site.root, file), options);
      const { article, problems } = loadArticle(site, file, options);
      return { file, key, article: article && cloneable(article), problems };
    });
    parentPort!.postMessage({ results });
  } catch (err) {
    parentPort!.postMessage({ error: err instanceof Error ? err.stack ?? err.message : String(err) });
  }
});

// Reading and checking 10,000 articles (front matter, Markdown, photos, spam) takes a few
// seconds on one core. A big site's first load reads the second part of its files in a
// worker thread (read-worker.ts) while this thread reads the first; what the worker read is
// then handed to loadArticle as if it had read it (primeArticle), so everything after it is
// unchanged. Small sites and the dev server's rebuilds read on this thread.
import { availableParallelism } from "node:os";
import { startWorkers, workerModule } from "../workers/pool.ts";
import type readArticles from "./read-worker.ts";
import type { SiteConfig } from "../site/site-config.ts";
import type { Problem } from "./problems.ts";
import { hasReadIndex, listMarkdownFiles, loadArticle, nothingReadYet, NEWS_DIR, primeArticle, revive, type ClonedArticle, type LoadOptions } from "./articles.ts";
import type { StoredRead } from "./read/read-index.ts";

export interface Options {
  /** Below this many article files, one thread reads them all (a worker costs ~0.5 s to start,
   * and two threads read ~1.3× as fast as one on this two-core machine). */
  minFiles: number;
  /** The worker's part of the files: it starts later than this thread. */
  workerShare: number;
}

export const defaults: Options = { minFiles: 5000, workerShare: 0.45 };

const READ = workerModule<typeof readArticles>("Reading articles", new URL("./read-worker.ts", import.meta.url));

export interface ReadJob {
  site: SiteConfig;
  files: string[];
  options: LoadOptions;
}

export interface ReadResult {
  file: string;
  /** What the read depended on (articles.ts: ReadEntry). */
  key: string;
  photos: string;
  article: ClonedArticle | null;
  problems: Problem[];
  /** Its entry of the persisted index, made by the worker (read/read-index.ts). */
  stored?: StoredRead;
}

/** `when`: "auto" reads on two threads where it gains (a big site, two cores); "always" does whatever the size. */
export async function readArticlesInParallel(site: SiteConfig, options: LoadOptions, when: "auto" | "always", settings: Options = defaults): Promise<void> {
  if (!nothingReadYet()) return;
  // A warm build takes most articles from the last build's readings (read/read-index.ts):
  // the few it reads are read here, without a worker's start-up.
  if (hasReadIndex(site)) return;
  const files = listMarkdownFiles(site.root, NEWS_DIR);
  if (when === "auto" && (files.length < settings.minFiles || availableParallelism() < 2)) return;
  if (files.length < 2) return;
  const split = Math.round(files.length * (1 - settings.workerShare));
  const theirs = files.slice(split);
  const worker = startWorkers(READ, [{ site, files: theirs, options }]);
  try {
    for (const file of files.slice(0, split)) loadArticle(site, file, options);
  } catch (err) {
    // Not an editor's problem (those are collected): the worker's reading is of no use now.
    void worker.stop();
    throw err;
  }
  const [results] = await worker.results;
  for (const r of results) {
    primeArticle(site, r.file, { key: r.key, photos: r.photos, result: { article: r.article && revive(r.article, site.timeZone), problems: r.problems }, ...(r.stored ? { stored: { ...r.stored, source: r.article } } : {}) });
  }
}

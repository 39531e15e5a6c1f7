// Worker thread: reads and checks its part of a big site's articles (content/parallel-read.ts).
import type { Handler } from "../workers/pool.ts";
import { cloneable, loadArticleEntry } from "./articles.ts";
import type { ReadJob, ReadResult } from "./parallel-read.ts";

const readArticles: Handler<ReadJob, ReadResult[]> = ({ site, files, options }) =>
  files.map((file) => {
    const { key, photos, result, stored } = loadArticleEntry(site, file, options);
    // The index entry's reading is the cloned article itself: sent once, put back by parallel-read.ts.
    return { file, key, photos, article: result.article && cloneable(result.article), problems: result.problems, ...(stored ? { stored: { ...stored, source: null } } : {}) };
  });

export default readArticles;

// Worker thread: reads and checks its part of a big site's articles (content/parallel-read.ts).
import type { Handler } from "../workers/pool.ts";
import { loadArticleEntry } from "./articles.ts";
import { cloneable, type ReadJob, type ReadResult } from "./parallel-read.ts";

const readArticles: Handler<ReadJob, ReadResult[]> = ({ site, files, options }) =>
  files.map((file) => {
    const { key, photos, result } = loadArticleEntry(site, file, options);
    return { file, key, photos, article: result.article && cloneable(result.article), problems: result.problems };
  });

export default readArticles;

// Runs the browser's search code against an index on disk: for tests, the benchmark and a
// quick look from the command line (npx tsx scripts/search/local.ts <site dir> <variant> <query>).
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Searcher } from "../../assets/js/search-query.js";
import { sitePaths } from "../site/urls.ts";
import { MANIFEST } from "./write-index.ts";

export interface CountingFetch {
  (url: string): Promise<Uint8Array>;
  /** Bytes and files fetched so far. */
  bytes: number;
  files: string[];
  reset(): void;
}

/** fetch for site URLs, served from the built site in `out`, counting what it reads. */
export function siteFetch(out: string): CountingFetch {
  const f = (async (url: string) => {
    const bytes = new Uint8Array(readFileSync(join(out, decodeURIComponent(new URL(url, "http://site/").pathname))));
    f.bytes += bytes.length;
    f.files.push(url);
    return bytes;
  }) as CountingFetch;
  f.bytes = 0;
  f.files = [];
  f.reset = () => {
    f.bytes = 0;
    f.files = [];
  };
  return f;
}

export function localSearcher(out: string, variant: string, manifestUrl = `/${sitePaths.searchIndex}/${MANIFEST}`): { searcher: Searcher; fetch: CountingFetch } {
  const fetch = siteFetch(out);
  return { searcher: new Searcher(manifestUrl, variant, fetch), fetch };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [out, variant, ...words] = process.argv.slice(2);
  const { searcher, fetch } = localSearcher(resolve(out ?? "_site"), variant ?? "zh-hans");
  const result = await searcher.query(words.join(" "));
  const { results } = await searcher.page(result, 0);
  for (const r of results) {
    const marked = (text: string, ranges: [number, number][]) =>
      ranges.reduceRight((s, [a, b]) => s.slice(0, a) + "【" + s.slice(a, b) + "】" + s.slice(b), text);
    console.log(`${r.date}  ${marked(r.title, r.titleRanges)}\n  ${r.url}\n  ${marked(r.snippet.text, r.snippet.ranges)}`);
  }
  console.log(`${result.hits.length} candidates, ${results.length} shown; ${fetch.bytes} bytes in ${fetch.files.length} files`);
}

// Eleventy plugin: the search page of each script, and the search index written into the
// output after the pages (from the same site model, so the index matches the pages).
//
// The index is made from the build's model once it exists (in a worker for a big site, while
// pages render), and written when Eleventy has written the pages.
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { EleventyConfig } from "../plugins/eleventy-config.ts";
import type { SiteModel } from "../model/types.ts";
import { indexJob, type IndexJob } from "./documents.ts";
import { MANIFEST, writeIndexJob, type WriteStats } from "./write-index.ts";
import type { Build, BuildSession } from "../build/build.ts";
import { indexInWorker } from "./index-in-worker.ts";
import { linkOrCopy, unchangedSinceLastBuild, type RenderPlan } from "../render/render-plan.ts";
import { sizeOf } from "../render/output-trust.ts";
import { sitePaths } from "../site/urls.ts";

/** Whether every file of the last index is still what the last build wrote. */
function untampered(plan: RenderPlan, dir: string): boolean {
  const walk = (abs: string, rel: string): boolean =>
    readdirSync(abs, { withFileTypes: true }).every((e) =>
      e.isDirectory() ? walk(join(abs, e.name), `${rel}/${e.name}`) : unchangedSinceLastBuild(plan, `${rel}/${e.name}`),
    );
  return walk(join(plan.previousOut!, dir), `/${dir}`);
}

/** How many articles the index in `dir` holds (its manifest), or -1. */
function indexedArticles(dir: string): number {
  try {
    return (JSON.parse(readFileSync(join(dir, MANIFEST), "utf8")) as { docs: number }).docs;
  } catch {
    return -1;
  }
}

/** Hard links (or copies) every file of `from` into `to`. */
function linkTree(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const a = join(from, entry.name);
    const b = join(to, entry.name);
    if (entry.isDirectory()) {
      mkdirSync(b, { recursive: true });
      linkTree(a, b);
    } else {
      linkOrCopy(a, b);
    }
  }
}

export interface SearchFacets {
  years: string[];
  sources: string[];
}

/** Sources listed in the filter at most (the rest are still searched as words). */
const SOURCES = 40;

export function searchFacets(news: SiteModel, variant: string): SearchFacets {
  const years = new Set<string>();
  const sources = new Map<string, number>();
  for (const a of news.articles) {
    if (a.ctx.path !== variant) continue;
    years.add(a.dateIso.slice(0, 4));
    if (a.source) sources.set(a.source, (sources.get(a.source) ?? 0) + 1);
  }
  return {
    years: [...years].sort().reverse(),
    sources: [...sources].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, SOURCES).map(([s]) => s),
  };
}

/** From this many articles on, the index is built in a worker thread (starting one costs ~0.5 s). */
const WORKER_THRESHOLD = 500;

export interface Options {
  /** The builds this Eleventy works for (scripts/build/build.ts). */
  session: BuildSession;
  /** Folder of the index in the output, and its URL path. */
  dir: string;
}

export const defaults = { dir: sitePaths.searchIndex } satisfies Partial<Options>;

export default function search(eleventyConfig: EleventyConfig, userOptions: Pick<Options, "session"> & Partial<Options>): void {
  const options: Options = { ...defaults, ...userOptions };
  const { session } = options;
  let model: SiteModel | null = null;

  eleventyConfig.addFilter("searchIndexUrl", () => `/${options.dir}/${MANIFEST}`);
  // The search page's filters: the years articles are of, and their sources, most used first.
  const facetsOf = new WeakMap<SiteModel, Map<string, SearchFacets>>();
  eleventyConfig.addFilter("searchFacets", (news: SiteModel, variant: string): SearchFacets => {
    let byVariant = facetsOf.get(news);
    if (!byVariant) facetsOf.set(news, (byVariant = new Map()));
    let facets = byVariant.get(variant);
    if (!facets) byVariant.set(variant, (facets = searchFacets(news, variant)));
    return facets;
  });
  // A large site's index is built in a worker thread while Eleventy renders the pages.
  let started = 0;
  let inWorker: Promise<WriteStats> | null = null;
  // The dev server's model, indexed once the pages are written (eleventy.after).
  let serveIndex: SiteModel | null = null;
  let lastIndexJob: Promise<WriteStats> | null = null;
  eleventyConfig.on("eleventy.before", () => {
    model = null;
    serveIndex = null;
  });
  let reuseFrom: string | null = null;
  let lastPlan: RenderPlan | null = null;
  // A build into a fresh folder: the last index, whose unchanged document files are linked, is in the last output.
  const previousIndexDir = (dir: string): string | undefined => {
    const previous = lastPlan?.previousOut ? join(lastPlan.previousOut, options.dir) : undefined;
    return previous && resolve(previous) !== resolve(dir) ? previous : undefined;
  };
  /** The job of indexing `news` into the output folder's search folder, with the site's cache. */
  const jobFor = (news: SiteModel, output: string) => {
    const dir = join(output, options.dir);
    return indexJob(news, dir, join(session.current.root, ".cache", "search"), previousIndexDir(dir));
  };
  const whenModelReady = (build: Build) => build.onModel((news, plan) => {
    // This thread renders the search pages: the index is written after them (eleventy.after).
    model = news;
    // No article page changed and none came or went: the last build's index is this one's.
    reuseFrom = null;
    lastPlan = plan;
    const lastIndex = plan.previousOut ? join(plan.previousOut, options.dir) : null;
    if (lastIndex && resolve(plan.previousOut!) !== resolve(eleventyConfig.directories.output) && plan.render.articles.length === 0 && indexedArticles(lastIndex) === news.sources.length && untampered(plan, options.dir)) {
      reuseFrom = lastIndex;
      inWorker = null;
      return;
    }
    if (news.sources.length < WORKER_THRESHOLD) {
      inWorker = null;
      return;
    }
    if (build.mode === "serve") {
      // Making the job and starting its thread would hold up the edited page.
      inWorker = null;
      serveIndex = news;
      return;
    }
    inWorker = startIndex(news);
  });
  session.eachBuild(whenModelReady);
  const startIndex = (news: SiteModel): Promise<WriteStats> => {
    started = Date.now();
    const job = jobFor(news, eleventyConfig.directories.output);
    // One index at a time: the dev server may rebuild while the last index is still written.
    const previous = lastIndexJob ?? Promise.resolve();
    return (lastIndexJob = previous.catch(() => undefined).then(() => indexInWorker(job)));
  };

  eleventyConfig.on("eleventy.after", async ({ directories }) => {
    // No search page was rendered this time (a partial rebuild): the last index stays.
    if (!model) return;
    if (reuseFrom) {
      linkTree(reuseFrom, join(directories.output, options.dir));
      // Each file was checked against the last manifest (untampered): the manifest may trust it.
      const prefix = `/${options.dir}/`;
      const trusted = lastPlan!.checked.trusted;
      session.current.written.vouchFor(
        [...lastPlan!.previousHashes].filter(([path]) => path.startsWith(prefix)).map(([path, sha256]) => {
          const identity = trusted.get(path);
          return [path, identity ? sizeOf(identity) : -1, sha256] as const;
        }),
      );
      return;
    }
    let stats: WriteStats;
    if (serveIndex) {
      // The dev server shows the edited page at once; the index follows a moment later.
      const running = startIndex(serveIndex);
      serveIndex = null;
      void running.then(
        (done) => session.current.settings.stats && console.log(`Search index: ${done.docs} articles in ${Date.now() - started} ms.`),
        (err: Error) => console.error(err.message),
      );
      return;
    } else if (inWorker) {
      stats = await inWorker;
    } else {
      started = Date.now();
      stats = writeIndexJob(jobFor(model, directories.output));
    }
    session.current.written.vouchFor(stats.written.map(([path, size, sha256]) => [`/${options.dir}/${path}`, size, sha256] as const));
    if (session.current.settings.stats) {
      const bytes = stats.docBytes + stats.shardBytes + stats.manifestBytes;
      console.log(`Search index: ${stats.docs} articles, ${stats.shards} shards, ${stats.files} files, ${bytes} bytes in ${Date.now() - started} ms.`);
    }
  });
}

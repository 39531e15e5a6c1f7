// Eleventy plugin: the site model as global data `news`, and the article photos it needs
// copied into the output. The model comes from the same loader as `npm run check`.
import { copyFileSync, mkdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ContentError, formatProblem } from "../content/problems.ts";
import { defaultCacheFile, loadSite, type LoadedSite } from "../site/load-site.ts";
import type { SiteModel } from "../site/model.ts";
import { asTemplateData } from "../site/template-data.ts";
import type { EleventyConfig } from "./eleventy-config.ts";
import { isDirectory, keyPages, outputFile, planRendering, takeReusedPages, writeRenderIndex, type RenderPlan } from "../render/render-plan.ts";
import { helperShare, isRenderHelper, reportWritten, templatesWrittenOnce } from "../render/render-share.ts";
import { forgetVouched, hashResults, vouchFor } from "../integrity/written-files.ts";
import { checkEveryPageWrittenOnce, pageCount, type RenderHelpers } from "../render/render-threads.ts";
import type { HelperJob } from "../render/render-worker.ts";

const PROJECT = resolve(fileURLToPath(import.meta.url), "../../..");

export interface Options {
  /** Project root: where content/ and assets/ are. */
  root: string;
  /** Show drafts (the dev server does; a build never does). */
  includeDrafts: boolean;
}

export const defaults: Options = {
  root: process.cwd(),
  includeDrafts: false,
};

// The build command loads and checks the site before Eleventy starts; Eleventy then reuses it.
// It also says how to render on several threads (render/render-threads.ts): helpers already
// started (a cold build renders every page: their Eleventy starts up while this thread plans),
// or how to start them once the plan says how many pages there are to render.
export interface RenderThreads {
  started: RenderHelpers | null;
  startFor: ((pagesToRender: number) => RenderHelpers | null) | null;
}
let preloaded: LoadedSite | null = null;
let preloadedThreads: RenderThreads | null = null;
export function usePreloadedSite(site: LoadedSite, threads: RenderThreads | null = null): void {
  preloaded = site;
  preloadedThreads = threads;
  running = threads?.started ?? null;
}

// Threads that rendered the last build, the main one included.
let threadsUsed = 1;
export function lastRenderThreads(): number {
  return threadsUsed;
}

// Plugins that start work from the model as soon as it exists (the search index, in a worker).
type ModelListener = (model: SiteModel, plan: RenderPlan) => void;
const modelListeners: ModelListener[] = [];
export function onSiteModel(listener: ModelListener): void {
  modelListeners.push(listener);
}

// Render helper threads of the build under way: stopped if the build fails.
let running: RenderHelpers | null = null;
export function stopRenderHelpers(): void {
  running?.stop();
  running = null;
}

// The last build's render plan, for the build command's summary.
let lastPlan: RenderPlan | null = null;
export function lastRenderPlan(): RenderPlan | null {
  return lastPlan;
}

/** What a render helper needs to start its own Eleventy on this project. */
export function helperJob(input: string, output: string): HelperJob {
  return { input, output, configPath: resolve(PROJECT, ".eleventy.ts") };
}

function copyIfChanged(from: string, to: string): void {
  try {
    const a = statSync(from);
    const b = statSync(to);
    if (a.size === b.size && a.mtimeMs <= b.mtimeMs) return;
  } catch {
    // not there yet
  }
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}

export default function newsSite(eleventyConfig: EleventyConfig, userOptions: Partial<Options> = {}): void {
  // Read at call time: the build command points NEWSROOM_ROOT at the site it builds.
  const options: Options = {
    ...defaults,
    root: process.env.NEWSROOM_ROOT ?? defaults.root,
    includeDrafts: process.env.ELEVENTY_RUN_MODE === "serve",
    ...userOptions,
  };
  if (isRenderHelper()) {
    // A render helper renders only the pages it is dealt; what is written once is the main thread's.
    for (const file of templatesWrittenOnce(join(PROJECT, "content", "_generate"))) eleventyConfig.ignores.add(relative(process.cwd(), file));
    eleventyConfig.addGlobalData("news", async () => asTemplateData(await helperShare()));
    eleventyConfig.on("eleventy.after", ({ results, directories }) => reportWritten(hashResults(results ?? [], directories.output)));
    return;
  }
  let current: LoadedSite | null = null;
  let plan: RenderPlan | null = null;
  let threads: RenderThreads | null = null;
  let mine: RenderPlan["render"] | null = null;
  // The build command renders into a fresh folder and names the final one; the dev server
  // (npm start, scripts/cli/serve.ts) renders into a folder of its own, never the published _site.
  if (process.env.ELEVENTY_RUN_MODE === "serve" && !process.env.NEWSROOM_OUT) {
    throw new Error("The dev server renders into a folder of its own (.cache/dev-site/), never into _site: start it with npm start.");
  }
  const finalOut = () => process.env.NEWSROOM_OUT ?? resolve("_site");

  eleventyConfig.addWatchTarget(join(options.root, "content"));
  // A saved file is rebuilt once its size has held for 50 ms (Eleventy waits 150 ms: a third
  // of the time from save to page at 2,000 articles); postcss-cli and Tailwind wait 50 ms too.
  eleventyConfig.setChokidarConfig({ awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 10 } });
  eleventyConfig.on("eleventy.before", () => {
    forgetVouched();
    current = preloaded;
    threads = preloadedThreads;
    preloaded = preloadedThreads = null;
    threadsUsed = 1;
    plan = null;
    mine = null;
  });

  eleventyConfig.addGlobalData("news", async () => {
    if (!current) {
      current = await loadSite({
        root: options.root,
        includeDrafts: options.includeDrafts,
        cacheFile: defaultCacheFile(options.root),
        saveLater: process.env.ELEVENTY_RUN_MODE === "serve",
      });
      // Warnings of a site loaded here (the dev server); the build command prints its own.
      if (current.model && !current.problems.some((p) => p.severity === "error")) for (const w of current.problems) console.warn(formatProblem(w));
    }
    const errors = current.problems.filter((p) => p.severity === "error");
    if (errors.length > 0 || !current.model) throw new ContentError(current.problems);
    const out = finalOut();
    if (!plan) {
      plan = lastPlan = planRendering(current.model, { project: PROJECT, root: options.root, out, previousOut: isDirectory(out) ? out : null });
      for (const listener of modelListeners) listener(current.model, plan);
      // The build command may have started render helpers (render/render-threads.ts); the dev
      // server renders a few pages an edit, on this thread.
      running ??= threads?.startFor?.(pageCount(plan.render)) ?? null;
      mine = running ? running.deal(current.model, plan.render, plan.keysLater ? plan.shared : undefined) : plan.render;
      threadsUsed = running?.threadsUsed ?? 1;
    }
    // Generator templates paginate over `render`; everything else (feeds, sitemaps) sees all pages.
    return asTemplateData({ ...current.model, render: mine ?? plan.render });
  });

  eleventyConfig.on("eleventy.after", async ({ directories, results }) => {
    const model = current?.model;
    if (!model) return;
    // The pages written or taken over, with their hashes: the manifest need not read them back.
    const written = hashResults(results ?? [], directories.output);
    vouchFor(written);
    let theirKeys: [string, string][] = [];
    if (running) {
      try {
        const theirs = await running.finished();
        // Each Eleventy sees only its own pages' addresses: a clash across threads is checked here.
        if (plan) checkEveryPageWrittenOnce(plan.render, written, theirs.written);
        vouchFor(theirs.written);
        theirKeys = theirs.keys;
      } finally {
        stopRenderHelpers();
      }
    }
    for (const [to, from] of model.copies) copyIfChanged(from, join(directories.output, to));
    if (plan) {
      takeReusedPages(plan, directories.output);
      // The dev server renders in place: pages of articles deleted (or renamed) since go.
      if (resolve(directories.output) === resolve(finalOut())) for (const url of plan.gone) rmSync(join(directories.output, outputFile(url)), { force: true });
      for (const url of plan.reused) {
        const path = outputFile(url);
        const sha256 = plan.previousHashes.get(path);
        // Linked from a file checked against the last manifest: its size is read from disk.
        if (sha256) vouchFor([[path, -1, sha256]]);
      }
      // Keys made after rendering (a first build): this thread's pages', and the helpers'.
      if (plan.keysLater) for (const [url, key] of [...keyPages(mine ?? plan.render, plan.shared), ...theirKeys]) plan.index[url] = key;
      // Into a fresh folder: the index waits until the build command swaps the folder in.
      writeRenderIndex(plan, resolve(directories.output) !== finalOut());
    }
  });
}

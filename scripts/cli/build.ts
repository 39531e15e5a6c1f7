// npm run build [-- --root <site folder> --out <folder> --threads <n>]
// Checks all content first and reports every problem; builds into a fresh folder; only a
// complete build replaces the output, so a failed one leaves the last good site in place.
import { existsSync, renameSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";
import { formatProblem, formatSummary } from "../content/problems.ts";
import { defaultCacheFile, loadSite } from "../site/load-site.ts";
import { helperJob, lastRenderPlan, lastRenderThreads, stopRenderHelpers, usePreloadedSite } from "../plugins/news-site.ts";
import { RenderHelpers, defaults as threadDefaults } from "../render/render-threads.ts";
import type { SiteModel } from "../site/model.ts";
import { commitRenderIndex, dropPendingRenderIndex, indexFileFor } from "../render/render-plan.ts";
import { flag, parseArgs } from "./args.ts";
// Output integrity (scripts/integrity/): the manifest of every file written, and cleaning up after killed builds.
import { writeManifest } from "../integrity/manifest.ts";
import { vouchedFiles } from "../integrity/written-files.ts";
import { cleanStaleOutputs, discardInBackground, emptyTrash } from "../integrity/stale.ts";

const PROJECT = resolve(fileURLToPath(import.meta.url), "../../..");

/** HTML pages a build writes: every page of the model, and the root chooser. */
function pageCount(m: SiteModel): number {
  return m.articles.length + m.lists.length + m.hubs.length + m.homes.length + m.notFound.length + m.pages.length + 1;
}

export interface BuildOptions {
  /** Print one JSON line of figures (for the benchmark). */
  stats: boolean;
  /** Threads reading articles and rendering pages; null: one a core (up to 4), where the site is big enough to gain. */
  threads: number | null;
}

export async function build(root: string, out: string, options: BuildOptions = { stats: false, threads: null }): Promise<number> {
  const stats = options.stats;
  const started = Date.now();
  // Integrity: a killed build's <out>.tmp-<pid> / <out>.old-<pid> (its process gone) are removed,
  // and a moved-aside .old-<pid> is put back if <out> itself is missing.
  cleanStaleOutputs(out);
  emptyTrash(out);
  process.env.NEWSROOM_ROOT = root;
  process.env.NEWSROOM_OUT = out;
  const tmp = `${out}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const parallelRead = options.threads === null ? "auto" : options.threads > 1 ? "always" : "never";
  let site: Awaited<ReturnType<typeof loadSite>>;
  try {
    site = await loadSite({ root, includeDrafts: false, cacheFile: defaultCacheFile(root), parallelRead });
  } catch (err) {
    // Not an editor's problem (those are collected): a fault of the build itself, e.g. a worker thread that died.
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    console.error(`Build failed while reading the site. ${existsSync(out) ? `${out} was left as it was.` : ""}`);
    return 1;
  }
  for (const p of site.problems) console.error(formatProblem(p));
  if (!site.model) {
    console.error(`Build stopped: ${formatSummary(site.problems)}. ${existsSync(out) ? `${out} was left as it was.` : ""}`);
    return 1;
  }
  // A big site renders on several threads. When every page is to be rendered (no last build
  // here), their Eleventy starts up at once, while this thread plans (started before the
  // site is read, it would slow the reading, which has both cores busy already); otherwise
  // once the plan says how many pages there are to render. Threads asked for are used
  // whatever the size; by default only where they gain.
  const threads = options.threads ?? threadDefaults.threads;
  const minPages = options.threads ? 0 : threadDefaults.minPages;
  const start = () => new RenderHelpers(threads - 1, helperJob(resolve(PROJECT, "content"), tmp), minPages);
  const cold = !existsSync(indexFileFor(root, out)) || !existsSync(out);
  const early = threads > 1 && cold && pageCount(site.model) >= minPages ? start() : null;
  usePreloadedSite(site, { started: early, startFor: threads > 1 && !early ? (n) => (n >= minPages ? start() : null) : null });
  const eleventyStarted = Date.now();
  let eleventyDone = 0;
  try {
    const eleventy = new Eleventy(resolve(PROJECT, "content"), tmp, { configPath: resolve(PROJECT, ".eleventy.ts"), quietMode: true });
    await eleventy.write();
    eleventyDone = Date.now();
    // Integrity: <tmp>/manifest.json lists every file written (path, size, SHA-256), for `npm run verify`.
    writeManifest(tmp, vouchedFiles());
  } catch (err) {
    stopRenderHelpers();
    dropPendingRenderIndex(root, out);
    // Eleventy may still be copying assets into tmp: remove it once this process is done.
    process.once("exit", () => rmSync(tmp, { recursive: true, force: true }));
    console.error(err instanceof Error ? err.message : String(err));
    console.error(`Build failed. ${existsSync(out) ? `${out} was left as it was.` : ""}`);
    return 1;
  }
  const manifestDone = Date.now();
  // Swap in the new output: the old one stays until the new one is complete.
  const old = `${out}.old-${process.pid}`;
  if (existsSync(out)) renameSync(out, old);
  renameSync(tmp, out);
  if (existsSync(old)) discardInBackground(old);
  commitRenderIndex(root, out);
  const m = site.model;
  if (stats) {
    // One JSON line for the benchmark.
    console.log(
      JSON.stringify({
        articles: m.sources.length,
        pages: pageCount(m),
        totalMs: Date.now() - started,
        loadMs: Math.round(site.timings?.total ?? 0),
        readMs: Math.round(site.timings?.read ?? 0),
        convertMs: Math.round(site.timings?.convert ?? 0),
        eleventyMs: eleventyDone - eleventyStarted,
        maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
        cacheHits: site.cache.hits,
        cacheMisses: site.cache.misses,
        reusedPages: lastRenderPlan()?.reused.length ?? 0,
        renderThreads: lastRenderThreads(),
        manifestMs: manifestDone - eleventyDone,
      }),
    );
  }
  const pages = pageCount(m);
  console.log(
    `Built ${m.sources.length} articles as ${pages} pages in ${m.variants.length} scripts into ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s` +
      ` (pages: ${(lastRenderPlan()?.reused.length ?? 0)} unchanged, ${pages - (lastRenderPlan()?.reused.length ?? 0)} rendered${lastRenderThreads() > 1 ? ` on ${lastRenderThreads()} threads` : ""};` +
      ` conversions: ${site.cache.hits} cached, ${site.cache.misses} new${site.problems.length ? `; ${formatSummary(site.problems)}` : ""}).`,
  );
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = parseArgs(process.argv.slice(2));
  const root = resolve(flag(args, "root") ?? process.cwd());
  const out = resolve(flag(args, "out") ?? resolve(root, "_site"));
  // Threads reading and rendering (default: one a core, up to 4, for big sites); 1: the main thread only.
  const threads = flag(args, "threads") ?? (args.flags.threads === true ? "" : undefined);
  if (threads !== undefined && !(/^[1-9][0-9]*$/.test(threads) && Number(threads) <= 32)) {
    console.error(`--threads: "${threads}" is not a number of threads. Give a whole number from 1 to 32 (1: no helper threads).`);
    process.exit(2);
  }
  process.exitCode = await build(root, out, { stats: args.flags.stats === true, threads: threads === undefined ? null : Number(threads) });
}

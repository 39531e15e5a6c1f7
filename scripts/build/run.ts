// One build, as `npm run build` runs it (scripts/cli/build.ts reads the flags): checks all
// content first and reports every problem; builds into a fresh folder; only a complete build
// replaces the output, so a failed one leaves the last good site in place. The output must be
// a folder builds made (or new, or empty), and one build at a time writes it.
import type { ShardSpec } from "../shard/shard.ts";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { formatProblem, formatSummary } from "../content/problems.ts";
import { defaultCacheFile, loadSite } from "../site/load-site.ts";
import { scheduleLine } from "../content/schedule.ts";
import { readCounts } from "../content/articles.ts";
import { helperJob } from "../plugins/news-site.ts";
import { Build, BuildSession, PROJECT } from "./build.ts";
import { eleventyFor } from "./eleventy.ts";
import { RenderHelpers, defaults as threadDefaults } from "../render/render-threads.ts";
import type { SiteModel } from "../model/types.ts";
import { countPages } from "../model/page-kinds.ts";
import { commitRenderIndex, dropPendingRenderIndex, indexFileFor } from "../render/render-plan.ts";
import { makeStamp, settledStamp, stampToken } from "../render/output-trust.ts";
import { USAGE_EXIT } from "../cli/args.ts";
// Output integrity (scripts/integrity/): the manifest of every file written, and cleaning up after killed builds.
import { writeManifest, type ManifestEntry } from "../integrity/manifest.ts";
import { cleanStaleOutputs, discardInBackground, emptyTrash } from "../integrity/stale.ts";
import { checkOutputPath, checkOwnership, checkReplaceable, OutputRefused, recordOwnership } from "../integrity/output-folder.ts";
import { acquireBuildLock, DEFAULT_WAIT_SECONDS, heldMessage } from "../integrity/build-lock.ts";

/** HTML pages a build writes: every page of every kind (model/page-kinds.ts), the root chooser and the search pages too. */
function pageCount(m: SiteModel): number {
  return countPages(m);
}

export interface BuildOptions {
  /** Print one JSON line of figures (for the benchmark). */
  stats: boolean;
  /** Threads reading articles and rendering pages; null: one a core (up to 4), where the site is big enough to gain. */
  threads: number | null;
  /** How long to wait for another build of the same output folder, in ms. */
  waitMs?: number;
  /** Only this shard's pages (scripts/shard/). */
  shard?: ShardSpec;
}

export async function build(root: string, out: string, options: BuildOptions = { stats: false, threads: null }): Promise<number> {
  const started = Date.now();
  let release = () => {};
  try {
    // The output folder is replaced whole: never one that holds the project or the site, nor
    // one the build did not make; and one build at a time.
    checkOutputPath(out, [
      { path: PROJECT, what: "the project" },
      { path: root, what: "the site's root (--root)" },
      { path: process.cwd(), what: "the current folder" },
    ]);
    mkdirSync(dirname(out), { recursive: true });
    release = await acquireBuildLock(out, {
      waitMs: options.waitMs ?? DEFAULT_WAIT_SECONDS * 1000,
      onWait: (holder, file) => console.error(heldMessage(out, holder, file)),
    });
    // Integrity: a killed build's <out>.tmp-<pid> / <out>.old-<pid> (its process gone) are removed,
    // and a moved-aside .old-<pid> is put back if <out> itself is missing.
    cleanStaleOutputs(out);
    emptyTrash(out);
    checkOwnership(out);
    checkReplaceable(out);
    return await buildLocked(root, out, options, started);
  } catch (err) {
    if (!(err instanceof OutputRefused)) throw err;
    console.error(`Build stopped: ${err.message}`);
    return USAGE_EXIT;
  } finally {
    release();
  }
}

async function buildLocked(root: string, out: string, options: BuildOptions, started: number): Promise<number> {
  const stats = options.stats;
  const build = new Build({ root, out, mode: "build", stats, ...(options.shard ? { shard: options.shard } : {}) });
  const tmp = `${out}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const parallelRead = options.threads === null ? "auto" : options.threads > 1 ? "always" : "never";
  let site: NonNullable<Build["site"]>;
  const readBefore = readCounts();
  try {
    site = build.site = await loadSite({ root, includeDrafts: false, cacheFile: defaultCacheFile(root), parallelRead });
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
  const start = () => new RenderHelpers(threads - 1, helperJob(build, tmp), minPages);
  const cold = !existsSync(indexFileFor(root, out)) || !existsSync(out);
  const early = threads > 1 && cold && pageCount(site.model) >= minPages ? start() : null;
  build.threads = { started: early, startFor: threads > 1 && !early ? (n) => (n >= minPages ? start() : null) : null };
  const eleventyStarted = Date.now();
  let eleventyDone = 0;
  let written: ManifestEntry[] = [];
  try {
    await eleventyFor(new BuildSession(build), tmp).write();
    eleventyDone = Date.now();
    // Integrity: <tmp>/manifest.json lists every file written (path, size, SHA-256), for `npm run verify`.
    written = writeManifest(tmp, build.written.files).files;
  } catch (err) {
    build.stopHelpers();
    dropPendingRenderIndex(root, out);
    // Eleventy may still be copying assets into tmp: remove it once this process is done.
    process.once("exit", () => rmSync(tmp, { recursive: true, force: true }));
    console.error(err instanceof Error ? err.message : String(err));
    console.error(`Build failed. ${existsSync(out) ? `${out} was left as it was.` : ""}`);
    return 1;
  }
  const manifestDone = Date.now();
  // Swap in the new output: the old one stays until the new one is complete. Both are the
  // build's own while swapping (a build killed between the renames leaves either in place).
  const old = `${out}.old-${process.pid}`;
  const had = existsSync(out);
  recordOwnership(out, had ? [out, tmp] : [tmp]);
  try {
    if (had) renameSync(out, old);
    renameSync(tmp, out);
  } catch (err) {
    if (!existsSync(out) && existsSync(old)) renameSync(old, out);
    process.once("exit", () => rmSync(tmp, { recursive: true, force: true }));
    console.error(`Build failed: the new output could not replace ${out} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). ${out} was left as it was.`);
    return 1;
  }
  recordOwnership(out, [out]);
  // The next build may trust a file of this output by its stat once the old output, which
  // shares the unchanged files, is deleted (render/output-trust.ts).
  const stamp = stampToken();
  const oldOutputDeleting = existsSync(old);
  makeStamp(out, stamp, !oldOutputDeleting);
  if (oldOutputDeleting) discardInBackground(old, settledStamp(out, stamp));
  commitRenderIndex(root, out, written, { startedAt: started, stamp, ...(build.plan ? { trusted: build.plan.checked.trusted } : {}) });
  const m = site.model;
  // Article files read now, and taken over unchanged (content/read/read-index.ts).
  const readAfter = readCounts();
  const filesRead = { parsed: readAfter.parsed - readBefore.parsed, reused: readAfter.reused - readBefore.reused };
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
        reusedPages: build.plan?.reused.length ?? 0,
        renderThreads: build.threadsUsed,
        manifestMs: manifestDone - eleventyDone,
        photoFilesEncoded: site.media?.encoded ?? 0,
        photoFilesCached: site.media?.cached ?? 0,
        encodeMs: Math.round(site.media?.encodeMs ?? 0),
        articleFilesRead: filesRead.parsed,
        articleFilesReused: filesRead.reused,
        // Files of the last output checked before being taken over (render/output-trust.ts).
        outputFilesTrustedByStat: build.plan?.checked.byStat ?? 0,
        outputFilesHashed: build.plan?.checked.byHash ?? 0,
      }),
    );
  }
  const pages = pageCount(m);
  const reused = build.plan?.reused.length ?? 0;
  // A shard renders only its part (scripts/shard/).
  const otherShards = build.plan?.otherShards ?? 0;
  const parts = [
    `pages: ${reused} unchanged, ${pages - reused - otherShards} rendered${build.threadsUsed > 1 ? ` on ${build.threadsUsed} threads` : ""}${options.shard ? `, ${otherShards} left to the other shards of ${options.shard.count}` : ""}`,
    `conversions: ${site.cache.hits} cached, ${site.cache.misses} new`,
  ];
  // Each size and format of each photo is a file (media/variants.ts).
  const media = site.media;
  if (media?.photos) parts.push(`photo files: ${media.cached} cached, ${media.encoded} encoded${media.encoded ? ` in ${(media.encodeMs / 1000).toFixed(1)} s` : ""}`);
  parts.push(`article files: ${filesRead.reused} unchanged, ${filesRead.parsed} read`);
  if (site.problems.length) parts.push(formatSummary(site.problems));
  console.log(`Built ${m.sources.length} articles as ${pages} pages in ${m.variants.length} scripts into ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s (${parts.join("; ")}).`);
  // Articles dated after now (content/schedule.ts): how many, and when to build again.
  const scheduled = site.schedule && scheduleLine(site.schedule, m.site.timeZone, false);
  if (scheduled) console.log(scheduled);
  return 0;
}

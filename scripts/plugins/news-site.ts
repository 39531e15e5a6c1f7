// Eleventy plugin: the site model as global data `news`, and the article photos it needs
// copied into the output. The model comes from the same loader as `npm run check`.
import { copyFileSync, mkdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { ContentError, formatProblem } from "../content/problems.ts";
import { scheduleLine } from "../content/schedule.ts";
import { defaultCacheFile, loadSite } from "../site/load-site.ts";
import { asTemplateData } from "../site/template-data.ts";
import type { EleventyConfig } from "./eleventy-config.ts";
import { isDirectory, keyPages, outputFile, planRendering, takeReusedPages, writeRenderIndex, type RenderPlan } from "../render/render-plan.ts";
import { sizeOf } from "../render/output-trust.ts";
import { templatesWrittenOnce } from "../render/render-share.ts";
import { writtenRow, type WrittenRow } from "../integrity/written-files.ts";
import { onPageWritten } from "./written-pages.ts";
import type { Build, BuildSession } from "../build/build.ts";
import { checkEveryPageWrittenOnce, pageCount } from "../render/render-threads.ts";
import type { HelperJob } from "../render/render-worker.ts";

export interface Options {
  /** The builds this Eleventy works for (scripts/build/build.ts). */
  session: BuildSession;
}

/** What a render helper needs to start its own Eleventy on this project. */
export function helperJob(build: Build, output: string): HelperJob {
  return { settings: build.settings, output };
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

/** The [path, size, sha256] rows of what this Eleventy writes in each build, hashed as it writes. */
function pagesWrittenBy(eleventyConfig: EleventyConfig): () => WrittenRow[] {
  let rows: WrittenRow[] = [];
  eleventyConfig.on("eleventy.before", () => {
    rows = [];
  });
  onPageWritten(eleventyConfig, (path, content) => {
    if (!path.startsWith("/..")) rows.push(writtenRow(path, typeof content === "string" ? Buffer.from(content, "utf8") : content));
  });
  return () => rows;
}

export default function newsSite(eleventyConfig: EleventyConfig, options: Options): void {
  const { session } = options;
  const pagesWritten = pagesWrittenBy(eleventyConfig);
  if (session.current.mode === "render-helper") {
    // A render helper renders only the pages it is dealt; what is written once is the main thread's.
    const build = session.current;
    for (const file of templatesWrittenOnce(join(build.settings.project, "content", "_generate"))) eleventyConfig.ignores.add(relative(process.cwd(), file));
    eleventyConfig.addGlobalData("news", async () => {
      if (!build.share) throw new Error("A render helper's build was started without its share of pages.");
      return asTemplateData(await build.share);
    });
    eleventyConfig.on("eleventy.after", () => build.written.vouchFor(pagesWritten()));
    return;
  }
  // What this thread renders of the current build's plan (the rest is dealt to helpers).
  let mine: RenderPlan["render"] | null = null;
  const first = session.current;
  eleventyConfig.addWatchTarget(join(first.root, "content"));
  // A saved file is rebuilt once its size has held for 50 ms (Eleventy waits 150 ms: a third
  // of the time from save to page at 2,000 articles); postcss-cli and Tailwind wait 50 ms too.
  eleventyConfig.setChokidarConfig({ awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 10 } });
  eleventyConfig.on("eleventy.before", () => {
    mine = null;
  });

  eleventyConfig.addGlobalData("news", async () => {
    const build = session.current;
    if (!build.site) {
      // The dev server: the build command loads and checks the site before Eleventy starts.
      build.site = await loadSite({
        root: build.root,
        includeDrafts: build.includeDrafts,
        cacheFile: defaultCacheFile(build.root),
        saveLater: build.mode === "serve",
        // The last rebuild's pages, handed on where their inputs did not change (model/memo.ts).
        previous: build.previous?.site?.memory ?? null,
      });
      // Warnings of a site loaded here (the dev server); the build command prints its own.
      if (build.site.model && !build.site.problems.some((p) => p.severity === "error")) for (const w of build.site.problems) console.warn(formatProblem(w));
      // Articles dated after now, shown marked (content/schedule.ts).
      const scheduled = build.site.model && build.site.schedule && scheduleLine(build.site.schedule, build.site.model.site.timeZone, build.includeDrafts);
      if (scheduled) console.warn(scheduled);
    }
    const site = build.site;
    const errors = site.problems.filter((p) => p.severity === "error");
    if (errors.length > 0 || !site.model) throw new ContentError(site.problems);
    if (!build.plan) {
      const plan = (build.plan = planRendering(site.model, {
        project: build.settings.project,
        root: build.root,
        out: build.out,
        previousOut: isDirectory(build.out) ? build.out : null,
        inPlace: build.mode === "serve",
        ...(build.settings.shard ? { shard: build.settings.shard } : {}),
      }));
      build.modelReady(site.model, plan);
      // The build command may have started render helpers (render/render-threads.ts); the dev
      // server renders a few pages an edit, on this thread.
      build.helpers ??= build.threads?.started ?? build.threads?.startFor?.(pageCount(plan.render)) ?? null;
      mine = build.helpers ? build.helpers.deal(site.model, plan.render, plan.keysLater ? plan.shared : undefined) : plan.render;
      build.threadsUsed = build.helpers?.threadsUsed ?? 1;
    }
    // Generator templates paginate over `render`; everything else (feeds, sitemaps) sees all pages.
    return asTemplateData({ ...site.model, render: mine ?? build.plan.render });
  });

  eleventyConfig.on("eleventy.after", async ({ directories }) => {
    const build = session.current;
    const model = build.site?.model;
    const plan = build.plan;
    if (!model) return;
    // The pages written or taken over, with their hashes: the manifest need not read them back.
    const written = pagesWritten();
    build.written.vouchFor(written);
    let theirKeys: [string, string][] = [];
    if (build.helpers) {
      try {
        const theirs = await build.helpers.finished();
        // Each Eleventy sees only its own pages' addresses: a clash across threads is checked here.
        if (plan) checkEveryPageWrittenOnce(plan.render, written, theirs.written);
        build.written.vouchFor(theirs.written);
        theirKeys = theirs.keys;
      } finally {
        build.stopHelpers();
      }
    }
    for (const [to, from] of model.copies) copyIfChanged(from, join(directories.output, to));
    if (plan) {
      takeReusedPages(plan, directories.output);
      // The dev server renders in place: pages of articles deleted (or renamed) since go.
      const inPlace = resolve(directories.output) === resolve(build.out);
      if (inPlace) for (const url of plan.gone) rmSync(join(directories.output, outputFile(url)), { force: true });
      for (const url of plan.reused) {
        const path = outputFile(url);
        const sha256 = plan.previousHashes.get(path);
        // Linked from a file checked against the last manifest: its size is read from disk,
        // unless its stat was checked (render/output-trust.ts).
        const identity = plan.checked.trusted.get(path);
        if (sha256) build.written.vouchFor([[path, identity ? sizeOf(identity) : -1, sha256]]);
      }
      // Keys made after rendering (a first build): this thread's pages', and the helpers'.
      if (plan.keysLater) for (const [url, key] of [...keyPages(mine ?? plan.render, plan.shared), ...theirKeys]) plan.index[url] = key;
      // Into a fresh folder: the index waits until the build command swaps the folder in.
      writeRenderIndex(plan, !inPlace);
    }
  });
}

// Eleventy plugin: the site model as global data `news`, and the article photos it needs
// copied into the output. The model comes from the same loader as `npm run check`.
import { copyFileSync, mkdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ContentError, formatProblem } from "../content/problems.ts";
import { defaultCacheFile, loadSite, type LoadedSite } from "../site/load-site.ts";
import type { SiteModel } from "../site/model.ts";
import { asTemplateData } from "../site/template-data.ts";
import type { EleventyConfig } from "./eleventy-config.ts";
import { isDirectory, planRendering, takeReusedPages, writeRenderIndex, type RenderPlan } from "../render/render-plan.ts";

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
let preloaded: LoadedSite | null = null;
export function usePreloadedSite(site: LoadedSite): void {
  preloaded = site;
}

// Plugins that start work from the model as soon as it exists (the search index, in a worker).
type ModelListener = (model: SiteModel, plan: RenderPlan) => void;
const modelListeners: ModelListener[] = [];
export function onSiteModel(listener: ModelListener): void {
  modelListeners.push(listener);
}

// The last build's render plan, for the build command's summary.
let lastPlan: RenderPlan | null = null;
export function lastRenderPlan(): RenderPlan | null {
  return lastPlan;
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
  let current: LoadedSite | null = null;
  let plan: RenderPlan | null = null;
  // The build command renders into a fresh folder and names the final one; the dev server
  // renders into _site itself.
  const finalOut = () => process.env.NEWSROOM_OUT ?? resolve("_site");

  eleventyConfig.addWatchTarget(join(options.root, "content"));
  eleventyConfig.on("eleventy.before", () => {
    current = preloaded;
    preloaded = null;
    plan = null;
  });

  eleventyConfig.addGlobalData("news", async () => {
    current ??= await loadSite({
      root: options.root,
      includeDrafts: options.includeDrafts,
      cacheFile: defaultCacheFile(options.root),
      saveLater: process.env.ELEVENTY_RUN_MODE === "serve",
    });
    const errors = current.problems.filter((p) => p.severity === "error");
    if (errors.length > 0 || !current.model) throw new ContentError(current.problems);
    for (const w of current.problems) console.warn(formatProblem(w));
    const out = finalOut();
    if (!plan) {
      plan = lastPlan = planRendering(current.model, { project: PROJECT, root: options.root, out, previousOut: isDirectory(out) ? out : null });
      for (const listener of modelListeners) listener(current.model, plan);
    }
    // Generator templates paginate over `render`; everything else (feeds, sitemaps) sees all pages.
    return asTemplateData({ ...current.model, render: plan.render });
  });

  eleventyConfig.on("eleventy.after", ({ directories }) => {
    const model = current?.model;
    if (!model) return;
    for (const [from, to] of model.copies) copyIfChanged(from, join(directories.output, to));
    if (plan) {
      takeReusedPages(plan, directories.output);
      // Into a fresh folder: the index waits until the build command swaps the folder in.
      writeRenderIndex(plan, resolve(directories.output) !== finalOut());
    }
  });
}

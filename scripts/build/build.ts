// One build, as an object: what it builds (settings), what it found (the site and its
// model), what it decided (the render plan), who renders (threads), what it wrote, and who
// waits for the model (events). The build command makes one; the dev server makes one per
// rebuild, from the last; each render helper thread makes its own. Plugins receive the
// session that holds the current build as their options (build/eleventy.ts), so nothing is
// passed through module globals or the environment, and two builds can run in one process.
import type { ShardSpec } from "../shard/shard.ts";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { LoadedSite } from "../site/load-site.ts";
import type { SiteModel } from "../model/types.ts";
import type { RenderPlan } from "../render/render-plan.ts";
import type { RenderHelpers } from "../render/render-threads.ts";
import { WrittenFiles } from "../integrity/written-files.ts";
import type { ShareModel } from "../render/render-share.ts";

/** The project: layouts/, content/_generate/, assets/ and this code. */
export const PROJECT = resolve(fileURLToPath(import.meta.url), "../../..");

/**
 * build: `npm run build`, into a fresh folder swapped in at the end.
 * serve: `npm start`, drafts shown, rendering in place into the dev server's own folder.
 * render-helper: a helper thread's Eleventy, rendering only the pages it is dealt.
 */
export type RunMode = "build" | "serve" | "render-helper";

export interface BuildSettings {
  /** The site: content/, assets/, .cache/ of the articles built. */
  root: string;
  /** The output folder readers get (the build command swaps its fresh folder in there). */
  out: string;
  mode: RunMode;
  /** The project whose layouts and templates render the site. */
  project: string;
  /** Print figures for the benchmark (search index size and time). */
  stats: boolean;
  /** Render only this shard's pages (npm run build -- --shard k/n; scripts/shard/). */
  shard?: ShardSpec;
}

/** Listeners that start work as soon as the model and plan exist (the search index, in a worker). */
export type ModelListener = (model: SiteModel, plan: RenderPlan) => void;

/** How to render on several threads: helpers already started, or how to start them once the plan is known. */
export interface RenderThreads {
  started: RenderHelpers | null;
  startFor: ((pagesToRender: number) => RenderHelpers | null) | null;
}

export class Build {
  readonly settings: BuildSettings;
  /** The build before this one in the same process (the dev server), for what it can hand on.
   * Only one step back: a build forgets its own previous one when the next starts, so the
   * dev server holds two models at most, however long it runs. */
  previous: Build | null;
  /** The site as read and checked: by the build command before Eleventy starts, else by the news-site plugin. */
  site: LoadedSite | null = null;
  plan: RenderPlan | null = null;
  /** How pages are shared among threads; null: one thread. */
  threads: RenderThreads | null = null;
  /** Helper threads rendering now; stopped when the build ends or fails. */
  helpers: RenderHelpers | null = null;
  /** Threads that rendered this build, the main one included. */
  threadsUsed = 1;
  /** A render helper's build: the pages it was dealt (they arrive while its Eleventy starts). */
  share: Promise<ShareModel> | null = null;
  /** Hashes of files the build wrote itself, for the manifest. */
  readonly written = new WrittenFiles();
  private readonly listeners: ModelListener[] = [];

  constructor(settings: Partial<BuildSettings> & Pick<BuildSettings, "root" | "out" | "mode">, previous: Build | null = null) {
    this.settings = { project: PROJECT, stats: false, ...settings };
    this.previous = previous;
  }

  get root(): string {
    return this.settings.root;
  }
  get out(): string {
    return this.settings.out;
  }
  get mode(): RunMode {
    return this.settings.mode;
  }
  /** Drafts are shown by the dev server only. */
  get includeDrafts(): boolean {
    return this.settings.mode === "serve";
  }

  /** The next build of the same site and output (the dev server, after a save). */
  next(): Build {
    this.previous = null;
    return new Build(this.settings, this);
  }

  onModel(listener: ModelListener): void {
    this.listeners.push(listener);
  }

  /** The model and plan exist: listeners start their work. */
  modelReady(model: SiteModel, plan: RenderPlan): void {
    for (const listener of this.listeners) listener(model, plan);
  }

  stopHelpers(): void {
    this.helpers?.stop();
    this.helpers = null;
  }
}

/**
 * The build an Eleventy works for now. The build command's session holds one build; the
 * dev server's moves to the next on every rebuild (before Eleventy's `eleventy.before`).
 */
export class BuildSession {
  private build: Build;
  private readonly moves: ((build: Build) => void)[] = [];

  constructor(first: Build) {
    this.build = first;
  }

  get current(): Build {
    return this.build;
  }

  /** A new build from the last one: listeners hear of it (plugins that start work from the model). */
  advance(): Build {
    this.build = this.build.next();
    for (const fn of this.moves) fn(this.build);
    return this.build;
  }

  /** Calls `fn` with this build and every later one. */
  eachBuild(fn: (build: Build) => void): void {
    this.moves.push(fn);
    fn(this.build);
  }
}

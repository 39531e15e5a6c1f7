// A big build renders its pages on several threads. Each helper thread runs an Eleventy of
// its own over a share of the pages, into the same output folder; the main thread renders
// its share and everything written once (feeds, sitemaps, search, assets, photos).
// Plugins ask this module which part their Eleventy plays.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isMainThread, workerData } from "node:worker_threads";
import type { SiteModel } from "../site/model.ts";
import type { RenderSubset } from "./render-plan.ts";
import type { WrittenRow } from "../integrity/written-files.ts";

/** What a helper's page templates see as `news`: the pages it renders and what every page shows. */
export type ShareModel = Pick<SiteModel, "site" | "variants" | "security" | "root"> & {
  render: RenderSubset;
  /** Set when the helper also makes its pages' render keys (render-plan.ts: keysLater). */
  keyWith?: string;
};

/** The workerData a render helper is started with. */
export interface HelperData {
  renderHelper: true;
}

/** Whether this thread is a render helper (its Eleventy renders only the pages it is given). */
export function isRenderHelper(): boolean {
  return !isMainThread && (workerData as Partial<HelperData> | null)?.renderHelper === true;
}

let share: Promise<ShareModel> | null = null;
let written: WrittenRow[] = [];

/** What the helper's Eleventy wrote ([path, size, sha256]), for the main thread's manifest. */
export function reportWritten(rows: WrittenRow[]): void {
  written = rows;
}

export function writtenByHelper(): WrittenRow[] {
  return written;
}

/** The helper's share: it arrives while its Eleventy is starting up. */
export function provideShare(model: Promise<ShareModel>): void {
  share = model;
}

export function helperShare(): Promise<ShareModel> {
  if (!share) throw new Error("This thread is not a render helper.");
  return share;
}

/** Generator templates that are not paginated over the pages to render (feeds, sitemaps, …).
 * Read from the front matter; a template misread either way is caught after rendering
 * (render-threads.ts: a page not written, or written by two threads). */
export function templatesWrittenOnce(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".njk"))
    .map((f) => join(dir, f))
    .filter((f) => !/\bdata:\s*["']?news\.render\./.test(readFileSync(f, "utf8")));
}

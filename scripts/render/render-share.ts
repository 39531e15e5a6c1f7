// A big build renders its pages on several threads. Each helper thread runs an Eleventy of
// its own over a share of the pages, into the same output folder; the main thread renders
// its share and everything written once (feeds, sitemaps, search, assets, photos).
// A helper's build (build/build.ts, mode "render-helper") holds the share it was dealt.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SiteModel } from "../model/types.ts";
import type { RenderSubset } from "./render-plan.ts";

/** What a helper's page templates see as `news`: the pages it renders and what every page shows. */
export type ShareModel = Pick<SiteModel, "site" | "variants" | "security" | "root"> & {
  render: RenderSubset;
  /** Set when the helper also makes its pages' render keys (render-plan.ts: keysLater). */
  keyWith?: string;
};

/** Generator templates that are not paginated over the pages to render (feeds, sitemaps, …).
 * Read from the front matter; a template misread either way is caught after rendering
 * (render-threads.ts: a page not written, or written by two threads). */
export function templatesWrittenOnce(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".njk"))
    .map((f) => join(dir, f))
    .filter((f) => !/\bdata:\s*["']?news\.render\./.test(readFileSync(f, "utf8")));
}

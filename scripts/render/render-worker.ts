// Render helper thread: starts its own Eleventy at once (loading the configuration and the
// templates while the main thread is still planning), then renders the share of pages the
// main thread sends. See render-share.ts.
import type { Handler } from "../workers/pool.ts";
import { Build, BuildSession, type BuildSettings } from "../build/build.ts";
import { eleventyFor } from "../build/eleventy.ts";
import type { ShareModel } from "./render-share.ts";
import { keyPages } from "./render-plan.ts";
import type { WrittenRow } from "../integrity/written-files.ts";

/** Where a helper renders: the main thread's build (its site, output and project), into `output` (the fresh folder). */
export interface HelperJob {
  settings: BuildSettings;
  output: string;
}


/** What a helper wrote ([path, size, sha256]) and, in a first build, its pages' render keys. */
export interface HelperResult {
  written: WrittenRow[];
  keys: [url: string, key: string][];
}

/** The render helper's job: its Eleventy starts at once; the share it renders comes in its
 * inbox once the main thread has planned. */
const renderShare: Handler<HelperJob, HelperResult, ShareModel> = async (job, inbox) => {
  // The helper's own build renders only what it is dealt, with its own Eleventy.
  const build = new Build({ ...job.settings, mode: "render-helper" });
  // Set in a callback: declared so that the type checker does not take it for always null.
  let share = null as ShareModel | null;
  build.share = inbox.next().then((model) => (share = model));
  await eleventyFor(new BuildSession(build), job.output).write();
  const keys = share?.keyWith ? keyPages(share.render, share.keyWith) : [];
  const written = [...build.written.files].map(([path, f]): WrittenRow => [path, f.size, f.sha256]);
  return { written, keys };
};

export default renderShare;

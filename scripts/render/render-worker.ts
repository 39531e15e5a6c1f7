// Render helper thread: starts its own Eleventy at once (loading the configuration and the
// templates while the main thread is still planning), then renders the share of pages the
// main thread sends. See render-share.ts.
import { parentPort } from "node:worker_threads";
import { Build, BuildSession, type BuildSettings } from "../build/build.ts";
import { eleventyFor } from "../build/eleventy.ts";
import { provideShare, writtenByHelper, type ShareModel } from "./render-share.ts";
import { keyPages } from "./render-plan.ts";
import type { WrittenRow } from "../integrity/written-files.ts";

/** Where a helper renders: the main thread's build (its site, output and project), into `output` (the fresh folder). */
export interface HelperJob {
  settings: BuildSettings;
  output: string;
}

/** The helper's own Eleventy, working for a build of its own that renders only what it is dealt. */
function helperEleventy(job: HelperJob) {
  return eleventyFor(new BuildSession(new Build({ ...job.settings, mode: "render-helper" })), job.output);
}

/** What a helper wrote ([path, size, sha256]) and, in a first build, its pages' render keys. */
export interface HelperResult {
  written: WrittenRow[];
  keys: [url: string, key: string][];
}

export type HelperMessage = ({ done: true } & HelperResult) | { error: string };

const port = parentPort!;
// First message: where to render. Second: the share (the model is not ready when helpers start).
port.once("message", (job: HelperJob) => {
  let share: ShareModel | null = null;
  provideShare(
    new Promise<ShareModel>((resolve) =>
      port.once("message", (model: ShareModel) => {
        share = model;
        resolve(model);
      }),
    ),
  );
  const eleventy = helperEleventy(job);
  eleventy.write().then(
    () => {
      const keys = share?.keyWith ? keyPages(share.render, share.keyWith) : [];
      port.postMessage({ done: true, written: writtenByHelper(), keys } satisfies HelperMessage);
    },
    (err: unknown) => port.postMessage({ error: err instanceof Error ? err.message : String(err) } satisfies HelperMessage),
  );
});

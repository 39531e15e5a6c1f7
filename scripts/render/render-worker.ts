// Render helper thread: starts its own Eleventy at once (loading the configuration and the
// templates while the main thread is still planning), then renders the share of pages the
// main thread sends. See render-share.ts.
import { parentPort } from "node:worker_threads";
import Eleventy from "@11ty/eleventy";
import { provideShare, writtenByHelper, type ShareModel } from "./render-share.ts";
import { keyPages } from "./render-plan.ts";
import type { WrittenRow } from "../integrity/written-files.ts";

/** Where a helper renders. (Its environment, NEWSROOM_ROOT and NEWSROOM_OUT among it, is the
 * main thread's when it was started: a worker starts with a copy of it.) */
export interface HelperJob {
  input: string;
  output: string;
  configPath: string;
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
  const eleventy = new Eleventy(job.input, job.output, { configPath: job.configPath, quietMode: true });
  eleventy.write().then(
    () => {
      const keys = share?.keyWith ? keyPages(share.render, share.keyWith) : [];
      port.postMessage({ done: true, written: writtenByHelper(), keys } satisfies HelperMessage);
    },
    (err: unknown) => port.postMessage({ error: err instanceof Error ? err.message : String(err) } satisfies HelperMessage),
  );
});

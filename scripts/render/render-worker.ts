// Render helper thread: starts its own Eleventy at once (loading the configuration and the
// templates while the main thread is still planning), then renders the share of pages the
// main thread sends. See render-share.ts.
import { parentPort } from "node:worker_threads";
import Eleventy from "@11ty/eleventy";
import { provideShare, writtenByHelper, type ShareModel } from "./render-share.ts";
import { keyPages } from "./render-plan.ts";

export interface HelperJob {
  input: string;
  output: string;
  configPath: string;
  env: Record<string, string>;
}

export type HelperMessage = { done: true; pages: number; written: [string, number, string][]; keys: [string, string][] } | { error: string };

const port = parentPort!;
// First message: where to render. Second: the share (the model is not ready when helpers start).
port.once("message", (job: HelperJob) => {
  Object.assign(process.env, job.env);
  let pages = 0;
  let share: ShareModel | null = null;
  provideShare(
    new Promise<ShareModel>((resolve) =>
      port.once("message", (model: ShareModel) => {
        pages = Object.values(model.render).reduce((n, list) => n + list.length, 0);
        share = model;
        resolve(model);
      }),
    ),
  );
  const eleventy = new Eleventy(job.input, job.output, { configPath: job.configPath, quietMode: true });
  eleventy.write().then(
    () => {
      const keys = share?.keyWith ? keyPages(share.render, share.keyWith) : [];
      port.postMessage({ done: true, pages, written: writtenByHelper(), keys } satisfies HelperMessage);
    },
    (err: unknown) => port.postMessage({ error: err instanceof Error ? err.message : String(err) } satisfies HelperMessage),
  );
});

// The worker side of pool.ts: loads a job's module, runs its handler on the one job the main
// thread sends, and answers with the result or the error. Worker modules hold no messaging.
import { parentPort } from "node:worker_threads";
import { sendable, type AnyHandler, type FromWorker, type Inbox, type ToWorker } from "./protocol.ts";

export async function serveJob(moduleHref: string): Promise<void> {
  const port = parentPort!;
  const answer = (msg: FromWorker) => port.postMessage(msg);
  let handler: AnyHandler;
  try {
    handler = ((await import(moduleHref)) as { default?: unknown }).default as AnyHandler;
    if (typeof handler !== "function") throw new TypeError(`${moduleHref} has no default export to run jobs with.`);
  } catch (err) {
    answer({ kind: "failed", phase: "load", error: sendable(err) });
    return;
  }

  // Follow-ups wait here until the handler asks for them.
  const queued: unknown[] = [];
  const waiting: ((message: unknown) => void)[] = [];
  const inbox: Inbox<unknown> = {
    next() {
      if (queued.length > 0) return Promise.resolve(queued.shift());
      // Waiting for the main thread: this is what keeps the worker alive.
      port.ref();
      return new Promise((resolve) => waiting.push(resolve));
    },
  };

  let started = false;
  port.on("message", (msg: ToWorker) => {
    if (msg.kind === "follow-up") {
      const resolve = waiting.shift();
      if (resolve) resolve(msg.message);
      else queued.push(msg.message);
      if (waiting.length === 0) port.unref();
      return;
    }
    if (started) return;
    started = true;
    // The port no longer keeps the worker alive: a handler that waits for what can never come
    // lets the thread end, and the pool reports that it ended without answering.
    port.unref();
    void run(msg.job);
  });

  async function run(job: unknown): Promise<void> {
    try {
      const result = await (handler as (job: unknown, inbox: Inbox<unknown>) => unknown)(job, inbox);
      answer({ kind: "done", result });
    } catch (err) {
      answer({ kind: "failed", phase: "job", error: sendable(err) });
    }
  }
}

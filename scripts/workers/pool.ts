// Runs jobs in worker threads: one job a worker, a typed result each, or one error. A worker
// module only exports its handler (protocol.ts: Handler); the messaging is serve-job.ts's and
// this module's. However a worker fails (its handler throws, its module cannot load, an
// uncaught error, an exit, no answer in time, a message that cannot be sent), the group
// rejects with one WorkerFailed naming the job and the worker, and stops its other workers:
// no thread outlives its group.
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Worker } from "node:worker_threads";
import { startTsWorker } from "./ts-worker.ts";
import { received, type AnyHandler, type FollowUpOf, type FromWorker, type JobOf, type ResultOf, type ToWorker } from "./protocol.ts";

export type { Handler, Inbox } from "./protocol.ts";

const PROJECT = fileURLToPath(new URL("../..", import.meta.url));
const SERVE_JOB = new URL("./serve-job.ts", import.meta.url);

/** A worker module and the name of its job in messages ("Converting", "Search index"). The
 * handler's type is taken from the module by a type-only import, so the main thread does
 * not load the module: `workerModule<typeof convert>("Converting", new URL(…))`. */
export interface WorkerModule<H extends AnyHandler> {
  readonly job: string;
  readonly url: URL;
  /** Only carries the handler's type. */
  readonly handler?: H;
}

export function workerModule<H extends AnyHandler>(job: string, url: URL): WorkerModule<H> {
  return { job, url };
}

export interface StartOptions {
  /** The workers' workerData (a render helper is told it is one). */
  workerData?: unknown;
  /** Discard what the workers print on standard output. */
  quiet?: boolean;
  /** A worker that has not answered this many milliseconds after the last message sent to
   * it has failed. None by default: the jobs' durations grow with the site. */
  timeoutMs?: number;
}

export type FailureReason = "unsent" | "threw" | "load" | "crashed" | "exited" | "timeout" | "stopped";

/** A worker that did not answer with a result. `cause` is the worker's error, with its stack. */
export class WorkerFailed extends Error {
  override readonly name = "WorkerFailed";
  constructor(
    /** The job's name, as in workerModule(). */
    readonly job: string,
    /** Which worker of the group, counted from 1 as in the message. */
    readonly worker: number,
    readonly workers: number,
    readonly reason: FailureReason,
    detail: { cause?: Error; exitCode?: number; timeoutMs?: number; module?: string },
  ) {
    super(`${job}: worker ${worker} of ${workers} ${WorkerFailed.what(reason, detail)}`, detail.cause ? { cause: detail.cause } : undefined);
    this.exitCode = detail.exitCode;
    // The main thread's frames say nothing when the worker's are known.
    const stack = this.stack ?? "";
    const frames = stack.includes("\n    at ") ? stack.slice(stack.indexOf("\n    at ") + 1) : "";
    this.stack = `${this.name}: ${this.message}\n${detail.cause?.stack ? `  in the worker: ${detail.cause.stack}` : frames}`;
  }

  readonly exitCode: number | undefined;

  private static what(reason: FailureReason, d: { cause?: Error; exitCode?: number; timeoutMs?: number; module?: string }): string {
    const because = d.cause ? `${d.cause.name === "Error" ? "" : `${d.cause.name}: `}${d.cause.message}` : "";
    switch (reason) {
      case "unsent":
        return `could not be sent its message: ${because}`;
      case "threw":
        return `failed: ${because}`;
      case "load":
        return `could not load ${d.module}: ${because}`;
      case "crashed":
        return `crashed: ${because}`;
      case "exited":
        return `exited with code ${d.exitCode} before answering`;
      case "timeout":
        return `gave no answer in ${(d.timeoutMs ?? 0) / 1000} s`;
      case "stopped":
        return "was stopped before answering";
    }
  }
}

/** Workers started for one job each: `results` in the jobs' order. */
export interface WorkerGroup<H extends AnyHandler> {
  /** Every result, once all workers answered; or the first WorkerFailed. Never an unhandled rejection. */
  readonly results: Promise<ResultOf<H>[]>;
  /** A follow-up message to worker `index` (from 0), read from the handler's inbox. */
  send(index: number, message: FollowUpOf<H>): void;
  /** Stops every worker; results not yet in reject with reason "stopped". */
  stop(): Promise<void>;
}

export function startWorkers<H extends AnyHandler>(module: WorkerModule<H>, jobs: readonly JobOf<H>[], options: StartOptions = {}): WorkerGroup<H> {
  const count = jobs.length;
  const moduleName = relative(PROJECT, fileURLToPath(module.url));
  const out = new Array<ResultOf<H>>(count);
  const answered = new Array<boolean>(count).fill(false);
  const timers = new Array<NodeJS.Timeout | undefined>(count);
  let left = count;
  let over = false;
  let resolveAll!: (results: ResultOf<H>[]) => void;
  let rejectAll!: (err: WorkerFailed) => void;
  const results = new Promise<ResultOf<H>[]>((resolve, reject) => {
    resolveAll = resolve;
    rejectAll = reject;
  });
  // Whoever awaits results sees the failure; nobody awaiting is no crash.
  results.catch(() => undefined);

  const workers: Worker[] = jobs.map((_, i) => {
    const worker = startTsWorker(SERVE_JOB, { workerData: options.workerData, stdout: options.quiet === true }, { name: "serveJob", args: [module.url.href] });
    if (options.quiet) worker.stdout.resume();
    worker.on("message", (msg: FromWorker) => {
      if (msg.kind === "done") succeed(i, msg.result as ResultOf<H>);
      else fail(i, msg.phase === "load" ? "load" : "threw", { cause: received(msg.error) });
    });
    worker.on("error", (err) => fail(i, "crashed", { cause: err }));
    worker.on("messageerror", (err) => fail(i, "crashed", { cause: err }));
    worker.on("exit", (exitCode) => fail(i, "exited", { exitCode }));
    return worker;
  });

  const terminate = (i: number) => {
    clearTimeout(timers[i]);
    return workers[i].terminate().then(
      () => undefined,
      () => undefined,
    );
  };
  const watch = (i: number) => {
    if (options.timeoutMs === undefined) return;
    clearTimeout(timers[i]);
    timers[i] = setTimeout(() => fail(i, "timeout", { timeoutMs: options.timeoutMs }), options.timeoutMs);
  };
  function succeed(i: number, result: ResultOf<H>): void {
    if (over || answered[i]) return;
    answered[i] = true;
    out[i] = result;
    void terminate(i);
    if (--left === 0) {
      over = true;
      resolveAll(out);
    }
  }
  function fail(i: number, reason: FailureReason, detail: ConstructorParameters<typeof WorkerFailed>[4]): Promise<void> {
    // An answered worker's exit, or the others' exits once the group has failed, say nothing new.
    if (over || answered[i]) return Promise.resolve();
    over = true;
    rejectAll(new WorkerFailed(module.job, i + 1, count, reason, { ...detail, module: moduleName }));
    return Promise.all(workers.map((_, k) => terminate(k))).then(() => undefined);
  }

  const send = (i: number, msg: ToWorker) => {
    try {
      workers[i].postMessage(msg);
    } catch (err) {
      // Data that cannot be cloned (a function, a luxon date): the group fails like any other way.
      void fail(i, "unsent", { cause: err instanceof Error ? err : new Error(String(err)) });
      return;
    }
    watch(i);
  };
  jobs.forEach((job, i) => over || send(i, { kind: "job", job }));
  if (count === 0) resolveAll([]);

  return {
    results,
    send: (index, message) => {
      if (!over && !answered[index]) send(index, { kind: "follow-up", message });
    },
    stop: () => {
      const waiting = answered.findIndex((a) => !a);
      if (over || waiting < 0) return Promise.all(workers.map((_, k) => terminate(k))).then(() => undefined);
      return fail(waiting, "stopped", {});
    },
  };
}

/** One job in one worker. */
export async function runInWorker<H extends AnyHandler>(module: WorkerModule<H>, job: JobOf<H>, options: StartOptions = {}): Promise<ResultOf<H>> {
  const [result] = await startWorkers(module, [job], options).results;
  return result;
}

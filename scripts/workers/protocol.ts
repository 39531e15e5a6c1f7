// The messages between a worker pool (pool.ts) and the worker side (serve-jobs.ts), and
// errors as they cross threads. Every job uses these: each worker module only exports a
// handler, and the messaging is here once.

/** A worker module's default export: one job in, one result out. `inbox` holds the
 * follow-up messages the main thread sends while the job runs (a render helper's share). */
export type Handler<J, R, F = never> = (job: J, inbox: Inbox<F>) => R | Promise<R>;

export interface Inbox<F> {
  /** The next follow-up message. While waiting, the worker is kept alive for it. */
  next(): Promise<F>;
}

// Any handler (`never` parameters accept every handler's), and what a handler's type says.
export type AnyHandler = (job: never, inbox: never) => unknown;
export type JobOf<H> = H extends (job: infer J, inbox: never) => unknown ? J : never;
export type ResultOf<H> = H extends (job: never, inbox: never) => infer R ? Awaited<R> : never;
/** A handler that takes no inbox gets no follow-ups. */
export type FollowUpOf<H> = H extends (job: never, inbox: infer I) => unknown ? (I extends Inbox<infer F> ? F : never) : never;

export type ToWorker = { kind: "job"; job: unknown } | { kind: "follow-up"; message: unknown };

export type FromWorker = { kind: "done"; result: unknown } | { kind: "failed"; phase: "load" | "job"; error: SentError };

/** An error as it crosses threads: structured cloning keeps an Error's message and stack
 * but not its class name; this keeps the name and the causes too. */
export interface SentError {
  name: string;
  message: string;
  stack?: string;
  code?: string | number;
  cause?: SentError;
}

export function sendable(err: unknown, depth = 0): SentError {
  if (!(err instanceof Error)) return { name: "Error", message: String(err) };
  const code = (err as { code?: unknown }).code;
  return {
    name: err.name,
    message: err.message,
    stack: err.stack,
    code: typeof code === "string" || typeof code === "number" ? code : undefined,
    // Eleventy wraps the template's error in its own: the cause says what went wrong.
    cause: err.cause !== undefined && depth < 5 ? sendable(err.cause, depth + 1) : undefined,
  };
}

/** The worker's error as an Error of this thread, with the worker's stack. */
export function received(sent: SentError): Error {
  const err = new Error(sent.message, sent.cause ? { cause: received(sent.cause) } : undefined);
  err.name = sent.name;
  if (sent.stack) err.stack = sent.stack;
  if (sent.code !== undefined) (err as Error & { code?: string | number }).code = sent.code;
  return err;
}

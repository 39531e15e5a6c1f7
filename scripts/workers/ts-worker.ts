// Worker threads that run TypeScript: workers do not inherit tsx's loader, so each one
// registers it first, then imports its module (and, if asked, calls one of its exports).
import { Worker, type WorkerOptions } from "node:worker_threads";

export function startTsWorker(moduleUrl: URL, options: Omit<WorkerOptions, "eval"> = {}, call?: { name: string; args: unknown[] }): Worker {
  const then = call ? `.then((m) => m[${JSON.stringify(call.name)}](...${JSON.stringify(call.args)}))` : "";
  const bootstrap = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})
    .then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl.href)}); })${then};`;
  return new Worker(bootstrap, { ...options, eval: true });
}

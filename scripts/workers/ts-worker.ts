// Worker threads that run TypeScript: workers do not inherit tsx's loader, so each one
// registers it first, then imports its module.
import { Worker, type WorkerOptions } from "node:worker_threads";

export function startTsWorker(moduleUrl: URL, options: Omit<WorkerOptions, "eval"> = {}): Worker {
  const bootstrap = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})
    .then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

// Worker thread: converts HTML fragments for the pool in conversion-pool.ts. Builds each
// converter once (the OpenCC dictionaries once per worker).
import { parentPort } from "node:worker_threads";
import { convertHtml } from "./html-converter.ts";
import { scriptConverter, type GlossaryEntry, type ScriptConverter, type ScriptVariant } from "./script-converter.ts";

export interface Job {
  from: ScriptVariant;
  to: ScriptVariant;
  glossary: GlossaryEntry[];
  html: string;
}

const converters = new Map<string, ScriptConverter>();

parentPort!.on("message", (jobs: Job[]) => {
  const out = jobs.map((job) => {
    const key = JSON.stringify([job.from, job.to, job.glossary]);
    let c = converters.get(key);
    if (!c) converters.set(key, (c = scriptConverter(job.from, job.to, job.glossary)));
    return convertHtml(job.html, c);
  });
  parentPort!.postMessage(out);
});

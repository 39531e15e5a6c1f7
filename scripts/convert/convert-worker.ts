// Worker thread: converts HTML fragments for conversion-pool.ts. Builds each converter once
// (the OpenCC dictionaries once per worker).
import type { Handler } from "../workers/pool.ts";
import { convertHtml } from "./html-converter.ts";
import { scriptConverter, type GlossaryEntry, type ScriptConverter, type ScriptVariant } from "./script-converter.ts";

export interface Job {
  from: ScriptVariant;
  to: ScriptVariant;
  glossary: GlossaryEntry[];
  html: string;
}

const converters = new Map<string, ScriptConverter>();

const convertFragments: Handler<Job[], string[]> = (jobs) =>
  jobs.map((job) => {
    const key = JSON.stringify([job.from, job.to, job.glossary]);
    let c = converters.get(key);
    if (!c) converters.set(key, (c = scriptConverter(job.from, job.to, job.glossary)));
    return convertHtml(job.html, c);
  });

export default convertFragments;

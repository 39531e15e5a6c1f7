// Eleventy plugin: each page as it is written. Listeners (the output check, the manifest's
// hashes) see the exact text Eleventy wrote, right after the write; then, in a build,
// Eleventy is made to let go of it. Eleventy 3 keeps every page's final HTML until the
// build ends (a promise cached on each page's template, and `content` in the results it
// hands to `eleventy.after`): at 4,000 articles that was ~200 MB of the heap, growing
// with the archive. The dev server keeps it: its reload client diffs the new HTML.
//
// Eleventy has no per-page "written" event, so this wraps its Template's `_write` (one
// wrapper a thread, shared by every Eleventy of the thread; listeners are per configuration).
// If a later Eleventy drops `_write`, the build stops here rather than skip the check.
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { EleventyConfig } from "./eleventy-config.ts";

export interface Options {
  /** Drop each page's HTML from Eleventy's caches and results once listeners have seen it. */
  release: boolean;
}

export const defaults: Options = {
  release: true,
};

/** Called with the file's path in the site (/zh-hans/index.html; /../… if Eleventy wrote it
 * outside its output folder) and the text (or bytes) Eleventy wrote into it. */
export type PageWritten = (path: string, content: string | Buffer) => void | Promise<void>;

interface Hooks {
  config: EleventyConfig;
  listeners: PageWritten[];
  release: boolean;
}

interface PageEntry {
  template?: Record<string, unknown>;
}

interface WriteResult {
  outputPath: string | false;
  content: unknown;
}

interface TemplateLike {
  eleventyConfig?: { userConfig?: object };
  _write(page: PageEntry, content: unknown): Promise<WriteResult | undefined>;
}

// Keyed by Eleventy's UserConfig: the object plugins receive, and what each Template's
// TemplateConfig holds as `userConfig`.
const hooks = new WeakMap<object, Hooks>();

// Eleventy's package exports only its entry points; Template.js is beside them, and importing
// it by its file URL gives the module instance Eleventy itself uses.
const require = createRequire(import.meta.url);
const templateModule = pathToFileURL(join(dirname(require.resolve("@11ty/eleventy")), "Template.js")).href;
const { default: Template } = (await import(templateModule)) as { default: { prototype: TemplateLike } };
const wrapped = Symbol.for("newsroom.written-pages");

function install(): void {
  const proto = Template.prototype as TemplateLike & Record<symbol, unknown>;
  if (proto[wrapped]) return;
  const write = proto._write;
  if (typeof write !== "function") {
    throw new Error(`Eleventy's Template has no _write (${templateModule}): scripts/plugins/written-pages.ts must be updated for this Eleventy version before pages can be checked as they are written.`);
  }
  proto._write = async function (this: TemplateLike, page: PageEntry, content: unknown): Promise<WriteResult | undefined> {
    const result = await write.call(this, page, content);
    const config = this.eleventyConfig?.userConfig;
    const mine = config ? hooks.get(config) : undefined;
    if (!result || !mine || !result.outputPath) return result;
    if (typeof content === "string" || Buffer.isBuffer(content)) {
      const path = "/" + relative(mine.config.directories.output, result.outputPath).split(sep).join("/");
      for (const fn of mine.listeners) await fn(path, content);
    }
    if (mine.release) {
      // A build writes each page once: nothing reads these again.
      result.content = undefined;
      if (page.template) {
        delete page.template._cacheRenderedTransformsAndLayoutsPromise;
        delete page.template._cacheRenderedPromise;
      }
    }
    return result;
  };
  proto[wrapped] = true;
}

function hooksOf(eleventyConfig: EleventyConfig): Hooks {
  let h = hooks.get(eleventyConfig);
  if (!h) hooks.set(eleventyConfig, (h = { config: eleventyConfig, listeners: [], release: false }));
  return h;
}

/** Calls `fn` for every file this Eleventy writes, with what it wrote, before it is released. */
export function onPageWritten(eleventyConfig: EleventyConfig, fn: PageWritten): void {
  install();
  hooksOf(eleventyConfig).listeners.push(fn);
}

export default function writtenPages(eleventyConfig: EleventyConfig, userOptions: Partial<Options> = {}): void {
  const options: Options = { ...defaults, ...userOptions };
  install();
  hooksOf(eleventyConfig).release = options.release;
}

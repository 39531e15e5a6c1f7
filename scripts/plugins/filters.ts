// Template filters that layouts need and Nunjucks lacks.
import type { EleventyConfig } from "./eleventy-config.ts";
import { outputFile } from "../render/render-plan.ts";

export interface Options {
  /** Absolute site URL, without a trailing slash. */
  siteUrl?: string;
}

export const defaults: Options = {};

/** JSON for a <script type="application/ld+json">: nothing in it can close the script element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export default function filters(eleventyConfig: EleventyConfig, _options: Partial<Options> = {}): void {
  eleventyConfig.addFilter("scriptJson", scriptJson);
  // A page URL to the file that serves it: /zh-hans/news/ → /zh-hans/news/index.html
  eleventyConfig.addFilter("outputPath", outputFile);
}

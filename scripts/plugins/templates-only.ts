// Eleventy plugin: under content/, only content/_generate/ holds templates. Eleventy would
// render a .njk (or .liquid, .11ty.js …) an editor saved anywhere else under content/ as a
// template, running at build time whatever it says; articles are read by the site model, not
// by Eleventy, so everything else there is ignored.
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { EleventyConfig } from "./eleventy-config.ts";

export interface Options {
  /** The folder Eleventy reads (the project's content/). */
  input: string;
  /** The one folder in it that holds templates. */
  templates: string;
}

export const defaults: Options = {
  input: resolve(fileURLToPath(import.meta.url), "../../../content"),
  templates: "_generate",
};

export default function templatesOnly(eleventyConfig: EleventyConfig, userOptions: Partial<Options> = {}): void {
  const options: Options = { ...defaults, ...userOptions };
  // Eleventy's ignores are relative to the working folder (the project root for npm scripts).
  const input = relative(process.cwd(), options.input).split("\\").join("/") || ".";
  eleventyConfig.ignores.add(`${input}/!(${options.templates})/**`);
  eleventyConfig.ignores.add(`${input}/*.*`);
}

// Eleventy plugin: the last check on the output (scripts/audit/). Every page and feed an
// Eleventy writes is checked as written (plugins/written-pages.ts), in the thread that
// rendered it (render helpers included), before the build command publishes anything; one
// finding stops the build, with the file and the rule broken.
import { auditContext, auditOutput, type AuditContext } from "../audit/audit-output.ts";
import type { BuildSession } from "../build/build.ts";
import { refreshTargets } from "../model/page-kinds.ts";
import type { EleventyConfig } from "./eleventy-config.ts";
import { onPageWritten } from "./written-pages.ts";

export interface Options {
  /** The site's root (content/ is under it). */
  root: string;
  /** The build whose pages are checked: its redirect pages may refresh, each to its own target. */
  session?: BuildSession;
}

export const defaults: Options = {
  root: process.cwd(),
};

/** Thrown when the output check finds something: the build stops and publishes nothing. */
export class OutputAuditError extends Error {
  constructor(findings: readonly { path: string; rule: string; excerpt: string }[]) {
    // One line a problem, with the first file it is in: a glossary term shows on every page.
    const seen = new Map<string, { first: string; files: number }>();
    for (const f of findings) {
      const key = `${f.rule}: ${f.excerpt}`;
      const s = seen.get(key);
      if (s) s.files++;
      else seen.set(key, { first: f.path, files: 1 });
    }
    const lines = [...seen].map(([key, s]) => `  ${s.first}: ${key}${s.files > 1 ? ` (and ${s.files - 1} more)` : ""}`);
    super(
      `The output check found ${seen.size} problem${seen.size === 1 ? "" : "s"} in what the build wrote, so nothing was published:\n` +
        (lines.length > LIMIT ? [...lines.slice(0, LIMIT), `  … and ${lines.length - LIMIT} more.`] : lines).join("\n") +
        "\nEach line names a file the build wrote and what is wrong in it. If it comes from an article, a page, site data or the glossary, correct it there; if from a cache, delete .cache/ and build again.",
    );
    this.name = "OutputAuditError";
    this.stack = this.message;
    // The build command prints this once, as it is; Eleventy would print it again, prefixed
    // and with a stack (its error handler skips errors marked as logged).
    Object.defineProperty(this, "__errorAlreadyLogged", { value: true });
  }
}

const LIMIT = 40;

export default function outputAudit(eleventyConfig: EleventyConfig, userOptions: Partial<Options> = {}): void {
  const options: Options = { ...defaults, ...userOptions };
  let ctx: AuditContext | null = null;
  let refresh: Promise<Map<string, string>> | null = null;
  let findings: { path: string; rule: string; excerpt: string }[] = [];
  eleventyConfig.on("eleventy.before", () => {
    // Site data may have changed between two rebuilds of the dev server.
    ctx = null;
    refresh = null;
    findings = [];
  });
  // Each page is checked as it is written (its HTML is not kept till the end of the build).
  onPageWritten(eleventyConfig, async (path, content) => {
    if (typeof content !== "string") return;
    ctx ??= auditContext(options.root);
    refresh ??= redirectTargets(options.session);
    const to = (await refresh).get(path);
    for (const f of auditOutput(path, content, to === undefined ? ctx : { ...ctx, refreshTo: to })) findings.push({ path, ...f });
  });
  // Async: Eleventy runs these listeners in a Promise.all, and a listener that throws at once
  // would leave the others' promises (the render helpers') with nobody to hear them fail.
  eleventyConfig.on("eleventy.after", async () => {
    if (findings.length > 0) throw new OutputAuditError(findings);
  });
}

/** The pages that may refresh to another, each to its own target. A render helper knows the
 * pages it was dealt; the main thread every page. */
async function redirectTargets(session: BuildSession | undefined): Promise<Map<string, string>> {
  const build = session?.current;
  const pages = build?.site?.model ?? (build?.share ? (await build.share).render : undefined);
  return pages ? refreshTargets(pages) : new Map<string, string>();
}

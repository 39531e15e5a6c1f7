// Front matter through gray-matter with a YAML schema that has no timestamps: js-yaml would
// read `2025-03-08 14:30:00` as UTC, and editors write local time.
import matter from "gray-matter";
import yaml from "js-yaml";

export interface ParsedFile {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line in the file where the body starts. */
  bodyLine: number;
  /** 1-based line of each top-level front matter key. */
  fieldLines: Record<string, number>;
}

export class FrontMatterSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
  ) {
    super(message);
  }
}

const engines = {
  yaml: {
    parse: (text: string): object => (yaml.load(text, { schema: yaml.CORE_SCHEMA }) ?? {}) as object,
    stringify: (data: object): string => yaml.dump(data, { schema: yaml.CORE_SCHEMA }),
  },
};

export function parseFrontMatter(source: string): ParsedFile {
  const text = source.replace(/^\uFEFF/, "");
  let parsed: matter.GrayMatterFile<string>;
  try {
    // An empty options object would make gray-matter cache by content; pass engines each time.
    parsed = matter(text, { engines });
  } catch (err) {
    const e = err as { reason?: string; mark?: { line: number } };
    const line = e.mark ? e.mark.line + 2 : undefined; // +1 for 1-based, +1 for the opening ---
    throw new FrontMatterSyntaxError(e.reason ?? String(err), line);
  }
  const data = parsed.data && typeof parsed.data === "object" && !Array.isArray(parsed.data) ? parsed.data : {};
  const fieldLines: Record<string, number> = {};
  const lines = text.split("\n");
  let bodyLine = 1;
  if (lines[0]?.trim() === "---") {
    for (let i = 1; i < lines.length; i++) {
      if (lines[i].trim() === "---") {
        bodyLine = i + 2;
        break;
      }
      const m = /^([A-Za-z_][\w-]*)\s*:/.exec(lines[i]);
      if (m && !(m[1] in fieldLines)) fieldLines[m[1]] = i + 1;
    }
  }
  return { data: data as Record<string, unknown>, body: parsed.content, bodyLine, fieldLines };
}

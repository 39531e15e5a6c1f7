// Reading front matter fields, each problem at the field's line: blank values, lengths, text,
// dates, lang, slug, true/false. The rules of each kind of file (article-rules.ts,
// page-rules.ts, common-rules.ts) are made of these.
import type { DateTime } from "luxon";
import { DATE_FORMS, dateMistake, parseEditorDate } from "../dates.ts";
import type { ParsedFile } from "./front-matter.ts";
import type { Problems } from "../problems.ts";

/** Longest values, in characters. Chosen for what each is: */
export const LIMITS = {
  /** A meta description search engines show in full is ~120–160 Chinese characters; 200 leaves room. */
  summary: 200,
  /** An outlet's name (新華社重慶分社 is 7): 40 holds a long one with its department. */
  source: 40,
  /** Names of the responsible editors (譚鑫、張三): 40 holds several, no sentences. */
  editor: 40,
} as const;

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

// White space of every kind, and the invisible format characters (zero-width spaces, joiners,
// BOM, bidi marks): a value made only of them is as good as missing.
const BLANK_CHARS = "[\\s\\p{Z}\\p{Cf}\\u115F\\u1160\\u3164\\uFFA0\\u2800\\u180E]";
const BLANK = new RegExp(`^${BLANK_CHARS}*$`, "u");
const EDGES = new RegExp(`^${BLANK_CHARS}+|${BLANK_CHARS}+$`, "gu");

export function isBlank(s: string): boolean {
  return BLANK.test(s);
}

/** The value without white space or invisible characters at either end. */
export function cleanText(s: string): string {
  return s.replace(EDGES, "");
}

export function characters(s: string): number {
  return Array.from(s).length;
}

export interface FieldAt {
  field: string;
  line: number;
}

/** Reads and checks the front matter fields of one file, reporting with the field's line. */
export class Fields {
  constructor(
    readonly file: string,
    readonly parsed: ParsedFile,
    readonly problems: Problems,
  ) {}

  get data(): Record<string, unknown> {
    return this.parsed.data;
  }

  has(field: string): boolean {
    return Object.hasOwn(this.parsed.data, field);
  }

  /** Where a field is, or where it would be added (the front matter's end). */
  at(field: string): FieldAt {
    return { field, line: Object.hasOwn(this.parsed.fieldLines, field) ? this.parsed.fieldLines[field] : this.parsed.endLine };
  }

  unknown(known: ReadonlySet<string>): void {
    for (const key of Object.keys(this.parsed.data)) {
      if (!known.has(key)) this.problems.warn(this.file, "unknown field, ignored.", { ...this.at(key), hint: `Known fields: ${[...known].join(", ")}.` });
    }
  }

  /** Text of a field; blank counts as missing. `missing`: the error's wording when required. */
  text(field: string, options: { required?: boolean; max?: number; missing?: string; example?: string } = {}): string | undefined {
    const v = this.has(field) ? this.parsed.data[field] : undefined;
    let value: string | undefined;
    if (typeof v === "string") value = isBlank(v) ? undefined : cleanText(v);
    else if (typeof v === "number" || typeof v === "boolean") value = String(v);
    else if (v !== undefined && v !== null) {
      this.problems.error(this.file, `must be text, not ${Array.isArray(v) ? "a list" : "a set of fields"}.`, { ...this.at(field), hint: `Write it on one line: ${field}: ${options.example ?? "…"}` });
      return undefined;
    }
    if (value === undefined) {
      if (options.required) {
        const blank = typeof v === "string" && v !== "";
        this.problems.error(this.file, options.missing ?? (blank ? "is required, and holds only white space." : "is required."), {
          ...this.at(field),
          hint: options.example ? `Add a line such as "${field}: ${options.example}".` : `Add a line "${field}: …" to the front matter.`,
        });
      }
      return undefined;
    }
    if (options.max !== undefined && characters(value) > options.max) {
      this.problems.error(this.file, `is ${characters(value)} characters long; the most is ${options.max}.`, {
        ...this.at(field),
        hint: field === "summary" ? "Shorten it to a sentence or two: the article itself follows." : `Shorten it to at most ${options.max} characters.`,
      });
    }
    return value;
  }

  date(field: string, zone: string, required: boolean): DateTime | undefined {
    const v = this.has(field) ? this.parsed.data[field] : undefined;
    if (v === undefined || v === null || (typeof v === "string" && isBlank(v))) {
      if (required) this.problems.error(this.file, "is required.", { ...this.at(field), hint: `Add e.g. "${field}: 2024-10-16 09:57" (${zone} time).` });
      return undefined;
    }
    const dt = typeof v === "string" ? parseEditorDate(v, zone) : null;
    if (!dt) {
      const mistake = typeof v === "string" ? dateMistake(v) : undefined;
      if (mistake) this.problems.error(this.file, `${JSON.stringify(v)}: ${mistake.message}`, { ...this.at(field), hint: mistake.hint });
      else this.problems.error(this.file, `${JSON.stringify(v)} is not a date this site can read.`, { ...this.at(field), hint: `Write one of: ${DATE_FORMS}.` });
      return undefined;
    }
    return dt;
  }

  lang(langs: readonly string[], fallback: string): string {
    if (!this.has("lang")) return fallback;
    const v = this.parsed.data.lang;
    const lang = typeof v === "string" ? cleanText(v) : v;
    if (typeof lang === "string" && langs.includes(lang)) return lang;
    const near = typeof lang === "string" ? langs.find((l) => l.toLowerCase() === lang.toLowerCase()) : undefined;
    this.problems.error(this.file, `${JSON.stringify(v)} is not a script of this site.`, {
      ...this.at("lang"),
      hint: near ? `Write ${near} exactly.` : `Use one of: ${langs.join(", ")} (the script you wrote it in).`,
    });
    return fallback;
  }

  /** The slug: from front matter, else `fromName` (the file or folder name). "" when neither is one. */
  slug(fromName: string): string {
    if (this.has("slug")) {
      const v = this.parsed.data.slug;
      if (typeof v === "string" && SLUG.test(v)) return v;
      this.problems.error(this.file, `${JSON.stringify(v)} is not a valid slug.`, { ...this.at("slug"), hint: "Use lower-case ASCII letters, digits and single hyphens, e.g. slug: smart-port-opens." });
      return "";
    }
    if (SLUG.test(fromName)) return fromName;
    this.problems.error(this.file, `the file name "${fromName}" cannot be a URL.`, { field: "slug", line: this.parsed.endLine, hint: "Add slug: with lower-case ASCII letters, digits and hyphens, or rename the file so." });
    return "";
  }

  flag(field: string): boolean {
    if (!this.has(field) || this.parsed.data[field] === null) return false;
    const v = this.parsed.data[field];
    if (typeof v === "boolean") return v;
    this.problems.error(this.file, `${JSON.stringify(v)} must be true or false.`, this.at(field));
    return false;
  }
}

// The one reading path of every Markdown file an editor writes, articles and standalone pages
// alike, in four steps, each reporting its problems with the file and line:
//   1. bytes → UTF-8 text, encoding and control characters checked     (editor-file.ts)
//   2. text → front matter (YAML data, never code) and body            (front-matter.ts)
//      and the whole text judged as readers read it: spam, open -{     (reader-text.ts)
//   3. the fields, by the rules of the file's kind                      (article-rules.ts, page-rules.ts)
//   4. the body: Markdown → sanitized HTML, photos, links, text          (body.ts)
// A kind says only what differs: its fields, where it is published, what it becomes.
import type { SiteConfig } from "../../site/site-config.ts";
import type { Problems } from "../problems.ts";
import type { Blocklist } from "../spam-guard.ts";
import { renderBody, type Body } from "./body.ts";
import { decodeEditorText } from "./editor-file.ts";
import { Fields } from "./fields.ts";
import { readFrontMatter, type ParsedFile } from "./front-matter.ts";
import { checkReaderText } from "./reader-text.ts";

/** One file being read: what a kind's rules look at. */
export interface Reading {
  site: SiteConfig;
  /** Path relative to the project root. */
  file: string;
  parsed: ParsedFile;
  fields: Fields;
  problems: Problems;
}

/** Where a file is published: its path inside a variant, and the folder of its photos (both from site/urls.ts). */
export interface Place {
  path: string;
  mediaBase: string;
}

/** A kind of Markdown file: its field rules (`F`: what they read) and what it becomes (`S`). */
export interface DocumentKind<F, S> {
  /** What an editor calls it: messages say "the article's body". */
  noun: string;
  /** The hint for a file without front matter. */
  frontMatterHint: string;
  knownFields: ReadonlySet<string>;
  /** The fields, each checked (problems at their lines); what is missing or wrong is undefined. */
  readFields(reading: Reading): F;
  /** Where it is published; null when its fields do not say (the problems do). */
  place(fields: F): Place | null;
  /** What it becomes, from its fields and rendered body; null when a required field is missing. */
  make(fields: F, body: Body, place: Place, reading: Reading): S | null;
}

/** Reads one file of `kind` from its bytes; null (with problems) when it cannot be built. */
export function readDocument<F, S>(site: SiteConfig, file: string, bytes: Uint8Array, kind: DocumentKind<F, S>, blocklist: Blocklist, problems: Problems): S | null {
  const text = decodeEditorText(file, bytes, problems);
  if (text === null) return null;
  const parsed = readFrontMatter(file, text, problems);
  if (!parsed) return null;
  checkReaderText(file, text, parsed, blocklist, problems);
  if (!parsed.hasFrontMatter) {
    problems.error(file, "has no front matter.", { line: 1, hint: kind.frontMatterHint });
    return null;
  }
  const reading: Reading = { site, file, parsed, fields: new Fields(file, parsed, problems), problems };
  reading.fields.unknown(kind.knownFields);
  const fields = kind.readFields(reading);
  const place = kind.place(fields);
  if (!place) return null;
  // Drafts are rendered and checked like everything else: only publishing them is the caller's.
  const body = renderBody(site, file, parsed, place.mediaBase, kind.noun, problems);
  return kind.make(fields, body, place, reading);
}

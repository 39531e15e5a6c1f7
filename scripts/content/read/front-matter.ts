// Front matter is data, never code: the block between a first line of exactly --- and the next
// line of --- (or ...) is YAML, parsed with the `yaml` package's core schema. No timestamps
// (editors write local time; a timestamp schema would read `2025-03-08 14:30` as UTC), no
// custom tags, a bound on aliases, every key's line (nested ones too) from the parser's own
// positions, and objects without a prototype, so a key named constructor is just a key.
// Other front matter languages (gray-matter's ---js, ---coffee …) are refused, never run.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, visit, type Document, type Node, type YAMLError } from "yaml";
import matter from "gray-matter";
import { controlName, normalizeLineEndings } from "./editor-file.ts";
import type { Problems } from "../problems.ts";

export interface ParsedFile {
  /** The fields; objects in it have no prototype. */
  data: Record<string, unknown>;
  body: string;
  /** 1-based line in the file where the body starts. */
  bodyLine: number;
  /** 1-based line of each top-level front matter key. */
  fieldLines: Record<string, number>;
  /** 1-based line of every key, nested ones too, by path (see keyLine). */
  keyLines: Map<string, number>;
  /** Where a missing field would be added: the closing --- (1 without front matter). */
  endLine: number;
  /** Whether the file starts with a front matter block at all. */
  hasFrontMatter: boolean;
}

export class FrontMatterSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Expanding aliases is how a few lines of YAML become gigabytes; front matter needs few. */
export const MAX_ALIASES = 100;

const OPEN = /^---[ \t]*$/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;
const YAML_NAMES = new Set(["yaml", "yml"]);

export function pathKey(path: readonly (string | number)[]): string {
  return path.join("\u0000");
}

/** The line of a key by its path, e.g. keyLine(parsed, "glossary", "钟晓岚"). */
export function keyLine(parsed: Pick<ParsedFile, "keyLines">, ...path: (string | number)[]): number | undefined {
  return parsed.keyLines.get(pathKey(path));
}

/** The file's front matter and body; null when its front matter cannot be read (the error, with its line, is in `problems`). */
export function readFrontMatter(file: string, text: string, problems: Problems): ParsedFile | null {
  try {
    return parseFrontMatter(text);
  } catch (err) {
    if (!(err instanceof FrontMatterSyntaxError)) throw err;
    problems.error(file, err.message, { line: err.line, hint: err.hint });
    return null;
  }
}

export function parseFrontMatter(source: string): ParsedFile {
  const text = normalizeLineEndings(source.replace(/^\uFEFF/, ""));
  const lines = text.split("\n");
  const first = lines[0] ?? "";
  const empty = (): ParsedFile => ({ data: Object.create(null), body: text, bodyLine: 1, fieldLines: Object.create(null), keyLines: new Map(), endLine: 1, hasFrontMatter: false });
  if (!first.startsWith("---") || /^-{4,}[ \t]*$/.test(first)) return empty(); // ---- is a rule in Markdown
  if (!OPEN.test(first)) {
    // The language gray-matter would pick from the fence (its engines are never called: its
    // JavaScript engine evaluates the block).
    const language = matter.language(text).name || first.slice(3).trim();
    if (!YAML_NAMES.has(language.toLowerCase())) {
      throw new FrontMatterSyntaxError(
        `the front matter is marked as ${JSON.stringify(language)}, but front matter here is YAML data only, and nothing in it is ever run.`,
        1,
        "Make the first line exactly --- and write the fields as YAML (title: …), as in the README.",
      );
    }
  }
  let close = -1;
  for (let i = 1; i < lines.length; i++) {
    if (CLOSE.test(lines[i])) {
      close = i;
      break;
    }
  }
  if (close < 0) {
    throw new FrontMatterSyntaxError("the front matter that starts on line 1 is never closed.", 1, "End it with a line of exactly --- before the article's text.");
  }
  const yamlText = lines.slice(1, close).join("\n");
  const { data, keyLines } = parseYamlData(yamlText, 1);
  const fieldLines = Object.create(null) as Record<string, number>;
  for (const key of Object.keys(data)) {
    const line = keyLines.get(pathKey([key]));
    if (line !== undefined) fieldLines[key] = line;
  }
  return { data, body: lines.slice(close + 1).join("\n"), bodyLine: close + 2, fieldLines, keyLines, endLine: close + 1, hasFrontMatter: true };
}

const HINTS: Record<string, string> = {
  BAD_INDENT: "Close the list or braces on the same line ([a, b] or {a: b}), or quote the value if the bracket is text.",
  MISSING_CHAR: "Close the quote, or leave the quotes out.",
  DUPLICATE_KEY: "Keep one of the two lines.",
  TAB_AS_INDENT: "Indent with spaces, not tabs.",
  BLOCK_AS_IMPLICIT_KEY: 'Quote a value that holds a colon and a space, e.g. title: "重慶: 新平臺".',
  MULTILINE_IMPLICIT_KEY: "Write each field on its own line, starting at the left margin.",
};
const DEFAULT_HINT = "Check the indentation and quote values that contain a colon (:) or start with a symbol.";

/**
 * YAML text (lines `offset + 1` … of the file) as data with null-prototype objects, and the
 * line of every key. Throws FrontMatterSyntaxError with the file's line.
 */
export function parseYamlData(yamlText: string, offset: number): { data: Record<string, unknown>; keyLines: Map<string, number> } {
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { schema: "core", uniqueKeys: true, merge: false, lineCounter: counter, prettyErrors: false, keepSourceTokens: true });
  const lineOf = (pos: number) => counter.linePos(pos).line + offset;
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) throw syntaxError(doc, problem, yamlText, lineOf);

  const keyLines = new Map<string, number>();
  let aliases = 0;
  const toData = (node: unknown, path: (string | number)[]): unknown => {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = node.resolve(doc);
      const line = node.range ? lineOf(node.range[0]) : undefined;
      if (!target) throw new FrontMatterSyntaxError(`the alias *${node.source} refers to no anchor (&${node.source}).`, line, "Quote the value if the * is text, e.g. \"*注\".");
      if (++aliases > MAX_ALIASES) throw new FrontMatterSyntaxError(`uses aliases (*name) more than ${MAX_ALIASES} times.`, line, "Write the values out instead of repeating them with & and *.");
      return toData(target, path);
    }
    if (isScalar(node)) {
      const v = node.value;
      const [start, end] = node.range ?? [0, 0];
      // An integer past 2^53 cannot be held exactly: keep what was written, for the checks to refuse.
      if (typeof v === "number" && Number.isInteger(v) && !Number.isSafeInteger(v)) return yamlText.slice(start, end).trim();
      if (typeof v === "string") {
        // Escapes such as "\0" in double quotes reach here; the raw file was checked already.
        const m = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.exec(v);
        if (m) throw new FrontMatterSyntaxError(`the value holds the control character ${controlName(m[0].codePointAt(0)!)}.`, lineOf(start), "Remove the escape (\\0, \\x00, \\u0000 …) from the value.");
      }
      return v;
    }
    if (isMap(node)) {
      const out = Object.create(null) as Record<string, unknown>;
      for (const pair of node.items) {
        const key = pair.key;
        if (!isScalar(key) || key.value === null || typeof key.value === "object") {
          const range = (key as Node | null)?.range ?? node.range;
          throw new FrontMatterSyntaxError("a field name must be plain text.", range ? lineOf(range[0]) : undefined, "Write each field as name: value.");
        }
        const name = String(key.value);
        const keyPath = [...path, name];
        if (key.range) keyLines.set(pathKey(keyPath), lineOf(key.range[0]));
        out[name] = toData(pair.value, keyPath);
      }
      return out;
    }
    if (isSeq(node)) return node.items.map((item, i) => toData(item, [...path, i]));
    return null;
  };

  if (doc.contents === null) return { data: Object.create(null), keyLines };
  if (!isMap(doc.contents)) {
    const range = doc.contents.range;
    throw new FrontMatterSyntaxError(
      "the front matter must be fields (name: value), not a single value or a list.",
      range ? lineOf(range[0]) : offset + 1,
      "Write one field a line: title: …, date: …",
    );
  }
  return { data: toData(doc.contents, []) as Record<string, unknown>, keyLines };
}

function syntaxError(doc: Document, e: YAMLError, yamlText: string, lineOf: (pos: number) => number): FrontMatterSyntaxError {
  const pos = e.pos[0];
  let line = lineOf(pos);
  let message = e.message.replace(/ at line \d+, column \d+.*$/s, "");
  if (e.code === "TAG_RESOLVE_FAILED") {
    const tag = /^\S+/.exec(yamlText.slice(pos))?.[0] ?? "";
    return new FrontMatterSyntaxError(`the tag ${tag} is not allowed: front matter is plain data.`, line, "Remove the tag (words starting with ! or !!) and write the value as text, a number, true/false or a list.");
  }
  if (e.code === "BLOCK_AS_IMPLICIT_KEY" || e.code === "MULTILINE_IMPLICIT_KEY") {
    // `title: a` then `  date: b`: the parser stops at `a`, the mistake is the indented line.
    const colon = /:(?: |$)/m.exec(yamlText.slice(pos));
    const at = colon ? pos + colon.index : pos;
    if (lineOf(at) !== line) {
      return new FrontMatterSyntaxError(
        "the front matter is not valid YAML: this line is indented, so it is read as part of the field above.",
        lineOf(at),
        "Start each field at the left margin, without spaces before its name.",
      );
    }
    message = "a value holds a colon followed by a space";
  }
  if (e.code === "DUPLICATE_KEY") {
    const key = /^[^:\n]+/.exec(yamlText.slice(pos))?.[0].trim();
    if (key) message = `the field ${key} appears twice`;
  }
  // An unclosed bracket or quote is found where the parser gives up, often lines later: the
  // editor needs the line where it was opened.
  if (e.code === "BAD_INDENT" || e.code === "MISSING_CHAR" || e.code === "UNEXPECTED_TOKEN") {
    let opened = -1;
    visit(doc, (_key, node: unknown) => {
      const opener = isMap(node) || isSeq(node) ? (node.flow ? node : null) : isScalar(node) && (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) ? node : null;
      const range = opener?.range;
      if (range && range[0] < pos && range[2] >= pos && range[0] > opened) opened = range[0];
    });
    if (opened >= 0) {
      line = lineOf(opened);
      if (e.code === "BAD_INDENT" && /flow sequence/i.test(message)) message = "the list opened with [ here is not closed with ]";
      else if (e.code === "BAD_INDENT" && /flow map/i.test(message)) message = "the braces opened with { here are not closed with }";
      else if (e.code === "MISSING_CHAR" && /quote/i.test(message)) message = "the quote opened here is not closed";
    }
  }
  return new FrontMatterSyntaxError(`the front matter is not valid YAML: ${message.replace(/\.$/, "")}.`, line, HINTS[e.code] ?? DEFAULT_HINT);
}

// Data files editors touch (site.json, glossary.json, blocklist.json, views.json): read through
// the same byte reader as articles (editor-file.ts), then parsed as JSON into objects without a
// prototype, so a key named constructor or __proto__ is data like any other and nothing
// inherited is consulted. A syntax error names its line, and so can every later check of a
// field: by its key, or by a text the file holds.
import { readEditorText } from "./editor-file.ts";
import { parseYamlData, pathKey } from "./front-matter.ts";
import type { Problems } from "../problems.ts";

/** One data file, read and parsed. */
export interface DataFile {
  file: string;
  /** The parsed JSON; its objects have no prototype. */
  data: unknown;
  /** The line of a key by its path (["variants", "0", "lang"]): the deepest key the file has on it, so a missing field is reported at its parent. */
  keyLine(path: readonly string[]): number | undefined;
  /** The line where `value` first appears as a JSON string. */
  textLine(value: string): number | undefined;
}

/**
 * The file, read and parsed; undefined when it does not exist (the caller decides whether it
 * must) or cannot be used (the problems say why: encoding, control characters, JSON syntax
 * with its line). `hint`: how to fix a syntax error in this file.
 */
export function readDataFile(root: string, file: string, problems: Problems, hint: string): DataFile | undefined {
  const text = readEditorText(root, file, problems);
  if (text === undefined || text === null) return undefined;
  let data: unknown;
  try {
    data = parseJsonData(text);
  } catch (err) {
    const { reason, line } = jsonError(text, (err as Error).message);
    problems.error(file, `is not valid JSON: ${reason}.`, { line, hint });
    return undefined;
  }
  let keyLines: Map<string, number> | null | undefined;
  return {
    file,
    data,
    keyLine(path) {
      // The parser's own positions (JSON is YAML), found only when a message needs a line.
      if (keyLines === undefined) {
        try {
          keyLines = parseYamlData(text, 0).keyLines;
        } catch {
          keyLines = null; // JSON that YAML refuses (a key given twice): the text is searched instead
        }
      }
      for (let n = path.length; n > 0; n--) {
        const line = keyLines ? keyLines.get(pathKey(path.slice(0, n))) : searchedKeyLine(text, path[n - 1]);
        if (line !== undefined) return line;
      }
      return undefined;
    },
    textLine(value) {
      const at = text.indexOf(JSON.stringify(value).slice(1, -1));
      return at < 0 ? undefined : lineAt(text, at);
    },
  };
}

/** JSON with null-prototype objects, built once per object while parsing. */
function parseJsonData(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
    const own = Object.create(null) as Record<string, unknown>;
    // JSON.parse defines "__proto__" as an own key; so does assignment to a null-prototype object.
    for (const k of Object.keys(value)) own[k] = (value as Record<string, unknown>)[k];
    return own;
  });
}

/** 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The line of the first "key": in the text. */
function searchedKeyLine(text: string, key: string): number | undefined {
  const quoted = JSON.stringify(key).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const at = text.search(new RegExp(`${quoted}\\s*:`));
  return at < 0 ? undefined : lineAt(text, at);
}

/** V8's JSON error as an editor reads it: what is wrong, and on which line. V8 gives either
 * "… in JSON at position N" or "Unexpected token 'X', …context… is not valid JSON". */
function jsonError(text: string, message: string): { reason: string; line?: number } {
  const positioned = /^(.*?) in JSON at position (\d+)/s.exec(message);
  if (positioned) return { reason: positioned[1], line: lineAt(text, Number(positioned[2])) };
  const token = /^(Unexpected token '(.*?)'), (\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON$/.exec(message);
  if (token) {
    const at = text.indexOf(token[4]);
    // The context is the text around the token, cut 10 characters before it when it shows "...".
    const offset = at < 0 ? undefined : at + (token[3] ? 10 : Math.max(0, token[4].indexOf(token[2])));
    return { reason: token[1], line: offset === undefined ? undefined : lineAt(text, offset) };
  }
  return { reason: message.replace(/\.$/, "") };
}

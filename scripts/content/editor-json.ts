// Site data files editors touch (site.json, glossary.json, blocklist.json, views.json): read
// through the same byte reader as articles, parsed into objects without a prototype, so a key
// named constructor or __proto__ is data like any other and nothing inherited is consulted.
import { readEditorText } from "./editor-file.ts";
import { parseYamlData, pathKey } from "./front-matter.ts";
import { Problems } from "./problems.ts";

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

/**
 * The parsed file; undefined when it does not exist (the caller decides whether it must)
 * or cannot be used (the problems say why: encoding, control characters, JSON syntax with its line).
 */
export function readEditorJson(root: string, file: string, problems: Problems, hint: string): unknown {
  const text = readEditorText(root, file, problems);
  if (text === undefined || text === null) return undefined;
  try {
    return parseJsonData(text);
  } catch (err) {
    const message = (err as Error).message;
    // Node names the offset ("… in JSON at position 45"); editors need the line.
    const m = /position (\d+)/.exec(message);
    const line = m ? lineAt(text, Number(m[1])) : undefined;
    problems.error(file, `is not valid JSON: ${message.replace(/ in JSON at position \d+.*$/s, "")}.`, { line, hint });
    return undefined;
  }
}

/**
 * The line of any key of a JSON file, by path (["variants", "0", "lang"]), from the YAML
 * parser's positions (JSON is YAML); undefined when the file cannot be read (readEditorJson says why).
 */
export function readEditorJsonLines(root: string, file: string): ((path: readonly string[]) => number | undefined) | undefined {
  const text = readEditorText(root, file, new Problems());
  if (typeof text !== "string") return undefined;
  try {
    const { keyLines } = parseYamlData(text, 0);
    return (path) => {
      // The deepest key the file has on this path: a missing field is reported at its parent.
      for (let n = path.length; n > 0; n--) {
        const line = keyLines.get(pathKey(path.slice(0, n)));
        if (line !== undefined) return line;
      }
      return undefined;
    };
  } catch {
    return undefined;
  }
}

// The site's own spam lists, content/_data/blocklist.json:
//   { "useDefaults": true, "terms": ["…"], "allow": ["…"] }
// terms: the organisation's always-spam words; allow: words or phrases exempt from the default
// lexicon (an organisation that is itself 葡京). A mistake in the file is an editor error
// naming the field, never a silent fallback: a typo must not switch the guard off.
import type { Problems } from "../content/problems.ts";
import { readEditorText } from "../content/editor-file.ts";
import type { SpamOptions } from "./judge.ts";
import { normalizeTerm } from "./normalize.ts";

export const BLOCKLIST_FILE = "content/_data/blocklist.json";

const EXAMPLE = '{"useDefaults": true, "terms": ["某某娱乐"], "allow": ["葡京酒店"]}';
const KNOWN = ["useDefaults", "terms", "allow"];

export const DEFAULT_OPTIONS: SpamOptions = Object.freeze({ useDefaults: true, terms: Object.freeze([]), allow: Object.freeze([]) });

/** 1-based line of a key in the file's text (for messages), 1 if not found. */
function keyLine(text: string, key: string): number {
  const at = text.search(new RegExp(`"${key}"\\s*:`));
  return at < 0 ? 1 : text.slice(0, at).split("\n").length;
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "string") return JSON.stringify(v);
  return typeof v === "object" ? "an object" : `${typeof v} ${JSON.stringify(v)}`;
}

/** V8's JSON error as an editor reads it: what is wrong, and on which line. V8 gives either
 * "… in JSON at position N" or "Unexpected token 'X', …context… is not valid JSON". */
function jsonError(text: string, message: string): { reason: string; line?: number } {
  const lineOf = (offset: number) => text.slice(0, offset).split("\n").length;
  const positioned = /^(.*?) in JSON at position (\d+)/s.exec(message);
  if (positioned) return { reason: positioned[1], line: lineOf(Number(positioned[2])) };
  const token = /^(Unexpected token '(.*?)'), (\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON$/.exec(message);
  if (token) {
    const at = text.indexOf(token[4]);
    // The context is the text around the token, cut 10 characters before it when it shows "...".
    const offset = at < 0 ? undefined : at + (token[3] ? 10 : Math.max(0, token[4].indexOf(token[2])));
    return { reason: token[1], line: offset === undefined ? undefined : lineOf(offset) };
  }
  return { reason: message.replace(/\.$/, "") };
}

export function readSpamOptions(root: string, problems: Problems): SpamOptions {
  // The reader of every editor file (content/editor-file.ts): encoding, control characters, line endings.
  const text = readEditorText(root, BLOCKLIST_FILE, problems);
  if (typeof text !== "string") return DEFAULT_OPTIONS; // missing: the defaults; unreadable: reported
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    const { reason, line } = jsonError(text, (err as Error).message);
    problems.error(BLOCKLIST_FILE, `is not valid JSON: ${reason}.`, {
      line,
      hint: `Write it as ${EXAMPLE} (double quotes, commas between items, none after the last).`,
    });
    return DEFAULT_OPTIONS;
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    problems.error(BLOCKLIST_FILE, `must be an object, not ${describe(data)}.`, { line: 1, hint: `Write it as ${EXAMPLE}.` });
    return DEFAULT_OPTIONS;
  }
  const record = data as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KNOWN.includes(key)) {
      problems.warn(BLOCKLIST_FILE, "unknown field, ignored.", { field: key, line: keyLine(text, key), hint: `Known fields: ${KNOWN.join(", ")}.` });
    }
  }
  let useDefaults = true;
  if ("useDefaults" in record) {
    if (typeof record.useDefaults === "boolean") useDefaults = record.useDefaults;
    else {
      problems.error(BLOCKLIST_FILE, `must be true or false, not ${describe(record.useDefaults)}.`, {
        field: "useDefaults",
        line: keyLine(text, "useDefaults"),
        hint: 'Write "useDefaults": true to keep the built-in gambling and porn lexicon (false leaves only your own terms).',
      });
    }
  }
  const words = (key: "terms" | "allow", what: string): string[] => {
    const v = record[key];
    if (v === undefined) return [];
    const at = { field: key, line: keyLine(text, key) };
    if (!Array.isArray(v)) {
      problems.error(BLOCKLIST_FILE, `must be a list of words, not ${describe(v)}.`, { ...at, hint: `Write e.g. "${key}": ["${key === "terms" ? "某某娱乐" : "葡京酒店"}"].` });
      return [];
    }
    const out: string[] = [];
    v.forEach((item, i) => {
      if (typeof item !== "string") {
        problems.error(BLOCKLIST_FILE, `item ${i + 1} is ${describe(item)}, not a word in quotes.`, { ...at, hint: `Write each ${what} in double quotes, e.g. "某某娱乐".` });
      } else if (normalizeTerm(item) === "") {
        problems.error(BLOCKLIST_FILE, `item ${i + 1} (${JSON.stringify(item)}) is empty once spaces and invisible characters are taken out.`, {
          ...at,
          hint: "Remove it, or write the word itself.",
        });
      } else out.push(item.trim());
    });
    return out;
  };
  const terms = words("terms", "term");
  const allow = words("allow", "word or phrase");
  return { useDefaults, terms, allow };
}

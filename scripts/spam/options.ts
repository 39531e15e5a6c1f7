// The site's own spam lists, content/_data/blocklist.json:
//   { "useDefaults": true, "terms": ["…"], "allow": ["…"] }
// terms: the organisation's always-spam words; allow: words or phrases exempt from the default
// lexicon (an organisation that is itself 葡京). A mistake in the file is an editor error
// naming the field, never a silent fallback: a typo must not switch the guard off.
import type { Problems } from "../content/problems.ts";
import { readDataFile } from "../content/read/editor-json.ts";
import type { SpamOptions } from "./judge.ts";
import { normalizeTerm } from "./normalize.ts";

export const BLOCKLIST_FILE = "content/_data/blocklist.json";

const EXAMPLE = '{"useDefaults": true, "terms": ["某某娱乐"], "allow": ["葡京酒店"]}';
const KNOWN = ["useDefaults", "terms", "allow"];

export const DEFAULT_OPTIONS: SpamOptions = Object.freeze({ useDefaults: true, terms: Object.freeze([]), allow: Object.freeze([]) });

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "string") return JSON.stringify(v);
  return typeof v === "object" ? "an object" : `${typeof v} ${JSON.stringify(v)}`;
}

export function readSpamOptions(root: string, problems: Problems): SpamOptions {
  // The reader of every editor data file (content/read/editor-json.ts): encoding, control characters, JSON with its line.
  const file = readDataFile(root, BLOCKLIST_FILE, problems, `Write it as ${EXAMPLE} (double quotes, commas between items, none after the last).`);
  if (!file) return DEFAULT_OPTIONS; // missing: the defaults; unreadable: reported
  const data = file.data;
  const keyLine = (key: string) => file.keyLine([key]) ?? 1;
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    problems.error(BLOCKLIST_FILE, `must be an object, not ${describe(data)}.`, { line: 1, hint: `Write it as ${EXAMPLE}.` });
    return DEFAULT_OPTIONS;
  }
  const record = data as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KNOWN.includes(key)) {
      problems.warn(BLOCKLIST_FILE, "unknown field, ignored.", { field: key, line: keyLine(key), hint: `Known fields: ${KNOWN.join(", ")}.` });
    }
  }
  let useDefaults = true;
  if ("useDefaults" in record) {
    if (typeof record.useDefaults === "boolean") useDefaults = record.useDefaults;
    else {
      problems.error(BLOCKLIST_FILE, `must be true or false, not ${describe(record.useDefaults)}.`, {
        field: "useDefaults",
        line: keyLine("useDefaults"),
        hint: 'Write "useDefaults": true to keep the built-in gambling and porn lexicon (false leaves only your own terms).',
      });
    }
  }
  const words = (key: "terms" | "allow", what: string): string[] => {
    const v = record[key];
    if (v === undefined) return [];
    const at = { field: key, line: keyLine(key) };
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

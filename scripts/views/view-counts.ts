// View counts: content/_data/views.json, keyed by article (section/yyyy/mm/slug), kept apart
// from articles so that importing analytics never touches what an editor wrote.
import { renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Problems } from "../content/problems.ts";
import { readDataFile } from "../content/read/editor-json.ts";
import { viewKeyOf } from "../site/urls.ts";

export const VIEWS_FILE = "content/_data/views.json";

export type ViewCounts = Record<string, number>;

/** The key of an article in views.json: its path without news/ and the final slash. */
export function viewKey(articlePath: string): string {
  return viewKeyOf(articlePath);
}

export function loadViewCounts(root: string, problems: Problems): ViewCounts {
  // The reader every editor data file goes through (encoding, control characters, JSON with its line): content/read/editor-json.ts.
  const file = readDataFile(root, VIEWS_FILE, problems, "Run npm run views again with the analytics export.");
  if (!file) return {};
  const data = file.data;
  const out: ViewCounts = {};
  if (!data || typeof data !== "object" || Array.isArray(data)) {
    problems.error(VIEWS_FILE, "is not an object of article keys and counts.", { hint: "Run npm run views again with the analytics export." });
    return out;
  }
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) {
      out[key] = value;
      continue;
    }
    const line = file.keyLine([key]);
    if (typeof value === "number" && value > Number.MAX_SAFE_INTEGER) {
      problems.error(VIEWS_FILE, `the count for ${JSON.stringify(key)} is more than ${Number.MAX_SAFE_INTEGER.toLocaleString("en")}, the largest count kept exactly.`, {
        line,
        hint: "Fix or remove the entry, then run npm run views again.",
      });
    } else problems.error(VIEWS_FILE, `the count for ${JSON.stringify(key)} is not a whole number of 0 or more.`, { line, hint: "Fix or remove the entry." });
  }
  return out;
}

export function saveViewCounts(root: string, counts: ViewCounts): void {
  const sorted = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
  const file = join(root, VIEWS_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(sorted, null, 2) + "\n");
  renameSync(`${file}.tmp`, file);
}

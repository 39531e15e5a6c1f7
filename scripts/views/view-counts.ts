// View counts: content/_data/views.json, keyed by article (section/yyyy/mm/slug), kept apart
// from articles so that importing analytics never touches what an editor wrote.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Problems } from "../content/problems.ts";

export const VIEWS_FILE = "content/_data/views.json";

export type ViewCounts = Record<string, number>;

/** The key of an article in views.json: its path without news/ and the final slash. */
export function viewKey(articlePath: string): string {
  return articlePath.replace(/^news\//, "").replace(/\/$/, "");
}

export function loadViewCounts(root: string, problems: Problems): ViewCounts {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(join(root, VIEWS_FILE), "utf8"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return {};
    problems.error(VIEWS_FILE, `is not valid JSON: ${(err as Error).message}.`, { hint: "Run npm run views again with the analytics export." });
    return {};
  }
  const out: ViewCounts = {};
  for (const [key, value] of Object.entries((data ?? {}) as Record<string, unknown>)) {
    if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) out[key] = value;
    else problems.error(VIEWS_FILE, `the count for ${key} is not a whole number of 0 or more.`, { hint: "Fix or remove the entry." });
  }
  return out;
}

export function saveViewCounts(root: string, counts: ViewCounts): void {
  const sorted = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
  const file = join(root, VIEWS_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(sorted, null, 2) + "\n");
  renameSync(`${file}.tmp`, file);
}

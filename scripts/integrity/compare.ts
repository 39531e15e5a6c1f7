// Comparing what was published with the manifest of a trusted build: every file changed,
// removed or added, one line each.
import { MANIFEST_PATH, sha256, type Manifest, type ManifestEntry } from "./manifest.ts";

/** cloaked: a crawler or a visitor from a search engine is served other content than a browser (HTTP only). */
export type DifferenceKind = "changed" | "removed" | "added" | "cloaked" | "error";

export interface Difference {
  kind: DifferenceKind;
  path: string;
  detail?: string;
}

export interface Report {
  /** Files of the manifest (with /manifest.json itself) that were looked at. */
  checked: number;
  /** Further URLs looked at, not in the manifest: robots.txt, sitemaps and the pages they list (HTTP only). */
  extraChecked: number;
  differences: Difference[];
  notes: string[];
}

/**
 * What a published copy should hold: the manifest's files and the manifest itself, exactly
 * as supplied (a host whose /manifest.json differs from the trusted one is reported too).
 */
export function expectedFiles(manifest: Manifest, manifestBytes: Buffer): Map<string, ManifestEntry> {
  const expected = new Map<string, ManifestEntry>();
  for (const f of manifest.files) expected.set(f.path, f);
  expected.set(MANIFEST_PATH, { path: MANIFEST_PATH, size: manifestBytes.length, sha256: sha256(manifestBytes) });
  return expected;
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;

/** The difference for one file, or null when it is the same. */
export function compareFile(expected: ManifestEntry, actual: { size: number; sha256: string }): Difference | null {
  if (expected.sha256 === actual.sha256 && expected.size === actual.size) return null;
  let detail = `sha256 ${short(expected.sha256)} ≠ ${short(actual.sha256)}`;
  if (expected.size !== actual.size) detail += `, ${expected.size} → ${actual.size} bytes`;
  if (expected.path === MANIFEST_PATH) detail += "; the published manifest is not the one supplied";
  return { kind: "changed", path: expected.path, detail };
}

/** Compares a full listing (a folder) with the expected files. */
export function compareListing(expected: Map<string, ManifestEntry>, actual: readonly ManifestEntry[]): Difference[] {
  const differences: Difference[] = [];
  const found = new Map(actual.map((f) => [f.path, f]));
  for (const e of expected.values()) {
    const a = found.get(e.path);
    if (!a) differences.push({ kind: "removed", path: e.path });
    else {
      const d = compareFile(e, a);
      if (d) differences.push(d);
    }
  }
  for (const a of actual) {
    if (!expected.has(a.path)) differences.push({ kind: "added", path: a.path, detail: `${a.size} bytes, sha256 ${short(a.sha256)}` });
  }
  return sortDifferences(differences);
}

const ORDER: DifferenceKind[] = ["changed", "removed", "added", "cloaked", "error"];

/** Grouped by kind (changed, removed, added, error), each group by path. */
export function sortDifferences(list: Difference[]): Difference[] {
  return [...list].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** One line: `changed  /zh-hans/index.html (sha256 3f2a… ≠ 77d0…)`. */
export function formatDifference(d: Difference): string {
  return `${d.kind.padEnd(9)}${d.path}${d.detail ? ` (${d.detail})` : ""}`;
}

export function countKinds(differences: readonly Difference[]): Record<DifferenceKind, number> {
  const counts: Record<DifferenceKind, number> = { changed: 0, removed: 0, added: 0, cloaked: 0, error: 0 };
  for (const d of differences) counts[d.kind]++;
  return counts;
}

export function formatSummary(report: Report): string {
  const c = countKinds(report.differences);
  const looked = `${report.checked} files checked${report.extraChecked ? ` and ${report.extraChecked} more URLs found through robots.txt and sitemaps` : ""}`;
  if (report.differences.length === 0) return `OK: identical to the manifest (${looked}).`;
  const parts = [`${c.changed} changed`, `${c.removed} removed`, `${c.added} added`];
  if (c.cloaked) parts.push(`${c.cloaked} cloaked (served differently to crawlers or search visitors)`);
  if (c.error) parts.push(`${c.error} could not be checked`);
  return `DIFFERENT from the manifest: ${parts.join(", ")} (${looked}).`;
}

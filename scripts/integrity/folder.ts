// Verifying a folder (a copy of what is published): every file is hashed, so changes,
// removals and additions are all found.
import { compareListing, expectedFiles, type Report } from "./compare.ts";
import { scanFolder, type Manifest } from "./manifest.ts";

export function verifyFolder(dir: string, manifest: Manifest, manifestBytes: Buffer): Report {
  const expected = expectedFiles(manifest, manifestBytes);
  return { checked: expected.size, extraChecked: 0, differences: compareListing(expected, scanFolder(dir)), notes: [] };
}

// The build's manifest: every file it wrote into the output, with its SHA-256 and size, in
// <output>/manifest.json. `npm run verify` compares a published copy against it, so a page
// changed on the host (e.g. a title replaced with spam) cannot go unnoticed.
//
// The manifest is deterministic: files sorted by path (UTF-16 code units, not the locale),
// no time stamps, one file a line. Two builds of the same commit give the same manifest,
// byte for byte. It does not list itself.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { KnownFiles } from "./written-files.ts";

/** The manifest's file name, at the root of the output (URL /manifest.json). */
export const MANIFEST_FILE = "manifest.json";
export const MANIFEST_PATH = `/${MANIFEST_FILE}`;
export const MANIFEST_FORMAT = "newsroom-manifest/1";

export interface ManifestEntry {
  /** Site-relative with a leading slash and forward slashes: /zh-hans/index.html */
  path: string;
  size: number;
  /** Lower-case hex. */
  sha256: string;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  algorithm: "sha256";
  files: ManifestEntry[];
}

export function sha256(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Code-unit order, the same on every machine and locale. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Every file under `dir` with its hash and size, sorted by path. Symbolic links are followed
 * (a linked folder is walked once). Paths are site-relative: /a/b.html. A file in `known`
 * is not read again: the build hashed it as it wrote it.
 */
export function scanFolder(dir: string, known: KnownFiles = new Map()): ManifestEntry[] {
  const files: ManifestEntry[] = [];
  // Folders walked, by real path (known without a system call unless reached through a link).
  const seen = new Set<string>();
  const walk = (abs: string, rel: string, real: string) => {
    seen.add(real);
    for (const entry of readdirSync(abs, { withFileTypes: true }).sort((a, b) => comparePaths(a.name, b.name))) {
      const childAbs = join(abs, entry.name);
      const childRel = `${rel}/${entry.name}`;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      let childReal = join(real, entry.name);
      if (entry.isSymbolicLink()) {
        const st = statSync(childAbs);
        isDirectory = st.isDirectory();
        isFile = st.isFile();
        if (isDirectory) childReal = realpathSync(childAbs);
      }
      // A folder is walked once, wherever it is linked from.
      if (isDirectory) {
        if (!seen.has(childReal)) walk(childAbs, childRel, childReal);
      }
      else if (isFile) {
        const k = known.get(childRel);
        if (k) {
          files.push({ path: childRel, size: k.size >= 0 ? k.size : statSync(childAbs).size, sha256: k.sha256 });
          continue;
        }
        const bytes = readFileSync(childAbs);
        files.push({ path: childRel, size: bytes.length, sha256: sha256(bytes) });
      }
    }
  };
  walk(dir, "", realpathSync(dir));
  return files.sort((a, b) => comparePaths(a.path, b.path));
}

/** The manifest of the output folder `dir`: every file but the manifest itself. */
export function createManifest(dir: string, known?: KnownFiles): Manifest {
  return {
    format: MANIFEST_FORMAT,
    algorithm: "sha256",
    files: scanFolder(dir, known).filter((f) => f.path !== MANIFEST_PATH),
  };
}

/** JSON with one file a line, so that two manifests can be read and diffed by a person. */
export function serializeManifest(m: Manifest): string {
  const files = [...m.files].sort((a, b) => comparePaths(a.path, b.path));
  const lines = files.map((f) => `    ${JSON.stringify({ path: f.path, size: f.size, sha256: f.sha256 })}`);
  return (
    `{\n  "format": ${JSON.stringify(m.format)},\n  "algorithm": ${JSON.stringify(m.algorithm)},\n` +
    `  "files": [${lines.length ? `\n${lines.join(",\n")}\n  ` : ""}]\n}\n`
  );
}

/** Writes `dir`/manifest.json (run on a complete output, before it is published). */
export function writeManifest(dir: string, known?: KnownFiles): Manifest {
  const manifest = createManifest(dir, known);
  writeFileSync(join(dir, MANIFEST_FILE), serializeManifest(manifest));
  return manifest;
}

/** Reads and checks a manifest; throws an Error that says what is wrong. */
export function parseManifest(text: string, where: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`${where} is not JSON (${err instanceof Error ? err.message : String(err)}).`);
  }
  const m = raw as Partial<Manifest> | null;
  if (!m || typeof m !== "object" || m.format !== MANIFEST_FORMAT || m.algorithm !== "sha256" || !Array.isArray(m.files)) {
    throw new Error(`${where} is not a build manifest (expected "format": "${MANIFEST_FORMAT}", "algorithm": "sha256" and a "files" list).`);
  }
  const seen = new Set<string>();
  m.files.forEach((f, i) => {
    const ok =
      f &&
      typeof f.path === "string" &&
      f.path.startsWith("/") &&
      !f.path.split("/").some((s) => s === ".." || s === ".") &&
      typeof f.sha256 === "string" &&
      /^[0-9a-f]{64}$/.test(f.sha256) &&
      Number.isInteger(f.size) &&
      f.size >= 0;
    if (!ok) throw new Error(`${where}: files[${i}] is not {"path": "/…", "size": n, "sha256": "<64 hex digits>"}.`);
    if (seen.has(f.path)) throw new Error(`${where}: ${f.path} is listed twice.`);
    seen.add(f.path);
  });
  return m as Manifest;
}

export function readManifest(file: string): { manifest: Manifest; bytes: Buffer } {
  const bytes = readFileSync(file);
  return { manifest: parseManifest(bytes.toString("utf8"), file), bytes };
}

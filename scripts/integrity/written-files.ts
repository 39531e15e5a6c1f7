// Hashes of files the build wrote itself, known without reading them back: the pages as
// Eleventy wrote them (the exact string, plugins/written-pages.ts), hashed in the thread that rendered them,
// and the pages taken unchanged from the last build (whose hashes its manifest holds).
// The manifest then reads and hashes only the files nobody vouched for.
import { sha256 } from "./manifest.ts";

export interface KnownFile {
  /** Bytes; -1: not known (taken from the file). */
  size: number;
  sha256: string;
}

/** Site-relative path (/a/b.html) → size and hash. */
export type KnownFiles = Map<string, KnownFile>;

/** A file written, as it crosses threads: site-relative path (or relative to a folder of it), bytes, SHA-256. */
export type WrittenRow = [path: string, size: number, sha256: string];

export function writtenRow(path: string, bytes: Buffer): WrittenRow {
  return [path, bytes.length, sha256(bytes)];
}

/** What one build vouches for: plugins add what they wrote, the build command's manifest reads it. */
export class WrittenFiles {
  readonly files: KnownFiles = new Map();

  vouchFor(rows: Iterable<readonly [string, number, string]>): void {
    for (const [path, size, sha256] of rows) this.files.set(path, { size, sha256 });
  }
}

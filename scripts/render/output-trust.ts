// Whether a file of the last output is still what the last build wrote, so that a warm build
// may take it over. Reading and hashing every file is the sure way, and it is what an
// untrusted file gets; at 10,000 articles it reads ~550 MB of 22,000 pages, 1–3 s of a warm
// build (more when they are not in the page cache, as in CI). A file's stat answers the same
// question where the kernel's change time (ctime, which no program can set) says nothing
// touched the file since the last build finished with it:
//
// - its identity (inode, size, mtime) is the one the last build recorded on committing;
// - it was written before that build started (mtime), so a file the build itself wrote is
//   hashed once by the next build: a change made while a build runs is caught too;
// - its ctime is older than the build's settled stamp, made once nothing changes its files'
//   link counts any more (linking into a fresh folder and deleting the old one each set the
//   ctime of every file, so the stamp is made after the old output is deleted: integrity/stale.ts).
//
// Any doubt (no stamp yet, a file copied or restored, another file system) falls back to the
// hash. What the stat cannot see is a change that restores the file's mtime made in the few
// seconds between a build's end and its stamp.
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync, type Stats } from "node:fs";
import { basename, dirname, join } from "node:path";
import { sha256 } from "../integrity/manifest.ts";

/** What stays of a file while nobody writes it: inode, size and mtime. */
export function fileIdentity(st: Pick<Stats, "ino" | "size" | "mtimeMs">): string {
  return `${st.ino}:${st.size}:${st.mtimeMs}`;
}

/** The size an identity records. */
export function sizeOf(identity: string): number {
  return Number(identity.split(":")[1]);
}

/** The stamp beside the output (same file system, outside the published folder) for one build. */
export function settledStamp(out: string, token: string): string {
  return join(dirname(out), `.${basename(out)}.newsroom-settled-${token}`);
}

/** A token naming one build's stamp. */
export function stampToken(): string {
  return `${process.pid}-${Date.now()}`;
}

/** Removes the stamps of earlier builds of `out`. */
export function removeOtherStamps(out: string, token: string): void {
  const prefix = `.${basename(out)}.newsroom-settled-`;
  try {
    for (const name of readdirSync(dirname(out))) if (name.startsWith(prefix) && name !== `${prefix}${token}`) rmSync(join(dirname(out), name), { force: true });
  } catch {
    // the folder is gone: nothing to trust anyway
  }
}

const SETTLED = "settled";

/** Makes the stamp: settled at once when the build had no old output to delete; else empty,
 * for the deletion to write into when it is done (integrity/stale.ts). */
export function makeStamp(out: string, token: string, settled: boolean): void {
  writeFileSync(settledStamp(out, token), settled ? SETTLED : "");
}

/** What the last build recorded, as the next build checks it. */
export interface OutputTrust {
  /** Site-relative path → fileIdentity at the last build's commit. */
  identities: Map<string, string>;
  /** When the last build started (ms): files it wrote are hashed. */
  startedAt: number;
  /** The stamp's ctime (ms): a file changed since has a later one. */
  settledAt: number;
}

/** The last build's record for `out`, or null where stats cannot be trusted (no stamp yet). */
export function readTrust(out: string, recorded: { identities?: Record<string, string>; startedAt?: number; settled?: string }): OutputTrust | null {
  if (!recorded.identities || typeof recorded.startedAt !== "number" || typeof recorded.settled !== "string") return null;
  try {
    const stamp = settledStamp(out, recorded.settled);
    if (readFileSync(stamp, "utf8") !== SETTLED) return null; // the old output is still being deleted
    const settledAt = statSync(stamp).ctimeMs;
    return { identities: new Map(Object.entries(recorded.identities)), startedAt: recorded.startedAt, settledAt };
  } catch {
    return null; // the stamp is gone
  }
}

/** Files of the last output taken on trust by their stat, and read and hashed. */
export interface TrustCounts {
  byStat: number;
  byHash: number;
  /** Path → identity of each file taken on trust: the same file, so the same identity next time. */
  trusted: Map<string, string>;
}

export function newCounts(): TrustCounts {
  return { byStat: 0, byHash: 0, trusted: new Map() };
}

/** Whether `dir`/`path` still holds the bytes of `expected` (SHA-256): by its stat where trusted, else by its hash. */
export function stillAsWritten(dir: string, path: string, expected: string, trust: OutputTrust | null, counts: TrustCounts): boolean {
  const file = join(dir, path);
  if (trust) {
    const known = trust.identities.get(path);
    let st: Stats;
    try {
      st = statSync(file);
    } catch {
      return false;
    }
    if (known === fileIdentity(st) && st.mtimeMs < trust.startedAt && st.ctimeMs < trust.settledAt) {
      counts.byStat++;
      counts.trusted.set(path, known);
      return true;
    }
  }
  counts.byHash++;
  try {
    return sha256(readFileSync(file)) === expected;
  } catch {
    return false;
  }
}

/** Each file's identity in the output just swapped in (paths site-relative, /a/b.html); a file
 * taken over on trust (linked: the same inode, size and mtime) is not stat'ed again. */
export function identitiesOf(out: string, paths: readonly string[], known: ReadonlyMap<string, string> = new Map()): Record<string, string> {
  const identities: Record<string, string> = {};
  for (const path of paths) {
    const same = known.get(path);
    if (same) {
      identities[path] = same;
      continue;
    }
    try {
      identities[path] = fileIdentity(statSync(join(out, path)));
    } catch {
      // not there: nothing to trust
    }
  }
  return identities;
}

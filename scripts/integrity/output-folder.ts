// Which folder a build may replace. A build swaps its output folder whole, so the folder it
// is given must be one it made (or a new or empty one): never a git checkout holding CNAME,
// the site's root, the project, `.`, or a folder holding any of them.
//
// Ownership is recorded outside the published folder, since static hosts publish every file
// in it: beside it, in `.<name>.newsroom-owner`, as the identity (inode and birth time) of
// the folder the build made. Another folder put at that path (a clone, a copy of an old
// output into a repository) has another identity, so it is not taken for the build's.
import { accessSync, constants, existsSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync, renameSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative } from "node:path";

/** Why a build will not write to the folder it was given (exit 2). */
export class OutputRefused extends Error {}

export function ownerRecordFor(out: string): string {
  return join(dirname(out), `.${basename(out)}.newsroom-owner`);
}

/** A folder's identity: what stays when it is renamed, and differs for any other folder. */
export function folderIdentity(path: string): string {
  const st = statSync(path, { bigint: true });
  return `${st.ino}:${st.birthtimeNs}`;
}

function readRecord(out: string): string[] {
  try {
    const data = JSON.parse(readFileSync(ownerRecordFor(out), "utf8")) as { folders?: unknown };
    return Array.isArray(data.folders) ? data.folders.filter((f): f is string => typeof f === "string") : [];
  } catch {
    return [];
  }
}

/**
 * Records the folders that are this build's output at `out`: while swapping, both the old
 * output and the new one (a build killed between the two renames leaves either in place).
 */
export function recordOwnership(out: string, folders: readonly string[]): void {
  const file = ownerRecordFor(out);
  const note = "Written by npm run build: the output folder beside this file is the build's own, which it may replace.";
  writeFileSync(`${file}.tmp`, JSON.stringify({ note, folders: folders.map(folderIdentity) }) + "\n");
  renameSync(`${file}.tmp`, file);
}

export function forgetOwnership(out: string): void {
  rmSync(ownerRecordFor(out), { force: true });
}

/** The path with symbolic links resolved, also for a path (or part of one) not yet made. */
function realPath(path: string): string {
  if (existsSync(path)) return realpathSync(path);
  const parent = dirname(path);
  return parent === path ? path : join(realPath(parent), basename(path));
}

function inside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/**
 * Refuses an output path that is, or holds, a folder the build must never delete, that is a
 * file, or that is a mount point (a mount point cannot be renamed, and swapping folders is
 * how a half-written build never reaches readers).
 */
export function checkOutputPath(out: string, protectedFolders: { path: string; what: string }[]): void {
  const real = realPath(out);
  for (const p of protectedFolders) {
    const folder = realPath(p.path);
    if (inside(folder, real)) {
      const which = folder === real ? `is ${p.what}` : `holds ${p.what} (${p.path})`;
      throw new OutputRefused(`--out ${out} ${which}: a build replaces its output folder whole and would delete it. Give --out a folder of its own, e.g. --out _site.`);
    }
  }
  if (!existsSync(out)) return;
  const st = statSync(out);
  if (!st.isDirectory()) throw new OutputRefused(`--out ${out} is a file, not a folder. Give --out a new folder or one an earlier build made.`);
  if (st.dev !== statSync(dirname(real)).dev) {
    throw new OutputRefused(
      `--out ${out} is a mount point: a build writes a new folder beside the output and renames it into place, which a mount point does not allow. ` +
        `Give a folder inside it, e.g. --out ${join(out, "site")}.`,
    );
  }
}

/** Refuses to replace an existing folder this build did not make, unless it is empty. */
export function checkOwnership(out: string): void {
  if (!existsSync(out)) return;
  const entries = readdirSync(out);
  if (entries.length === 0) return;
  const listed = entries.slice(0, 4).join(", ") + (entries.length > 4 ? `, … (${entries.length} entries)` : "");
  if (entries.includes(".git")) {
    throw new OutputRefused(`--out ${out} is a git working copy (it holds .git): a build replaces its output folder whole and would delete it. Give --out a folder of its own, e.g. --out _site, and copy the built site into the working copy from there.`);
  }
  if (readRecord(out).includes(folderIdentity(out))) return;
  throw new OutputRefused(
    `--out ${out} was not made by npm run build and is not empty (${listed}): a build replaces its output folder whole and would delete what is in it. ` +
      `Give --out a new or empty folder; if this is an old build output, delete it yourself first.`,
  );
}

/**
 * Refuses an output the build could not delete once replaced (read-only): it would stay
 * beside the output as trash, one more copy every build. Checks the folder and the folders
 * at its top, where a read-only copy or mount shows.
 */
export function checkReplaceable(out: string): void {
  if (!existsSync(out)) return;
  const folders = [out, ...readdirSync(out, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(out, e.name))];
  for (const folder of folders) {
    try {
      accessSync(folder, constants.W_OK);
    } catch {
      throw new OutputRefused(
        `--out ${out} is read-only (${folder} cannot be changed): a build replaces the output and could not delete the old one. ` +
          `Make it writable (chmod -R u+w ${out}) or give --out another folder.`,
      );
    }
  }
}

// What a killed build leaves beside the output: <out>.tmp-<pid> (a half-written build) and,
// if it died in the middle of swapping folders, <out>.old-<pid> (the last complete output,
// moved aside). The next build removes both when their process is gone, and puts a
// .old-<pid> back in place if <out> itself is missing.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** Whether a process with this id is running (on this machine). */
export function processRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface StaleCleanup {
  removed: string[];
  /** A .old-<pid> folder that was moved back to `out`. */
  restored?: string;
}

/** Removes the leftovers of builds of `out` whose process is no longer running. */
export function cleanStaleOutputs(out: string, running: (pid: number) => boolean = processRunning): StaleCleanup {
  const parent = dirname(out);
  const result: StaleCleanup = { removed: [] };
  if (!existsSync(parent)) return result;
  const prefix = `${basename(out)}.`;
  const stale = readdirSync(parent)
    .map((name) => {
      if (!name.startsWith(prefix)) return null;
      const m = /^(tmp|old)-(\d+)$/.exec(name.slice(prefix.length));
      return m ? { name, kind: m[1], pid: Number(m[2]) } : null;
    })
    .filter((s): s is { name: string; kind: string; pid: number } => s !== null && !running(s.pid))
    // The moved-aside outputs first: one of them may have to be put back.
    .sort((a, b) => (a.kind === b.kind ? a.pid - b.pid : a.kind === "old" ? -1 : 1));
  for (const s of stale) {
    const abs = join(parent, s.name);
    if (s.kind === "old" && !existsSync(out)) {
      renameSync(abs, out);
      result.restored = abs;
    } else {
      rmSync(abs, { recursive: true, force: true });
      result.removed.push(abs);
    }
  }
  return result;
}

/**
 * Removes a replaced output without making the build wait: deleting tens of thousands of
 * files takes longer than writing them. The folder is first renamed out of the way (a
 * hidden sibling, not matched above), then deleted by a detached process. Leftovers of a
 * deletion that did not finish are removed the same way by the next build. `doneFile` (made
 * empty by the caller) says "settled" once the folder is gone: from then on nothing unlinks a
 * file the output shares with it.
 */
export function discardInBackground(dir: string, doneFile?: string): void {
  const trash = join(dirname(dir), `.${basename(dir)}.trash-${process.pid}-${Date.now()}`);
  renameSync(dir, trash);
  removeDetached(trash, doneFile);
}

/** Deletes `path` in a detached process; then, if it was all deleted, writes "settled" into
 * `doneFile` (render/output-trust.ts). It never creates the file: if someone deleted it (or
 * the folder around it) meanwhile, a new file would stop that deletion (ENOTEMPTY). */
function removeDetached(path: string, doneFile?: string): void {
  const done = doneFile ? `; const fd = fs.openSync(${JSON.stringify(doneFile)}, "r+"); fs.writeSync(fd, "settled"); fs.closeSync(fd)` : "";
  const child = spawn(process.execPath, ["-e", `const fs = require("fs"); fs.rmSync(${JSON.stringify(path)}, { recursive: true, force: true })${done}`], {
    detached: true,
    stdio: "ignore",
  });
  child.unref();
}

/** Deletes, in the background, trash that earlier builds of `out` left behind. */
export function emptyTrash(out: string): void {
  const parent = dirname(out);
  if (!existsSync(parent)) return;
  const prefix = `.${basename(out)}.trash-`;
  for (const name of readdirSync(parent)) {
    const m = name.startsWith(prefix) ? /^(\d+)-/.exec(name.slice(prefix.length)) : null;
    if (m && !processRunning(Number(m[1]))) removeDetached(join(parent, name));
  }
}

// One build at a time per output folder: two builds swapping the same folder, with an edit
// in between, could publish the first one's pages under the second one's render index.
//
// The lock is a file beside the output (not in it: it is not published),
// `.<name>.newsroom-lock`, holding the holder's PID, its start time as the system counts it
// (so a PID reused by another process is not taken for the build) and when it started. A
// build that finds the lock held waits for it, up to a limit; a lock whose process is gone
// (killed with -9) is taken over at once.
import { linkSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { processRunning } from "./stale.ts";
import { OutputRefused } from "./output-folder.ts";

/** Default wait for another build of the same folder: longer than a build of a big site takes. */
export const DEFAULT_WAIT_SECONDS = 300;

export interface LockHolder {
  pid: number;
  /** /proc/<pid>/stat's start time (Linux), or null where there is none. */
  processStart: string | null;
  /** ISO time the build started. */
  started: string;
}

export function lockFileFor(out: string): string {
  return join(dirname(out), `.${basename(out)}.newsroom-lock`);
}

/** The start time of a process in clock ticks since boot (Linux), or null. */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (in parentheses, which may itself hold spaces): state is
    // field 3, the start time field 22.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function holderAlive(h: LockHolder): boolean {
  if (!processRunning(h.pid)) return false;
  const now = processStart(h.pid);
  return h.processStart === null || now === null || now === h.processStart;
}

function readHolder(file: string): LockHolder | null {
  try {
    const h = JSON.parse(readFileSync(file, "utf8")) as LockHolder;
    return typeof h.pid === "number" ? h : null;
  } catch {
    return null;
  }
}

/** Age of the lock file in ms, or -1 when it is gone. */
function age(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

/** Removes the lock `stale` describes, unless another build took it over meanwhile. */
function takeOver(file: string, stale: string): void {
  const aside = `${file}.stale-${process.pid}`;
  try {
    renameSync(file, aside);
  } catch {
    return; // gone already: someone else took it over
  }
  let text = "";
  try {
    text = readFileSync(aside, "utf8");
  } catch {
    // unreadable: as stale as the one judged
  }
  if (text !== stale && text !== "") {
    // Another build took over in between and its lock was moved aside: put it back.
    try {
      linkSync(aside, file);
    } catch {
      // a third build holds it now; the one moved aside is lost, and its build goes on
    }
  }
  rmSync(aside, { force: true });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface LockOptions {
  /** How long to wait for another build of the same folder. */
  waitMs: number;
  /** Called once if the lock is held by another build, before waiting. */
  onWait?: (holder: LockHolder, lockFile: string) => void;
}

function describe(h: LockHolder): string {
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(h.started)) / 1000));
  return `process ${h.pid}, started ${h.started} (${seconds} s ago)`;
}

export function heldMessage(out: string, h: LockHolder, file: string): string {
  return `Another build is writing ${out} (${describe(h)}); this one waits for it to finish. Lock: ${file}.`;
}

/**
 * Takes the lock of `out`, waiting for another build holding it. Returns the function that
 * releases it (also called when the process exits). Throws OutputRefused when the wait ends.
 */
export async function acquireBuildLock(out: string, options: LockOptions): Promise<() => void> {
  const file = lockFileFor(out);
  const mine: LockHolder = { pid: process.pid, processStart: processStart(process.pid), started: new Date().toISOString() };
  const text = JSON.stringify(mine) + "\n";
  const deadline = Date.now() + options.waitMs;
  let told = false;
  for (;;) {
    try {
      writeFileSync(file, text, { flag: "wx" });
      const release = () => {
        // Released by the build or at exit, once: a process that builds many times (the
        // tests, a long-running tool) does not pile up exit listeners.
        process.removeListener("exit", release);
        try {
          if (readFileSync(file, "utf8") === text) rmSync(file, { force: true });
        } catch {
          // gone already
        }
      };
      process.once("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    let held = "";
    try {
      held = readFileSync(file, "utf8");
    } catch {
      continue; // released meanwhile
    }
    const holder = readHolder(file);
    // An unreadable lock is being written (for a moment) or was left half written.
    if (holder ? !holderAlive(holder) : age(file) > 5_000) {
      takeOver(file, held);
      continue;
    }
    if (holder && !told) {
      options.onWait?.(holder, file);
      told = true;
    }
    if (Date.now() >= deadline) {
      throw new OutputRefused(
        holder
          ? `Another build is still writing ${out} (${describe(holder)}): stopped after waiting ${Math.round(options.waitMs / 1000)} s. ` +
              `Wait for it to finish (or stop it: kill ${holder.pid}), or wait longer with --wait <seconds>.`
          : `${file} is being written by another build: try again in a moment.`,
      );
    }
    await sleep(200);
  }
}

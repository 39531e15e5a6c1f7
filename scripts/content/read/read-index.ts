// What each editor's file gave when it was last read, kept between build processes in
// .cache/read/: a build that finds a file unchanged takes its reading (fields, body HTML,
// photos, links, warnings) from here instead of parsing, checking and rendering it again,
// which was most of a warm build's time (6.5 s of 14 at 2,000 articles).
//
// Whether a file is unchanged is decided as git decides it: by its stat (inode, size, mtime,
// ctime: ctime changes on every write and no tool sets it back), trusted only when the file
// was last modified well before it was read (else a write in the same tick could hide
// behind an equal mtime); in doubt, by the SHA-256 of its bytes (a fresh checkout in CI has
// every file's stat new and every hash the same). Entries are also bound to everything else
// a reading depends on: the code that reads (every file of scripts/ and the installed
// packages), the site settings the rules use, the blocklist's version, and the photos' stats
// (read-cache.ts). Anything else, or an index that cannot be read, is a read.
//
// The index is a cache and, like .cache/conversions.bin, may come from a store that other
// branches can write: what it brings is body HTML that was sanitized when it was made, and
// the pages built from it pass the output check like every rendered page.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, type Stats } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import type { Problem } from "../problems.ts";

const FORMAT = "newsroom-read-index/1";
const PROJECT = resolve(fileURLToPath(import.meta.url), "../../../..");

/** A stat is trusted only for a file last modified this long before it was read (coarse file-system clocks). */
const RACY_MS = 2000;

export interface StoredRead {
  /** ino:size:mtimeMs:ctimeMs when it was read. */
  stat: string;
  /** When the stat was taken (ms since the epoch). */
  statAt: number;
  mtimeMs: number;
  sha256: string;
  /** The settings and blocklist version it was read with (read-cache.ts). */
  settings: string;
  /** The photos' stats when it was read. */
  photos: string;
  /** The reading, encoded by the kind's codec (dates as instants). */
  source: unknown;
  problems: Problem[];
}

interface IndexFile {
  format: typeof FORMAT;
  code: string;
  entries: Map<string, StoredRead>;
}

let codeKey: string | null = null;

/** The code every reading runs (all of scripts/, the installed packages' lock, Node's version). */
function code(): string {
  if (codeKey !== null) return codeKey;
  const hash = createHash("sha256").update(FORMAT).update(process.version);
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) hash.update(relative(PROJECT, p).split(sep).join("/")).update("\0").update(readFileSync(p));
    }
  };
  walk(join(PROJECT, "scripts"));
  const lock = join(PROJECT, "package-lock.json");
  if (existsSync(lock)) hash.update(readFileSync(lock));
  return (codeKey = hash.digest("base64url"));
}

export function statKey(st: Stats): string {
  return `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("base64url");
}

/** Whether the stat alone may say the file is the one read: same stat, and not written in the tick it was read. */
export function statTrusted(stored: StoredRead, st: Stats): boolean {
  return stored.stat === statKey(st) && stored.mtimeMs < stored.statAt - RACY_MS;
}

/** The persisted readings of one kind of file of one site: loaded once a process, written back when changed. */
export class ReadIndex {
  private entries: Map<string, StoredRead>;
  /** Files looked at in this process (kept when written back); the others are gone or were not asked for. */
  private readonly seen = new Set<string>();
  private dirty = false;

  private constructor(
    readonly file: string,
    entries: Map<string, StoredRead>,
  ) {
    this.entries = entries;
  }

  static open(file: string): ReadIndex {
    let entries = new Map<string, StoredRead>();
    try {
      const data = deserialize(readFileSync(file)) as Partial<IndexFile>;
      if (data.format === FORMAT && data.code === code() && data.entries instanceof Map) entries = data.entries;
    } catch {
      // None yet, unreadable, or of another format: every file is read.
    }
    return new ReadIndex(file, entries);
  }

  get size(): number {
    return this.entries.size;
  }

  get(file: string): StoredRead | undefined {
    this.seen.add(file);
    return this.entries.get(file);
  }

  /** The entry, without counting the file as looked at (another thread's reading, to hand over). */
  peek(file: string): StoredRead | undefined {
    return this.entries.get(file);
  }

  set(file: string, entry: StoredRead): void {
    this.seen.add(file);
    this.entries.set(file, entry);
    this.dirty = true;
  }

  /** A file that must be read again next time (it had errors). */
  drop(file: string): void {
    this.seen.add(file);
    if (this.entries.delete(file)) this.dirty = true;
  }

  /** Writes the index if anything changed: only the files looked at since it was opened (deleted files drop out). */
  save(): void {
    for (const file of this.entries.keys()) {
      if (!this.seen.has(file)) {
        this.entries.delete(file);
        this.dirty = true;
      }
    }
    this.seen.clear();
    if (!this.dirty) return;
    this.dirty = false;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.tmp-${process.pid}`;
      writeFileSync(tmp, serialize({ format: FORMAT, code: code(), entries: this.entries } satisfies IndexFile));
      renameSync(tmp, this.file);
    } catch {
      // A cache: a build that cannot keep it reads every file next time.
      rmSync(this.file, { force: true });
    }
  }
}

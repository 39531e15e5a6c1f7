// Conversion results kept between builds, keyed by the text and the converter's version
// (dictionaries, glossary, code): an unchanged page is not converted again.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

const opened = new Map<string, ConversionCache>();

export class ConversionCache {
  /** The cache of `file`, read from disk once a process (the dev server rebuilds often). */
  static open(file: string | null): ConversionCache {
    if (!file) return new ConversionCache(null);
    let cache = opened.get(file);
    if (!cache) opened.set(file, (cache = new ConversionCache(file)));
    cache.hits = cache.misses = 0;
    return cache;
  }

  private entries = new Map<string, string>();
  private used = new Set<string>();
  private dirty = false;
  hits = 0;
  misses = 0;

  constructor(private readonly file: string | null) {
    if (!file) return;
    try {
      const data = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
      this.entries = new Map(Object.entries(data));
    } catch {
      // No cache yet, or unreadable: start empty.
    }
  }

  static key(version: string, kind: string, text: string): string {
    return createHash("sha1").update(version).update("\0").update(kind).update("\0").update(text).digest("base64url");
  }

  /** Whether a result is there, without counting a hit or a miss. */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** A result, without counting a hit or a miss (short texts: the figures count articles). */
  peek(key: string): string | undefined {
    const v = this.entries.get(key);
    if (v !== undefined) this.used.add(key);
    return v;
  }

  get(key: string): string | undefined {
    const v = this.entries.get(key);
    if (v !== undefined) {
      this.hits++;
      this.used.add(key);
    } else this.misses++;
    return v;
  }

  set(key: string, value: string): void {
    this.entries.set(key, value);
    this.used.add(key);
    this.dirty = true;
  }

  private timer: NodeJS.Timeout | null = null;

  /** Saves a little later, once edits pause: for the dev server, which rebuilds on every save. */
  saveSoon(delayMs = 2000): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.save(), delayMs);
    this.timer.unref();
  }

  /** Writes what this build used (so the cache does not grow without end), atomically. */
  save(): void {
    if (!this.file) return;
    if (!this.dirty && this.used.size === this.entries.size) return;
    const out: Record<string, string> = {};
    for (const key of this.used) out[key] = this.entries.get(key)!;
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(out));
    renameSync(tmp, this.file);
    this.dirty = false;
  }
}

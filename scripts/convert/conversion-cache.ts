// Conversion results kept between builds, keyed by the text and the converter's version
// (dictionaries, glossary, code): an unchanged page is not converted again.
//
// Kept in V8's serialisation of a Map, not JSON: Chinese text is stored as the two-byte
// strings V8 holds, so nothing is decoded from or encoded to UTF-8. At 10,000 articles
// (23,574 entries), in a build's profile: reading 296 ms as JSON, 56 ms so; writing 264 and 92 ms.
// Deserialising makes data only (strings, Maps), never code; what is read is checked as before.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { deserialize, serialize } from "node:v8";

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
      const data: unknown = deserialize(readFileSync(file));
      if (data instanceof Map) for (const [k, v] of data) if (typeof k === "string" && typeof v === "string") this.entries.set(k, v);
    } catch {
      // No cache yet, or unreadable: start empty.
    }
  }

  static key(version: string, kind: string, text: string): string {
    // The text as UTF-16, as V8 holds Chinese text: no UTF-8 encoding before hashing.
    return createHash("sha1").update(version).update("\0").update(kind).update("\0").update(text, "utf16le").digest("base64url");
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
    const out = new Map<string, string>();
    for (const key of this.used) out.set(key, this.entries.get(key)!);
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, serialize(out));
    renameSync(tmp, this.file);
    // The JSON cache of builds before this format (conversions.json): 44 MB at 10,000 articles, never read again.
    if (this.file.endsWith(".bin")) rmSync(this.file.replace(/\.bin$/, ".json"), { force: true });
    this.dirty = false;
  }
}

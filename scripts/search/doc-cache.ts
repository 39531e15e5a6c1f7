// Each article's part of the search index kept between builds in .cache/search/: its postings
// (keys and weights after folding and word bounds, as IndexBuilder.add posted them) and its
// document files' SHA-256 and size, so a build that meets the same article again neither parses
// its HTML nor keys its text (its files are hard-linked from the last index, write-index.ts); the shards are grouped again from these postings, in document order, so
// the index is the bytes a cold build writes.
//
// An entry is found by a digest of the article's pages as the index job has them, and of the
// binding: the index code (scripts/search/, search-keys.js, the OpenCC tables' package) and the
// word-bounds lexicon. The file is untrusted input: a checksum over it, then every entry's shape
// and keys are checked; anything else is a cold build, never a wrong index.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import type { PageInput } from "./documents.ts";
import { isPostedCode, type DocPostings } from "./index-builder.ts";
import type { Lexicon } from "./word-bounds.ts";

const FORMAT = "newsroom-search-docs/1";
const HERE = dirname(fileURLToPath(import.meta.url));
const PROJECT = resolve(HERE, "../..");

export interface CachedDoc {
  postings: DocPostings;
  /** Each script's document file: [variant, SHA-256 (hex), size]. */
  files: [string, string, number][];
}

/** The index folder the cache's last build wrote (under the search folder), and its files by SHA-256: [path in it, ino:size:mtimeMs]. */
export interface LastIndex {
  version: string;
  files: Map<string, [string, string]>;
}

/** A file's stat as compared before it is linked: any write to it changes its mtime or size, a new file its inode. */
export function statKey(s: { ino: number; size: number; mtimeMs: number }): string {
  return `${s.ino}:${s.size}:${s.mtimeMs}`;
}

let codeDigest: string | null = null;

/** The code whose output an entry is: this folder, the key rules, the fold tables' package. */
export function indexCode(): string {
  if (codeDigest) return codeDigest;
  const h = createHash("sha256");
  for (const name of readdirSync(HERE).sort()) if (name.endsWith(".ts")) h.update(name + "\0").update(readFileSync(join(HERE, name))).update("\0");
  for (const f of ["assets/js/search-keys.js", "node_modules/opencc-js/package.json"]) {
    try {
      h.update(f + "\0").update(readFileSync(join(PROJECT, f)));
    } catch {
      h.update(f + " missing\0");
    }
  }
  return (codeDigest = h.digest("hex"));
}

/** The binding of entries: the index code and the lexicon's words. */
export function bindingOf(lexicon: Lexicon): string {
  return createHash("sha256").update(FORMAT).update(indexCode()).update([...lexicon.words].sort().join("\n")).digest("hex");
}

/** The digest an article's entry is found by. */
export function digestOf(binding: string, pages: PageInput[]): string {
  return createHash("sha256").update(binding).update(JSON.stringify(pages)).digest("base64");
}

function isPostings(p: unknown): p is DocPostings {
  if (!p || typeof p !== "object") return false;
  const { keys, weights, strs } = p as DocPostings;
  if (!(keys instanceof Int32Array) || !(weights instanceof Uint8Array) || !Array.isArray(strs) || keys.length !== weights.length) return false;
  if (!strs.every((s) => typeof s === "string" && s !== "")) return false;
  let nextStr = 0;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const w = weights[i];
    if (w! > 15) return false;
    // String keys are numbered in the order posted (-1, -2 …), as add() records them.
    if (k < 0) {
      if (k !== -1 - nextStr++) return false;
    } else if (!isPostedCode(k)) return false;
  }
  return nextStr === strs.length;
}

function isCachedDoc(e: unknown): e is CachedDoc {
  if (!e || typeof e !== "object") return false;
  const { postings, files } = e as CachedDoc;
  return isPostings(postings) && Array.isArray(files) && files.every((f) => Array.isArray(f) && f.length === 3 && typeof f[0] === "string" && /^[a-z0-9-]+$/i.test(f[0]) && typeof f[1] === "string" && /^[0-9a-f]{64}$/.test(f[1]) && Number.isInteger(f[2]) && f[2] >= 0);
}

/** The entries of `file` made under `binding`; none when it is missing, damaged, foreign or of another binding. */
export function loadDocCache(file: string, binding: string): { entries: Map<string, CachedDoc>; last: LastIndex | null } {
  const found = new Map<string, CachedDoc>();
  const none = { entries: new Map<string, CachedDoc>(), last: null };
  const data = readChecked(file) as { format?: unknown; binding?: unknown; entries?: unknown; last?: unknown } | null;
  if (!data || data.format !== FORMAT || data.binding !== binding || !Array.isArray(data.entries)) return none;
  for (const item of data.entries as unknown[]) {
    if (!Array.isArray(item) || item.length !== 2 || typeof item[0] !== "string" || !isCachedDoc(item[1])) return none;
    found.set(item[0], item[1]);
  }
  return { entries: found, last: lastIndexOf(data.last) };
}

function lastIndexOf(v: unknown): LastIndex | null {
  if (!v || typeof v !== "object") return null;
  const { version, files } = v as { version?: unknown; files?: unknown };
  if (typeof version !== "string" || !/^[0-9a-f]{12}$/.test(version) || !Array.isArray(files)) return null;
  const map = new Map<string, [string, string]>();
  for (const f of files as unknown[]) {
    // Only document files: d/<variant>/<id>.json.
    if (!Array.isArray(f) || f.length !== 3 || typeof f[0] !== "string" || typeof f[1] !== "string" || typeof f[2] !== "string" || !/^d\/[a-z0-9-]+\/\d+\.json$/i.test(f[1])) return null;
    map.set(f[0], [f[1], f[2]]);
  }
  return { version, files: map };
}

/** Writes the entries of this build (and only those) into `file`, whole, swapped in by a rename. */
export function saveDocCache(file: string, binding: string, entries: Map<string, CachedDoc>, last: LastIndex): void {
  writeChecked(file, { format: FORMAT, binding, entries: [...entries], last: { version: last.version, files: [...last.files].map(([sha, [path, stat]]) => [sha, path, stat]) } });
}

/** A file of .cache/search/: a SHA-256 of its payload (v8-serialised) ahead of it; null when missing, damaged or not v8's. */
function readChecked(file: string): unknown {
  try {
    const bytes = readFileSync(file);
    if (bytes.length < 32 || !createHash("sha256").update(bytes.subarray(32)).digest().equals(bytes.subarray(0, 32))) return null;
    return deserialize(bytes.subarray(32));
  } catch {
    return null;
  }
}

function writeChecked(file: string, value: unknown): void {
  const payload = serialize(value);
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, Buffer.concat([createHash("sha256").update(payload).digest(), payload]));
  renameSync(tmp, file);
}

/**
 * The words Intl.Segmenter found in this sample (word-bounds.ts chunks) when a build last met
 * it, kept in `file`: ICU costs ~0.3 s a build at 2,000 articles. Found by a digest of the sample,
 * the index code and ICU's version; else segmented now and kept.
 */
export function cachedLexicon(file: string, chunks: string[], make: () => Lexicon, fromWords: (words: string[], sampled: number) => Lexicon): Lexicon {
  const h = createHash("sha256").update(FORMAT).update(indexCode()).update(process.versions.icu ?? "");
  for (const c of chunks) h.update(c).update("\0");
  const key = h.digest("hex");
  const data = readChecked(file) as { key?: unknown; words?: unknown; sampled?: unknown } | null;
  if (data && data.key === key && Array.isArray(data.words) && data.words.every((w) => typeof w === "string") && Number.isInteger(data.sampled)) {
    return fromWords(data.words as string[], data.sampled as number);
  }
  const lexicon = make();
  writeChecked(file, { key, words: [...lexicon.words], sampled: chunks.reduce((n, c) => n + c.length, 0) });
  return lexicon;
}

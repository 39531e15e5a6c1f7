// Writes the search index into the build output:
//   search/manifest.json          small, always fetched fresh: format, counts, fold table, and
//   search/<hash>/s/<n>.bin       the folder of this build's files (named by their content, so
//   search/<hash>/d/<variant>/<id>.json   hosts and browsers may cache them for good)
// The shards (s/) are shared by every script; each script has its own document files (d/).
import { createHash } from "node:crypto";
import { writtenRow, type WrittenRow } from "../integrity/written-files.ts";
import { linkSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FORMAT, type Manifest } from "../../assets/js/search-format.js";
import { searchDocuments, type IndexJob, type SearchDocument } from "./documents.ts";
import { foldPairsFor, foldText, packFold } from "./fold.ts";
import { IndexBuilder, type BuilderOptions, type DocPostings } from "./index-builder.ts";
import { variantEntries } from "./variants.ts";
import { Lexicon } from "./word-bounds.ts";
import { bindingOf, cachedLexicon, digestOf, loadDocCache, saveDocCache, statKey, type CachedDoc, type LastIndex } from "./doc-cache.ts";

export const MANIFEST = "manifest.json";

export interface WriteStats {
  docs: number;
  keys: number;
  postings: number;
  shards: number;
  /** Bytes written: shards, document files, manifest. */
  shardBytes: number;
  docBytes: number;
  manifestBytes: number;
  files: number;
  /** The folder of this build's files, under the search folder. */
  version: string;
  /** Every file written, relative to the search folder: [path, bytes, SHA-256] (for the build's manifest). */
  written: WrittenRow[];
  /** Milliseconds: adding documents (fold, keys, postings), writing document files, grouping into shards, writing shards. */
  timings: { index: number; docFiles: number; shards: number; shardFiles: number };
  /** Documents keyed now, and taken from .cache/search/ (doc-cache.ts). */
  keyedDocs: number;
  cachedDocs: number;
  /** Document files hard-linked from the last index instead of written. */
  linkedFiles: number;
}

export interface WriteOptions extends BuilderOptions {
  /** Every script's path (zh-hans …), listed even when no document has it yet. */
  variants?: string[];
  /** Words for word bounds; else sampled from the documents' first titles and summaries. */
  lexicon?: Lexicon;
  /** Entries of the documents of this build, for doc-cache.ts: filled with each document's by its digest. */
  keep?: Map<string, CachedDoc>;
  /** The last index's document files (doc-cache.ts): a file of the same bytes, still as written, is hard-linked instead of written. */
  previous?: LastIndex | null;
  /** The search folder the previous index is in, if not `dir` (a build into a fresh output folder). */
  previousDir?: string;
  /** Filled with this index's document files, for the next build's `previous`. */
  written?: LastIndex;
  /** Document files hard-linked from the previous index (a count, filled). */
  linked?: { count: number };
}

/** A document taken from the cache (doc-cache.ts) instead of keyed: its postings and files, and its date (for the years). */
export interface CachedItem {
  cached: CachedDoc;
  /** Its document files' bytes, made again from its pages (when the last index's cannot be linked). */
  files(): [string, Buffer][];
  digest: string;
  date: string;
}

/** A document to key (with its cache digest, to keep its entry), or one from the cache. */
export type IndexItem = (SearchDocument & { digest?: string }) | CachedItem;

/** The file of .cache/search/ a job's entries are kept in. */
export const DOC_CACHE = "documents.bin";

/** Writes a build's index: the one call of both paths, in the main thread and in the worker. */
export function writeIndexJob(job: IndexJob): WriteStats {
  const lexicon = lexiconOf(job);
  if (!job.cacheDir) return writeSearchIndex(searchDocuments(job.articles), job.dir, { variants: job.variants, lexicon });
  const file = join(job.cacheDir, DOC_CACHE);
  const binding = bindingOf(lexicon);
  const { entries: cache, last: previous } = loadDocCache(file, binding);
  const keep = new Map<string, CachedDoc>();
  const items = function* (): Generator<IndexItem> {
    for (const pages of job.articles) {
      const digest = digestOf(binding, pages);
      const cached = cache.get(digest);
      const files = () => [...[...searchDocuments([pages])][0]!.variants].map(([v, f]): [string, Buffer] => [v, Buffer.from(JSON.stringify(f), "utf8")]);
      if (cached) yield { cached, digest, date: pages[0]?.file.i ?? "", files };
      else for (const doc of searchDocuments([pages])) yield { ...doc, digest };
    }
  };
  const written: LastIndex = { version: "", files: new Map() };
  const linked = { count: 0 };
  const stats = writeSearchIndex(items(), job.dir, { variants: job.variants, lexicon, keep, previous, written, linked, ...(job.previousDir ? { previousDir: job.previousDir } : {}) });
  written.version = stats.version;
  saveDocCache(file, binding, keep, written);
  stats.cachedDocs = stats.docs - stats.keyedDocs;
  stats.linkedFiles = linked.count;
  return stats;
}

/**
 * The words that tell real pair matches (word-bounds.ts), from the articles' titles and
 * summaries, oldest first (articles come newest first): a new article changes no sample once the
 * sample is full, so it does not change every other article's keys (doc-cache.ts).
 */
function lexiconOf(job: IndexJob): Lexicon {
  const chunks = Lexicon.chunksOf(
    (function* () {
      for (let i = job.articles.length - 1; i >= 0; i--) {
        const p = job.articles[i]![0];
        if (p) yield foldText(p.file.m ? `${p.file.t}\n${p.file.m}` : p.file.t);
      }
    })(),
  );
  const make = () => {
    const lexicon = new Lexicon();
    for (const c of chunks) lexicon.sample(c);
    return lexicon;
  };
  return job.cacheDir ? cachedLexicon(join(job.cacheDir, "lexicon.bin"), chunks, make, Lexicon.fromWords) : make();
}

/** The same from documents at hand. */
function lexiconOfDocuments(documents: SearchDocument[]): Lexicon {
  const lexicon = new Lexicon();
  lexicon.sampleMany(
    (function* () {
      for (let i = documents.length - 1; i >= 0; i--) {
        const doc = documents[i]!;
        const [variant, d] = [...doc.variants][0] ?? [];
        if (!d) continue;
        const m = doc.summaries?.get(variant!) ?? d.m;
        yield foldText(m ? `${d.t}\n${m}` : d.t);
      }
    })(),
  );
  return lexicon;
}

/** Hard-links the previous index's file of these bytes to `to`, if it is still as that build left it. */
function linkFromPrevious(previous: LastIndex | null | undefined, dir: string, sha: string, to: string): { key: string; linked: boolean } | null {
  const had = previous?.files.get(sha);
  if (!had) return null;
  const from = join(dir, previous!.version, had[0]);
  try {
    if (statKey(statSync(from)) !== had[1]) return null;
    linkSync(from, to);
    return { key: had[1], linked: true };
  } catch {
    return null;
  }
}

function writeAndStat(to: string, bytes: Buffer, keep: LastIndex | undefined): { key: string; linked: boolean } | null {
  writeFileSync(to, bytes);
  return keep ? { key: statKey(statSync(to)), linked: false } : null;
}

/** Writes the index of `documents` into `dir` (the site's /search/ folder). */
export function writeSearchIndex(documents: Iterable<IndexItem>, dir: string, options: WriteOptions = {}): WriteStats {
  mkdirSync(dir, { recursive: true });
  const work = join(dir, `.tmp-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, "s"), { recursive: true });
  const hash = createHash("sha256");
  const builder = new IndexBuilder(options, options.lexicon ?? (Array.isArray(documents) ? lexiconOfDocuments(documents as SearchDocument[]) : undefined));
  const years = new Map<string, [number, number][]>();
  const variants = new Set<string>();
  for (const v of options.variants ?? []) {
    variants.add(v);
    mkdirSync(join(work, "d", v), { recursive: true });
  }
  let docBytes = 0;
  let files = 0;
  const written: WrittenRow[] = [];
  // Each file's SHA-256 is taken once: for the build's manifest, and (hashed again) for the folder's name.
  const record = (path: string, bytes: Buffer) => {
    const row = writtenRow(path, bytes);
    written.push(row);
    return row[2];
  };

  const timings = { index: 0, docFiles: 0, shards: 0, shardFiles: 0 };
  let t = performance.now();
  const lap = (phase: keyof typeof timings) => {
    const now = performance.now();
    timings[phase] += now - t;
    t = now;
  };
  let keyedDocs = 0;
  for (const doc of documents) {
    t = performance.now();
    let id: number;
    let date: string;
    // [variant, bytes, or the SHA-256 and size of bytes the last index may hold].
    let docFiles: [string, Buffer | null, string, number][];
    // A keyed document's postings, kept with its files' hashes once they are written.
    let toKeep: { digest: string; postings: DocPostings } | null = null;
    if ("cached" in doc) {
      id = builder.addPostings(doc.cached.postings);
      date = doc.date;
      docFiles = doc.cached.files.map(([v, sha, size]) => [v, null, sha, size]);
      options.keep?.set(doc.digest, doc.cached);
    } else {
      keyedDocs++;
      const texts = [...doc.variants];
      const first = texts[0]?.[1];
      if (options.keep && doc.digest) builder.record();
      id = builder.add(
        texts.map(([variant, d]) => ({
          title: d.t,
          body: d.b,
          summary: doc.summaries?.get(variant) ?? d.m,
          meta: d.o || d.e || d.g?.length ? [d.o ?? "", d.e ?? "", ...(d.g ?? [])].join("\n") : undefined,
        })),
        { section: doc.section, source: first?.o ? foldText(first.o) : undefined },
      );
      date = first?.i ?? "";
      docFiles = texts.map(([variant, file]) => [variant, Buffer.from(JSON.stringify(file), "utf8"), "", 0]);
      if (options.keep && doc.digest) toKeep = { digest: doc.digest, postings: builder.recorded() };
    }
    // Ids are in date order: a year is a run of ids (or a few, if the order is not by date).
    const year = date.slice(0, 4);
    if (/^\d{4}$/.test(year)) {
      const runs = years.get(year) ?? [];
      const last = runs[runs.length - 1];
      if (last && last[1] === id - 1) last[1] = id;
      else runs.push([id, id]);
      years.set(year, runs);
    }
    lap("index");
    let made: [string, Buffer][] | null = null;
    const kept: [string, string, number][] = [];
    for (const [variant, given, knownSha, knownSize] of docFiles) {
      if (!variants.has(variant)) {
        variants.add(variant);
        mkdirSync(join(work, "d", variant), { recursive: true });
      }
      const rel = `d/${variant}/${id}.json`;
      const to = join(work, rel);
      let sha: string;
      let size: number;
      const linked = given ? null : linkFromPrevious(options.previous, options.previousDir ?? dir, knownSha, to);
      if (linked) {
        [sha, size] = [knownSha, knownSize];
        written.push([rel, size, sha]);
        if (options.linked) options.linked.count++;
        options.written?.files.set(sha, [rel, linked.key]);
      } else {
        // Not in the last index as it was written: the bytes, made again from the pages if cached.
        const bytes = given ?? (made ??= (doc as CachedItem).files()).find(([v]) => v === variant)![1];
        sha = record(rel, bytes);
        size = bytes.length;
        const stat = writeAndStat(to, bytes, options.written);
        if (stat) options.written?.files.set(sha, [rel, stat.key]);
      }
      hash.update(`d/${variant}/${id} ${sha}\n`);
      docBytes += size;
      files++;
      kept.push([variant, sha, size]);
    }
    if (toKeep) options.keep!.set(toKeep.digest, { postings: toKeep.postings, files: kept });
    lap("docFiles");
  }

  t = performance.now();
  for (const [key, value] of variantEntries((w) => builder.has(w))) builder.addEntry(key, value);
  const index = builder.finish();
  lap("shards");
  let shardBytes = 0;
  index.shards.forEach((bytes, n) => {
    writeFileSync(join(work, "s", `${n}.bin`), bytes);
    hash.update(`s/${n} ${record(`s/${n}.bin`, bytes)}\n`);
    shardBytes += bytes.length;
    files++;
  });
  lap("shardFiles");

  const version = hash.digest("hex").slice(0, 12);
  const manifest: Manifest = {
    format: FORMAT,
    base: `${version}/`,
    docs: index.docs,
    shards: index.shardCount,
    // A query character can only meet the index through a character the index holds.
    fold: packFold(foldPairsFor((ch) => index.hasKey(ch))),
    variants: Object.fromEntries([...variants].sort().map((v) => [v, `d/${v}/`])),
    years: Object.fromEntries(years),
  };
  const manifestText = JSON.stringify(manifest);
  // Written files are recorded under their place in this build's folder.
  for (const row of written) row[0] = `${version}/${row[0]}`;
  record(MANIFEST, Buffer.from(manifestText, "utf8"));

  // Swap in this build's folder, then the manifest that points to it; drop older builds' folders.
  rmSync(join(dir, version), { recursive: true, force: true });
  renameSync(work, join(dir, version));
  writeFileSync(join(dir, MANIFEST), manifestText);
  for (const name of readdirSync(dir)) {
    if (name !== version && /^[0-9a-f]{12}$/.test(name)) rmSync(join(dir, name), { recursive: true, force: true });
  }
  return {
    docs: index.docs,
    keys: index.keys,
    postings: index.postings,
    shards: index.shardCount,
    shardBytes,
    docBytes,
    manifestBytes: Buffer.byteLength(manifestText),
    files: files + 1,
    version,
    written,
    timings,
    keyedDocs,
    cachedDocs: 0,
    linkedFiles: 0,
  };
}

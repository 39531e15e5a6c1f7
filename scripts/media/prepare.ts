// The asynchronous half of publishing media (the synchronous half, which runs while
// Markdown renders, is markdown/photos.ts): after every article and page is read, each
// photo they reference is decoded and re-encoded (media/encode.ts) in every size and format
// it is published as (media/variants.ts), or each of those taken from .cache/media once
// verified (media/cache.ts); videos, audio and subtitles, which cannot be re-encoded here,
// are checked again by their bytes. A problem is reported at every line
// that references the file. The build, the dev server and `npm run check` all run this.
import { readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import type { Problems } from "../content/problems.ts";
import type { MediaCopy } from "../markdown/photos.ts";
import { inspectMedia, NOUN } from "../markdown/photos.ts";
import { MediaCache, isImageOf, mediaCacheDir, sha256 } from "./cache.ts";
import { createHash } from "node:crypto";
import { EncodeError, encodeVariant, encoderId, reencode } from "./encode.ts";
import type { ImageType } from "./sniff.ts";

export interface MediaSource {
  file: string;
  copies: ReadonlyMap<string, MediaCopy>;
}

export interface MediaStats {
  /** Distinct photo files; how many files (each size and format of each) were encoded now and how many came from the cache. */
  photos: number;
  encoded: number;
  cached: number;
  /** Time spent encoding (wall clock, from the first encoding to the last), in milliseconds. */
  encodeMs: number;
  /** Cache files that failed verification (and were encoded again). */
  rejected: number;
  /** Distinct video, audio and subtitles files. */
  other: number;
}

interface Job {
  abs: string;
  first: MediaCopy;
  copies: MediaCopy[];
  refs: { file: string; line?: number }[];
}

// The dev server prepares the same photos on every rebuild: what this process verified stays verified while the file is unchanged.
const done = new Map<string, { stamp: string; type: string; width?: number; height?: number; published: string; variants: string[] }>();

/** A cache file this process made or verified is still there (it could have been removed since). */
function exists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Decodes and re-encodes every photo of `sources` (two at a time on two cores), setting each copy's `published`. */
export async function prepareMedia(
  sources: { articles: readonly MediaSource[]; pages: readonly MediaSource[] },
  problems: Problems,
  options: { root: string; cacheDir?: string; concurrency?: number },
): Promise<MediaStats> {
  const jobs = new Map<string, Job>();
  for (const source of [...sources.articles, ...sources.pages]) {
    for (const [abs, copy] of source.copies) {
      delete copy.published;
      for (const v of copy.variants ?? []) delete v.published;
      let job = jobs.get(abs);
      if (!job) jobs.set(abs, (job = { abs, first: copy, copies: [], refs: [] }));
      job.copies.push(copy);
      if (copy.lines.length === 0) job.refs.push({ file: source.file });
      for (const line of copy.lines) job.refs.push({ file: source.file, line });
    }
  }
  const cache = new MediaCache(options.cacheDir ?? mediaCacheDir(options.root));
  const stats: MediaStats = { photos: 0, encoded: 0, cached: 0, encodeMs: 0, rejected: 0, other: 0 };
  // sharp works on libuv's thread pool: one encoding a core keeps both busy without holding more decoded photos in memory than that.
  const width = Math.max(1, Math.min(options.concurrency ?? availableParallelism(), 4));
  const slots = limiter(width);
  let encodingSince = 0;
  let encoding = 0;
  /** Runs one encoding in a free slot, timing the spans when any runs. */
  const timed = (encode: () => Promise<Buffer>) =>
    slots(async () => {
      if (encoding++ === 0) encodingSince = performance.now();
      try {
        return await encode();
      } finally {
        if (--encoding === 0) stats.encodeMs += performance.now() - encodingSince;
      }
    });
  const fail = (job: Job, message: string, hint: string) => {
    const noun = NOUN[job.first.kind];
    for (const ref of job.refs) {
      // Named as the editor would write it: ./name beside the file, /assets/… otherwise.
      const rel = relative(dirname(join(options.root, ref.file)), job.abs).split(sep).join("/");
      const name = rel.startsWith("..") ? "/" + relative(options.root, job.abs).split(sep).join("/") : `./${rel}`;
      problems.error(ref.file, `the ${noun} ${name} ${message}`, { line: ref.line, hint });
    }
  };

  const run = async (job: Job): Promise<void> => {
    const { first } = job;
    // The file may have changed since the article was read: judged again as it is now.
    let stamp: string;
    try {
      const st = statSync(job.abs);
      stamp = `${st.mtimeMs}:${st.size}`;
    } catch {
      return fail(job, "was removed while the site was being built.", "Build again.");
    }
    const now = inspectMedia(job.abs, first.kind);
    if (now.type !== first.type || now.sha256 !== first.sha256) {
      return fail(job, "changed while the site was being built.", "Build again.");
    }
    const memo = done.get(job.abs);
    const pictured = job.copies.some((c) => c.pictured);
    if (memo && memo.stamp === stamp && memo.type === first.type && memo.width === first.width && memo.height === first.height && (!pictured || memo.variants.length > 0) && [memo.published, ...memo.variants].every(exists)) {
      for (const c of job.copies) publish(c, memo.published, memo.variants);
      if (first.kind === "image") stats.photos++, (stats.cached += memo.variants.length || 1);
      else stats.other++;
      return;
    }
    let published: string;
    let variants: string[] = [];
    if (first.kind !== "image") {
      // Checked by magic bytes (markdown/photos.ts) and published under its real type's extension; never re-encoded.
      stats.other++;
      published = job.abs;
    } else {
      stats.photos++;
      const type = first.type as ImageType;
      const bytes = readFileSync(job.abs);
      const source = sha256(bytes);
      // The variants' names carry the hash the page was made with: they must be encoded from those very bytes.
      if (source !== first.sha256) return fail(job, "changed while the site was being built.", "Build again.");
      /** A file from the cache, or encoded now and kept there; null when it cannot be made. */
      const make = async (id: string, format: ImageType, w: number | undefined, h: number | undefined, encode: () => Promise<Buffer>): Promise<string | null> => {
        const key = `${source}-${id}`;
        const hit = cache.find(key, format, w, h);
        if (hit) {
          stats.cached++;
          return hit;
        }
        const out = await timed(encode);
        if (!isImageOf(out, format, w, h)) return null;
        stats.encoded++;
        return cache.store(key, format, out);
      };
      try {
        if (first.variants) {
          // Each size and format on its own; the largest fallback (the last) is also `url`. A
          // photo no page shows in a <picture> (a poster) needs that one only.
          const wanted = pictured ? first.variants : first.variants.slice(-1);
          const made = await Promise.all(wanted.map((v) => make(variantId(v.format, v.width, v.height), v.format, v.width, v.height, () => encodeVariant(bytes, type, v.format, v.width, v.height))));
          if (made.some((m) => m === null)) return fail(job, "could not be scaled to the sizes the pages show.", "Open it in an image editor and save (export) it again as JPEG or PNG.");
          published = made[made.length - 1] as string;
          if (pictured) variants = made as string[];
        } else {
          const one = await make(encoderId(), type, first.width, first.height, () => reencode(bytes, type));
          if (!one) return fail(job, `changed its size when re-encoded (${first.width}×${first.height} in its header).`, "Open it in an image editor and save (export) it again as JPEG or PNG.");
          published = one;
        }
      } catch (err) {
        if (err instanceof EncodeError) return fail(job, err.message, err.hint);
        throw err;
      }
    }
    done.set(job.abs, { stamp, type: first.type, width: first.width, height: first.height, published, variants });
    for (const c of job.copies) publish(c, published, variants);
  };

  const queue = [...jobs.values()];
  await Promise.all(
    Array.from({ length: Math.min(width, queue.length) }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await run(job);
    }),
  );
  stats.rejected = cache.rejected;
  return stats;
}

/** Sets what a copy and each of its variants are published from (`variants` in the copy's order). */
function publish(copy: MediaCopy, published: string, variants: readonly string[]): void {
  copy.published = published;
  copy.variants?.forEach((v, i) => (v.published = variants[i]));
}

/** The cache key's second half for one size and format: the encoder (sharp, libvips, settings) and the target. */
function variantId(format: ImageType, width: number, height: number): string {
  return createHash("sha256").update(`${encoderId()}:${format}:${width}x${height}`).digest("hex").slice(0, 16);
}

/** At most `n` of the functions given run at once; the others wait in order. */
function limiter(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (fn) => {
    // A slot freed is handed to the next in line, so that no newcomer takes it in between.
    if (running < n) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

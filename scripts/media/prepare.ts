// The asynchronous half of publishing media (the synchronous half, which runs while
// Markdown renders, is markdown/photos.ts): after every article and page is read, each
// photo they reference is decoded and re-encoded (media/encode.ts), or taken from
// .cache/media once verified (media/cache.ts); videos, audio and subtitles, which cannot
// be re-encoded here, are checked again by their bytes. A problem is reported at every line
// that references the file. The build, the dev server and `npm run check` all run this.
import { readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import type { Problems } from "../content/problems.ts";
import type { MediaCopy } from "../markdown/photos.ts";
import { inspectMedia, NOUN } from "../markdown/photos.ts";
import { MediaCache, isImageOf, mediaCacheDir, sha256 } from "./cache.ts";
import { EncodeError, encoderId, reencode } from "./encode.ts";
import type { ImageType } from "./sniff.ts";

export interface MediaSource {
  file: string;
  copies: ReadonlyMap<string, MediaCopy>;
}

export interface MediaStats {
  /** Distinct photo files, how many were encoded now and how many came from the cache. */
  photos: number;
  encoded: number;
  cached: number;
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
const done = new Map<string, { stamp: string; type: string; width?: number; height?: number; published: string }>();

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
      let job = jobs.get(abs);
      if (!job) jobs.set(abs, (job = { abs, first: copy, copies: [], refs: [] }));
      job.copies.push(copy);
      if (copy.lines.length === 0) job.refs.push({ file: source.file });
      for (const line of copy.lines) job.refs.push({ file: source.file, line });
    }
  }
  const cache = new MediaCache(options.cacheDir ?? mediaCacheDir(options.root));
  const stats: MediaStats = { photos: 0, encoded: 0, cached: 0, rejected: 0, other: 0 };
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
    if (now.type !== first.type || now.width !== first.width || now.height !== first.height) {
      return fail(job, "changed while the site was being built.", "Build again.");
    }
    const memo = done.get(job.abs);
    if (memo && memo.stamp === stamp && memo.type === first.type && memo.width === first.width && memo.height === first.height && exists(memo.published)) {
      for (const c of job.copies) c.published = memo.published;
      if (first.kind === "image") stats.photos++, stats.cached++;
      else stats.other++;
      return;
    }
    let published: string;
    if (first.kind !== "image") {
      // Checked by magic bytes (markdown/photos.ts) and published under its real type's extension; never re-encoded.
      stats.other++;
      published = job.abs;
    } else {
      stats.photos++;
      const type = first.type as ImageType;
      const bytes = readFileSync(job.abs);
      const key = `${sha256(bytes)}-${encoderId()}`;
      const hit = cache.find(key, type, first.width, first.height);
      if (hit) {
        stats.cached++;
        published = hit;
      } else {
        let out: Buffer;
        try {
          out = await reencode(bytes, type);
        } catch (err) {
          if (err instanceof EncodeError) return fail(job, err.message, err.hint);
          throw err;
        }
        if (!isImageOf(out, type, first.width, first.height)) {
          return fail(job, `changed its size when re-encoded (${first.width}×${first.height} in its header).`, "Open it in an image editor and save (export) it again as JPEG or PNG.");
        }
        stats.encoded++;
        published = cache.store(key, type, out);
      }
    }
    done.set(job.abs, { stamp, type: first.type, width: first.width, height: first.height, published });
    for (const c of job.copies) c.published = published;
  };

  // sharp works on libuv's thread pool: one photo a core keeps both busy without holding more decoded photos in memory than that.
  const width = Math.max(1, Math.min(options.concurrency ?? availableParallelism(), 4));
  const queue = [...jobs.values()];
  await Promise.all(
    Array.from({ length: Math.min(width, queue.length) }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await run(job);
    }),
  );
  stats.rejected = cache.rejected;
  return stats;
}

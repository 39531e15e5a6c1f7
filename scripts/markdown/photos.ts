// Media referenced from articles and pages: photos beside the article (./photo-1.jpg) or
// under assets/, and the files of <video>, <audio>, <source>, <track> and poster. This part
// runs inside Markdown rendering, so it is synchronous: it checks that the file exists, its
// size in bytes, its real type by magic bytes and (for photos) its pixel size from the
// header, and decides the public URL with the extension of that real type. Decoding and
// re-encoding every photo, which is asynchronous, comes after all articles are read
// (media/prepare.ts); its problems carry the lines recorded here in each MediaCopy.
import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { imageSize } from "image-size";
import type { Problems } from "../content/problems.ts";
import { createHash } from "node:crypto";
import { avType, describe, EXTENSION, hasAlpha, imageType, isAnimated, looksLikeSvg, vttProblem, type ImageType, type MediaKind, type MediaType } from "../media/sniff.ts";
import { pictureSet, planPhoto, type PhotoFile, type PictureSet } from "../media/variants.ts";
import { MAX_AV_BYTES, MAX_IMAGE_BYTES, MAX_PIXELS, MAX_TRACK_BYTES, megabytes, megapixels } from "../media/limits.ts";
import { sitePaths } from "../site/urls.ts";

export type { MediaKind, MediaType } from "../media/sniff.ts";

export interface PhotoContext {
  root: string;
  /** Article file, relative to root. */
  file: string;
  /** Public folder for photos that sit beside the article: /media/news/… */
  mediaBase: string;
  problems: Problems;
  bodyLine: number;
  /** Files to publish: absolute source → what it becomes (media/prepare.ts fills in `published`). */
  copies: Map<string, MediaCopy>;
  /** The article's photos (images only), for cover images and structured data. */
  photos: Photo[];
}

export interface Photo {
  /** The largest fallback (JPEG or PNG), or the one file of a GIF or animation: what feeds and JSON-LD name. */
  url: string;
  width?: number;
  height?: number;
  /** Every size and format, for an article's <picture> (media/variants.ts); none for GIFs and animations. */
  picture?: PictureSet;
  /** The small sizes only, for list thumbnails. */
  thumb?: PictureSet;
}

/** One more file a photo is published as (media/variants.ts), with what prepare.ts made of it. */
export interface PhotoVariant extends PhotoFile {
  published?: string;
}

/** One source file of an article or page, as it is to be published. */
export interface MediaCopy {
  /** Public path, /media/…/<editor's base name>.<extension of the real type>. */
  url: string;
  kind: MediaKind;
  type: MediaType;
  /** Lines of the file that reference it: problems found when it is decoded are reported at each. */
  lines: number[];
  /** A photo's size as the page states it: after EXIF rotation, as the re-encoded file at `url` has it. */
  width?: number;
  height?: number;
  /** A photo's source, by the SHA-256 of its bytes when it was read: the variants' names carry it. */
  sha256?: string;
  /** The sizes and formats a photo is published in besides `url`; `url` is the largest fallback among them (the last). */
  variants?: PhotoVariant[];
  /** Whether a page shows all of `variants` (a <picture>), or only `url` (a poster, a raw <img>): then only the last is made. */
  pictured?: boolean;
  /** The file to publish at `url`, once checked: a re-encoded photo in .cache/media, or the checked video, audio or subtitles file itself. */
  published?: string;
}

/** Photos under assets/ are re-encoded too and published here, not at their /assets/ address. */
export const ASSET_MEDIA_BASE = sitePaths.assetMedia;

/** What an editor calls a file of each kind, in messages. */
export const NOUN: Record<MediaKind, string> = { image: "photo", video: "video", audio: "audio file", track: "subtitles file" };

interface Inspected {
  stamp: string;
  type?: MediaType;
  width?: number;
  height?: number;
  /** Photos: the SHA-256 of the bytes, and what the header says of transparency and animation. */
  sha256?: string;
  alpha?: boolean;
  animated?: boolean;
  /** Why it is refused, with the fix. */
  refused?: { message: string; hint: string };
}

// Articles of the dev server's rebuilds, and the many articles sharing one photo under assets/, look at a file once.
const inspected = new Map<string, Inspected>();

function readHead(abs: string, bytes: number): Buffer {
  const fd = openSync(abs, "r");
  try {
    const buf = Buffer.alloc(bytes);
    return buf.subarray(0, readSync(fd, buf, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

const SAVE_AS = "Open it in an image editor and save (export) it as JPEG, PNG or WebP.";

/** Whether the file at `abs` may be published as `kind`, and as what: from its size on disk and its first bytes. */
export function inspectMedia(abs: string, kind: MediaKind): Inspected {
  const st = statSync(abs);
  const stamp = `${st.mtimeMs}:${st.size}`;
  const key = `${kind}\0${abs}`;
  const hit = inspected.get(key);
  if (hit && hit.stamp === stamp) return hit;
  const result = { stamp, ...judge(abs, kind, st.size) };
  inspected.set(key, result);
  return result;
}

function judge(abs: string, kind: MediaKind, size: number): Omit<Inspected, "stamp"> {
  const noun = NOUN[kind];
  const limit = kind === "image" ? MAX_IMAGE_BYTES : kind === "track" ? MAX_TRACK_BYTES : MAX_AV_BYTES;
  if (size > limit) {
    const how =
      kind === "image"
        ? "Save it again smaller or at a lower quality (a 12-megapixel JPEG at quality 85 is about 3 MB)."
        : kind === "track"
          ? "Split the subtitles, or check that this is the right file."
          : "Export it at a lower bitrate or shorter, or publish it on a video host listed in iframeHosts.";
    return { refused: { message: `is ${megabytes(size)}; the largest ${noun} this site publishes is ${megabytes(limit)}.`, hint: how } };
  }
  if (size === 0) return { refused: { message: "is an empty file.", hint: "Copy the file again." } };
  if (kind === "image") {
    const bytes = readFileSync(abs);
    const type = imageType(bytes);
    if (!type) {
      if (looksLikeSvg(bytes) || /\.svgz?$/i.test(abs)) return { refused: { message: "SVG photos are not allowed: they can hold script.", hint: "Export it as PNG." } };
      return { refused: { message: `is not a JPEG, PNG, WebP, GIF or AVIF photo: it is ${describe(bytes)}.`, hint: SAVE_AS } };
    }
    let header: { width?: number; height?: number; orientation?: number };
    try {
      header = imageSize(bytes);
    } catch {
      header = {};
    }
    if (!header.width || !header.height) {
      return { refused: { message: `cannot be read as ${type.toUpperCase()}: the file is damaged or cut short.`, hint: SAVE_AS } };
    }
    // Refused from the header, before anything is decoded (a 100000×100000 header would need 40 GB).
    const pixels = header.width * header.height;
    if (pixels > MAX_PIXELS) {
      return {
        refused: {
          message: `is ${header.width}×${header.height} pixels (${megapixels(pixels)}); the largest photo this site publishes is ${megapixels(MAX_PIXELS)}.`,
          hint: "Scale it down (e.g. to 4000×3000) and save it again: pages show photos at most about 1,300 pixels wide.",
        },
      };
    }
    // EXIF orientations 5–8 turn the photo a quarter: the re-encoded file (rotated upright) has width and height swapped.
    const turned = type === "jpeg" && (header.orientation ?? 1) >= 5;
    return {
      type,
      width: turned ? header.height : header.width,
      height: turned ? header.width : header.height,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      alpha: hasAlpha(bytes, type),
      animated: isAnimated(bytes, type),
    };
  }
  if (kind === "track") {
    const bytes = readFileSync(abs);
    const wrong = vttProblem(bytes);
    if (wrong) return { refused: { message: `is not a WebVTT subtitles file this site publishes: it ${wrong}.`, hint: "Save the subtitles as WebVTT (.vtt, UTF-8, first line WEBVTT) with cue text only." } };
    return { type: "vtt" };
  }
  const head = readHead(abs, 4096);
  const type = avType(head, kind);
  if (!type) {
    return kind === "video"
      ? { refused: { message: `is not an MP4, WebM, QuickTime or Ogg video: it is ${describe(head)}.`, hint: "Export it as MP4 (H.264) or WebM." } }
      : { refused: { message: `is not an MP3, M4A, Ogg, WAV, FLAC or WebM audio file: it is ${describe(head)}.`, hint: "Export it as MP3 or M4A." } };
  }
  return { type };
}

function isFile(abs: string): boolean {
  try {
    return statSync(abs).isFile();
  } catch {
    return false;
  }
}

/** `dir/name.ext` → `dir/name`: the editor's base name, to which the real type's extension is added. */
function stemOf(rel: string): string {
  const slash = rel.lastIndexOf("/");
  const name = rel.slice(slash + 1);
  const dot = name.lastIndexOf(".");
  return `${rel.slice(0, slash + 1)}${dot > 0 ? name.slice(0, dot) : name}`;
}

/**
 * Resolves a media path of an article or page to its public URL and records the file to
 * publish in ctx.copies. `kind` is the element it is for: "image" (img, poster, Markdown
 * photos, cover), "video", "audio" (their src and source), "track". Only images are pushed
 * to ctx.photos. A refused file is an error at the line (relLine is relative to ctx.bodyLine),
 * and the src is returned as written. `pictured`: the photo is shown through its sizes and
 * formats (Markdown photos, covers); a poster or a raw <img> uses its largest fallback alone,
 * and only that is encoded, unless another use shows it in full.
 */
export function resolvePhoto(src: string, ctx: PhotoContext, relLine: number | undefined, kind: MediaKind = "image", pictured = kind === "image"): Photo {
  const line = relLine === undefined ? undefined : ctx.bodyLine + relLine;
  const noun = NOUN[kind];
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith("//")) {
    ctx.problems.error(ctx.file, `the ${noun} ${src} is not in the project.`, {
      line,
      hint: kind === "image" ? "Save the photo beside the article and write ![what it shows](./name.jpg \"caption\"): pages load nothing from other hosts." : `Save the ${noun} beside the article and give its name, e.g. ./clip.mp4: pages load nothing from other hosts.`,
    });
    return { url: src };
  }
  let clean: string;
  try {
    clean = decodeURI(src.split(/[?#]/)[0]);
  } catch {
    ctx.problems.error(ctx.file, `the ${noun} ${src} has a % that is not a valid escape.`, { line, hint: "Write the file name as it is (e.g. ./照片 1.jpg), or write % as %25." });
    return { url: src };
  }
  const abs = clean.startsWith("/") ? join(ctx.root, clean) : resolve(ctx.root, dirname(ctx.file), clean);
  if (!isFile(abs)) {
    ctx.problems.error(ctx.file, `the ${noun} ${src} does not exist.`, {
      line,
      hint: clean.startsWith("/") ? "Check the path under assets/." : `Put the file beside the article (${relative(ctx.root, abs).split(sep).join("/")}) or correct the name.`,
    });
    return { url: src };
  }
  const inProject = relative(ctx.root, abs).split(sep).join("/");
  let base: string;
  let rel: string;
  if (inProject.startsWith("assets/")) {
    base = ASSET_MEDIA_BASE;
    rel = inProject.slice("assets/".length);
  } else {
    rel = relative(resolve(ctx.root, dirname(ctx.file)), abs).split(sep).join("/");
    base = ctx.mediaBase;
    if (rel.startsWith("..")) {
      ctx.problems.error(ctx.file, `the ${noun} ${src} is outside the article's folder.`, { line, hint: "Put it beside the article or under assets/." });
      return { url: src };
    }
  }
  const found = inspectMedia(abs, kind);
  if (found.refused || !found.type) {
    ctx.problems.error(ctx.file, `the ${noun} ${src} ${found.refused?.message ?? "cannot be read."}`, { line, hint: found.refused?.hint });
    return { url: src };
  }
  const stem = `${base}/${stemOf(rel)}`;
  // A still photo is published in several sizes and formats; `url` is the largest fallback.
  const plan =
    kind === "image" && found.sha256
      ? planPhoto(stem, { type: found.type as ImageType, width: found.width!, height: found.height!, sha256: found.sha256, alpha: !!found.alpha, animated: !!found.animated })
      : null;
  const url = plan ? plan.main.url : `${stem}.${EXTENSION[found.type]}`;
  const width = plan ? plan.main.width : found.width;
  const height = plan ? plan.main.height : found.height;
  const existing = ctx.copies.get(abs);
  if (existing && existing.kind !== kind) {
    ctx.problems.error(ctx.file, `the file ${src} is used as a ${NOUN[existing.kind]} and as a ${noun}.`, { line, hint: "Use each file for one element only." });
    return { url: src };
  }
  for (const [other, c] of ctx.copies) {
    if (other !== abs && c.url === url) {
      ctx.problems.error(ctx.file, `the ${noun} ${src} would be published as ${url}, like ${relative(ctx.root, other).split(sep).join("/")}: files are published with the extension of their real type.`, {
        line,
        hint: "Give one of the two files another name.",
      });
      return { url: src };
    }
  }
  if (existing) {
    if (line !== undefined) existing.lines.push(line);
    if (pictured && plan) existing.pictured = true;
  } else {
    ctx.copies.set(abs, { url, kind, type: found.type, lines: line === undefined ? [] : [line], width, height, sha256: found.sha256, variants: plan?.files.map((f) => ({ ...f })), pictured: pictured && !!plan });
  }
  const photo: Photo = plan ? { url, width, height, picture: pictureSet(plan.files, "article"), thumb: pictureSet(plan.files, "thumb") } : { url, width, height };
  if (kind === "image") ctx.photos.push(photo);
  return photo;
}

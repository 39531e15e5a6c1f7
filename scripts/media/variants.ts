// The files each photo is published as, decided from its header alone (while Markdown renders,
// before anything is decoded): AVIF and WebP for browsers that show them, and a fallback in
// the photo's own kind of format (JPEG, or PNG for PNGs and for WebP/AVIF with transparency),
// each at the widths the layout needs and never wider than the photo. GIFs and animated WebP
// or AVIF are published as one file of their own type, as before: resizing frames is not
// worth it for the few a news site has.
//
// Widths, for the article column (assets/css/site.css; PHOTO_SIZES says the same):
//   375 px phone: 343 CSS px → 360 at 1×, 720 at 2×, 1080 at 3× (1,029 px)
//   1280 px desktop: the 720 px column → 720 at 1×, 1440 at 2×
//   list thumbnails, 7.5rem (120 px) on phones and 11rem (176 px) from 40em → 240 and 360
// The largest fallback is also published at the editor's base name (photo-1.jpg): the one
// address feeds, JSON-LD, Open Graph and browsers without srcset use. Every other file's name
// carries a hash of the source and the settings, so a replaced photo gets new addresses and
// the pages that show it are rendered again (their HTML changed).
import { createHash } from "node:crypto";
import { PIPELINE, SETTINGS } from "./settings.ts";
import { EXTENSION, type ImageType } from "./sniff.ts";

export const PHOTO_WIDTHS: readonly number[] = [240, 360, 720, 1080, 1440];
/** The widest candidate a list thumbnail offers (176 CSS px at 2×). */
export const THUMB_MAX_WIDTH = 360;

/**
 * How wide a photo in an article is shown, by viewport, as the CSS lays it out: `.wrap` pads
 * clamp(1rem, 4vw, 2rem) on each side, the article is at most 45rem, and from 64em an 18.5rem
 * sidebar and a 3.5rem gap sit beside it (the column reaches 45rem again at 71rem).
 */
export const PHOTO_SIZES = "(min-width: 71rem) 45rem, (min-width: 64em) calc(100vw - 26rem), (min-width: 49em) 45rem, (min-width: 25em) 92vw, calc(100vw - 2rem)";
/** `.teaser-thumb`: 7.5rem wide, 11rem from 40em. */
export const THUMB_SIZES = "(min-width: 40em) 11rem, 7.5rem";

/** Best first: a browser takes the first <source> whose type it shows. */
const MODERN = ["avif", "webp"] as const;
const MIME: Record<ImageType, string> = { avif: "image/avif", webp: "image/webp", jpeg: "image/jpeg", png: "image/png", gif: "image/gif" };

export interface PhotoFile {
  /** Public path (not URL-encoded, like every MediaCopy URL). */
  url: string;
  format: ImageType;
  width: number;
  height: number;
}

export interface PhotoPlan {
  /** The largest fallback, at the editor's base name. */
  main: PhotoFile;
  /** Every candidate: each format at each width, smallest first. */
  files: PhotoFile[];
}

/** What a <picture> is made of: a <source> a modern format, and the fallback's srcset for the <img>. */
export interface PictureSet {
  readonly sources: readonly { readonly type: string; readonly srcset: string }[];
  readonly srcset: string;
  /** How wide it is shown, by viewport (PHOTO_SIZES or THUMB_SIZES). */
  readonly sizes: string;
}

export interface PhotoHeader {
  type: ImageType;
  width: number;
  height: number;
  sha256: string;
  alpha: boolean;
  animated: boolean;
}

/** The widths of the layout narrower than the photo, and the photo's own width when it is narrower than the widest. */
export function photoWidths(width: number): number[] {
  const largest = Math.min(width, PHOTO_WIDTHS[PHOTO_WIDTHS.length - 1]);
  return [...PHOTO_WIDTHS.filter((w) => w < largest), largest];
}

/** The height at `width` of a `W`×`H` photo, rounded as the encoder is told to make it. */
export function heightAt(width: number, W: number, H: number): number {
  return Math.max(1, Math.round((H * width) / W));
}

/** The format of the fallback for browsers without AVIF and WebP (and of feeds' and JSON-LD's image). */
export function fallbackFormat(header: Pick<PhotoHeader, "type" | "alpha">): "jpeg" | "png" {
  return header.type === "png" || header.alpha ? "png" : "jpeg";
}

/** Whether the photo gets sizes and formats (else it is published once, as its own type). */
export function isResponsive(header: Pick<PhotoHeader, "type" | "animated">): boolean {
  return header.type !== "gif" && !header.animated;
}

let settingsHash: string | null = null;

/** Names of the files: `stem` is the public path without extension (/media/…/photo-1). */
export function planPhoto(stem: string, header: PhotoHeader): PhotoPlan | null {
  if (!isResponsive(header)) return null;
  settingsHash ??= createHash("sha256").update(JSON.stringify({ PIPELINE, SETTINGS, PHOTO_WIDTHS })).digest("hex");
  const tag = createHash("sha256").update(`${header.sha256}:${settingsHash}`).digest("hex").slice(0, 10);
  const fallback = fallbackFormat(header);
  const files: PhotoFile[] = [];
  for (const width of photoWidths(header.width)) {
    const height = heightAt(width, header.width, header.height);
    for (const format of [...MODERN, fallback]) files.push({ url: `${stem}.${width}w.${tag}.${EXTENSION[format]}`, format, width, height });
  }
  const largest = files[files.length - 1];
  return { main: { ...largest, url: `${stem}.${EXTENSION[fallback]}` }, files };
}

/** A URL as a srcset candidate: percent-encoded, so a space or comma in a file name does not split it. */
export function srcsetUrl(url: string): string {
  return encodeURI(url).replace(/,/g, "%2C");
}

/** The <source>s and the <img> srcset of an article photo, or of a thumbnail (the candidates at most THUMB_MAX_WIDTH wide). */
export function pictureSet(files: readonly PhotoFile[], use: "article" | "thumb"): PictureSet {
  const maxWidth = use === "thumb" ? THUMB_MAX_WIDTH : Infinity;
  const within = files.filter((f) => f.width <= maxWidth);
  const srcset = (format: ImageType) =>
    within
      .filter((f) => f.format === format)
      .map((f) => `${srcsetUrl(f.url)} ${f.width}w`)
      .join(", ");
  const fallback = within.find((f) => f.format !== "avif" && f.format !== "webp")?.format ?? "jpeg";
  return { sources: MODERN.map((format) => ({ type: MIME[format], srcset: srcset(format) })), srcset: srcset(fallback), sizes: use === "thumb" ? THUMB_SIZES : PHOTO_SIZES };
}

// The largest media an article may carry, with the reasons, as the README lists them.

/**
 * Pixels of the largest photo (width × height, every frame of an animation together).
 * 40 megapixels holds a 12–33 MP phone or camera photo and an 8K frame; decoding one takes
 * 160 MB of memory (RGBA) and two are decoded at once. Pages show photos at most ~1,300
 * pixels wide, so a larger original only costs memory and readers' bandwidth.
 */
export const MAX_PIXELS = 40_000_000;

/** Bytes of the largest photo file: a 12 MP phone JPEG is 2–5 MB, a 45 MP camera's best JPEG ~15 MB; beyond that it is a raw, TIFF or uncompressed export. */
export const MAX_IMAGE_BYTES = 15 * 1024 * 1024;

/** Bytes of the largest video or audio file: GitHub refuses to store a file over 100 MB, so a larger one could not be pushed anyway. */
export const MAX_AV_BYTES = 100 * 1024 * 1024;

/** Bytes of the largest subtitles file (WebVTT): a two-hour film's subtitles are ~200 kB. */
export const MAX_TRACK_BYTES = 1024 * 1024;

export function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;
}

export function megapixels(pixels: number): string {
  const mp = pixels / 1e6;
  return `${mp >= 10 ? Math.round(mp) : mp.toFixed(1).replace(/\.0$/, "")} megapixels`;
}

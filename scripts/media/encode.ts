// Decoding and re-encoding a photo with sharp (libvips): what is published is the encoder's
// output, an image and nothing else, whatever bytes the editor's file held around or inside
// its image data (scripts, EXIF with GPS, comments, trailing data). The settings are part of
// every cache key (media/cache.ts): changing them re-encodes every photo once.
import { createHash } from "node:crypto";
import sharp from "sharp";
import { MAX_PIXELS, megapixels } from "./limits.ts";
import type { ImageType } from "./sniff.ts";

/** Bump when the pipeline below changes in a way the settings do not show. */
const PIPELINE = 1;

export const SETTINGS = {
  // mozjpeg at quality 82: ~10 % smaller than libjpeg at the same visual quality; progressive.
  jpeg: { quality: 82, mozjpeg: true },
  // Lossless as given: PNGs are usually screenshots and charts, where JPEG artefacts show.
  png: { compressionLevel: 9, adaptiveFiltering: true },
  webp: { quality: 82, effort: 4 },
  // GIF stays GIF, animation kept (frames, delays, loop): every browser and mail client shows it.
  gif: { effort: 7 },
  // AVIF stays AVIF (browsers that show AVIF are the ones that sent it; issue 16 adds fallbacks).
  avif: { quality: 55, effort: 4 },
} as const;

let id: string | null = null;
/** The encoder and its settings, as part of cache keys. */
export function encoderId(): string {
  id ??= createHash("sha256")
    .update(JSON.stringify({ PIPELINE, SETTINGS, MAX_PIXELS, versions: sharp.versions }))
    .digest("hex")
    .slice(0, 16);
  return id;
}

/** Why a photo was not re-encoded, in the editor's words. */
export class EncodeError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

const SAVE_AS = "Open it in an image editor and save (export) it as JPEG, PNG or WebP.";

/**
 * The photo decoded and encoded again in its own format: EXIF orientation applied and every
 * metadata block dropped (sharp keeps none unless asked), animation kept for GIF and WebP.
 */
export async function reencode(bytes: Buffer, type: ImageType): Promise<Buffer> {
  const input = { limitInputPixels: MAX_PIXELS, failOn: "warning" as const };
  try {
    const meta = await sharp(bytes, { ...input, animated: true }).metadata();
    const pages = meta.pages ?? 1;
    const frame = { width: meta.width ?? 0, height: meta.pageHeight ?? meta.height ?? 0 };
    if (pages > 1 && frame.width * frame.height * pages > MAX_PIXELS) {
      throw new EncodeError(
        `has ${pages} frames of ${frame.width}×${frame.height} pixels (${megapixels(frame.width * frame.height * pages)} together); the most is ${megapixels(MAX_PIXELS)}.`,
        "Make the animation shorter or smaller, or publish it as a video.",
      );
    }
    const animated = pages > 1 && (type === "gif" || type === "webp");
    let image = sharp(bytes, { ...input, animated });
    if (!animated) image = image.rotate();
    switch (type) {
      case "jpeg":
        return await image.jpeg(SETTINGS.jpeg).toBuffer();
      case "png":
        return await image.png(SETTINGS.png).toBuffer();
      case "webp":
        return await image.webp(SETTINGS.webp).toBuffer();
      case "gif":
        return await image.gif(SETTINGS.gif).toBuffer();
      case "avif":
        return await image.avif(SETTINGS.avif).toBuffer();
    }
  } catch (err) {
    if (err instanceof EncodeError) throw err;
    const reason = (err instanceof Error ? err.message : String(err)).replace(/^Input (buffer|file) (has corrupt header|contains unsupported image format): /, "").trim();
    if (/pixel limit/i.test(reason)) throw new EncodeError(`is larger than ${megapixels(MAX_PIXELS)}.`, "Scale it down (e.g. to 4000×3000) and save it again.");
    throw new EncodeError(`does not decode as ${type.toUpperCase()} (${reason.split("\n")[0]}): the file is damaged, cut short or not really a photo.`, SAVE_AS);
  }
}

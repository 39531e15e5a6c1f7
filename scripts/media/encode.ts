// Decoding and re-encoding a photo with sharp (libvips): what is published is the encoder's
// output, an image and nothing else, whatever bytes the editor's file held around or inside
// its image data (scripts, EXIF with GPS, comments, trailing data). The settings are part of
// every cache key (media/cache.ts): changing them re-encodes every photo once.
import { createHash } from "node:crypto";
import sharp from "sharp";
import { MAX_PIXELS, megapixels } from "./limits.ts";
import { PIPELINE, SETTINGS } from "./settings.ts";
import type { ImageType } from "./sniff.ts";

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

const INPUT = { limitInputPixels: MAX_PIXELS, failOn: "warning" as const };

function encodeAs(image: sharp.Sharp, format: ImageType): Promise<Buffer> {
  switch (format) {
    case "jpeg":
      return image.jpeg(SETTINGS.jpeg).toBuffer();
    case "png":
      return image.png(SETTINGS.png).toBuffer();
    case "webp":
      return image.webp(SETTINGS.webp).toBuffer();
    case "gif":
      return image.gif(SETTINGS.gif).toBuffer();
    case "avif":
      return image.avif(SETTINGS.avif).toBuffer();
  }
}

/** `encode`, with sharp's errors told as the editor's problem with the `type` file. */
async function explained(type: ImageType, encode: () => Promise<Buffer>): Promise<Buffer> {
  try {
    return await encode();
  } catch (err) {
    if (err instanceof EncodeError) throw err;
    const reason = (err instanceof Error ? err.message : String(err)).replace(/^Input (buffer|file) (has corrupt header|contains unsupported image format): /, "").trim();
    if (/pixel limit/i.test(reason)) throw new EncodeError(`is larger than ${megapixels(MAX_PIXELS)}.`, "Scale it down (e.g. to 4000×3000) and save it again.");
    throw new EncodeError(`does not decode as ${type.toUpperCase()} (${reason.split("\n")[0]}): the file is damaged, cut short or not really a photo.`, SAVE_AS);
  }
}

/**
 * The photo decoded and encoded again in its own format: EXIF orientation applied and every
 * metadata block dropped (sharp keeps none unless asked), animation kept for GIF and WebP.
 * For what is published as one file: GIFs and animations (media/variants.ts).
 */
export function reencode(bytes: Buffer, type: ImageType): Promise<Buffer> {
  return explained(type, async () => {
    const meta = await sharp(bytes, { ...INPUT, animated: true }).metadata();
    const pages = meta.pages ?? 1;
    const frame = { width: meta.width ?? 0, height: meta.pageHeight ?? meta.height ?? 0 };
    if (pages > 1 && frame.width * frame.height * pages > MAX_PIXELS) {
      throw new EncodeError(
        `has ${pages} frames of ${frame.width}×${frame.height} pixels (${megapixels(frame.width * frame.height * pages)} together); the most is ${megapixels(MAX_PIXELS)}.`,
        "Make the animation shorter or smaller, or publish it as a video.",
      );
    }
    const animated = pages > 1 && (type === "gif" || type === "webp");
    let image = sharp(bytes, { ...INPUT, animated });
    if (!animated) image = image.rotate();
    return encodeAs(image, type);
  });
}

/**
 * One size and format of a still photo (a `type` file): decoded, turned upright by its EXIF
 * orientation, scaled to exactly width × height (media/variants.ts rounds the height; never
 * larger than the photo) and encoded as `format`, with no metadata.
 */
export function encodeVariant(bytes: Buffer, type: ImageType, format: ImageType, width: number, height: number): Promise<Buffer> {
  return explained(type, () => encodeAs(sharp(bytes, INPUT).rotate().resize(width, height, { fit: "fill" }), format));
}

// What a media file really is, from its first bytes, never from the name an editor gave it.
// A file is published with the extension of its real type only (sniff → EXTENSION), so a
// polyglot (a GIF header in front of JavaScript, an "MP4" that is HTML) is never served as
// script or markup.

export type MediaKind = "image" | "video" | "audio" | "track";
export type ImageType = "jpeg" | "png" | "webp" | "gif" | "avif";
export type AvType = "mp4" | "mov" | "m4a" | "webm" | "mkv" | "mka" | "ogv" | "ogg" | "mp3" | "wav" | "flac";
export type MediaType = ImageType | AvType | "vtt";

export const EXTENSION: Record<MediaType, string> = {
  jpeg: "jpg",
  png: "png",
  webp: "webp",
  gif: "gif",
  avif: "avif",
  mp4: "mp4",
  mov: "mov",
  m4a: "m4a",
  webm: "webm",
  mkv: "mkv",
  mka: "mka",
  ogv: "ogv",
  ogg: "ogg",
  mp3: "mp3",
  wav: "wav",
  flac: "flac",
  vtt: "vtt",
};

const ascii = (b: Uint8Array, from: number, to: number) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("latin1", from, to);
const startsWith = (b: Uint8Array, bytes: number[], at = 0) => bytes.every((x, i) => b[at + i] === x);

/** The ISO BMFF `ftyp` box's brands (major first), or null when the file has none. */
function ftypBrands(b: Uint8Array): string[] | null {
  if (b.length < 16 || ascii(b, 4, 8) !== "ftyp") return null;
  const size = Math.min(b.length, ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0);
  const brands = [ascii(b, 8, 12)];
  for (let i = 16; i + 4 <= size; i += 4) brands.push(ascii(b, i, i + 4));
  return brands;
}

const HEIC_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs"]);

/** An image type browsers show and sharp decodes, by magic bytes. */
export function imageType(b: Uint8Array): ImageType | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (b.length >= 6 && (ascii(b, 0, 6) === "GIF87a" || ascii(b, 0, 6) === "GIF89a")) return "gif";
  if (b.length >= 12 && ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WEBP") return "webp";
  const brands = ftypBrands(b);
  if (brands && (brands.includes("avif") || brands.includes("avis"))) return "avif";
  return null;
}

/** Whether the bytes are an SVG drawing (text whose first element is <svg>), also gzipped (.svgz). */
export function looksLikeSvg(b: Uint8Array): boolean {
  const head = ascii(b, 0, Math.min(b.length, 4096)).replace(/^\xef\xbb\xbf/, "");
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>/]/i.test(head) || /<svg[\s>]/i.test(head);
}

/** A video or audio container, by magic bytes; which extension an ambiguous container gets depends on the element. */
export function avType(b: Uint8Array, kind: "video" | "audio"): AvType | null {
  const brands = ftypBrands(b);
  if (brands) {
    if (brands.some((x) => x === "avif" || x === "avis" || HEIC_BRANDS.has(x))) return null; // a still image
    if (brands[0] === "qt  ") return "mov";
    return kind === "audio" ? "m4a" : "mp4";
  }
  if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) {
    // EBML: the DocType element (42 82) names the flavour; WebM is what browsers play.
    const head = ascii(b, 0, Math.min(b.length, 128));
    if (head.includes("webm")) return "webm";
    if (head.includes("matroska")) return kind === "audio" ? "mka" : "mkv";
    return null;
  }
  if (b.length >= 4 && ascii(b, 0, 4) === "OggS") return kind === "audio" ? "ogg" : "ogv";
  if (kind === "video") return null;
  if (b.length >= 3 && ascii(b, 0, 3) === "ID3") return "mp3";
  // An MPEG audio frame: 11 bits of sync, a layer that is not "reserved", a bitrate that is not "bad".
  if (b.length >= 3 && b[0] === 0xff && (b[1] & 0xe0) === 0xe0 && (b[1] & 0x06) !== 0 && (b[2] & 0xf0) !== 0xf0) return "mp3";
  if (b.length >= 12 && ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WAVE") return "wav";
  if (b.length >= 4 && ascii(b, 0, 4) === "fLaC") return "flac";
  return null;
}

/** What is wrong with a subtitles file, or null when it is WebVTT text browsers read as cues only. */
export function vttProblem(b: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(b);
  } catch {
    return "is not UTF-8 text";
  }
  if (!/^\uFEFF?WEBVTT(?:[ \t\r\n]|$)/.test(text)) return "does not begin with WEBVTT";
  if (text.includes("\0")) return "holds a NUL byte";
  if (/<\s*script/i.test(text)) return "holds <script>";
  return null;
}

/** What a refused file looks like, for the editor's message. */
export function describe(b: Uint8Array): string {
  if (b.length === 0) return "an empty file";
  if (imageType(b)) return `a ${imageType(b)!.toUpperCase()} image`;
  const brands = ftypBrands(b);
  if (brands?.some((x) => HEIC_BRANDS.has(x) || x === "mif1")) return "a HEIC photo (an iPhone's format), which browsers do not show";
  if (brands) return "an MP4 or QuickTime file";
  if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) return "a Matroska file";
  if (b.length >= 4 && ascii(b, 0, 4) === "OggS") return "an Ogg file";
  if (looksLikeSvg(b)) return "an SVG drawing";
  if (b.length >= 4 && ascii(b, 0, 4) === "%PDF") return "a PDF document";
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return "a TIFF image, which browsers do not show";
  if (b.length >= 2 && ascii(b, 0, 2) === "BM") return "a BMP image";
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return "a ZIP archive (or a Word/Excel document)";
  if (startsWith(b, [0x1f, 0x8b])) return "a gzip archive";
  const head = ascii(b, 0, Math.min(b.length, 512));
  if (/^\s*<(!doctype|html|head|body|script|div|p|meta|iframe)\b/i.test(head)) return "HTML";
  // No control characters but tab and line breaks: text, in any ASCII-compatible encoding.
  if (!/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(head)) return "text (it could be a script)";
  return "none of the formats this site publishes";
}

/**
 * Whether a still photo may have transparent pixels, from its header: a WebP's VP8X alpha flag
 * or VP8L alpha bit, an AVIF's alpha auxiliary image. (PNG and GIF keep their own type as the
 * fallback, so they need no answer.) Decides whether its fallback for old browsers is PNG or JPEG.
 */
export function hasAlpha(b: Uint8Array, type: ImageType): boolean {
  if (type === "webp" && b.length >= 30) {
    const chunk = ascii(b, 12, 16);
    if (chunk === "VP8X") return (b[20] & 0x10) !== 0;
    // VP8L: signature 0x2f, then 14 bits width-1, 14 bits height-1, 1 bit alpha_is_used.
    if (chunk === "VP8L") return b[20] === 0x2f && (b[24] & 0x10) !== 0;
    return false;
  }
  if (type === "avif") return ascii(b, 0, Math.min(b.length, 4096)).includes("auxiliary:alpha");
  return type === "png" || type === "gif";
}

/** Whether a WebP holds an animation (VP8X animation flag) or an AVIF an image sequence (avis). GIFs are not asked: they stay GIFs (media/variants.ts). */
export function isAnimated(b: Uint8Array, type: ImageType): boolean {
  if (type === "webp") return b.length >= 21 && ascii(b, 12, 16) === "VP8X" && (b[20] & 0x02) !== 0;
  if (type === "avif") return ftypBrands(b)?.[0] === "avis";
  return false;
}

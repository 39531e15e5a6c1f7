// Re-encoded photos kept between builds in .cache/media/, so a warm build encodes nothing.
// The folder is restored by CI from a cache other branches can write: it is untrusted input.
// A file is named <key>.<sha256 of its bytes>.<ext>, where the key is the SHA-256 of the
// source bytes and the encoder's id (media/encode.ts). Before use, a file must hash to its
// name, be of the type its extension says (magic bytes) and have the size the page states;
// anything else is deleted and the photo encoded again. What this cannot rule out: someone
// who can write the cache putting another valid image of the same type and size in its
// place (still an image, served as one).
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { imageSize } from "image-size";
import { EXTENSION, imageType, type ImageType } from "./sniff.ts";

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export function mediaCacheDir(root: string): string {
  return join(root, ".cache", "media");
}

/** Whether `bytes` are a `type` image of exactly width × height pixels. */
export function isImageOf(bytes: Uint8Array, type: ImageType, width?: number, height?: number): boolean {
  if (imageType(bytes) !== type) return false;
  try {
    const size = imageSize(bytes);
    return size.width === width && size.height === height;
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export class MediaCache {
  /** Key → file names in the folder, listed once. */
  private names: Map<string, string[]> | null = null;
  hits = 0;
  rejected = 0;

  constructor(readonly dir: string) {}

  private list(): Map<string, string[]> {
    if (this.names) return this.names;
    this.names = new Map();
    let files: string[] = [];
    try {
      files = readdirSync(this.dir);
    } catch {
      // no cache yet
    }
    for (const name of files) {
      // A killed build's half-written file: removed once its process is gone.
      const tmp = /\.tmp-(\d+)-[0-9a-f]+$/.exec(name);
      if (tmp && !alive(Number(tmp[1]))) rmSync(join(this.dir, name), { force: true });
      const m = /^([0-9a-f]{64}-[0-9a-f]{16})\.[0-9a-f]{64}\.[a-z0-9]+$/.exec(name);
      if (!m) continue;
      const list = this.names.get(m[1]) ?? [];
      list.push(name);
      this.names.set(m[1], list);
    }
    return this.names;
  }

  /** A verified encoding of `key`, or null (a file that fails the checks is deleted). */
  find(key: string, type: ImageType, width?: number, height?: number): string | null {
    for (const name of this.list().get(key) ?? []) {
      const path = join(this.dir, name);
      const [, hash, ext] = name.split(".");
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch {
        continue;
      }
      if (ext === EXTENSION[type] && sha256(bytes) === hash && isImageOf(bytes, type, width, height)) {
        this.hits++;
        return path;
      }
      this.rejected++;
      rmSync(path, { force: true });
    }
    this.names?.delete(key);
    return null;
  }

  /** Keeps an encoding; written under a temporary name first, so a killed build leaves no half file under a real one. */
  store(key: string, type: ImageType, bytes: Buffer): string {
    mkdirSync(this.dir, { recursive: true });
    const name = `${key}.${sha256(bytes)}.${EXTENSION[type]}`;
    const path = join(this.dir, name);
    const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
    const list = this.list().get(key) ?? [];
    if (!list.includes(name)) list.push(name);
    this.list().set(key, list);
    return path;
  }
}

// Photos referenced from articles: beside the article (./photo-1.jpg) or under assets/.
// Each must exist; its pixel size goes into the page so nothing shifts as it loads.
import { readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { imageSize } from "image-size";
import type { Problems } from "../content/problems.ts";

export interface PhotoContext {
  root: string;
  /** Article file, relative to root. */
  file: string;
  /** Public folder for photos that sit beside the article: /media/news/… */
  mediaBase: string;
  problems: Problems;
  bodyLine: number;
  /** Files to copy into the output: absolute source → public path. */
  copies: Map<string, string>;
  /** First photo's public URL and size, for cover images and structured data. */
  photos: Photo[];
}

export interface Photo {
  url: string;
  width?: number;
  height?: number;
}

const sizeCache = new Map<string, { key: string; width: number; height: number } | null>();

function dimensions(abs: string): { width: number; height: number } | null {
  const st = statSync(abs);
  const key = `${st.mtimeMs}:${st.size}`;
  const hit = sizeCache.get(abs);
  if (hit && hit.key === key) return hit;
  try {
    const size = imageSize(readFileSync(abs));
    const value = size.width && size.height ? { key, width: size.width, height: size.height } : null;
    sizeCache.set(abs, value);
    return value;
  } catch {
    return null;
  }
}

function isFile(abs: string): boolean {
  try {
    return statSync(abs).isFile();
  } catch {
    return false;
  }
}

export function resolvePhoto(src: string, ctx: PhotoContext, relLine: number | undefined): Photo {
  const line = relLine === undefined ? undefined : ctx.bodyLine + relLine;
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith("//")) {
    ctx.problems.error(ctx.file, `the photo ${src} is not in the project.`, {
      line,
      hint: "Save the photo beside the article and write ![caption](./name.jpg \"caption\"): pages load nothing from other hosts.",
    });
    return { url: src };
  }
  const clean = decodeURI(src.split(/[?#]/)[0]);
  const abs = clean.startsWith("/") ? join(ctx.root, clean) : resolve(ctx.root, dirname(ctx.file), clean);
  if (!isFile(abs)) {
    ctx.problems.error(ctx.file, `the photo ${src} does not exist.`, {
      line,
      hint: clean.startsWith("/") ? "Check the path under assets/." : `Put the file beside the article (${relative(ctx.root, abs).split(sep).join("/")}) or correct the name.`,
    });
    return { url: src };
  }
  const inProject = relative(ctx.root, abs).split(sep).join("/");
  let url: string;
  if (inProject.startsWith("assets/")) {
    url = "/" + inProject;
  } else {
    const articleDir = resolve(ctx.root, dirname(ctx.file));
    const rel = relative(articleDir, abs).split(sep).join("/");
    if (rel.startsWith("..")) {
      ctx.problems.error(ctx.file, `the photo ${src} is outside the article's folder.`, { line, hint: "Put it beside the article or under assets/." });
      return { url: src };
    }
    url = `${ctx.mediaBase}/${rel}`;
    ctx.copies.set(abs, url);
  }
  const size = dimensions(abs);
  if (!size) ctx.problems.error(ctx.file, `the photo ${src} is not an image that can be read.`, { line, hint: "Save it as JPEG, PNG, WebP, GIF or SVG." });
  const photo = { url, width: size?.width, height: size?.height };
  ctx.photos.push(photo);
  return photo;
}

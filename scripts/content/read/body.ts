// The body of an article or page: Markdown rendered to sanitized HTML (markdown/markdown.ts:
// raw HTML parsed as browsers do and written out from the allowlist), its photos and media
// checked and given their public URLs beside the file, its links and ids collected for the
// link check. A body must hold text a reader reads.
import { renderMarkdown, type LinkRef, type RenderEnv } from "../../markdown/markdown.ts";
import { resolvePhoto, type MediaCopy, type Photo } from "../../markdown/photos.ts";
import type { SiteConfig } from "../../site/site-config.ts";
import type { Problems } from "../problems.ts";
import { isBlank } from "./fields.ts";
import type { ParsedFile } from "./front-matter.ts";

export interface Body {
  /** HTML in the editor's script, editor markup (-{…}-) still in place. */
  html: string;
  /** The body's photos (images only), in order. */
  photos: Photo[];
  /** Media to publish: absolute source path → public path and the file published (markdown/photos.ts). */
  copies: Map<string, MediaCopy>;
  /** Links in the body, and the ids anchors may point at: for the link checks. */
  links: LinkRef[];
  ids: Set<string>;
  /** Another photo of the file, from a field (a cover) at `line`: checked and published like the body's, not one of them. */
  fieldPhoto(src: string, line: number | undefined): Photo;
}

/** `noun`: what the file is to an editor ("article", "page"); `mediaBase`: where its photos are published (site/urls.ts). */
export function renderBody(site: SiteConfig, file: string, parsed: ParsedFile, mediaBase: string, noun: string, problems: Problems): Body {
  const env: RenderEnv = {
    root: site.root,
    file,
    mediaBase,
    problems,
    bodyLine: parsed.bodyLine,
    copies: new Map(),
    photos: [],
    htmlPolicy: { iframeHosts: site.iframeHosts },
    links: [],
    ids: new Set(),
  };
  const html = renderMarkdown(parsed.body, env);
  if (!hasReadableText(html)) {
    problems.error(file, `has no text: the ${noun}'s body is empty, or holds only photos.`, {
      line: parsed.bodyLine,
      hint: `Write the ${noun} below the closing --- (a photo's caption is not its text).`,
    });
  }
  const { photos, copies, links, ids } = env;
  return {
    html,
    photos,
    copies,
    links,
    ids,
    fieldPhoto(src, line) {
      const before = photos.length;
      const photo = resolvePhoto(src, { ...env, bodyLine: 0 }, line);
      photos.splice(before);
      return photo;
    },
  };
}

/** Whether rendered HTML holds text a reader reads: photos and their captions alone are not an article. */
export function hasReadableText(html: string): boolean {
  const text = html
    .replace(/<figure\b[\s\S]*?<\/figure>/gi, "")
    .replace(/<[^>]*>/g, "")
    .replace(/&(?:nbsp|#160|#x0*a0);/gi, " ")
    .replace(/&[a-z0-9#]+;/gi, "x");
  return !isBlank(text);
}

// Which Markdown files an editor's folder holds (content/news/, content/pages/), and what a
// file's name and folders say: its default slug, and whether it is a draft.
import { readdirSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, sep } from "node:path";
import type { Problems } from "../problems.ts";

/** Markdown files: .md and .markdown, in any case (.MD from Windows). */
export const MARKDOWN_FILE = /\.(?:md|markdown)$/i;

/** The file's name without its Markdown extension. */
export function markdownName(file: string): string {
  return basename(file).replace(MARKDOWN_FILE, "");
}

/** The slug a file gets when its front matter gives none: its name, or its folder's for index.md. */
export function slugFromFileName(file: string): string {
  const name = markdownName(file);
  return name.toLowerCase() === "index" ? basename(dirname(file)) : name;
}

/** A file in a folder whose name starts with _ (content/news/media-focus/_drafts/…) is a draft. */
export function inDraftFolder(file: string): boolean {
  return file.split("/").slice(0, -1).some((part) => part.startsWith("_"));
}

/**
 * The Markdown files under `dir`, sorted. A symbolic link to a Markdown file inside the site is
 * read like the file; one that leads outside the site, or nowhere, is an error, and a link to a
 * folder is not followed (a warning): `problems` receives them when given.
 */
export function listMarkdownFiles(root: string, dir: string, problems?: Problems): string[] {
  const out: string[] = [];
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = root;
  }
  const walk = (abs: string): void => {
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith(".")) continue;
      const p = join(abs, e.name);
      const file = relative(root, p).split(sep).join("/");
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && MARKDOWN_FILE.test(e.name)) out.push(file);
      else if (e.isSymbolicLink()) {
        let target: string;
        try {
          target = realpathSync(p);
        } catch {
          if (MARKDOWN_FILE.test(e.name)) problems?.error(file, "is a symbolic link that leads nowhere.", { line: 1, hint: "Delete the link, or put the article itself here." });
          continue;
        }
        const inside = relative(realRoot, target);
        const outside = inside.startsWith("..") || isAbsolute(inside);
        const isDir = statSync(target).isDirectory();
        if (!isDir && !MARKDOWN_FILE.test(e.name)) continue; // a linked photo: photos.ts judges it
        if (outside) {
          problems?.error(file, `is a symbolic link to ${target}, outside the site: it is not read.`, { line: 1, hint: "Copy the file into the site instead of linking to it." });
        } else if (isDir) {
          problems?.warn(file, "is a symbolic link to a folder; its articles are not read.", { line: 1, hint: `Move the articles here, or into ${inside.split(sep).join("/")} only.` });
        } else out.push(file);
      }
    }
  };
  walk(join(root, dir));
  return out;
}

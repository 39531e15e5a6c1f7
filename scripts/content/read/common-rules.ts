// Field rules every kind of Markdown file shares (articles and standalone pages): the title,
// summary, lang, slug and draft are read and checked the same way whoever wrote them.
import { LIMITS } from "./fields.ts";
import type { Reading } from "./document.ts";
import { inDraftFolder, slugFromFileName } from "./markdown-files.ts";

/** The title: required, at most the site's maxTitleLength. `example` shows one; `shorten` says what to do with a long one. */
export function titleRule({ site, file, fields, problems }: Reading, example: string, shorten: string): string | undefined {
  const title = fields.text("title", { required: true, example });
  const length = title === undefined ? 0 : Array.from(title).length;
  if (length > site.maxTitleLength) {
    problems.error(file, `is ${length} characters long; the most is ${site.maxTitleLength}.`, { ...fields.at("title"), hint: `${shorten}, or raise maxTitleLength in site data.` });
  }
  return title;
}

/** The summary as written, at most LIMITS.summary characters; undefined when there is none. */
export function summaryRule({ fields }: Reading): string | undefined {
  return fields.text("summary", { max: LIMITS.summary });
}

/** The script the file is written in: one of the site's variants, else the site's default. */
export function langRule({ site, fields }: Reading): string {
  return fields.lang(
    site.variants.map((v) => v.lang),
    site.defaultLang,
  );
}

/** The slug: from front matter, else the file's name (its folder's for index.md); "" when neither is one. */
export function slugRule({ file, fields }: Reading): string {
  return fields.slug(slugFromFileName(file));
}

/** draft: true, or a folder whose name starts with _ (_drafts/): read and checked, never published. */
export function draftRule({ file, fields }: Reading): boolean {
  return fields.flag("draft") || inDraftFolder(file);
}

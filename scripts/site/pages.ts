// Standalone pages such as 關於我們: content/pages/<name>.md with a title and a lang. Read by
// the same reader and field checks as articles, scanned for spam, and their links checked.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { inDraftFolder, listMarkdownFiles, markdownName } from "../content/articles.ts";
import { decodeEditorText } from "../content/editor-file.ts";
import { checkUnclosedMarkup, Fields, hasReadableText, LIMITS } from "../content/fields.ts";
import { FrontMatterSyntaxError, parseFrontMatter } from "../content/front-matter.ts";
import type { Problems } from "../content/problems.ts";
import { scanForSpam, type Blocklist } from "../content/spam-guard.ts";
import type { LinkRef } from "../markdown/markdown.ts";
import type { MediaCopy, Photo } from "../markdown/photos.ts";
import { renderMarkdown } from "../markdown/markdown.ts";
import type { SiteConfig } from "./site-config.ts";

export const PAGES_DIR = "content/pages";

export interface PageSource {
  file: string;
  title: string;
  summary: string;
  lang: string;
  path: string;
  html: string;
  copies: Map<string, MediaCopy>;
  /** Links in the body and the ids anchors may point at: for the link checks. */
  links: LinkRef[];
  ids: Set<string>;
}

/** Folders of a script that the site's own pages use: a page there would overwrite them. */
const RESERVED: Record<string, string> = { news: "the news section", search: "the search page" };

const KNOWN_FIELDS = new Set(["title", "lang", "slug", "summary", "draft"]);

export function loadPages(site: SiteConfig, problems: Problems, blocklist?: Blocklist): PageSource[] {
  const out: PageSource[] = [];
  const taken = new Map<string, string>();
  for (const file of listMarkdownFiles(site.root, PAGES_DIR, problems)) {
    const text = decodeEditorText(file, readFileSync(join(site.root, file)), problems);
    if (text === null) continue;
    let parsed;
    try {
      parsed = parseFrontMatter(text);
    } catch (err) {
      if (!(err instanceof FrontMatterSyntaxError)) throw err;
      problems.error(file, err.message, { line: err.line, hint: err.hint });
      continue;
    }
    if (blocklist) scanForSpam(file, text, blocklist, problems, parsed);
    checkUnclosedMarkup(file, text, problems, parsed.bodyLine);
    if (!parsed.hasFrontMatter) {
      problems.error(file, "has no front matter.", { line: 1, hint: "Start the file with a --- block holding title: (and lang:), see the README." });
      continue;
    }
    const fields = new Fields(file, parsed, problems);
    fields.unknown(KNOWN_FIELDS);
    const title = fields.text("title", { required: true, example: "關於我們" });
    if (title && Array.from(title).length > site.maxTitleLength) {
      problems.error(file, `is ${Array.from(title).length} characters long; the most is ${site.maxTitleLength}.`, { ...fields.at("title"), hint: "Shorten the title, or raise maxTitleLength in site data." });
    }
    const summary = fields.text("summary", { max: LIMITS.summary });
    const langs = site.variants.map((v) => v.lang);
    const before = problems.errors.length;
    const lang = fields.lang(langs, site.defaultLang);
    if (problems.errors.length > before) continue;
    const slug = fields.slug(markdownName(file));
    if (!slug) continue;
    const owner = RESERVED[slug] ?? taken.get(slug);
    if (owner) {
      problems.error(file, `"${slug}" is the address of ${owner}.`, { ...fields.at("slug"), hint: `Give this page another slug: line, e.g. slug: ${slug}-info.` });
      continue;
    }
    taken.set(slug, file);
    const draft = fields.flag("draft") || inDraftFolder(file);
    const copies = new Map<string, MediaCopy>();
    const photos: Photo[] = [];
    const links: LinkRef[] = [];
    const ids = new Set<string>();
    const html = renderMarkdown(parsed.body, {
      root: site.root,
      file,
      mediaBase: `/media/pages/${slug}`,
      problems,
      bodyLine: parsed.bodyLine,
      copies,
      photos,
      htmlPolicy: { iframeHosts: site.iframeHosts },
      links,
      ids,
    });
    if (!hasReadableText(html)) {
      problems.error(file, "has no text: the page's body is empty, or holds only photos.", { line: parsed.bodyLine, hint: "Write the page below the closing ---." });
    }
    // Pages have no dev-server preview yet: a draft page is checked and never built.
    if (!title || draft) continue;
    out.push({ file, title, summary: summary ?? title, lang, path: `${slug}/`, html, copies, links, ids });
  }
  return out;
}

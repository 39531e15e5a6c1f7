// Standalone pages such as 關於我們: content/pages/<name>.md with a title and a lang.
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { listMarkdownFiles } from "../content/articles.ts";
import { FrontMatterSyntaxError, parseFrontMatter } from "../content/front-matter.ts";
import type { Problems } from "../content/problems.ts";
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
}

/** Folders of a script that the site's own pages use: a page there would overwrite them. */
const RESERVED: Record<string, string> = { news: "the news section", search: "the search page" };

export function loadPages(site: SiteConfig, problems: Problems): PageSource[] {
  const out: PageSource[] = [];
  const taken = new Map<string, string>();
  for (const file of listMarkdownFiles(site.root, PAGES_DIR)) {
    let parsed;
    try {
      parsed = parseFrontMatter(readFileSync(join(site.root, file), "utf8"));
    } catch (err) {
      if (!(err instanceof FrontMatterSyntaxError)) throw err;
      problems.error(file, `the front matter is not valid YAML: ${err.message}.`, { line: err.line, hint: "Check the indentation and quoting." });
      continue;
    }
    const { data, fieldLines } = parsed;
    const title = typeof data.title === "string" ? data.title.trim() : "";
    if (!title) problems.error(file, "is required.", { field: "title", line: fieldLines.title ?? 1, hint: 'Add "title: 關於我們".' });
    const lang = typeof data.lang === "string" ? data.lang : site.defaultLang;
    if (!site.variants.some((v) => v.lang === lang)) {
      problems.error(file, `${JSON.stringify(lang)} is not a script of this site.`, { field: "lang", line: fieldLines.lang ?? 1, hint: `Use one of: ${site.variants.map((v) => v.lang).join(", ")}.` });
      continue;
    }
    const slug = typeof data.slug === "string" ? data.slug : basename(file, ".md");
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
      problems.error(file, `"${slug}" cannot be a URL.`, { field: "slug", line: fieldLines.slug ?? 1, hint: "Use lower-case ASCII letters, digits and hyphens." });
      continue;
    }
    const owner = RESERVED[slug] ?? taken.get(slug);
    if (owner) {
      problems.error(file, `"${slug}" is the address of ${owner}.`, { field: "slug", line: fieldLines.slug ?? 1, hint: `Give this page another slug: line, e.g. slug: ${slug}-info.` });
      continue;
    }
    taken.set(slug, file);
    const copies = new Map<string, MediaCopy>();
    const photos: Photo[] = [];
    const html = renderMarkdown(parsed.body, {
      root: site.root,
      file,
      mediaBase: `/media/pages/${slug}`,
      problems,
      bodyLine: parsed.bodyLine,
      copies,
      photos,
      htmlPolicy: { iframeHosts: site.iframeHosts },
      links: [],
      ids: new Set(),
    });
    if (!title) continue;
    out.push({ file, title, summary: typeof data.summary === "string" ? data.summary : title, lang, path: `${slug}/`, html, copies });
  }
  return out;
}

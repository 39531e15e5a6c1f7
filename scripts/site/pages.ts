// Standalone pages such as 關於我們: content/pages/<name>.md. Read by the same reading path as
// articles (content/read/document.ts, with the page's field rules: read/page-rules.ts), so
// judged for spam, their photos, raw HTML and links checked alike; here, only what concerns
// pages together: two pages, or a page and a page of the site, at one address.
import type { Problems } from "../content/problems.ts";
import { listMarkdownFiles } from "../content/read/markdown-files.ts";
import { pageKind } from "../content/read/page-rules.ts";
import { ReadCache } from "../content/read/read-cache.ts";
import type { Blocklist } from "../content/spam-guard.ts";
import type { LinkRef } from "../markdown/markdown.ts";
import type { MediaCopy } from "../markdown/photos.ts";
import type { SiteConfig } from "./site-config.ts";

export const PAGES_DIR = "content/pages";

export interface PageSource {
  file: string;
  title: string;
  summary: string;
  lang: string;
  slug: string;
  /** draft: true, or in a folder starting with _: read and checked, never built (pages have no dev-server preview yet). */
  draft: boolean;
  /** Path after the variant prefix: about/ */
  path: string;
  html: string;
  copies: Map<string, MediaCopy>;
  /** Links in the body and the ids anchors may point at: for the link checks. */
  links: LinkRef[];
  ids: Set<string>;
  /** Lines of the fields problems found later point at (same address). */
  lines: { title: number; slug: number };
}

/** Folders of a script that the site's own pages use: a page there would overwrite them. */
const RESERVED: Record<string, string> = { news: "the news section", search: "the search page" };

const cache = new ReadCache(pageKind);

/** The pages to publish, every page read and checked (drafts too). */
export function loadPages(site: SiteConfig, problems: Problems, blocklist: Blocklist): PageSource[] {
  const out: PageSource[] = [];
  const taken = new Map<string, string>();
  for (const file of listMarkdownFiles(site.root, PAGES_DIR, problems)) {
    const { source: page, problems: found } = cache.read(site, file, blocklist);
    problems.list.push(...found);
    if (!page) continue;
    const owner = Object.hasOwn(RESERVED, page.slug) ? RESERVED[page.slug] : taken.get(page.slug);
    if (owner) {
      problems.error(file, `"${page.slug}" is the address of ${owner}.`, { field: "slug", line: page.lines.slug, hint: `Give this page another slug: line, e.g. slug: ${page.slug}-info.` });
      continue;
    }
    taken.set(page.slug, file);
    if (!page.draft) out.push(page);
  }
  return out;
}

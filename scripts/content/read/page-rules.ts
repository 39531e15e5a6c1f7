// What a standalone page's front matter holds (content/pages/<name>.md: title, lang, slug,
// summary, draft), and what a page becomes. The steps around it are document.ts's, the same
// as an article's: spam, links, photos and raw HTML are checked alike.
import type { PageSource } from "../../site/pages.ts";
import { inner, sitePaths } from "../../site/urls.ts";
import { draftRule, langRule, slugRule, summaryRule, titleRule } from "./common-rules.ts";
import type { DocumentKind } from "./document.ts";

const KNOWN_FIELDS = new Set(["title", "lang", "slug", "summary", "draft"]);

interface PageFields {
  title?: string;
  summary?: string;
  lang: string;
  slug: string;
  draft: boolean;
}

export const pageKind: DocumentKind<PageFields, PageSource> = {
  noun: "page",
  frontMatterHint: "Start the file with a --- block holding title: (and lang:), see the README.",
  knownFields: KNOWN_FIELDS,
  readFields(reading) {
    const title = titleRule(reading, "關於我們", "Shorten the title");
    const summary = summaryRule(reading);
    const lang = langRule(reading);
    const slug = slugRule(reading);
    const draft = draftRule(reading);
    return { title, summary, lang, slug, draft };
  },
  place: ({ slug }) => (slug ? { path: inner.page(slug), mediaBase: sitePaths.pageMedia(slug) } : null),
  make({ title, summary, lang, slug, draft }, body, place, { file, fields }) {
    if (!title) return null;
    const { html, copies, links, ids } = body;
    return { file, title, summary: summary ?? title, lang, slug, draft, path: place.path, html, copies, links, ids, lines: { title: fields.at("title").line, slug: fields.at("slug").line } };
  },
};

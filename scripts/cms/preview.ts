// The web editor's preview: the entry being edited read by the site's one reading path (the
// same rules, Markdown, sanitizer and photo checks as `npm run check`), then converted into
// every script of the site by the site's converter. What the editor sees is what the build
// would publish, with the build's problems beside it.
import { relative, sep } from "node:path";
import { stringify } from "yaml";
import { NEWS_DIR } from "../content/articles.ts";
import { Problems, type Problem } from "../content/problems.ts";
import { articleKind } from "../content/read/article-rules.ts";
import { readDocument } from "../content/read/document.ts";
import type { Blocklist } from "../content/spam-guard.ts";
import { convertHtml } from "../convert/html-converter.ts";
import { scriptConverter } from "../convert/script-converter.ts";
import type { SiteConfig } from "../site/site-config.ts";
import { variantUrl } from "../site/urls.ts";
import { adminText } from "./admin-text.ts";

export interface PreviewRequest {
  /** The collection: a section's id. */
  collection: string;
  /** The entry's file, for an entry already saved: content/news/<section>/…/index.md. */
  path?: string;
  /** The entry's fields as the editor holds them, body included. */
  data: Record<string, unknown>;
  /** Photos the editor added but has not saved yet (as the entry refers to them): not "missing". */
  pending?: string[];
}

export interface PreviewVariant {
  lang: string;
  label: string;
  url: string;
  title: string;
  date: string;
  source?: string;
  editor: string;
  summary: string;
  tags: string[];
  /** The page's own words for the fields, in this script. */
  labels: { source: string; editor: string; tags: string };
  /** The body as the article page shows it, in this script. */
  html: string;
}

export interface PreviewResult {
  /** The file the entry is (or will be) saved as. */
  file: string;
  /** Empty when a required field is missing or wrong: `problems` say which. */
  variants: PreviewVariant[];
  /** Public photo URL → the file in the repository, so the preview can show saved photos. */
  photos: Record<string, string>;
  problems: Problem[];
}

/** The file an entry is saved as: its own path when saved, else where Decap will put it (cms-config.ts: path). */
export function entryFile(site: SiteConfig, request: PreviewRequest): string {
  const folder = `${NEWS_DIR}/${request.collection}/`;
  if (request.path && request.path.startsWith(folder) && request.path.endsWith(".md") && !request.path.split("/").includes("..")) return request.path;
  const date = typeof request.data.date === "string" ? request.data.date : "";
  const year = /^\d{4}/.exec(date)?.[0] ?? String(new Date().getFullYear());
  const slug = typeof request.data.slug === "string" && request.data.slug ? request.data.slug : "untitled";
  return `${folder}${year}/${slug}/index.md`;
}

/** The Markdown file the entry's fields and body make (as Decap writes it, near enough for the rules). */
export function entryText(data: Record<string, unknown>): string {
  const { body, ...fields } = data;
  const kept = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== null));
  return `---\n${stringify(kept)}---\n\n${typeof body === "string" ? body : ""}\n`;
}

export function previewArticle(site: SiteConfig, blocklist: Blocklist, request: PreviewRequest): PreviewResult {
  const file = entryFile(site, request);
  const problems = new Problems();
  if (!site.sections.some((s) => s.id === request.collection)) {
    problems.error(file, `"${request.collection}" is not a section of this site.`, { hint: "Reload the editor: site data changed." });
    return { file, variants: [], photos: {}, problems: problems.list };
  }
  const source = readDocument(site, file, new TextEncoder().encode(entryText(request.data)), articleKind, blocklist, problems);
  const pending = new Set(request.pending ?? []);
  // A photo added in the editor is saved with the entry: until then it is not missing.
  const kept = problems.list.filter((p) => ![...pending].some((src) => p.message.includes(`${src} does not exist`)));
  if (!source) return { file, variants: [], photos: {}, problems: kept };
  const from = site.variants.find((v) => v.lang === source.lang)!;
  const variants = site.variants.map((to) => {
    const converter = scriptConverter(from, to, [...site.glossary, ...source.glossary]);
    const t = adminText(site, to.lang);
    return {
      labels: { source: t("source"), editor: t("editor"), tags: t("tags") },
      lang: to.lang,
      label: to.label,
      url: variantUrl(to.path, source.path),
      title: converter.convert(source.title),
      date: source.date.toFormat(source.dateHasTime ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd"),
      source: source.source === undefined ? undefined : converter.convert(source.source),
      editor: converter.convert(source.editor),
      summary: converter.convert(source.summary),
      tags: source.tags.map((tag) => converter.convert(tag)),
      html: convertHtml(source.html, converter),
    };
  });
  const photos: Record<string, string> = {};
  for (const [abs, copy] of source.copies) photos[copy.url] = relative(site.root, abs).split(sep).join("/");
  return { file, variants, photos, problems: kept };
}

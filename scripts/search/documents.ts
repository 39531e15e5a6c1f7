// The site model → what the search index holds: one document per article, in every script.
import { Parser } from "htmlparser2";
import type { SearchDocFile } from "../../assets/js/search.js";
import type { ArticlePage, SiteModel } from "../site/model.ts";
import type { PageInput } from "./index-worker.ts";

/** One article: its text in each script variant, keyed by variant path (zh-hans). */
export interface SearchDocument {
  variants: Map<string, SearchDocFile>;
}

// Elements whose end ends a run of text: a match never spans two of them.
const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
  "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
]);
const SKIP = new Set(["script", "style", "template", "noscript"]);

/** Visible text of an HTML fragment, blocks on lines of their own, white space collapsed. */
export function htmlText(html: string): string {
  let out = "";
  let skipping = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (SKIP.has(name)) skipping++;
        else if (BLOCK.has(name)) out += "\n";
      },
      onclosetag(name) {
        if (SKIP.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCK.has(name)) out += "\n";
      },
      ontext(text) {
        if (skipping === 0) out += text;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return out
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter((line) => line !== "")
    .join("\n");
}

export function docFile(page: ArticlePage): SearchDocFile {
  return { u: page.url, t: page.headline, d: page.dateText, i: page.dateIso, s: page.section.name, b: htmlText(page.html) };
}

/**
 * Every article of the model, newest first (the order of model.sources): document ids are
 * positions in this order, so among equal scores the newer article comes first.
 */
export function* searchDocuments(model: SiteModel): Generator<SearchDocument> {
  for (const pages of articlesInOrder(model)) {
    yield { variants: new Map(pages.map((page) => [page.ctx.path, docFile(page)])) };
  }
}

/** Each article's pages (one a script), newest article first. */
function articlesInOrder(model: SiteModel): ArticlePage[][] {
  const byId = new Map<string, ArticlePage[]>();
  for (const a of model.articles) {
    let twins = byId.get(a.id);
    if (!twins) byId.set(a.id, (twins = []));
    twins.push(a);
  }
  const ids = [...new Set([...model.sources.map((s) => s.path), ...byId.keys()])].filter((id) => byId.has(id));
  return ids.map((id) => byId.get(id)!);
}

/** The same documents, in the same order, as plain data for the indexing worker. */
export function indexInput(model: SiteModel): PageInput[][] {
  return articlesInOrder(model).map((pages) =>
    pages.map((page) => ({
      path: page.ctx.path,
      file: { u: page.url, t: page.headline, d: page.dateText, i: page.dateIso, s: page.section.name },
      html: page.html,
    })),
  );
}

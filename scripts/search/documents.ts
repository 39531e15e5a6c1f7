// The site model → what the search index holds: one document per article, in every script.
// One way there, whether the index is written in the main thread or in a worker: the model
// becomes an IndexJob (plain data, so it can be posted to a worker), and the job's pages become
// records (searchDocuments). Both paths write the same bytes.
import { Parser } from "htmlparser2";
import type { SearchDocFile } from "../../assets/js/search-format.js";
import type { ArticlePage, SiteModel } from "../model/types.ts";

/** One article: its text in each script variant, keyed by variant path (zh-hans). */
export interface SearchDocument {
  variants: Map<string, SearchDocFile>;
  /** Section id, for the section filter. */
  section?: string;
  /** Each script's summary as indexed (the document file carries it only when its body does not). */
  summaries?: Map<string, string>;
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

/** One article's page in one script: its document file, the body still HTML (turned into text by whoever writes the index). */
export interface PageInput {
  path: string;
  file: Omit<SearchDocFile, "b">;
  html: string;
  /** Section id (the same in every script). */
  section?: string;
}

/** Everything the index writer needs, as plain data (structured-cloned when posted to a worker). */
export interface IndexJob {
  /** Articles in document order, each with its page in every script. */
  articles: PageInput[][];
  /** The index's folder in the output (the site's /search/). */
  dir: string;
  /** Every script's path (zh-hans …). */
  variants: string[];
  /** The site's .cache/search/: each article's keys and files kept between builds (doc-cache.ts); none, none kept. */
  cacheDir?: string;
  /** The last build's index folder when this build writes a fresh output folder (its files are linked from there). */
  previousDir?: string;
}

/**
 * The job of indexing `model` into `dir`. Articles newest first (the order of model.sources):
 * document ids are positions in this order, so among equal scores the newer article comes first.
 */
export function indexJob(model: SiteModel, dir: string, cacheDir?: string, previousDir?: string): IndexJob {
  return {
    articles: articlesInOrder(model).map((pages) =>
      pages.map((page) => ({
        path: page.ctx.path,
        file: {
          u: page.url,
          t: page.headline,
          d: page.dateText,
          i: page.dateIso,
          s: page.section.name,
          ...(page.source ? { o: page.source } : {}),
          ...(page.editor ? { e: page.editor } : {}),
          ...(page.tags.length ? { g: [...page.tags] } : {}),
          ...(page.description ? { m: page.description } : {}),
        },
        html: page.html,
        section: page.section.id,
      })),
    ),
    dir,
    variants: model.variants.map((v) => v.path),
    ...(cacheDir ? { cacheDir } : {}),
    ...(previousDir ? { previousDir } : {}),
  };
}

/** The records of the index: each article's document file in every script, its body as text. */
export function* searchDocuments(articles: PageInput[][]): Generator<SearchDocument> {
  for (const pages of articles) {
    const summaries = new Map<string, string>();
    const variants = new Map<string, SearchDocFile>();
    for (const p of pages) {
      const { m, ...file } = p.file;
      const b = htmlText(p.html);
      if (m) summaries.set(p.path, m);
      // A summary made from the body's start is already there: the file need not carry it twice.
      const own = m && !inBody(b, m.replace(/\s+/g, "").replace(/…$/, "")) ? m : undefined;
      variants.set(p.path, { ...file, ...(own ? { m: own } : {}), b });
    }
    yield { variants, section: pages[0]?.section, summaries };
  }
}

/** Does `body`, white space aside, hold `text` (which has none)? Found as it stands, the body need not be copied without its white space. */
function inBody(body: string, text: string): boolean {
  return body.includes(text) || body.replace(/\s+/g, "").includes(text);
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

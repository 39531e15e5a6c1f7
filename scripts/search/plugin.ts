// Eleventy plugin: the search page of each script, and the search index written into the
// output after the pages (from the same site model, so the index matches the pages).
//
// The search page template hands the model over through the `searchIndexUrl` filter; when
// Eleventy has written the site, `eleventy.after` writes the index from that model.
import { join } from "node:path";
import type { EleventyConfig } from "../plugins/eleventy-config.ts";
import type { HomePage, Link, PageBase, SiteModel } from "../site/model.ts";
import { searchDocuments } from "./documents.ts";
import { MANIFEST, writeSearchIndex } from "./write-index.ts";

export interface Options {
  /** Folder of the index in the output, and its URL path. */
  dir: string;
}

export const defaults: Options = { dir: "search" };

export interface SearchPage extends PageBase {
  kind: "search";
}

/** The search page of one script, made from that script's home page. */
export function searchPage(home: HomePage): SearchPage {
  const ctx = home.ctx;
  const title = ctx.ui.search;
  const breadcrumb: Link[] = [
    { text: ctx.ui.home, url: ctx.home },
    { text: title, url: "" },
  ];
  return {
    kind: "search",
    url: ctx.search,
    inner: "search/",
    ctx,
    title,
    description: title,
    alternates: home.alternates.map((a) => ({ ...a, url: `${a.url}search/`, href: `${a.href}search/` })),
    canonical: `${home.canonical}search/`,
    breadcrumb,
  };
}

export default function search(eleventyConfig: EleventyConfig, userOptions: Partial<Options> = {}): void {
  const options: Options = { ...defaults, ...userOptions };
  let model: SiteModel | null = null;

  eleventyConfig.addFilter("searchPage", (home: HomePage) => searchPage(home));
  eleventyConfig.addFilter("searchIndexUrl", (news: SiteModel) => {
    model = news;
    return `/${options.dir}/${MANIFEST}`;
  });
  eleventyConfig.on("eleventy.before", () => {
    model = null;
  });
  eleventyConfig.on("eleventy.after", ({ directories }) => {
    // No search page was rendered this time (a partial rebuild): the last index stays.
    if (!model) return;
    const started = Date.now();
    const variants = model.variants.map((v) => v.path);
    const stats = writeSearchIndex(searchDocuments(model), join(directories.output, options.dir), { variants });
    if (process.env.NEWSROOM_SEARCH_STATS) {
      console.log(`Search index: ${stats.docs} articles, ${stats.shards} shards, ${stats.files} files in ${Date.now() - started} ms.`);
    }
  });
}

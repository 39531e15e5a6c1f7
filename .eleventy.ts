// Eleventy configuration: a table of contents. Each plugin does one job; see scripts/plugins/.
import assets from "./scripts/plugins/assets.ts";
import filters from "./scripts/plugins/filters.ts";
import newsSite from "./scripts/plugins/news-site.ts";
import outputAudit from "./scripts/plugins/output-audit.ts";
import search from "./scripts/search/plugin.ts";
import syndication from "./scripts/plugins/syndication.ts";
import templatesOnly from "./scripts/plugins/templates-only.ts";
import writtenPages from "./scripts/plugins/written-pages.ts";
import type { EleventyConfig } from "./scripts/plugins/eleventy-config.ts";
import { sessionOf } from "./scripts/build/eleventy.ts";

export default function (eleventyConfig: EleventyConfig) {
  // The build this Eleventy works for (scripts/build/): each plugin gets it as an option.
  const session = sessionOf(eleventyConfig);
  const { root, project } = session.current.settings;
  // Only content/_generate/ holds templates: nothing else an editor saves under content/ is run.
  eleventyConfig.addPlugin(templatesOnly);
  // Each page is hashed and checked as it is written; a build then lets go of its HTML
  // (the dev server keeps it for its reload client).
  eleventyConfig.addPlugin(writtenPages, { release: session.current.mode !== "serve" });
  // Articles, pages and site data in content/ become the site model (global data `news`).
  eleventyConfig.addPlugin(newsSite, { session });
  // CSS, scripts and images in assets/, with content-hashed copies for long caching.
  eleventyConfig.addPlugin(assets, { root: project, pagesOnly: session.current.mode === "render-helper" });
  // Filters the layouts use.
  eleventyConfig.addPlugin(filters);
  // Search page of each script, and its static index under /search/ (built while pages render).
  eleventyConfig.addPlugin(search, { session });
  // Feeds, sitemaps, robots.txt, Open Graph and JSON-LD.
  eleventyConfig.addPlugin(syndication, { session });
  // The last check: every page and feed written is read back and judged before anything is published.
  eleventyConfig.addPlugin(outputAudit, { root, session });

  return {
    dir: {
      // content/_generate/ holds one template per kind of page, each paginated over the
      // model. Articles (.md) are read by the model, not by Eleventy: only .njk is a template.
      input: "content",
      includes: "../layouts",
      // Site data is read by the site model (scripts/site/), not as Eleventy global data.
      data: "_no-eleventy-data",
    },
    templateFormats: ["njk"],
    htmlTemplateEngine: "njk",
    // Content is never a template: {{ in an article stays text.
    markdownTemplateEngine: false,
  };
}

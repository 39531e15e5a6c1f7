// The Decap CMS configuration, generated from the site: one collection a section of site data,
// and an article's fields with the rules article-rules.ts reads them by (required fields,
// lengths, the slug, the scripts, the time zone). Nothing here is copied by hand from the
// rules: a change to site.json or to LIMITS changes the editor too.
import { NEWS_DIR } from "../content/articles.ts";
import { LIMITS, SLUG } from "../content/read/fields.ts";
import type { SiteConfig } from "../site/site-config.ts";
import { adminText, siteDataConverter } from "./admin-text.ts";
import { textPattern } from "./text-patterns.ts";

/** Where the editor saves: the local repository through decap-server, or GitHub. */
export type CmsBackend =
  | { kind: "local" }
  | {
      kind: "github";
      /** owner/name */
      repo: string;
      branch: string;
      /** The OAuth provider's address (a Netlify site, or a self-hosted provider); Decap opens base_url + auth_endpoint. */
      baseUrl?: string;
      authEndpoint?: string;
    };

export interface CmsOptions {
  /** The script the editor's UI is shown in. */
  lang: string;
  backend: CmsBackend;
}

type Field = Record<string, unknown>;

/** The forms dates.ts reads: local (the site's time zone) or with an offset. The date widget writes the first. */
const DATE_PATTERN = "^\\d{4}-\\d{2}-\\d{2}(?:[ T]\\d{2}:\\d{2}(?::\\d{2})?)?$|^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})$";

/** Decap's locale names for the site's scripts. */
function decapLocale(lang: string): string {
  return /hant|tw|hk|mo/i.test(lang) ? "zh_Hant" : "zh_Hans";
}

export function cmsConfig(site: SiteConfig, options: CmsOptions): Record<string, unknown> {
  const t = adminText(site, options.lang);
  const names = siteDataConverter(site, options.lang);
  const zone = site.timeZone;
  const collections = site.sections.map((section) => ({
    name: section.id,
    label: names.convert(section.name),
    label_singular: t("article"),
    ...(section.description ? { description: names.convert(section.description) } : {}),
    folder: `${NEWS_DIR}/${section.id}`,
    create: true,
    extension: "md",
    format: "frontmatter",
    // content/news/<section>/<year>/<slug>/index.md, photos beside it: how the sample site keeps
    // articles with photos. {{year}} is the year of the date field (a "datetime" widget named
    // date), taken in UTC by Decap: the folder only, never the URL, which the build takes from the date.
    path: "{{year}}/{{slug}}/index",
    slug: "{{fields.slug}}",
    media_folder: "",
    public_folder: "",
    summary: "{{title}} · {{date}}",
    sortable_fields: ["date", "title"],
    fields: articleFields(site, options, section.requireSource),
  }));
  const backend =
    options.backend.kind === "github"
      ? {
          name: "github",
          repo: options.backend.repo,
          branch: options.backend.branch,
          ...(options.backend.baseUrl ? { base_url: options.backend.baseUrl } : {}),
          ...(options.backend.authEndpoint ? { auth_endpoint: options.backend.authEndpoint } : {}),
        }
      : // Replaced by local_backend (decap-server) when the admin page runs on localhost; admin.js sets its URL.
        { name: "proxy", proxy_url: "/api/v1", branch: "main" };
  return {
    load_config_file: false,
    backend,
    ...(options.backend.kind === "local" ? { local_backend: true } : {}),
    locale: decapLocale(options.lang),
    site_url: site.url,
    publish_mode: "simple",
    // The media library's own folder; each article keeps its photos beside it (collections' media_folder).
    media_folder: "assets/img",
    public_folder: "/assets/img",
    slug: { encoding: "ascii", clean_accents: true, sanitize_replacement: "-" },
    collections,
  };
}

function articleFields(site: SiteConfig, options: CmsOptions, requireSource: boolean): Field[] {
  const t = adminText(site, options.lang);
  const zone = site.timeZone;
  const text = (name: string, required: boolean, max: number | undefined, hint: string): Field => ({
    name,
    label: t(name as "title"),
    widget: "string",
    required,
    hint,
    pattern: [textPattern({ required, max }), max === undefined ? t("textRequired") : `${required ? `${t("textRequired")}，` : ""}${t("textTooLong", { max })}`],
  });
  return [
    text("title", true, site.maxTitleLength, t("titleHint", { max: site.maxTitleLength })),
    { name: "date", label: t("date"), widget: "datetime", required: true, time_zone: zone, default_now: true, hint: t("dateHint", { zone }), pattern: [DATE_PATTERN, t("datePattern")] },
    text("source", requireSource, LIMITS.source, t(requireSource ? "sourceHint" : "sourceOptionalHint", { max: LIMITS.source })),
    text("editor", true, LIMITS.editor, t("editorHint", { max: LIMITS.editor })),
    { name: "views", label: t("views"), widget: "number", value_type: "int", min: 0, max: Number.MAX_SAFE_INTEGER, step: 1, default: 0, required: false, hint: t("viewsHint") },
    {
      name: "lang",
      label: t("lang"),
      widget: "select",
      options: site.variants.map((v) => ({ label: v.label, value: v.lang })),
      default: site.defaultLang,
      required: true,
      hint: t("langHint"),
    },
    // Required for a new article (admin.js: it names the folder); one written before the editor may have none.
    { name: "slug", label: t("slug"), widget: "site-slug", required: false, hint: t("slugHint"), pattern: [SLUG.source, t("slugPattern")] },
    { name: "summary", label: t("summary"), widget: "text", required: false, hint: t("summaryHint", { max: LIMITS.summary }), pattern: [textPattern({ required: false, max: LIMITS.summary }), t("textTooLong", { max: LIMITS.summary })] },
    { name: "tags", label: t("tags"), widget: "site-tags", required: false, hint: t("tagsHint") },
    // Old paths that keep working after a slug change or an import (read/alias-rule.ts checks them; the preview lists what it refuses).
    { name: "aliases", label: t("aliases"), widget: "list", required: false, allow_add: true, hint: t("aliasesHint") },
    { name: "cover", label: t("cover"), widget: "image", required: false, choose_url: false, hint: t("coverHint") },
    { name: "updated", label: t("updated"), widget: "datetime", required: false, time_zone: zone, default_now: false, hint: t("updatedHint", { zone }), pattern: [DATE_PATTERN, t("datePattern")] },
    { name: "draft", label: t("draft"), widget: "boolean", required: false, default: false, hint: t("draftHint") },
    { name: "body", label: t("body"), widget: "markdown", required: true, hint: t("bodyHint"), modes: ["raw", "rich_text"] },
  ];
}

// npm run new -- --section media-focus --lang zh-Hant [--slug s] [--editor 名] "標題"
// Creates an article with complete front matter in the right folder and prints its path.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DateTime } from "luxon";
import { NEWS_DIR } from "../content/articles.ts";
import { Problems, formatProblem } from "../content/problems.ts";
import { slugFromTitle } from "../content/slug.ts";
import { scriptConverter } from "../convert/script-converter.ts";
import { loadSiteConfig } from "../site/site-config.ts";
import { inner, variantUrl } from "../site/urls.ts";
import { readCommandLine, runCli, siteRoot, type CommandLine } from "./args.ts";

const USAGE = 'Usage: npm run new -- --section <section> [--lang zh-Hant|zh-Hans] [--slug <slug>] [--editor <name>] [--source <outlet>] "標題"';

/** YAML scalar: quoted when YAML would read it as something else. */
function yamlText(s: string): string {
  return /^[\w\u3400-\u9fff\uff00-\uffef][^:#\n]*$/u.test(s) && !/^(true|false|null|yes|no|~|\d[\d.:-]*)$/i.test(s) ? s : JSON.stringify(s);
}

const FLAGS = {
  section: { type: "string", value: "section" },
  lang: { type: "string", value: "zh-Hant|zh-Hans" },
  slug: { type: "string", value: "slug" },
  editor: { type: "string", value: "name" },
  source: { type: "string", value: "outlet" },
  root: { type: "string", value: "site folder" },
} as const;
const COMMAND: CommandLine<typeof FLAGS> = { command: "npm run new", usage: USAGE, flags: FLAGS, positionals: { min: 0, max: 100, name: "the title" } };

/** `argv` may carry --root (ignored here: `root` is the site); wrong use throws a UsageError. */
export function newArticle(root: string, argv: string[], now = DateTime.now()): { code: number; out: string } {
  const { values, positionals } = readCommandLine(argv, COMMAND);
  const title = positionals.join(" ").trim();
  const problems = new Problems();
  const site = loadSiteConfig(root, problems);
  if (problems.errors.length) return { code: 1, out: problems.list.map(formatProblem).join("\n") };
  const sectionId = values.section;
  const section = site.sections.find((s) => s.id === sectionId);
  if (!title || !section) {
    return { code: 1, out: `${USAGE}\n${!section ? `--section must be one of: ${site.sections.map((s) => s.id).join(", ")}.` : "Give the title."}` };
  }
  const lang = values.lang ?? site.defaultLang;
  const variant = site.variants.find((v) => v.lang === lang);
  if (!variant) return { code: 1, out: `--lang must be one of: ${site.variants.map((v) => v.lang).join(", ")}.` };

  const date = now.setZone(site.timeZone);
  const simplified = site.variants.find((v) => v.opencc === "cn");
  const titleForSlug = simplified ? scriptConverter(variant, simplified, site.glossary).convert(title) : title;
  let slug = values.slug ?? (slugFromTitle(titleForSlug) || date.toFormat("dd-HHmm"));
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) return { code: 1, out: `--slug "${slug}" must be lower-case ASCII letters, digits and hyphens.` };
  const dir = join(root, NEWS_DIR, section.id, date.toFormat("yyyy"));
  let file = join(dir, `${slug}.md`);
  for (let n = 2; existsSync(file) || existsSync(join(dir, slug)); n++) {
    if (values.slug) return { code: 1, out: `${relative(root, file)} exists already: choose another --slug.` };
    slug = `${slug.replace(/-\d+$/, "")}-${n}`;
    file = join(dir, `${slug}.md`);
  }
  const source = values.source;
  const editor = values.editor;
  const lines = [
    "---",
    `title: ${yamlText(title)}`,
    `date: ${date.toFormat("yyyy-MM-dd HH:mm")}`,
    section.requireSource || source ? `source: ${source ? yamlText(source) : ""}${source ? "" : "  # 必填：首發媒體，如 重慶日報"}` : "# source: 來源（選填）",
    `editor: ${editor ? yamlText(editor) : ""}${editor ? "" : "  # 必填：責任編輯"}`,
    "views: 0",
    `lang: ${lang}`,
    `slug: ${slug}`,
    "# summary: 摘要（選填；不填則取第一段）",
    "# tags: [標籤一, 標籤二]",
    "---",
    "",
    "正文第一段。",
    "",
    "![照片中的畫面：誰、在哪裡、做什麼](./photo-1.jpg \"圖片說明。供圖單位\")",
    "",
  ];
  // The photo line is a template for the editor: keep it out until a photo exists.
  const body = lines.filter((l) => !l.startsWith("![")).join("\n");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, body);
  const rel = relative(root, file);
  return { code: 0, out: `${rel}\nslug: ${slug}\nURL: ${variantUrl(variant.path, inner.article(section.id, date.toFormat("yyyy"), date.toFormat("MM"), slug))}` };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runCli(() => {
    const argv = process.argv.slice(2);
    const { code, out } = newArticle(siteRoot(readCommandLine(argv, COMMAND).values.root), argv);
    (code ? console.error : console.log)(out);
    return code;
  });
}

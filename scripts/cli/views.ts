// npm run views -- export.csv [--root <site>]
// Imports an analytics export into content/_data/views.json: rows name an article by URL
// path (either script: both count toward the same article) or by slug. Articles and their
// front matter are not touched.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadArticles, type ArticleSource } from "../content/articles.ts";
import { Problems, formatProblem } from "../content/problems.ts";
import { loadBlocklist } from "../content/spam-guard.ts";
import { loadSiteConfig } from "../site/site-config.ts";
import { inner, innerOf } from "../site/urls.ts";
import { parseAnalyticsCsv } from "../views/analytics-csv.ts";
import { loadViewCounts, saveViewCounts, viewKey } from "../views/view-counts.ts";
import { readCommandLine, runCli, siteRoot, USAGE_EXIT } from "./args.ts";
import { printable } from "./terminal-text.ts";

const USAGE = "Usage: npm run views -- <analytics-export.csv> [--root <site folder>]";

export function importViews(root: string, csvFile: string): { code: number; out: string[] } {
  let text: string;
  try {
    text = readFileSync(csvFile, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "a folder, not a file" : `cannot be read (${code ?? (err as Error).message})`;
    return { code: USAGE_EXIT, out: [`${printable(csvFile)}: ${why}. Give the path of the analytics export (CSV).`] };
  }
  const problems = new Problems();
  const site = loadSiteConfig(root, problems);
  const articles = loadArticles(site, problems, { includeDrafts: true, blocklist: loadBlocklist(root, new Problems()) });
  const counts = loadViewCounts(root, problems);
  if (problems.errors.length) return { code: 1, out: problems.errors.map(formatProblem) };

  const byPath = new Map<string, ArticleSource>();
  const bySlug = new Map<string, ArticleSource[]>();
  for (const a of articles) {
    byPath.set(a.path, a);
    bySlug.set(a.slug, [...(bySlug.get(a.slug) ?? []), a]);
  }
  const prefixes = site.variants.map((v) => v.path);

  function find(target: string): ArticleSource | string {
    let path = target;
    try {
      path = new URL(target, "https://x").pathname;
    } catch {
      // keep as written
    }
    try {
      path = decodeURI(path);
    } catch {
      return `the URL path ${target} has a malformed percent escape (% must be followed by two hex digits of UTF-8)`;
    }
    path = innerOf(path, prefixes);
    // Under the news hub: an article's path (a slug is one word).
    if (path.startsWith(inner.newsHub())) {
      const a = byPath.get(path.endsWith("/") ? path : path + "/");
      return a ?? `no article at ${target}`;
    }
    const same = bySlug.get(path.replace(/\/$/, "")) ?? [];
    if (same.length === 1) return same[0];
    return same.length > 1 ? `the slug ${target} belongs to ${same.length} articles: use the URL path` : `no article has the slug or path ${target}`;
  }

  const { rows, skipped } = parseAnalyticsCsv(text);
  const totals = new Map<string, number>();
  const out: string[] = [];
  const where = printable(csvFile);
  const lines: { line: number; text: string }[] = [];
  for (const row of rows) {
    const a = find(row.target);
    if (typeof a === "string") {
      lines.push({ line: row.line, text: `${where}:${row.line}: ${printable(a)}; row ignored.` });
      continue;
    }
    const key = viewKey(a.path);
    const sum = (totals.get(key) ?? 0) + row.views;
    if (!Number.isSafeInteger(sum)) {
      lines.push({ line: row.line, text: `${where}:${row.line}: the views of ${printable(row.target)} add up to more than ${Number.MAX_SAFE_INTEGER.toLocaleString("en")}; row ignored.` });
      continue;
    }
    totals.set(key, sum);
  }
  for (const s of skipped) lines.push({ line: s.line, text: `${where}:${s.line}: ${s.reason}${s.text ? `: ${printable(s.text)}` : ""}; row ignored.` });
  out.push(...lines.sort((a, b) => a.line - b.line).map((l) => l.text));
  let changed = 0;
  for (const [key, views] of totals) {
    if (counts[key] !== views) changed++;
    counts[key] = views;
  }
  saveViewCounts(root, counts);
  out.push(`${rows.length} rows, ${totals.size} articles, ${changed} counts changed in content/_data/views.json.`);
  return { code: 0, out };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runCli(() => {
    const { values, positionals } = readCommandLine(process.argv.slice(2), {
      command: "npm run views",
      usage: USAGE,
      flags: { root: { type: "string", value: "site folder" } },
      positionals: { min: 1, max: 1, name: "the analytics export (a CSV file)" },
    });
    const { code, out } = importViews(siteRoot(values.root), resolve(positionals[0]));
    for (const line of out) (code ? console.error : console.log)(line);
    return code;
  });
}

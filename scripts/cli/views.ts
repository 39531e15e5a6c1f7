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
import { parseAnalyticsCsv } from "../views/analytics-csv.ts";
import { loadViewCounts, saveViewCounts, viewKey } from "../views/view-counts.ts";
import { flag, parseArgs } from "./args.ts";

export function importViews(root: string, csvFile: string): { code: number; out: string[] } {
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
    path = decodeURI(path).replace(/index\.html$/, "").replace(/^\//, "");
    const first = path.split("/")[0];
    if (prefixes.includes(first)) path = path.slice(first.length + 1);
    if (path.startsWith("news/")) {
      const a = byPath.get(path.endsWith("/") ? path : path + "/");
      return a ?? `no article at ${target}`;
    }
    const same = bySlug.get(path.replace(/\/$/, "")) ?? [];
    if (same.length === 1) return same[0];
    return same.length > 1 ? `the slug ${target} belongs to ${same.length} articles: use the URL path` : `no article has the slug or path ${target}`;
  }

  const { rows, skipped } = parseAnalyticsCsv(readFileSync(csvFile, "utf8"));
  const totals = new Map<string, number>();
  const out: string[] = [];
  for (const row of rows) {
    const a = find(row.target);
    if (typeof a === "string") {
      out.push(`${csvFile}:${row.line}: ${a}; row ignored.`);
      continue;
    }
    const key = viewKey(a.path);
    totals.set(key, (totals.get(key) ?? 0) + row.views);
  }
  for (const s of skipped) out.push(`${csvFile}:${s.line}: not a row of (path or slug, views): ${s.text}`);
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
  const args = parseArgs(process.argv.slice(2));
  const csv = args.positional[0];
  if (!csv) {
    console.error("Usage: npm run views -- <analytics-export.csv> [--root <site>]");
    process.exitCode = 1;
  } else {
    const { code, out } = importViews(resolve(flag(args, "root") ?? process.cwd()), resolve(csv));
    for (const line of out) console.log(line);
    process.exitCode = code;
  }
}

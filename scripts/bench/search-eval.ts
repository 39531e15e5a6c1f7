// Search relevance on real text: the query set (search-queries.ts) over articles cut from
// ../shared/corpus (search-real-corpus.ts), indexed by the site's own record builder and index
// writer, queried by the browser's query core. Prints, per query, precision at 5 (relevant in
// the first five / the fewer of five and the relevant articles there are), whether the first
// result is relevant, and the bytes read before the first results show (cold cache).
//
//   npx tsx scripts/bench/search-eval.ts [--pagefind <pagefind_extended>] [--json out.json]
//
// --pagefind runs Pagefind on the same articles written as HTML pages (both scripts, source
// and editor in the page) and its search in Chromium (its search needs WASM and a browser);
// install it outside the project (npm install pagefind in a scratch folder). Its results are
// kept in tmp/search-eval/pagefind-<version>.json, so later runs reuse them.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readCommandLine, runCli } from "../cli/args.ts";
import { stripCommentLines } from "../plugins/js-comments.ts";
import { foldText } from "../search/fold.ts";
import { localSearcher } from "../search/local.ts";
import { writeIndexJob } from "../search/write-index.ts";
import { loadRealCorpus, pageInputs, twins, type RealArticle, type Twin } from "./search-real-corpus.ts";
import { QUERIES, type JudgedQuery } from "./search-queries.ts";

const PROJECT = resolve(fileURLToPath(import.meta.url), "../../..");

export interface QueryScore {
  q: string;
  kind: string;
  relevant: number;
  top: number[];
  p5: number;
  first: boolean;
  bytes: number;
  total: string;
  /** Nothing matched whole: the page also loaded the partial matches' module. */
  partial?: boolean;
  heldOut?: boolean;
}

/** Which articles each query wants. */
export function judge(articles: RealArticle[], all: Twin[][]): Map<JudgedQuery, Set<number>> {
  const texts = all.map((pages) => foldText(pages.flatMap((p) => [p.title, p.summary, p.html.replace(/<[^>]+>/g, ""), p.source, p.editor, p.tags.join(" ")]).join("\n")));
  const out = new Map<JudgedQuery, Set<number>>();
  for (const q of QUERIES) {
    const re = new RegExp(q.rel, "u");
    const set = new Set<number>();
    articles.forEach((a, n) => {
      if (re.test(texts[n]!) || (q.source && foldText(a.source) === q.source) || (q.editor && foldText(a.editor) === q.editor)) set.add(n);
    });
    out.set(q, set);
  }
  return out;
}

function score(q: JudgedQuery, relevant: Set<number>, top: number[], bytes: number, total: string): QueryScore {
  const five = top.slice(0, 5);
  const hits = five.filter((n) => relevant.has(n)).length;
  return { q: q.q, kind: q.kind, heldOut: q.heldOut ?? false, relevant: relevant.size, top: five, p5: relevant.size === 0 ? NaN : hits / Math.min(5, relevant.size), first: five.length > 0 && relevant.has(five[0]!), bytes, total };
}

const articleOf = (url: string) => Number(/\/a(\d+)\/$/.exec(url)?.[1] ?? -1);

async function ours(out: string, judged: Map<JudgedQuery, Set<number>>): Promise<QueryScore[]> {
  const scores: QueryScore[] = [];
  for (const [q, relevant] of judged) {
    const { searcher, fetch } = localSearcher(out, q.variant);
    const result = await searcher.query(q.q);
    const page = await searcher.page(result, 0);
    // The total as the page says it after the first page (older query cores had none).
    const total = "total" in searcher ? (searcher as unknown as { total(r: unknown): { n: number; exact: boolean; inside: number } }).total(result) : null;
    const shown = total ? `${total.exact ? "" : "~"}${total.n}${total.inside ? `+${total.inside}` : ""}${result.partial ? "p" : ""}` : `${result.hits.length}${result.exact ? "" : "?"}`;
    scores.push({ ...score(q, relevant, page.results.map((r) => articleOf(r.url)), fetch.bytes, shown), partial: result.partial });
  }
  return scores;
}

// ---- Pagefind, for comparison --------------------------------------------------------------

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

function writePagefindSite(all: Twin[][], dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  for (const pages of all) {
    for (const p of pages) {
      const file = join(dir, p.url, "index.html");
      mkdirSync(join(file, ".."), { recursive: true });
      writeFileSync(
        file,
        `<!doctype html><html lang="${p.lang}"><head><meta charset="utf-8"><title>${esc(p.title)}</title></head><body><main data-pagefind-body><h1>${esc(p.title)}</h1>` +
          `<p>${p.dateText} ${esc(p.section)} ${p.variant === "zh-hans" ? "来源" : "來源"}：${esc(p.source)} ${p.variant === "zh-hans" ? "编辑" : "編輯"}：${esc(p.editor)}</p><p>${esc(p.summary)}</p>${p.html}<p>${p.tags.map(esc).join(" ")}</p></main></body></html>`,
      );
    }
  }
  for (const [variant, lang] of [["zh-hans", "zh-Hans"], ["zh-hant", "zh-Hant"]]) {
    writeFileSync(
      join(dir, `${variant}.html`),
      `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><script type="module" src="/run.js"></script></head><body></body></html>`,
    );
  }
  writeFileSync(
    join(dir, "run.js"),
    `const pagefind = await import("/pagefind/pagefind.js"); await pagefind.init();
window.runQuery = async (q) => { const r = await pagefind.search(q); const top = await Promise.all(r.results.slice(0, 10).map((x) => x.data())); return { count: r.results.length, urls: top.map((d) => d.url) }; };
window.ready = true;`,
  );
}

function serveStatic(root: string): Promise<Server> {
  const types: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".json": "application/json", ".wasm": "application/wasm", ".css": "text/css" };
  const server = createServer((req, res) => {
    let file = join(root, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!file.startsWith(root) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  return new Promise((r) => server.listen(0, "127.0.0.1", () => r(server)));
}

async function pagefind(bin: string, all: Twin[][], judged: Map<JudgedQuery, Set<number>>, cacheDir: string): Promise<{ scores: QueryScore[]; cpuSeconds: number; peakMB: number }> {
  const version = spawnSync(bin, ["--version"], { encoding: "utf8" }).stdout.trim().replace(/\s+/g, "-");
  const cache = join(cacheDir, `${version}.json`);
  let runs: { q: string; variant: string; count: number; urls: string[] }[];
  let cpuSeconds = NaN;
  let peakMB = NaN;
  let cached = existsSync(cache) ? (JSON.parse(readFileSync(cache, "utf8")) as { runs: typeof runs; cpuSeconds: number; peakMB: number }) : null;
  // Queries added since: run it all again.
  if (cached && QUERIES.some((q) => !cached!.runs.some((r) => r.q === q.q && r.variant === q.variant))) cached = null;
  if (cached) ({ runs, cpuSeconds, peakMB } = cached);
  else {
    const site = join(cacheDir, "pagefind-site");
    writePagefindSite(all, site);
    const r = spawnSync("/usr/bin/time", ["-f", "%M %e %U %S", bin, "--site", site], { encoding: "utf8", maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`pagefind failed:\n${r.stdout}\n${r.stderr}`);
    const [rssKb, , user, system] = r.stderr.trim().split("\n").pop()!.split(" ").map(Number);
    cpuSeconds = user! + system!;
    peakMB = rssKb! / 1024;
    const { launchChromium } = await import("../../tests/helpers/browser.ts");
    const server = await serveStatic(site);
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await launchChromium();
    runs = [];
    try {
      for (const variant of ["zh-hans", "zh-hant"]) {
        const page = await browser.newPage();
        await page.goto(`${origin}/${variant}.html`);
        await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
        for (const q of QUERIES.filter((x) => x.variant === variant)) {
          const got = await page.evaluate((text) => (window as unknown as { runQuery(q: string): Promise<{ count: number; urls: string[] }> }).runQuery(text), q.q);
          runs.push({ q: q.q, variant, ...got });
        }
        await page.close();
      }
    } finally {
      await browser.close();
      server.close();
    }
    writeFileSync(cache, JSON.stringify({ runs, cpuSeconds, peakMB }));
  }
  const scores = [...judged].map(([q, relevant]) => {
    const run = runs.find((r) => r.q === q.q && r.variant === q.variant)!;
    return score(q, relevant, run.urls.map((u) => articleOf(u.replace(/index\.html$/, ""))), NaN, String(run.count));
  });
  return { scores, cpuSeconds, peakMB };
}

// ---- Report --------------------------------------------------------------------------------

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export function summary(scores: QueryScore[]): { p5: number; first: number; judged: number; medianBytes: number; worstBytes: number } {
  const judged = scores.filter((s) => !Number.isNaN(s.p5));
  const bytes = scores.map((s) => s.bytes).filter((b) => !Number.isNaN(b));
  return {
    p5: mean(judged.map((s) => s.p5)),
    first: judged.filter((s) => s.first).length,
    judged: judged.length,
    medianBytes: bytes.length ? median(bytes) : NaN,
    worstBytes: bytes.length ? Math.max(...bytes) : NaN,
  };
}

async function main(): Promise<number> {
  const { values } = readCommandLine(process.argv.slice(2), {
    command: "scripts/bench/search-eval.ts",
    usage: "Usage: tsx scripts/bench/search-eval.ts [--pagefind <binary>] [--json file] [--corpus dir]",
    flags: { pagefind: { type: "string", value: "binary" }, json: { type: "string", value: "file" }, corpus: { type: "string", value: "folder" } },
  });
  const work = join(PROJECT, "tmp/search-eval");
  mkdirSync(work, { recursive: true });
  const articles = loadRealCorpus(values.corpus ? resolve(values.corpus) : undefined);
  const all = twins(articles);
  const judged = judge(articles, all);
  const out = join(work, "site");
  rmSync(out, { recursive: true, force: true });
  const t0 = performance.now();
  const stats = writeIndexJob({ articles: pageInputs(all), dir: join(out, "search"), variants: ["zh-hans", "zh-hant"] });
  const indexMs = performance.now() - t0;
  const mine = await ours(out, judged);
  const pf = values.pagefind ? await pagefind(resolve(values.pagefind), all, judged, work) : null;

  const chars = all.reduce((n, [p]) => n + p!.html.length, 0);
  console.log(`${articles.length} articles (${articles.length * 2} pages, ${(chars / 1e6).toFixed(2)} M characters a script), ${QUERIES.length} queries; index ${stats.shards} shards, ${(indexMs / 1000).toFixed(2)} s`);
  console.log(`query                 kind          rel   P@5 ours${pf ? " / Pagefind" : ""}  1st   results        bytes`);
  mine.forEach((s, i) => {
    const p = pf?.scores[i];
    const f = (x: number) => (Number.isNaN(x) ? "  - " : x.toFixed(2));
    const pad = (t: string, n: number) => t + " ".repeat(Math.max(0, n - [...t].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)));
    console.log(
      `${pad(s.q, 22)}${pad(s.kind, 14)}${String(s.relevant).padStart(4)}   ${f(s.p5)}${p ? ` / ${f(p.p5)}` : ""}      ${s.first ? "y" : "-"}${p ? (p.first ? "y" : "-") : ""}   ${s.total.padStart(6)}${p ? ` / ${p.total.padStart(5)}` : ""}  ${String(s.bytes).padStart(8)}`,
    );
  });
  const a = summary(mine);
  // The search page's modules as published (without comment lines) and its stylesheet: fetched
  // once, then cached. search-partial.js is loaded only by a query nothing matches whole.
  const js = join(PROJECT, "assets/js");
  const size = (f: string) => Buffer.byteLength(stripCommentLines(readFileSync(join(js, f), "utf8")));
  const lazy = size("search-partial.js");
  const modules =
    readdirSync(js)
      .filter((f) => /^search-[\w-]+\.js$/.test(f) && f !== "search-partial.js")
      .reduce((n, f) => n + size(f), 0) + statSync(join(PROJECT, "assets/css/search.css")).size;
  const withModules = mine.map((s) => s.bytes + modules + (s.partial ? lazy : 0));
  const k = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`\nours:     P@5 ${a.p5.toFixed(3)} over ${a.judged} judged queries, best result first ${a.first}/${a.judged}`);
  console.log(
    `          bytes before first results: index files median ${k(a.medianBytes)}, worst ${k(a.worstBytes)}; with the modules and search.css (${k(modules)}, and ${k(lazy)} for partial matches) median ${k(median(withModules))}, worst ${k(Math.max(...withModules))}`,
  );
  if (pf) {
    const b = summary(pf.scores);
    console.log(`Pagefind: P@5 ${b.p5.toFixed(3)}, best result first ${b.first}/${b.judged}; indexing ${pf.cpuSeconds.toFixed(1)} s CPU, ${pf.peakMB.toFixed(0)} MB peak`);
  }
  // The queries the code was tuned on, and those written after (search-queries.ts heldOut).
  for (const [name, held] of [["tuned on", false], ["held out", true]] as const) {
    const part = (xs: QueryScore[]) => summary(xs.filter((x) => (x.heldOut ?? false) === held));
    const o = part(mine);
    const p = pf ? part(pf.scores) : null;
    console.log(`${name.padEnd(9)} ${o.judged} queries: P@5 ours ${o.p5.toFixed(3)}${p ? `, Pagefind ${p.p5.toFixed(3)}` : ""}; best first ours ${o.first}${p ? `, Pagefind ${p.first}` : ""}`);
  }
  // By kind, for the README's table.
  const kinds = [...new Set(mine.map((x) => `${x.heldOut ? "held out: " : ""}${x.kind}`))];
  for (const kind of kinds) {
    const of = (xs: QueryScore[]) => summary(xs.filter((x) => `${x.heldOut ? "held out: " : ""}${x.kind}` === kind));
    const o = of(mine);
    console.log(`  ${kind.padEnd(24)} ${String(o.judged).padStart(3)}  ours ${o.p5.toFixed(2)}${pf ? `  Pagefind ${of(pf.scores).p5.toFixed(2)}` : ""}`);
  }
  if (values.json) writeFileSync(values.json, JSON.stringify({ ours: mine, pagefind: pf?.scores ?? null }, null, 1));
  return 0;
}

await runCli(main);

// A reference row for the bench: the same articles as a minimal Hugo site in two languages
// (zh-hans and zh-hant), with a crumb, the meta line and previous/next links on each article
// and Hugo's paginated section lists. Hugo does not convert scripts: both languages get the
// article as the editor wrote it, so the row is the page work without the conversion. Run
// only when `hugo` is on PATH (Debian: apt-get install hugo).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { CorpusArticle } from "./corpus.ts";

const LANGS = ["zh-hans", "zh-hant"];

const CONFIG = `baseURL = "https://example.org/"
title = "bench"
defaultContentLanguage = "zh-hans"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
paginate = 20
[languages.zh-hans]
languageCode = "zh-Hans"
contentDir = "content/zh-hans"
weight = 1
[languages.zh-hant]
languageCode = "zh-Hant"
contentDir = "content/zh-hant"
weight = 2
`;

const BASEOF = `<!doctype html><html lang="{{ .Site.LanguageCode }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ block "main" . }}{{ end }}</main></body></html>
`;
const SINGLE = `{{ define "main" }}<nav><a href="{{ .Site.Home.RelPermalink }}">首页</a> › <a href="{{ .CurrentSection.RelPermalink }}">{{ .CurrentSection.Title }}</a></nav>
<article><h1>{{ .Title }}</h1><p>{{ .Date.Format "2006-01-02 15:04" }} · {{ .Params.source }} · {{ .Params.editor }}</p>{{ .Content }}</article>
<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }} {{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>{{ end }}
`;
const LIST = `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul>
{{ with .Paginator.Next }}<a href="{{ .URL }}">下一页</a>{{ end }}{{ end }}
`;

export function hugoInstalled(): string | null {
  const r = spawnSync("hugo", ["version"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim().split(" ").slice(0, 2).join(" ") : null;
}

/** Writes the Hugo site of the bench site's articles (read from `siteRoot`) into `dir`. */
export function writeHugoSite(dir: string, siteRoot: string, articles: CorpusArticle[]): void {
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write("hugo.toml", CONFIG);
  write("layouts/_default/baseof.html", BASEOF);
  write("layouts/_default/single.html", SINGLE);
  write("layouts/_default/list.html", LIST);
  write("layouts/index.html", LIST);
  for (const a of articles) {
    // The bench article's own file, with Hugo's date form (it reads "2020-01-01 00:00" as UTC).
    const text = readFileSync(join(siteRoot, a.file), "utf8").replace(/^date: (\S+) (\S+)$/m, "date: $1T$2:00+08:00").replace(/^lang: .*\n/m, "");
    for (const lang of LANGS) write(join("content", lang, a.section, a.date.slice(0, 4), `${a.slug}.md`), text);
  }
  for (const lang of LANGS) for (const s of new Set(articles.map((a) => a.section))) write(join("content", lang, s, "_index.md"), `---\ntitle: ${s}\n---\n`);
}

/** One cold Hugo build of `dir`: wall time, peak RSS (from GNU time when present) and pages. */
export function buildHugo(dir: string): { ms: number; maxRssMB: number | null; pages: number } {
  const useTime = spawnSync("/usr/bin/time", ["--version"], { encoding: "utf8" }).status === 0;
  const args = ["hugo", "--quiet", "--source", dir, "--destination", join(dir, "public")];
  const t = performance.now();
  const r = useTime ? spawnSync("/usr/bin/time", ["-f", "maxrss=%M", ...args], { encoding: "utf8" }) : spawnSync(args[0]!, args.slice(1), { encoding: "utf8" });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`hugo failed:\n${(r.stderr ?? "").slice(-3000)}`);
  const rss = /maxrss=(\d+)/.exec(r.stderr ?? "");
  const pages = spawnSync("find", [join(dir, "public"), "-name", "*.html"], { encoding: "utf8" }).stdout.split("\n").filter(Boolean).length;
  return { ms, maxRssMB: rss ? Math.round(Number(rss[1]) / 1024) : null, pages };
}

// Small sites written by the tests themselves, built with the real build command.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as cheerio from "cheerio";

export const PROJECT = resolve(fileURLToPath(import.meta.url), "../../..");

export const TEST_SITE = {
  name: "測試集團",
  phone: "+86-23-0000-0000",
  url: "https://example.test",
  timeZone: "Asia/Shanghai",
  defaultLang: "zh-Hans",
  dataLang: "zh-Hant",
  variants: [
    { lang: "zh-Hans", path: "zh-hans", label: "简体", short: "简", opencc: "cn" },
    { lang: "zh-Hant", path: "zh-hant", label: "繁體", short: "繁", opencc: "tw" },
  ],
  sections: [
    { id: "media-focus", name: "媒體聚焦", requireSource: true },
    { id: "company", name: "公司新聞" },
  ],
  nav: [
    { label: "網站首頁", href: "" },
    { label: "新聞資訊", href: "news/", children: "sections" },
  ],
  pageSize: 20,
};

export type Files = Record<string, string | Buffer>;

/** Writes a site into a new temporary folder and returns its path. */
export function makeSite(files: Files, site: Record<string, unknown> = {}): string {
  const root = mkdtempSync(join(tmpdir(), "newsroom-site-"));
  const all: Files = { "content/_data/site.json": JSON.stringify({ ...TEST_SITE, ...site }, null, 2), ...files };
  for (const [path, content] of Object.entries(all)) {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return root;
}

/** Front matter and body as an editor writes them. */
export function article(fields: Record<string, string | number | boolean | undefined>, body = "正文第一段。"): string {
  const lines = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`);
  return `---\n${lines.join("\n")}\n---\n\n${body}\n`;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command-line tool of the project as a user would (through tsx), in `cwd`. */
export function runTool(script: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): RunResult {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(PROJECT, script), ...args], {
    cwd: options.cwd ?? PROJECT,
    env: { ...process.env, ...options.env },
    encoding: "utf8",
    timeout: 300_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Builds the site at `root` into `out` (default root/_site). */
export function buildSite(root: string, out = join(root, "_site"), env: Record<string, string> = {}): RunResult {
  return runTool("scripts/cli/build.ts", ["--root", root, "--out", out], { env });
}

/** Every file under `dir` (paths relative to it) with its bytes: to compare two outputs. */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

export function readPage(out: string, url: string): cheerio.CheerioAPI {
  return cheerio.load(readFileSync(pagePath(out, url), "utf8"));
}

export function pagePath(out: string, url: string): string {
  return join(out, url.endsWith("/") ? `${url}index.html` : url);
}

export function pageExists(out: string, url: string): boolean {
  return existsSync(pagePath(out, url));
}

/** Text with white space collapsed, as a reader sees it. */
export function text(el: cheerio.Cheerio<any>): string {
  return el.text().replace(/\s+/g, " ").trim();
}

/** Builds the sample site (content/ of the project) into a new temporary folder. */
export function buildSampleSite(prefix = "newsroom-sample-"): { out: string; build: RunResult } {
  const out = join(mkdtempSync(join(tmpdir(), prefix)), "site");
  return { out, build: buildSite(PROJECT, out) };
}

// Small sites written by the tests themselves, built with the real build command: in this
// process (its build function) where the process is not the point, else as its own process.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { format } from "node:util";
import * as cheerio from "cheerio";

export const PROJECT = resolve(fileURLToPath(import.meta.url), "../../..");

/** A copy of the project (its tracked and new files, node_modules linked), for tests that
 * change its templates or content/. The photos as other builds of the sample site encoded
 * them come along (the cache checks each file on use): such tests are not about encoding. */
export function copyProject(): string {
  const copy = mkdtempSync(join(tmpdir(), "newsroom-project-"));
  const files = spawnSync("git", ["ls-files", "-co", "--exclude-standard"], { cwd: PROJECT, encoding: "utf8" }).stdout.split("\n").filter(Boolean);
  for (const f of files) {
    if (f.startsWith("node_modules/") || !existsSync(join(PROJECT, f))) continue;
    mkdirSync(dirname(join(copy, f)), { recursive: true });
    cpSync(join(PROJECT, f), join(copy, f));
  }
  symlinkSync(join(PROJECT, "node_modules"), join(copy, "node_modules"));
  if (existsSync(join(PROJECT, ".cache/media"))) cpSync(join(PROJECT, ".cache/media"), join(copy, ".cache/media"), { recursive: true });
  return copy;
}

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

/**
 * Builds the site at `root` into `out` (default root/_site) as `npm run build` does, in this
 * process: the same build function, exit code and messages without the seconds a new process
 * takes to start (tsx, Eleventy, the dictionaries). `env` is set for the build and restored.
 * In-process state outlives a build here as it does in the dev server (e.g. the conversion
 * cache file is read once a process): a test about what a fresh process reads from disk
 * uses runBuildCli.
 */
export async function buildSiteInProcess(
  root: string,
  out = join(root, "_site"),
  env: Record<string, string> = {},
  options: { threads?: number | null; waitMs?: number; shard?: import("../../scripts/shard/shard.ts").ShardSpec; stats?: boolean } = {},
): Promise<RunResult> {
  // Loaded on first use: test files that never build do not pay for Eleventy.
  const [{ build }, { siteRoot, UsageError, USAGE_EXIT }] = await Promise.all([import("../../scripts/build/run.ts"), import("../../scripts/cli/args.ts")]);
  return captured(env, async () => {
    try {
      // As the command line resolves --root and --out.
      return await build(siteRoot(root), resolve(out), { stats: options.stats ?? false, threads: options.threads ?? null, waitMs: options.waitMs, ...(options.shard ? { shard: options.shard } : {}) });
    } catch (err) {
      // What runCli and Node do with what escapes the build: a usage error exits 2, anything else 1 with its stack.
      if (err instanceof UsageError) {
        console.error(err.message);
        return USAGE_EXIT;
      }
      console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      return 1;
    }
  });
}

const CONSOLE_METHODS = { log: "stdout", info: "stdout", debug: "stdout", dir: "stdout", warn: "stderr", error: "stderr", trace: "stderr" } as const;

/**
 * Runs `fn` with `env` set and what it prints through the console (the build's messages and
 * Eleventy's logger, which calls the console) collected, as a process's stdout and stderr.
 * process.stdout itself is left alone: the test runner reports to its parent through it.
 */
export async function captured(env: Record<string, string>, fn: () => Promise<number>): Promise<RunResult> {
  const streams = { stdout: "", stderr: "" };
  const savedEnv = { ...process.env };
  const savedConsole = new Map<keyof typeof CONSOLE_METHODS, unknown>();
  for (const [name, stream] of Object.entries(CONSOLE_METHODS) as [keyof typeof CONSOLE_METHODS, "stdout" | "stderr"][]) {
    savedConsole.set(name, console[name]);
    console[name] = (...args: unknown[]) => {
      streams[stream] += format(...args) + "\n";
    };
  }
  Object.assign(process.env, env);
  try {
    const code = await fn();
    return { code, ...streams };
  } finally {
    for (const [name, method] of savedConsole) (console as unknown as Record<string, unknown>)[name] = method;
    // Back to the environment before the build: the overrides, and what Eleventy sets (ELEVENTY_ROOT …).
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
  }
}

/**
 * `npm run verify -- …args` run from `cwd`, in this process (its verify function): the exit
 * code and what it printed, without a new process's start. The command line itself (argument
 * wiring, exit status) is tested as a process in integrity.test.ts.
 */
export async function verifyInProcess(args: string[], cwd = PROJECT): Promise<RunResult> {
  const { verify } = await import("../../scripts/cli/verify.ts");
  return captured({}, () => verify(args, cwd));
}

/**
 * Runs `npm run build` as its own process (through tsx): for tests whose point is the process
 * (exit codes of the command line, locks between processes, kills) or what a fresh process
 * reads (a cache file changed on disk between builds).
 */
export function runBuildCli(root: string, out = join(root, "_site"), env: Record<string, string> = {}, args: string[] = []): RunResult {
  return runTool("scripts/cli/build.ts", ["--root", root, "--out", out, ...args], { env });
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

/** Builds the sample site (content/ of the project) into a new temporary folder, in this process. */
export async function buildSampleSite(prefix = "newsroom-sample-"): Promise<{ out: string; build: RunResult }> {
  const out = join(mkdtempSync(join(tmpdir(), prefix)), "site");
  return { out, build: await buildSiteInProcess(PROJECT, out) };
}

/** The model a site folder gives, read in this thread and uncached, as the build reads it; fails the test with the problems when there is none. */
export async function loadModel(root: string): Promise<import("../../scripts/model/types.ts").SiteModel> {
  const { loadSite } = await import("../../scripts/site/load-site.ts");
  const loaded = await loadSite({ root, includeDrafts: false, cacheFile: null, parallelRead: "never" });
  if (!loaded.model) throw new Error(`${root} gives no model: ${JSON.stringify(loaded.problems)}`);
  return loaded.model;
}

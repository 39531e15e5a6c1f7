// The dev server's edit-to-visible time on a bench site: `npm start` (scripts/cli/serve.ts of
// the given checkout) on the site, then a title edited a few times; each time, from the file's
// write until the page the server sends holds the new title (polled every 20 ms).
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface DevServerFigures {
  /** From starting the process until the article's page is served. */
  startMs: number;
  /** Each edit's save-to-visible time. */
  editsMs: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function fetchText(url: string): Promise<string | null> {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return r.ok ? await r.text() : null;
  } catch {
    return null;
  }
}

async function until(what: string, limitMs: number, test: () => Promise<boolean>): Promise<number> {
  const t = performance.now();
  while (!(await test())) {
    if (performance.now() - t > limitMs) throw new Error(`dev server: ${what} not seen after ${limitMs / 1000} s`);
    await sleep(20);
  }
  return performance.now() - t;
}

/**
 * Starts the dev server of `project` on `root`, waits for `pagePath` (an article's URL path),
 * then edits the title of `file` (relative to root) `edits` times. The server is stopped
 * (SIGTERM to the process this started) whatever happens.
 */
export async function measureDevServer(project: string, root: string, file: string, pagePath: string, port: number, edits = 3): Promise<DevServerFigures> {
  const child = spawn(process.execPath, ["--import", "tsx", join(project, "scripts/cli/serve.ts"), "--root", root, "--port", String(port)], {
    cwd: project,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const url = `http://localhost:${port}${pagePath}`;
  try {
    const t = performance.now();
    await until(`${url} (log: ${log.slice(-500)})`, 600_000, async () => {
      if (child.exitCode !== null) throw new Error(`dev server exited ${child.exitCode}:\n${log.slice(-2000)}`);
      return (await fetchText(url)) !== null;
    });
    const startMs = performance.now() - t;
    const path = join(root, file);
    const original = readFileSync(path, "utf8");
    const editsMs: number[] = [];
    try {
      for (let k = 0; k < edits; k++) {
        // A title no page has yet, in both scripts' characters (digits and Latin letters).
        const mark = `bench-edit-${process.pid}-${k}`;
        writeFileSync(path, original.replace(/^title: (.*)$/m, (_, t: string) => `title: ${JSON.stringify(`${JSON.parse(t) as string} ${mark}`)}`));
        const saved = performance.now();
        await until(`the edit ${mark} at ${url}`, 120_000, async () => (await fetchText(url))?.includes(mark) ?? false);
        editsMs.push(performance.now() - saved);
        // Let the rebuild's tail (feeds, the search index) finish before the next edit.
        await sleep(1_500);
      }
    } finally {
      writeFileSync(path, original);
    }
    return { startMs, editsMs };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
  }
}

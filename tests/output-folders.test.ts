// A build replaces only a folder it made: never a git checkout with CNAME, a folder of other
// files, the project, the site root or a folder holding them, a mount point; a read-only
// output is refused rather than left behind as trash. One build at a time writes a folder:
// a second one waits, and a lock left by a build killed with -9 is taken over.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PROJECT, article, buildSiteInProcess, makeSite, readTree, runBuildCli, runTool, type RunResult } from "./helpers/site-fixture.ts";

const NOW = { NEWSROOM_NOW: "2025-03-10T12:00:00+08:00" };

/** Gives others the right to pass through every folder above and at `dir` that lacks it; returns how to take it back. */
function allowTraversal(dir: string): () => void {
  const changed: [string, number][] = [];
  for (let d = dir; ; d = dirname(d)) {
    const mode = statSync(d).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      chmodSync(d, mode | 0o001);
      changed.push([d, mode]);
    }
    if (dirname(d) === d) break;
  }
  return () => {
    for (const [d, mode] of changed) chmodSync(d, mode);
  };
}

function site(): string {
  const f: Record<string, string> = {};
  for (let i = 1; i <= 3; i++) f[`content/news/company/2025/n${i}.md`] = article({ title: `第${i}則公司新聞`, date: `2025-03-0${i} 10:00`, editor: "甲", lang: "zh-Hant" });
  return makeSite(f);
}

/** A folder of someone else's files, e.g. a GitHub Pages checkout. */
function foreignFolder(): { dir: string; files: Map<string, Buffer> } {
  const dir = join(mkdtempSync(join(tmpdir(), "newsroom-foreign-")), "pages");
  mkdirSync(join(dir, ".git"), { recursive: true });
  writeFileSync(join(dir, ".git", "HEAD"), "ref: refs/heads/gh-pages\n");
  writeFileSync(join(dir, "CNAME"), "news.example.com\n");
  return { dir, files: readTree(dir) };
}

function assertRefused(r: RunResult, message: RegExp): void {
  assert.equal(r.code, 2, `${r.stdout}${r.stderr}`);
  assert.match(r.stderr, message);
  assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
}

describe("output folders are owned", () => {
  it("refuses a git checkout with CNAME, and a folder of other files; both are left as they were", async () => {
    const root = site();
    const { dir, files } = foreignFolder();
    assertRefused(await buildSiteInProcess(root, dir), /^Build stopped: --out .*pages is a git working copy \(it holds \.git\): a build replaces its output folder whole and would delete it\./m);
    assert.deepEqual(readTree(dir), files);

    rmSync(join(dir, ".git"), { recursive: true });
    assertRefused(await buildSiteInProcess(root, dir), /^Build stopped: --out .*pages was not made by npm run build and is not empty \(CNAME\): .* Give --out a new or empty folder/m);
    assert.deepEqual([...readTree(dir).keys()], ["CNAME"]);
    assert.ok(!readdirSync(dirname(dir)).some((n) => n.includes(".tmp-") || n.includes(".old-")), "nothing written beside it");
  });

  it("refuses the project, the site root, a folder holding it, and `.`", async () => {
    const root = site();
    const before = readdirSync(root).sort();
    assertRefused(await buildSiteInProcess(root, root), /^Build stopped: --out .* is the site's root \(--root\): a build replaces its output folder whole and would delete it\./m);
    // The temporary folder holds the site (and the project too, when it is checked out there).
    assertRefused(await buildSiteInProcess(root, dirname(root)), /^Build stopped: --out .* holds the (site's root \(--root\)|project) \(/m);
    assertRefused(await buildSiteInProcess(root, PROJECT), /^Build stopped: --out .* is the project:/m);
    assertRefused(await buildSiteInProcess(root, "/"), /^Build stopped: --out \/ holds the project/m);
    // `.` is resolved by the command line, from the folder it runs in.
    const dot = runTool("scripts/cli/build.ts", ["--root", root, "--out", "."]);
    assertRefused(dot, /^Build stopped: --out .* is the project/m);
    assert.deepEqual(readdirSync(root).sort(), before, "the site root is untouched");
    assert.ok(existsSync(join(PROJECT, "package.json")));
  });

  it("builds into a new or an empty folder, then replaces it again; a different folder put in its place is refused", async () => {
    const root = site();
    const out = join(mkdtempSync(join(tmpdir(), "newsroom-out-")), "site");
    mkdirSync(out);
    const first = await buildSiteInProcess(root, out, NOW);
    assert.equal(first.code, 0, first.stderr);
    const again = await buildSiteInProcess(root, out, NOW);
    assert.equal(again.code, 0, again.stderr);
    // The ownership record is beside the output, not in it: nothing extra is published.
    assert.ok(existsSync(join(dirname(out), ".site.newsroom-owner")));
    assert.ok(!readdirSync(out).some((n) => n.startsWith(".")), "no marker inside the published folder");

    // A copy of the output moved into its place (as a checkout of the published site would be) is not the build's.
    const copy = `${out}-copy`;
    cpSync(out, copy, { recursive: true });
    writeFileSync(join(copy, "CNAME"), "news.example.com\n");
    rmSync(out, { recursive: true });
    renameSync(copy, out);
    assertRefused(await buildSiteInProcess(root, out, NOW), /^Build stopped: --out .*site was not made by npm run build and is not empty/m);
    assert.ok(existsSync(join(out, "CNAME")));
  });

  it("a mount point as --out is a clear message, not EBUSY, and nothing is written", async () => {
    const root = site();
    const before = readdirSync("/dev").filter((n) => n.startsWith("shm") || n.startsWith(".shm"));
    const r = await buildSiteInProcess(root, "/dev/shm");
    assertRefused(r, /^Build stopped: --out \/dev\/shm is a mount point: .* Give a folder inside it, e\.g\. --out \/dev\/shm\/site\./m);
    assert.doesNotMatch(r.stderr, /EBUSY/);
    assert.deepEqual(readdirSync("/dev").filter((n) => n.startsWith("shm") || n.startsWith(".shm")), before);
  });

  it("a read-only output is refused with a message, and no trash folder grows beside it", async () => {
    const root = site();
    const out = join(root, "_site");
    assert.equal((await buildSiteInProcess(root, out, NOW)).code, 0);
    // Permissions bind only a user other than root: the build runs as nobody, on a site it may write, but a read-only _site.
    chmodSync(root, 0o777);
    spawnSync("chmod", ["-R", "a+rwX", join(root, "content"), join(root, ".cache")]);
    spawnSync("chmod", ["a+r", join(root, "._site.newsroom-owner")]);
    spawnSync("chmod", ["-R", "a-w", out]);
    const asNobody = () =>
      spawnSync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, "--import", "tsx", join(PROJECT, "scripts/cli/build.ts"), "--root", root, "--out", out], {
        cwd: PROJECT,
        encoding: "utf8",
        env: { ...process.env, ...NOW, HOME: "/tmp" },
      });
    // nobody must reach the project to run it: a checkout in a private folder (mktemp -d
    // makes one with mode 700) is opened for traversal only, and closed again afterwards.
    const restore = allowTraversal(PROJECT);
    try {
      for (let i = 0; i < 2; i++) {
        const r = asNobody();
        assert.equal(r.status, 2, `${r.stdout}${r.stderr}`);
        assert.match(r.stderr, /^Build stopped: --out .*_site is read-only \(.*\): .* Make it writable \(chmod -R u\+w .*_site\) or give --out another folder\./m);
      }
    } finally {
      restore();
    }
    assert.deepEqual(
      readdirSync(root).filter((n) => n.includes("trash") || n.includes(".old-") || n.includes(".tmp-")),
      [],
      "no trash or leftover beside the output",
    );
    spawnSync("chmod", ["-R", "u+w", out]);
  });
});

describe("one build at a time per output folder", () => {
  const lockOf = (out: string) => join(dirname(out), `.${out.split("/").pop()}.newsroom-lock`);

  it("a lock held by a running build: --wait 0 stops at once, saying whose it is; a lock of a dead process is taken over", async () => {
    const root = site();
    const out = join(root, "_site");
    const holder = spawn("sleep", ["60"]);
    try {
      writeFileSync(lockOf(out), JSON.stringify({ pid: holder.pid, processStart: null, started: new Date().toISOString() }));
      const r = runTool("scripts/cli/build.ts", ["--root", root, "--out", out, "--wait", "0"]);
      assertRefused(r, new RegExp(`^Build stopped: Another build is still writing .*_site \\(process ${holder.pid}, started .*\\): stopped after waiting 0 s\\. Wait for it to finish \\(or stop it: kill ${holder.pid}\\), or wait longer with --wait <seconds>\\.`, "m"));
      assert.ok(!existsSync(out));
    } finally {
      holder.kill("SIGKILL");
    }
    // The same PID now names no process (or, reused, one started at another time): the lock is stale.
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
    writeFileSync(lockOf(out), JSON.stringify({ pid: dead, processStart: "1", started: new Date().toISOString() }));
    const b = await buildSiteInProcess(root, out, NOW);
    assert.equal(b.code, 0, b.stderr);
    assert.ok(!existsSync(lockOf(out)), "released when the build ends");
    // This process's PID with another start time: to the build (a process of its own) a PID reused by another process.
    writeFileSync(lockOf(out), JSON.stringify({ pid: process.pid, processStart: "1", started: new Date().toISOString() }));
    const reused = runBuildCli(root, out, NOW);
    assert.equal(reused.code, 0, `a PID reused by another process does not hold the lock: ${reused.stderr}`);
  });

  it("a process that builds again and again releases each lock and keeps no exit listener for it", async () => {
    const root = site();
    const out = join(root, "_site");
    const before = process.listenerCount("exit");
    for (let i = 0; i < 3; i++) assert.equal((await buildSiteInProcess(root, out, NOW)).code, 0);
    assert.ok(!existsSync(lockOf(out)), "released");
    assert.equal(process.listenerCount("exit"), before, "no exit listener left behind per build");
  });

  it("a build killed with -9 while it holds the lock does not leave it stuck", async () => {
    const root = site();
    const out = join(root, "_site");
    const child = spawn(process.execPath, ["--import", "tsx", join(PROJECT, "scripts/cli/build.ts"), "--root", root, "--out", out], { cwd: PROJECT, stdio: "ignore", env: { ...process.env, ...NOW } });
    for (let i = 0; i < 600 && !existsSync(lockOf(out)); i++) await new Promise((r) => setTimeout(r, 25));
    assert.ok(existsSync(lockOf(out)), "the build took the lock");
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const next = await buildSiteInProcess(root, out, NOW, { waitMs: 0 });
    assert.equal(next.code, 0, next.stderr);
    assert.ok(!readdirSync(root).some((n) => n.includes(".tmp-") || n.includes(".old-")), "the killed build's leftovers are removed");
  });

  it("overlapping builds with an edit in between: the second waits, and no stale page survives", async () => {
    const root = site();
    const out = join(root, "_site");
    assert.equal((await buildSiteInProcess(root, out, NOW)).code, 0);
    const run = () => {
      const c = spawn(process.execPath, ["--import", "tsx", join(PROJECT, "scripts/cli/build.ts"), "--root", root, "--out", out], { cwd: PROJECT, env: { ...process.env, ...NOW } });
      const r: RunResult = { code: -1, stdout: "", stderr: "" };
      c.stdout.on("data", (d) => (r.stdout += d));
      c.stderr.on("data", (d) => (r.stderr += d));
      const done = new Promise<RunResult>((resolve) => c.once("exit", (code) => resolve({ ...r, code: code ?? -1 })));
      return { child: c, r, done };
    };
    const until = async (ok: () => boolean) => {
      for (let i = 0; i < 2400 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
      assert.ok(ok());
    };
    const first = run();
    await until(() => existsSync(lockOf(out)));
    // The first build is held (as a slow one would be) while the article is edited and the second starts.
    first.child.kill("SIGSTOP");
    const file = join(root, "content/news/company/2025/n2.md");
    writeFileSync(file, readFileSync(file, "utf8").replace("第2則公司新聞", "第2則公司新聞（更正）"));
    const second = run();
    await until(() => second.r.stderr.includes("Another build is writing"));
    first.child.kill("SIGCONT");
    const [a, b] = await Promise.all([first.done, second.done]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    assert.match(b.stderr, /^Another build is writing .*_site \(process \d+, started .*\); this one waits for it to finish\./m);

    // A warm build afterwards equals a cold build of the edited content, byte for byte.
    const warm = await buildSiteInProcess(root, out, NOW);
    assert.equal(warm.code, 0, warm.stderr);
    const cold = join(mkdtempSync(join(tmpdir(), "newsroom-cold-")), "site");
    assert.equal((await buildSiteInProcess(root, cold, NOW)).code, 0);
    const w = readTree(out);
    const c = readTree(cold);
    assert.deepEqual([...w.keys()].sort(), [...c.keys()].sort());
    for (const [path, bytes] of w) assert.ok(bytes.equals(c.get(path)!), `${path} differs from a cold build's`);
    assert.match(w.get("zh-hant/news/company/2025/03/n2/index.html")!.toString("utf8"), /第2則公司新聞（更正）/);
  });
});

// The publish workflows' own logic, run here as the runners run it: which path a commit takes
// (.ci/publish-kind.sh), the shard matrix (.ci/shard-matrix.mjs), and the sharded workflow's
// commands (publish-sharded.yml) on a small site with four shards, whose merged output must
// be what one build writes, byte for byte.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { buildSiteInProcess, captured, PROJECT, readTree, runTool } from "./helpers/site-fixture.ts";
import { shardedSite } from "./helpers/sharded-site.ts";

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  outputs?: Record<string, string>;
  strategy?: { matrix?: Record<string, unknown> };
  steps?: Step[];
  uses?: string;
}
const workflow = (name: string) => parse(readFileSync(join(PROJECT, ".github/workflows", name), "utf8")) as { jobs: Record<string, Job>; on: Record<string, unknown> };

function shardMatrix(value: string): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(PROJECT, ".ci/shard-matrix.mjs"), value], { encoding: "utf8" });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** `key=value` lines as a step writes them to $GITHUB_OUTPUT. */
const outputs = (text: string) => Object.fromEntries(text.trim().split("\n").map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));

/** `npm run <script> -- args` of a workflow step: the script's file (from package.json) and the arguments. */
function npmRun(line: string): { script: string; args: string[] } {
  const m = /^npm run (\S+) -- (.*)$/.exec(line.trim());
  assert.ok(m, `not an npm run line: ${line}`);
  const scripts = (JSON.parse(readFileSync(join(PROJECT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  const file = /^tsx (\S+\.ts)$/.exec(scripts[m[1]!] ?? "");
  assert.ok(file, `npm run ${m[1]} is not a tsx script in package.json`);
  return { script: file[1]!, args: m[2]!.split(/\s+/) };
}

const stepRunning = (job: Job, start: string): Step => {
  const step = job.steps?.find((s) => s.run?.trim().startsWith(start));
  assert.ok(step, `a step running "${start}"`);
  return step;
};

test("shard matrix: SHARDS=n gives count=n and the k of every shard; 1, nothing or past 64 is refused with what to set", () => {
  const r = shardMatrix("4");
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(outputs(r.out), { count: "4", matrix: "[1,2,3,4]" });
  for (const value of ["", "1", "65", "four", "-2"]) {
    const bad = shardMatrix(value);
    assert.equal(bad.code, 2, value);
    assert.ok(bad.err.startsWith(`SHARDS="${value}": give a whole number from 2 to 64`), bad.err);
  }
});

test("the sharded workflow's commands with SHARDS=4: each shard builds its part, the merge is the one build byte for byte", async () => {
  const root = shardedSite(12);
  const jobs = workflow("publish-sharded.yml").jobs;
  const plan = jobs.plan!;
  const shard = jobs.shard!;
  const merge = jobs.merge!;

  // The plan's outputs, as its steps would write them for SHARDS=4.
  const matrixStep = stepRunning(plan, "node .ci/shard-matrix.mjs");
  assert.equal(matrixStep.run!.trim(), 'node .ci/shard-matrix.mjs "${{ vars.SHARDS }}" >> "$GITHUB_OUTPUT"');
  const planned = outputs(shardMatrix("4").out);
  const planOutputs: Record<string, string> = {};
  for (const [name, expr] of Object.entries(plan.outputs ?? {})) {
    const m = /^\$\{\{ steps\.shards\.outputs\.(\w+) \}\}$/.exec(expr);
    if (m) planOutputs[name] = planned[m[1]!]!;
  }
  assert.equal(shard.strategy?.matrix?.k, "${{ fromJSON(needs.plan.outputs.matrix) }}");
  const ks = JSON.parse(planOutputs.matrix!) as number[];
  assert.deepEqual(ks, [1, 2, 3, 4]);
  const expand = (text: string, k?: number) =>
    text.replace(/\$\{\{ (matrix\.k|needs\.plan\.outputs\.(\w+)) \}\}/g, (_, what: string, output?: string) => {
      if (what === "matrix.k") return String(k);
      assert.ok(output && output in planOutputs, `${what} is not an output of the plan job`);
      return planOutputs[output]!;
    });

  // Each shard's build, in this process, with the arguments the workflow gives it.
  const buildLine = stepRunning(shard, "npm run build").run!;
  const upload = shard.steps!.find((s) => s.uses?.startsWith("actions/upload-artifact@"))!;
  const download = merge.steps!.find((s) => s.uses?.startsWith("actions/download-artifact@"))!;
  const { parseShard } = await import("../scripts/shard/shard.ts");
  const artifacts = join(root, String(download.with!.path));
  const pattern = new RegExp(`^${String(download.with!.pattern).replace("*", ".+")}$`);
  for (const k of ks) {
    const { script, args } = npmRun(expand(buildLine, k));
    assert.equal(script, "scripts/cli/build.ts");
    const spec = parseShard(args[args.indexOf("--shard") + 1]!);
    const out = join(root, args[args.indexOf("--out") + 1]!);
    const built = await buildSiteInProcess(root, out, {}, { shard: spec });
    assert.equal(built.code, 0, built.stderr);
    // The artifact: uploaded from the shard's output under its name, downloaded into a folder of that name.
    assert.equal(join(root, expand(String(upload.with!.path), k)), out);
    const name = expand(String(upload.with!.name), k);
    assert.match(name, pattern);
    cpSync(out, join(artifacts, name), { recursive: true });
  }

  // The merge and the check, as the merge job runs them (the glob as bash expands it).
  const mergeRun = npmRun(stepRunning(merge, "npm run merge").run!);
  const args = mergeRun.args.flatMap((a) => {
    if (!a.includes("*")) return [a];
    const [dir, glob] = [a.slice(0, a.lastIndexOf("/")), a.slice(a.lastIndexOf("/") + 1)];
    const re = new RegExp(`^${glob.replace("*", ".*")}$`);
    return readdirSync(join(root, dir)).filter((f) => re.test(f)).sort().map((f) => `${dir}/${f}`);
  });
  assert.equal(args.filter((a) => a.startsWith("shards/")).length, 4);
  // Run from the project (where tsx is installed), the site's folders as the job's working directory names them.
  const inSite = (a: string) => (a.startsWith("--") ? a : join(root, a));
  const merged = runTool(mergeRun.script, args.map(inSite));
  assert.equal(merged.code, 0, merged.stderr);
  assert.match(merged.stdout, /^Merged 4 shards into /m);
  const verifyRun = npmRun(stepRunning(merge, "npm run verify").run!);
  // In the job's working directory: the manifest it checks against is _site/manifest.json there.
  assert.equal(verifyRun.script, "scripts/cli/verify.ts");
  const { verify } = await import("../scripts/cli/verify.ts");
  const verified = await captured({}, () => verify(verifyRun.args, root));
  assert.equal(verified.code, 0, verified.stdout + verified.stderr);

  // One build of the same site: the same files, the same bytes, the same manifest.
  const whole = join(root, "whole");
  const wholeBuild = await buildSiteInProcess(root, whole);
  assert.equal(wholeBuild.code, 0, wholeBuild.stderr);
  const one = readTree(whole);
  const site = readTree(join(root, "_site"));
  assert.deepEqual([...site.keys()].sort(), [...one.keys()].sort());
  for (const [path, bytes] of one) assert.ok(site.get(path)!.equals(bytes), `${path} differs from the one build's`);
  // Every article page was rendered by exactly one of the four shards.
  const shards = ks.map((k) => readTree(join(root, `shard-${k}`)));
  const articlePages = [...one.keys()].filter((p) => /\/news\/(company|media-focus)\/2025\/\d\d\/a\d+\/index\.html$/.test(p));
  assert.equal(articlePages.length, 24, "12 articles in 2 scripts");
  for (const p of articlePages) assert.equal(shards.filter((t) => t.has(p)).length, 1, p);

  // Publishing is deploy.yml's, called after the merge.
  const deploy = jobs.deploy!;
  assert.equal(deploy.uses, "./.github/workflows/deploy.yml");
  assert.ok("workflow_call" in workflow("deploy.yml").on);
  assert.ok(merge.steps!.some((s) => s.uses?.startsWith("actions/upload-pages-artifact@") && s.with?.path === "_site"));
});

/** A git repository holding the two CI scripts and a content and a code file, committed. */
function repo(): { dir: string; git: (...args: string[]) => string; kind: (env?: Record<string, string>) => { code: number; out: string; err: string } } {
  const dir = mkdtempSync(join(tmpdir(), "publish-kind-"));
  const git = (...args: string[]) => {
    const r = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", ...args], { cwd: dir, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim();
  };
  mkdirSync(join(dir, ".ci"));
  for (const f of ["publish-kind.sh", "changed-kind.mjs"]) cpSync(join(PROJECT, ".ci", f), join(dir, ".ci", f));
  mkdirSync(join(dir, "content/news/media-focus/2026"), { recursive: true });
  mkdirSync(join(dir, "scripts"));
  writeFileSync(join(dir, "content/news/media-focus/2026/a.md"), "一\n");
  writeFileSync(join(dir, "scripts/x.ts"), "export {};\n");
  git("init", "-q", "-b", "main");
  git("add", ".");
  git("commit", "-qm", "first");
  const kind = (env: Record<string, string> = {}) => {
    const r = spawnSync("bash", [".ci/publish-kind.sh"], { cwd: dir, encoding: "utf8", env: { ...process.env, GITHUB_EVENT_NAME: "push", ...env } });
    return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
  };
  return { dir, git, kind };
}

test("content or code: only what editors write changed since the published commit is content; anything else, no published commit or a manual run is code", () => {
  const { dir, git, kind } = repo();
  const none = kind();
  assert.equal(none.code, 0, none.err);
  assert.equal(none.out, "kind=code\n");
  assert.match(none.err, /^No published commit to compare with/m);

  mkdirSync(join(dir, "published"));
  writeFileSync(join(dir, "published/commit"), git("rev-parse", "HEAD") + "\n");
  assert.equal(kind().out, "kind=content\n", "nothing changed since it was published: a scheduled rebuild");
  writeFileSync(join(dir, "content/news/media-focus/2026/b.md"), "二\n");
  git("add", "content");
  git("commit", "-qm", "an article");
  const content = kind();
  assert.equal(content.out, "kind=content\n", content.err);
  assert.match(content.err, /content\/news\/media-focus\/2026\/b\.md/);
  assert.equal(kind({ GITHUB_EVENT_NAME: "workflow_dispatch" }).out, "kind=code\n", "a manual run tests the code");

  writeFileSync(join(dir, "scripts/x.ts"), "export const changed = 1;\n");
  git("add", "scripts");
  git("commit", "-qm", "code");
  const code = kind();
  assert.equal(code.out, "kind=code\n");
  assert.match(code.err, /^scripts\/x\.ts is code/m);

  // A published commit this history does not hold (a rewritten history): code.
  writeFileSync(join(dir, "published/commit"), "0123456789abcdef0123456789abcdef01234567\n");
  assert.equal(kind().out, "kind=code\n");
});

// Every command reads its flags strictly: a mistyped flag, a flag without its value, a
// --root that does not exist each stop the command with exit 2 and a message naming the
// flag, before anything is read or written.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { article, makeSite, runTool } from "./helpers/site-fixture.ts";

const site = () => makeSite({ "content/news/company/2025/a.md": article({ title: "公司新聞", date: "2025-03-01 10:00", editor: "甲", lang: "zh-Hant" }) });

test("an unknown flag (--ouput) is an error naming it and the known ones; nothing is built", () => {
  const root = site();
  const r = runTool("scripts/cli/build.ts", ["--root", root, "--ouput", join(root, "elsewhere")]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^--ouput is not an option of npm run build\. Did you mean --out\? Known options: --root <site folder>, --out <folder>, --threads <n>, --wait <seconds>, --stats, --shard <k\/n>\./m);
  assert.ok(!existsSync(join(root, "_site")), "no build went to _site");
  assert.ok(!existsSync(join(root, "elsewhere")));
});

test("every command refuses unknown flags with exit 2", () => {
  const root = site();
  const cases: [string, string[], RegExp][] = [
    ["scripts/cli/check.ts", ["--root", root, "--strict"], /^--strict is not an option of npm run check\. Known options: --root <site folder>, --conversions\./m],
    ["scripts/cli/views.ts", ["x.csv", "--root", root, "--dry-run"], /^--dry-run is not an option of npm run views\./m],
    ["scripts/cli/new-article.ts", ["--root", root, "--sectoin", "company", "標題"], /^--sectoin is not an option of npm run new\. Did you mean --section\?/m],
    ["scripts/cli/verify.ts", [join(root, "_site"), "--manfest", "m.json"], /^--manfest is not an option of npm run verify\. Did you mean --manifest\?/m],
    ["scripts/cli/serve.ts", ["--root", root, "--pot", "8080"], /^--pot is not an option of npm start\. Did you mean --port\?/m],
    ["scripts/bench/bench.ts", ["--article", "10"], /^--article is not an option of npm run bench\. Did you mean --articles\?/m],
  ];
  for (const [script, args, message] of cases) {
    const r = runTool(script, args);
    assert.equal(r.code, 2, `${script}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, message, script);
    assert.doesNotMatch(r.stderr, /\n\s+at /, `${script}: no stack trace`);
  }
});

test("a flag without its value, a stray argument, --threads out of range: exit 2, the flag named", () => {
  const root = site();
  const missing = runTool("scripts/cli/build.ts", ["--root", root, "--out"]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^--out needs a value: --out <folder>/m);
  // `--out --threads 2`: the value of --out is missing, not "--threads".
  const ambiguous = runTool("scripts/cli/build.ts", ["--root", root, "--out", "--threads", "2"]);
  assert.equal(ambiguous.code, 2);
  assert.match(ambiguous.stderr, /^--out needs a value/m);
  const stray = runTool("scripts/cli/build.ts", ["--root", root, "_site"]);
  assert.equal(stray.code, 2);
  assert.match(stray.stderr, /^"_site": npm run build takes no arguments besides its options/m);
  for (const threads of ["0", "33", "two", "1.5"]) {
    const r = runTool("scripts/cli/build.ts", ["--root", root, "--threads", threads]);
    assert.equal(r.code, 2, threads);
    assert.match(r.stderr, new RegExp(`^--threads: "${threads.replace(".", "\\.")}" is not a number of threads \\(1: no helper threads\\)\\. Give a whole number from 1 to 32\\.`, "m"));
  }
  const stats = runTool("scripts/cli/build.ts", ["--root", root, "--stats=yes"]);
  assert.equal(stats.code, 2);
  assert.match(stats.stderr, /^--stats takes no value/m);
  assert.ok(!existsSync(join(root, "_site")));
});

test("--root at a folder that does not exist says so (not missing site.json fields), for every command", () => {
  const missing = join(mkdtempSync(join(tmpdir(), "newsroom-noroot-")), "no-such-site");
  for (const [script, args] of [
    ["scripts/cli/build.ts", []],
    ["scripts/cli/check.ts", []],
    ["scripts/cli/views.ts", ["export.csv"]],
    ["scripts/cli/new-article.ts", ["--section", "company", "標題"]],
    ["scripts/cli/serve.ts", []],
  ] as const) {
    const r = runTool(script, [...args, "--root", missing]);
    assert.equal(r.code, 2, `${script}: ${r.stdout}${r.stderr}`);
    assert.equal(r.stderr.split("\n")[0], `--root ${missing}: the folder does not exist. Give the site's folder, the one that holds content/_data/site.json.`, script);
    assert.doesNotMatch(r.stdout + r.stderr, /required|site\.json:/, script);
  }
  assert.deepEqual(readdirSync(join(missing, "..")), [], "nothing was created");
});

test("a successful build prints each warning once", () => {
  const root = makeSite({
    "content/news/company/2025/a.md": article({ title: "公司新聞", date: "2025-03-01 10:00", editor: "甲", lang: "zh-Hant", soruce: "重慶日報" }),
  });
  const r = runTool("scripts/cli/build.ts", ["--root", root]);
  assert.equal(r.code, 0, r.stderr);
  const warnings = (r.stdout + r.stderr).split("\n").filter((l) => l.startsWith("content/news/company/2025/a.md:") && l.includes("warning:"));
  assert.ok(warnings.length > 0, `a warning for soruce: ${r.stdout}${r.stderr}`);
  assert.equal(new Set(warnings).size, warnings.length, `each warning once:\n${warnings.join("\n")}`);
});

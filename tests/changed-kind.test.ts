// The publish workflow's decision (.ci/changed-kind.mjs): a commit that changed only what
// editors write takes the fast path (check, build, publish, verify), anything else the full
// test suite first. Run as the workflow runs it: paths on standard input, plain Node.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

const SCRIPT = resolve(import.meta.dirname, "../.ci/changed-kind.mjs");

function kind(paths: string[], args: string[] = []): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { input: paths.join("\n") + "\n", encoding: "utf8" });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

test("articles, their photos, pages and view counts are content", () => {
  const r = kind(["content/news/media-focus/2026/new-article.md", "content/news/company/2025/photo-1.jpg", "content/pages/about.md", "content/_data/views.json"]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, "content\n");
  assert.match(r.err, /^4 changed paths, all content$/m);
});

test("one path outside the editors' files makes the commit code, and names it", () => {
  const cases: [string, string][] = [
    ["content/_generate/article.njk", "templates"],
    ["content/_data/site.json", "site data: URL, navigation, UI text, security policy hosts"],
    ["content/_data/glossary.json", "every page's conversion"],
    ["content/_data/blocklist.json", "the spam guard"],
    ["layouts/article.njk", "a layout"],
    ["package-lock.json", "dependencies"],
    [".github/workflows/publish.yml", "the workflow itself"],
    ["content/../scripts/cli/build.ts", "a path that climbs out of content/"],
    ["README.md", "anything else"],
  ];
  for (const [path, why] of cases) {
    const r = kind(["content/news/media-focus/2026/a.md", path]);
    assert.equal(r.out, "code\n", `${path} (${why})`);
    assert.ok(r.err.startsWith(`${path} is code`), r.err);
  }
});

test("nothing changed since the published commit (a scheduled rebuild) is content: that code was tested", () => {
  const r = kind([]);
  assert.equal(r.code, 0);
  assert.equal(r.out, "content\n");
  assert.match(r.err, /^nothing changed since the published commit/m);
});

test("an argument instead of standard input is wrong use: exit 2 with the usage", () => {
  const r = kind([], ["content/news/a.md"]);
  assert.equal(r.code, 2);
  assert.equal(r.out, "");
  assert.match(r.err, /^Usage: git diff --name-only --no-renames <published commit> HEAD \| node \.ci\/changed-kind\.mjs$/m);
});

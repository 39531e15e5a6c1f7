// A build takes unchanged articles from the last build's readings (.cache/read/): every
// change of an input reaches every page it should, and each incremental build's output is
// byte for byte a cold build's. Each incremental build is its own process, as in CI and at the
// desk: what carries over is only what is on disk. The cold builds compared with them run in
// this process, each on a fresh copy of the content.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { article, buildSiteInProcess, makeSite, readTree, runBuildCli } from "./helpers/site-fixture.ts";
import { solidPng } from "./helpers/images.ts";

const NOW = { NEWSROOM_NOW: "2025-03-10T12:00:00+08:00" };
const DIR = "content/news/company/2025";

function counts(stdout: string): { unchanged: number; read: number } {
  const m = /article files: (\d+) unchanged, (\d+) read/.exec(stdout);
  assert.ok(m, stdout);
  return { unchanged: Number(m[1]), read: Number(m[2]) };
}

/**
 * The output of a cold build of `root`: its content in a new folder (no .cache, nothing this
 * process has read), built in this process. The output does not depend on the site's folder.
 */
async function coldTree(root: string): Promise<Map<string, Buffer>> {
  const copy = mkdtempSync(join(tmpdir(), "newsroom-cold-"));
  try {
    cpSync(join(root, "content"), join(copy, "content"), { recursive: true });
    const cold = await buildSiteInProcess(copy, join(copy, "_site"), NOW);
    assert.equal(cold.code, 0, cold.stderr);
    assert.match(cold.stdout, /article files: 0 unchanged/);
    return readTree(join(copy, "_site"));
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/** Builds incrementally (a new process) and checks the output equals a cold build's; returns what it printed and the tree. */
async function incremental(root: string, what: string): Promise<{ stdout: string; tree: Map<string, Buffer> }> {
  const warm = runBuildCli(root, join(root, "_site"), NOW);
  assert.equal(warm.code, 0, `${what}: ${warm.stderr}`);
  const tree = readTree(join(root, "_site"));
  const cold = await coldTree(root);
  assert.deepEqual([...tree.keys()].sort(), [...cold.keys()].sort(), `${what}: the files differ from a cold build's`);
  for (const [path, bytes] of tree) {
    if (path === "manifest.json") continue;
    assert.ok(bytes.equals(cold.get(path)!), `${what}: ${path} differs from a cold build's`);
  }
  return { stdout: warm.stdout, tree };
}

const page = (tree: Map<string, Buffer>, path: string) => tree.get(path)?.toString("utf8") ?? "";

test("every changed input reaches its pages after an incremental build, equal to a cold build", async () => {
  const files: Record<string, string | Buffer> = {
    "content/_data/glossary.json": JSON.stringify({ 乾德门: "乾德門" }),
    [`${DIR}/photo.png`]: solidPng(40, 30, [200, 30, 30]),
  };
  for (let i = 1; i <= 5; i++) {
    const body = i === 2 ? "乾德门项目进展顺利。\n\n![红色的方块](./photo.png)" : `第${i}篇的正文。`;
    files[`${DIR}/n${i}.md`] = article({ title: `第${i}则公司新闻`, date: `2025-03-0${i} 10:00`, editor: "甲", lang: "zh-Hans" }, body);
  }
  const root = makeSite(files);
  const first = runBuildCli(root, join(root, "_site"), NOW);
  assert.equal(first.code, 0, first.stderr);
  assert.deepEqual(counts(first.stdout), { unchanged: 0, read: 5 });
  assert.ok(existsSync(join(root, ".cache/read/articles.v8")), "the readings are kept for the next build");

  // Nothing changed: no article is read again.
  let r = await incremental(root, "nothing changed");
  assert.deepEqual(counts(r.stdout), { unchanged: 5, read: 0 });

  // Only touched (a fresh checkout: every time new, every byte the same): the hashes say unchanged.
  const later = new Date(Date.parse("2025-03-10T05:00:00Z"));
  for (let i = 1; i <= 5; i++) utimesSync(join(root, `${DIR}/n${i}.md`), later, later);
  r = await incremental(root, "touched");
  assert.deepEqual(counts(r.stdout), { unchanged: 5, read: 0 });

  // A body edited to the same size with its old mtime put back: the stat differs only in
  // ctime, and the bytes decide.
  const n3 = join(root, `${DIR}/n3.md`);
  const before = statSync(n3);
  writeFileSync(n3, readFileSync(n3, "utf8").replace("第3篇的正文。", "第3篇的新文。"));
  assert.equal(statSync(n3).size, before.size);
  utimesSync(n3, before.atime, before.mtime);
  r = await incremental(root, "body");
  assert.deepEqual(counts(r.stdout), { unchanged: 4, read: 1 });
  assert.match(page(r.tree, "zh-hans/news/company/2025/03/n3/index.html"), /第3篇的新文。/);
  assert.match(page(r.tree, "zh-hant/news/company/2025/03/n3/index.html"), /第3篇的新文。/);

  // A title: its pages, its neighbours, the lists.
  writeFileSync(n3, readFileSync(n3, "utf8").replace("第3则公司新闻", "第三则公司新闻（更新）"));
  r = await incremental(root, "title");
  assert.deepEqual(counts(r.stdout), { unchanged: 4, read: 1 });
  for (const path of ["zh-hans/news/company/index.html", "zh-hant/news/company/index.html", "zh-hans/news/company/2025/03/n2/index.html", "zh-hans/news/company/2025/03/n4/index.html"]) {
    assert.match(page(r.tree, path), /第三(则|則)公司新(闻|聞)（更新）/, path);
  }

  // Site data that the reading uses (a section's name): every article is read again.
  const siteFile = join(root, "content/_data/site.json");
  writeFileSync(siteFile, readFileSync(siteFile, "utf8").replace('"公司新聞"', '"集團新聞"'));
  r = await incremental(root, "site data");
  assert.deepEqual(counts(r.stdout), { unchanged: 0, read: 5 });
  assert.match(page(r.tree, "zh-hant/news/company/2025/03/n1/index.html"), /集團新聞/);

  // The glossary: a conversion input, not a reading one; the page's Traditional text changes.
  writeFileSync(join(root, "content/_data/glossary.json"), JSON.stringify({ 乾德门: "乾德閘" }));
  r = await incremental(root, "glossary");
  assert.deepEqual(counts(r.stdout), { unchanged: 5, read: 0 });
  assert.match(page(r.tree, "zh-hant/news/company/2025/03/n2/index.html"), /乾德閘/);

  // A photo replaced by one of other dimensions: the article that shows it is read again.
  writeFileSync(join(root, `${DIR}/photo.png`), solidPng(60, 20, [30, 30, 200]));
  r = await incremental(root, "photo");
  assert.deepEqual(counts(r.stdout), { unchanged: 4, read: 1 });
  assert.match(page(r.tree, "zh-hans/news/company/2025/03/n2/index.html"), /height="20"|20"/);

  // View counts: not a reading input; the most-read lists change.
  writeFileSync(join(root, "content/_data/views.json"), JSON.stringify({ "company/2025/03/n5": 99999, "company/2025/03/n1": 5 }));
  r = await incremental(root, "views");
  assert.deepEqual(counts(r.stdout), { unchanged: 5, read: 0 });

  // The blocklist: its version is part of every reading.
  writeFileSync(join(root, "content/_data/blocklist.json"), JSON.stringify({ terms: ["澳门赌场"] }));
  r = await incremental(root, "blocklist");
  assert.deepEqual(counts(r.stdout), { unchanged: 0, read: 5 });

  // A new article and a deleted one.
  writeFileSync(join(root, `${DIR}/n6.md`), article({ title: "第6则公司新闻", date: "2025-03-06 10:00", editor: "甲", lang: "zh-Hans" }, "第6篇的正文。"));
  rmSync(join(root, `${DIR}/n1.md`));
  r = await incremental(root, "added and deleted");
  assert.deepEqual(counts(r.stdout), { unchanged: 4, read: 1 });
  assert.ok(!r.tree.has("zh-hans/news/company/2025/03/n1/index.html"));
  assert.match(page(r.tree, "zh-hans/news/company/index.html"), /第6则公司新闻/);
});

test("a damaged or foreign read index is not trusted: every article is read again", async () => {
  const files: Record<string, string> = {};
  for (let i = 1; i <= 3; i++) files[`${DIR}/n${i}.md`] = article({ title: `第${i}则公司新闻`, date: `2025-03-0${i} 10:00`, editor: "甲", lang: "zh-Hans" });
  const root = makeSite(files);
  assert.equal(runBuildCli(root, join(root, "_site"), NOW).code, 0);
  const index = join(root, ".cache/read/articles.v8");
  const bytes = readFileSync(index);
  writeFileSync(index, bytes.subarray(0, Math.floor(bytes.length / 2)));
  let r = await incremental(root, "cut short");
  assert.deepEqual(counts(r.stdout), { unchanged: 0, read: 3 });
  writeFileSync(index, "not an index");
  r = await incremental(root, "not an index");
  assert.deepEqual(counts(r.stdout), { unchanged: 0, read: 3 });
});

test("the build's figures count each article file once: a cold build reading on two threads says all read, none unchanged", () => {
  const files: Record<string, string> = {};
  for (let i = 1; i <= 6; i++) files[`${DIR}/t${i}.md`] = article({ title: `第${i}则双线程新闻`, date: `2025-03-0${i} 10:00`, editor: "甲", lang: "zh-Hans" });
  const root = makeSite(files);
  // --threads 2: the second part of the files is read by a worker thread, even on a small site.
  const cold = runBuildCli(root, join(root, "_site"), NOW, ["--threads", "2"]);
  assert.equal(cold.code, 0, cold.stderr);
  assert.deepEqual(counts(cold.stdout), { unchanged: 0, read: 6 });
  const warm = runBuildCli(root, join(root, "_site"), NOW, ["--threads", "2"]);
  assert.equal(warm.code, 0, warm.stderr);
  assert.deepEqual(counts(warm.stdout), { unchanged: 6, read: 0 });
});

// A warm build takes the last output's unchanged files on trust by their stat (inode, size,
// mtime, and a ctime older than the last build's settled stamp) instead of reading and
// hashing them all; a file the last build wrote is hashed once, and a file changed since, even
// with its mtime put back, is rendered again (scripts/render/output-trust.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { article, buildSiteInProcess, makeSite } from "./helpers/site-fixture.ts";

const NOW = { NEWSROOM_NOW: "2025-03-10T12:00:00+08:00" };

interface Figures {
  reusedPages: number;
  outputFilesTrustedByStat: number;
  outputFilesHashed: number;
}

async function build(root: string): Promise<{ figures: Figures; stdout: string }> {
  const r = await buildSiteInProcess(root, join(root, "_site"), NOW, { stats: true });
  assert.equal(r.code, 0, r.stderr);
  const line = r.stdout.split("\n").find((l) => l.startsWith("{"));
  assert.ok(line, `a line of figures: ${r.stdout}`);
  return { figures: JSON.parse(line) as Figures, stdout: r.stdout };
}

/** The old output is deleted in the background; its stamp says when that is done. */
async function settled(root: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const names = readdirSync(root);
    const stamps = names.filter((n) => n.startsWith("._site.newsroom-settled-"));
    assert.ok(stamps.length <= 1, `one stamp beside the output: ${stamps.join(", ")}`);
    if (stamps.length === 1 && readFileSync(join(root, stamps[0]!), "utf8") === "settled" && !names.some((n) => n.startsWith("._site.trash-"))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail("the old output was not deleted within 20 s");
}

test("unchanged files are taken over by their stat; what the last build wrote is hashed; a page changed with its mtime put back is rendered again", async () => {
  const f: Record<string, string> = {};
  for (let i = 1; i <= 4; i++) {
    f[`content/news/company/2025/n${i}.md`] = article({ title: `第${i}則公司新聞`, date: `2025-03-0${i} 10:00`, editor: "甲", lang: i % 2 ? "zh-Hant" : "zh-Hans" });
  }
  const root = makeSite(f);
  const first = await build(root);
  assert.equal(first.figures.reusedPages, 0);
  await settled(root);

  // Every file of the last output was written by the last build: each is read and hashed.
  const second = await build(root);
  assert.ok(second.figures.reusedPages > 10, second.stdout);
  assert.equal(second.figures.outputFilesTrustedByStat, 0, "files the last build wrote are hashed");
  assert.ok(second.figures.outputFilesHashed >= second.figures.reusedPages, second.stdout);
  await settled(root);

  // Now most files were written two builds ago and only linked since: taken on trust. The
  // page below is changed in place to bytes of the same length, and its mtime put back: its
  // inode, size and mtime are what the last build recorded; only its ctime tells.
  const page = join(root, "_site/zh-hant/news/company/index.html");
  const good = readFileSync(page);
  const before = statSync(page);
  const spam = Buffer.from(good.toString("utf8").replace("<title>", "<title>澳門線上娛樂"), "utf8").subarray(0, good.length);
  assert.equal(spam.length, good.length);
  // touch -r keeps the times to the nanosecond, as a tool that hides a change would.
  const ref = join(root, "times-of-the-page");
  execFileSync("touch", ["-r", page, ref]);
  writeFileSync(page, spam);
  execFileSync("touch", ["-r", ref, page]);
  const after = statSync(page);
  assert.deepEqual([after.ino, after.size, after.mtimeMs], [before.ino, before.size, before.mtimeMs], "the page's identity is unchanged");

  const third = await build(root);
  assert.ok(third.figures.outputFilesTrustedByStat > 10, `most files are taken on trust: ${third.stdout}`);
  assert.ok(third.figures.outputFilesHashed < third.figures.outputFilesTrustedByStat, third.stdout);
  // The tampered page, the root chooser and the two search pages.
  assert.match(third.stdout, /pages: \d+ unchanged, 4 rendered/);
  assert.ok(readFileSync(page).equals(good), "the changed page is rendered again from its source");
  assert.ok(existsSync(join(root, "_site/manifest.json")));
});

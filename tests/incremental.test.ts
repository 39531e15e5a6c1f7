// A warm build renders only pages whose inputs changed, and its output equals a cold build's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { article, buildSiteInProcess, makeSite, readTree, runBuildCli } from "./helpers/site-fixture.ts";

const NOW = { NEWSROOM_NOW: "2025-03-10T12:00:00+08:00" };

test("unchanged pages are reused; an edit re-renders what shows it; output equals a cold build", async () => {
  const f: Record<string, string> = {};
  for (let i = 1; i <= 6; i++) {
    f[`content/news/company/2025/n${i}.md`] = article({ title: `第${i}則公司新聞`, date: `2025-03-0${i} 10:00`, editor: "甲", lang: i % 2 ? "zh-Hant" : "zh-Hans" });
  }
  const root = makeSite(f);
  const out = join(root, "_site");
  const first = await buildSiteInProcess(root, out, NOW);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /pages: 0 unchanged/);

  const again = await buildSiteInProcess(root, out, NOW);
  // Only the pages outside the render plan are always rendered: the root chooser and the search page of each script.
  assert.match(again.stdout, /pages: (\d+) unchanged, 3 rendered/);

  // A page tampered with in the old output is rendered again, not carried into the new one.
  const page = join(out, "zh-hant/news/company/index.html");
  const good = readFileSync(page);
  writeFileSync(page, good.toString("utf8").replace("<title>", "<title>澳門線上娛樂 "));
  const healed = await buildSiteInProcess(root, out, NOW);
  assert.match(healed.stdout, /pages: \d+ unchanged, 4 rendered/);
  assert.ok(readFileSync(page).equals(good), "the tampered page is rebuilt from its source");

  // Edit one title: its own pages, its neighbours (上一篇/下一篇), lists, hub and home change.
  const file = join(root, "content/news/company/2025/n3.md");
  writeFileSync(file, readFileSync(file, "utf8").replace("第3則公司新聞", "第三則公司新聞（更新）"));
  const warm = await buildSiteInProcess(root, out, NOW);
  assert.equal(warm.code, 0, warm.stderr);
  const [, reused, rendered] = /pages: (\d+) unchanged, (\d+) rendered/.exec(warm.stdout)!.map(Number);
  assert.ok(reused > 0 && rendered > 0, warm.stdout);

  const coldOut = join(root, "_cold");
  rmSync(join(root, ".cache"), { recursive: true, force: true });
  // Cold: a new process, which has no conversions or readings of this site in memory.
  const cold = runBuildCli(root, coldOut, NOW);
  assert.equal(cold.code, 0, cold.stderr);
  const a = readTree(out);
  const b = readTree(coldOut);
  assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
  for (const [path, content] of a) {
    if (path === "manifest.json") continue;
    assert.ok(content.equals(b.get(path)!), `${path} differs between the warm and the cold build`);
  }
  assert.match(a.get("zh-hans/news/company/index.html")!.toString("utf8"), /第三则公司新闻（更新）/);
});

test("a page edited in the output together with its manifest.json is rendered again: the next build equals a cold build", async () => {
  const { createHash } = await import("node:crypto");
  const f: Record<string, string> = {};
  for (let i = 1; i <= 3; i++) {
    f[`content/news/company/2025/n${i}.md`] = article({ title: `第${i}則公司新聞`, date: `2025-03-0${i} 10:00`, editor: "甲", lang: "zh-Hant" });
  }
  const root = makeSite(f);
  const out = join(root, "_site");
  assert.equal((await buildSiteInProcess(root, out, NOW)).code, 0);
  // An attacker with write access to the output rewrites a page and the manifest to match.
  const rel = "zh-hant/news/company/2025/03/n2/index.html";
  const page = join(out, rel);
  const spam = Buffer.from(readFileSync(page, "utf8").replace("<title>", "<title>澳門線上娛樂 "), "utf8");
  writeFileSync(page, spam);
  const manifestFile = join(out, "manifest.json");
  const manifest = readFileSync(manifestFile, "utf8").replace(
    new RegExp(`\\{"path":"/${rel.replace(/\//g, "\\/")}","size":\\d+,"sha256":"[0-9a-f]+"\\}`),
    JSON.stringify({ path: `/${rel}`, size: spam.length, sha256: createHash("sha256").update(spam).digest("hex") }),
  );
  assert.notEqual(manifest, readFileSync(manifestFile, "utf8"), "the manifest entry was rewritten");
  writeFileSync(manifestFile, manifest);

  const warm = await buildSiteInProcess(root, out, NOW);
  assert.equal(warm.code, 0, warm.stderr);
  assert.match(warm.stdout, /pages: \d+ unchanged, 4 rendered/, "the tampered page, the root chooser and the two search pages are rendered");
  const cold = join(root, "_cold");
  rmSync(join(root, ".cache"), { recursive: true, force: true });
  assert.equal(runBuildCli(root, cold, NOW).code, 0); // a new process: cold
  const a = readTree(out);
  const b = readTree(cold);
  assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
  for (const [path, content] of a) assert.ok(content.equals(b.get(path)!), `${path} differs from a cold build's`);
  assert.doesNotMatch(a.get(rel)!.toString("utf8"), /澳門線上娛樂/);
});

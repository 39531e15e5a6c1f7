// A sharded build: `npm run build -- --shard k/n` renders a deterministic part of the pages
// (and every file written once), `npm run merge` puts the parts together, and the merged
// folder is byte for byte, manifest included, what one build writes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inShard } from "../scripts/shard/shard.ts";
import { readTree, runBuildCli, runTool } from "./helpers/site-fixture.ts";
import { shardedSite } from "./helpers/sharded-site.ts";

const site = () => shardedSite(8);

const html = (tree: Map<string, Buffer>) => [...tree.keys()].filter((p) => p.endsWith(".html"));

test("two shards merged are the one build, byte for byte and manifest for manifest; each article page is in one shard", () => {
  const root = site();
  const whole = runBuildCli(root, join(root, "whole"));
  assert.equal(whole.code, 0, whole.stderr);
  const shards = [1, 2].map((k) => {
    const r = runBuildCli(root, join(root, `shard-${k}`), {}, ["--shard", `${k}/2`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /pages: 0 unchanged, \d+ rendered, \d+ left to the other shards of 2;/);
    return readTree(join(root, `shard-${k}`));
  });
  const merge = runTool("scripts/shard/merge-cli.ts", [join(root, "shard-1"), join(root, "shard-2"), "--out", join(root, "merged")]);
  assert.equal(merge.code, 0, merge.stderr);
  assert.match(merge.stdout, /^Merged 2 shards into .*merged: \d+ files \(\d+ written alike by several shards\), manifest\.json written\.$/m);

  const one = readTree(join(root, "whole"));
  const merged = readTree(join(root, "merged"));
  assert.equal(readFileSync(join(root, "merged/manifest.json"), "utf8"), readFileSync(join(root, "whole/manifest.json"), "utf8"));
  assert.deepEqual([...merged.keys()].sort(), [...one.keys()].sort());
  for (const [path, bytes] of one) assert.ok(merged.get(path)!.equals(bytes), `${path} differs from the one build's`);

  // Each shard rendered a part: fewer pages than the whole, every article page in exactly one.
  const articles = html(one).filter((p) => /\/news\/(company|media-focus)\/2025\/\d\d\/a\d\//.test(p));
  assert.equal(articles.length, 16, "8 articles in 2 scripts");
  for (const p of articles) assert.equal(shards.filter((t) => t.has(p)).length, 1, p);
  for (const t of shards) assert.ok(html(t).length < html(one).length && html(t).length > 0, `a shard of ${html(t).length} pages of ${html(one).length}`);
  // Which shard renders a page is a function of its URL alone: the same on every build.
  const urlOf = (p: string) => "/" + p.replace(/index\.html$/, "");
  assert.deepEqual(articles.filter((p) => shards[0]!.has(p)), articles.filter((p) => inShard(urlOf(p), { index: 1, count: 2 })));

  // A shard changed after its build is refused, naming the file; nothing is merged.
  const page = articles.find((p) => shards[0]!.has(p))!;
  writeFileSync(join(root, "shard-1", page), "<p>changed</p>");
  const refused = runTool("scripts/shard/merge-cli.ts", [join(root, "shard-1"), join(root, "shard-2"), "--out", join(root, "merged-2")]);
  assert.equal(refused.code, 1, refused.stderr);
  assert.match(refused.stderr, new RegExp(`^Merge stopped: .*shard-1/${page.replace(/[.]/g, "\\.")} is not what its build wrote`, "m"));
});

test("--shard that is not k/n, a merge without --out or into a shard: exit 2 with what to write", () => {
  const root = site();
  for (const value of ["3/2", "a/b"]) {
    const r = runBuildCli(root, join(root, "_site"), {}, ["--shard", value]);
    assert.equal(r.code, 2, r.stdout);
    assert.match(r.stderr, new RegExp(`^--shard "${value}": give k/n, the k-th of n parts \\(1 ≤ k ≤ n ≤ 64\\), e\\.g\\. --shard 1/2\\.`, "m"));
  }
  const noOut = runTool("scripts/shard/merge-cli.ts", [join(root, "x")]);
  assert.equal(noOut.code, 2);
  assert.match(noOut.stderr, /^npm run merge needs --out <folder>/m);
  const intoShard = runTool("scripts/shard/merge-cli.ts", [join(root, "x"), "--out", join(root, "x")]);
  assert.equal(intoShard.code, 2);
  assert.match(intoShard.stderr, /is one of the shards/);
});

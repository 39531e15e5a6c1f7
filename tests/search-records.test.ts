// The search index of the sample site is the same bytes on both of the build's paths: written
// in the main thread (small sites) or from the job posted to the index worker (large ones).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT } from "./helpers/site-fixture.ts";
import { loadSite } from "../scripts/site/load-site.ts";
import { indexJob } from "../scripts/search/documents.ts";
import { writeIndexJob } from "../scripts/search/write-index.ts";

/** Every file under `dir`: relative path → bytes. */
function tree(dir: string, rel = ""): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const path = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) for (const [p, b] of tree(dir, path)) files.set(p, b);
    else files.set(path, readFileSync(join(dir, path)));
  }
  return files;
}

test("the sample site's index: the same bytes in the main thread and through the worker's job", async () => {
  const site = await loadSite({ root: PROJECT, includeDrafts: false, cacheFile: null });
  assert.ok(site.model, JSON.stringify(site.problems));
  const out = mkdtempSync(join(tmpdir(), "newsroom-search-paths-"));
  const inThread = writeIndexJob(indexJob(site.model, join(out, "thread")));
  // What the worker receives: the job after postMessage's structured clone.
  const inWorker = writeIndexJob(structuredClone(indexJob(site.model, join(out, "worker"))));

  assert.ok(inThread.docs > 0);
  assert.equal(inThread.docs, new Set(site.model.articles.map((a) => a.id)).size);
  assert.deepEqual(inWorker.written, inThread.written);
  const a = tree(join(out, "thread"));
  const b = tree(join(out, "worker"));
  assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort());
  for (const [path, bytes] of a) assert.ok(bytes.equals(b.get(path)!), path);
  // One document file per article per script, each with its body as text.
  const variants = site.model.variants.map((v) => v.path);
  assert.equal([...a.keys()].filter((p) => p.includes("/d/")).length, inThread.docs * variants.length);
  const first = JSON.parse(a.get(`${inThread.version}/d/${variants[0]}/0.json`)!.toString("utf8")) as Record<string, string>;
  // What a result shows and the phrase check reads: the source, editor and tags too (the summary only when the body lacks it).
  for (const key of ["u", "t", "d", "i", "s", "e", "b"]) assert.ok(key in first, key);
  assert.ok(Object.keys(first).every((k) => ["u", "t", "d", "i", "s", "o", "e", "g", "m", "b"].includes(k)), Object.keys(first).join());
  assert.doesNotMatch(first.b!, /<[a-z]/);
});

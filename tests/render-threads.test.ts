// Reading and rendering on several threads (npm run build -- --threads n) writes the same
// site, byte for byte, and reports the same problems as one thread. (A wrong --threads is
// refused by the command line: cli-robustness.test.ts.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { article, buildSiteInProcess, makeSite, readTree, runBuildCli, verifyInProcess } from "./helpers/site-fixture.ts";
import { checkEveryPageWrittenOnce } from "../scripts/render/render-threads.ts";
import type { WrittenRow } from "../scripts/integrity/written-files.ts";
import { renderedLists } from "../scripts/model/page-kinds.ts";
import type { RenderSubset } from "../scripts/render/render-plan.ts";

const NOW = { NEWSROOM_NOW: "2025-03-10T12:00:00+08:00" };

function assertSameTree(a: string, b: string): void {
  const x = readTree(a);
  const y = readTree(b);
  assert.deepEqual([...x.keys()].sort(), [...y.keys()].sort(), "the same files");
  for (const [path, bytes] of x) assert.ok(bytes.equals(y.get(path)!), `${path} differs`);
}

// In this process, as `npm run build -- --threads n`. A process reads each file once while it
// is unchanged: a build whose reading threads are the point gets a site of its own (same files).
const build = (root: string, out: string, threads: number) => buildSiteInProcess(root, out, NOW, { threads });

test("three threads write the same site as one, and a warm threaded build the same as a cold one", async () => {
  const f: Record<string, string> = {};
  for (let i = 1; i <= 9; i++) {
    const section = i % 3 ? "company" : "media-focus";
    const hant = i % 2 === 1;
    f[`content/news/${section}/2025/t${i}.md`] = article(
      {
        title: hant ? `第${i}則測試新聞` : `第${i}则测试新闻`,
        date: `2025-03-0${i} 10:00`,
        editor: "甲",
        source: section === "media-focus" ? (hant ? "重慶日報" : "重庆日报") : undefined,
        lang: hant ? "zh-Hant" : "zh-Hans",
      },
      hant ? `第${i}則的正文，發布會現場。` : `第${i}则的正文，发布会现场。`,
    );
  }
  const root = makeSite(f);
  // The one-thread build has a copy of the site: the threaded build must read every file itself.
  const copy = makeSite(f);
  const one = join(copy, "_one");
  const three = join(root, "_three");

  const single = await build(copy, one, 1);
  assert.equal(single.code, 0, single.stderr);
  assert.doesNotMatch(single.stdout, /threads/);
  const threaded = await build(root, three, 3);
  assert.equal(threaded.code, 0, threaded.stderr);
  assert.match(threaded.stdout, /pages: 0 unchanged, \d+ rendered on 3 threads/);
  assertSameTree(one, three);
  // The manifest, partly from hashes the threads took while writing, matches the files on disk.
  const verified = await verifyInProcess([three, "--manifest", join(three, "manifest.json")]);
  assert.equal(verified.code, 0, verified.stdout + verified.stderr);

  // The threads made the render keys of their pages after rendering: a build with nothing
  // changed finds every page's key the same and renders only the pages outside the render
  // plan: the root chooser and the search page of each script.
  const unchanged = await build(root, three, 3);
  assert.equal(unchanged.code, 0, unchanged.stderr);
  assert.match(unchanged.stdout, /pages: \d+ unchanged, 3 rendered[;)]/);

  // Edit one article; the threaded warm build takes unchanged pages over and renders the rest.
  const file = join(root, "content/news/company/2025/t4.md");
  writeFileSync(file, readFileSync(file, "utf8").replace("第4则测试新闻", "第四则测试新闻（更新）"));
  const warm = await build(root, three, 3);
  assert.equal(warm.code, 0, warm.stderr);
  assert.match(warm.stdout, /pages: [1-9]\d* unchanged, [1-9]\d* rendered/);
  // Cold: a new process, on one thread.
  const cold = runBuildCli(root, join(root, "_cold"), NOW, ["--threads", "1"]);
  assert.equal(cold.code, 0, cold.stderr);
  assertSameTree(three, join(root, "_cold"));
  assert.match(readFileSync(join(three, "zh-hant/news/company/index.html"), "utf8"), /第四則測試新聞（更新）/);
  const again = await verifyInProcess([three, "--manifest", join(three, "manifest.json")]);
  assert.equal(again.code, 0, again.stdout + again.stderr);
});

test("problems found in the articles another thread read are reported as one thread reports them", async () => {
  const f: Record<string, string> = {};
  for (let i = 1; i <= 8; i++) f[`content/news/company/2025/r${i}.md`] = article({ title: `第${i}則新聞`, date: `2025-03-0${i} 10:00`, editor: "甲", lang: "zh-Hant" });
  // The last files are the second thread's part.
  f["content/news/company/2025/r7.md"] = article({ title: "第7則新聞", date: "2025-03-32 10:00", editor: "甲", lang: "zh-Hant" });
  f["content/news/company/2025/r8.md"] = article({ title: "第1則新聞", date: "2025-03-08 10:00", editor: "甲", lang: "zh-Hant", colour: "紅" });
  const root = makeSite(f);
  // Another copy of the site for the second build, which reads every file again.
  const copy = makeSite(f);
  const one = await build(root, join(root, "_one"), 1);
  const two = await build(copy, join(copy, "_two"), 2);
  assert.equal(one.code, 1);
  assert.equal(two.code, 1);
  assert.match(two.stderr, /content\/news\/company\/2025\/r7\.md:\d+: date: "2025-03-32 10:00": 2025-03-32 is not a day: March 2025 has 31 days/);
  assert.match(two.stderr, /content\/news\/company\/2025\/r8\.md:\d+: warning: colour:/);
  assert.equal(two.stderr.replaceAll(copy, root).replaceAll("_two", "_one"), one.stderr);
});

test("a page cannot take the address of another page (threads could not see the clash)", async () => {
  const root = makeSite({
    "content/pages/about.md": "---\ntitle: 關於我們\nlang: zh-Hant\n---\n\n正文。\n",
    "content/pages/find.md": "---\ntitle: 查找\nlang: zh-Hant\nslug: search\n---\n\n正文。\n",
    "content/pages/about-us.md": "---\ntitle: 關於\nlang: zh-Hant\nslug: about\n---\n\n正文。\n",
  });
  const r = await build(root, join(root, "_site"), 3);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /content\/pages\/find\.md:4: slug: "search" is the address of the search page\. Give this page another slug: line/);
  assert.match(r.stderr, /content\/pages\/about\.md:\d+: slug: "about" is the address of content\/pages\/about-us\.md\./);
});

test("after a threaded render, a page no thread wrote or a file two threads wrote stops the build", () => {
  // Every planned kind's list, empty but two.
  const render = { ...(Object.fromEntries(renderedLists.map((list) => [list, []])) as unknown as RenderSubset), articles: [{ url: "/zh-hans/a/" }, { url: "/zh-hant/a/" }], notFound: [{ url: "/404.html" }] };
  const row = (path: string): WrittenRow => [path, 1, "0"];
  assert.doesNotThrow(() => checkEveryPageWrittenOnce(render, [row("/zh-hans/a/index.html"), row("/zh-hans/feed.xml")], [row("/zh-hant/a/index.html"), row("/404.html")]));
  assert.throws(() => checkEveryPageWrittenOnce(render, [row("/zh-hans/a/index.html")], [row("/zh-hant/a/index.html")]), /\/404\.html was not rendered by any thread/);
  assert.throws(
    () => checkEveryPageWrittenOnce(render, [row("/zh-hans/a/index.html"), row("/404.html")], [row("/zh-hant/a/index.html"), row("/404.html")]),
    /Two pages were written to \/404\.html/,
  );
});

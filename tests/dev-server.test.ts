// The dev server (npm start) after edits: the edited page shows the edit, and so does every
// page and file that shows the article (its twin, 上一篇/下一篇 of its neighbours, related and
// most-read lists, section list, hub, home, feeds, news sitemap). After a run of edits, the
// files it serves are the files a build of the same content writes. It renders into a folder
// of its own (drafts included), never into _site; a deleted or renamed article's page goes;
// stopping `npm start` by its PID stops the server.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as cheerio from "cheerio";
import { PROJECT, article, buildSiteInProcess, makeSite, readTree, text } from "./helpers/site-fixture.ts";
import { freePort } from "../scripts/cli/free-port.ts";
import { eventually } from "./helpers/eventually.ts";

const NOW = "2025-03-10T12:00:00+08:00";
const SECTION = "content/news/company/2025";


const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


describe("dev server", () => {
  const f: Record<string, string> = {};
  // Five articles in one section, an hour apart (all in the news sitemap's two days), sharing
  // a tag. One related and one most-read article a page, so that each list is seen on its own:
  // n2's related is n1 (n1 and n3 are as near, n1 sorts first), n4's is n3, most read is n5.
  // Two articles a list page, so a list page can change by its most-read list alone.
  for (let i = 1; i <= 5; i++) {
    f[`${SECTION}/n${i}.md`] = article({ title: `第${i}則公司新聞`, date: `2025-03-09 0${i}:00`, editor: "甲", lang: "zh-Hant", tags: "[算力]", views: i * 10 });
  }
  f["content/news/media-focus/2025/m1.md"] = article({ title: "媒體報道", date: "2025-03-01 10:00", editor: "乙", source: "重慶日報", lang: "zh-Hant" });
  // A draft: shown by the dev server only, older than m1 (its 上一篇).
  f["content/news/media-focus/2025/draft-one.md"] = article({ title: "未發布的草稿", date: "2025-02-01 10:00", editor: "乙", source: "重慶日報", lang: "zh-Hant", draft: true });
  const root = makeSite(f, { relatedCount: 1, mostReadCount: 1, pageSize: 2 });
  // Where npm start renders: the site's .cache/, not _site.
  const out = join(root, ".cache", "dev-site");
  let child: ChildProcess;
  let base = "";
  let log = "";

  const status = async (url: string): Promise<number> => {
    const r = await fetch(base + url);
    await r.arrayBuffer();
    return r.status;
  };
  const get = async (url: string): Promise<string> => {
    const r = await fetch(base + url);
    assert.equal(r.status, 200, url);
    return r.text();
  };
  const page = async (url: string) => cheerio.load(await get(url));
  const edit = (file: string, from: string | RegExp, to: string) => {
    const abs = join(root, file);
    const before = readFileSync(abs, "utf8");
    const after = before.replace(from, to);
    assert.notEqual(after, before, `edit of ${file}`);
    writeFileSync(abs, after);
  };

  before(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    // As an editor starts it: npm start, which the last test stops by its PID.
    child = spawn("npm", ["start", "--", "--root", root, "--port", String(port)], {
      cwd: PROJECT,
      env: { ...process.env, NEWSROOM_NOW: NOW },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (d) => (log += d));
    child.stderr!.on("data", (d) => (log += d));
    await eventually(async () => assert.match(text((await page("/zh-hant/news/company/2025/03/n3/"))("h1")), /第3則公司新聞/), 120_000).catch((err) => {
      throw new Error(`${(err as Error).message}\n${log}`);
    });
  });

  after(() => {
    child?.kill();
  });

  it("shows an edited title on its page, its twin, and everywhere the article is listed", async () => {
    edit(`${SECTION}/n3.md`, "第3則公司新聞", "第3則新聞：頭髮與麵條");
    // The page itself first: it is what the editor looks at.
    await eventually(async () => assert.equal(text((await page("/zh-hant/news/company/2025/03/n3/"))("h1")), "第3則新聞：頭髮與麵條"));
    await eventually(async () => {
      assert.equal(text((await page("/zh-hans/news/company/2025/03/n3/"))("h1")), "第3则新闻：头发与面条");
      // n2 is older (its 下一篇 is n3), n4 newer (its 上一篇 is n3).
      for (const [lang, title] of [["zh-hant", "第3則新聞：頭髮與麵條"], ["zh-hans", "第3则新闻：头发与面条"]]) {
        assert.equal(text((await page(`/${lang}/news/company/2025/03/n2/`))("a[rel=next]")), title, `${lang} n2 下一篇`);
        assert.equal(text((await page(`/${lang}/news/company/2025/03/n4/`))("a[rel=prev]")), title, `${lang} n4 上一篇`);
        assert.equal(text((await page(`/${lang}/news/company/2025/03/n4/`))(".related a")), title, `${lang} n4 related`);
        // Newest first, two a page: n5 n4 | n3 n2 | n1.
        for (const url of [`/${lang}/news/company/page/2/`, `/${lang}/news/`, `/${lang}/`]) {
          assert.ok((await get(url)).includes(title), `${url} shows the new title`);
        }
        assert.ok((await get(`/${lang}/news/company/feed.xml`)).includes(title), `${lang} section feed`);
        assert.ok((await get(`/${lang}/news/feed.json`)).includes(title), `${lang} news feed`);
      }
      assert.ok((await get("/sitemap-news.xml")).includes("第3则新闻：头发与面条"), "news sitemap");
    });
  });

  it("moves an article whose date is edited: order, neighbours and lists follow", async () => {
    // n1 becomes the newest article: n5's 下一篇 is now n1, and n1 heads the section list.
    edit(`${SECTION}/n1.md`, "2025-03-09 01:00", "2025-03-09 09:00");
    await eventually(async () => {
      assert.equal(text((await page("/zh-hant/news/company/2025/03/n5/"))("a[rel=next]")), "第1則公司新聞");
      const n1 = await page("/zh-hans/news/company/2025/03/n1/");
      assert.equal(text(n1("a[rel=prev]")), "第5则公司新闻");
      assert.equal(n1("a[rel=next]").length, 0, "n1 is the newest");
      // n2 is now the oldest: nothing before it.
      assert.equal((await page("/zh-hant/news/company/2025/03/n2/"))("a[rel=prev]").length, 0);
      assert.match(text((await page("/zh-hans/news/company/"))("main a[href*='/2025/03/']").first()), /第1则公司新闻/);
    });
  });

  it("follows imported view counts in the most-read lists", async () => {
    writeFileSync(join(root, "content/_data/views.json"), JSON.stringify({ "company/2025/03/n2": 99999 }));
    await eventually(async () => {
      // The first list page (n1 n5) does not list n2: only its most-read list changes.
      for (const url of ["/zh-hant/news/company/", "/zh-hant/news/company/2025/03/n4/"]) {
        const $ = await page(url);
        assert.ok(text($("body")).includes("99,999"), `${url} shows n2's imported count`);
      }
    });
  });

  it("shows an article added while it runs", async () => {
    writeFileSync(join(root, `${SECTION}/n6.md`), article({ title: "新增的公司新闻", date: "2025-03-09 11:00", editor: "甲", lang: "zh-Hans", tags: "[算力]" }));
    await eventually(async () => {
      assert.equal(text((await page("/zh-hant/news/company/2025/03/n6/"))("h1")), "新增的公司新聞");
      assert.ok((await get("/zh-hans/news/company/")).includes("新增的公司新闻"));
      assert.equal(text((await page("/zh-hans/news/company/2025/03/n1/"))("a[rel=next]")), "新增的公司新闻", "n1's 下一篇");
    });
  });

  it("applies an edit of site data to every page", async () => {
    const site = JSON.parse(readFileSync(join(root, "content/_data/site.json"), "utf8"));
    writeFileSync(join(root, "content/_data/site.json"), JSON.stringify({ ...site, name: "新名字集團" }, null, 2));
    await eventually(async () => {
      for (const url of ["/zh-hant/", "/zh-hans/news/media-focus/2025/03/m1/", "/zh-hant/news/company/2025/03/n2/"]) {
        assert.ok((await get(url)).includes(url.startsWith("/zh-hans") ? "新名字集团" : "新名字集團"), url);
      }
    });
  });

  it("serves a draft from its own folder, never from _site; deleting it removes its page and every link to it", async () => {
    const draft = "/zh-hant/news/media-focus/2025/02/draft-one/";
    assert.equal(text((await page(draft))("h1")), "未發布的草稿");
    assert.ok((await get("/zh-hans/news/media-focus/")).includes("未发布的草稿"));
    assert.ok(existsSync(join(out, "zh-hant/news/media-focus/2025/02/draft-one/index.html")));
    assert.ok(!existsSync(join(root, "_site")), "nothing is written to the publish folder");
    unlinkSync(join(root, "content/news/media-focus/2025/draft-one.md"));
    await eventually(async () => {
      assert.equal(await status(draft), 404, "the deleted article's page is gone");
      assert.equal(await status("/zh-hans/news/media-focus/2025/02/draft-one/"), 404);
      for (const url of ["/zh-hans/news/media-focus/", "/zh-hant/news/", "/zh-hant/", "/zh-hant/news/feed.xml"]) {
        assert.ok(!(await get(url)).includes("草稿"), `${url} no longer links it`);
      }
      assert.equal((await page("/zh-hant/news/media-focus/2025/03/m1/"))("a[rel=prev]").length, 0, "m1 has no 上一篇 any more");
    });
    assert.ok(!existsSync(join(root, "_site")));
  });

  it("follows a renamed article: the old address goes, the new one is linked", async () => {
    renameSync(join(root, `${SECTION}/n6.md`), join(root, `${SECTION}/n7.md`));
    await eventually(async () => {
      assert.equal(await status("/zh-hant/news/company/2025/03/n6/"), 404);
      assert.equal(text((await page("/zh-hant/news/company/2025/03/n7/"))("h1")), "新增的公司新聞");
      assert.equal((await page("/zh-hans/news/company/2025/03/n1/"))("a[rel=next]").attr("href"), "/zh-hans/news/company/2025/03/n7/");
    });
  });

  it("after the edits, serves the files a build of the same content writes", async () => {
    const cold = join(mkdtempSync(join(tmpdir(), "newsroom-dev-cold-")), "site");
    const built = await buildSiteInProcess(root, cold, { NEWSROOM_NOW: NOW });
    assert.equal(built.code, 0, built.stderr);
    const expected = readTree(cold);
    expected.delete("manifest.json"); // the build's record of its files, not a page
    // The dev server may still be writing the search index a moment after the pages.
    await eventually(async () => {
      const served = readTree(out);
      for (const [path, bytes] of expected) assert.ok(served.get(path)?.equals(bytes), `${path} differs from a build's`);
    });
  });

  it("stopping npm start by its PID stops the server", async () => {
    // (Retried: an idle keep-alive connection the server has just closed fails once.)
    await eventually(async () => assert.equal(await status("/zh-hant/"), 200), 10_000).catch((err) => assert.fail(`${(err as Error).message}\n${log}`));
    const exited = new Promise((done) => child.once("exit", done));
    child.kill("SIGTERM");
    await eventually(async () => {
      await assert.rejects(fetch(`${base}/zh-hant/`), "the server no longer answers");
    }, 15_000);
    await Promise.race([exited, sleep(10_000).then(() => assert.fail("npm start did not end"))]);
  });
});

// Scheduled publishing (content/schedule.ts): an article dated after the build's now is in no
// file of the build, in either script (its page, its photo, lists, hubs, home, topic and
// archive pages, neighbours' links, feeds, sitemaps, search index), and the build says when
// the next is due. A build at or after its time, in the same output and cache folders,
// publishes it everywhere. The dev server shows it, marked 預定發布 with its time, until then.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { DateTime } from "luxon";
import { PROJECT, article, buildSiteInProcess, makeSite, pageExists, readPage, readTree, runTool, text, type RunResult } from "./helpers/site-fixture.ts";
import { solidPng } from "./helpers/images.ts";
import { freePort } from "../scripts/cli/free-port.ts";
import { eventually } from "./helpers/eventually.ts";

const BEFORE = "2025-03-10T12:00:00+08:00";
/** The scheduled article's time, in UTC: the site's zone decides, not how NEWSROOM_NOW is written. */
const DUE = "2025-03-10T10:00:00Z";
const A_MINUTE_EARLY = "2025-03-10T17:59:00+08:00";

const SCHEDULED = "news/media-focus/2025/03/launch/";
const LATER = "news/company/2025/04/april-notice/";
const OLDER = "news/media-focus/2025/03/older/";
const NEWER_THAN_NONE = "news/media-focus/2025/03/middle/";

const FILES = {
  "content/news/media-focus/2025/older.md": article({ title: "星河论坛举行", date: "2025-03-08 09:00", source: "重庆日报", editor: "张伟", tags: "[星河]" }),
  "content/news/media-focus/2025/middle.md": article({ title: "星河园区开放", date: "2025-03-09 09:00", source: "华龙网", editor: "张伟", tags: "[星河]" }),
  // Due at 18:00 in the site's time zone (Asia/Shanghai), with a photo of its own.
  "content/news/media-focus/2025/launch/index.md": article(
    { title: "星河计划今晚启动", date: "2025-03-10 18:00", source: "重庆日报", editor: "张伟", tags: "[星河]", summary: "发射窗口定于今晚。" },
    '星河计划今晚启动。\n\n![发射架旁的工作人员](./launch-photo.png "现场。主办方供图")',
  ),
  "content/news/media-focus/2025/launch/launch-photo.png": solidPng(40, 30, [200, 10, 10]),
  // Further off: the build names the next one due, not this.
  "content/news/company/2025/april-notice.md": article({ title: "四月开放日通知", date: "2025-04-01 09:00", editor: "陈静" }),
};

/** What names an article in a built file: its path (in URLs) or its photo's name. */
const MARKERS = ["/2025/03/launch/", "launch-photo"];

/** Every file of the output that names the scheduled article in its path or its content. */
function filesNaming(out: string, markers: string[]): string[] {
  const hits: string[] = [];
  for (const [path, bytes] of readTree(out)) {
    const content = `/${path}\n${bytes.toString("utf8")}`;
    if (markers.some((m) => content.includes(m))) hits.push(path);
  }
  return hits.sort();
}

describe("scheduled publishing", () => {
  const root = makeSite(FILES);
  const out = join(root, "_site");
  let early: RunResult;
  let due: RunResult;
  let titles: string[] = [];
  let namedBefore: string[] = [];
  let namedAfter: string[] = [];

  before(async () => {
    early = await buildSiteInProcess(root, out, { NEWSROOM_NOW: BEFORE });
    assert.equal(early.code, 0, early.stderr + early.stdout);
    namedBefore = filesNaming(out, MARKERS);
    // The same output and cache folders: what the last build left must not hold it back.
    due = await buildSiteInProcess(root, out, { NEWSROOM_NOW: DUE });
    assert.equal(due.code, 0, due.stderr + due.stdout);
    titles = ["zh-hans", "zh-hant"].map((v) => text(readPage(out, `/${v}/${SCHEDULED}`)("h1")));
    namedAfter = filesNaming(out, [...MARKERS, ...titles]);
  });

  it("before its time, no file of the build names it, in either script", () => {
    assert.deepEqual(namedBefore, []);
  });

  it("before its time, the build says how many are scheduled and when the next is due", () => {
    const line = early.stdout.split("\n").find((l) => l.startsWith("Scheduled:"));
    assert.equal(
      line,
      "Scheduled: 2 articles are dated after now and not published; the next is due at 2025-03-10 18:00 (Asia/Shanghai): content/news/media-focus/2025/launch/index.md. A build after that time publishes it.",
    );
    assert.match(early.stdout, /Built 2 articles /);
    assert.doesNotMatch(early.stderr, /warning/, "a date after now is not a warning");
  });

  it("at its time, it is published: its page and photo, and every list, feed, sitemap and search file that shows its neighbours", () => {
    assert.notEqual(titles[0], titles[1], "each script's page");
    for (const v of ["zh-hans", "zh-hant"]) {
      const want = [
        `${v}/${SCHEDULED}index.html`,
        `${v}/index.html`,
        `${v}/news/index.html`,
        `${v}/news/media-focus/index.html`,
        `${v}/news/media-focus/feed.xml`,
        `${v}/news/media-focus/feed.json`,
        `${v}/news/feed.xml`,
        `${v}/news/feed.json`,
        `sitemap-${v}.xml`,
        // 下一篇 of the article before it.
        `${v}/${NEWER_THAN_NONE}index.html`,
      ];
      for (const path of want) assert.ok(namedAfter.includes(path), `${path} names it`);
      // The month's page of the archive, and the topic's page of its tag.
      assert.ok(namedAfter.includes(`${v}/news/media-focus/2025/03/index.html`), `${v} archive month`);
      assert.ok(namedAfter.some((p) => p.startsWith(`${v}/news/topics/`) && p !== `${v}/news/topics/index.html`), `${v} topic page`);
      assert.ok(namedAfter.some((p) => p.startsWith(`search/`) && p.includes(`/${v}/`)), `${v} search documents`);
    }
    assert.ok(namedAfter.includes("sitemap-news.xml"));
    assert.ok(namedAfter.some((p) => /launch-photo.*\.(avif|webp|png)$/.test(p)), "its photo is published");
    const next = readPage(out, `/zh-hans/${NEWER_THAN_NONE}`)("a[rel=next]");
    assert.equal(next.attr("href"), `/zh-hans/${SCHEDULED}`);
    assert.match(due.stdout, /Built 3 articles .*photo files: 3 cached, 0 encoded/, "its photo was encoded by the build before its time");
    assert.match(due.stdout, /Scheduled: 1 article is dated after now and not published; it is due at 2025-04-01 09:00 \(Asia\/Shanghai\): content\/news\/company\/2025\/april-notice\.md\./);
  });

  it("the reused pages of a build are those of its own time: a minute early, it is gone again", async () => {
    const r = await buildSiteInProcess(root, out, { NEWSROOM_NOW: A_MINUTE_EARLY });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.deepEqual(filesNaming(out, [...MARKERS, ...titles]), []);
    assert.equal(readPage(out, `/zh-hans/${NEWER_THAN_NONE}`)("a[rel=next]").length, 0, "下一篇: none");
    assert.ok(!pageExists(out, `/zh-hant/${SCHEDULED}`));
    assert.ok(pageExists(out, `/zh-hant/${OLDER}`));
  });

  it("an article whose time has come is published by a build after it (the later one too)", async () => {
    const r = await buildSiteInProcess(root, out, { NEWSROOM_NOW: "2025-04-01T09:00:00+08:00" });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.ok(pageExists(out, `/zh-hans/${LATER}`) && pageExists(out, `/zh-hant/${LATER}`));
    assert.doesNotMatch(r.stdout, /Scheduled:/, "nothing left to schedule");
  });
});

describe("scheduled articles in the dev server", () => {
  const root = makeSite(FILES);
  const out = join(root, ".cache", "dev-site");
  let log = "";

  before(async () => {
    // As npm start renders (mode serve: drafts and scheduled articles shown), once.
    const [{ Build, BuildSession }, { eleventyFor }] = await Promise.all([import("../scripts/build/build.ts"), import("../scripts/build/eleventy.ts")]);
    const saved = process.env.NEWSROOM_NOW;
    const warn = console.warn;
    process.env.NEWSROOM_NOW = BEFORE;
    console.warn = (...args: unknown[]) => void (log += args.join(" ") + "\n");
    try {
      await eleventyFor(new BuildSession(new Build({ root, out, mode: "serve" })), out).write();
    } finally {
      console.warn = warn;
      if (saved === undefined) delete process.env.NEWSROOM_NOW;
      else process.env.NEWSROOM_NOW = saved;
    }
  });

  it("says how many it shows marked, and when the next is due", () => {
    assert.match(log, /^Scheduled: 2 articles are dated after now, shown here marked 預定發布 and left out of a build until their time; the next is due at 2025-03-10 18:00 \(Asia\/Shanghai\): content\/news\/media-focus\/2025\/launch\/index\.md\.$/m);
  });

  it("shows it on its own page in both scripts, marked 預定發布 with its time", () => {
    for (const [v, mark] of [["zh-hans", "预定发布：2025年3月10日 18:00"], ["zh-hant", "預定發布：2025年3月10日 18:00"]]) {
      const $ = readPage(out, `/${v}/${SCHEDULED}`);
      assert.equal(text($(".article-header .scheduled-mark")), mark, v);
      assert.equal($(".scheduled-mark time").attr("datetime"), "2025-03-10T18:00:00+08:00");
    }
  });

  it("marks them in lists (section, home, topic), and only them", () => {
    for (const v of ["zh-hans", "zh-hant"]) {
      const scheduled = [`/${v}/${SCHEDULED}`, `/${v}/${LATER}`];
      for (const [url, want] of [[`/${v}/news/media-focus/`, [scheduled[0]]], [`/${v}/`, scheduled], [`/${v}/news/media-focus/2025/03/`, [scheduled[0]]]] as const) {
        const $ = readPage(out, url);
        const teasers = $(".teaser").toArray();
        const hrefOf = (el: (typeof teasers)[number]) => $(el).find(".teaser-title a").attr("href")!;
        const marked = new Set(teasers.filter((el) => $(el).find(".scheduled-mark").length > 0).map(hrefOf));
        assert.deepEqual([...marked].sort(), [...want].sort(), `${url}: the scheduled articles are marked`);
        assert.ok(teasers.some((el) => hrefOf(el) === `/${v}/${OLDER}` && $(el).find(".scheduled-mark").length === 0), `${url}: a published article is listed unmarked`);
        for (const el of teasers.filter((el) => hrefOf(el) === scheduled[0] && $(el).find(".teaser-meta").length)) {
          assert.match(text($(el).find(".scheduled-mark")), /^(预定发布|預定發布)：2025年3月10日 18:00$/);
        }
      }
      const older = readPage(out, `/${v}/${OLDER}`);
      assert.equal(older(".scheduled-mark").length, older(".related .scheduled-mark").length + older(".most-read .scheduled-mark").length, "an ordinary page shows marks only beside links to it");
      assert.equal(older(".article-header .scheduled-mark").length, 0);
    }
  });

  it("a production build of the same site at the same time has no mark and no scheduled article", async () => {
    const prod = join(root, "_site");
    const r = await buildSiteInProcess(root, prod, { NEWSROOM_NOW: BEFORE });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.deepEqual(filesNaming(prod, [...MARKERS, "scheduled-mark\"", "预定发布", "預定發布"]), []);
  });
});

describe("links to a scheduled article", () => {
  const link = (title: string, date: string, to: string, extra: Record<string, string> = {}) =>
    article({ title, date, source: "重庆日报", editor: "张伟", ...extra }, `第一段。\n\n详见[相关报道](${to})。`);
  const files = {
    ...FILES,
    // Published now, linking to the article due tonight: a warning at the link's line.
    "content/news/media-focus/2025/older.md": link("星河论坛举行", "2025-03-08 09:00", `/zh-hans/${SCHEDULED}`),
    // Due in April, linking to the one due tonight: out after it, so no warning.
    "content/news/company/2025/april-notice.md": link("四月开放日通知", "2025-04-01 09:00", `/zh-hant/${SCHEDULED}`),
  };
  const root = makeSite(files);
  const expected =
    "content/news/media-focus/2025/older.md:10: warning: the link /zh-hans/news/media-focus/2025/03/launch/ leads to content/news/media-focus/2025/launch/index.md, which is scheduled for 2025-03-10 18:00: until then the link leads to no page and shows readers the address of an article not yet published.";

  it("the build warns at the link's line, with when, and builds", async () => {
    const r = await buildSiteInProcess(root, join(root, "_site"), { NEWSROOM_NOW: BEFORE });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const warnings = r.stderr.split("\n").filter((l) => l.includes("scheduled for"));
    assert.equal(warnings.length, 1, r.stderr);
    assert.ok(warnings[0].startsWith(expected), warnings[0]);
    assert.match(warnings[0], /Add the link after 2025-03-10 18:00, or date the two articles so that the one linked to is published first\./);
  });

  it("npm run check reports the same, and nothing once the article is out", async () => {
    const { checkSite } = await import("../scripts/site/load-site.ts");
    const { formatProblem } = await import("../scripts/content/problems.ts");
    const saved = process.env.NEWSROOM_NOW;
    try {
      process.env.NEWSROOM_NOW = BEFORE;
      const checked = await checkSite(root);
      const early = checked.problems.map(formatProblem).filter((l) => l.includes("scheduled for"));
      assert.equal(early.length, 1);
      assert.ok(early[0].startsWith(expected), early[0]);

      process.env.NEWSROOM_NOW = DUE;
      assert.deepEqual((await checkSite(root)).problems.map(formatProblem).filter((l) => l.includes("scheduled for")), []);
    } finally {
      if (saved === undefined) delete process.env.NEWSROOM_NOW;
      else process.env.NEWSROOM_NOW = saved;
    }
  });

  it("npm run check prints the warning and the build's line about the schedule, and passes", () => {
    const r = runTool("scripts/cli/check.ts", ["--root", root], { env: { NEWSROOM_NOW: BEFORE } });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const lines = r.stdout.split("\n");
    assert.ok(lines.some((l) => l.startsWith(expected)), r.stdout);
    assert.ok(
      lines.includes("Scheduled: 2 articles are dated after now and not published; the next is due at 2025-03-10 18:00 (Asia/Shanghai): content/news/media-focus/2025/launch/index.md. A build after that time publishes it."),
      r.stdout,
    );
  });
});

describe("npm start when a scheduled article's time comes", () => {
  // The real clock: the server rebuilds by itself once the time has passed (within a second).
  const root = makeSite({ "content/news/company/2025/a.md": article({ title: "普通新闻", date: "2025-03-08 09:00", editor: "甲" }) });
  let child: ChildProcess | undefined;
  let log = "";
  after(() => child?.kill());

  it("shows the article marked until its time, then unmarked without a save", async () => {
    const port = await freePort();
    const base = `http://localhost:${port}`;
    child = spawn(process.execPath, ["--import", "tsx", join(PROJECT, "scripts/cli/serve.ts"), "--root", root, "--port", String(port)], {
      cwd: PROJECT,
      // The clock, whatever the runner's environment says.
      env: { ...process.env, NEWSROOM_NOW: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (d) => (log += d));
    child.stderr!.on("data", (d) => (log += d));
    const html = async (url: string) => {
      const r = await fetch(base + url);
      assert.equal(r.status, 200, url);
      return r.text();
    };
    await eventually(async () => assert.match(await html("/zh-hans/news/company/2025/03/a/"), /普通新闻/), 120_000, 250).catch((err) => {
      throw new Error(`${(err as Error).message}\n${log}`);
    });
    // Written once the server runs (it rebuilds on a new file), due 25 s from now (time enough to
    // see it marked first, even on a busy machine).
    // Whole seconds, as the front matter says it.
    const due = DateTime.now().setZone("Asia/Shanghai").plus({ seconds: 25 }).startOf("second");
    writeFileSync(join(root, "content/news/company/2025/soon.md"), article({ title: "即将发布的新闻", date: due.toFormat("yyyy-MM-dd HH:mm:ss"), editor: "甲" }));
    const url = `/zh-hans/news/company/${due.toFormat("yyyy/MM")}/soon/`;
    await eventually(async () => assert.match(await html(url), /class="scheduled-mark"/), 30_000, 250);
    assert.ok(DateTime.now() < due, "seen marked before its time");
    await eventually(async () => assert.doesNotMatch(await html(url), /scheduled-mark/), 75_000, 250);
    assert.ok(DateTime.now() >= due, "unmarked at its time, not before");
    assert.doesNotMatch(await html("/zh-hans/news/company/"), /scheduled-mark/, "nor in its section's list");
  });
});



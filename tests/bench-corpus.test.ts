// The bench's real-text corpus: articles made from a corpus folder's paragraphs (here a small
// folder the test writes, in the shared corpus's layout), and its strict command line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { readRealParagraphs } from "../scripts/bench/corpus-paragraphs.ts";
import { corpusArticle, writeCorpus } from "../scripts/bench/corpus.ts";
import { readPage, runBuildCli, runTool } from "./helpers/site-fixture.ts";

const PROJECT = resolve(import.meta.dirname, "..");

/** A corpus folder with the shared corpus's four files: our own sentences, one a line. */
function corpusFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "bench-corpus-"));
  const hans = ["社区图书馆今天上午重新开放，市民排队入馆，", "馆长说新馆藏书超过三万册，其中儿童读物占了三分之一。", "1. 周末开放时间延长到晚上九点，欢迎居民带孩子前来借阅，也可以参加每周的读书会。", "<b>不是标签</b>，而是正文里的尖括号，也要原样显示给读者看才对，编辑这样说。"];
  const hant = ["社區圖書館今天上午重新開放，市民排隊入館，", "館長說新館藏書超過三萬冊，其中兒童讀物佔了三分之一。", "- 週末開放時間延長到晚上九點，歡迎居民帶孩子前來借閱，也可以參加每週的讀書會。", "市府表示，明年還會在北區增設兩座分館，預計年底前動工興建完成，經費已經編列。"];
  writeFileSync(join(dir, "README.md"), "test corpus\n");
  for (const f of ["cn-peoples-daily-2001.txt", "cn-msr.txt"]) writeFileSync(join(dir, f), hans.join("\r\n") + "\r\n");
  for (const f of ["hk-cityu.txt", "tw-academia-sinica.txt"]) writeFileSync(join(dir, f), hant.join("\n") + "\n");
  return dir;
}

test("corpus lines are joined into paragraphs until a sentence ends; Markdown structure and < are escaped", () => {
  const real = readRealParagraphs(corpusFolder());
  // Two files a script, three paragraphs each: the two short lines are one paragraph.
  assert.equal(real.paragraphs["zh-Hans"].length, 6);
  assert.equal(real.paragraphs["zh-Hans"][0], "社区图书馆今天上午重新开放，市民排队入馆，馆长说新馆藏书超过三万册，其中儿童读物占了三分之一。");
  assert.equal(real.paragraphs["zh-Hans"][1], "1\\. 周末开放时间延长到晚上九点，欢迎居民带孩子前来借阅，也可以参加每周的读书会。");
  assert.match(real.paragraphs["zh-Hans"][2]!, /^&lt;b>不是标签&lt;\/b>/);
  assert.match(real.paragraphs["zh-Hant"][1]!, /^\\- 週末/);
});

test("an article is the same whatever the corpus size, so the next index is a new article dated last", () => {
  const real = readRealParagraphs(corpusFolder());
  const a = corpusArticle(7, { projectRoot: PROJECT, real });
  assert.deepEqual(corpusArticle(7, { projectRoot: PROJECT, real }), a);
  assert.equal(a.article.lang, "zh-Hant");
  assert.ok(corpusArticle(8, { projectRoot: PROJECT, real }).article.date > a.article.date);
  assert.match(a.text, /^title: "社區圖書館今天上午重新開放"$/m);
});

test("a real-text bench site builds; its pages show the paragraphs as written (a leading 1. or < is text, not a list or a tag)", () => {
  const root = mkdtempSync(join(tmpdir(), "bench-real-site-"));
  const real = readRealParagraphs(corpusFolder());
  const written = writeCorpus(root, { articles: 3, projectRoot: PROJECT, real });
  const r = runBuildCli(root);
  assert.equal(r.code, 0, r.stderr);
  const a = written[0]!;
  const $ = readPage(join(root, "_site"), `/zh-hans/news/${a.section}/${a.date.slice(0, 4)}/${a.date.slice(5, 7)}/${a.slug}/`);
  const paragraphs = $("article p").map((_, p) => $(p).text()).get();
  assert.ok(paragraphs.includes("1. 周末开放时间延长到晚上九点，欢迎居民带孩子前来借阅，也可以参加每周的读书会。"), paragraphs.join("\n"));
  assert.ok(paragraphs.includes("<b>不是标签</b>，而是正文里的尖括号，也要原样显示给读者看才对，编辑这样说。"));
  assert.equal($("article ol, article ul li").filter((_, el) => $(el).text().includes("周末开放")).length, 0, "no list made of a paragraph");
  assert.match(readFileSync(join(root, a.file), "utf8"), /^source: 人民日报$/m);
});

test("npm run bench: a wrong --text, a corpus folder without the files, --corpus with synthetic text: exit 2, nothing built", () => {
  const empty = mkdtempSync(join(tmpdir(), "bench-no-corpus-"));
  mkdirSync(join(empty, "sub"));
  const cases: [string[], RegExp][] = [
    [["--text", "news"], /^--text news: give real \(paragraphs of the corpus\) or synthetic \(repeated phrases\)\./m],
    [["--corpus", empty], new RegExp(`^--corpus ${empty}: no cn-peoples-daily-2001\\.txt there\\. Give the folder of the shared corpus`, "m")],
    [["--text", "synthetic", "--corpus", empty], /^--corpus is for --text real: leave it out with --text synthetic\./m],
    [["--baseline", empty], new RegExp(`^--baseline ${empty}: no scripts/cli/build\\.ts there\\.`, "m")],
  ];
  for (const [args, message] of cases) {
    const r = runTool("scripts/bench/bench.ts", ["--articles", "2", ...args]);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stdout, /Generating/);
  }
});

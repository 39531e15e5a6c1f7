// Twins a local newsroom would print, as a reader gets them: quotation marks, the usage
// profile and the news corrections on built pages (across inline markup too), the page in
// the editor's script untouched, the bugs of issue 13 (a URL before Han, bold in variant
// markup, a term changing length across a tag), the search index, the site data settings,
// and npm run check -- --conversions on the same site.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { CheerioAPI } from "cheerio";
import { TEST_SITE, article, buildSiteInProcess, makeSite, readPage, runTool, text } from "./helpers/site-fixture.ts";

const HANS_BODY = [
  "T1：他说：“台湾的平台很好。”她问：‘真的吗？’",
  "",
  "T2：He said “yes” to me; it’s fine. 他回答“yes”。",
  "",
  "T3：卫生署长**发布**新规定，年终奖金发放，此话一出，坚持一个中国。",
  "",
  "T4：请登录www.12306.cn购票后出发。",
  "",
  "T5：-{zh-hans:**软件**;zh-hant:軟體}-已更新。",
  "",
  "T6：嘉陵**云**平台上线，`“代码”`不变，-{“原样”}-保留。",
  "",
  "T7：-{嘉陵云}-政务云上线，村干部在队里忙了一天。",
].join("\n");

const HANT_BODY = ["U1：他說：「這部原著很好。」", "", "U2：專著與**編著**都在臺灣出版。"].join("\n");

const files = {
  // 嘉陵云 → 嘉陵雲科技: a term whose Traditional form is longer, split by bold in T6.
  "content/_data/glossary.json": JSON.stringify({ 嘉陵云: "嘉陵雲科技" }),
  "content/news/company/hans-twins.md": article({ title: "台湾“平台”发布", date: "2025-05-01 10:00", editor: "编辑部", lang: "zh-Hans", summary: "署长发布新规定。" }, HANS_BODY),
  "content/news/company/hant-twins.md": article({ title: "「原著」新版", date: "2025-05-02 10:00", editor: "編輯部", lang: "zh-Hant" }, HANT_BODY),
};

const root = makeSite(files);
const out = join(root, "_site");
const built = await buildSiteInProcess(root, out);
// The same content with OpenCC's output only, by site data.
const plainVariants = [TEST_SITE.variants[0], { ...TEST_SITE.variants[1], quotes: "keep", usage: "opencc", corrections: false }];
const plainRoot = makeSite(files, { variants: plainVariants });
const plainBuild = await buildSiteInProcess(plainRoot, join(plainRoot, "_site"));
after(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(plainRoot, { recursive: true, force: true });
});

const HANS_URL = "news/company/2025/05/hans-twins/";
const HANT_URL = "news/company/2025/05/hant-twins/";

function para($: CheerioAPI, marker: string) {
  const found = $(".article-body p").filter((_, p) => text($(p)).startsWith(marker));
  assert.equal(found.length, 1, `one paragraph starting with ${marker}`);
  return found.first();
}

test("both sites build", () => {
  assert.equal(built.code, 0, built.stderr + built.stdout);
  assert.equal(plainBuild.code, 0, plainBuild.stderr + plainBuild.stdout);
});

test("the page in the editor's own script is exactly as written", () => {
  const $ = readPage(out, `/zh-hans/${HANS_URL}`);
  assert.equal(text(para($, "T1：")), "T1：他说：“台湾的平台很好。”她问：‘真的吗？’");
  assert.equal(text(para($, "T3：")), "T3：卫生署长发布新规定，年终奖金发放，此话一出，坚持一个中国。");
  assert.equal(text($("h1.headline")), "台湾“平台”发布");
  const hant = readPage(out, `/zh-hant/${HANT_URL}`);
  assert.equal(text(para(hant, "U1：")), "U1：他說：「這部原著很好。」");
  assert.equal(text(para(hant, "U2：")), "U2：專著與編著都在臺灣出版。");
});

test("quotation marks: 「」『』 in the Taiwan twin, “”‘’ in the mainland twin, Latin text as written", () => {
  const $ = readPage(out, `/zh-hant/${HANS_URL}`);
  assert.equal(text(para($, "T1：")), "T1：他說：「台灣的平台很好。」她問：『真的嗎？』");
  assert.equal(text(para($, "T2：")), "T2：He said “yes” to me; it’s fine. 他回答「yes」。");
  assert.equal(text($("h1.headline")), "台灣「平台」發布");
  assert.equal($("title").text().split(" - ")[0], "台灣「平台」發布");
  const hans = readPage(out, `/zh-hans/${HANT_URL}`);
  assert.equal(text(para(hans, "U1：")), "U1：他说：“这部原著很好。”");
  assert.equal(text(hans("h1.headline")), "“原著”新版");
});

test("code, -{…}- and URLs keep their quotation marks", () => {
  const $ = readPage(out, `/zh-hant/${HANS_URL}`);
  const t6 = para($, "T6：");
  assert.equal(t6.find("code").text(), "“代码”");
  assert.match(text(t6), /“原样”保留。$/);
});

test("news corrections on the page, across inline markup: 署長<strong>發布</strong>, 原著, 專著, <strong>編著</strong>", () => {
  const $ = readPage(out, `/zh-hant/${HANS_URL}`);
  const t3 = para($, "T3：");
  assert.equal(text(t3), "T3：衛生署長發布新規定，年終獎金發放，此話一出，堅持一個中國。");
  assert.equal(t3.find("strong").text(), "發布");
  assert.equal($('meta[name="description"]').attr("content"), "署長發布新規定。");
  const hans = readPage(out, `/zh-hans/${HANT_URL}`);
  const u2 = para(hans, "U2：");
  assert.equal(text(u2), "U2：专著与编著都在台湾出版。");
  assert.equal(u2.find("strong").text(), "编著");
});

test("a URL followed by Han keeps the Han out of the URL, on the page and in the search index", () => {
  const $ = readPage(out, `/zh-hant/${HANS_URL}`);
  assert.equal(text(para($, "T4：")), "T4：請登錄www.12306.cn購票後出發。");
  const manifest = JSON.parse(readFileSync(join(out, "search/manifest.json"), "utf8")) as { base: string };
  const dir = join(out, "search", manifest.base, "d", "zh-hant");
  const index = readdirSync(dir).map((f) => readFileSync(join(dir, f), "utf8")).join("");
  assert.match(index, /www\.12306\.cn購票後出發/);
  assert.doesNotMatch(index, /购票后出发/);
});

test("-{zh-hans:**软件**;zh-hant:軟體}- keeps its bold in both scripts, and no empty tag", () => {
  const hant = para(readPage(out, `/zh-hant/${HANS_URL}`), "T5：");
  assert.equal(text(hant), "T5：軟體已更新。");
  assert.equal(hant.find("strong").text(), "軟體");
  const hans = para(readPage(out, `/zh-hans/${HANS_URL}`), "T5：");
  assert.equal(text(hans), "T5：软件已更新。");
  assert.equal(hans.find("strong").text(), "软件");
  for (const p of [hant, hans]) assert.doesNotMatch(p.html()!, /<strong><\/strong>/);
});

test("a glossary term that changes length across a tag leaves no tag empty: 嘉陵<strong>雲科技</strong>", () => {
  const t6 = para(readPage(out, `/zh-hant/${HANS_URL}`), "T6：");
  assert.match(text(t6), /^T6：嘉陵雲科技平台上線/);
  assert.equal(t6.find("strong").text(), "雲科技");
  assert.equal(text(para(readPage(out, `/zh-hans/${HANS_URL}`), "T6：").find("strong")), "云");
});

test("site data: quotes keep, usage opencc, corrections false give OpenCC's own twin", () => {
  const plainOut = join(plainRoot, "_site");
  const $ = readPage(plainOut, `/zh-hant/${HANS_URL}`);
  assert.equal(text(para($, "T1：")), "T1：他說：“臺灣的平臺很好。”她問：‘真的嗎？’");
  assert.equal(text(para($, "T3：")), "T3：衛生署長髮布新規定，年終獎金髮放，此話一齣，堅持一箇中國。");
});

test("site data: a wrong setting is an error naming the field", () => {
  const bad = makeSite({}, { variants: [TEST_SITE.variants[0], { ...TEST_SITE.variants[1], quotes: "fancy" }] });
  after(() => rmSync(bad, { recursive: true, force: true }));
  const r = runTool("scripts/cli/check.ts", ["--root", bad]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /site\.json.*variants\[1\].*quotes "fancy" is not a quotation style/s);
});

test("npm run check -- --conversions lists each guess with its fix, and kept text beside its converted form", () => {
  const r = runTool("scripts/cli/check.ts", ["--root", root, "--conversions"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /content\/news\/company\/hans-twins\.md → zh-Hant: \d+ guess/);
  assert.match(r.stdout, /队里 → 隊裡 {3}里: 裡 by character, also .*fix: "队里": "隊里" \(glossary\) or -\{zh-hans:队里;zh-hant:隊里\}-/);
  assert.match(r.stdout, /-\{嘉陵云\}- keeps 云 beside 雲 \(.*嘉陵云政務雲.*\)/);
  // 原著, 專著, 編著: whole words the corrections decide (著 kept), so no guess in that twin.
  assert.doesNotMatch(r.stdout, /hant-twins\.md/);
  assert.match(r.stdout, /^1 guess in 1 twin\./m);
});

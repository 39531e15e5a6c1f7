// One reader for everything an editor writes (content/read/): articles and standalone pages go
// through the same steps and the same checks, and data files through the same byte and JSON
// reader. In process: the readers are called as the build calls them, no build is spawned.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadAllArticles } from "../scripts/content/articles.ts";
import { formatProblem, Problems } from "../scripts/content/problems.ts";
import { readDataFile } from "../scripts/content/read/editor-json.ts";
import { loadBlocklist } from "../scripts/content/spam-guard.ts";
import { checkSite } from "../scripts/site/load-site.ts";
import { loadPages, type PageSource } from "../scripts/site/pages.ts";
import { loadSiteConfig } from "../scripts/site/site-config.ts";
import { article, makeSite, type Files } from "./helpers/site-fixture.ts";

const ARTICLE_DIR = "content/news/media-focus/2024";
const fields = { date: "2024-10-16 09:57", source: "重慶日報", editor: "譚鑫", lang: "zh-Hant" };
const HIJACK = "国产精品久久久久…_五月婷婷俺来也_国产一级在线免费观看";

/** A page as an editor writes it: title on line 2, lang on line 3, the body from line 6. */
function page(title: string, body: string): string {
  return `---\ntitle: ${title}\nlang: zh-Hant\n---\n\n${body}\n`;
}

/** Reads a site's articles and pages in this process, as the build does. */
function read(files: Files): { problems: string[]; pages: PageSource[]; articles: ReturnType<typeof loadAllArticles>["articles"] } {
  const root = makeSite(files);
  const problems = new Problems();
  const site = loadSiteConfig(root, problems);
  const blocklist = loadBlocklist(root, problems);
  const { articles } = loadAllArticles(site, problems, { includeDrafts: false, blocklist });
  const pages = loadPages(site, problems, blocklist);
  return { problems: problems.list.map(formatProblem), pages, articles };
}

test("a spam title in a standalone page is refused with its file and line, as an article's is", () => {
  const { problems, pages } = read({
    "content/pages/about-us.md": page(JSON.stringify(HIJACK), "本站简介。"),
    [`${ARTICLE_DIR}/hijacked.md`]: article({ title: JSON.stringify(HIJACK), ...fields }),
  });
  const inPage = problems.find((p) => p.startsWith("content/pages/about-us.md:2: title: reads as gambling/porn spam"));
  const inArticle = problems.find((p) => p.startsWith(`${ARTICLE_DIR}/hijacked.md:2: title: reads as gambling/porn spam`));
  assert.ok(inPage, problems.join("\n"));
  assert.ok(inArticle, problems.join("\n"));
  // The same judge and the same words for both: only the file differs.
  assert.equal(inPage.replace(/^[^:]+/, ""), inArticle.replace(/^[^:]+/, ""));
  assert.equal(pages.length, 1, "the page is read (the spam stops the build, not the reader)");
});

test("a page linking to a missing article is an error with its file and line; to an article that exists, fine", async () => {
  const root = makeSite({
    [`${ARTICLE_DIR}/here.md`]: article({ title: "在這裡", ...fields }),
    "content/pages/about.md": page("關於我們", "第一段。\n\n見[這篇](/zh-hant/news/media-focus/2024/10/here/)與[那篇](/zh-hant/news/media-focus/2024/10/nowhere/)。"),
  });
  const { problems } = await checkSite(root);
  const errors = problems.filter((p) => p.severity === "error").map(formatProblem);
  assert.deepEqual(errors, [
    "content/pages/about.md:8: the link /zh-hant/news/media-focus/2024/10/nowhere/ leads to no page of this site. Check the address: copy it from the page you mean.",
  ]);
});

test("a page with raw HTML is sanitized the same way as an article, and refused at the same line", () => {
  const body = [
    "第一段。",
    "",
    '<details><summary>更多</summary><p title="說明">內容<b>粗體',
    "",
    "下一段。",
    "",
    '<table><tr><td lang="zh-Hant">格</td></tr></table>',
  ].join("\n");
  const ok = read({ "content/pages/same.md": page("同樣", body), [`${ARTICLE_DIR}/same.md`]: article({ title: "同樣", ...fields }, body) });
  assert.deepEqual(ok.problems, []);
  assert.equal(ok.pages[0].html, ok.articles[0].html);
  assert.match(ok.pages[0].html, /<details><summary>更多<\/summary><p title="說明">內容<b>粗體/);

  const evil = "第一段。\n\n<img src=\"x\" onerror=\"alert(1)\">\n\n<script>alert(2)</script>";
  const bad = read({ "content/pages/evil.md": page("壞", evil), [`${ARTICLE_DIR}/evil.md`]: article({ title: "壞", ...fields }, evil) });
  // Body lines counted from the body's first line, the file's folder left out: the same problems at the same places.
  const relative = (file: string, firstBodyLine: number) =>
    bad.problems.filter((p) => p.startsWith(`${file}:`)).map((p) => p.replace(/^[^:]+:(\d+):/, (_m, line) => `${Number(line) - firstBodyLine}:`).replaceAll(file.replace(/[^/]+$/, ""), ""));
  const inPage = relative("content/pages/evil.md", 6);
  const inArticle = relative(`${ARTICLE_DIR}/evil.md`, 9);
  assert.ok(inPage.some((p) => /onerror/.test(p)) && inPage.some((p) => /script/.test(p)), bad.problems.join("\n"));
  assert.deepEqual(inPage, inArticle);
});

test("a page gets the field checks an article gets, each at its line", () => {
  const { problems, pages } = read({
    "content/pages/long.md": `---\ntitle: ${"長".repeat(61)}\nlang: zh-TW\nsummary: ${"短".repeat(201)}\ndraft: maybe\n---\n\n正文。\n`,
    "content/pages/open.md": page("未閉合", "這裡 -{沒有關上。"),
    "content/pages/empty.md": page("空頁", "![只有照片](./nowhere.jpg)"),
  });
  const expect = [
    "content/pages/long.md:2: title: is 61 characters long; the most is 60. Shorten the title, or raise maxTitleLength in site data.",
    'content/pages/long.md:3: lang: "zh-TW" is not a script of this site.',
    "content/pages/long.md:4: summary: is 201 characters long; the most is 200.",
    'content/pages/long.md:5: draft: "maybe" must be true or false.',
    "content/pages/open.md:6: the editor markup -{ is not closed",
    "content/pages/empty.md:6: the photo ./nowhere.jpg does not exist",
    "content/pages/empty.md:5: has no text: the page's body is empty, or holds only photos.",
  ];
  for (const prefix of expect) assert.ok(problems.some((p) => p.startsWith(prefix)), `${prefix}\nin:\n${problems.join("\n")}`);
  assert.deepEqual(
    pages.map((p) => p.file),
    ["content/pages/empty.md", "content/pages/long.md", "content/pages/open.md"],
  );
});

test("a page's address: from slug:, else its file name, else its folder's for index.md; taken ones refused at the slug: line", () => {
  const { problems, pages } = read({
    "content/pages/contact/index.md": page("聯繫我們", "電話。"),
    "content/pages/find.md": "---\ntitle: 查找\nlang: zh-Hant\nslug: search\n---\n\n正文。\n",
    "content/pages/constructor.md": page("建造者", "正文。"),
  });
  assert.deepEqual(pages.map((p) => p.path).sort(), ["constructor/", "contact/"]);
  assert.deepEqual(
    problems.filter((p) => !p.includes("warning")),
    ['content/pages/find.md:4: slug: "search" is the address of the search page. Give this page another slug: line, e.g. slug: search-info.'],
  );
});

test("data files: a JSON mistake names its line whatever V8's wording; a key's line comes from the file", () => {
  const root = makeSite({
    "content/_data/views.json": '{\n  "a": 1,\n  "b": [1,]\n}\n',
    "content/_data/glossary.json": '{\n  "钟晓岚": "鍾曉嵐",\n  "嘉陵云":\n    "嘉陵雲"\n}\n',
  });
  const problems = new Problems();
  assert.equal(readDataFile(root, "content/_data/views.json", problems, "Fix it."), undefined);
  assert.deepEqual(problems.list.map(formatProblem), ["content/_data/views.json:3: is not valid JSON: Unexpected token ']'. Fix it."]);
  const glossary = readDataFile(root, "content/_data/glossary.json", problems, "Fix it.");
  assert.ok(glossary);
  assert.equal(glossary.keyLine(["嘉陵云"]), 3);
  assert.equal(glossary.textLine("嘉陵雲"), 4);
  assert.equal(Object.getPrototypeOf(glossary.data), null, "objects without a prototype: a key named constructor is data");
  assert.equal(readDataFile(root, "content/_data/none.json", problems, "Fix it."), undefined, "a missing file is no problem of the reader's");
  assert.equal(problems.list.length, 1);
});

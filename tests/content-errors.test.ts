// Bad content stops the build with every problem named: file, line, field, what and how to fix.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { article, buildSiteInProcess, makeSite, runTool } from "./helpers/site-fixture.ts";

const good = article({ title: "好文章", date: "2024-10-16 09:57", source: "重慶日報", editor: "譚鑫", lang: "zh-Hant" });
const root = makeSite({ "content/news/media-focus/2024/good.md": good });
const out = join(root, "_site");
// A previous good build, which a failed build must leave alone.
const first = await buildSiteInProcess(root, out);
assert.equal(first.code, 0, first.stderr);
const lastGood = readFileSync(join(out, "index.html"), "utf8");
const bad: Record<string, string> = {
  "content/news/media-focus/2024/no-title.md": article({ date: "2024-10-16 09:57", source: "重慶日報", editor: "譚鑫" }),
  "content/news/media-focus/2024/bad-date.md": article({ title: "壞日期", date: "2024年10月16日", source: "重慶日報", editor: "譚鑫" }),
  "content/news/media-focus/2024/bad-views.md": article({ title: "壞閱讀量", date: "2024-10-16", source: "重慶日報", editor: "譚鑫", views: -3 }),
  "content/news/media-focus/2024/text-views.md": article({ title: "文字閱讀量", date: "2024-10-16", source: "重慶日報", editor: "譚鑫", views: "很多" }),
  "content/news/media-focus/2024/bad-lang.md": article({ title: "壞語言", date: "2024-10-16", source: "重慶日報", editor: "譚鑫", lang: "zh-TW" }),
  "content/news/media-focus/2024/no-source.md": article({ title: "沒有來源", date: "2024-10-16", editor: "譚鑫" }),
  "content/news/media-focus/2024/no-editor.md": article({ title: "沒有編輯", date: "2024-10-16", source: "重慶日報" }),
  "content/news/media-focus/2024/same-a.md": article({ title: "同一網址甲", date: "2024-10-16", source: "重慶日報", editor: "譚鑫", slug: "same" }),
  "content/news/media-focus/2024/same-b.md": article({ title: "同一網址乙", date: "2024-10-20", source: "重慶日報", editor: "譚鑫", slug: "same" }),
  "content/news/media-focus/2024/bad-yaml.md": "---\ntitle: 壞YAML\ndate: 2024-10-16\nsource: [重慶日報\neditor: 譚鑫\n---\n\n正文。\n",
  "content/news/media-focus/2024/missing-photo.md": article(
    { title: "缺少照片", date: "2024-10-16", source: "重慶日報", editor: "譚鑫" },
    "第一段。\n\n![現場](./nowhere.jpg \"現場\")\n",
  ),
  "content/news/unknown-section/2024/stray.md": article({ title: "走錯欄目", date: "2024-10-16", editor: "譚鑫" }),
};
for (const [path, text] of Object.entries(bad)) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}
const r = await buildSiteInProcess(root, out);
const lines = r.stderr.split("\n");

function line(prefix: string): string {
  const found = lines.find((l) => l.startsWith(prefix));
  assert.ok(found, `a line starting ${prefix} in:\n${r.stderr}`);
  return found;
}

test("the build stops with a non-zero exit and leaves the last good output", () => {
  assert.notEqual(r.code, 0);
  assert.equal(readFileSync(join(out, "index.html"), "utf8"), lastGood);
  assert.match(r.stderr, /Build stopped: 11 errors/);
});

test("a missing required field", () => {
  // At the line where it would be added: the front matter's closing ---.
  assert.match(line("content/news/media-focus/2024/no-title.md:5: title: is required."), /Add a line such as "title: /);
  assert.match(line("content/news/media-focus/2024/no-editor.md:5: editor: is required."), /editor/);
});

test("source is required in media focus", () => {
  assert.match(line("content/news/media-focus/2024/no-source.md:5: source: is required in media-focus"), /source: 重慶日報/);
});

test("an unparseable date names the forms that work", () => {
  assert.match(line("content/news/media-focus/2024/bad-date.md:3: date:"), /"2024年10月16日" is not a date .* Write one of: 2024-10-16 09:57/);
});

test("views that are not a non-negative whole number", () => {
  assert.match(line("content/news/media-focus/2024/bad-views.md:6: views:"), /-3 is not a whole number of 0 or more/);
  assert.match(line("content/news/media-focus/2024/text-views.md:6: views:"), /"很多" is not a whole number/);
});

test("an unknown lang", () => {
  assert.match(line("content/news/media-focus/2024/bad-lang.md:6: lang:"), /"zh-TW" is not a script of this site\. .*zh-Hans, zh-Hant/);
});

test("two articles with the same URL name each other", () => {
  assert.match(line("content/news/media-focus/2024/same-b.md:6: slug:"), /same URL \(\/news\/media-focus\/2024\/10\/same\/\) as content\/news\/media-focus\/2024\/same-a\.md/);
});

test("a YAML syntax error gives its line", () => {
  // The line of the unclosed [, not where the parser gave up.
  assert.match(r.stderr, /content\/news\/media-focus\/2024\/bad-yaml\.md:4: the front matter is not valid YAML: the list opened with \[ here is not closed with \]\./);
});

test("a photo that does not exist, with its line", () => {
  assert.match(line("content/news/media-focus/2024/missing-photo.md:10:"), /the photo \.\/nowhere\.jpg does not exist/);
});

test("an article outside the known sections", () => {
  assert.match(line("content/news/unknown-section/2024/stray.md:1:"), /not a section\. .*media-focus, company/);
});

test("npm run check reports the same problems without building", () => {
  const c = runTool("scripts/cli/check.ts", ["--root", root]);
  assert.equal(c.code, 1);
  assert.match(c.stdout, /content\/news\/media-focus\/2024\/bad-views\.md:6: views:/);
  assert.match(c.stdout, /✗ 11 errors/);
});

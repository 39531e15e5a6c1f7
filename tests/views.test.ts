// npm run views: an analytics export updates what pages show, and nothing an editor wrote.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { article, buildSiteInProcess, makeSite, readPage, runTool, text } from "./helpers/site-fixture.ts";

// Comments, key order and odd spacing an editor left: all must survive the import.
const written = `---
# 編輯備註：等待來源確認
title: 閱讀量測試
editor: 譚鑫
date: 2024-10-16 09:57   # 北京時間
source: 重慶日報
views: 12
lang: zh-Hant
---

正文第一段，提到頭髮與後來。

<!-- 這段註解也要保留 -->
`;

test("imports counts from both scripts' paths, leaves articles byte-identical, pages show the sum", async () => {
  const root = makeSite({
    "content/news/media-focus/2024/views-test.md": written,
    "content/news/media-focus/2024/other.md": article({ title: "另一篇", date: "2024-10-18 10:00", source: "華龍網", editor: "甲", views: 5, lang: "zh-Hans" }),
  });
  const csv = join(root, "export.csv");
  writeFileSync(
    csv,
    [
      "頁面路徑,瀏覽量",
      "/zh-hant/news/media-focus/2024/10/views-test/,1000",
      "/zh-hans/news/media-focus/2024/10/views-test/index.html,\"1,317\"",
      "other,40",
      "/zh-hans/news/media-focus/2024/10/missing/,9",
    ].join("\n"),
  );
  const r = runTool("scripts/cli/views.ts", [csv, "--root", root]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /export\.csv:5: no article at \/zh-hans\/news\/media-focus\/2024\/10\/missing\/; row ignored\./);
  assert.match(r.stdout, /4 rows, 2 articles, 2 counts changed/);
  assert.equal(readFileSync(join(root, "content/news/media-focus/2024/views-test.md"), "utf8"), written);
  assert.deepEqual(JSON.parse(readFileSync(join(root, "content/_data/views.json"), "utf8")), {
    "media-focus/2024/10/other": 40,
    "media-focus/2024/10/views-test": 2317,
  });

  const b = await buildSiteInProcess(root);
  assert.equal(b.code, 0, b.stderr);
  const out = join(root, "_site");
  const $ = readPage(out, "/zh-hans/news/media-focus/2024/10/views-test/");
  assert.match(text($(".meta-views")), /2,317$/);
  // 閱讀排行 on the section page and beside the article: most read first.
  const list = readPage(out, "/zh-hant/news/media-focus/");
  assert.deepEqual(list(".most-read li a").map((_, a) => list(a).text()).get(), ["閱讀量測試", "另一篇"]);
  assert.equal(text($(".most-read h2")), "阅读排行");
});

test("bad rows are reported one line each and the rest imported: a malformed percent escape, views past 2^53, terminal escapes shown escaped", () => {
  const root = makeSite({
    "content/news/media-focus/2024/ok.md": article({ title: "正常", date: "2024-10-18 10:00", source: "華龍網", editor: "甲", lang: "zh-Hans" }),
  });
  const csv = join(root, "export.csv");
  writeFileSync(
    csv,
    [
      "path,views",
      "/zh-hans/news/media-focus/%E0%A4%A/,5",
      "/zh-hans/news/media-focus/2024/10/ok/,12",
      "ok,9007199254740993",
      "/zh-hans/\u001b]0;pwned\u0007\u001b[2J\u009b31m/,7",
    ].join("\n"),
  );
  const r = runTool("scripts/cli/views.ts", [csv, "--root", root]);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout + r.stderr, /URIError|\n\s+at /);
  assert.match(r.stdout, /export\.csv:2: the URL path \/zh-hans\/news\/media-focus\/%E0%A4%A\/ has a malformed percent escape \(% must be followed by two hex digits of UTF-8\); row ignored\./);
  assert.match(r.stdout, /export\.csv:4: 9007199254740993 views is more than 9,007,199,254,740,991, the largest count kept exactly: ok,9007199254740993; row ignored\./);
  assert.match(r.stdout, /export\.csv:5: no article has the slug or path \/zh-hans\/\\x1b\]0;pwned\\x07\\x1b\[2J\\x9b31m\/; row ignored\./);
  assert.doesNotMatch(r.stdout + r.stderr, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, "no control character reaches the terminal");
  assert.match(r.stdout, /3 rows, 1 articles, 1 counts changed/);
  assert.deepEqual(JSON.parse(readFileSync(join(root, "content/_data/views.json"), "utf8")), { "media-focus/2024/10/ok": 12 });
});

test("a missing export is one clear line (exit 2), not a stack; no argument is the usage", () => {
  const root = makeSite({});
  const r = runTool("scripts/cli/views.ts", [join(root, "nope.csv"), "--root", root]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim(), `${join(root, "nope.csv")}: no such file. Give the path of the analytics export (CSV).`);
  const none = runTool("scripts/cli/views.ts", ["--root", root]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /^npm run views needs the analytics export \(a CSV file\)\.\nUsage: npm run views -- <analytics-export\.csv>/);
});

test("views.json holding a count past 2^53 is an editor error naming the file, line and key; fixed, the build works again", async () => {
  const root = makeSite({
    "content/news/media-focus/2024/ok.md": article({ title: "正常", date: "2024-10-18 10:00", source: "華龍網", editor: "甲", lang: "zh-Hans" }),
  });
  const views = join(root, "content/_data/views.json");
  writeFileSync(views, '{\n  "media-focus/2024/10/ok": 9007199254740993\n}\n');
  const b = await buildSiteInProcess(root);
  assert.equal(b.code, 1);
  assert.match(b.stderr, /^content\/_data\/views\.json:2: the count for "media-focus\/2024\/10\/ok" is more than 9,007,199,254,740,991, the largest count kept exactly\. Fix or remove the entry, then run npm run views again\.$/m);
  assert.doesNotMatch(b.stderr, /\n\s+at /);
  writeFileSync(views, '{\n  "media-focus/2024/10/ok": 12\n}\n');
  assert.equal((await buildSiteInProcess(root)).code, 0);
});

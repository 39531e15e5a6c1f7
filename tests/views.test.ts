// npm run views: an analytics export updates what pages show, and nothing an editor wrote.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { article, buildSite, makeSite, readPage, runTool, text } from "./helpers/site-fixture.ts";

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

test("imports counts from both scripts' paths, leaves articles byte-identical, pages show the sum", () => {
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

  const b = buildSite(root);
  assert.equal(b.code, 0, b.stderr);
  const out = join(root, "_site");
  const $ = readPage(out, "/zh-hans/news/media-focus/2024/10/views-test/");
  assert.match(text($(".meta-views")), /2,317$/);
  // 閱讀排行 on the section page and beside the article: most read first.
  const list = readPage(out, "/zh-hant/news/media-focus/");
  assert.deepEqual(list(".most-read li a").map((_, a) => list(a).text()).get(), ["閱讀量測試", "另一篇"]);
  assert.equal(text($(".most-read h2")), "阅读排行");
});

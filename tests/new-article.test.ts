// npm run new: an article with complete front matter, in the right folder, ready to fill in.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DateTime } from "luxon";
import { makeSite, runTool } from "./helpers/site-fixture.ts";

test("creates the article, prints its path and slug; check then asks for what is missing", () => {
  const root = makeSite({});
  const r = runTool("scripts/cli/new-article.ts", ["--root", root, "--section", "media-focus", "--lang", "zh-Hant", "重慶構建多元聚合算力網路"]);
  assert.equal(r.code, 0, r.stderr);
  const [path, slugLine] = r.stdout.trim().split("\n");
  const year = DateTime.now().setZone("Asia/Shanghai").toFormat("yyyy");
  assert.equal(path, `content/news/media-focus/${year}/chongqing-goujian-duoyuan-juhe-suanli-wanglu.md`);
  assert.equal(slugLine, "slug: chongqing-goujian-duoyuan-juhe-suanli-wanglu");
  const text = readFileSync(join(root, path), "utf8");
  assert.match(text, /^title: 重慶構建多元聚合算力網路$/m);
  assert.match(text, /^lang: zh-Hant$/m);
  const date = /^date: (\S+ \S+)$/m.exec(text)![1];
  const written = DateTime.fromFormat(date, "yyyy-MM-dd HH:mm", { zone: "Asia/Shanghai" });
  assert.ok(Math.abs(written.diffNow("minutes").minutes) < 2, `date ${date} is now in the site's time zone`);

  const check = runTool("scripts/cli/check.ts", ["--root", root]);
  assert.equal(check.code, 1);
  assert.match(check.stdout, new RegExp(`${path}:4: source: is required`));
  assert.match(check.stdout, new RegExp(`${path}:5: editor: is required`));

  writeFileSync(join(root, path), text.replace(/^source:.*$/m, "source: 重慶日報").replace(/^editor:.*$/m, "editor: 譚鑫"));
  assert.equal(runTool("scripts/cli/check.ts", ["--root", root]).code, 0);
});

test("refuses an unknown section and names the known ones", () => {
  const root = makeSite({});
  const r = runTool("scripts/cli/new-article.ts", ["--root", root, "--section", "sport", "標題"]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /--section must be one of: media-focus, company/);
});

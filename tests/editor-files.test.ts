// What editors write, judged as files: encodings, control characters, line endings, front
// matter that is data and never code, YAML errors at their real line, blank and overlong
// fields, impossible dates, unfinished markup, malformed % escapes, drafts, odd file names and
// links. Each case is the exact line an editor sees, from the build and from npm run check.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { article, buildSiteInProcess, makeSite, pageExists, runTool } from "./helpers/site-fixture.ts";

const fields = { title: "好文章", date: "2024-10-16 09:57", source: "重慶日報", editor: "譚鑫" };
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const dir = "content/news/media-focus/2024";
const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));
const head = "---\ntitle: ";
const rest = "\ndate: 2024-10-16 09:57\nsource: Chongqing Daily\neditor: Tan\n---\n\nText.\n";
const utf16be = (s: string) => {
  const le = Buffer.from(s, "utf16le");
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return le;
};
const long = (n: number) => "長".repeat(n);

const files: Record<string, string | Buffer> = {
  // Encodings: 新闻 in GBK is D0 C2 CE C5, 新聞 in Big5 is A8 73 BB 44.
  [`${dir}/gbk.md`]: bytes(head, [0xd0, 0xc2, 0xce, 0xc5], rest),
  [`${dir}/big5.md`]: bytes(head, [0xa8, 0x73, 0xbb, 0x44], rest),
  [`${dir}/utf16le.md`]: Buffer.from("\uFEFF" + article(fields), "utf16le"),
  [`${dir}/utf16be.md`]: utf16be(article(fields)),
  [`${dir}/latin.md`]: bytes(head, [0xff, 0xfe, 0xfd], rest.replace("Text.", "x")),
  [`${dir}/nul.md`]: article({ ...fields, title: "空字元" }, "第一段。\n\n第二段\u0000有空字元。"),
  [`${dir}/esc.md`]: article({ ...fields, title: "跳脫字元" }, "終端\u001b[31m紅字。"),
  [`${dir}/crlf-markup.md`]: article({ ...fields, title: "換行CRLF" }, "第一段。\n\n第二段 -{未閉合。").replace(/\n/g, "\r\n"),
  [`${dir}/cr-markup.md`]: article({ ...fields, title: "換行CR" }, "第一段。\n\n第二段 -{未閉合。").replace(/\n/g, "\r"),
  // Front matter that would be code.
  [`${dir}/js.md`]: "---js\n{ title: 'x' }\n---\n\n正文。\n",
  [`${dir}/javascript.md`]: "---javascript\n{ title: 'x' }\n---\n\n正文。\n",
  [`${dir}/coffee.md`]: "---coffee\ntitle: 'x'\n---\n\n正文。\n",
  [`${dir}/tag.md`]: "---\ntitle: !!js/function 'function () { return 1 }'\ndate: 2024-10-16\nsource: 重慶日報\neditor: 譚鑫\n---\n\n正文。\n",
  [`${dir}/aliases.md`]:
    "---\ntitle: 別名\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n\n正文。\n",
  // YAML syntax errors, each at the line where the mistake is.
  [`${dir}/yaml-bracket.md`]: "---\ntitle: 壞YAML\ndate: 2024-10-16\nsource: [重慶日報\neditor: 譚鑫\n---\n\n正文。\n",
  [`${dir}/yaml-quote.md`]: '---\ntitle: "未閉合的引號\ndate: 2024-10-16\nsource: 重慶日報\neditor: 譚鑫\n---\n\n正文。\n',
  [`${dir}/yaml-duplicate.md`]: "---\ntitle: 甲\ndate: 2024-10-16\ntitle: 乙\nsource: 重慶日報\neditor: 譚鑫\n---\n\n正文。\n",
  [`${dir}/yaml-tab.md`]: "---\ntitle: 定位字元\n\tdate: 2024-10-16\nsource: 重慶日報\neditor: 譚鑫\n---\n\n正文。\n",
  [`${dir}/yaml-indent.md`]: "---\ntitle: 縮排\n  date: 2024-10-16\nsource: 重慶日報\neditor: 譚鑫\n---\n\n正文。\n",
  [`${dir}/yaml-colon.md`]: "---\ntitle: 重慶: 新平臺\ndate: 2024-10-16\nsource: 重慶日報\neditor: 譚鑫\n---\n\n正文。\n",
  [`${dir}/yaml-brace.md`]: "---\ntitle: 大括號\ndate: 2024-10-16\nsource: 重慶日報\neditor: 譚鑫\nglossary: {钟晓岚: 鍾曉嵐\n---\n\n正文。\n",
  [`${dir}/unclosed.md`]: "---\ntitle: 沒有結束\ndate: 2024-10-16\n\n正文。\n",
  // Inherited property names are ordinary unknown fields, each at its own line.
  [`${dir}/proto.md`]: article({ ...fields, title: "原型", constructor: "x", ["__proto__"]: "y", toString: "z" }),
  // Blank, missing and overlong fields.
  [`${dir}/blank-source.md`]: article({ ...fields, title: "空白來源", source: "\u3000" }),
  [`${dir}/blank-title.md`]: article({ ...fields, title: "\u200b\u3000" }),
  [`${dir}/no-editor.md`]: article({ title: "沒有編輯", date: "2024-10-16", source: "重慶日報" }),
  [`${dir}/long-summary.md`]: article({ ...fields, title: "長摘要", summary: long(201) }),
  [`${dir}/ok-summary.md`]: article({ ...fields, title: "剛好的摘要", summary: long(200) }),
  [`${dir}/long-source.md`]: article({ ...fields, title: "長來源", source: long(41) }),
  [`${dir}/long-editor.md`]: article({ ...fields, title: "長編輯", editor: long(41) }),
  [`${dir}/empty-body.md`]: article({ ...fields, title: "沒有正文" }, "  \u3000 "),
  [`${dir}/photo-only/index.md`]: article({ ...fields, title: "只有照片" }, '![現場](./p.png "現場")'),
  [`${dir}/photo-only/p.png`]: PNG,
  [`${dir}/updated-early.md`]: article({ ...fields, title: "更新早於發布", updated: "2024-10-15 09:00" }),
  [`${dir}/views-huge.md`]: article({ ...fields, title: "閱讀量太大", views: "9007199254740993" }),
  [`${dir}/views-max.md`]: article({ ...fields, title: "閱讀量最大", views: "9007199254740991" }),
  // Dates that do not exist.
  [`${dir}/date-24.md`]: article({ ...fields, title: "二十四點", date: "2024-10-16 24:00" }),
  [`${dir}/date-25.md`]: article({ ...fields, title: "二十五點", date: "2024-10-16 25:00" }),
  [`${dir}/date-feb30.md`]: article({ ...fields, title: "二月三十日", date: "2024-02-30" }),
  // Unclosed editor markup, in a field and in the body; closed markup is fine.
  [`${dir}/markup-title.md`]: article({ ...fields, title: "嘉陵-{云平臺" }, "正文 -{嘉陵云}- 很好。"),
  // Malformed percent escapes: one problem each, the rest of the site still checked.
  [`${dir}/escapes/index.md`]: article({ ...fields, title: "百分號", cover: "./100%.jpg" }, "第一段 [錨點](#%C0)。\n\n![照片](./%E0%A4%A.jpg)\n"),
  // A nested key's line: a glossary term without a Traditional form.
  [`${dir}/glossary-term.md`]: "---\ntitle: 詞表\ndate: 2024-10-16\nsource: 重慶日報\neditor: 譚鑫\nglossary:\n  嘉陵云: 嘉陵雲\n  钟晓岚: [鍾]\n---\n\n正文。\n",
  // Pages: the same reader, field checks and link checks.
  "content/pages/about.md": "---\ntitle: 關於我們\nlang: zh-Hant\nsummry: 拼錯\nsummary: " + long(201) + "\n---\n\n見[新聞](/zh-hant/news/nowhere/)。\n",
  "content/pages/blank.md": "---\ntitle: \u3000\nlang: zh-Hant\n---\n\n正文。\n",
  "content/pages/gbk.md": bytes("---\ntitle: ", [0xd0, 0xc2, 0xce, 0xc5], "\n---\n\nText.\n"),
  "content/pages/code.md": "---js\n{ title: 'x' }\n---\n\n正文。\n",
};

const root = makeSite(files);
const build = await buildSiteInProcess(root, join(mkdtempSync(join(tmpdir(), "newsroom-out-")), "site"));
const check = runTool("scripts/cli/check.ts", ["--root", root]);

/** The one line of both outputs that starts with `prefix`, the same in build and check. */
function line(prefix: string): string {
  const fromBuild = build.stderr.split("\n").find((l) => l.startsWith(prefix));
  const fromCheck = check.stdout.split("\n").find((l) => l.startsWith(prefix));
  assert.ok(fromBuild, `the build prints a line starting ${prefix}:\n${build.stderr}`);
  assert.equal(fromCheck, fromBuild, `npm run check prints the same line`);
  return fromBuild;
}
const P = `${dir}/`;

test("the build and check stop with exit 1", () => {
  assert.equal(build.code, 1, build.stderr);
  assert.equal(check.code, 1, check.stdout);
  assert.doesNotMatch(build.stderr + check.stdout, /URIError|TypeError|    at /);
});

test("GBK and Big5 files are named as such, with the line of the first such byte and how to convert", () => {
  assert.match(line(`${P}gbk.md:2: is not saved as UTF-8: it looks like GBK (GB18030)`), /Save with Encoding" → UTF-8; or convert it with: iconv -f GB18030 -t UTF-8 gbk\.md > gbk\.md\.utf8/);
  assert.match(line(`${P}big5.md:2: is not saved as UTF-8: it looks like Big5`), /iconv -f BIG5 -t UTF-8 big5\.md/);
  line("content/pages/gbk.md:2: is not saved as UTF-8: it looks like GBK (GB18030)");
});

test("UTF-16 files, with a byte order mark or without", () => {
  line(`${P}utf16le.md:1: is not saved as UTF-8: it looks like UTF-16 LE (it starts with the UTF-16 LE byte order mark).`);
  line(`${P}utf16be.md:1: is not saved as UTF-8: it looks like UTF-16 BE (every other byte is NUL).`);
});

test("bytes that are no known encoding", () => {
  line(`${P}latin.md:2: is not valid UTF-8 (byte 0xFF at line 2), and not GBK, Big5 or UTF-16 either.`);
});

test("control characters, with their line", () => {
  assert.match(line(`${P}nul.md:10: contains the control character U+0000 (NUL) at column 4, which no page may hold.`), /Delete it/);
  line(`${P}esc.md:8: contains the control character U+001B (ESC) at column 3`);
});

test("CRLF and lone CR line endings keep line numbers", () => {
  line(`${P}crlf-markup.md:10: the editor markup -{ is not closed, so the page would show it as written.`);
  line(`${P}cr-markup.md:10: the editor markup -{ is not closed`);
  assert.doesNotMatch(build.stderr, /(crlf|cr)-markup\.md:\d+: (has no front matter|title: is required)/);
});

test("front matter in another language is refused, never run", () => {
  for (const [name, lang] of [["js", "js"], ["javascript", "javascript"], ["coffee", "coffee"]]) {
    assert.match(line(`${P}${name}.md:1: the front matter is marked as "${lang}", but front matter here is YAML data only, and nothing in it is ever run.`), /Make the first line exactly ---/);
  }
  line(`content/pages/code.md:1: the front matter is marked as "js"`);
  line(`${P}tag.md:2: the tag !!js/function is not allowed: front matter is plain data.`);
  assert.match(build.stderr, /^content\/news\/media-focus\/2024\/aliases\.md:[3-6]: uses aliases \(\*name\) more than 100 times\./m);
});

test("each YAML syntax error at the line of the mistake", () => {
  line(`${P}yaml-bracket.md:4: the front matter is not valid YAML: the list opened with [ here is not closed with ].`);
  line(`${P}yaml-quote.md:2: the front matter is not valid YAML: the quote opened here is not closed.`);
  line(`${P}yaml-duplicate.md:4: the front matter is not valid YAML: the field title appears twice.`);
  line(`${P}yaml-tab.md:3: the front matter is not valid YAML: Tabs are not allowed as indentation. Indent with spaces, not tabs.`);
  line(`${P}yaml-indent.md:3: the front matter is not valid YAML: this line is indented, so it is read as part of the field above.`);
  line(`${P}yaml-colon.md:2: the front matter is not valid YAML: a value holds a colon followed by a space.`);
  line(`${P}yaml-brace.md:6: the front matter is not valid YAML: the braces opened with { here are not closed with }.`);
  line(`${P}unclosed.md:1: the front matter that starts on line 1 is never closed.`);
});

test("constructor, __proto__ and toString are unknown fields with their own line", () => {
  line(`${P}proto.md:6: warning: constructor: unknown field, ignored.`);
  line(`${P}proto.md:7: warning: __proto__: unknown field, ignored.`);
  line(`${P}proto.md:8: warning: toString: unknown field, ignored.`);
  assert.doesNotMatch(build.stderr, /native code/);
});

test("a value of white space only is missing: an error, not a dropped article", () => {
  line(`${P}blank-source.md:4: source: is required in media-focus (媒體聚焦): name the outlet the article first appeared in.`);
  line(`${P}blank-title.md:2: title: is required, and holds only white space.`);
  line("content/pages/blank.md:2: title: is required, and holds only white space.");
});

test("a missing field is reported where it would be added", () => {
  assert.match(line(`${P}no-editor.md:5: editor: is required.`), /Add a line such as "editor: 譚鑫"/);
});

test("limits: summary 200, source 40, editor 40 characters", () => {
  line(`${P}long-summary.md:6: summary: is 201 characters long; the most is 200.`);
  line(`${P}long-source.md:4: source: is 41 characters long; the most is 40.`);
  line(`${P}long-editor.md:5: editor: is 41 characters long; the most is 40.`);
  line("content/pages/about.md:5: summary: is 201 characters long; the most is 200.");
  assert.doesNotMatch(build.stderr, /ok-summary\.md/);
});

test("an article without text", () => {
  line(`${P}empty-body.md:7: has no text: the article's body is empty, or holds only photos.`);
  line(`${P}photo-only/index.md:7: has no text`);
});

test("updated before date", () => {
  line(`${P}updated-early.md:6: updated: 2024-10-15 09:00 is before the date of the article (2024-10-16 09:57).`);
});

test("views past 2^53 - 1 are refused, 2^53 - 1 is not", () => {
  line(`${P}views-huge.md:6: views: 9007199254740993 is larger than the largest count this site can hold (9007199254740991).`);
  assert.doesNotMatch(build.stderr, /views-max\.md/);
});

test("times and days that do not exist", () => {
  assert.match(line(`${P}date-24.md:3: date: "2024-10-16 24:00": 24:00 is not a time of day: the day ends at 23:59.`), /2024-10-17 00:00/);
  line(`${P}date-25.md:3: date: "2024-10-16 25:00": 25:00 is not a time of day.`);
  line(`${P}date-feb30.md:3: date: "2024-02-30": 2024-02-30 is not a day: February 2024 has 29 days.`);
});

test("an unclosed -{ in a field", () => {
  line(`${P}markup-title.md:2: the editor markup -{ is not closed`);
  assert.equal(build.stderr.split("\n").filter((l) => l.startsWith(`${P}markup-title.md:`)).length, 1);
});

test("malformed percent escapes are problems with their line, not a crash", () => {
  line(`${P}escapes/index.md:9: the link #%C0 has a % in its #anchor that is not a valid escape.`);
  // markdown-it writes the stray % of %A. as %25: the photo is named as the page would have it.
  assert.match(line(`${P}escapes/index.md:11: the photo ./%E0%A4%`), /^\S+ the photo \.\/%E0%A4%(25)?A\.jpg has a % that is not a valid escape\./);
  line(`${P}escapes/index.md:6: the photo ./100%.jpg has a % that is not a valid escape.`);
});

test("a nested key has its own line", () => {
  line(`${P}glossary-term.md:8: glossary: the term "钟晓岚" has no Traditional form.`);
});

test("pages: unknown fields and links are checked like articles'", () => {
  line("content/pages/about.md:4: warning: summry: unknown field, ignored.");
  line("content/pages/about.md:8: the link /zh-hant/news/nowhere/ leads to no page of this site.");
});

test("no build-time code from content: a ---js file that would write a sentinel is refused, nothing written", async () => {
  const sentinel = join(mkdtempSync(join(tmpdir(), "newsroom-sentinel-")), "ran");
  const code = `---js\n{ title: (require("fs").writeFileSync(${JSON.stringify(sentinel)}, "ran"), "x"), date: "2024-10-16", source: "s", editor: "e" }\n---\n\n正文。\n`;
  const site = makeSite({ [`${dir}/code.md`]: code, [`${dir}/good.md`]: article(fields) });
  const b = await buildSiteInProcess(site, join(mkdtempSync(join(tmpdir(), "newsroom-out-")), "site"));
  const c = runTool("scripts/cli/check.ts", ["--root", site]);
  for (const [r, out] of [[b, b.stderr], [c, c.stdout]] as const) {
    assert.equal(r.code, 1);
    assert.match(out, new RegExp(`^${dir}/code\\.md:1: the front matter is marked as "js"`, "m"));
  }
  assert.equal(existsSync(sentinel), false, "the front matter's code did not run");
});

test("drafts: check and build report the same problems, and a draft is never published", async () => {
  const site = makeSite({
    [`${dir}/published.md`]: article({ ...fields, slug: "same" }),
    [`${dir}/_drafts/clash.md`]: article({ ...fields, title: "草稿撞網址", slug: "same" }),
    [`${dir}/draft-photo.md`]: article({ ...fields, title: "草稿缺照片", draft: true }, "第一段。\n\n![現場](./nowhere.jpg \"現場\")\n"),
  });
  const b = await buildSiteInProcess(site, join(mkdtempSync(join(tmpdir(), "newsroom-out-")), "site"));
  const c = runTool("scripts/cli/check.ts", ["--root", site]);
  assert.equal(b.code, 1);
  assert.equal(c.code, 1);
  const problems = (s: string) => s.split("\n").filter((l) => l.startsWith("content/")).sort();
  assert.deepEqual(problems(c.stdout), problems(b.stderr));
  assert.match(b.stderr, new RegExp(`^${dir}/(_drafts/clash|published)\\.md:6: slug: has the same URL \\(/news/media-focus/2024/10/same/\\) as ${dir}/(published|_drafts/clash)\\.md\\.`, "m"));
  assert.match(b.stderr, new RegExp(`^${dir}/draft-photo\\.md:11: the photo \\./nowhere\\.jpg does not exist`, "m"));
});

test("good files: BOM, CRLF, lone CR, .markdown, .MD, a link inside the site are built; _drafts and links outside are not", async () => {
  const outside = mkdtempSync(join(tmpdir(), "newsroom-elsewhere-"));
  writeFileSync(join(outside, "secret.md"), article({ ...fields, title: "站外" }));
  const site = makeSite({
    [`${dir}/bom.md`]: "\uFEFF" + article({ ...fields, title: "位元組順序記號", slug: "bom" }),
    [`${dir}/crlf.md`]: article({ ...fields, title: "換行一", slug: "crlf" }).replace(/\n/g, "\r\n"),
    [`${dir}/cr.md`]: article({ ...fields, title: "換行二", slug: "cr" }).replace(/\n/g, "\r"),
    [`${dir}/long-name.markdown`]: article({ ...fields, title: "長副檔名", slug: "markdown-ext" }),
    [`${dir}/upper.MD`]: article({ ...fields, title: "大寫副檔名", slug: "upper-ext" }),
    [`${dir}/_drafts/later.md`]: article({ ...fields, title: "草稿資料夾", slug: "later" }),
    "shared/linked.md": article({ ...fields, title: "連結的文章", slug: "linked" }),
  });
  symlinkSync(join(site, "shared/linked.md"), join(site, dir, "linked.md"));
  const out = join(mkdtempSync(join(tmpdir(), "newsroom-out-")), "site");
  const ok = await buildSiteInProcess(site, out);
  assert.equal(ok.code, 0, ok.stderr);
  for (const slug of ["bom", "crlf", "cr", "markdown-ext", "upper-ext", "linked"]) assert.ok(pageExists(out, `/zh-hans/news/media-focus/2024/10/${slug}/`), slug);
  assert.equal(pageExists(out, "/zh-hans/news/media-focus/2024/10/later/"), false, "a draft folder is not published");

  symlinkSync(join(outside, "secret.md"), join(site, dir, "secret.md"));
  const bad = runTool("scripts/cli/check.ts", ["--root", site]);
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, new RegExp(`^${dir}/secret\\.md:1: is a symbolic link to .*secret\\.md, outside the site: it is not read\\.`, "m"));
});

test("site data files go through the same reader", () => {
  const gbkGlossary = makeSite({ "content/_data/glossary.json": bytes('{\n  "', [0xd0, 0xc2, 0xce, 0xc5], '": "x"\n}\n'), [`${dir}/a.md`]: article(fields) });
  const c = runTool("scripts/cli/check.ts", ["--root", gbkGlossary]);
  assert.equal(c.code, 1);
  assert.match(c.stdout, /^content\/_data\/glossary\.json:2: is not saved as UTF-8: it looks like GBK \(GB18030\)/m);

  const badJson = makeSite({ "content/_data/blocklist.json": '{\n  "terms": ["a",]\n}\n', [`${dir}/a.md`]: article(fields) });
  const j = runTool("scripts/cli/check.ts", ["--root", badJson]);
  assert.equal(j.code, 1);
  assert.match(j.stdout, /^content\/_data\/blocklist\.json:2: is not valid JSON/m);
});

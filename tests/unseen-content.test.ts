// Content a reader never sees, or sees in another order than the file holds, is refused:
// text in an iframe (raw text: a glossary term there became live markup), fallback content of
// video and audio, <rp> beyond its parentheses, <bdo> and bidirectional controls. A glossary term
// with markup is text. And cached conversions keep their links. (From a review of
// the sanitizer and the output check.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { article, buildSiteInProcess, makeSite, readPage } from "./helpers/site-fixture.ts";
import { sameMarkup } from "../scripts/convert/converters.ts";

const meta = { title: "測試", date: "2024-10-16 09:57", source: "重慶日報", editor: "譚鑫", lang: "zh-Hant" };
const DIR = "content/news/media-focus/2024";
// The body starts on line 9 (7 front matter lines, ---, a blank line); the raw HTML is on line 11.
const body = (html: string) => article(meta, `第一段正文。\n\n${html}\n`);

const bad = makeSite(
  {
    [`${DIR}/iframe-text.md`]: body('<iframe src="https://player.bilibili.com/player.html?a=1">延伸閱讀</iframe>'),
    [`${DIR}/bdo.md`]: body('<bdo dir="rtl">！册注即立，金彩送，场赌线在</bdo>'),
    [`${DIR}/bidi.md`]: article(meta, "第一段正文。\n\n\u202e！册注即立，金彩送，场赌线在\u202c\n"),
    [`${DIR}/rp.md`]: body('<ruby>漢<rt>han</rt><rp><a href="https://casino.example/">公司新聞</a></rp></ruby>'),
    [`${DIR}/video.md`]: body('<video controls><a href="https://casino.example/">公司新聞</a></video>'),
    [`${DIR}/audio.md`]: body("<audio>公司新聞二</audio>"),
  },
  { iframeHosts: ["player.bilibili.com"] },
);
const r = await buildSiteInProcess(bad);

for (const [file, line, message] of [
  ["iframe-text.md", 11, /text inside an <iframe> is never shown to readers/],
  ["bdo.md", 11, /<bdo> reverses the order of characters/],
  ["bidi.md", 11, /bidirectional control U\+202E .* another order than it is written/],
  ["rp.md", 11, /<rp> may hold only the parentheses/],
  ["video.md", 11, /<video> may hold only <source> and <track>/],
  ["audio.md", 11, /<audio> may hold only <source> and <track>/],
] as const) {
  test(`${file} is refused at line ${line}`, () => {
    assert.equal(r.code, 1, r.stderr);
    const at = `${DIR}/${file}:${line}: `;
    assert.ok(r.stderr.split("\n").some((l) => l.startsWith(at) && message.test(l)), `expected ${at}… ${message} in:\n${r.stderr}`);
  });
}

test("a glossary term holding markup is text in the other script, inside an iframe too", async () => {
  const root = makeSite(
    { [`${DIR}/gl.md`]: article({ ...meta, lang: "zh-Hans", slug: "gl", glossary: '{"测试": "</iframe><b onclick=x>測試</b>"}' }, '测试正文。\n\n<iframe src="https://player.bilibili.com/player.html?a=1"></iframe>\n') },
    { iframeHosts: ["player.bilibili.com"] },
  );
  const b = await buildSiteInProcess(root);
  assert.equal(b.code, 0, b.stderr);
  const $ = readPage(`${root}/_site`, "/zh-hant/news/media-focus/2024/10/gl/");
  assert.equal($(".article-body b").length, 0, "no element made of the term");
  assert.match($(".article-body").text(), /<\/iframe><b onclick=x>測試<\/b>正文/, "the term shows as the text it is");
  assert.equal($(".article-body iframe").length, 1);
  assert.equal($(".article-body iframe").html(), "", "the iframe holds nothing");
});

test("a Markdown heading never takes an id the layout uses", async () => {
  const root = makeSite({ [`${DIR}/ids.md`]: article({ ...meta, slug: "ids" }, "第一段。\n\n# main\n\n正文。\n\n## q\n\n正文。") });
  const b = await buildSiteInProcess(root);
  assert.equal(b.code, 0, b.stderr);
  const $ = readPage(`${root}/_site`, "/zh-hant/news/media-focus/2024/10/ids/");
  assert.equal($("[id=main]").length, 1, "one element with id main: the layout's");
  assert.equal($("[id=q]").length, 1, "one element with id q: the search field's");
  assert.deepEqual($(".article-body h2").map((_, el) => $(el).attr("id")).get(), ["main-2", "q-2"]);
});

test("a cached conversion must keep every link and source as the source has it", () => {
  assert.equal(sameMarkup('<a href="https://ok.example/">公司</a>', '<a href="https://casino.example/">公司</a>'), false);
  assert.equal(sameMarkup('<p title="头发">头<a href="/a?x=1&amp;y=2">发</a></p>', '<p title="頭髮">頭<a href="/a?x=1&amp;y=2">髮</a></p>'), true);
  assert.equal(sameMarkup('<img src="/a.jpg" alt="头 &lt;b&gt;">', '<img src="/a.jpg" alt="頭 <b>">'), true, "dom-serializer leaves < in attribute values");
});

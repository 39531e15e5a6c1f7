// What content may contain: raw HTML only from an allowlist, no hidden text, no spam terms,
// links that lead somewhere. Each refusal names the file and line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { article, buildSiteInProcess, makeSite, readPage, runTool } from "./helpers/site-fixture.ts";

const meta = { title: "測試", date: "2024-10-16 09:57", source: "重慶日報", editor: "譚鑫", lang: "zh-Hant" };
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
// The body starts on line 9 of each file (7 front matter lines, ---, blank line).
const at = (n: number) => 9 + n;

function bad(body: string): string {
  return article(meta, body);
}

const root = makeSite(
  {
    "content/news/media-focus/2024/script.md": bad("<script>alert(1)</script>"),
    "content/news/media-focus/2024/onclick.md": bad('第一段。\n\n<p onclick="steal()">點我</p>'),
    "content/news/media-focus/2024/js-url.md": bad('<a href="javascript:alert(1)">連結</a>'),
    "content/news/media-focus/2024/data-url.md": bad('<img src="data:image/png;base64,AAAA" alt="圖">'),
    "content/news/media-focus/2024/style-el.md": bad("<style>h1{display:none}</style>"),
    "content/news/media-focus/2024/display-none.md": bad('<div style="display:none"><a href="https://casino.example/">好站</a></div>'),
    "content/news/media-focus/2024/visibility.md": bad('<span style="visibility: hidden">暗鏈</span>'),
    "content/news/media-focus/2024/font-zero.md": bad('<span style="font-size:0">暗鏈</span>'),
    "content/news/media-focus/2024/offscreen.md": bad('<div style="text-indent:-9999px">暗鏈</div>'),
    "content/news/media-focus/2024/hidden-attr.md": bad("<p hidden>暗鏈</p>"),
    "content/news/media-focus/2024/inline-style.md": bad('<p style="color:red">紅字</p>'),
    "content/news/media-focus/2024/iframe.md": bad('<iframe src="https://evil.example/embed"></iframe>'),
    "content/news/media-focus/2024/remote-video.md": bad('<video src="https://cdn.example/v.mp4" controls></video>'),
    "content/news/media-focus/2024/spam-title.md": article({ ...meta, title: "澳門賭場線上開戶" }),
    "content/news/media-focus/2024/spam-body.md": bad("正常的第一段。\n\n歡迎光臨 百 家 樂 官網。"),
    "content/news/media-focus/2024/spam-zw.md": bad("正常的第一段。\n\n博\u200b彩推薦"),
    "content/news/media-focus/2024/spam-alt.md": bad('![色情圖片](./p.png "說明")'),
    "content/news/media-focus/2024/p.png": PNG,
    "content/news/media-focus/2024/no-alt.md": bad("第一段。\n\n![](./p.png)"),
    "content/news/media-focus/2024/broken-link.md": bad("見[另一篇](/zh-hant/news/media-focus/2024/10/nowhere/)。"),
    "content/news/media-focus/2024/broken-anchor.md": bad("見[小節](/zh-hant/news/media-focus/2024/10/fine/#不存在)。"),
    "content/news/media-focus/2024/long-title.md": article({ ...meta, title: "很".repeat(61) }),
    "content/news/media-focus/2024/fine.md": article(
      { ...meta, title: "允許的內容" },
      [
        "## 第一節",
        "",
        '<figure><img src="./p.png" alt="允許的圖"><figcaption>允許的圖說</figcaption></figure>',
        "",
        '<table><tr><th scope="col">項目</th><td>12</td></tr></table>',
        "",
        '<iframe src="https://player.bilibili.com/player.html?bvid=1" title="影片"></iframe>',
        "",
        "見[第一節](#第一節)與[外站](https://unknown.example/page)與[政府](https://www.gov.cn/x)。",
      ].join("\n"),
    ),
  },
  { iframeHosts: ["player.bilibili.com"], linkAllowlist: ["gov.cn"] },
);
const r = await buildSiteInProcess(root);

function reported(file: string, line: number, pattern: RegExp): void {
  const prefix = `content/news/media-focus/2024/${file}:${line}: `;
  const found = r.stderr.split("\n").find((l) => l.startsWith(prefix) && pattern.test(l));
  assert.ok(found, `expected ${prefix}… ${pattern} in:\n${r.stderr}`);
}

test("the build refuses and exits non-zero", () => {
  assert.notEqual(r.code, 0);
});

test("script and style elements, event handlers, javascript: and data: URLs", () => {
  reported("script.md", at(0), /<script> can run code/);
  reported("onclick.md", at(2), /event handler onclick= runs script/);
  reported("js-url.md", at(0), /a javascript: URL in href=/);
  reported("data-url.md", at(0), /a data: URL in src=/);
  reported("style-el.md", at(0), /<style> can run code or restyle/);
});

test("hidden content in every form", () => {
  reported("display-none.md", at(0), /hidden content \(display:none\)/);
  reported("visibility.md", at(0), /hidden content \(visibility:hidden\)/);
  reported("font-zero.md", at(0), /hidden content \(font-size:0\)/);
  reported("offscreen.md", at(0), /hidden content \(off-screen positioning\)/);
  reported("hidden-attr.md", at(0), /the hidden attribute/);
  reported("inline-style.md", at(0), /the style attribute is not allowed\. The site's Content-Security-Policy blocks inline styles/);
});

test("iframes only from listed hosts, media only from the site", () => {
  reported("iframe.md", at(0), /an iframe from evil\.example is not allowed\. Iframes may come from: player\.bilibili\.com/);
  reported("remote-video.md", at(0), /loads from another host/);
});

test("spam terms in title, body (spaced or with zero-width characters) and alt text", () => {
  reported("spam-title.md", 2, /title: reads as gambling\/porn spam: .*澳门赌场.*rephrase the headline/);
  reported("spam-body.md", at(2), /this paragraph reads as gambling\/porn spam: .*百家乐/);
  reported("spam-zw.md", at(2), /reads as gambling\/porn spam: .*博彩/);
  reported("spam-alt.md", at(0), /alt text reads as gambling\/porn spam: .*色情图片/);
});

test("photos without alt text, broken links and anchors, overlong titles", () => {
  reported("no-alt.md", at(2), /a photo has no alt text/);
  reported("broken-link.md", at(0), /the link \/zh-hant\/news\/media-focus\/2024\/10\/nowhere\/ leads to no page/);
  reported("broken-anchor.md", at(0), /points at #不存在, which is not on that page\. Anchors there: #第一節/);
  reported("long-title.md", 2, /title: is 61 characters long; the most is 60/);
});

test("allowed raw HTML passes; a link to an unlisted domain is a warning", () => {
  assert.ok(!r.stderr.includes("fine.md:") || !/fine\.md:\d+: (?!warning)/.test(r.stderr), r.stderr);
  reported("fine.md", at(8), /warning: links to unknown\.example/);
  assert.ok(!/fine\.md.*gov\.cn/.test(r.stderr));
});

test("the allowed page builds as written once the refused files are gone", async () => {
  const ok = makeSite(
    {
      "content/news/media-focus/2024/p.png": PNG,
      "content/news/media-focus/2024/fine.md": article(
        { ...meta, title: "允許的內容" },
        '## 第一節\n\n<figure><img src="./p.png" alt="允許的圖"><figcaption>允許的圖說</figcaption></figure>\n\n見[第一節](#第一節)。',
      ),
    },
    { linkAllowlist: [] },
  );
  const b = await buildSiteInProcess(ok);
  assert.equal(b.code, 0, b.stderr);
  const $ = readPage(join(ok, "_site"), "/zh-hans/news/media-focus/2024/10/fine/");
  assert.equal($("h2#第一節").text(), "第一节");
  const img = $("figure img");
  assert.equal(img.attr("src"), "/media/news/media-focus/2024/10/fine/p.png");
  assert.equal(img.attr("width"), "1");
  assert.equal(img.attr("alt"), "允许的图");
  const anchor = $(".article-body a").filter((_, a) => decodeURIComponent($(a).attr("href") ?? "") === "#第一節");
  assert.equal(anchor.text(), "第一节", "the anchor keeps the id as written; its text is converted");
});

test("npm run check finds the same problems, one line each, then a summary", () => {
  const c = runTool("scripts/cli/check.ts", ["--root", root]);
  assert.equal(c.code, 1);
  assert.match(c.stdout, /content\/news\/media-focus\/2024\/script\.md:9: <script> can run code/);
  assert.match(c.stdout.trim().split("\n").at(-1)!, /^✗ \d+ errors, \d+ warnings? in \d+ articles/);
});

test("front matter is text: markup in a title, source or editor is escaped on every page", async () => {
  const root = makeSite({
    "content/news/media-focus/2024/markup.md": article({
      ...meta,
      title: '"<img src=x onerror=alert(1)>標題"',
      source: '"重慶日報</span><script>alert(2)</script>"',
      editor: '"譚鑫\\" onmouseover=\\"alert(3)"',
      summary: '"摘要 <b>粗體</b>"',
    }),
  });
  const b = await buildSiteInProcess(root);
  assert.equal(b.code, 0, b.stderr);
  for (const path of ["/zh-hant/news/media-focus/2024/10/markup/", "/zh-hans/news/media-focus/2024/10/markup/", "/zh-hant/news/media-focus/"]) {
    const $ = readPage(join(root, "_site"), path);
    assert.equal($("main img[onerror], main script, [onmouseover], .teaser-summary b").length, 0, path);
    assert.match($("main").text(), /<img src=x onerror=alert\(1\)>/, `${path}: the title reads as written`);
  }
  const $ = readPage(join(root, "_site"), "/zh-hant/news/media-focus/2024/10/markup/");
  assert.equal($("title").text().startsWith("<img src=x onerror=alert(1)>標題"), true);
  assert.match($('meta[name="description"]').attr("content")!, /摘要 <b>粗體<\/b>/);
  assert.equal($(".meta-source").text(), "來源：重慶日報</span><script>alert(2)</script>");
});

// The HTML converter on fragments: what it converts, what it keeps, where phrases run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { convertHtml } from "../scripts/convert/html-converter.ts";
import { scriptConverter } from "../scripts/convert/script-converter.ts";

const s2t = scriptConverter({ lang: "zh-Hans", opencc: "cn" }, { lang: "zh-Hant", opencc: "tw" }, []);

test("a phrase runs across inline tags but not across code or text kept as written", () => {
  assert.equal(convertHtml("<p>头<strong>发</strong></p>", s2t), "<p>頭<strong>髮</strong></p>");
  // 头发 would be 頭髮; with code between them they are two words, each converted alone.
  assert.equal(convertHtml("<p>头<code>x</code>发</p>", s2t), "<p>頭<code>x</code>發</p>");
  assert.equal(convertHtml('<p>头<span translate="no">发</span>发</p>', s2t), '<p>頭<span translate="no">发</span>發</p>');
});

test("attributes a reader reads are converted, URLs and names are not", () => {
  const html = '<p><a href="/新闻/头发/" title="头发" class="头发" id="头发">头发</a><img src="/头发.png" alt="面条"></p>';
  assert.equal(
    convertHtml(html, s2t),
    '<p><a href="/新闻/头发/" title="頭髮" class="头发" id="头发">頭髮</a><img src="/头发.png" alt="麵條"></p>',
  );
});

test("a block element ends a phrase", () => {
  assert.equal(convertHtml("<p>头</p><p>发</p>", s2t), "<p>頭</p><p>發</p>");
});

// The search index builder and the query code the browser runs (assets/js/search-*.js), on small
// hand-written corpora: both scripts, two-character words, several words, ranking, snippets.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodePostings, decodeShard } from "../assets/js/search-format.js";
import { forEachKey, parseQuery, shardOf } from "../assets/js/search-keys.js";
import type { Result } from "../assets/js/search-query.js";
import { openccEngine } from "../scripts/convert/opencc-engine.ts";
import type { SearchDocument } from "../scripts/search/documents.ts";
import { htmlText } from "../scripts/search/documents.ts";
import { foldTableOf, foldText } from "../scripts/search/fold.ts";
import { forEachKeyCode, IndexBuilder, keyText } from "../scripts/search/index-builder.ts";
import { localSearcher } from "../scripts/search/local.ts";
import { writeSearchIndex } from "../scripts/search/write-index.ts";

const toHans = openccEngine("tw", "cn");
const toHant = openccEngine("cn", "tw");

let n = 0;
/** An article as the model gives it: written in one script, converted to the other. */
function doc(lang: "zh-Hans" | "zh-Hant", title: string, body: string): SearchDocument {
  const slug = `a${n++}`;
  const hans = lang === "zh-Hans" ? { title, body } : { title: toHans.convert(title), body: toHans.convert(body) };
  const hant = lang === "zh-Hant" ? { title, body } : { title: toHant.convert(title), body: toHant.convert(body) };
  return {
    variants: new Map([
      ["zh-hans", { u: `/zh-hans/news/company/${slug}/`, t: hans.title, d: "2025年1月1日", i: "2025-01-01", s: "公司新闻", b: hans.body }],
      ["zh-hant", { u: `/zh-hant/news/company/${slug}/`, t: hant.title, d: "2025年1月1日", i: "2025-01-01", s: "公司新聞", b: hant.body }],
    ]),
  };
}

function build(docs: SearchDocument[], shardBytes?: number): string {
  const out = mkdtempSync(join(tmpdir(), "newsroom-search-"));
  writeSearchIndex(docs, join(out, "search"), shardBytes ? { shardBytes } : {});
  return out;
}

async function search(out: string, variant: string, query: string): Promise<{ hits: number; results: Result[] }> {
  const { searcher } = localSearcher(out, variant);
  const result = await searcher.query(query);
  const { results } = await searcher.page(result, 0, 50);
  return { hits: result.hits.length, results };
}

const slugs = (results: Result[]) => results.map((r) => r.url.split("/").at(-2));

// Newest first: ids are given in this order.
const CORPUS = [
  doc("zh-Hant", "集團舉辦新聞發布會", "本次發布會介紹了集團在資訊傳播方面的新做法。記者了解到，傳播渠道更加多元。"), // a0
  doc("zh-Hans", "数据中心通过等级认证", "两江数据中心二期通过认证，年均PUE降至1.21。传播效率也有提升。"), // a1
  doc("zh-Hans", "传统产业与广播电视", "传统产业转型，广播电视改版，北京的大学生参观。"), // a2: 传 and 播 never side by side
  doc("zh-Hant", "北京大學師生來訪", "北京大學師生一行參觀了數據中心。"), // a3
  doc("zh-Hans", "头发与后来", "志愿者为老人理发，头发剪短后来很精神。5G网络覆盖全区。"), // a4
  doc("zh-Hant", "傳播學講座", "傳播學者談傳播。傳播、傳播、傳播：這是一篇反覆提到傳播的文章。"), // a5
  doc("zh-Hans", "东京大阪之行", "东京大阪的大学，北京的朋友。"), // a6: 北京, 京大, 大学, but not 北京大学
];

const out = build(CORPUS);

test("folding makes both scripts one: Traditional, Taiwan variants and full-width forms", () => {
  for (const [hant, hans] of [
    ["傳播", "传播"],
    ["數據中心", "数据中心"],
    ["頭髮", "头发"],
    ["後來", "后来"],
    ["裡面", "里面"],
    ["臺灣", "台湾"],
    ["著名", "著名"],
  ]) {
    assert.equal(foldText(hant), foldText(hans), `${hant} / ${hans}`);
    assert.equal(foldText(hant).length, hant.length);
  }
  assert.equal(foldText("ＰＵＥ降至１.２１"), "pue降至1.21");
});

test("a query is cut into terms: Han runs (pairs as keys), words, several words AND", () => {
  const table = foldTableOf();
  const q = parseQuery("傳播  數字經濟 5G網絡", table);
  assert.deepEqual(
    q.map((t) => [t.text, t.keys, t.check]),
    [
      ["传播", ["传播"], false],
      ["数字经济", ["数字", "字经", "经济"], true],
      ["5g", ["5g"], false],
      ["网络", ["网络"], false],
    ],
  );
  assert.deepEqual(parseQuery("云", table).map((t) => t.keys), [["云"]]);
  assert.deepEqual(parseQuery("  ，。 ", table), []);
  // A word inside a longer one adds nothing.
  assert.deepEqual(parseQuery("传播 傳播學", table).map((t) => t.text), ["传播学"]);
});

test("the builder's integer keys are exactly the keys of forEachKey", () => {
  const text = foldText("傳播學與5G網絡，𠮷野家〇〇七號，ＡＢＣ　def 々木");
  const expected: string[] = [];
  forEachKey(text, (k) => expected.push(k));
  const got: string[] = [];
  forEachKeyCode(text, (c) => got.push(keyText(c)), (k) => got.push(k));
  assert.deepEqual(got.sort(), expected.sort());
  assert.ok(expected.includes("𠮷野"));
});

test("a two-character word finds articles written in either script, from either script", async () => {
  for (const variant of ["zh-hans", "zh-hant"]) {
    for (const q of ["传播", "傳播"]) {
      const { results } = await search(out, variant, q);
      assert.deepEqual(slugs(results).sort(), ["a0", "a1", "a5"], `${q} in ${variant}`);
      for (const r of results) assert.ok(r.url.startsWith(`/${variant}/`), `${r.url} is in the reader's script`);
    }
  }
});

test("a two-character word does not match its characters apart", async () => {
  const { results } = await search(out, "zh-hans", "传播");
  assert.ok(!slugs(results).includes("a2"), "传统…广播 is not 传播");
});

test("a longer word is matched as written, not as scattered pairs", async () => {
  // a6 has every pair of 北京大学 (北京, 京大, 大学) but not the word; a3 has 北京大學.
  const { searcher } = localSearcher(out, "zh-hans");
  const query = await searcher.query("北京大学");
  assert.deepEqual(query.hits.map((h) => h.id).sort(), [3, 6], "the index alone cannot tell");
  const { results } = await searcher.page(query, 0);
  assert.deepEqual(slugs(results), ["a3"]);
  assert.equal(results[0].title, "北京大学师生来访");
});

test("several words: every word must match (AND)", async () => {
  assert.deepEqual(slugs((await search(out, "zh-hant", "傳播 數據")).results), ["a1"]);
  assert.deepEqual(slugs((await search(out, "zh-hans", "传播 记者")).results), ["a0"]);
  assert.deepEqual(slugs((await search(out, "zh-hans", "传播 头发")).results), []);
});

test("no match: no hits", async () => {
  const r = await search(out, "zh-hans", "量子纠缠");
  assert.equal(r.hits, 0);
  assert.deepEqual(r.results, []);
});

test("Latin words and numbers: whole words, any case or width", async () => {
  assert.deepEqual(slugs((await search(out, "zh-hans", "pue")).results), ["a1"]);
  assert.deepEqual(slugs((await search(out, "zh-hans", "ＰＵＥ")).results), ["a1"]);
  assert.deepEqual(slugs((await search(out, "zh-hans", "pu")).results), []);
  assert.deepEqual(slugs((await search(out, "zh-hant", "5G 網絡")).results), ["a4"]);
});

test("ranking: a title match and more mentions come first; newer first among equals", async () => {
  const { results } = await search(out, "zh-hant", "傳播");
  // a5 has it in the title and many times; a0 twice in the body; a1 once.
  assert.deepEqual(slugs(results), ["a5", "a0", "a1"]);

  const ties = build([doc("zh-Hans", "甲", "今天发布消息。"), doc("zh-Hans", "乙", "今天发布消息。"), doc("zh-Hans", "丙", "昨天发布了消息。")]);
  assert.deepEqual((await search(ties, "zh-hans", "发布")).results.map((r) => r.title), ["甲", "乙", "丙"]);

  const title = build([doc("zh-Hans", "其他新闻", "本文提到一次数据。"), doc("zh-Hans", "数据报告", "正文没有那个词。")]);
  assert.deepEqual((await search(title, "zh-hans", "数据")).results.map((r) => r.title), ["数据报告", "其他新闻"]);
});

test("snippet: the match in the reader's script, marked, with the title, date and section", async () => {
  const { results } = await search(out, "zh-hant", "传播");
  const a0 = results.find((r) => r.url.endsWith("/a0/"))!;
  assert.equal(a0.title, "集團舉辦新聞發布會");
  assert.equal(a0.date, "2025年1月1日");
  assert.equal(a0.section, "公司新聞");
  const marked = a0.snippet.ranges.map(([s, e]) => a0.snippet.text.slice(s, e));
  assert.deepEqual(marked, ["傳播", "傳播"]);
  assert.match(a0.snippet.text, /^本次發布會介紹了集團在資訊傳播方面的新做法。/);

  const [a3] = (await search(out, "zh-hans", "北京大學")).results;
  assert.deepEqual(a3.titleRanges, [[0, 4]]);
  assert.equal(a3.title.slice(0, 4), "北京大学");
});

test("snippet: a long body is cut around the match, with the cut marked", async () => {
  const long = "前言。".repeat(100) + "这里提到了区块链技术的应用。" + "后记。".repeat(100);
  const o = build([doc("zh-Hans", "长文", long)]);
  const [r] = (await search(o, "zh-hans", "区块链")).results;
  assert.ok(r.snippet.before && r.snippet.after);
  assert.ok(r.snippet.text.length <= 112);
  assert.equal(r.snippet.text.slice(r.snippet.ranges[0][0], r.snippet.ranges[0][1]), "区块链");
  assert.match(r.snippet.text, /^这里提到了区块链/, "starts at the sentence");
});

test("shards: every key is in the shard its hash names, postings in document order", () => {
  const o = build(CORPUS, 256);
  const manifest = JSON.parse(readFileSync(join(o, "search/manifest.json"), "utf8"));
  assert.equal(manifest.docs, CORPUS.length);
  assert.ok(manifest.shards > 1);
  const dir = join(o, "search", manifest.base);
  assert.equal(readdirSync(join(dir, "s")).length, manifest.shards);
  assert.equal(readdirSync(join(dir, "d/zh-hans")).length, CORPUS.length);
  let keys = 0;
  for (let s = 0; s < manifest.shards; s++) {
    for (const [key, bytes] of decodeShard(new Uint8Array(readFileSync(join(dir, "s", `${s}.bin`))))) {
      keys++;
      assert.equal(shardOf(key, manifest.shards), s);
      const { ids } = decodePostings(bytes);
      assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
    }
  }
  assert.ok(keys > 100);
  // The fold table only holds characters the index has.
  assert.ok(manifest.fold.includes("傳传"));
  assert.ok(!manifest.fold.includes("鬱郁"));
});

test("a rebuild replaces the index folder; the manifest points to the new one", () => {
  const o = build(CORPUS.slice(0, 2));
  writeSearchIndex(CORPUS, join(o, "search"));
  const manifest = JSON.parse(readFileSync(join(o, "search/manifest.json"), "utf8"));
  assert.deepEqual(readdirSync(join(o, "search")).sort(), [manifest.base.replace("/", ""), "manifest.json"].sort());
});

test("a document's text: blocks on their own lines, no markup, entities decoded", () => {
  assert.equal(
    htmlText('<p>第一段<strong>重點</strong>&amp;說明</p><figure><img src="x.jpg" alt="圖"><figcaption>圖片說明</figcaption></figure><p>第二段</p><script>var x=1</script>'),
    "第一段重點&說明\n圖片說明\n第二段",
  );
});

test("the builder copes with many keys in one document and astral characters", async () => {
  const b = new IndexBuilder();
  // More distinct pairs than the per-document table starts with.
  const chars = Array.from({ length: 20000 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 20000))).join("");
  b.add([{ title: "𠮷", body: chars }]);
  const index = b.finish();
  assert.ok(index.keys > 20000);
  const o = build([doc("zh-Hans", "𠮷野家开业", "𠮷野家在重庆开业。")]);
  assert.deepEqual((await search(o, "zh-hans", "𠮷野家")).results.map((r) => r.title), ["𠮷野家开业"]);
});

test("a site without articles gets an index that answers nothing", async () => {
  const o = build([]);
  const manifest = JSON.parse(readFileSync(join(o, "search/manifest.json"), "utf8"));
  assert.equal(manifest.docs, 0);
  const r = await search(o, "zh-hans", "传播");
  assert.equal(r.hits, 0);
});

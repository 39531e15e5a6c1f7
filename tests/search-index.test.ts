// The search index builder and the query code the browser runs (assets/js/search-*.js), on small
// hand-written corpora: both scripts, two-character words, several words, ranking, snippets.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodePostings, decodeShard } from "../assets/js/search-format.js";
import { forEachRun, parseQuery, shardOf, unpackFold, VARIANT } from "../assets/js/search-keys.js";
import type { QueryOptions, Result } from "../assets/js/search-query.js";
import { openccEngine } from "../scripts/convert/opencc-engine.ts";
import type { PageInput, SearchDocument } from "../scripts/search/documents.ts";
import { htmlText } from "../scripts/search/documents.ts";
import { foldTableOf, foldText } from "../scripts/search/fold.ts";
import { differingPieces, forEachKey, forEachKeyCode, forEachRunAt, IndexBuilder, keyText } from "../scripts/search/index-builder.ts";
import { Lexicon } from "../scripts/search/word-bounds.ts";
import { localSearcher } from "../scripts/search/local.ts";
import { writeIndexJob, writeSearchIndex } from "../scripts/search/write-index.ts";

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
      // One word of several parts: matched as written.
      ["5g网络", ["5g", "网络"], true],
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

test("the builder's runs are those of the browser's forEachRun, surrogates and marks included", () => {
  const texts = [
    foldText("傳播學與5G網絡，𠮷野家〇〇七號，ＡＢＣ　def 々木"),
    "e\u0301té 中\u0301文 \ud800孤 \udc00 𠀀𠀁ab𠀂 ٣٤ abc中def 12年 ーカタカナ",
    "",
    "。，！",
  ];
  for (const text of texts) {
    const expected: [string, number, boolean][] = [];
    forEachRun(text, (run, start, han) => expected.push([run, start, han]));
    const got: [string, number, boolean][] = [];
    forEachRunAt(text, (start, end, han) => got.push([text.slice(start, end), start, han]));
    assert.deepEqual(got, expected, text);
  }
});

test("a second script keyed from the pieces where it differs gives the index keying it whole gives", () => {
  const base = [
    "“中华人民共和国”成立后，和服务业一起发展。2001年3月，5G网络覆盖1.2万户；",
    "他说：“软件和信息服务业是重点。”记者了解到，数据中心‘算力’调度平台上线。",
    "华人华侨在海外，人民生活水平提高了。Ab12cd，〇〇七号。𠮷野家开张",
  ];
  // Twins: quotation marks swapped (breaks only), and characters, digits or letters changed inside pieces.
  const edits: ((t: string) => string)[] = [
    (t) => t.replace(/“/g, "「").replace(/”/g, "」").replace(/‘/g, "『").replace(/’/g, "』"),
    (t) => t.replace(/“/g, "「").replace(/”/g, "」").replace("服务", "服務").replace("信息", "資訊"),
    (t) => t.replace(/“/g, "「").replace("2001", "2002").replace("5G", "6G").replace("Ab12", "Ab13").replace("1.2万", "2.2万"),
    (t) => t.replace(/，/g, "。").replace("人民", "人人").replace("华人", "華人"),
    (t) => t.replace(/[网数据]/g, "络"),
  ];
  const lexicon = new Lexicon();
  lexicon.sampleMany(base.map((t) => foldText(t)));
  const shardsOf = (wholeTexts: boolean) => {
    const builder = new IndexBuilder({ wholeTexts, shardBytes: 256 }, lexicon);
    // Three times over, changed in the first only: the counts outside the pieces matter.
    for (const text of base) for (const edit of edits) builder.add([{ title: "标题", body: text.repeat(3) }, { title: "標題", body: edit(text) + text + text }]);
    return builder.finish().shards;
  };
  const pieces = shardsOf(false);
  const whole = shardsOf(true);
  assert.equal(pieces.length, whole.length);
  pieces.forEach((bytes, n) => assert.ok(bytes.equals(whole[n]!), `shard ${n}`));
  // Quotation marks alone: nothing to key again.
  assert.deepEqual(differingPieces(foldText(base[0]!), foldText(edits[0]!(base[0]!))), []);
  assert.deepEqual(differingPieces("甲乙，丙丁。", "甲乙，丙戊。"), [[3, 5]]);
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
  // The phrase first; the article with its characters apart after it, said so.
  assert.deepEqual(results.map((r) => [slugs([r])[0], r.tier]), [["a3", "match"], ["a6", "apart"]]);
  assert.equal(results[0].title, "北京大学师生来访");
});

test("several words: every word must match (AND)", async () => {
  assert.deepEqual(slugs((await search(out, "zh-hant", "傳播 數據")).results), ["a1"]);
  assert.deepEqual(slugs((await search(out, "zh-hans", "传播 记者")).results), ["a0"]);
  // No article has both: the closest ones are shown, each marked as a partial match.
  const none = await search(out, "zh-hans", "传播 头发");
  assert.ok(none.results.length > 0 && none.results.every((r) => r.tier === "partial"));
});

test("no match: no hits", async () => {
  const r = await search(out, "zh-hans", "量子纠缠");
  assert.equal(r.hits, 0);
  assert.deepEqual(r.results, []);
});

test("Latin words and numbers: whole words, any case or width", async () => {
  assert.deepEqual(slugs((await search(out, "zh-hans", "pue")).results), ["a1"]);
  assert.deepEqual(slugs((await search(out, "zh-hans", "ＰＵＥ")).results), ["a1"]);
  // A Latin word still being typed matches the words it begins; once a space follows, only itself.
  assert.deepEqual(slugs((await search(out, "zh-hans", "pu")).results), ["a1"]);
  assert.deepEqual(slugs((await search(out, "zh-hans", "pu ")).results), []);
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
      if (key.startsWith(VARIANT)) continue;
      const { ids } = decodePostings(bytes);
      assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
    }
  }
  assert.ok(keys > 100);
  // The fold table only holds characters the index has.
  assert.ok(unpackFold(manifest.fold).includes("傳传"));
  assert.ok(!unpackFold(manifest.fold).includes("鬱郁"));
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

// ---- Issue 14: fields, filters, order, and no false matches -------------------------------

interface Meta {
  source?: string;
  editor?: string;
  tags?: string[];
  summary?: string;
  section?: string;
  date?: string;
}

let pn = 0;
/** An article through the record builder (searchDocuments), as a build gives it: both scripts. */
function page(lang: "zh-Hans" | "zh-Hant", title: string, body: string, meta: Meta = {}): PageInput[] {
  const slug = `p${pn++}`;
  const section = meta.section ?? "company";
  const date = meta.date ?? "2025-01-01";
  return (["zh-hans", "zh-hant"] as const).map((variant) => {
    const c = (t: string) => (variant === "zh-hans" ? (lang === "zh-Hans" ? t : toHans.convert(t)) : lang === "zh-Hant" ? t : toHant.convert(t));
    return {
      path: variant,
      file: {
        u: `/${variant}/news/${section}/${slug}/`,
        t: c(title),
        d: date,
        i: date,
        s: section,
        ...(meta.source ? { o: c(meta.source) } : {}),
        ...(meta.editor ? { e: c(meta.editor) } : {}),
        ...(meta.tags ? { g: meta.tags.map(c) } : {}),
        ...(meta.summary ? { m: c(meta.summary) } : {}),
      },
      html: `<p>${c(body)}</p>`,
      section,
    };
  });
}

function buildPages(articles: PageInput[][]): string {
  const dir = mkdtempSync(join(tmpdir(), "newsroom-search-"));
  writeIndexJob({ articles, dir: join(dir, "search"), variants: ["zh-hans", "zh-hant"] });
  return dir;
}

async function ask(o: string, variant: string, q: string, options: QueryOptions = {}) {
  const { searcher } = localSearcher(o, variant);
  const result = await searcher.query(q, options);
  const { results } = await searcher.page(result, 0, 50);
  return { result, results, total: searcher.total(result), searcher };
}

const slugOf = (r: Result) => r.url.split("/").at(-2);

const NEWS = buildPages([
  page("zh-Hans", "西部算力调度平台上线", "平台连接多个数据中心。", { source: "重庆日报", editor: "何嘉颖", tags: ["算力"], date: "2025-03-01" }), // p0
  page("zh-Hant", "集團舉辦傳播論壇", "論壇討論軟體與網路的發展。", { source: "中央社", editor: "譚鑫", date: "2024-11-02", section: "media" }), // p1
  page("zh-Hans", "重庆日报报道集团", "重庆日报记者走访园区，软件产业增长。", { source: "新华社", date: "2024-06-01" }), // p2
  page("zh-Hans", "我们提供和服务", "公司向客户提供咨询和服务，增加了1.2万个岗位，3月完成。", { date: "2024-03-01" }), // p3
  page("zh-Hans", "和服展览开幕", "展出百件和服。11.2万人次参观，13月是笔误。", { date: "2023-05-01", section: "media" }), // p4
  page("zh-Hans", "中华人民共和国成立纪念", "中华人民共和国成立以来，海外华人积极参与。", { date: "2023-01-01" }), // p5
  page("zh-Hant", "美國總統布希訪問", "布希與伊拉克問題。台獨議題也被提及。iChong 應用上線。", { date: "2022-01-01" }), // p6
]);

test("source, editor and tags are searched, the title weighing most; results show the source", async () => {
  const { results } = await ask(NEWS, "zh-hans", "重庆日报");
  // Its title says 重庆日报 (p2); p0's source is 重庆日报 (the bug: sources were not indexed).
  assert.deepEqual(results.map(slugOf), ["p2", "p0"]);
  assert.equal(results[1]!.source, "重庆日报");
  assert.deepEqual(results[1]!.sourceRanges, [[0, 4]]);
  assert.deepEqual((await ask(NEWS, "zh-hant", "譚鑫")).results.map(slugOf), ["p1"], "the editor");
  assert.deepEqual((await ask(NEWS, "zh-hans", "算力")).results.map(slugOf), ["p0"], "a tag and the title");
  assert.equal((await ask(NEWS, "zh-hant", "中央社")).results[0]!.source, "中央社");
});

test("filters by section, year and source, and the order by date", async () => {
  assert.deepEqual((await ask(NEWS, "zh-hans", "和服", { section: "media" })).results.map(slugOf), ["p4"]);
  assert.deepEqual((await ask(NEWS, "zh-hans", "重庆日报", { year: "2025" })).results.map(slugOf), ["p0"]);
  assert.deepEqual((await ask(NEWS, "zh-hant", "重慶日報", { source: "新華社" })).results.map(slugOf), ["p2"]);
  assert.deepEqual((await ask(NEWS, "zh-hans", "", { source: "重庆日报" })).results.map(slugOf), ["p0"], "a filter alone lists its articles");
  assert.deepEqual((await ask(NEWS, "zh-hans", "", { year: "2023" })).results.map(slugOf), ["p4", "p5"]);
  // By date: newest first, whatever the score (p2 has 重庆日报 in its title).
  assert.deepEqual((await ask(NEWS, "zh-hans", "重庆日报", { sort: "date" })).results.map(slugOf), ["p0", "p2"]);
  const { searcher } = localSearcher(NEWS, "zh-hans");
  assert.deepEqual(Object.keys((await searcher.load()).years).sort(), ["2022", "2023", "2024", "2025"]);
});

test("numbers mixed with other characters match as written (1.2万 is not 11.2万, 3月 not 13月)", async () => {
  const a = await ask(NEWS, "zh-hans", "1.2万");
  assert.deepEqual(a.results.filter((r) => r.tier === "match").map(slugOf), ["p3"]);
  assert.deepEqual(a.total, { n: 1, inside: 0, exact: true });
  const m = await ask(NEWS, "zh-hans", "3月");
  assert.deepEqual(m.results.filter((r) => r.tier === "match").map(slugOf), ["p3"]);
  assert.ok(m.results.every((r) => r.tier !== "match" || r.snippet.ranges.length > 0));
});

test("a pair inside a longer word ranks below the word and is not marked (和服 in 和服务, 华人 in 中华人民)", async () => {
  const k = await ask(NEWS, "zh-hans", "和服");
  assert.deepEqual(k.results.map((r) => [slugOf(r), r.tier]), [["p4", "match"], ["p3", "inside"]]);
  assert.deepEqual(k.total, { n: 1, inside: 1, exact: true });
  assert.deepEqual(k.results[1]!.titleRanges, []);
  assert.deepEqual(k.results[1]!.snippet.ranges, []);
  const h = await ask(NEWS, "zh-hans", "华人");
  assert.equal(slugOf(h.results[0]!), "p5");
  assert.deepEqual(h.results[0]!.titleRanges, [], "中华人民 in the title is not 华人");
  assert.deepEqual(h.results[0]!.snippet.ranges.map(([s, e]) => h.results[0]!.snippet.text.slice(s, e)), ["华人"], "海外华人 is");
});

test("regional variants are searched too, and marked as such (布什 / 布希, 软件 / 軟體, 网络 / 網路)", async () => {
  const bush = await ask(NEWS, "zh-hans", "布什");
  assert.deepEqual(bush.results.map(slugOf), ["p6"]);
  assert.deepEqual(bush.results[0]!.via, ["布希"]);
  assert.deepEqual(bush.result.variants, [{ of: "布什", shown: "布希" }]);
  const sw = await ask(NEWS, "zh-hans", "软件");
  assert.deepEqual(sw.results.map(slugOf).sort(), ["p1", "p2"]);
  assert.deepEqual(sw.results.find((r) => slugOf(r) === "p1")!.via, ["软体"]);
  assert.deepEqual(sw.results.find((r) => slugOf(r) === "p2")!.via, []);
  const net = await ask(NEWS, "zh-hant", "网络");
  assert.deepEqual(net.results.map(slugOf), ["p1"]);
  assert.deepEqual(net.results[0]!.via, ["網路"], "shown in the reader's script");
});

test("nothing matches: the closest partial matches (a typo, a long form of a short one)", async () => {
  const typo = await ask(NEWS, "zh-hans", "伊拉科");
  assert.ok(typo.result.partial);
  assert.deepEqual(typo.results.map(slugOf), ["p6"]);
  assert.equal(typo.results[0]!.tier, "partial");
  const long = await ask(NEWS, "zh-hans", "台湾独立");
  assert.ok(long.result.partial);
  assert.deepEqual(long.result.abbreviations, ["台独"]);
  assert.equal(slugOf(long.results[0]!), "p6");
});

test("a query of more keys than are looked up drops no term", async () => {
  // 26 pairs: the middle ones are not looked up, but the whole phrase is still checked.
  const phrase = "公司向客户提供咨询和服务增加了";
  const q = `${phrase}一二三四五六七八九十 和服`;
  const { results } = await ask(NEWS, "zh-hans", q);
  assert.deepEqual(results.filter((r) => r.tier === "match"), []);
  const ok = await ask(NEWS, "zh-hans", "公司向客户提供咨询和服务 增加了1.2万个岗位 3月完成 中华人民共和国成立以来");
  assert.deepEqual(ok.results.filter((r) => r.tier === "match"), [], "the last phrase is in another article: none has all");
});

test("the last Latin word matches as a prefix while it is typed (iCh → iChong)", async () => {
  assert.deepEqual((await ask(NEWS, "zh-hans", "iCh")).results.map(slugOf), ["p6"]);
  assert.deepEqual((await ask(NEWS, "zh-hans", "iCh ")).results.filter((r) => r.tier === "match"), []);
  assert.deepEqual((await ask(NEWS, "zh-hans", "ichong")).results.map(slugOf), ["p6"]);
  const r = (await ask(NEWS, "zh-hans", "iCh")).results[0]!;
  assert.deepEqual(r.snippet.ranges.map(([s, e]) => r.snippet.text.slice(s, e)), ["iChong"]);
});

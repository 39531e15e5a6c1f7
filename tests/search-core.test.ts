// The search query core (assets/js/search-keys, -format, -rank, -match, -query) in Node, imported
// directly: key rules, the binary index reader, ranking, matching and snippets, and the Searcher
// over an index held in memory. None of it touches a DOM.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { decodePostings, decodeShard, FORMAT, weightOf, type Manifest, type SearchDocFile } from "../assets/js/search-format.js";
import { fold, foldTable, forEachKey, forEachRun, hashKey, MAX_KEYS, parseQuery, queryKeys, shardOf, wordKey } from "../assets/js/search-keys.js";
import { matchRanges, snippet, verify } from "../assets/js/search-match.js";
import { PAGE_SIZE, Searcher } from "../assets/js/search-query.js";
import { rank } from "../assets/js/search-rank.js";

// 傳→传, 數→数, 據→据, 學→学: the pairs a manifest carries for an index that holds 传, 数, 据 and 学.
const TABLE = foldTable("傳传數数據据學学");

function varint(v: number): number[] {
  const out: number[] = [];
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

/** Postings as the format says: for each id, varint((id - previous - 1) * 8 + weight). */
function postings(entries: [id: number, weight: number][]): number[] {
  let prev = -1;
  return entries.flatMap(([id, w]) => {
    const bytes = varint((id - prev - 1) * 8 + w);
    prev = id;
    return bytes;
  });
}

/** A shard: u32 K, u32 L, keys joined by "\n", K varint lengths, the postings. */
function shard(keys: Record<string, [number, number][]>): Uint8Array {
  const names = Object.keys(keys);
  const keyBytes = new TextEncoder().encode(names.join("\n"));
  const lists = names.map((k) => postings(keys[k]!));
  const head = new Uint8Array(8);
  new DataView(head.buffer).setUint32(0, names.length, true);
  new DataView(head.buffer).setUint32(4, keyBytes.length, true);
  return new Uint8Array([...head, ...keyBytes, ...lists.flatMap((l) => varint(l.length)), ...lists.flat()]);
}

test("the query core has no DOM: its modules name neither document nor window", () => {
  for (const name of ["keys", "format", "rank", "match", "query"]) {
    const source = readFileSync(new URL(`../assets/js/search-${name}.js`, import.meta.url), "utf8");
    const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    assert.doesNotMatch(code, /\b(document|window|location|history|navigator)\b/, name);
  }
});

test("folding: the manifest's pairs, full-width forms and capitals, same length", () => {
  assert.equal(fold("傳播數據", TABLE), "传播数据");
  assert.equal(fold("ＰＵＥ　Ａb", TABLE), "pue ab");
  const plain = "已经是简体";
  assert.equal(fold(plain, TABLE), plain);
  const astral = "𠀀傳";
  assert.equal(fold(astral, TABLE), "𠀀传");
  assert.equal(fold(astral, TABLE).length, astral.length);
});

test("keys: every Han character and pair, whole words, astral characters kept whole", () => {
  const keys: string[] = [];
  forEachKey("传播 5g网络 𠀀大", (k) => keys.push(k));
  assert.deepEqual(keys, ["传", "播", "传播", "5g", "网", "络", "网络", "𠀀", "大", "𠀀大"]);
  const runs: [string, number, boolean][] = [];
  forEachRun("pue降至1.21", (run, start, han) => runs.push([run, start, han]));
  assert.deepEqual(runs, [["pue", 0, false], ["降至", 3, true], ["1", 5, false], ["21", 7, false]]);
  assert.equal(wordKey("x".repeat(50)), "x".repeat(40));
});

test("a query: words and runs as terms, pairs as keys, long Han runs checked, redundant terms dropped", () => {
  const terms = parseQuery("傳播  北京大学 5G 传播", TABLE);
  assert.deepEqual(terms, [
    { text: "传播", han: true, keys: ["传播"], check: false },
    { text: "北京大学", han: true, keys: ["北京", "京大", "大学"], check: true },
    { text: "5g", han: false, keys: ["5g"], check: false },
  ]);
  assert.deepEqual(parseQuery("传 传播学", TABLE).map((t) => t.text), ["传播学"]);
  assert.deepEqual(parseQuery("中", TABLE)[0]!.keys, ["中"]);
  assert.deepEqual(parseQuery("  ，。 ", TABLE), []);
  const many = parseQuery("一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰", TABLE);
  assert.equal(queryKeys(many).length, MAX_KEYS);
});

test("shards by FNV-1a over UTF-16 units", () => {
  assert.equal(hashKey(""), 0x811c9dc5);
  assert.equal(hashKey("a"), 0xe40c292c);
  assert.equal(shardOf("a", 16), 0xe40c292c % 16);
  for (const k of ["传播", "5g", "𠀀"]) assert.ok(shardOf(k, 8) >= 0 && shardOf(k, 8) < 8);
});

test("the binary format: weights, a shard's keys and postings", () => {
  assert.deepEqual([weightOf(false, 0), weightOf(false, 1), weightOf(false, 3), weightOf(false, 4), weightOf(true, 0), weightOf(true, 9)], [0, 1, 2, 3, 4, 7]);
  const bytes = shard({ 传播: [[0, 5], [3, 1], [200, 3]], 数据: [[7, 4]] });
  const map = decodeShard(bytes);
  assert.deepEqual([...map.keys()], ["传播", "数据"]);
  assert.deepEqual(decodePostings(map.get("传播")!), { ids: [0, 3, 200], weights: [5, 1, 3] });
  assert.deepEqual(decodePostings(map.get("数据")!), { ids: [7], weights: [4] });
  assert.equal(decodeShard(shard({})).size, 0);
  // A shard read from the middle of a larger buffer (as fetch may hand it).
  const padded = new Uint8Array(bytes.length + 3);
  padded.set(bytes, 3);
  assert.deepEqual([...decodeShard(padded.subarray(3)).keys()], ["传播", "数据"]);
});

test("ranking: every key must match; rarer keys and titles weigh more; newer first among equals", () => {
  const list = (entries: [number, number][]) => decodePostings(new Uint8Array(postings(entries)));
  const common = list([[0, 1], [1, 1], [2, 1], [3, 1]]);
  const rare = list([[1, 1], [2, 5]]);
  assert.deepEqual(rank([common, rare], 10).map((h) => h.id), [2, 1]);
  assert.deepEqual(rank([common], 10).map((h) => h.id), [0, 1, 2, 3], "equal scores: lower id (newer) first");
  assert.deepEqual(rank([common, null], 10), []);
  assert.deepEqual(rank([], 10), []);
  assert.deepEqual(rank([list([[0, 1]]), list([[1, 1]])], 10), []);
  const [a, b] = rank([list([[0, 4], [1, 1]])], 10);
  assert.ok(a!.id === 0 && a!.score > b!.score, "a title match beats one in the body");
});

test("matching: merged ranges, words only whole, long runs verified in the text", () => {
  const terms = parseQuery("数据 pue", TABLE);
  assert.deepEqual(matchRanges("数据数据中心pue,pues", terms), [[0, 4], [6, 9]]);
  const doc = (t: string, b: string): SearchDocFile => ({ u: "/a/", t, d: "", i: "", s: "", b });
  const phrase = parseQuery("北京大學", TABLE);
  assert.ok(verify(doc("北京大学师生", ""), phrase, TABLE));
  assert.ok(!verify(doc("东京大阪", "北京的朋友，大学生"), phrase, TABLE));
  assert.ok(verify(doc("", ""), parseQuery("北京", TABLE), TABLE), "a pair needs no check");
});

test("snippets: around the best window, from the sentence's start, never cutting a pair of surrogates", () => {
  const body = "第一句讲别的事情。" + "无关的内容".repeat(30) + "。数据中心通过认证，传播效率提升。" + "后文".repeat(40);
  const s = snippet(body, parseQuery("数据 传播", TABLE), TABLE, 40);
  assert.ok(s.text.startsWith("数据中心"), s.text);
  assert.ok(s.before && s.after);
  assert.deepEqual(s.ranges.map(([a, b]) => s.text.slice(a, b)), ["数据", "传播"]);
  const none = snippet("短文。", parseQuery("数据", TABLE), TABLE);
  assert.deepEqual(none, { text: "短文。", ranges: [], before: false, after: false });
  const astral = snippet("𠀀".repeat(30), parseQuery("𠀀", TABLE), TABLE, 7);
  assert.ok(!/[\ud800-\udbff]$/.test(astral.text) && !/^[\udc00-\udfff]/.test(astral.text));
});

/** An index of three documents, in memory, and a fetch that counts and can fail. */
function memoryIndex() {
  const docs: SearchDocFile[] = [
    { u: "/zh-hans/a/", t: "数据中心通过认证", d: "2025年3月1日", i: "2025-03-01", s: "公司新闻", b: "两江数据中心二期通过认证。" },
    { u: "/zh-hans/b/", t: "北京来访", d: "2025年2月1日", i: "2025-02-01", s: "公司新闻", b: "北京的大学生参观数据中心。" },
    { u: "/zh-hans/c/", t: "北京大学师生", d: "2025年1月1日", i: "2025-01-01", s: "媒体聚焦", b: "北京大学师生一行。" },
  ];
  const shards = 2;
  const byShard: Record<string, [number, number][]>[] = [{}, {}];
  const add = (key: string, entries: [number, number][]) => (byShard[shardOf(key, shards)]![key] = entries);
  add("数据", [[0, 5], [1, 1]]);
  add("北京", [[1, 5], [2, 5]]);
  add("京大", [[1, 1], [2, 5]]);
  add("大学", [[1, 1], [2, 5]]);
  const manifest: Manifest = { format: FORMAT, base: "v1/", docs: 3, shards, fold: "傳传數数據据學学", variants: { "zh-hans": "d/zh-hans/" } };
  const files = new Map<string, Uint8Array>([["/search/manifest.json", new TextEncoder().encode(JSON.stringify(manifest))]]);
  byShard.forEach((keys, n) => files.set(`/search/v1/s/${n}.bin`, shard(keys)));
  docs.forEach((d, id) => files.set(`/search/v1/d/zh-hans/${id}.json`, new TextEncoder().encode(JSON.stringify(d))));
  const fetched: string[] = [];
  const failing = new Set<string>();
  const fetchBytes = async (url: string) => {
    fetched.push(url);
    if (failing.has(url)) throw new Error(`${url}: failed`);
    const bytes = files.get(url);
    if (!bytes) throw new Error(`${url}: not found`);
    return bytes;
  };
  return { files, fetched, failing, fetchBytes };
}

test("the Searcher: a query in either script, the shards of its keys only, results checked and marked", async () => {
  const index = memoryIndex();
  const searcher = new Searcher("/search/manifest.json", "zh-hans", index.fetchBytes);
  const result = await searcher.query("數據");
  assert.deepEqual(result.hits.map((h) => h.id), [0, 1]);
  assert.ok(result.exact);
  assert.deepEqual(index.fetched, ["/search/manifest.json", `/search/v1/s/${shardOf("数据", 2)}.bin`]);
  const { results, next } = await searcher.page(result, 0);
  assert.equal(next, 2);
  assert.deepEqual(results[0], {
    url: "/zh-hans/a/",
    title: "数据中心通过认证",
    titleRanges: [[0, 2]],
    date: "2025年3月1日",
    dateIso: "2025-03-01",
    section: "公司新闻",
    snippet: { text: "两江数据中心二期通过认证。", ranges: [[2, 4]], before: false, after: false },
  });

  // 北京大学: both documents have its pairs, only one has the phrase.
  const phrase = await searcher.query("北京大學");
  assert.deepEqual(phrase.hits.map((h) => h.id), [2, 1]);
  assert.ok(!phrase.exact);
  assert.deepEqual((await searcher.page(phrase, 0)).results.map((r) => r.url), ["/zh-hans/c/"]);
  // Pages of results: one at a time, from where the last stopped.
  const first = await searcher.page(result, 0, 1);
  assert.deepEqual([first.results.length, first.next], [1, 1]);
  assert.deepEqual((await searcher.page(result, first.next, 1)).results.map((r) => r.url), ["/zh-hans/b/"]);
  assert.equal(PAGE_SIZE, 10);

  assert.deepEqual((await searcher.query("无此词")).hits, []);
  assert.deepEqual((await searcher.query("   ")).hits, []);
});

test("the Searcher: a failed download is tried again; another format or a missing script is an error", async () => {
  const index = memoryIndex();
  const searcher = new Searcher("/search/manifest.json", "zh-hans", index.fetchBytes);
  const url = `/search/v1/s/${shardOf("北京", 2)}.bin`;
  index.failing.add(url);
  await assert.rejects(searcher.query("北京"), /failed/);
  index.failing.delete(url);
  assert.deepEqual((await searcher.query("北京")).hits.map((h) => h.id), [1, 2]);

  const wrongFormat = memoryIndex();
  const m = JSON.parse(new TextDecoder().decode(wrongFormat.files.get("/search/manifest.json")!)) as Manifest;
  wrongFormat.files.set("/search/manifest.json", new TextEncoder().encode(JSON.stringify({ ...m, format: FORMAT + 1 })));
  await assert.rejects(new Searcher("/search/manifest.json", "zh-hans", wrongFormat.fetchBytes).load(), /format/);
  await assert.rejects(new Searcher("/search/manifest.json", "zh-hant", memoryIndex().fetchBytes).load(), /no documents for zh-hant/);
});

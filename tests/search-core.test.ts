// The search query core (assets/js/search-keys, -format, -rank, -match, -query) in Node, imported
// directly: key rules, the binary index reader, ranking, matching and snippets, and the Searcher
// over an index held in memory. None of it touches a DOM.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { decodePostings, decodeShard, decodeVariants, FORMAT, type Manifest, type SearchDocFile } from "../assets/js/search-format.js";
import { weightOf } from "../scripts/search/index-builder.ts";
import { fold, foldTable, forEachRun, hashKey, MAX_KEYS, parseQuery, planKeys, shardKey, shardOf, unpackFold, VARIANT, wordKey } from "../assets/js/search-keys.js";
import { insideWords, matchRanges, snippet, verify } from "../assets/js/search-match.js";
import { PAGE_SIZE, Searcher } from "../assets/js/search-query.js";
import { rank, TIER } from "../assets/js/search-rank.js";
import { nearWords, rankNear, rankPartial } from "../assets/js/search-partial.js";
import { packFold } from "../scripts/search/fold.ts";
import { forEachKey } from "../scripts/search/index-builder.ts";

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

/** Postings as the format says: for each id, varint((id - previous - 1) * 16 + weight). */
function postings(entries: [id: number, weight: number][]): number[] {
  let prev = -1;
  return entries.flatMap(([id, w]) => {
    const bytes = varint((id - prev - 1) * 16 + w);
    prev = id;
    return bytes;
  });
}

/** A shard: u32 K, u32 L, keys joined by "\n", K varint lengths, the values (postings, or a variant list as text). */
function shard(keys: Record<string, [number, number][] | string>): Uint8Array {
  const names = Object.keys(keys).sort();
  const keyBytes = new TextEncoder().encode(names.join("\n"));
  const lists = names.map((k) => {
    const v = keys[k]!;
    return typeof v === "string" ? [...new TextEncoder().encode(v)] : postings(v);
  });
  const head = new Uint8Array(8);
  new DataView(head.buffer).setUint32(0, names.length, true);
  new DataView(head.buffer).setUint32(4, keyBytes.length, true);
  return new Uint8Array([...head, ...keyBytes, ...lists.flatMap((l) => varint(l.length)), ...lists.flat()]);
}

test("the query core has no DOM: its modules name neither document nor window", () => {
  for (const name of ["keys", "format", "rank", "match", "query", "partial"]) {
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

test("a query: one term a word, pairs as keys, long Han runs and words of several parts checked, redundant terms dropped", () => {
  const terms = parseQuery("傳播  北京大学 5G 传播", TABLE);
  assert.deepEqual(terms, [
    { text: "传播", typed: "傳播", han: true, keys: ["传播"], check: false, prefix: false },
    { text: "北京大学", typed: "北京大学", han: true, keys: ["北京", "京大", "大学"], check: true, prefix: false },
    { text: "5g", typed: "5G", han: false, keys: ["5g"], check: false, prefix: false },
  ]);
  assert.deepEqual(parseQuery("传 传播学", TABLE).map((t) => t.text), ["传播学"]);
  assert.deepEqual(parseQuery("中", TABLE)[0]!.keys, ["中"]);
  assert.deepEqual(parseQuery("  ，。 ", TABLE), []);
  // Numbers mixed with other characters are one term, checked as written (the bug: 1.2万 was "1", "2", "万" anywhere).
  assert.deepEqual(parseQuery("1.2万", TABLE).map((t) => [t.text, t.keys, t.check]), [["1.2万", ["1", "2万"], true]]);
  // A number and the Han character after it are one key: 3月 needs no check (13月 has the key 13月).
  assert.deepEqual(parseQuery("3月", TABLE).map((t) => [t.text, t.keys, t.check]), [["3月", ["3月"], false]]);
  assert.deepEqual(parseQuery("3月12日", TABLE).map((t) => [t.text, t.keys, t.check]), [["3月12日", ["3月", "12日"], true]]);
  assert.deepEqual(parseQuery("50%", TABLE).map((t) => [t.text, t.keys, t.check]), [["50%", ["50"], true]]);
  assert.deepEqual(parseQuery("「數據」", TABLE).map((t) => t.text), ["数据"], "quotes are not part of a word");
  // The last Latin word is being typed unless a space follows it.
  assert.deepEqual(parseQuery("ichong", TABLE).map((t) => t.prefix), [true]);
  assert.deepEqual(parseQuery("ichong ", TABLE).map((t) => t.prefix), [false]);
  assert.deepEqual(parseQuery("ic 数据", TABLE).map((t) => t.prefix), [false, false]);
});

test("more keys than a query looks up: no term is dropped, those not looked up whole are checked in the text", () => {
  const long = parseQuery("一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰 北京 PUE", TABLE);
  const { keys, terms } = planKeys(long);
  assert.equal(keys.length, MAX_KEYS);
  assert.equal(terms.length, 3);
  assert.ok(keys.includes("一二") && keys.includes("卯辰") && keys.includes("北京") && keys.includes("pue"), keys.join(" "));
  assert.deepEqual(terms.map((t) => t.check), [true, false, false]);
  const fits = planKeys(parseQuery("北京 传播", TABLE));
  assert.deepEqual(fits.keys, ["北京", "传播"]);
  assert.deepEqual(fits.terms.map((t) => t.looked), [["北京"], ["传播"]]);
});

test("shards by FNV-1a over UTF-16 units; marked keys with what they mark, Latin words by their first two letters", () => {
  assert.equal(hashKey(""), 0x811c9dc5);
  assert.equal(hashKey("a"), 0xe40c292c);
  assert.equal(shardOf("a", 16), 0xe40c292c % 16);
  for (const k of ["传播", "5g", "𠀀"]) assert.ok(shardOf(k, 8) >= 0 && shardOf(k, 8) < 8);
  assert.equal(shardKey(VARIANT + "软件工程"), "软件");
  assert.equal(shardKey("ichong"), "ic");
  assert.equal(shardOf("ich", 64), shardOf("ichong", 64));
  assert.equal(shardKey("2001"), "2001");
});

test("the manifest's fold pairs, packed and unpacked", () => {
  for (const pairs of ["傳传數数據据學学", "", "𠀀"]) assert.equal(unpackFold(packFold(pairs)), pairs.length % 2 ? pairs.slice(0, -1) : pairs);
  assert.ok(packFold("傳传數数據据學学").length < "傳传數数據据學学".length * 3);
  assert.match(packFold("傳传"), /^[\x21-\x7e]+$/);
});

test("the binary format: weights, a shard's keys and postings, variant lists", () => {
  assert.deepEqual(
    [weightOf(false, 0), weightOf(false, 1), weightOf(false, 3), weightOf(false, 4), weightOf(true, 0), weightOf(true, 9), weightOf(false, 0, true), weightOf(true, 2, true)],
    [0, 1, 2, 3, 4, 7, 8, 14],
  );
  const bytes = shard({ 传播: [[0, 5], [3, 1], [200, 3]], 数据: [[7, 12]] });
  const map = decodeShard(bytes);
  assert.deepEqual([...map.keys()], ["传播", "数据"]);
  assert.deepEqual(decodePostings(map.get("传播")!), { ids: [0, 3, 200], weights: [5, 1, 3] });
  assert.deepEqual(decodePostings(map.get("数据")!), { ids: [7], weights: [12] });
  assert.equal(decodeShard(shard({})).size, 0);
  // A shard read from the middle of a larger buffer (as fetch may hand it).
  const padded = new Uint8Array(bytes.length + 3);
  padded.set(bytes, 3);
  assert.deepEqual([...decodeShard(padded.subarray(3)).keys()], ["传播", "数据"]);
  assert.deepEqual(decodeVariants(new TextEncoder().encode("软体\t軟體\n网路")), [{ text: "软体", shown: "軟體" }, { text: "网路", shown: "网路" }]);
});

test("ranking: every term must match in one of its forms; rarer keys, titles and sources weigh more; inside-only pairs below; newer first among equals", () => {
  const list = (entries: [number, number][]) => decodePostings(new Uint8Array(postings(entries)));
  const lists = (o: Record<string, [number, number][]>) => new Map(Object.entries(o).map(([k, v]) => [k, list(v)]));
  const one = (...keys: string[]) => ({ forms: [{ keys }] });
  const l = lists({ 常见: [[0, 1], [1, 1], [2, 1], [3, 1]], 少见: [[1, 1], [2, 5]] });
  assert.deepEqual(rank([one("常见"), one("少见")], l, 10).map((h) => h.id), [2, 1]);
  assert.deepEqual(rank([one("常见")], l, 10).map((h) => h.id), [0, 1, 2, 3], "equal scores: lower id (newer) first");
  assert.deepEqual(rank([one("常见"), one("没有")], l, 10), []);
  assert.deepEqual(rank([], l, 10), []);
  const [a, b] = rank([one("题目")], lists({ 题目: [[0, 4], [1, 1]] }), 10);
  assert.ok(a!.id === 0 && a!.score > b!.score, "a title match beats one in the body");
  const [m] = rank([one("来源")], lists({ 来源: [[0, 1], [1, 8]] }), 10);
  assert.equal(m!.id, 1, "a source match beats one in the body");
  // 和服: article 0 only has it inside 和服务 (weight 0); article 1 has the word.
  const kimono = rank([one("和服")], lists({ 和服: [[0, 0], [1, 1]] }), 10);
  assert.deepEqual(kimono.map((h) => [h.id, h.tier]), [[1, TIER.match], [0, TIER.inside]]);
  // A second form (a regional variant) finds what the word does not; the hit says which form.
  const sw = rank([{ forms: [{ keys: ["软件"] }, { keys: ["软体"] }] }], lists({ 软件: [[2, 1]], 软体: [[0, 1]] }), 10);
  assert.deepEqual(sw.map((h) => [h.id, h.forms[0]]), [[2, 0], [0, 1]]);
  // Filters and the order by date.
  assert.deepEqual(rank([one("常见")], l, 10, { filter: (id) => id % 2 === 1 }).map((h) => h.id), [1, 3]);
  assert.deepEqual(rank([one("常见"), one("少见")], l, 10, { byDate: true }).map((h) => h.id), [1, 2]);
  // Partial: the articles holding most of the query, one pair or word at least.
  const p = rankPartial([{ key: "伊拉", weight: 2 }, { key: "拉科", weight: 2 }, { key: "科", weight: 1 }], lists({ 伊拉: [[4, 1]], 科: [[5, 1]] }), 10);
  assert.deepEqual(p.map((h) => [h.id, h.tier]), [[4, TIER.partial]]);
});

test("typos: the words that differ in one character, most frequent first; articles holding all but one character", () => {
  assert.deepEqual(nearWords("伊拉克局势，伊拉克人，伊朗，拉科", "伊拉科"), [["伊拉克", 2]]);
  assert.deepEqual(nearWords("朱镕基总理，朱镕基说；朱容基", "朱容基"), [["朱镕基", 2]], "the word itself is not near");
  assert.deepEqual(nearWords("伊拉k局势", "伊拉科"), [], "only Han characters");
  assert.deepEqual(nearWords("台湾", "台湾"), [], "two characters: no typo to guess");
  const list = (entries: [number, number][]) => decodePostings(new Uint8Array(postings(entries)));
  const lists = (o: Record<string, [number, number][]>) => new Map(Object.entries(o).map(([k, v]) => [k, list(v)]));
  // 朱 and 基 in 4 (rare 朱), all three apart in 5, only 基 in 6.
  const near = rankNear([["朱", "容", "基"]], lists({ 朱: [[4, 3], [5, 1]], 容: [[5, 1]], 基: [[4, 3], [5, 1], [6, 1]] }), 10);
  assert.deepEqual(near.map((h) => h.id).sort(), [4, 5]);
  assert.ok(near.every((h) => h.tier === TIER.partial));
});

test("matching: merged ranges, words only whole, long runs and numbers verified in the text, pairs inside other words not marked", () => {
  const terms = parseQuery("数据 pue ", TABLE);
  assert.deepEqual(matchRanges("数据数据中心pue,pues", terms), [[0, 4], [6, 9]]);
  const doc = (t: string, b: string, more: Partial<SearchDocFile> = {}): SearchDocFile => ({ u: "/a/", t, d: "", i: "", s: "", b, ...more });
  const phrase = parseQuery("北京大學", TABLE);
  assert.ok(verify(doc("北京大学师生", ""), phrase, TABLE));
  assert.ok(!verify(doc("东京大阪", "北京的朋友，大学生"), phrase, TABLE));
  assert.ok(verify(doc("", ""), parseQuery("北京", TABLE), TABLE), "a pair needs no check");
  // Numbers as written: 1.2万 is not 11.2万 nor 1 … 2 … 万; 3月 is not 13月.
  const n = parseQuery("1.2万", TABLE);
  assert.ok(verify(doc("", "增加了1.2万人"), n, TABLE));
  assert.ok(!verify(doc("", "增加了11.2万人"), n, TABLE));
  assert.ok(!verify(doc("", "1月到2月，共3万人"), n, TABLE));
  const keys: string[] = [];
  forEachKey("2001年3月，13月", (k) => keys.push(k));
  assert.ok(keys.includes("3月") && keys.includes("13月") && keys.includes("2001年"));
  assert.equal(keys.filter((k) => k === "3月").length, 1, "13月 is not 3月");
  // The source, editor and tags are searched too.
  assert.ok(verify(doc("", "", { o: "重庆日报" }), parseQuery("重庆日报", TABLE), TABLE));
  assert.ok(verify(doc("", "", { g: ["西部大开发"] }), parseQuery("西部大开发", TABLE), TABLE));
  // 和服 inside 和服务 and 华人 inside 中华人民 are not marked; the words are.
  assert.ok(insideWords("我们提供和服务", 4, 6));
  assert.ok(!insideWords("穿着和服的女孩", 2, 4));
  assert.deepEqual(matchRanges("我们提供和服务", parseQuery("和服", TABLE)), []);
  assert.deepEqual(matchRanges("中华人民共和国", parseQuery("华人", TABLE)), []);
  assert.deepEqual(matchRanges("海外华人很多", parseQuery("华人", TABLE)), [[2, 4]]);
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
  const byShard: Record<string, [number, number][] | string>[] = [{}, {}];
  const add = (key: string, entries: [number, number][] | string) => (byShard[shardOf(key, shards)]![key] = entries);
  add("数据", [[0, 5], [1, 1]]);
  add("北京", [[1, 5], [2, 5]]);
  add("京大", [[1, 1], [2, 5]]);
  add("大学", [[1, 1], [2, 5]]);
  const manifest: Manifest = { format: FORMAT, base: "v1/", docs: 3, shards, fold: packFold("傳传數数據据學学"), variants: { "zh-hans": "d/zh-hans/" }, years: { "2025": [[0, 2]] } };
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
    source: "",
    sourceRanges: [],
    snippet: { text: "两江数据中心二期通过认证。", ranges: [[2, 4]], before: false, after: false },
    tier: "match",
    via: [],
  });
  assert.deepEqual(searcher.total(result), { n: 2, inside: 0, exact: true });

  // 北京大学: both documents have its pairs, only one has the phrase; the other comes after it, its words apart.
  const phrase = await searcher.query("北京大學");
  assert.deepEqual(phrase.hits.map((h) => h.id), [2, 1]);
  assert.ok(!phrase.exact);
  assert.deepEqual(searcher.total(phrase), { n: 2, inside: 0, exact: false, atLeast: 0, atMost: 2 }, "an estimate before any is checked");
  const shown = await searcher.page(phrase, 0);
  assert.deepEqual(shown.results.map((r) => [r.url, r.tier]), [["/zh-hans/c/", "match"], ["/zh-hans/b/", "apart"]]);
  assert.ok(shown.done);
  assert.deepEqual(searcher.total(phrase), { n: 1, inside: 0, exact: true }, "exact once every candidate was checked");
  // Filters: a year the articles are not of finds nothing; the year they are of, all.
  assert.deepEqual((await searcher.query("數據", { year: "2024" })).hits, []);
  assert.deepEqual((await searcher.query("數據", { year: "2025", sort: "date" })).hits.map((h) => h.id), [0, 1]);
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

// A synthetic corpus for the search benchmark: news-length articles (800–1500 characters) in
// Simplified and Traditional script, words drawn with a Zipf law from OpenCC's phrase list (so
// the vocabulary is wide, like years of real news), with function words, numbers, Latin words.
// The Traditional text is the Simplified text converted word by word with the site's OpenCC
// engine; half the articles count as written in each script (it changes nothing for the index).
import { STPhrases } from "./search-vocabulary.ts";
import { openccEngine } from "../convert/opencc-engine.ts";
import type { SearchDocument } from "../search/documents.ts";

/** Deterministic pseudo-random numbers, so every run builds the same corpus. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const FUNCTION_WORDS = ["的", "了", "在", "是", "和", "与", "对", "将", "也", "并", "为", "等", "中", "从", "到", "把", "被", "向", "于", "其"];
/** Words the benchmark queries look for, planted at known rates. */
export const PLANTED: { word: string; rate: number }[] = [
  { word: "传播", rate: 0.05 },
  { word: "数字经济", rate: 0.02 },
  { word: "人工智能", rate: 0.03 },
  { word: "发展", rate: 0.3 },
  { word: "重庆", rate: 0.1 },
  { word: "算力调度", rate: 0.004 },
];
const LATIN = ["5G", "AI", "PUE", "IDC", "GDP", "App", "ESG", "CEO"];

export interface Corpus {
  /** Simplified and Traditional form of each vocabulary word, most frequent first. */
  words: [string, string][];
  documents(): Generator<SearchDocument>;
}

export function makeCorpus(articles: number, seed = 42): Corpus {
  const toHant = openccEngine("cn", "tw");
  const rand = rng(seed);
  const vocabulary = STPhrases.split("|")
    .map((e) => e.split(" ")[0] ?? "")
    .filter((w) => w.length >= 2 && w.length <= 4);
  // Shuffle deterministically: Zipf rank is then unrelated to the dictionary's order.
  for (let i = vocabulary.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [vocabulary[i], vocabulary[j]] = [vocabulary[j], vocabulary[i]];
  }
  const words: [string, string][] = vocabulary.map((w) => [w, toHant.convert(w)]);
  const fn: [string, string][] = FUNCTION_WORDS.map((w) => [w, toHant.convert(w)]);
  const planted: [string, string, number][] = PLANTED.map((p) => [p.word, toHant.convert(p.word), p.rate]);
  // Zipf sampling by inverse CDF over ranks.
  const cdf = new Float64Array(words.length);
  let sum = 0;
  for (let r = 0; r < words.length; r++) cdf[r] = sum += 1 / (r + 8);
  const pick = (): [string, string] => {
    const x = rand() * sum;
    let lo = 0;
    let hi = words.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo];
  };

  function text(chars: number, plant: [string, string][]): [string, string] {
    // Arrays joined once: flat strings, like the model's (not ropes of many small pieces).
    const s: string[] = [];
    const t: string[] = [];
    let length = 0;
    let sentence = 0;
    const add = (w: [string, string]) => {
      s.push(w[0]);
      t.push(w[1]);
      length += w[0].length;
    };
    while (length < chars) {
      const r = rand();
      if (plant.length > 0 && rand() < 0.02) add(plant[Math.floor(rand() * plant.length)]);
      else if (r < 0.25) add(fn[Math.floor(rand() * fn.length)]);
      else if (r < 0.27) {
        const year = `${2000 + Math.floor(rand() * 26)}年`;
        add([year, year]);
      } else if (r < 0.29) {
        const n = `${Math.floor(rand() * 1000)}${rand() < 0.5 ? "万" : "%"}`;
        add([n, toHant.convert(n)]);
      } else if (r < 0.3) {
        const l = LATIN[Math.floor(rand() * LATIN.length)];
        add([l, l]);
      } else add(pick());
      if (++sentence > 6 + rand() * 14) {
        const p = rand() < 0.4 ? "。" : "，";
        add([p, p]);
        sentence = 0;
        if (p === "。" && rand() < 0.25) add(["\n", "\n"]);
      }
    }
    add(["。", "。"]);
    return [s.join(""), t.join("")];
  }

  return {
    words,
    *documents() {
      const day = 86_400_000;
      const start = Date.UTC(2025, 11, 31);
      for (let i = 0; i < articles; i++) {
        const plant = planted.filter((p) => rand() < p[2]).map((p): [string, string] => [p[0], p[1]]);
        const [ts, tt] = text(10 + Math.floor(rand() * 16), plant.length > 0 && rand() < 0.3 ? plant : []);
        const [bs, bt] = text(800 + Math.floor(rand() * 700), plant);
        const date = new Date(start - Math.floor(i / 4) * day);
        const iso = date.toISOString().slice(0, 10);
        const shown = `${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日`;
        const section = i % 3 === 0 ? "media-focus" : "company";
        const slug = `news/${section}/${iso.slice(0, 4)}/${iso.slice(5, 7)}/a${i}/`;
        yield {
          variants: new Map([
            ["zh-hans", { u: `/zh-hans/${slug}`, t: ts, d: shown, i: iso, s: section === "company" ? "公司新闻" : "媒体聚焦", b: bs }],
            ["zh-hant", { u: `/zh-hant/${slug}`, t: tt, d: shown, i: iso, s: section === "company" ? "公司新聞" : "媒體聚焦", b: bt }],
          ]),
        };
      }
    },
  };
}

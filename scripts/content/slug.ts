// URL slugs from Chinese titles: Hanyu Pinyin of the Simplified form, a hyphen between
// words, lower-case ASCII: 重庆构建算力网络 → chongqing-goujian-suanli-wangluo
import { createRequire } from "node:module";
import type * as PinyinPro from "pinyin-pro";

// Loaded on first use: its dictionary takes ~0.3 s to load, and every thread of a build
// imports this module (topic slugs, content/topics.ts) though few ever make a slug.
let pinyinPro: typeof PinyinPro | null = null;

/** A word's syllables, without tones; letters and digits kept as they are. */
function syllables(word: string): string[] {
  pinyinPro ??= createRequire(import.meta.url)("pinyin-pro") as typeof PinyinPro;
  return pinyinPro.pinyin(word, { toneType: "none", type: "array", nonZh: "consecutive", v: true });
}

const segmenter = new Intl.Segmenter("zh-Hans", { granularity: "word" });

/** Words of a title; runs of one-character words (ICU knows few newer terms) are kept together. */
function words(title: string): string[] {
  const out: string[] = [];
  let singles = "";
  for (const { segment, isWordLike } of segmenter.segment(title)) {
    if (isWordLike && Array.from(segment).length === 1 && /\p{Script=Han}/u.test(segment)) {
      singles += segment;
      continue;
    }
    if (singles) out.push(singles), (singles = "");
    if (isWordLike) out.push(segment);
  }
  if (singles) out.push(singles);
  return out;
}

export function slugFromTitle(simplifiedTitle: string, maxWords = 6): string {
  return words(simplifiedTitle)
    .map((w) => syllables(w).join("").toLowerCase().replace(/[^a-z0-9]+/g, ""))
    .filter(Boolean)
    .slice(0, maxWords)
    .join("-");
}

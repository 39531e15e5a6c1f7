// URL slugs from Chinese titles: Hanyu Pinyin of the Simplified form, a hyphen between
// words, lower-case ASCII: 重庆构建算力网络 → chongqing-goujian-suanli-wangluo
import { pinyin } from "pinyin-pro";

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
    .map((w) => pinyin(w, { toneType: "none", type: "array", nonZh: "consecutive", v: true }).join("").toLowerCase().replace(/[^a-z0-9]+/g, ""))
    .filter(Boolean)
    .slice(0, maxWords)
    .join("-");
}

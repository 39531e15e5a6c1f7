// Regional variants of words (软件 / 軟體, 网络 / 網路, 布什 / 布希): folding makes one script of
// two, but not one region's word of another's. The pairs come from OpenCC's phrase tables
// (Taiwan and Hong Kong, both ways) and a few names those tables lack; the index lists, for each
// word, the variants its articles use (search-keys.js VARIANT keys), and a query adds them as
// extra terms, marked as such.
import { from, to } from "opencc-js/preset";
import type { DictLike } from "opencc-js/core";
import { VARIANT } from "../../assets/js/search-keys.js";
import { foldText } from "./fold.ts";

/** Names and a few words told apart by region that OpenCC's tables lack (Traditional script; the first is the mainland's). */
const NAMES: string[][] = [
  ["布什", "布希", "布殊"],
  ["克林頓", "柯林頓"],
  ["薩達姆", "海珊", "薩達姆"],
  ["普京", "普丁"],
  ["悉尼", "雪梨"],
  ["卡扎菲", "格達費"],
  ["本拉登", "賓拉登", "拉登"],
  ["希拉里", "希拉蕊"],
  ["撒切爾", "柴契爾", "戴卓爾"],
  ["里根", "雷根", "列根"],
  ["戈爾巴喬夫", "戈巴契夫"],
  ["內塔尼亞胡", "納坦雅胡"],
  ["希拉克", "席哈克"],
  ["葉利欽", "葉爾辛"],
  ["施羅德", "施若德"],
  ["肯尼迪", "甘迺迪"],
  ["基辛格", "季辛吉"],
  ["貝克漢姆", "貝克漢", "碧咸"],
  ["沙特", "沙烏地"],
  ["塔利班", "神學士"],
  ["切尼", "錢尼"],
  ["拉姆斯菲爾德", "倫斯斐"],
  ["梅德韋傑夫", "梅德維傑夫"],
  // Hong Kong 數碼, Taiwan 數位 (the mainland's 数字 also means "number": not linked).
  ["數碼", "數位"],
  ["計算機", "電腦"],
];

function entries(dict: DictLike): [string, string][] {
  const pairs: [string, string][] = [];
  const add = (a: string, b: string) => {
    for (const c of b.split(" ")) if (c) pairs.push([a, c]);
  };
  if (typeof dict === "string") {
    for (const e of dict.split("|")) {
      const at = e.indexOf(" ");
      if (at > 0) add(e.slice(0, at), e.slice(at + 1));
    }
  } else for (const [a, b] of dict) add(a, b);
  return pairs;
}

const HAN = /^[\p{Script=Han}]{2,8}$/u;

let cached: Map<string, { text: string; shown: string }[]> | null = null;

/** Folded word → its variants: folded, and as shown in Traditional script. */
export function variantTable(): Map<string, { text: string; shown: string }[]> {
  if (cached) return cached;
  const table = new Map<string, { text: string; shown: string }[]>();
  const link = (a: string, b: string) => {
    const fa = foldText(a);
    const fb = foldText(b);
    if (fa === fb || !HAN.test(a) || !HAN.test(b)) return;
    let list = table.get(fa);
    if (!list) table.set(fa, (list = []));
    if (!list.some((v) => v.text === fb)) list.push({ text: fb, shown: b });
  };
  const phraseTables = [to.twp?.[0]?.[0], from.twp?.[0]?.[0], to.hkp?.[0]?.[0], from.hkp?.[0]?.[0]];
  for (const dict of phraseTables) {
    if (!dict) continue;
    for (const [a, b] of entries(dict)) {
      link(a, b);
      link(b, a);
    }
  }
  for (const group of NAMES) for (const a of group) for (const b of group) if (a !== b) link(a, b);
  cached = table;
  return table;
}

/** The VARIANT entries for an index: for each word, the variants that its articles hold (`has`). */
export function variantEntries(has: (folded: string) => boolean): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const [word, variants] of variantTable()) {
    const present = variants.filter((v) => has(v.text));
    if (present.length > 0) out.set(VARIANT + word, Buffer.from(present.map((v) => `${v.text}\t${v.shown}`).join("\n"), "utf8"));
  }
  return out;
}

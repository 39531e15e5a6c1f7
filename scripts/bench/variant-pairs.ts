// Which differing pairs of the round trip are variant forms (both correct for the word, the
// paper prints the other) rather than wrong characters. Variant forms: the pairs of OpenCC's
// variant dictionaries (OpenCC's standard forms against Taiwan's and Hong Kong's), the forms
// the usage profiles choose between, and the pairs below, which the Taiwan Ministry of
// Education's dictionaries (重編國語辭典, 異體字字典) and Hong Kong's 常用字字形表 list as
// variants of one character. Anything else between two Han characters is a wrong character.
// Simplified has one form for each of these: there only the cn profile's choices are variants
// (着 and 著 are two words in Simplified, not two forms of one).
import { from as fromDicts, to as toDicts } from "opencc-js/preset";
import type { DictLike } from "opencc-js/core";
import { USAGE_PROFILES } from "../convert/conversion-settings.ts";
import { usageProfile } from "../convert/usage-profile.ts";

const LISTED = [
  "台臺", "台檯", "檯臺", "布佈", "了瞭", "凶兇", "占佔", "周週", "畫劃", "升昇", "沉沈", "濕溼",
  "秘祕", "艷豔", "娘孃", "背揹", "欲慾", "厘釐", "煙菸", "家傢", "具俱", "回迴", "雇僱", "溪谿",
  "巨鉅", "匯彙", "毀燬", "盡儘", "帘簾", "跡蹟", "挨捱", "饑飢", "折摺", "鑒鑑", "裊嫋",
  "伙夥", "癡痴", "念唸", "嘗嚐", "酸痠", "拼拚", "彩綵", "證証", "荐薦", "蕩盪", "杯盃",
  "恆恒", "鏟剷", "錘鎚", "舖鋪", "污汙", "麵麪", "裡裏", "群羣", "著着", "嘆歎",
  "略畧", "線綫", "氾泛", "粧妝", "岳嶽", "床牀", "峰峯",
];

function dictPairs(dict: DictLike, into: Set<string>): void {
  const entries = typeof dict === "string" ? dict.split("|").map((e) => e.split(" ") as [string, string]) : dict;
  for (const [a, b] of entries) {
    // Character entries only; a phrase entry may list several forms.
    if (Array.from(a).length === 1 && Array.from(b).length === 1 && a !== b) into.add(a + b);
  }
}

/** Both orders of every variant pair of a script, as got + want. */
export function variantPairs(script: "traditional" | "simplified"): Set<string> {
  const pairs = new Set<string>();
  if (script === "traditional") {
    for (const group of [...toDicts.tw, ...toDicts.hk, ...fromDicts.tw, ...fromDicts.hk]) for (const d of group) dictPairs(d, pairs);
    for (const p of LISTED) pairs.add(p);
  }
  for (const id of script === "traditional" ? USAGE_PROFILES.filter((p) => p !== "cn-news") : (["cn-news"] as const)) {
    for (const f of usageProfile(id)?.forms ?? []) {
      const a = Array.from(f.from);
      const b = Array.from(f.to);
      a.forEach((ch, i) => ch !== b[i] && pairs.add(ch + b[i]));
    }
  }
  for (const p of [...pairs]) pairs.add(Array.from(p).reverse().join(""));
  return pairs;
}

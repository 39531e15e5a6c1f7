// The web editor's own words (field labels, hints, the preview's headings), written in
// Traditional script like DEFAULT_UI and shown in the script the editor chose through the
// site's converter, as every other text of the site.
import { scriptConverter, type ScriptConverter } from "../convert/script-converter.ts";
import type { SiteConfig, Variant } from "../site/site-config.ts";

export const ADMIN_TEXT = {
  title: "標題",
  titleHint: "新聞標題，最多 {max} 字；其餘寫進摘要。",
  date: "日期",
  dateHint: "發布時間，按{zone}時間（網站所在時區）填寫，與電腦的時區無關。",
  source: "來源",
  sourceHint: "首發媒體，如 重慶日報；最多 {max} 字。",
  sourceOptionalHint: "轉載時填首發媒體；最多 {max} 字。",
  editor: "編輯",
  editorHint: "責任編輯，最多 {max} 字。",
  views: "閱讀量",
  viewsHint: "整數，0 或以上。",
  lang: "書寫字體",
  langHint: "您寫稿用的字體；另一種由網站自動轉換。",
  slug: "網址名",
  slugHint: "文章網址的最後一段：小寫英文字母、數字和連字號，如 smart-port-opens。建立後不能更改。",
  summary: "摘要",
  summaryHint: "選填，最多 {max} 字；不填則取正文第一段。",
  tags: "標籤",
  tagsHint: "選填，以逗號或頓號分隔（，、,）；每個標籤連到它的話題頁。",
  aliases: "舊網址",
  aliasesHint: "選填：文章以前的網址（以 / 開頭的站內路徑，如 /news/2019/old-name/），多個以逗號分隔；讀者打開舊網址會轉到這篇文章。",
  cover: "封面照片",
  coverHint: "選填，用於列表和分享；不填則用正文第一張照片。照片存在文章旁邊。",
  updated: "更新時間",
  updatedHint: "選填，不早於日期；按{zone}時間。",
  draft: "草稿",
  draftHint: "草稿不會發布，但一樣檢查。",
  body: "正文",
  bodyHint: "插入照片時，「替代文字」寫照片中的畫面，「標題」寫圖片說明（兩者不要相同）。",
  article: "文章",
  previewLoading: "正在按網站規則生成預覽……",
  previewFailed: "預覽服務沒有回應：{error}",
  problems: "檢查結果",
  noProblems: "沒有問題，可以發布。",
  error: "錯誤",
  warning: "提醒",
  textRequired: "必須填寫，不能只有空格",
  textTooLong: "最多 {max} 字",
  slugPattern: "只能用小寫英文字母、數字和單個連字號",
  slugRequired: "新文章必須填寫網址名：它是文章資料夾和網址的名字",
  datePattern: "日期格式：2024-10-16 09:57",
  unsavedPhoto: "照片尚未保存，發布後才會檢查",
} as const;

export type AdminTextKey = keyof typeof ADMIN_TEXT;

/** Admin text in `lang`'s script; `fill` replaces {name} placeholders after conversion. */
export function adminText(site: SiteConfig, lang: string): (key: AdminTextKey, fill?: Record<string, string | number>) => string {
  const to = variantOf(site, lang);
  const from = site.variants.find((v) => v.opencc !== "cn") ?? to;
  const convert = scriptConverter(from, to, site.glossary);
  return (key, fill = {}) => convert.convert(ADMIN_TEXT[key]).replace(/\{(\w+)\}/g, (m, name: string) => (name in fill ? String(fill[name]) : m));
}

/** A converter from the script site data is written in (dataLang) to `lang`: section names and descriptions. */
export function siteDataConverter(site: SiteConfig, lang: string): ScriptConverter {
  return scriptConverter(variantOf(site, site.dataLang), variantOf(site, lang), site.glossary);
}

export function variantOf(site: SiteConfig, lang: string): Variant {
  const v = site.variants.find((x) => x.lang === lang);
  if (!v) throw new Error(`${lang} is not a script of this site: use one of ${site.variants.map((x) => x.lang).join(", ")}.`);
  return v;
}

// A news corpus for benchmarks: realistic article lengths, both scripts, a third with a
// photo; synthetic phrases, or paragraphs of real news (corpus-paragraphs.ts).
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { scriptConverter } from "../convert/script-converter.ts";
import { headlineOf, type RealParagraphs, type Script } from "./corpus-paragraphs.ts";

const PHRASES = [
  "嘉陵数智集团", "重庆两江新区", "算力调度平台", "数据中心", "工业互联网", "智能制造", "数字经济", "发布会现场",
  "头发", "面条", "后来", "干部", "干燥", "发展", "里程碑", "城市治理", "政务云", "绿色低碳", "人工智能", "大模型",
  "企业负责人表示", "据介绍", "记者了解到", "与此同时", "值得注意的是", "截至目前", "累计服务", "同比增长",
  "中小企业", "产业链", "供应链", "成渝地区双城经济圈", "西部陆海新通道", "科技创新", "人才培养", "示范项目",
];
const NUMBERS = ["1800万", "4.38亿次", "12座", "3.2万", "54%", "71%", "8个月", "36小时", "30座", "1.2万吨"];

/** Deterministic pseudo-random numbers, so every run builds the same corpus. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function paragraph(rand: () => number, chars: number): string {
  let out = "";
  while (out.length < chars) {
    out += PHRASES[Math.floor(rand() * PHRASES.length)];
    if (rand() < 0.15) out += NUMBERS[Math.floor(rand() * NUMBERS.length)];
    out += rand() < 0.2 ? "。" : "，";
  }
  return out.replace(/，$/, "") + "。";
}

export interface CorpusOptions {
  articles: number;
  /** Folder holding the project's content/_data (site data is copied from it). */
  projectRoot: string;
  seed?: number;
  /** Paragraphs of real news (corpus-paragraphs.ts) instead of the synthetic phrases. */
  real?: RealParagraphs;
}

/** One article the corpus wrote: enough to find its page and name it in a views export. */
export interface CorpusArticle {
  file: string;
  section: string;
  /** yyyy-mm-dd hh:mm, in the site's time zone. */
  date: string;
  slug: string;
  lang: Script;
  title: string;
}

const SECTIONS = ["media-focus", "company"];
// 3.7 hours apart from 2000: 40,000 articles end in 2016, so none is dated after a build's
// now and held back as scheduled (from 2020, those past about 16,400 were).
const START = Date.UTC(2000, 0, 1);

/** Writes the site data and shared photos of a bench site under `root`. */
function writeSiteFiles(root: string, projectRoot: string): void {
  const data = join(projectRoot, "content/_data");
  mkdirSync(join(root, "content/_data"), { recursive: true });
  for (const f of readdirSync(data)) copyFileSync(join(data, f), join(root, "content/_data", f));
  // A few photos under assets/, referenced by many articles.
  const photoDir = join(projectRoot, "content/news/media-focus/2024/computing-dispatch-platform");
  mkdirSync(join(root, "assets/bench"), { recursive: true });
  for (const f of readdirSync(photoDir).filter((f) => f.endsWith(".jpg"))) copyFileSync(join(photoDir, f), join(root, "assets/bench", f));
}

/** Article `i` of the corpus: the same on every run and whatever the article count (each
 * article draws from its own seed), so `i = articles` is a new article dated after the rest. */
export function corpusArticle(i: number, options: Omit<CorpusOptions, "articles">): { article: CorpusArticle; text: string } {
  const rand = rng((options.seed ?? 42) + i * 7919);
  const lang: Script = i % 2 === 1 ? "zh-Hant" : "zh-Hans";
  const section = SECTIONS[i % 5 === 0 ? 1 : 0]!;
  const when = new Date(START + i * 3.7 * 3600_000);
  const date = `${when.toISOString().slice(0, 10)} ${when.toISOString().slice(11, 16)}`;
  const length = 800 + Math.floor(rand() * 700);
  const paras: string[] = [];
  let total = 0;
  let title: string;
  let source: string;
  if (options.real) {
    // A run of consecutive paragraphs from a random place: coherent text, and at 10,000
    // articles each paragraph is in a few articles, not in all of them.
    const pool = options.real.paragraphs[lang];
    let at = Math.floor(rand() * pool.length);
    while (total < length) {
      const p = pool[at++ % pool.length]!;
      paras.push(p);
      total += p.length;
    }
    title = headlineOf(paras[0]!);
    source = lang === "zh-Hant" ? "明報" : "人民日报";
  } else {
    while (total < length) {
      const p = paragraph(rand, 80 + Math.floor(rand() * 160));
      paras.push(p);
      total += p.length;
    }
    title = paragraph(rand, 14).slice(0, 22).replace(/[，。]/g, "");
    source = "重庆日报";
    if (lang === "zh-Hant") {
      title = toHant().convert(title);
      for (let k = 0; k < paras.length; k++) paras[k] = toHant().convert(paras[k]!);
      source = "重慶日報";
    }
  }
  const photo = lang === "zh-Hant" ? `![一排排機櫃閃著藍色指示燈的數據機房](/assets/bench/photo-1.jpg "發布會現場。主辦方供圖")` : `![一排排机柜闪着蓝色指示灯的数据机房](/assets/bench/photo-1.jpg "发布会现场。主办方供图")`;
  if (i % 3 === 0) paras.splice(2, 0, photo);
  const slug = `article-${i}`;
  const file = join("content/news", section, date.slice(0, 4), `${slug}.md`);
  const text = `---\ntitle: ${JSON.stringify(title)}\ndate: ${date}\nsource: ${source}\neditor: ${lang === "zh-Hant" ? "譚鑫" : "谭鑫"}\nviews: ${Math.floor(rand() * 10000)}\nlang: ${lang}\n---\n\n${paras.join("\n\n")}\n`;
  return { article: { file, section, date, slug, lang, title }, text };
}

let converter: ReturnType<typeof scriptConverter> | null = null;
function toHant(): ReturnType<typeof scriptConverter> {
  return (converter ??= scriptConverter({ lang: "zh-Hans", opencc: "cn" }, { lang: "zh-Hant", opencc: "tw" }, []));
}

/** Writes article `i` under `root` (a new one, or one written again). */
export function writeArticle(root: string, i: number, options: Omit<CorpusOptions, "articles">): CorpusArticle {
  const { article, text } = corpusArticle(i, options);
  mkdirSync(dirname(join(root, article.file)), { recursive: true });
  writeFileSync(join(root, article.file), text);
  return article;
}

/** Writes a site with `articles` articles under `root`; half Simplified, half Traditional. */
export function writeCorpus(root: string, options: CorpusOptions): CorpusArticle[] {
  writeSiteFiles(root, options.projectRoot);
  const out: CorpusArticle[] = [];
  for (let i = 0; i < options.articles; i++) out.push(writeArticle(root, i, options));
  return out;
}

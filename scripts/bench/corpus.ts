// A synthetic news corpus for benchmarks: realistic article lengths, both scripts, photos.
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { scriptConverter } from "../convert/script-converter.ts";

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
}

/** Writes a site with `articles` articles under `root`; half Simplified, half Traditional. */
export function writeCorpus(root: string, options: CorpusOptions): void {
  const rand = rng(options.seed ?? 42);
  const toHant = scriptConverter({ lang: "zh-Hans", opencc: "cn" }, { lang: "zh-Hant", opencc: "tw" }, []);
  const data = join(options.projectRoot, "content/_data");
  mkdirSync(join(root, "content/_data"), { recursive: true });
  for (const f of readdirSync(data)) copyFileSync(join(data, f), join(root, "content/_data", f));
  // A few photos under assets/, referenced by many articles.
  const photoDir = join(options.projectRoot, "content/news/media-focus/2024/computing-dispatch-platform");
  mkdirSync(join(root, "assets/bench"), { recursive: true });
  for (const f of readdirSync(photoDir).filter((f) => f.endsWith(".jpg"))) copyFileSync(join(photoDir, f), join(root, "assets/bench", f));
  const sections = ["media-focus", "company"];
  const start = Date.UTC(2020, 0, 1);
  for (let i = 0; i < options.articles; i++) {
    const hant = i % 2 === 1;
    const section = sections[i % 5 === 0 ? 1 : 0];
    const date = new Date(start + i * 3.7 * 3600_000);
    const ymd = date.toISOString().slice(0, 10);
    const hm = date.toISOString().slice(11, 16);
    const paras: string[] = [];
    const length = 800 + Math.floor(rand() * 700);
    let total = 0;
    while (total < length) {
      const p = paragraph(rand, 80 + Math.floor(rand() * 160));
      paras.push(p);
      total += p.length;
    }
    if (i % 3 === 0) paras.splice(2, 0, `![一排排机柜闪着蓝色指示灯的数据机房](/assets/bench/photo-1.jpg "发布会现场。主办方供图")`);
    let title = paragraph(rand, 14).slice(0, 22).replace(/[，。]/g, "");
    let body = paras.join("\n\n");
    let source = "重庆日报";
    if (hant) {
      title = toHant.convert(title);
      body = toHant.convert(body);
      source = "重慶日報";
    }
    const file = join(root, "content/news", section, ymd.slice(0, 4), `article-${i}.md`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(
      file,
      `---\ntitle: ${title}\ndate: ${ymd} ${hm}\nsource: ${source}\neditor: 谭鑫\nviews: ${Math.floor(rand() * 10000)}\nlang: ${hant ? "zh-Hant" : "zh-Hans"}\n---\n\n${body}\n`,
    );
  }
}

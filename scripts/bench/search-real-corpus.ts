// Real text for judging search relevance: articles cut from ../shared/corpus (People's Daily
// 2001 and MSR in Simplified, CityU Hong Kong news and Academia Sinica in Traditional), each
// given the fields a newsroom article has (section, date, source, editor, tags, summary) and
// its twin in the other script, converted as the site converts. The text is read at run time
// and never copied into the project (the corpus's README asks so).
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { openccEngine, type OpenccLocale } from "../convert/opencc-engine.ts";
import type { PageInput } from "../search/documents.ts";

export const CORPUS_DIR = resolve(import.meta.dirname, "../../../shared/corpus");

export interface RealArticle {
  /** Stable id: origin and position. */
  id: string;
  origin: string;
  lang: "zh-Hans" | "zh-Hant";
  title: string;
  paragraphs: string[];
  summary: string;
  source: string;
  editor: string;
  tags: string[];
  section: { id: string; hans: string; hant: string };
  dateIso: string;
}

interface Origin {
  file: string;
  lang: "zh-Hans" | "zh-Hant";
  opencc: OpenccLocale;
  section: RealArticle["section"];
  /** First day and day count its articles are spread over. */
  start: string;
  days: number;
  /** Sources in the article's own script, drawn in turn (the first twice as often). */
  sources: string[];
  /** How articles are cut: headlines (short lines), or fixed groups of lines. */
  cut: { kind: "headlines" } | { kind: "groups"; lines: number; joinEvery?: number };
  maxLines: number;
}

const ORIGINS: Origin[] = [
  {
    file: "cn-peoples-daily-2001.txt",
    lang: "zh-Hans",
    opencc: "cn",
    section: { id: "mainland", hans: "内地", hant: "內地" },
    start: "2001-01-01",
    days: 31,
    sources: ["人民日报", "新华社", "人民日报", "重庆日报"],
    cut: { kind: "headlines" },
    maxLines: 1945,
  },
  {
    file: "hk-cityu.txt",
    lang: "zh-Hant",
    opencc: "hk",
    section: { id: "hongkong", hans: "港澳", hant: "港澳" },
    start: "2003-03-01",
    days: 300,
    sources: ["明報", "東方日報", "星島日報"],
    cut: { kind: "headlines" },
    maxLines: 1493,
  },
  {
    file: "cn-msr.txt",
    lang: "zh-Hans",
    opencc: "cn",
    section: { id: "general", hans: "综合", hant: "綜合" },
    start: "2004-01-01",
    days: 700,
    sources: ["新华社", "光明日报", "经济日报", "重庆日报"],
    cut: { kind: "groups", lines: 6 },
    maxLines: 3985,
  },
  {
    file: "tw-academia-sinica.txt",
    lang: "zh-Hant",
    opencc: "tw",
    section: { id: "taiwan", hans: "台湾", hant: "臺灣" },
    start: "2002-01-01",
    days: 360,
    sources: ["中央社", "聯合報", "中國時報"],
    cut: { kind: "groups", lines: 36, joinEvery: 12 },
    maxLines: 5400,
  },
];

const EDITORS_HANS = ["王晓东", "李静", "陈思远", "刘洋"];
const EDITORS_HANT = ["張瓊", "黃志明", "林佳慧", "吳宗翰"];

const ENDS = /[。！？…”」』）)：:；;]$/;

/** Lines of one origin, cut into (title, paragraphs). */
function cutArticles(lines: string[], origin: Origin): { title: string; paragraphs: string[] }[] {
  const out: { title: string; paragraphs: string[] }[] = [];
  if (origin.cut.kind === "headlines") {
    let current: { title: string; paragraphs: string[] } | null = null;
    for (const line of lines) {
      const headline = line.length <= 30 && !ENDS.test(line) && !/^[（(]/.test(line);
      if (headline && (!current || current.paragraphs.length > 0)) {
        current = { title: line, paragraphs: [] };
        out.push(current);
      } else if (current && current.paragraphs.length >= 8) {
        // A long run without a headline: the next paragraph starts another article.
        current = { title: firstClause(line), paragraphs: [line] };
        out.push(current);
      } else if (current) current.paragraphs.push(line);
    }
    return out.filter((a) => a.paragraphs.join("").length >= 60);
  }
  const { lines: per, joinEvery } = origin.cut;
  for (let i = 0; i + per <= lines.length; i += per) {
    const group = lines.slice(i, i + per);
    const paragraphs: string[] = [];
    if (joinEvery) for (let j = 0; j < group.length; j += joinEvery) paragraphs.push(group.slice(j, j + joinEvery).join(""));
    else paragraphs.push(...group);
    out.push({ title: firstClause(paragraphs[0]!), paragraphs });
  }
  return out;
}

function firstClause(text: string): string {
  const m = /^[^，。！？；：,;]{4,24}/.exec(text);
  return m ? m[0] : text.slice(0, 20);
}

function firstSentence(text: string): string {
  const m = /^.*?[。！？]/.exec(text);
  return (m ? m[0] : text).slice(0, 120);
}

const STOP = new Set(["我们", "他们", "一个", "没有", "这个", "已经", "可以", "进行", "就是", "自己", "表示", "如果", "因为", "所以", "但是", "还是", "这些", "那些", "记者", "什么", "以及"]);

/** Each article's three most distinctive words (tf × idf over the corpus), as its tags. */
function tagsOf(texts: string[]): string[][] {
  const seg = new Intl.Segmenter("zh", { granularity: "word" });
  const df = new Map<string, number>();
  const tfs = texts.map((t) => {
    const tf = new Map<string, number>();
    for (const s of seg.segment(t)) {
      if (!s.isWordLike || s.segment.length < 2 || !/^\p{Script=Han}+$/u.test(s.segment) || STOP.has(s.segment)) continue;
      tf.set(s.segment, (tf.get(s.segment) ?? 0) + 1);
    }
    for (const w of tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
    return tf;
  });
  return tfs.map((tf) =>
    [...tf]
      .filter(([w]) => (df.get(w) ?? 0) >= 2)
      .map(([w, n]) => [w, n * Math.log(texts.length / df.get(w)!)] as const)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 3)
      .map(([w]) => w),
  );
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The corpus's articles, newest first (the order of document ids). */
export function loadRealCorpus(dir = CORPUS_DIR): RealArticle[] {
  if (!existsSync(join(dir, "README.md"))) throw new Error(`No corpus at ${dir} (../shared/corpus beside the project).`);
  const all: RealArticle[] = [];
  for (const origin of ORIGINS) {
    const lines = readFileSync(join(dir, origin.file), "utf8")
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== "")
      .slice(0, origin.maxLines);
    const cut = cutArticles(lines, origin);
    const tags = tagsOf(cut.map((a) => a.title + "\n" + a.paragraphs.join("\n")));
    const editors = origin.lang === "zh-Hans" ? EDITORS_HANS : EDITORS_HANT;
    cut.forEach((a, i) => {
      // Sources drawn in turn, but the corpus's own bylines win (新华社…电).
      let source = origin.sources[i % origin.sources.length]!;
      if (/新华社/.test(a.paragraphs[0] ?? "") && origin.lang === "zh-Hans") source = "新华社";
      all.push({
        id: `${origin.file.replace(/\.txt$/, "")}/${i}`,
        origin: origin.file,
        lang: origin.lang,
        title: a.title,
        paragraphs: a.paragraphs,
        summary: firstSentence(a.paragraphs[0] ?? ""),
        source,
        editor: editors[i % editors.length]!,
        tags: tags[i]!,
        section: origin.section,
        dateIso: addDays(origin.start, Math.floor((i * origin.days) / cut.length)),
      });
    });
  }
  // Newest first; ties by id, so the order is the same on every run.
  return all.sort((a, b) => (a.dateIso < b.dateIso ? 1 : a.dateIso > b.dateIso ? -1 : a.id < b.id ? -1 : 1));
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export interface Twin {
  variant: "zh-hans" | "zh-hant";
  lang: "zh-Hans" | "zh-Hant";
  url: string;
  title: string;
  summary: string;
  source: string;
  editor: string;
  tags: string[];
  section: string;
  sectionId: string;
  dateIso: string;
  dateText: string;
  html: string;
}

/** Each article in both scripts, converted from the script it was written in as the site does. */
export function twins(articles: RealArticle[]): Twin[][] {
  const engines = new Map<string, { convert(text: string): string }>();
  const engine = (from: OpenccLocale, to: OpenccLocale) => {
    const key = `${from}>${to}`;
    let e = engines.get(key);
    if (!e) engines.set(key, (e = from === to ? { convert: (t: string) => t } : openccEngine(from, to)));
    return e;
  };
  const localeOf = new Map(ORIGINS.map((o) => [o.file, o.opencc]));
  return articles.map((a, n) => {
    const own = localeOf.get(a.origin)!;
    return (["zh-hans", "zh-hant"] as const).map((variant) => {
      const c = engine(own, variant === "zh-hans" ? "cn" : a.lang === "zh-Hant" ? own : "tw");
      const [y, m, d] = a.dateIso.split("-").map(Number);
      return {
        variant,
        lang: variant === "zh-hans" ? "zh-Hans" : "zh-Hant",
        url: `/${variant}/news/${a.section.id}/${a.dateIso.slice(0, 4)}/a${n}/`,
        title: c.convert(a.title),
        summary: c.convert(a.summary),
        source: c.convert(a.source),
        editor: c.convert(a.editor),
        tags: a.tags.map((t) => c.convert(t)),
        section: variant === "zh-hans" ? a.section.hans : a.section.hant,
        sectionId: a.section.id,
        dateIso: a.dateIso,
        dateText: `${y}年${m}月${d}日`,
        html: a.paragraphs.map((p) => `<p>${esc(c.convert(p))}</p>`).join("\n"),
      };
    });
  });
}

/** The index writer's input for these articles (what indexJob makes of a site model). */
export function pageInputs(all: Twin[][]): PageInput[][] {
  return all.map((pages) =>
    pages.map((p) => ({
      path: p.variant,
      file: { u: p.url, t: p.title, d: p.dateText, i: p.dateIso, s: p.section, o: p.source, e: p.editor, g: p.tags, m: p.summary },
      html: p.html,
      section: p.sectionId,
    })),
  );
}

// The query set for judging search relevance on the real corpus (search-real-corpus.ts): queries
// of the kinds readers type, each with the reader's script and a judgment of which articles are
// relevant, written as a rule over the article's folded text (title, summary, body, source,
// editor, tags, in both scripts). A rule names what a reader asking this wants: the word as a
// word (华人, not 中华人民), a number as written (3月, not 13月), a regional variant (软件 is
// also 軟體), the intended word behind a typo (伊拉科 → 伊拉克).

export interface JudgedQuery {
  q: string;
  variant: "zh-hans" | "zh-hant";
  kind: string;
  /** Relevant: the folded text matches (a RegExp source, flags "u"). */
  rel: string;
  /** Or the article's source / editor is this (folded). */
  source?: string;
  editor?: string;
  /** Written after the code was tuned on the others, to see how it does on queries it was not tuned for. */
  heldOut?: boolean;
}

const Q = (q: string, variant: JudgedQuery["variant"], kind: string, rel: string, extra: Partial<JudgedQuery> = {}): JudgedQuery => ({ q, variant, kind, rel, ...extra });
/** Every word of a query as written. */
const all = (...words: string[]) => words.map((w) => `(?=[\\s\\S]*${w})`).join("");

export const QUERIES: JudgedQuery[] = [
  // Two-character words, both scripts.
  Q("经济", "zh-hans", "word", "经济"),
  Q("臺灣", "zh-hant", "word", "台湾"),
  Q("香港", "zh-hans", "word", "香港"),
  Q("選舉", "zh-hant", "word", "选举"),
  Q("教育", "zh-hans", "word", "教育"),
  Q("警方", "zh-hant", "word", "警方"),
  Q("医院", "zh-hans", "word", "医院"),
  Q("颱風", "zh-hant", "word", "台风"),
  Q("台风", "zh-hans", "cross-script", "台风"),
  Q("學生", "zh-hans", "cross-script", "学生"),
  Q("改革", "zh-hans", "word", "改革"),
  Q("農民", "zh-hant", "word", "农民"),
  Q("环境", "zh-hans", "word", "环境"),
  Q("旅游", "zh-hans", "word", "旅游"),
  // Word boundaries: the pair inside another word is not the word.
  Q("华人", "zh-hans", "boundary", "(?<!中)华人|华人(?!民)"),
  Q("国家", "zh-hans", "boundary", "国家(?!庭)"),
  Q("人民", "zh-hans", "boundary", "人民"),
  // Longer words and names.
  Q("北京大学", "zh-hans", "phrase", "北京大学|北大(?!西洋)"),
  Q("中华人民共和国", "zh-hans", "phrase", "中华人民共和国"),
  Q("江泽民", "zh-hans", "name", "江泽民"),
  Q("朱鎔基", "zh-hant", "name", "朱镕基"),
  Q("西部大开发", "zh-hans", "phrase", "西部大开发"),
  Q("立法會", "zh-hant", "phrase", "立法会"),
  Q("特区政府", "zh-hans", "phrase", "特区政府"),
  Q("國民黨", "zh-hant", "phrase", "国民党"),
  Q("行政院", "zh-hant", "phrase", "行政院"),
  Q("计算机", "zh-hans", "phrase", "计算机|电脑"),
  // Source, editor (fields).
  Q("重庆日报", "zh-hans", "source", "重庆日报", { source: "重庆日报" }),
  Q("新华社", "zh-hans", "source", "新华社", { source: "新华社" }),
  Q("明報", "zh-hant", "source", "明报", { source: "明报" }),
  Q("人民日报", "zh-hans", "source", "人民日报", { source: "人民日报" }),
  Q("中央社", "zh-hant", "source", "中央社", { source: "中央社" }),
  Q("王晓东", "zh-hans", "editor", "王晓东", { editor: "王晓东" }),
  Q("張瓊", "zh-hans", "editor", "张琼", { editor: "张琼" }),
  // Numbers mixed with other characters: as written.
  Q("1.2万", "zh-hans", "number", "(?<![\\d.])1\\.2万"),
  Q("3月", "zh-hans", "number", "(?<![\\d.])3月"),
  Q("2001年", "zh-hans", "number", "(?<!\\d)2001年"),
  Q("50%", "zh-hans", "number", "(?<![\\d.])50%"),
  Q("10億", "zh-hant", "number", "(?<![\\d.])10亿"),
  // Latin words, and one being typed.
  Q("WTO", "zh-hans", "latin", "wto"),
  Q("SARS", "zh-hant", "latin", "sars"),
  Q("SAR", "zh-hant", "prefix", "sars"),
  // Several words: all of them.
  Q("香港 经济", "zh-hans", "and", all("香港", "经济")),
  Q("臺灣 選舉", "zh-hant", "and", all("台湾", "选举")),
  Q("江泽民 改革", "zh-hans", "and", all("江泽民", "改革")),
  Q("学生 教育", "zh-hans", "and", all("学生", "教育")),
  Q("农民 收入", "zh-hans", "and", all("农民", "收入")),
  // Regional variants (OpenCC's phrase tables, and names).
  Q("软件", "zh-hans", "variant", "软件|软体"),
  Q("網路", "zh-hant", "variant", "网络|网路"),
  Q("布什", "zh-hans", "variant", "布什|布希"),
  Q("克林頓", "zh-hant", "variant", "克林顿|柯林顿"),
  Q("信息", "zh-hans", "variant", "信息|资讯"),
  // Nothing matches as typed: the closest partial matches.
  Q("伊拉科", "zh-hans", "typo", "伊拉克"),
  Q("台湾独立", "zh-hans", "abbreviation", "台独|台湾.{0,8}独立"),
  Q("江泽明", "zh-hans", "typo", "江泽民"),
  // Held out: written after the code was tuned on the queries above.
  ...[
    Q("奥运会", "zh-hans", "phrase", "奥运会"),
    Q("联合国", "zh-hans", "phrase", "联合国"),
    Q("科学家", "zh-hans", "phrase", "科学家"),
    Q("世界杯", "zh-hant", "phrase", "世界杯"),
    Q("亞洲金融風暴", "zh-hant", "phrase", "亚洲金融风暴"),
    Q("董建華", "zh-hant", "name", "董建华"),
    Q("陳水扁", "zh-hans", "cross-script", "陈水扁"),
    Q("政府", "zh-hant", "word", "政府"),
    Q("2000年", "zh-hans", "number", "(?<!\\d)2000年"),
    Q("10月1日", "zh-hans", "number", "(?<!\\d)10月1日"),
    Q("100万", "zh-hans", "number", "(?<![\\d.])100万"),
    Q("APEC", "zh-hans", "latin", "apec"),
    Q("北京 奥运", "zh-hans", "and", all("北京", "奥运")),
    Q("WTO 中国", "zh-hans", "and", all("wto", "中国")),
    Q("聯合報", "zh-hans", "source", "联合报", { source: "联合报" }),
    Q("互联网", "zh-hans", "variant", "互联网|因特网|网际网路"),
    Q("悉尼", "zh-hans", "variant", "悉尼|雪梨"),
    Q("新西兰", "zh-hans", "variant", "新西兰|纽西兰"),
    Q("朱容基", "zh-hans", "typo", "朱镕基"),
    Q("联合过", "zh-hans", "typo", "联合国"),
    Q("奥运汇", "zh-hans", "typo", "奥运会"),
    Q("江则民", "zh-hans", "typo", "江泽民"),
    Q("陈水偏", "zh-hans", "typo", "陈水扁"),
  ].map((q) => ({ ...q, heldOut: true })),
];

// Paragraphs of real news text for the bench, read at bench time from ../shared/corpus (its
// README: research data, never copied into the project). Simplified articles are made from
// People's Daily 2001 and MSR, Traditional ones from CityU (Hong Kong) and Academia Sinica
// (Taiwan), each in the script it was written in, so the build converts native text as it
// will in a newsroom, and the search index sees real vocabulary instead of 36 phrases.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../cli/args.ts";

export type Script = "zh-Hans" | "zh-Hant";

const FILES: Record<Script, string[]> = {
  "zh-Hans": ["cn-peoples-daily-2001.txt", "cn-msr.txt"],
  "zh-Hant": ["hk-cityu.txt", "tw-academia-sinica.txt"],
};

/** Lines shorter than a paragraph (MSR's sentences, Academia Sinica's clauses) are joined
 * until a sentence ends past this length, so paragraphs are about a newspaper's. */
const MIN_PARAGRAPH = 40;
const MAX_PARAGRAPH = 400;
const SENTENCE_END = /[。！？」』）”]$/;

/** A character Markdown would read as structure at the start of a line (a list, a heading,
 * a rule, a quote): escaped, so the text stays a paragraph as it was printed. */
function asMarkdownParagraph(text: string): string {
  const escaped = text.replace(/[<&]/g, (c) => (c === "<" ? "&lt;" : "&amp;")).replace(/([*_`[\]\\])/g, "\\$1");
  const list = /^(\d+)([.)])/.exec(escaped);
  if (list) return `${list[1]}\\${escaped.slice(list[1]!.length)}`;
  return /^[#>+=-]/.test(escaped) ? `\\${escaped}` : escaped;
}

function paragraphsOf(text: string): string[] {
  const out: string[] = [];
  let current = "";
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "") continue;
    current += line;
    if ((current.length >= MIN_PARAGRAPH && SENTENCE_END.test(current)) || current.length >= MAX_PARAGRAPH) {
      out.push(current);
      current = "";
    }
  }
  if (current.length >= MIN_PARAGRAPH) out.push(current);
  return out;
}

export interface RealParagraphs {
  /** Per script, every paragraph of its files in order, escaped for Markdown. */
  paragraphs: Record<Script, string[]>;
  /** Characters per script, for the bench's summary. */
  chars: Record<Script, number>;
}

/** Reads the corpus folder; a UsageError naming the folder or file if it is not there. */
export function readRealParagraphs(dir: string): RealParagraphs {
  const paragraphs: Record<Script, string[]> = { "zh-Hans": [], "zh-Hant": [] };
  const chars: Record<Script, number> = { "zh-Hans": 0, "zh-Hant": 0 };
  for (const script of Object.keys(FILES) as Script[]) {
    for (const file of FILES[script]) {
      const path = join(dir, file);
      if (!existsSync(path)) {
        throw new UsageError(`--corpus ${dir}: no ${file} there. Give the folder of the shared corpus (its README.md lists the files), or --text synthetic.`);
      }
      for (const p of paragraphsOf(readFileSync(path, "utf8"))) {
        paragraphs[script].push(asMarkdownParagraph(p));
        chars[script] += p.length;
      }
    }
  }
  return { paragraphs, chars };
}

/** A headline from a paragraph: its first clauses, up to `max` characters, without the
 * punctuation that ends them and without Markdown escapes. */
export function headlineOf(paragraph: string, max = 28): string {
  const plain = paragraph.replace(/\\(.)/g, "$1").replace(/&lt;/g, "<").replace(/&amp;/g, "&");
  let title = "";
  for (const clause of plain.split(/[，。！？；：、,]/)) {
    const c = clause.replace(/[「」『』“”"（）()]/g, "").trim();
    if (!c) continue;
    title = title ? `${title} ${c}` : c;
    if (title.length >= 8) break;
  }
  return [...title].slice(0, max).join("").trim() || "新聞";
}

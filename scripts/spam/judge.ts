// The spam judge: is this text, as a reader reads it, gambling or porn spam?
//
// Not one word but context decides. Markers of spam (lexicon.ts) add points, news words take
// points away; a title that stacks markers joined by "_" or "|" gains points, a paragraph in
// which markers are a small part of the prose loses them. Each kind of text has its own bar:
// names (source, editor, site name, navigation) are judged most strictly, headlines strictly,
// paragraphs leniently, since news about gambling and porn is news.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_MARKERS, DEFAULT_NEWS, type Marker, type Topic } from "./lexicon.ts";
import { Matcher, type Hit } from "./matcher.ts";
import { isHan, isLatinOrDigit, isSeparator, normalizeTerm, normalizeText, unitsToString } from "./normalize.ts";
import { WordBoundaries } from "./words.ts";
import { ownCopy } from "../content/own-copy.ts";

/** title: headlines, <title>, headings, link text, feed titles; text: paragraphs, summaries,
 * meta descriptions, alt text, captions; name: source, editor, tags, site name, nav and
 * section labels. */
export type TextKind = "title" | "text" | "name";

/** why: short English, e.g. `stacks spam markers (国产精品, 久久, 在线观看) joined by "_"`. */
export interface SpamHit {
  score: number;
  markers: string[];
  why: string;
}

export interface SpamJudge {
  judge(text: string, kind: TextKind): SpamHit | null;
  /** Changes when the lexicon, the options or the judge's code change. */
  readonly version: string;
}

export interface SpamOptions {
  useDefaults: boolean;
  /** The organisation's own always-spam terms. */
  terms: readonly string[];
  /** Words or phrases exempt from the default lexicon. */
  allow: readonly string[];
}

/** Points a text needs to be spam. A paragraph's bar rises with its length (see threshold). */
export const THRESHOLDS = { name: 6, title: 8, shortText: 8, text: 10 } as const;

type Value =
  | { type: "marker"; marker: Marker }
  | { type: "news"; term: string; weight: number }
  | { type: "term"; term: string }
  | { type: "allow"; term: string };

interface Counted {
  label: string;
  weight: number;
  topic: Topic | "term";
  start: number;
  end: number;
}

// Calls to action that are patterns, not words. Run only on texts that already hold a marker.
const PATTERNS: Array<{ re: RegExp; label: string; weight: number }> = [
  { re: /(?:https?:\/\/|www\.)[a-z0-9-]+|[a-z0-9-]{2,}\.(?:com|net|cc|vip|top|xyz|me|app|tv|la|info|bet|club|live|co|io|site|online|shop|win|fun|pw|cn|hk|tw)\b/, label: "a web address", weight: 4 },
  { re: /(?:qq|微信|vx|wx|v信|威信|扣扣|telegram|tg|飞机)\s*(?:号|群)?\s*[:=]?\s*[a-z0-9_-]{5,}/, label: "a contact handle", weight: 5 },
  { re: /送\s*\d+\s*元?|\d+\s*元?彩金/, label: "a sign-up bonus", weight: 4 },
  // A mirror domain written without its dot, as betting titles give it (463cc, js93888).
  { re: /(?:^|[^a-z0-9])\d{3,}(?:cc|com|vip|net|bet|app)(?![a-z0-9])|(?:^|[^a-z0-9])[a-z]{1,4}\d{4,}(?![a-z0-9])(?=.*(?:登录|登陆|官网|入口|注册))/, label: "a mirror address", weight: 4 },
];

/** Files whose code decides verdicts: part of the version. */
function codeStamp(): string {
  const dir = dirname(fileURLToPath(import.meta.url));
  const hash = createHash("sha1");
  try {
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith(".ts") && name !== "evaluate.ts") hash.update(name).update(readFileSync(join(dir, name)));
    }
  } catch {
    hash.update("unreadable");
  }
  hash.update(process.versions.icu ?? "");
  return hash.digest("base64url").slice(0, 12);
}

let stamp: string | null = null;

const MEMO_LIMIT = 8_000_000; // characters of text remembered per judge before the memo starts over

export function createSpamJudge(options: SpamOptions): SpamJudge {
  stamp ??= codeStamp();
  const allow = options.allow.map((t) => normalizeTerm(t)).filter((t) => t !== "");
  const allowed = new Set(allow);
  const entries: Array<{ text: string; value: Value }> = [];
  if (options.useDefaults) {
    for (const marker of DEFAULT_MARKERS) {
      const text = normalizeTerm(marker.term);
      if (!allowed.has(text)) entries.push({ text, value: { type: "marker", marker } });
    }
    for (const n of DEFAULT_NEWS) entries.push({ text: normalizeTerm(n.term), value: { type: "news", term: n.term, weight: n.weight } });
  }
  for (const term of options.terms) {
    const text = normalizeTerm(term);
    if (text !== "") entries.push({ text, value: { type: "term", term: term.trim() } });
  }
  for (const text of allow) entries.push({ text, value: { type: "allow", term: text } });
  // Longer entries first within a bucket: nothing depends on it but it keeps hits ordered.
  entries.sort((a, b) => b.text.length - a.text.length);
  const matcher = new Matcher(entries);
  const words = new WordBoundaries();
  const version = createHash("sha1")
    .update(stamp)
    .update(JSON.stringify({ d: options.useDefaults, t: options.terms, a: options.allow }))
    .digest("base64url")
    .slice(0, 16);

  const memo = { title: new Map<string, SpamHit | null>(), text: new Map<string, SpamHit | null>(), name: new Map<string, SpamHit | null>() };
  let remembered = 0;

  // A text cut from a page (the output check) is a slice that keeps the whole page alive:
  // the memo keeps a copy of its own, or it would hold every page's HTML till the limit.

  function judge(text: string, kind: TextKind): SpamHit | null {
    const seen = memo[kind].get(text);
    if (seen !== undefined) return seen;
    const verdict = judgeOnce(text, kind);
    if (remembered + text.length > MEMO_LIMIT) {
      memo.title.clear();
      memo.text.clear();
      memo.name.clear();
      remembered = 0;
    }
    memo[kind].set(ownCopy(text), verdict);
    remembered += text.length;
    return verdict;
  }

  function judgeOnce(text: string, kind: TextKind): SpamHit | null {
    const n = normalizeText(text);
    const hits = matcher.scan(n.compact, n.compactLength);
    // An upper bound on the score from the hits alone: most texts with a weak marker (资源,
    // 进入) and no subject stop here, before any string is built.
    const seen = new Set<string>();
    let sum = 0;
    let subject = false;
    let term = false;
    let news = 0;
    let markers = 0;
    for (const h of hits) {
      const v = h.entry.value;
      if (v.type === "term") term = true;
      else if (v.type === "news") news += v.weight;
      else if (v.type === "marker") markers++;
      if (v.type === "marker" && !seen.has(v.marker.term)) {
        seen.add(v.marker.term);
        sum += v.marker.weight;
        if (v.marker.topic === "porn" || v.marker.topic === "gambling") subject = true;
      }
    }
    if (!term && seen.size === 0) return null;
    let letters = 0;
    let dot = false;
    let run = 0;
    let longRun = false;
    let offer = false;
    for (let i = 0; i < n.compactLength; i++) {
      const u = n.compact[i];
      if (isLatinOrDigit(u) || u === 0x5f || u === 0x2d) {
        if (u !== 0x5f && u !== 0x2d) letters++;
        if (++run >= 5) longRun = true;
        continue;
      }
      run = 0;
      if (isHan(u)) {
        letters++;
        if (u === 0x9001 || u === 0x91d1) offer = true; // 送, 金
      } else if (u === 0x2e || u === 0x3a) dot = true;
    }
    if (!term) {
      const patterns = (dot ? 4 : 0) + (longRun ? 5 : 0) + (offer ? 4 : 0);
      const stacking = n.foldedLength <= 160 ? Math.min(3 * (markers - 1), 12) : 0;
      const most = (sum + 2 + (subject ? 4 : 0) + patterns + stacking) * (subject ? 1 : 0.5);
      const least = kind === "text" ? Math.min(news * 1.5, 30) : Math.min(news, 10) * 0.5;
      if (most - least < threshold(kind, letters)) return null;
    }
    // The buffers are reused by the next call: take what we need now.
    const compact = unitsToString(n.compact, 0, n.compactLength);
    const folded = unitsToString(n.folded, 0, n.foldedLength);
    const toFolded = n.toFolded.slice(0, n.compactLength);
    const ctx: Context = { kind, compact, folded, toFolded, letters };
    // First as if every word-only marker were a word: most texts stop here, unsegmented.
    const rough = score(ctx, hits, () => true);
    if (!rough) return null;
    const cache = new Map<string, boolean>();
    const isWord = (h: Hit<Value>): boolean => {
      const key = `${h.start}:${h.end}`;
      let ok = cache.get(key);
      if (ok === undefined) cache.set(key, (ok = words.aligned(compact, h.start, h.end)));
      return ok;
    };
    return score(ctx, hits, isWord);
  }

  return { judge, version };
}

interface Context {
  kind: TextKind;
  compact: string;
  folded: string;
  toFolded: Int32Array;
  /** Han characters, Latin letters and digits: what density is measured against. */
  letters: number;
}

function inside(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start >= b.start && a.end <= b.end && b.end - b.start > a.end - a.start;
}

function threshold(kind: TextKind, letters: number): number {
  if (kind === "name") return THRESHOLDS.name;
  if (kind === "title") return THRESHOLDS.title;
  // Alt text, captions and one-line summaries are as short as a headline.
  if (letters <= 30) return THRESHOLDS.shortText;
  return THRESHOLDS.text + letters / 80;
}

function list(labels: string[]): string {
  return labels.slice(0, 6).join(", ") + (labels.length > 6 ? ", …" : "");
}

function score(ctx: Context, hits: Hit<Value>[], isWord: (h: Hit<Value>) => boolean): SpamHit | null {
  const { kind } = ctx;
  // Allowed phrases exempt the markers inside them; news phrases neutralise the shorter
  // markers inside them (博彩 in 博彩业, 赌场 in 开设赌场).
  const shields: Array<{ start: number; end: number; allow: boolean }> = [];
  const news = new Map<string, number>();
  for (const h of hits) {
    const v = h.entry.value;
    if (v.type === "allow") shields.push({ start: h.start, end: h.end, allow: true });
    else if (v.type === "news") {
      shields.push({ start: h.start, end: h.end, allow: false });
      news.set(v.term, v.weight);
    }
  }
  const candidates: Counted[] = [];
  const terms: string[] = [];
  for (const h of hits) {
    const v = h.entry.value;
    if (v.type === "term") {
      if (h.entry.latin || isWord(h)) terms.push(v.term);
      continue;
    }
    if (v.type !== "marker") continue;
    const shielded = shields.some((s) => s.start <= h.start && h.end <= s.end && (s.allow || s.end - s.start > h.end - h.start));
    if (shielded) continue;
    if (v.marker.mode === "word" && !h.entry.latin && !isWord(h)) continue;
    candidates.push({ label: v.marker.term, weight: v.marker.weight, topic: v.marker.topic, start: h.start, end: h.end });
  }
  if (terms.length > 0) {
    const unique = [...new Set(terms)];
    return {
      score: 100,
      markers: unique,
      why: `holds ${unique.map((t) => `"${t}"`).join(", ")}, listed under "terms" in content/_data/blocklist.json`,
    };
  }
  // A marker inside a longer one counts once, as the longer one (彩金 in 送彩金).
  const counted = candidates.filter((c) => !candidates.some((o) => o !== c && inside(c, o)));
  if (counted.length === 0) return null;

  // Markers that overlap (注册送 and 送彩金 in 注册送彩金) are one phrase: the lighter counts half.
  const sorted = [...counted].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    if (b.start < a.end) (a.weight < b.weight ? a : b).weight /= 2;
  }
  // News quotes the words it reports on (警惕“裸聊”敲诈): a quoted marker counts half, and
  // markers that are all quoted are not a pitch of their own.
  let allQuoted = false;
  if (kind !== "name") {
    const quoted = quotedSpans(ctx.folded);
    if (quoted.length > 0) {
      let inQuotes = 0;
      for (const c of counted) {
        const at = ctx.toFolded[c.start];
        if (quoted.some(([from, to]) => from <= at && at < to)) {
          c.weight /= 2;
          inQuotes++;
        }
      }
      allQuoted = inQuotes === counted.length;
    }
  }
  const byLabel = new Map<string, Counted>();
  let extra = 0;
  for (const c of counted) {
    if (byLabel.has(c.label)) extra++;
    else byLabel.set(c.label, c);
  }
  // A repeated marker adds little: 久久久久 is one idea.
  let raw = [...byLabel.values()].reduce((s, c) => s + c.weight, 0) + Math.min(extra * 0.5, 2);
  const labels = [...byLabel.keys()];
  const topics = new Set([...byLabel.values()].map((c) => c.topic));
  const subject = [...byLabel.values()].filter((c) => c.topic === "porn" || c.topic === "gambling");
  const selling = [...byLabel.values()].filter((c) => c.topic === "cta" || c.topic === "seo");

  // Patterns of calls to action.
  const found: string[] = [];
  for (const p of PATTERNS) {
    if (p.re.test(ctx.folded)) {
      raw += p.weight;
      found.push(p.label);
    }
  }
  const hasCall = topics.has("cta") || found.length > 0;
  let combo = false;
  // Only markers of some weight pair up: 高潮 (climax) beside 进入 (enter) is a headline
  // about a campaign reaching its height, not a porn site's pitch.
  const subjectWeight = subject.reduce((sum, c) => sum + c.weight, 0);
  const sellingWeight = selling.reduce((sum, c) => sum + c.weight, 0);
  if (subject.length > 0 && (hasCall || topics.has("seo")) && (found.length > 0 || subjectWeight + sellingWeight >= 4) && !allQuoted) {
    raw += 4;
    combo = true;
  }

  // Stacking: markers spread over several pieces of a short text joined by separators.
  let stacked = 0;
  let joiner = "";
  if (ctx.folded.length <= 160) {
    const pieces = stackPieces(ctx, counted, kind !== "text");
    stacked = pieces.count;
    joiner = pieces.joiner;
    if (stacked >= 2) raw += Math.min(3 * (stacked - 1), 12);
  }

  // Spam that sells neither gambling nor porn is not this guard's business: half weight.
  if (subject.length === 0) raw *= 0.5;

  // Density: how much of the text the markers are.
  let covered = 0;
  let reach = -1;
  for (const c of [...counted].sort((a, b) => a.start - b.start)) {
    const from = Math.max(c.start, reach);
    if (c.end > from) covered += c.end - from;
    reach = Math.max(reach, c.end);
  }
  const density = ctx.letters > 0 ? Math.min(1, covered / ctx.letters) : 1;
  const factor = kind === "text" ? 0.4 + 0.6 * Math.min(1, density / 0.5) : 0.6 + 0.4 * Math.min(1, density / 0.4);

  const newsPoints = [...news.values()].reduce((s, w) => s + w, 0);
  const reduction = kind === "text" ? Math.min(newsPoints * 1.5, 30) : Math.min(newsPoints, 10) * (stacked >= 2 ? 0.5 : 1);
  const total = raw * factor - reduction;
  const bar = threshold(kind, ctx.letters);
  if (total < bar) return null;

  let why: string;
  if (stacked >= 2) why = `stacks spam markers (${list(labels)}) joined by ${JSON.stringify(joiner)}`;
  else if (combo && hasCall) {
    const calls = [...selling.filter((c) => c.topic === "cta").map((c) => c.label), ...found];
    why = `pairs ${subjectName(subject)} markers (${list(subject.map((c) => c.label))}) with a call to action (${list(calls)})`;
  } else if (combo) why = `pairs ${subjectName(subject)} markers (${list(subject.map((c) => c.label))}) with SEO filler (${list(selling.map((c) => c.label))})`;
  else why = `holds spam markers (${list(labels)})`;
  if (stacked < 2) why += newsPoints === 0 ? ", with nothing around them that reads as news" : `, more than its news context (${list([...news.keys()])}) offsets`;
  return { score: Math.round(total * 10) / 10, markers: [...labels, ...found], why };
}

function subjectName(subject: Counted[]): string {
  const t = new Set(subject.map((c) => c.topic));
  return t.size === 2 ? "gambling and porn" : t.has("porn") ? "porn" : "gambling";
}

/** Pieces of the folded text (between separator runs) that hold markers, and the separator
 * seen most between them. */
function stackPieces(ctx: Context, counted: Counted[], punctuation: boolean): { count: number; joiner: string } {
  const { folded, toFolded } = ctx;
  // Piece index of each folded position: a run of separators or of clause punctuation ends one.
  const piece = new Int32Array(folded.length + 1);
  const joiners = new Map<string, number>();
  let p = 0;
  for (let i = 0; i < folded.length; i++) {
    const u = folded.charCodeAt(i);
    const ends = (unit: number) => isSeparator(unit) || (punctuation && PUNCT.has(unit));
    if (ends(u)) {
      let j = i;
      while (j < folded.length && ends(folded.charCodeAt(j))) j++;
      // Name the joiner by what stands out in the run ("…_" is joined by "_").
      const run = folded.slice(i, j).replace(/[.\s]/g, "") || folded.slice(i, j).trim() || " ";
      for (let k = i; k < j; k++) piece[k] = p;
      if (i > 0 && j < folded.length) {
        p++;
        joiners.set(run, (joiners.get(run) ?? 0) + 1);
      }
      i = j - 1;
      continue;
    }
    piece[i] = p;
  }
  const weights = new Map<number, number>();
  for (const c of counted) {
    const at = piece[toFolded[c.start]];
    weights.set(at, (weights.get(at) ?? 0) + c.weight);
  }
  let count = 0;
  for (const w of weights.values()) if (w >= 2) count++;
  let joiner = " ";
  let best = 0;
  for (const [j, k] of joiners) if (k > best) [joiner, best] = [j, k];
  return { count, joiner };
}

const PUNCT = new Set([..."，,、;；:：!！?？。【】[]()（）《》<>「」『』“”"].map((c) => c.charCodeAt(0)));

const QUOTED = /[“「『‘"'《]([^“”「」『』‘’"'《》]{1,30})[”」』’"'》]/g;

/** Folded positions [from, to) inside quotation marks or title brackets. */
function quotedSpans(folded: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const m of folded.matchAll(QUOTED)) spans.push([m.index! + 1, m.index! + m[0].length - 1]);
  return spans;
}

// The correction layer for news over OpenCC's dictionaries: phrases OpenCC lacks or gets
// wrong, phrases of its dictionaries that mislead the longest match (个中 in 一个中国), and
// rules that look at the character before or after (78只股票). Rules are data, one file per
// direction (scripts/convert/data/corrections-s2t.json, -t2s.json), each with the example
// that justifies it and the twin it must give; opencc-engine.ts applies them in its own
// longest match, so a corrected phrase still spans inline markup.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { ConverterFactory } from "opencc-js/core";
import { from as fromDicts, to as toDicts } from "opencc-js/preset";

export type CorrectionDirection = "s2t" | "t2s";

export interface CorrectionRule {
  /**
   * The source text the rule converts (a phrase; with `after`/`before`, the part converted),
   * or a list of them: one family under one context (头发, 白发, 生发 … before 展, 现 …).
   */
  match?: string | string[];
  /** Its conversion (a list: one a match). s2t: OpenCC's standard Traditional (each variant's forms follow); t2s: Simplified. */
  to?: string | string[];
  /** Instead of match/to: a phrase of OpenCC's dictionaries to forget, or a list of them (one family, one example). */
  drop?: string | string[];
  /** What must come just before the match: one of these characters (a string) or texts (a list). */
  after?: string | string[];
  /** What must come just after the match: one of these characters (a string) or texts (a list). */
  before?: string | string[];
  /** Texts that must not follow the match. */
  unless?: string[];
  /**
   * Only for these target locales (s2t: "tw", "hk"; "hk" also covers "hkp"): where one
   * place's papers print another word than the other's (Hong Kong's 游說, Taiwan's 遊說).
   */
  locales?: string[];
  /** A sentence of news the rule is for, in the source script … */
  example: string;
  /** … and what the twin must print for it (zh-Hant with Taiwan forms, or zh-Hans). */
  twin: string;
  why: string;
}

/** A rule that looks around the match. */
export interface ContextRule {
  match: string;
  to: string;
  after: readonly string[] | null;
  before: readonly string[] | null;
  unless: readonly string[];
  /** `after` / `before` as a set of UTF-16 code units when every alternative is one: one look-up, not a scan. */
  afterUnits?: ReadonlySet<number> | null;
  beforeUnits?: ReadonlySet<number> | null;
}

/** The alternatives as a set of code units, if each is a single one. */
const unitsOf = (list: readonly string[] | null): Set<number> | null => (list && list.every((a) => a.length === 1) ? new Set(list.map((a) => a.charCodeAt(0))) : null);

/** A string of characters, or a list of texts, as a list of texts. */
const alternatives = (v: string | string[] | undefined): string[] | null => (v === undefined ? null : typeof v === "string" ? Array.from(v) : v);

export interface Corrections {
  readonly id: string;
  readonly direction: CorrectionDirection;
  readonly rules: readonly CorrectionRule[];
  /** Source phrase → conversion. */
  readonly phrases: ReadonlyMap<string, string>;
  readonly drops: ReadonlySet<string>;
  /** Rules with context, by the first code point of their match. */
  readonly context: ReadonlyMap<number, readonly ContextRule[]>;
}

function check(rule: CorrectionRule, i: number, file: string): void {
  const where = `${file}: rules[${i}]`;
  const text = (v: unknown) => typeof v === "string" && v.length > 0;
  if (!text(rule.example) || !text(rule.twin) || !text(rule.why)) throw new Error(`${where} needs "example", "twin" and "why"`);
  if (rule.drop !== undefined) {
    const listed = Array.isArray(rule.drop) ? rule.drop.length > 0 && rule.drop.every(text) : text(rule.drop);
    if (!listed || rule.match !== undefined) throw new Error(`${where}: a "drop" rule is a phrase or a list of phrases, and has no "match"`);
    return;
  }
  const matches = Array.isArray(rule.match) ? rule.match : [rule.match];
  const tos = Array.isArray(rule.to) ? rule.to : [rule.to];
  if (!matches.every(text) || !tos.every((t) => typeof t === "string") || Array.isArray(rule.match) !== Array.isArray(rule.to) || matches.length !== tos.length || matches.length === 0) {
    throw new Error(`${where} needs "match" and "to": two texts, or two lists of the same length`);
  }
  if (!matches.some((m) => rule.example.includes(m!))) throw new Error(`${where}: the example contains none of ${matches.join(", ")}`);
  if (rule.locales !== undefined && !(Array.isArray(rule.locales) && rule.locales.length > 0 && rule.locales.every(text))) throw new Error(`${where}: "locales" is a list of locales`);
  for (const key of ["after", "before", "unless"] as const) {
    const v = rule[key];
    if (v !== undefined && !(text(v) || (Array.isArray(v) && v.length > 0 && v.every(text)))) throw new Error(`${where}: "${key}" is characters or a list of texts`);
  }
}

/**
 * Keys of t2s rules in every Traditional form an editor may type: as written (Taiwan forms),
 * OpenCC's standard forms and Hong Kong forms (着/著, 裏/裡, 衞/衛 …).
 */
let variantForms: { standard: (s: string) => string; hk: (s: string) => string } | null = null;
function traditionalForms(key: string): string[] {
  variantForms ??= { standard: ConverterFactory(...fromDicts.tw), hk: ConverterFactory(...toDicts.hk) };
  const standard = variantForms.standard(key);
  return [...new Set([key, standard, variantForms.hk(standard)])];
}

export function correctionsFrom(direction: CorrectionDirection, rules: readonly CorrectionRule[], file = "corrections"): Corrections {
  const phrases = new Map<string, string>();
  const drops = new Set<string>();
  const context = new Map<number, ContextRule[]>();
  rules.forEach((rule, i) => {
    check(rule, i, file);
    if (rule.drop !== undefined) {
      for (const d of Array.isArray(rule.drop) ? rule.drop : [rule.drop]) drops.add(d);
      return;
    }
    const matches = Array.isArray(rule.match) ? rule.match : [rule.match!];
    const tos = Array.isArray(rule.to) ? rule.to : [rule.to!];
    matches.forEach((source, k) => {
      const keys = direction === "t2s" ? traditionalForms(source) : [source];
      for (const match of keys) {
        if (rule.after === undefined && rule.before === undefined && rule.unless === undefined) {
          phrases.set(match, tos[k]);
          continue;
        }
        const cp = match.codePointAt(0)!;
        const list = context.get(cp) ?? [];
        const after = alternatives(rule.after);
        const before = alternatives(rule.before);
        list.push({ match, to: tos[k], after, before, unless: alternatives(rule.unless) ?? [], afterUnits: unitsOf(after), beforeUnits: unitsOf(before) });
        context.set(cp, list);
      }
    });
  });
  // Longer matches first, so the first rule that fits is the longest.
  for (const list of context.values()) list.sort((a, b) => b.match.length - a.match.length);
  const id = `${direction}:${createHash("sha256").update(JSON.stringify(rules)).digest("hex").slice(0, 12)}`;
  return { id, direction, rules, phrases, drops, context };
}

const loaded = new Map<string, Corrections>();

/** Whether a rule holds for a target locale: rules without `locales` hold for every one. */
export function ruleHolds(rule: CorrectionRule, locale: string | undefined): boolean {
  if (!rule.locales) return true;
  return locale !== undefined && rule.locales.some((l) => locale === l || locale === `${l}p`);
}

/** The correction layer of one direction for a target locale (all rules without one), read once a process. */
export function corrections(direction: CorrectionDirection, locale?: string): Corrections {
  const key = `${direction}:${locale ?? ""}`;
  let c = loaded.get(key);
  if (!c) {
    const file = new URL(`./data/corrections-${direction}.json`, import.meta.url);
    const data = JSON.parse(readFileSync(file, "utf8")) as { rules?: CorrectionRule[] };
    if (!Array.isArray(data.rules)) throw new Error(`${file.pathname}: "rules" must be a list`);
    const rules = locale === undefined ? data.rules : data.rules.filter((r) => ruleHolds(r, locale));
    c = correctionsFrom(direction, rules, `corrections-${direction}.json`);
    loaded.set(key, c);
  }
  return c;
}

/** The context rule that applies at `i` of `text`, if any: its match must start there. */
export function contextRuleAt(rules: readonly ContextRule[], text: string, i: number): ContextRule | null {
  for (const r of rules) {
    if (!text.startsWith(r.match, i)) continue;
    if (r.afterUnits) {
      if (i === 0 || !r.afterUnits.has(text.charCodeAt(i - 1))) continue;
    } else if (r.after !== null && !r.after.some((a) => a.length <= i && text.startsWith(a, i - a.length))) continue;
    const end = i + r.match.length;
    if (r.beforeUnits) {
      if (end >= text.length || !r.beforeUnits.has(text.charCodeAt(end))) continue;
    } else if (r.before !== null && !r.before.some((b) => text.startsWith(b, end))) continue;
    if (r.unless.some((u) => text.startsWith(u, end))) continue;
    return r;
  }
  return null;
}

// A newsroom usage profile: which of two correct forms a variant's papers print (台 or 臺,
// 公布 or 公佈 …), applied to OpenCC's output by longest match, words before characters.
// Data: scripts/convert/data/usage-<profile>.json, each form with why it was chosen.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Trie } from "opencc-js/core";
import type { UsageProfile } from "./conversion-settings.ts";

export interface UsageForm {
  /** What OpenCC prints (a character, or a word for a choice made per word). */
  from: string;
  /** What the papers print; the same as `from` keeps a word out of a character's rule. */
  to: string;
  why: string;
}

export interface UsageProfileData {
  /** The profile's name and a digest of its forms: part of every cache key. */
  id: string;
  forms: UsageForm[];
  /** Applies the profile to converted text; same length in, same length out. */
  apply(text: string): string;
  /** Whether any form's first character occurs in `text`: most texts need no pass. */
  touches(text: string): boolean;
}

const loaded = new Map<string, UsageProfileData | null>();

/** Reads and checks a profile file (throws on a form that would move offsets). */
export function readUsageForms(file: URL): UsageForm[] {
  const data = JSON.parse(readFileSync(file, "utf8")) as { forms?: unknown };
  if (!Array.isArray(data.forms)) throw new Error(`${file.pathname}: "forms" must be a list`);
  return data.forms.map((f: Partial<UsageForm>, i: number) => {
    if (typeof f.from !== "string" || typeof f.to !== "string" || !f.from || typeof f.why !== "string") {
      throw new Error(`${file.pathname}: forms[${i}] needs "from", "to" and "why"`);
    }
    // Same UTF-16 length: the profile runs over a run's joined output, which is split back by offsets.
    if (f.from.length !== f.to.length) throw new Error(`${file.pathname}: forms[${i}] ${f.from} → ${f.to} changes length`);
    return { from: f.from, to: f.to, why: f.why };
  });
}

export function profileFrom(id: UsageProfile, forms: readonly UsageForm[]): UsageProfileData {
  const trie = new Trie();
  const firsts = new Set<string>();
  for (const f of forms) {
    trie.addWord(f.from, f.to);
    firsts.add(String.fromCodePoint(f.from.codePointAt(0)!));
  }
  const pattern = new RegExp(`[${[...firsts].join("").replace(/[\\\]^-]/g, "\\$&")}]`, "gu");
  const touches = (text: string) => {
    pattern.lastIndex = 0;
    return firsts.size > 0 && pattern.test(text);
  };
  // Where a form may start, and only there (most text has few): as trie.convert, left to right.
  function apply(text: string): string {
    if (firsts.size === 0) return text;
    pattern.lastIndex = 0;
    let out = "";
    let last = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const hit = trie.matchPrefix(text, m.index);
      if (!hit) continue;
      out += text.slice(last, m.index) + hit.value;
      last = pattern.lastIndex = hit.end;
    }
    return last === 0 ? text : out + text.slice(last);
  }
  return {
    id: `${id}:${createHash("sha256").update(JSON.stringify(forms)).digest("hex").slice(0, 12)}`,
    forms: [...forms],
    touches,
    apply,
  };
}

/** The profile of that name, read once a process; null for OpenCC's own forms. */
export function usageProfile(id: UsageProfile): UsageProfileData | null {
  if (id === "opencc") return null;
  let p = loaded.get(id);
  if (p === undefined) {
    p = profileFrom(id, readUsageForms(new URL(`./data/usage-${id}.json`, import.meta.url)));
    loaded.set(id, p);
  }
  return p;
}

// A newsroom usage profile: which of two correct forms a variant's papers print (台 or 臺,
// 公布 or 公佈 …), applied to OpenCC's output by longest match, words before characters.
// Data: scripts/convert/data/usage-<profile>.json, each form with why it was chosen.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
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
  // Indexed by the characters a form changes: a text without any of them (most) needs one
  // scan and no more. A form that changes nothing keeps a word out of a character's form,
  // so it is indexed by the characters of the forms it overrides.
  const changed = new Set<string>();
  for (const f of forms) Array.from(f.from).forEach((ch, i) => ch !== Array.from(f.to)[i] && changed.add(ch));
  const at = new Map<string, { form: UsageForm; offset: number }[]>();
  for (const form of forms) {
    Array.from(form.from).forEach((ch, offset) => {
      if (!changed.has(ch)) return;
      const list = at.get(ch) ?? [];
      list.push({ form, offset: form.from.slice(0, offset).length });
      at.set(ch, list);
    });
  }
  // Longer words first: 佔有 (kept) before 佔 (changed).
  for (const list of at.values()) list.sort((x, y) => y.form.from.length - x.form.from.length);
  const pattern = changed.size ? new RegExp(`[${[...changed].join("").replace(/[\\\]^-]/g, "\\$&")}]`, "gu") : null;
  const touches = (text: string) => {
    if (!pattern) return false;
    pattern.lastIndex = 0;
    return pattern.test(text);
  };
  function apply(text: string): string {
    if (!pattern) return text;
    pattern.lastIndex = 0;
    let out = "";
    let last = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      for (const { form, offset } of at.get(m[0])!) {
        const start = m.index - offset;
        if (start < last || !text.startsWith(form.from, start)) continue;
        out += text.slice(last, start) + form.to;
        last = pattern.lastIndex = start + form.from.length;
        break;
      }
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

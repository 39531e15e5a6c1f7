// Spam guard: the site this product is modelled on had its page titles replaced with gambling
// and porn keywords. A blocklist of such terms (both scripts) is checked against everything an
// article says: title, summary, body text, alt text, link text. A hit stops the build.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { Problems } from "./problems.ts";
import { scriptConverter } from "../convert/script-converter.ts";

export const BLOCKLIST_FILE = "content/_data/blocklist.json";

/** Markers of gambling and porn spam; written in Simplified, matched in both scripts. */
export const DEFAULT_BLOCKLIST = [
  "博彩", "赌场", "百家乐", "网上赌博", "网络赌博", "在线赌博", "赌博网站", "时时彩", "北京赛车", "老虎机", "体育投注",
  "真人娱乐", "真人荷官", "葡京", "澳门赌场", "彩票平台", "彩金", "开户送", "注册送彩金", "棋牌游戏", "捕鱼游戏",
  "色情", "成人视频", "成人影片", "黄色网站", "裸聊", "约炮", "一夜情", "援交", "外围女", "av女优", "情色",
  "casino", "baccarat", "porn", "xxx",
];

export interface Blocklist {
  /** One pattern for all terms in every script. */
  pattern: RegExp | null;
  terms: string[];
}

// Zero-width characters and spaces slipped between the characters of a term.
const INVISIBLE = /[\u200b-\u200f\u2060\ufeff\u00ad]/g;

const loaded = new Map<string, { stamp: string; blocklist: Blocklist }>();

/** The site's blocklist; built once a process unless the file changes (building it converts every term). */
export function loadBlocklist(root: string, problems: Problems): Blocklist {
  let stamp = "none";
  try {
    const st = statSync(join(root, BLOCKLIST_FILE));
    stamp = `${st.mtimeMs}:${st.size}`;
  } catch {
    // no file: the defaults
  }
  const hit = loaded.get(root);
  if (hit && hit.stamp === stamp) return hit.blocklist;
  const fresh = new Problems();
  const blocklist = readBlocklist(root, fresh);
  problems.list.push(...fresh.list);
  if (fresh.list.length === 0) loaded.set(root, { stamp, blocklist });
  return blocklist;
}

function readBlocklist(root: string, problems: Problems): Blocklist {
  let data: { terms?: unknown; useDefaults?: unknown; allow?: unknown } = {};
  try {
    data = JSON.parse(readFileSync(join(root, BLOCKLIST_FILE), "utf8"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") {
      problems.error(BLOCKLIST_FILE, `is not valid JSON: ${(err as Error).message}.`, { hint: 'Write {"useDefaults": true, "terms": ["…"]}.' });
    }
  }
  const own = Array.isArray(data.terms) ? data.terms.filter((t): t is string => typeof t === "string" && t.trim() !== "") : [];
  const allow = new Set(Array.isArray(data.allow) ? data.allow.filter((t): t is string => typeof t === "string") : []);
  const base = data.useDefaults === false ? [] : DEFAULT_BLOCKLIST;
  const toHant = scriptConverter({ lang: "zh-Hans", opencc: "cn" }, { lang: "zh-Hant", opencc: "tw" }, []);
  const toHans = scriptConverter({ lang: "zh-Hant", opencc: "tw" }, { lang: "zh-Hans", opencc: "cn" }, []);
  const terms = new Set<string>();
  for (const t of [...base, ...own]) {
    if (allow.has(t)) continue;
    for (const form of [t, toHant.convert(t), toHans.convert(t)]) terms.add(form.toLowerCase());
  }
  const list = [...terms].sort((a, b) => b.length - a.length);
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // Latin terms as whole words only (xxx in "xxxl" is no spam).
  const alternatives = list.map((t) => (/^[a-z0-9 ]+$/.test(t) ? `\\b${escape(t)}\\b` : escape(t)));
  return { terms: list, pattern: list.length ? new RegExp(alternatives.join("|"), "i") : null };
}

/** Reports each line of an article that holds a blocked term. */
export function scanForSpam(file: string, text: string, blocklist: Blocklist, problems: Problems): void {
  if (!blocklist.pattern) return;
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    // Spaces between Chinese characters are a trick too: 博 彩.
    const normalized = line.replace(INVISIBLE, "").replace(/(?<=\p{Script=Han})[\s\-_.·*]+(?=\p{Script=Han})/gu, "");
    const m = blocklist.pattern!.exec(normalized);
    if (m) {
      problems.error(file, `contains the blocked term "${m[0]}".`, {
        line: i + 1,
        hint: `Gambling and porn spam terms are refused (${BLOCKLIST_FILE}). If this is legitimate, add the term to "allow" there.`,
      });
    }
  });
}

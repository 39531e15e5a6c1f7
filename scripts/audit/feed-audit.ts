// Feeds carry every article's HTML (escaped in Atom, a string in JSON Feed) and its title to
// feed readers and aggregators: they are checked as the article pages are.
import { auditHtml, type AuditContext, type Finding } from "./html-audit.ts";
import { readMarkup } from "./read-markup.ts";
import { urlScheme } from "../markdown/html-policy.ts";

const TITLES = new Set(["title", "subtitle"]);
const NAMES = new Set(["name"]);

/** Judges one text of a feed for spam, into `findings`. */
function judgeText(findings: Finding[], ctx: AuditContext, value: unknown, kind: "title" | "text" | "name"): void {
  if (typeof value !== "string" || !value.trim()) return;
  const hit = ctx.judge.judge(value.trim(), kind);
  if (hit) findings.push({ rule: `reads as gambling/porn spam: ${hit.why}`, excerpt: value.trim().slice(0, 80) });
}

/** A feed's links lead to web pages: any scheme but http(s) is a finding. */
function checkScheme(findings: Finding[], where: string, value: string): void {
  const scheme = urlScheme(value);
  if (scheme && scheme !== "http" && scheme !== "https") findings.push({ rule: `a ${scheme}: URL in ${where}`, excerpt: value });
}

export function auditAtom(src: string, ctx: AuditContext): Finding[] {
  const findings: Finding[] = [];
  const stack: { name: string; html: boolean }[] = [];
  let text = "";
  const judge = (value: string, kind: "title" | "text" | "name") => judgeText(findings, ctx, value, kind);
  readMarkup(
    src,
    {
      open(name, names, values, count, _offset, selfClosing) {
        let html = false;
        for (let a = 0; a < count; a++) {
          const k = names[a];
          const v = values[a];
          if (k === "href" || k === "scheme" || k === "uri") checkScheme(findings, `${k}=`, v);
          if (k === "label") judge(v, "name");
          if (k === "type" && v === "html") html = true;
        }
        if (!selfClosing) stack.push({ name, html });
        text = "";
      },
      close(name) {
        const top = stack.pop();
        if (top && top.name === name) {
          if (top.html) findings.push(...auditHtml(text, ctx, true));
          else if (TITLES.has(name)) judge(text, "title");
          else if (name === "summary") judge(text, "text");
          else if (NAMES.has(name)) judge(text, "name");
        }
        text = "";
      },
      text(t) {
        text += t;
      },
      raw() {},
      error(message, offset) {
        findings.push({ rule: message, excerpt: src.slice(offset, offset + 40) });
      },
    },
    true,
  );
  return findings;
}

export function auditJsonFeed(src: string, ctx: AuditContext): Finding[] {
  let feed: { title?: unknown; description?: unknown; items?: unknown };
  try {
    feed = JSON.parse(src);
  } catch {
    return [{ rule: "a JSON feed that is not JSON", excerpt: src.slice(0, 80) }];
  }
  const findings: Finding[] = [];
  const judge = (value: unknown, kind: "title" | "text" | "name") => judgeText(findings, ctx, value, kind);
  judge(feed.title, "title");
  judge(feed.description, "text");
  for (const item of Array.isArray(feed.items) ? (feed.items as Record<string, unknown>[]) : []) {
    judge(item.title, "title");
    judge(item.summary, "text");
    if (typeof item.content_html === "string") findings.push(...auditHtml(item.content_html, ctx, true));
    for (const key of ["url", "external_url", "image"]) {
      const v = item[key];
      if (typeof v === "string") checkScheme(findings, key, v);
    }
    for (const tag of Array.isArray(item.tags) ? item.tags : []) judge(tag, "name");
  }
  return findings;
}

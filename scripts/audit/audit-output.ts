// Which check a written file gets, by what it is: pages, Atom and JSON feeds. Sitemaps,
// robots.txt, _headers and the search index hold no text of their own a reader reads as a
// page (the search index is built from the same texts as the pages).
import { auditAtom, auditJsonFeed } from "./feed-audit.ts";
import { auditHtml, type AuditContext, type Finding } from "./html-audit.ts";

export type { AuditContext, Finding };

export function auditOutput(path: string, content: string, ctx: AuditContext): Finding[] {
  if (path.endsWith(".html")) return auditHtml(content, ctx);
  if (path.endsWith(".xml") && content.includes("<feed")) return auditAtom(content, ctx);
  if (path.endsWith("feed.json")) return auditJsonFeed(content, ctx);
  return [];
}

// Which check a written file gets, by what it is: pages, Atom and JSON feeds. Sitemaps,
// robots.txt, _headers and the search index hold no text of their own a reader reads as a
// page (the search index is built from the same texts as the pages).
import { auditAtom, auditJsonFeed } from "./feed-audit.ts";
import { auditHtml, type AuditContext, type Finding } from "./html-audit.ts";
import { Problems } from "../content/problems.ts";
import { securityPolicy } from "../security/policy.ts";
import { loadSiteConfig } from "../site/site-config.ts";
import { createSpamJudge } from "../spam/judge.ts";
import { readSpamOptions } from "../spam/options.ts";

export type { AuditContext, Finding };

/** What the check compares with, from the site at `root`: its CSP, origin, iframe hosts and spam judge. */
export function auditContext(root: string): AuditContext {
  const problems = new Problems();
  const site = loadSiteConfig(root, problems);
  return {
    cspMeta: securityPolicy(site).meta,
    siteOrigin: site.url.replace(/\/+$/, ""),
    iframeHosts: site.iframeHosts,
    // Site data and the blocklist were checked before rendering; here they only configure.
    judge: createSpamJudge(readSpamOptions(root, problems)),
  };
}

export function auditOutput(path: string, content: string, ctx: AuditContext): Finding[] {
  if (path.endsWith(".html")) return auditHtml(content, ctx);
  if (path.endsWith(".xml") && content.includes("<feed")) return auditAtom(content, ctx);
  if (path.endsWith("feed.json")) return auditJsonFeed(content, ctx);
  return [];
}

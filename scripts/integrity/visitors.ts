// Who verify pretends to be. A hijacked host often cloaks: it serves spam only to crawlers
// (by User-Agent) or only to readers arriving from a search engine (by Referer), and the
// plain page to everyone else, so the owner never sees it. Each page is fetched as each of
// these; any difference between them is cloaking.

export interface Visitor {
  /** As named in reports: the header that differs from a browser's. */
  name: string;
  headers: Record<string, string>;
}

/** A current desktop Chrome. */
export const BROWSER_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
export const GOOGLEBOT_UA = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
export const BAIDUSPIDER_UA = "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)";

export const BROWSER: Visitor = { name: "a browser", headers: { "user-agent": BROWSER_UA } };

/** Everyone besides the browser, for a site at `host`. */
export function otherVisitors(host: string): Visitor[] {
  const baidu = `https://www.baidu.com/s?wd=${encodeURIComponent(host)}`;
  return [
    { name: "User-Agent Googlebot", headers: { "user-agent": GOOGLEBOT_UA } },
    { name: "User-Agent Baiduspider", headers: { "user-agent": BAIDUSPIDER_UA } },
    { name: `Referer ${baidu}`, headers: { "user-agent": BROWSER_UA, referer: baidu } },
    { name: "Referer https://www.google.com/", headers: { "user-agent": BROWSER_UA, referer: "https://www.google.com/" } },
  ];
}

/** Files a cloaking host varies: pages, and what crawlers read (sitemaps, feeds, robots.txt). */
export function watchedForCloaking(path: string): boolean {
  return path.endsWith(".html") || path.endsWith(".xml") || path === "/robots.txt" || path.endsWith("/feed.json");
}

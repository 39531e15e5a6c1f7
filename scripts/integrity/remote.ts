// Verifying a site over HTTP(S): every path of the manifest is fetched (a few at a time, with
// a time limit), hashed and compared. A page /x/index.html is fetched as /x/, the URL that
// readers use (and as /x/index.html only if /x/ is not found). A 404 or 410 is "removed".
//
// Files added on a host cannot be listed over HTTP; the ones the site's sitemaps list can:
// robots.txt's Sitemap lines and /sitemap.xml are read (sitemap indexes followed) and every
// listed URL that the manifest does not hold is fetched — found means "added".
//
// Files are fetched as a browser (a current Chrome), and every page, feed, sitemap and
// robots.txt also as Googlebot, as Baiduspider and with search engines' Referers: what any
// of them gets that a browser does not is "cloaked" (visitors.ts).
import { compareFile, expectedFiles, sortDifferences, type Difference, type Report } from "./compare.ts";
import { sha256, type Manifest, type ManifestEntry } from "./manifest.ts";
import { BROWSER, otherVisitors, watchedForCloaking, type Visitor } from "./visitors.ts";

export interface RemoteOptions {
  /** Requests at the same time. */
  concurrency: number;
  /** Time limit of one request, in milliseconds. */
  timeoutMs: number;
  /** Further tries after a network error, a time-out or a 5xx/429 answer. */
  retries: number;
}

export const DEFAULT_REMOTE: RemoteOptions = { concurrency: 8, timeoutMs: 30_000, retries: 1 };

const MAX_REDIRECTS = 5;
const MAX_SITEMAPS = 200;
const MAX_SITEMAP_URLS = 200_000;

export type Fetched =
  | { kind: "ok"; body: Buffer }
  | { kind: "missing"; status: number }
  | { kind: "error"; message: string; retry: boolean }
  | { kind: "offsite"; location: string };

/** The base URL with exactly one trailing slash: https://example.com/news/ */
export function normalizeBase(base: string): URL {
  const u = new URL(base);
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error(`${base} is not an http(s) URL.`);
  u.search = "";
  u.hash = "";
  if (!u.pathname.endsWith("/")) u.pathname += "/";
  return u;
}

function encodePath(path: string): string {
  return path
    .split("/")
    .map((s) => encodeURIComponent(s))
    .join("/");
}

/** The URLs to try for a manifest path, best first: /x/index.html → /x/, then /x/index.html. */
export function urlsFor(base: URL, path: string): string[] {
  const rel = encodePath(path.slice(1));
  const file = base.href + rel;
  if (path === "/index.html" || path.endsWith("/index.html")) return [base.href + rel.slice(0, -"index.html".length), file];
  return [file];
}

async function fetchOnce(url: string, timeoutMs: number, visitor: Visitor): Promise<Fetched> {
  let current = url;
  const origin = new URL(url).origin;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    let res: Response;
    try {
      res = await fetch(current, {
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
        headers: { "cache-control": "no-cache", ...visitor.headers },
      });
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      const message = e.name === "TimeoutError" ? `no answer in ${timeoutMs / 1000} s` : (e.cause?.code ?? e.cause?.message ?? e.message);
      return { kind: "error", message, retry: true };
    }
    if (res.status >= 300 && res.status < 400 && res.headers.has("location")) {
      await res.body?.cancel();
      const next = new URL(res.headers.get("location") ?? "", current);
      // A page that sends readers to another site is not the page that was built.
      if (next.origin !== origin) return { kind: "offsite", location: next.href };
      current = next.href;
      continue;
    }
    if (res.status === 404 || res.status === 410) {
      await res.body?.cancel();
      return { kind: "missing", status: res.status };
    }
    if (res.status !== 200) {
      await res.body?.cancel();
      return { kind: "error", message: `HTTP ${res.status}`, retry: res.status >= 500 || res.status === 429 };
    }
    try {
      return { kind: "ok", body: Buffer.from(await res.arrayBuffer()) };
    } catch (err) {
      return { kind: "error", message: `reading the answer failed: ${(err as Error).message}`, retry: true };
    }
  }
  return { kind: "error", message: `more than ${MAX_REDIRECTS} redirects`, retry: false };
}

async function fetchUrl(url: string, options: RemoteOptions, visitor: Visitor): Promise<Fetched> {
  let result = await fetchOnce(url, options.timeoutMs, visitor);
  for (let i = 0; i < options.retries && result.kind === "error" && result.retry; i++) {
    await new Promise((r) => setTimeout(r, 250 * (i + 1)));
    result = await fetchOnce(url, options.timeoutMs, visitor);
  }
  return result;
}

/** Fetches a site path, trying /x/ before /x/index.html; "missing" only if none is found. */
export async function fetchPath(base: URL, path: string, options: RemoteOptions, visitor: Visitor = BROWSER): Promise<Fetched> {
  let last: Fetched = { kind: "missing", status: 404 };
  for (const url of urlsFor(base, path)) {
    last = await fetchUrl(url, options, visitor);
    if (last.kind !== "missing") return last;
  }
  return last;
}

/** Runs `fn` over `items`, at most `limit` at a time; results in the order of `items`. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, "&");
}

/** The <loc> values of a sitemap or sitemap index, and which of the two it is. */
export function sitemapLocs(xml: string): { index: boolean; locs: string[] } {
  const locs: string[] = [];
  for (const m of xml.matchAll(/<loc>\s*([^<]*?)\s*<\/loc>/g)) {
    locs.push(decodeXml(m[1].replace(/^<!\[CDATA\[|\]\]>$/g, "")));
    if (locs.length >= MAX_SITEMAP_URLS) break;
  }
  return { index: /<sitemapindex[\s>]/.test(xml), locs };
}

/** The Sitemap: lines of a robots.txt. */
export function robotsSitemaps(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => /^\s*sitemap\s*:\s*(\S+)/i.exec(l)?.[1])
    .filter((u): u is string => u !== undefined);
}

/**
 * The manifest path of a URL listed in a sitemap: its path below the site (the base URL's
 * folder, whatever host the sitemap names: a staging copy lists the real site's URLs),
 * /x/ as /x/index.html. Null for what is not http(s).
 */
export function locToPath(loc: string, base: URL, known: ReadonlySet<string>): string | null {
  let u: URL;
  try {
    u = new URL(loc, base);
  } catch {
    return null;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return null;
  let p = u.pathname;
  if (base.pathname !== "/" && p.startsWith(base.pathname)) p = `/${p.slice(base.pathname.length)}`;
  try {
    p = decodeURIComponent(p);
  } catch {
    // keep it encoded
  }
  if (p.endsWith("/")) return `${p}index.html`;
  if (!known.has(p) && known.has(`${p}/index.html`)) return `${p}/index.html`;
  return p;
}

function describe(path: string, f: Fetched, expected: ManifestEntry | undefined): Difference | null {
  switch (f.kind) {
    case "ok":
      return expected ? compareFile(expected, { size: f.body.length, sha256: sha256(f.body) }) : null;
    case "missing":
      return { kind: "removed", path, detail: `HTTP ${f.status}` };
    case "offsite":
      return { kind: "changed", path, detail: `redirects to ${f.location}` };
    case "error":
      return { kind: "error", path, detail: f.message };
  }
}

/** What a visitor got, to compare with what a browser got: null for an error (no answer). */
function signature(f: Fetched): string | null {
  switch (f.kind) {
    case "ok":
      return `${f.body.length} bytes, sha256 ${sha256(f.body).slice(0, 12)}…`;
    case "missing":
      return `HTTP ${f.status}`;
    case "offsite":
      return `a redirect to ${f.location}`;
    case "error":
      return null;
  }
}

/**
 * Fetches every watched path as each other visitor and reports what differs from what the
 * browser got (`asBrowser`): one line a path, naming the visitors that saw it.
 */
async function findCloaking(base: URL, paths: readonly string[], asBrowser: ReadonlyMap<string, Fetched>, options: RemoteOptions): Promise<{ differences: Difference[]; requests: number }> {
  const visitors = otherVisitors(base.host);
  const watched = paths.filter((p) => watchedForCloaking(p) && signature(asBrowser.get(p)!) !== null);
  const tasks = watched.flatMap((path) => visitors.map((visitor) => ({ path, visitor })));
  const got = await mapLimit(tasks, options.concurrency, (t) => fetchPath(base, t.path, options, t.visitor));
  const differences: Difference[] = [];
  watched.forEach((path, i) => {
    const browser = signature(asBrowser.get(path)!)!;
    const seen: string[] = [];
    visitors.forEach((visitor, j) => {
      const f = got[i * visitors.length + j];
      const sig = signature(f);
      if (sig === null && f.kind === "error") differences.push({ kind: "error", path, detail: `as ${visitor.name}: ${f.message}` });
      else if (sig !== browser) seen.push(`${visitor.name} gets ${sig}`);
    });
    if (seen.length) differences.push({ kind: "cloaked", path, detail: `${seen.join("; ")}; a browser gets ${browser}` });
  });
  return { differences, requests: tasks.length };
}

/**
 * The HTTPS address an http:// site redirects to, or null. Verifying it over http would
 * report every file as a redirect: one message says which address to verify instead.
 */
async function httpsRedirect(base: URL, options: RemoteOptions): Promise<string | null> {
  if (base.protocol !== "http:") return null;
  let res: Response;
  try {
    res = await fetch(base.href, { redirect: "manual", signal: AbortSignal.timeout(options.timeoutMs), headers: BROWSER.headers });
  } catch {
    return null; // the files' own fetches report it
  }
  await res.body?.cancel();
  const location = res.headers.get("location");
  if (res.status < 300 || res.status >= 400 || !location) return null;
  const next = new URL(location, base);
  if (next.protocol !== "https:" || next.hostname !== base.hostname) return null;
  const https = new URL(base.href);
  https.protocol = "https:";
  https.port = next.port;
  return https.href;
}

/** Compares the site at `baseUrl` with the manifest. */
export async function verifyUrl(baseUrl: string, manifest: Manifest, manifestBytes: Buffer, options: RemoteOptions = DEFAULT_REMOTE): Promise<Report> {
  const base = normalizeBase(baseUrl);
  const https = await httpsRedirect(base, options);
  if (https) {
    throw new Error(`${base.href} redirects to HTTPS: the site is served at ${https}. Verify that address: npm run verify -- ${https}`);
  }
  const expected = expectedFiles(manifest, manifestBytes);
  const paths = [...expected.keys()];
  const differences: Difference[] = [];
  // Kept for finding sitemaps: robots.txt and XML files as the host serves them.
  const bodies = new Map<string, Buffer>();

  const fetched = await mapLimit(paths, options.concurrency, async (path) => {
    const f = await fetchPath(base, path, options);
    if (f.kind === "ok" && (path === "/robots.txt" || path.endsWith(".xml"))) bodies.set(path, f.body);
    return f;
  });
  paths.forEach((path, i) => {
    const d = describe(path, fetched[i], expected.get(path));
    if (d) differences.push(d);
  });
  const cloaking = await findCloaking(base, paths, new Map(paths.map((p, i) => [p, fetched[i]])), options);
  differences.push(...cloaking.differences);

  // Sitemaps as served: robots.txt's, then /sitemap.xml, and what their indexes list. One
  // of these two that the manifest lacks but the host has is itself an addition.
  const known = new Set(paths);
  const added = new Map<string, { from: string; f: Fetched }>();
  let extraChecked = 0;
  const probe = async (path: string, from: string): Promise<Buffer | undefined> => {
    if (known.has(path)) return bodies.get(path);
    if (added.has(path)) return undefined;
    extraChecked++;
    const f = await fetchPath(base, path, options);
    // Only what is there counts: a host may answer 403 for a file it does not have.
    if (f.kind === "ok" || f.kind === "offsite") added.set(path, { from, f });
    return f.kind === "ok" ? f.body : undefined;
  };
  const queue: { path: string; from: string }[] = [];
  const queued = new Set<string>();
  const enqueue = (path: string | null, from: string) => {
    if (path && !queued.has(path) && queued.size < MAX_SITEMAPS) {
      queued.add(path);
      queue.push({ path, from });
    }
  };
  const robots = await probe("/robots.txt", "not in the manifest");
  if (robots) for (const loc of robotsSitemaps(robots.toString("utf8"))) enqueue(locToPath(loc, base, known), "listed in /robots.txt");
  enqueue("/sitemap.xml", "not in the manifest");
  let sitemapsRead = 0;
  let sitemapUrls = 0;
  const pages = new Map<string, string>(); // listed page not in the manifest → where it is listed
  while (queue.length > 0) {
    const { path, from } = queue.shift()!;
    const body = await probe(path, from);
    if (!body) continue;
    sitemapsRead++;
    const { index, locs } = sitemapLocs(body.toString("utf8"));
    for (const loc of locs) {
      const p = locToPath(loc, base, known);
      if (!p) continue;
      sitemapUrls++;
      if (index) enqueue(p, `listed in ${path}`);
      else if (!known.has(p) && !added.has(p) && !pages.has(p)) pages.set(p, `listed in ${path}`);
    }
  }
  const pagePaths = [...pages.keys()].filter((p) => !added.has(p));
  extraChecked += pagePaths.length;
  const pageFetched = await mapLimit(pagePaths, options.concurrency, (p) => fetchPath(base, p, options));
  pagePaths.forEach((p, i) => {
    if (pageFetched[i].kind !== "missing") added.set(p, { from: pages.get(p)!, f: pageFetched[i] });
  });

  // Found on the host but not in the manifest: added.
  for (const [p, { from, f }] of added) {
    if (f.kind === "ok") differences.push({ kind: "added", path: p, detail: `${from}; ${f.body.length} bytes, sha256 ${sha256(f.body).slice(0, 12)}…` });
    else if (f.kind === "offsite") differences.push({ kind: "added", path: p, detail: `${from}; redirects to ${f.location}` });
    else if (f.kind === "error") differences.push({ kind: "error", path: p, detail: `${from}; ${f.message}` });
  }

  return {
    checked: paths.length,
    extraChecked,
    differences: sortDifferences(differences),
    notes: [
      `Pages, feeds, sitemaps and robots.txt were fetched as a browser and also as ${otherVisitors(base.host)
        .map((v) => v.name)
        .join(", ")} (${cloaking.requests} more requests): what any of them gets that a browser does not is reported as cloaked.`,
      `Added files are only detected in a folder and, over HTTP, among the pages listed in the site's sitemaps ` +
        `(${sitemapUrls} URLs in ${sitemapsRead} sitemap files read here): to find every added file, verify a copy of the published folder.`,
    ],
  };
}

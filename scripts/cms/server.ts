// `npm run cms`: the admin page (Decap CMS from node_modules, our admin.js, the config made
// from site data), the preview through the site's own reader and converter, and Decap's local
// backend behind /api/v1 — all on 127.0.0.1, nothing from other hosts.
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { Problems, formatProblem } from "../content/problems.ts";
import { loadBlocklist } from "../content/spam-guard.ts";
import { loadSiteConfig, type SiteConfig } from "../site/site-config.ts";
import { adminText, ADMIN_TEXT, type AdminTextKey } from "./admin-text.ts";
import { adminHeaders } from "./admin-headers.ts";
import { cmsConfig, type CmsBackend } from "./cms-config.ts";
import { startLocalBackend, type LocalBackend } from "./local-backend.ts";
import { previewArticle, type PreviewRequest } from "./preview.ts";

export const ADMIN_DIR = join(dirname(fileURLToPath(import.meta.url)), "admin");
export const DECAP_DIST = dirname(createRequire(import.meta.url).resolve("decap-cms/dist/decap-cms.js"));

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".webp": "image/webp",
  ".gif": "image/gif",
  ".avif": "image/avif",
};
const PHOTO = new Set([".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"]);
/** A preview request is the entry's text; decap-server's writes carry photos as base64. */
const MAX_PREVIEW_BYTES = 4 * 1024 * 1024;

export interface CmsServerOptions {
  root: string;
  port: number;
  /** The address to listen on: 127.0.0.1 unless the editor saves to GitHub (then nothing here writes). */
  host?: string;
  /** The script of the editor's UI: one of the site's variants. */
  lang?: string;
  backend?: CmsBackend;
  log?: (line: string) => void;
}

export interface CmsServer {
  url: string;
  close(): Promise<void>;
}

/** Everything the admin page needs from site data, read again on each load of the page. */
export function adminConfig(site: SiteConfig, lang: string, backend: CmsBackend) {
  const t = adminText(site, lang);
  const text = Object.fromEntries(Object.keys(ADMIN_TEXT).map((k) => [k, t(k as AdminTextKey)]));
  return { config: cmsConfig(site, { lang, backend }), text, timeZone: site.timeZone };
}

function loadSite(root: string): SiteConfig {
  const problems = new Problems();
  const site = loadSiteConfig(root, problems);
  if (problems.errors.length) throw new Error(problems.errors.map(formatProblem).join("\n"));
  return site;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error(`request larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A file under `base`, or undefined for anything outside it (.., absolute, a folder). */
function fileUnder(base: string, rel: string): string | undefined {
  let name: string;
  try {
    name = decodeURIComponent(rel);
  } catch {
    return undefined;
  }
  const abs = resolve(base, name);
  if (!abs.startsWith(base + sep) || !existsSync(abs) || !statSync(abs).isFile()) return undefined;
  return abs;
}

export async function startCmsServer(options: CmsServerOptions): Promise<CmsServer> {
  const root = resolve(options.root);
  const backend: CmsBackend = options.backend ?? { kind: "local" };
  const log = options.log ?? ((line: string) => console.log(line));
  const first = loadSite(root);
  const lang = options.lang ?? first.defaultLang;
  if (!first.variants.some((v) => v.lang === lang)) throw new Error(`--lang ${lang} is not a script of this site: use one of ${first.variants.map((v) => v.lang).join(", ")}.`);
  const host = options.host ?? "127.0.0.1";
  if (backend.kind === "local" && host !== "127.0.0.1") throw new Error(`--host ${host}: the local backend writes into ${root} and listens on 127.0.0.1 only. Use --github to serve editors on other machines.`);
  const headers = adminHeaders(backend);
  let local: LocalBackend | undefined;
  let origin = "";

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`cms: ${req.method} ${req.url}: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) send(res, 500, JSON.stringify({ error: error instanceof Error ? error.message : String(error) }), TYPES[".json"]);
    });
  });

  // Only this page may write: a page of another site could otherwise post to 127.0.0.1 (and a
  // renamed host could reach it by DNS rebinding).
  function sameOrigin(req: IncomingMessage): boolean {
    const host = req.headers.host ?? "";
    // Saving to GitHub, this server writes nothing: any name may reach it, but only its own page may post.
    if (backend.kind === "github") return req.method === "GET" || req.method === "HEAD" || req.headers.origin === undefined || req.headers.origin === `http://${host}` || req.headers.origin === `https://${host}`;
    if (host !== new URL(origin).host && host !== `localhost:${new URL(origin).port}`) return false;
    const from = req.headers.origin;
    return from === undefined || from === `http://${host}`;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", origin);
    const path = url.pathname;
    if (!sameOrigin(req)) return send(res, 403, "Forbidden: the editor answers its own page only.\n", TYPES[".txt"]);
    if (path === "/" || path === "/admin") return void res.writeHead(302, { Location: "/admin/" }).end();
    if (path === "/robots.txt") return send(res, 200, "User-agent: *\nDisallow: /\n", TYPES[".txt"]);
    if (req.method === "POST" && path === "/api/v1") return proxy(req, res);
    if (req.method === "POST" && path === "/admin/preview") {
      if (!/^application\/json\b/.test(req.headers["content-type"] ?? "")) return send(res, 415, JSON.stringify({ error: "send JSON" }), TYPES[".json"]);
      const request = JSON.parse((await readBody(req, MAX_PREVIEW_BYTES)).toString("utf8")) as PreviewRequest;
      const site = loadSite(root);
      const result = previewArticle(site, loadBlocklist(root, new Problems()), request);
      return send(res, 200, JSON.stringify(result), TYPES[".json"], headers);
    }
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "Method not allowed\n", TYPES[".txt"]);
    if (path === "/admin/") return send(res, 200, readFileSync(join(ADMIN_DIR, "index.html")), TYPES[".html"], headers);
    if (path === "/admin/config.json") return send(res, 200, JSON.stringify(adminConfig(loadSite(root), lang, backend)), TYPES[".json"], headers);
    const file = path.startsWith("/admin/decap/")
      ? fileUnder(DECAP_DIST, path.slice("/admin/decap/".length))
      : path.startsWith("/admin/file/content/")
        ? // Saved photos of articles, for the preview: photos under content/ only.
          ((f) => (f && PHOTO.has(extname(f).toLowerCase()) ? f : undefined))(fileUnder(join(root, "content"), path.slice("/admin/file/content/".length)))
        : path.startsWith("/admin/")
          ? fileUnder(ADMIN_DIR, path.slice("/admin/".length))
          : undefined;
    if (!file) return send(res, 404, "Not found\n", TYPES[".txt"]);
    send(res, 200, readFileSync(file), TYPES[extname(file).toLowerCase()] ?? "application/octet-stream", headers);
  }

  async function proxy(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!local) return send(res, 404, JSON.stringify({ error: "the local backend is off: this editor saves to GitHub" }), TYPES[".json"]);
    if (!/^application\/json\b/.test(req.headers["content-type"] ?? "")) return send(res, 415, JSON.stringify({ error: "send JSON" }), TYPES[".json"]);
    const body = await readBody(req, 64 * 1024 * 1024);
    const upstream = httpRequest({ host: "127.0.0.1", port: local.port, path: "/api/v1", method: "POST", headers: { "content-type": "application/json", "content-length": body.length, origin } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { "Content-Type": answer.headers["content-type"] ?? TYPES[".json"] });
      answer.pipe(res);
    });
    upstream.on("error", (error) => send(res, 502, JSON.stringify({ error: `decap-server: ${error.message}` }), TYPES[".json"]));
    upstream.end(body);
  }

  await new Promise<void>((listening, fail) => {
    server.once("error", fail);
    server.listen(options.port, host, () => listening());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  origin = `http://${host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host}:${port}`;
  if (backend.kind === "local") {
    try {
      local = await startLocalBackend(root, origin, (line) => log(`decap-server: ${line}`));
    } catch (error) {
      server.close();
      throw error;
    }
  }
  return {
    url: `${origin}/admin/`,
    close: async () => {
      await local?.stop();
      const closed = new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await closed;
    },
  };
}

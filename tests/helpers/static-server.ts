// A tiny static host for a built site, on 127.0.0.1 at a free port: files as they are with
// their content type, `/x/` → `/x/index.html`, and the site's own /404.html (status 404) for
// anything missing; text is gzipped for clients that accept it, as hosts do. Every request is
// recorded with its status, so tests can check what a page fetched.
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, sep } from "node:path";
import { gzipSync } from "node:zlib";

export const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".bin": "application/octet-stream",
  ".svg": "image/svg+xml",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".gif": "image/gif",
  ".ico": "image/x-icon",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
};

export interface ServedRequest {
  path: string;
  status: number;
}

export interface StaticServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  origin: string;
  /** Every request so far, in order. */
  requests: ServedRequest[];
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Extra response headers for every file (e.g. a Content-Security-Policy). */
  headers?: Record<string, string>;
  /** Gzip text (HTML, CSS, JavaScript, JSON, XML, SVG, plain text) when the client accepts it; default true. */
  gzip?: boolean;
  /**
   * Called first for every request, with the file it maps to: may answer it itself and
   * return true (a host that cloaks, or redirects), else the file is served as usual.
   */
  intercept?: (req: IncomingMessage, res: ServerResponse, file: string | undefined) => boolean;
}

const COMPRESSIBLE = /^(text\/|application\/(json|xml)|image\/svg)/;

/** The file a URL path maps to under `root`, or undefined when there is none. */
export function resolveFile(root: string, pathname: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (path.split("/").includes("..") || path.includes("\0")) return undefined;
  let file = join(root, path);
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep) && file !== root) return undefined;
  if (path.endsWith("/") || (existsSync(file) && statSync(file).isDirectory())) file = join(file, "index.html");
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

export function serveStatic(root: string, options: ServeOptions = {}): Promise<StaticServer> {
  const requests: ServedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const pathname = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const file = resolveFile(root, pathname);
    if (options.intercept?.(req, res, file)) {
      requests.push({ path: pathname, status: res.statusCode });
      return;
    }
    const headers = { ...options.headers };
    if (!file) {
      requests.push({ path: pathname, status: 404 });
      const notFound = join(root, "404.html");
      if (existsSync(notFound)) {
        res.writeHead(404, { ...headers, "content-type": CONTENT_TYPES[".html"] }).end(readFileSync(notFound));
      } else {
        res.writeHead(404, { "content-type": CONTENT_TYPES[".txt"] }).end("not found");
      }
      return;
    }
    requests.push({ path: pathname, status: 200 });
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
    let body = readFileSync(file);
    if (COMPRESSIBLE.test(type)) {
      headers["vary"] = "accept-encoding";
      if ((options.gzip ?? true) && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
        body = gzipSync(body);
        headers["content-encoding"] = "gzip";
      }
    }
    res.writeHead(200, { ...headers, "content-type": type, "content-length": body.length, "cache-control": "no-cache" });
    res.end(req.method === "HEAD" ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        requests,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

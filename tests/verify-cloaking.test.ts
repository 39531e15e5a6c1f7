// verify sees cloaking: a host that serves spam only to crawlers (User-Agent) or only to
// readers arriving from a search engine (Referer) is reported, naming who saw it and the
// file; an http:// site that redirects to https:// is one message. Loopback only.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { PROJECT, article, buildSiteInProcess, makeSite, type RunResult } from "./helpers/site-fixture.ts";
import { serveStatic, type StaticServer } from "./helpers/static-server.ts";

const NOW = { NEWSROOM_NOW: "2025-03-10T12:00:00+08:00" };
const SPAM = '<a href="https://casino.example/">澳门博彩官网</a>';

function verify(args: string[]): Promise<RunResult> {
  return new Promise((done) => {
    const c = spawn(process.execPath, ["--import", "tsx", join(PROJECT, "scripts/cli/verify.ts"), ...args], { cwd: PROJECT });
    let stdout = "";
    let stderr = "";
    c.stdout.on("data", (d) => (stdout += d));
    c.stderr.on("data", (d) => (stderr += d));
    c.once("exit", (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

type Rule = (req: IncomingMessage) => boolean;

describe("verify: cloaking", () => {
  const root = makeSite({
    "content/news/company/2025/a.md": article({ title: "公司新聞", date: "2025-03-01 10:00", editor: "甲", lang: "zh-Hant" }),
  });
  const out = join(root, "_site");
  const manifest = join(out, "manifest.json");
  // Which requests get spam injected into pages; how many requests are in flight at most.
  let spamFor: Rule = () => false;
  let redirectAll = false;
  let inFlight = 0;
  let maxInFlight = 0;
  let server: StaticServer;

  const intercept = (req: IncomingMessage, res: ServerResponse, file: string | undefined): boolean => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.once("close", () => inFlight--);
    if (redirectAll) {
      res.writeHead(301, { location: `https://127.0.0.1:${new URL(server.origin).port}${req.url}` }).end();
      return true;
    }
    if (!file || !file.endsWith(".html") || !spamFor(req)) return false;
    const body = readFileSync(file, "utf8").replace("</main>", `${SPAM}</main>`);
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(body);
    return true;
  };

  before(async () => {
    const b = await buildSiteInProcess(root, out, NOW);
    assert.equal(b.code, 0, b.stderr);
    server = await serveStatic(out, { intercept });
  });
  after(() => server.close());

  const run = (rule: Rule, extra: string[] = []) => {
    spamFor = rule;
    redirectAll = false;
    maxInFlight = 0;
    return verify([`${server.origin}/`, "--manifest", manifest, ...extra]);
  };
  const cloakedLines = (r: RunResult) => r.stdout.split("\n").filter((l) => l.startsWith("cloaked "));

  it("an honest host: identical, every page also fetched as crawlers and with search Referers", async () => {
    const r = await run(() => false);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^OK: identical to the manifest/m);
    assert.match(r.stdout, /fetched as a browser and also as User-Agent Googlebot, User-Agent Baiduspider, Referer https:\/\/www\.baidu\.com\/s\?wd=127\.0\.0\.1%3A\d+, Referer https:\/\/www\.google\.com\/ \(\d+ more requests\)/);
  });

  it("spam served only to Googlebot: each page reported as cloaked, naming Googlebot and only it", async () => {
    const r = await run((req) => /Googlebot/.test(String(req.headers["user-agent"])), ["--concurrency", "3"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const lines = cloakedLines(r);
    assert.ok(lines.some((l) => l.startsWith("cloaked  /zh-hans/index.html (User-Agent Googlebot gets ")), r.stdout);
    assert.ok(lines.some((l) => l.startsWith("cloaked  /zh-hant/news/company/2025/03/a/index.html (User-Agent Googlebot gets ")), r.stdout);
    for (const l of lines) {
      assert.match(l, /\(User-Agent Googlebot gets \d+ bytes, sha256 [0-9a-f]{12}…; a browser gets \d+ bytes, sha256 [0-9a-f]{12}…\)$/);
      assert.doesNotMatch(l, /Baiduspider|Referer/);
    }
    // What a browser gets is what was built: no page is "changed".
    assert.ok(!r.stdout.split("\n").some((l) => l.startsWith("changed ")), r.stdout);
    assert.match(r.stdout, new RegExp(`^DIFFERENT from the manifest: 0 changed, 0 removed, 0 added, ${lines.length} cloaked \\(served differently to crawlers or search visitors\\)`, "m"));
    assert.ok(maxInFlight <= 3, `at most 3 requests at a time, not ${maxInFlight}`);
  });

  it("spam served only with a Baidu Referer: reported, naming the Referer", async () => {
    const r = await run((req) => String(req.headers.referer ?? "").startsWith("https://www.baidu.com/"));
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const lines = cloakedLines(r);
    assert.ok(lines.length > 0, r.stdout);
    for (const l of lines) assert.match(l, /^cloaked  \/\S+\.html \(Referer https:\/\/www\.baidu\.com\/s\?wd=127\.0\.0\.1%3A\d+ gets \d+ bytes, sha256 [0-9a-f]{12}…; a browser gets /);
    assert.ok(lines.some((l) => l.includes("/zh-hans/news/company/2025/03/a/index.html")));
  });

  it("Baiduspider is checked too", async () => {
    const r = await run((req) => /Baiduspider/.test(String(req.headers["user-agent"])));
    assert.equal(r.code, 1);
    assert.ok(cloakedLines(r).every((l) => /\(User-Agent Baiduspider gets /.test(l)) && cloakedLines(r).length > 0, r.stdout);
  });

  it("an http:// site that redirects to https:// is one clear message, exit 2", async () => {
    spamFor = () => false;
    redirectAll = true;
    const r = await verify([`${server.origin}/`, "--manifest", manifest]);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    const port = new URL(server.origin).port;
    assert.equal(
      r.stderr.trim(),
      `${server.origin}/ redirects to HTTPS: the site is served at https://127.0.0.1:${port}/. Verify that address: npm run verify -- https://127.0.0.1:${port}/`,
    );
    assert.doesNotMatch(r.stdout, /^changed /m, "not one line per file");
  });
});

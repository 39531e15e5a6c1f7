// The web editor's configuration and server, without a browser: the fields' rules as Decap
// applies them agree with the site's reader on the same values; collections follow site data;
// the preview reports what npm run check would; the server answers its own page only.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, test } from "node:test";
import { Problems } from "../scripts/content/problems.ts";
import { adminPolicy } from "../scripts/cms/admin-headers.ts";
import { cmsConfig } from "../scripts/cms/cms-config.ts";
import { previewArticle, type PreviewRequest, type PreviewResult } from "../scripts/cms/preview.ts";
import { startCmsServer, type CmsServer } from "../scripts/cms/server.ts";
import { loadBlocklist } from "../scripts/content/spam-guard.ts";
import { scriptConverter } from "../scripts/convert/script-converter.ts";
import { loadSiteConfig, type SiteConfig } from "../scripts/site/site-config.ts";
import { solidPng } from "./helpers/images.ts";
import { article, makeSite, TEST_SITE } from "./helpers/site-fixture.ts";

type Field = { name: string; widget: string; required: boolean; pattern?: [string, string]; options?: { value: string }[]; min?: number; max?: number };
type Collection = { name: string; label: string; folder: string; fields: Field[] };

const SECTIONS = [...TEST_SITE.sections, { id: "notices", name: "通知公告", description: "集團發布的通知" }];
let root: string;
let site: SiteConfig;
let server: CmsServer;

before(async () => {
  root = makeSite({ "content/news/media-focus/2024/saved/index.md": article({ title: "已保存", date: "2024-10-16 09:57", source: "重慶日報", editor: "譚鑫", lang: "zh-Hant" }, "正文。\n\n![機房](photo.png \"發布會現場\")"), "content/news/media-focus/2024/saved/photo.png": solidPng(40, 30, [10, 20, 30]) }, { sections: SECTIONS, maxTitleLength: 12 });
  site = loadSiteConfig(root, new Problems());
  server = await startCmsServer({ root, port: 0, log: () => {} });
});

after(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

const collections = (lang = site.defaultLang) => cmsConfig(site, { lang, backend: { kind: "local" } }).collections as Collection[];
const fieldOf = (name: string, section = "media-focus") => collections().find((c) => c.name === section)!.fields.find((f) => f.name === name)!;
// Decap tests a pattern as RegExp(pattern) — no flags.
const decapAccepts = (f: Field, value: string) => (value === "" ? !f.required : f.pattern ? new RegExp(f.pattern[0]).test(value) : true);

function preview(data: Record<string, unknown>, extra: Partial<PreviewRequest> = {}): PreviewResult {
  return previewArticle(site, loadBlocklist(root, new Problems()), { collection: "media-focus", data, ...extra });
}
const VALID = { title: "新平臺上線", date: "2025-03-04 09:30", source: "重慶日報", editor: "譚鑫", views: 0, lang: "zh-Hant", slug: "new-platform", body: "平臺今日上線。" };

test("one collection a section of site data, in content/news/<section>/, its name in the editor's script", () => {
  for (const lang of site.variants.map((v) => v.lang)) {
    const made = collections(lang);
    assert.deepEqual(made.map((c) => c.name), SECTIONS.map((s) => s.id));
    const from = site.variants.find((v) => v.lang === site.dataLang)!;
    const to = site.variants.find((v) => v.lang === lang)!;
    for (const [i, s] of SECTIONS.entries()) {
      assert.equal(made[i].folder, `content/news/${s.id}`);
      assert.equal(made[i].label, scriptConverter(from, to, site.glossary).convert(s.name));
    }
  }
  assert.equal(fieldOf("source", "media-focus").required, true, "media-focus requires its source");
  assert.equal(fieldOf("source", "notices").required, false);
  assert.deepEqual(fieldOf("lang").options!.map((o) => o.value), site.variants.map((v) => v.lang));
  assert.equal(fieldOf("views").min, 0);
  assert.equal(fieldOf("views").max, Number.MAX_SAFE_INTEGER);
});

test("Decap refuses exactly the titles, editors, sources and slugs the site's reader refuses", () => {
  const long = (n: number, c = "字") => c.repeat(n);
  const texts = ["", " ", "\u3000", "\u200b\u3000", "\ufeff", "\u{E0020}", "標題", " 標題\u3000", long(12), long(13), long(12, "𠀀"), long(13, "𠀀"), `\u3000${long(12)}\u200b`, long(40), long(41), `${long(11)}\n`];
  const cases: [string, string[]][] = [
    ["title", texts],
    ["editor", texts],
    ["source", texts],
    // An empty slug is the slug widget's to refuse (admin.js), for a new article or when written empty.
    ["slug", ["new-platform", "a1", "New", "a--b", "-a", "a-", "中文", "a b"]],
    // Forms only: a day that does not exist (2025-02-30) is the preview's to report (the date input cannot write one).
    ["date", ["2025-03-04 09:30", "2025-03-04 09:30:15", "2025-03-04", "2025-03-04T09:30", "2024-10-16T09:57:00+08:00", "2024-10-16T01:57:00Z", "2024-10-16T09:57+0800", "2025/03/04", "2025-3-4", "2025-03-04 9:30", "2025-03-04 09:30 +08:00", "昨天", ""]],
  ];
  for (const [name, values] of cases) {
    const field = fieldOf(name);
    for (const value of values) {
      const result = preview({ ...VALID, [name]: value });
      const siteRefuses = result.problems.some((p) => p.severity === "error" && p.field === name);
      assert.equal(!decapAccepts(field, value), siteRefuses, `${name}: ${JSON.stringify(value)}: Decap ${decapAccepts(field, value) ? "accepts" : "refuses"} it, the site ${siteRefuses ? "refuses" : "accepts"} it`);
    }
  }
});

test("the preview shows the article in every script, converted by the site, with the reader's problems", () => {
  const ok = preview(VALID);
  assert.deepEqual(ok.problems, []);
  assert.equal(ok.file, "content/news/media-focus/2025/new-platform/index.md");
  const from = site.variants.find((v) => v.lang === "zh-Hant")!;
  assert.deepEqual(
    ok.variants.map((v) => [v.lang, v.title, v.url]),
    site.variants.map((to) => [to.lang, scriptConverter(from, to, site.glossary).convert(VALID.title), `/${to.path}/news/media-focus/2025/03/new-platform/`]),
  );
  const bad = preview({ ...VALID, editor: "\u3000", date: "2025-02-30 10:00" });
  assert.deepEqual(bad.variants, []);
  assert.deepEqual(bad.problems.filter((p) => p.severity === "error").map((p) => p.field).sort(), ["date", "editor"]);
  assert.ok(bad.problems.every((p) => p.file === "content/news/media-focus/2025/new-platform/index.md" && p.line && p.hint), JSON.stringify(bad.problems));
});

test("a photo added in the editor but not saved is not missing; any other missing photo is", () => {
  const body = "正文。\n\n![機房](new.png \"現場\")\n\n![另一張](gone.png \"現場二\")";
  const result = preview({ ...VALID, body }, { pending: ["new.png", "./new.png"] });
  const missing = result.problems.filter((p) => /does not exist/.test(p.message)).map((p) => p.message);
  assert.equal(missing.length, 1, missing.join("\n"));
  assert.match(missing[0], /gone\.png/);
});

test("a saved article's photos are shown from the repository", async () => {
  const path = "content/news/media-focus/2024/saved/index.md";
  const result = preview({ title: "已保存", date: "2024-10-16 09:57", source: "重慶日報", editor: "譚鑫", lang: "zh-Hant", body: "正文。\n\n![機房](photo.png \"發布會現場\")" }, { path });
  assert.deepEqual(result.problems, []);
  const [url, file] = Object.entries(result.photos)[0];
  assert.ok(result.variants.every((v) => v.html.includes(url)));
  assert.equal(file, "content/news/media-focus/2024/saved/photo.png");
  const photo = await fetch(new URL(`file/${file}`, server.url));
  assert.equal(photo.status, 200);
  assert.equal(photo.headers.get("content-type"), "image/png");
});

test("the admin page has its own policy, is never indexed, and loads nothing from other hosts", async () => {
  const page = await fetch(server.url);
  assert.equal(page.status, 200);
  const policy = page.headers.get("content-security-policy") ?? "";
  assert.equal(policy, adminPolicy({ kind: "local" }));
  assert.doesNotMatch(policy, /https?:|\*/, "no other host in the local editor's policy");
  assert.equal(page.headers.get("x-robots-tag"), "noindex, nofollow");
  const html = await page.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)/, "no inline script");
  for (const src of html.matchAll(/src="([^"]+)"/g)) {
    const asset = await fetch(new URL(src[1], server.url));
    assert.equal(asset.status, 200, src[1]);
  }
  const config = await (await fetch(new URL("config.json", server.url))).json();
  assert.deepEqual(config.config.collections.map((c: Collection) => c.name), SECTIONS.map((s) => s.id));
  assert.match(await (await fetch(new URL("/robots.txt", server.url))).text(), /Disallow: \//);
});

test("the server answers its own page only: other origins, other host names, files outside its folders", async () => {
  const api = new URL("/api/v1", server.url);
  const info = JSON.stringify({ action: "info" });
  const own = await fetch(api, { method: "POST", headers: { "Content-Type": "application/json" }, body: info });
  assert.equal(own.status, 200, "the page's own request reaches decap-server");
  const foreign = await fetch(api, { method: "POST", headers: { "Content-Type": "application/json", Origin: "http://evil.example" }, body: info });
  assert.equal(foreign.status, 403);
  const plain = await fetch(api, { method: "POST", headers: { "Content-Type": "text/plain" }, body: info });
  assert.equal(plain.status, 415, "a form a page of another site can send without asking is refused");
  const { request } = await import("node:http");
  const rebound = await new Promise<number>((done, fail) => {
    const req = request(new URL(server.url), { headers: { Host: "evil.example" } }, (res) => done(res.statusCode ?? 0));
    req.on("error", fail);
    req.end();
  });
  assert.equal(rebound, 403, "a DNS-rebound host name");
  for (const path of ["decap/..%2f..%2fpackage.json", "..%2f..%2f..%2fpackage.json", "file/content/_data/site.json", "file/content/..%2fpackage.json"]) {
    assert.equal((await fetch(`${server.url}${path}`)).status, 404, path);
  }
});

test("--github: the editor commits to GitHub; nothing is written here and its policy allows GitHub's API only", async () => {
  const backend = { kind: "github" as const, repo: "newsroom/site", branch: "main", baseUrl: "https://auth.newsroom.example" };
  const config = cmsConfig(site, { lang: site.defaultLang, backend });
  assert.deepEqual(config.backend, { name: "github", repo: "newsroom/site", branch: "main", base_url: "https://auth.newsroom.example" });
  assert.equal(config.local_backend, undefined);
  assert.match(adminPolicy(backend), /connect-src 'self' blob: https:\/\/api\.github\.com https:\/\/auth\.newsroom\.example;/);
  const github = await startCmsServer({ root, port: 0, backend, log: () => {} });
  try {
    const res = await fetch(new URL("/api/v1", github.url), { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ action: "info" }) });
    assert.equal(res.status, 404);
  } finally {
    await github.close();
  }
  await assert.rejects(startCmsServer({ root, port: 0, host: "0.0.0.0", log: () => {} }), /listens on 127\.0\.0\.1 only/);
});

test("old addresses: a list field in the editor, checked by the site's alias rule in the preview", () => {
  const field = fieldOf("aliases");
  assert.equal(field.widget, "list");
  assert.equal(field.required, false);
  assert.deepEqual(preview({ ...VALID, aliases: ["/news/2019/old-name/"] }).problems, []);
  const bad = preview({ ...VALID, aliases: ["https://old.example/news/1.html"] });
  const errors = bad.problems.filter((p) => p.severity === "error");
  assert.deepEqual(errors.map((p) => p.field), ["aliases"], JSON.stringify(bad.problems));
  assert.ok(errors[0].hint, "the editor is told how to fix it");
});

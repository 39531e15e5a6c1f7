// The web editor (npm run cms) driven in Chromium as an editor uses it: an article written in
// the form, a photo uploaded beside it, the preview in both scripts read and converted by the
// site, Publish — then the file in content/ passes npm run check and builds in both scripts.
// A site written by the test, never the project's content/.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { Problems } from "../scripts/content/problems.ts";
import { scriptConverter } from "../scripts/convert/script-converter.ts";
import { adminText } from "../scripts/cms/admin-text.ts";
import { startCmsServer, type CmsServer } from "../scripts/cms/server.ts";
import { loadSiteConfig, type SiteConfig } from "../scripts/site/site-config.ts";
import { launchChromium } from "./helpers/browser.ts";
import { solidPng } from "./helpers/images.ts";
import { buildSiteInProcess, makeSite, readPage, runTool } from "./helpers/site-fixture.ts";

// Decap's own words (its zh_Hans locale) for its buttons: how an editor finds them.
const DECAP = { login: "登录", chooseImage: "选择图片", chooseSelected: "选用已选中项目", publish: "发布", publishNow: "立即发布" };

const ARTICLE = {
  title: "嘉陵數智集團發布西部算力調度平臺",
  date: "2025-03-04T09:30",
  source: "重慶日報",
  editor: "譚鑫",
  views: "1200",
  lang: "zh-Hant",
  slug: "dispatch-platform",
  summary: "平臺首期接入川渝兩地12座數據中心。",
  tags: ["算力", "數字經濟"],
  photo: "photo-1.png",
  body: "10月15日，嘉陵數智集團在重慶兩江新區發布西部算力調度平臺，首期接入川渝兩地的數據中心。",
  alt: "一排排機櫃閃著藍色指示燈的數據機房",
  caption: "平臺發布會現場。主辦方供圖",
};

let root: string;
let site: SiteConfig;
let server: CmsServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];
const serverLog: string[] = [];

// An article written by hand before the editor: a date with an offset, flow-style tags, its own
// glossary (a field the editor's form does not show).
const EXISTING = {
  file: "content/news/company/2024/old-notice.md",
  title: "钟晓岚获评年度工程师",
  text: "---\ntitle: 钟晓岚获评年度工程师\ndate: 2024-10-16T09:57:00+08:00\neditor: 谭鑫\nviews: 12\nlang: zh-Hans\ntags: [人物, 工程]\nglossary: {钟晓岚: 鍾曉嵐}\n---\n\n钟晓岚在集团工作十年。\n",
};

before(async () => {
  root = makeSite({ [EXISTING.file]: EXISTING.text });
  const problems = new Problems();
  site = loadSiteConfig(root, problems);
  assert.deepEqual(problems.errors, []);
  server = await startCmsServer({ root, port: 0, log: (line) => serverLog.push(line) });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  // Decap rejects a publish that fails validation with no reason (the form shows the reasons): that one is not an error of ours.
  page.on("pageerror", (e) => e.message !== "undefined" && errors.push(e.message));
  page.on("console", (m) => {
    // A refused script, style or request would be the admin page's policy failing Decap.
    if (m.type() === "error" && /Content Security Policy|Refused to/i.test(m.text())) errors.push(m.text());
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

const converted = (text: string, to: string) =>
  scriptConverter(site.variants.find((v) => v.lang === ARTICLE.lang)!, site.variants.find((v) => v.lang === to)!, site.glossary).convert(text);

test("an article written in the web editor is saved beside its photo in content/, passes npm run check and builds in both scripts", { timeout: 240_000 }, async () => {
  const t = adminText(site, site.defaultLang);
  const field = (key: Parameters<typeof t>[0]) => page.locator(`label:has-text("${t(key)}")`).first();
  const input = async (key: Parameters<typeof t>[0]) => page.locator(`#${await field(key).getAttribute("for")}`);

  await page.goto(server.url);
  await page.getByRole("button", { name: DECAP.login }).click();
  await page.goto(`${server.url}#/collections/media-focus/new`);

  await (await input("title")).fill(ARTICLE.title);
  await (await input("date")).fill(ARTICLE.date);
  await (await input("source")).fill(ARTICLE.source);
  await (await input("editor")).fill(ARTICLE.editor);
  await (await input("views")).fill(ARTICLE.views);
  await (await input("lang")).click();
  await page.getByText(site.variants.find((v) => v.lang === ARTICLE.lang)!.label, { exact: true }).click();
  await (await input("slug")).fill(ARTICLE.slug);
  await (await input("summary")).fill(ARTICLE.summary);
  // As a Chinese keyboard types them: full-width commas and 、.
  await (await input("tags")).fill(ARTICLE.tags.join("，"));

  // The cover: uploaded through Decap's media library, which keeps it beside the article.
  await page.getByRole("button", { name: DECAP.chooseImage }).click();
  await page.locator('input[type="file"]').setInputFiles({ name: ARTICLE.photo, mimeType: "image/png", buffer: solidPng(800, 600, [30, 90, 160]) });
  await page.getByRole("button", { name: DECAP.chooseSelected }).click();

  // The body in Markdown, with the same photo in it and its alt text and caption.
  const body = page.locator('[aria-label="markdown field"]');
  await body.getByRole("switch").click();
  const editor = body.getByRole("textbox");
  await editor.click();
  await page.keyboard.insertText(ARTICLE.body);
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await page.keyboard.insertText(`![${ARTICLE.alt}](${ARTICLE.photo} "${ARTICLE.caption}")`);

  // The preview: every script of the site, converted by the site's converter, and no problems.
  const preview = page.frameLocator("iframe").first();
  for (const v of site.variants) {
    const article = preview.locator(`article[data-lang="${v.lang}"]`);
    // The preview follows typing: wait for the last thing written, the photo's caption.
    await article.locator("figcaption").filter({ hasText: converted(ARTICLE.caption, v.lang) }).waitFor({ timeout: 20_000 });
    assert.equal(await article.locator("h1").innerText(), converted(ARTICLE.title, v.lang));
    assert.match(await article.locator(".preview-body").innerText(), new RegExp(converted(ARTICLE.body.slice(0, 12), v.lang)));
    assert.equal(await article.locator("figcaption").innerText(), converted(ARTICLE.caption, v.lang));
    // The photo not saved yet is shown from the browser.
    assert.match((await article.locator(".preview-body img").getAttribute("src")) ?? "", /^blob:/);
  }
  assert.equal(await preview.locator(".no-problems").innerText(), t("noProblems"));

  await page.getByRole("button", { name: DECAP.publish, exact: true }).click();
  await page.getByText(DECAP.publishNow, { exact: true }).click();

  const dir = join(root, "content/news/media-focus/2025", ARTICLE.slug);
  const file = join(dir, "index.md");
  // decap-server writes the entry and then its photo.
  for (let i = 0; i < 300 && !(existsSync(file) && existsSync(join(dir, ARTICLE.photo))); i++) await page.waitForTimeout(100);
  assert.ok(existsSync(file), `the editor saved no ${file}:\n${serverLog.join("\n")}\n${errors.join("\n")}`);
  assert.deepEqual(readFileSync(join(dir, ARTICLE.photo)), solidPng(800, 600, [30, 90, 160]), "the photo is saved beside the article");
  const text = readFileSync(file, "utf8");
  for (const line of [`title: ${ARTICLE.title}`, `source: ${ARTICLE.source}`, `editor: ${ARTICLE.editor}`, `views: ${ARTICLE.views}`, `lang: ${ARTICLE.lang}`, `slug: ${ARTICLE.slug}`, `cover: ${ARTICLE.photo}`]) {
    assert.ok(text.includes(line), `front matter lacks "${line}":\n${text}`);
  }
  assert.match(text, new RegExp(`date: ["']?${ARTICLE.date.replace("T", " ")}["']?\\n`), text);
  assert.match(text, new RegExp(`\\ntags:\\n${ARTICLE.tags.map((tag) => `  - ${tag}\\n`).join("")}`), "one tag each");

  const check = runTool("scripts/cli/check.ts", ["--root", root]);
  assert.equal(check.code, 0, check.stdout + check.stderr);
  assert.match(check.stdout, / 0 errors, 0 warnings in 2 articles/);

  const out = join(root, "_site");
  const built = await buildSiteInProcess(root, out, { NEWSROOM_NOW: "2025-06-01T00:00:00+08:00" });
  assert.equal(built.code, 0, built.stdout + built.stderr);
  for (const v of site.variants) {
    const $ = readPage(out, `/${v.path}/news/media-focus/2025/03/${ARTICLE.slug}/`);
    assert.equal($("h1").first().text().trim(), converted(ARTICLE.title, v.lang));
    assert.equal($("html").attr("lang"), v.lang);
    assert.ok($(".article-body, article").text().includes(converted(ARTICLE.source, v.lang)));
    assert.equal($("figure figcaption").first().text(), converted(ARTICLE.caption, v.lang));
    assert.ok($("figure img").first().attr("src")?.startsWith("/media/"));
  }
  assert.deepEqual(errors, []);
});

test("an article written before the editor keeps what the form does not show when it is edited there", { timeout: 180_000 }, async () => {
  const t = adminText(site, site.defaultLang);
  const before = readFileSync(join(root, EXISTING.file), "utf8");
  await page.goto(`${server.url}#/collections/company`);
  await page.getByText(EXISTING.title).first().click();
  const views = page.locator(`#${await page.locator(`label:has-text("${t("views")}")`).first().getAttribute("for")}`);
  await views.fill("4321");
  // The date with its offset is shown in the site's time zone (09:57 at +08:00 is 09:57 in Asia/Shanghai).
  const date = page.locator(`#${await page.locator(`label:has-text("${t("date")}")`).first().getAttribute("for")}`);
  assert.equal(await date.inputValue(), "2024-10-16T09:57");
  await page.getByRole("button", { name: DECAP.publish, exact: true }).click();
  await page.getByText(DECAP.publishNow, { exact: true }).click();
  let after = before;
  for (let i = 0; i < 300 && after === before; i++) {
    await page.waitForTimeout(100);
    after = readFileSync(join(root, EXISTING.file), "utf8");
  }
  assert.match(after, /\nviews: 4321\n/, after);
  assert.match(after, /\ndate: 2024-10-16T09:57:00\+08:00\n/, "the date as it was written");
  assert.match(after, /\nglossary:\s*\n?\s*钟晓岚: 鍾曉嵐\n/, "the article's own glossary, which the form does not show");
  assert.match(after, /\n钟晓岚在集团工作十年。\n/);
  const check = runTool("scripts/cli/check.ts", ["--root", root]);
  assert.equal(check.code, 0, check.stdout + check.stderr);
  assert.match(check.stdout, / 0 errors, 0 warnings in 2 articles/);
  assert.deepEqual(errors, []);
});

test("a new article without a slug, or with a title of blanks, is not saved: the form says which field and why", { timeout: 120_000 }, async () => {
  const t = adminText(site, site.defaultLang);
  const input = async (key: Parameters<typeof t>[0]) => page.locator(`#${await page.locator(`label:has-text("${t(key)}")`).first().getAttribute("for")}`);
  const before = readdirSync(join(root, "content/news/company"), { recursive: true }).length;
  await page.goto("about:blank");
  await page.goto(`${server.url}#/collections/company/new`);
  await (await input("title")).fill("\u3000\u200b");
  await (await input("editor")).fill(ARTICLE.editor);
  await page.getByRole("button", { name: DECAP.publish, exact: true }).click();
  await page.getByText(DECAP.publishNow, { exact: true }).click();
  await page.getByText(t("slugRequired")).waitFor();
  await page.getByText(t("textRequired"), { exact: false }).first().waitFor();
  assert.equal(readdirSync(join(root, "content/news/company"), { recursive: true }).length, before, "nothing was written");
  assert.deepEqual(errors, []);
});

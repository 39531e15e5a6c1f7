// Render keys: a page's digest changes whenever anything it shows changes, however deep, and
// only then; shared objects count by their content, not their identity.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DateTime } from "luxon";
import { pageDigest } from "../scripts/render/page-digest.ts";

const section = { id: "media-focus", name: "媒體聚焦", url: "/zh-hant/news/media-focus/", description: "" };
const teaser = (title: string) => ({ id: "a", title, url: "/zh-hant/a/", section, cover: { url: "/media/a.jpg", width: 800, height: 600 } });
const page = (over: Record<string, unknown> = {}) => ({
  kind: "article",
  url: "/zh-hant/news/a/",
  ctx: { lang: "zh-Hant", ui: { home: "網站首頁" } },
  title: "標題",
  html: "<p>正文</p>",
  alternates: [{ lang: "zh-Hans", url: "/zh-hans/news/a/", current: false }],
  related: [teaser("相關一"), teaser("相關二")],
  views: 12,
  source: undefined,
  date: DateTime.fromISO("2025-03-08T14:30:00+08:00"),
  ...over,
});

test("equal content gives equal digests, whatever the objects' identity", () => {
  assert.equal(pageDigest(page()), pageDigest(page()));
  // A key whose value is undefined is as if it were not there (as in JSON).
  const { source: _s, ...without } = page();
  assert.equal(pageDigest(without), pageDigest(page()));
  // The context is keyed once a script, not in each page.
  assert.equal(pageDigest(page({ ctx: { lang: "zh-Hant", ui: { home: "首頁" } } })), pageDigest(page()));
});

test("any change a page shows changes its digest, however deep", () => {
  const base = pageDigest(page());
  const changed = [
    page({ title: "標題二" }),
    page({ html: "<p>正文。</p>" }),
    page({ views: 13 }),
    page({ views: "12" }),
    page({ source: "重慶日報" }),
    page({ alternates: [{ lang: "zh-Hans", url: "/zh-hans/news/b/", current: false }] }),
    page({ related: [teaser("相關一"), teaser("相關三")] }),
    page({ related: [teaser("相關一")] }),
    page({ related: [{ ...teaser("相關一"), section: { ...section, name: "媒体聚焦" } }, teaser("相關二")] }),
    page({ related: [{ ...teaser("相關一"), cover: { url: "/media/a.jpg", width: 801, height: 600 } }, teaser("相關二")] }),
    page({ date: DateTime.fromISO("2025-03-08T14:31:00+08:00") }),
  ];
  const digests = changed.map((p) => pageDigest(p));
  for (const [i, d] of digests.entries()) assert.notEqual(d, base, `change ${i} is seen`);
  assert.equal(new Set(digests).size, digests.length, "every change gives its own digest");
});

test("text cannot run into the next field", () => {
  assert.notEqual(pageDigest({ a: "xk1:b", b: undefined }), pageDigest({ a: "x", b: "" }));
  assert.notEqual(pageDigest({ a: "1" }), pageDigest({ a: 1 }));
  assert.notEqual(pageDigest({ a: ["x", "y"] }), pageDigest({ a: ["xy"] }));
  // Arrays are closed: numbers in nested arrays cannot be regrouped.
  const zeros = (n: number) => Array.from({ length: n }, () => 0);
  assert.notEqual(pageDigest({ v: [[12, 0], [5, ...zeros(20)]] }), pageDigest({ v: [[2, 0, [15, 0], ...zeros(18)], 0] }));
  assert.notEqual(pageDigest({ v: [[1], 2] }), pageDigest({ v: [[1, 2]] }));
});

test("a long array (a list's page links) counts by its content, not by its identity", () => {
  const links = (n: number, url = (i: number) => `/zh-hant/news/page/${i}/`) => Array.from({ length: n }, (_, i) => ({ number: i + 1, url: url(i + 1) }));
  const list = (pages: object[], pageNumber = 2) => ({ kind: "list", url: "/zh-hant/news/page/2/", pageNumber, pages });
  const shared = links(40);
  assert.equal(pageDigest(list(shared)), pageDigest(list(links(40))));
  assert.notEqual(pageDigest(list(shared)), pageDigest(list(shared, 3)));
  assert.notEqual(pageDigest(list(shared)), pageDigest(list(links(41))));
  assert.notEqual(pageDigest(list(shared)), pageDigest(list(links(40, (i) => (i === 37 ? "/zh-hant/news/moved/" : `/zh-hant/news/page/${i}/`)))));
});

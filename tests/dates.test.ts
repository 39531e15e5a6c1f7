// What a page shows of a date must not depend on the build machine's TZ.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { article, makeSite, readPage, runBuildCli, text } from "./helpers/site-fixture.ts";

const FORMS: [slug: string, written: string, shown: string, datetime: string][] = [
  ["with-offset", "2024-10-16T09:57:00+08:00", "2024年10月16日 09:57", "2024-10-16T09:57:00+08:00"],
  ["other-offset", "2024-10-16T01:57:00Z", "2024年10月16日 09:57", "2024-10-16T09:57:00+08:00"],
  ["seconds", "2024-10-16 09:57:00", "2024年10月16日 09:57", "2024-10-16T09:57:00+08:00"],
  ["minutes", "2024-10-16 09:57", "2024年10月16日 09:57", "2024-10-16T09:57:00+08:00"],
  ["late-evening", "2024-12-31 23:30", "2024年12月31日 23:30", "2024-12-31T23:30:00+08:00"],
  ["day-only", "2024-10-16", "2024年10月16日", "2024-10-16T00:00:00+08:00"],
];

const root = makeSite(
  Object.fromEntries(
    FORMS.map(([slug, written]) => [`content/news/company/${slug}.md`, article({ title: slug, date: written, editor: "甲", lang: "zh-Hans" })]),
  ),
);

for (const tz of ["UTC", "America/Los_Angeles", "Asia/Shanghai"]) {
  test(`dates read the same under TZ=${tz}`, () => {
    const out = join(root, `_site-${tz.replace("/", "-")}`);
    // A build command started in that time zone (a process reads a file once, in the zone it has).
    const r = runBuildCli(root, out, { TZ: tz });
    assert.equal(r.code, 0, r.stderr);
    for (const [slug, written, shown, datetime] of FORMS) {
      // The URL's year and month come from the site's time zone too (23:30 on 31 December stays in 2024/12).
      const month = written.startsWith("2024-12") ? "2024/12" : "2024/10";
      const $ = readPage(out, `/zh-hans/news/company/${month}/${slug}/`);
      assert.equal(text($("p.meta time")), shown, `${slug} under TZ=${tz}`);
      assert.equal($("p.meta time").attr("datetime"), datetime, `${slug} datetime under TZ=${tz}`);
    }
  });
}

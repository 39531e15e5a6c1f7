// Only content/_generate/ holds templates: a Nunjucks file an editor saves elsewhere under
// content/ is not run by Eleventy. (Eleventy reads the project's own content/, so this test
// builds a copy of the project, not a site of its own.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { copyProject, readTree } from "./helpers/site-fixture.ts";

test("a .njk file under content/ outside _generate is never rendered", () => {
  const copy = copyProject();
  const evil = "---\npermalink: /EVIL.html\n---\n<p>EVIL {{ 6 * 7 }}</p>\n";
  writeFileSync(join(copy, "content/news/media-focus/evil.njk"), evil.replace("EVIL.html", "EVIL-1.html"));
  writeFileSync(join(copy, "content/pages/evil.njk"), evil.replace("EVIL.html", "EVIL-2.html"));
  writeFileSync(join(copy, "content/evil.njk"), evil.replace("EVIL.html", "EVIL-3.html"));
  const out = join(copy, "_site");
  const r = spawnSync(process.execPath, ["--import", "tsx", join(copy, "scripts/cli/build.ts"), "--out", out], { cwd: copy, encoding: "utf8", timeout: 300_000 });
  assert.equal(r.status, 0, r.stderr);
  const written = [...readTree(out)];
  assert.ok(written.length > 40, "the site itself was built");
  for (const [path, bytes] of written) {
    assert.doesNotMatch(path, /EVIL/);
    if (/\.(html|xml|json)$/.test(path)) assert.ok(!bytes.includes("EVIL 42"), path);
  }
});

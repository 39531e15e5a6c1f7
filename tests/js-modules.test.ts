// Hashed names for browser modules (scripts/plugins/js-modules.ts): a module imports its
// dependencies by their hashed names, so its own hash changes when theirs do.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fingerprintedName } from "../scripts/plugins/assets.ts";
import { fingerprintAll, moduleGraph } from "../scripts/plugins/js-modules.ts";

const files = (entries: Record<string, string>) => new Map(Object.entries(entries).map(([url, text]) => [url, Buffer.from(text)]));

test("imports name the hashed files; a file without imports is published as it is", () => {
  const source = files({
    "/assets/js/page.js": 'import { a } from "./core.js";\nimport "./side.js";\n// not an import: "./core.js"\n',
    "/assets/js/core.js": 'export { a } from "./leaf.js";\n',
    "/assets/js/leaf.js": "export const a = 1;\n",
    "/assets/js/side.js": "globalThis.x = 1;\n",
    "/assets/css/site.css": "a { color: red }\n",
  });
  const out = fingerprintAll(source, fingerprintedName);
  const url = (u: string) => out.get(u)!.url;
  assert.equal(out.get("/assets/js/leaf.js")!.content, source.get("/assets/js/leaf.js"));
  assert.equal(url("/assets/css/site.css"), fingerprintedName("/assets/css/site.css", source.get("/assets/css/site.css")!));
  const leaf = url("/assets/js/leaf.js").split("/").at(-1);
  assert.equal(out.get("/assets/js/core.js")!.content.toString(), `export { a } from "./${leaf}";\n`);
  const page = out.get("/assets/js/page.js")!.content.toString();
  assert.match(page, /from "\.\/core\.[0-9a-f]{10}\.js";\nimport "\.\/side\.[0-9a-f]{10}\.js";\n\/\/ not an import: "\.\/core\.js"/);
  assert.deepEqual(moduleGraph(out, "/assets/js/page.js"), ["/assets/js/page.js", "/assets/js/core.js", "/assets/js/leaf.js", "/assets/js/side.js"].map(url));

  // A change to the leaf changes every module that reaches it, and only those.
  const changed = fingerprintAll(new Map([...source, ["/assets/js/leaf.js", Buffer.from("export const a = 2;\n")]]), fingerprintedName);
  for (const u of ["/assets/js/leaf.js", "/assets/js/core.js", "/assets/js/page.js"]) assert.notEqual(changed.get(u)!.url, url(u), u);
  assert.equal(changed.get("/assets/js/side.js")!.url, url("/assets/js/side.js"));
});

test("an import of no asset, or a cycle, stops the build", () => {
  assert.throws(() => fingerprintAll(files({ "/assets/js/a.js": 'import "./gone.js";' }), fingerprintedName), /\/assets\/js\/a\.js imports \/assets\/js\/gone\.js/);
  assert.throws(() => fingerprintAll(files({ "/assets/js/a.js": 'import "./b.js";', "/assets/js/b.js": 'import "../js/a.js";' }), fingerprintedName), /imports itself/);
});

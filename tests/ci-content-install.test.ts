// The publish workflow's content path installs with `npm ci --omit=dev`: every module that
// npm run build, check, verify and merge load (and the workers they start) must come from
// node: or from package.json's dependencies, never from devDependencies. Read from the
// sources, following relative imports from the commands.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";

const PROJECT = resolve(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(PROJECT, "package.json"), "utf8")) as { dependencies: Record<string, string>; devDependencies: Record<string, string>; scripts: Record<string, string> };

/** Package names a source file names: imports, dynamic imports, require and require.resolve. */
function specifiers(text: string): string[] {
  const out: string[] = [];
  const patterns = [/\bfrom\s+"([^"]+)"/g, /\bimport\s*\(\s*"([^"]+)"\s*\)/g, /\bimport\s+"([^"]+)"/g, /\brequire(?:\.resolve)?\(\s*"([^"]+)"\s*\)/g, /createRequire\([^)]*\)(?:\.resolve)?\(\s*"([^"]+)"\s*\)/g, /new URL\(\s*"(\.[^"]+)"\s*,\s*import\.meta\.url\s*\)/g];
  for (const re of patterns) for (const m of text.matchAll(re)) out.push(m[1]!);
  return out;
}

function packageOf(spec: string): string {
  return spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!;
}

/** Every package the modules reachable from `entries` load, with a file that names it. */
function reachablePackages(entries: string[]): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const queue = entries.map((e) => join(PROJECT, e));
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    if (!/\.(ts|js|mjs)$/.test(file)) continue;
    for (const spec of specifiers(readFileSync(file, "utf8"))) {
      if (spec.startsWith(".")) queue.push(resolve(dirname(file), spec));
      else if (!spec.startsWith("node:") && !builtinModules.includes(spec)) packages.set(packageOf(spec), relative(PROJECT, file));
    }
  }
  return packages;
}

test("build, check, verify and merge load only dependencies, so --omit=dev installs all they need", () => {
  const commands = ["build", "check", "verify", "merge"].map((name) => {
    const script = pkg.scripts[name];
    assert.ok(script, `npm run ${name} exists`);
    // "tsx scripts/cli/build.ts": the runner is a package too.
    const [runner, entry] = script.split(/\s+/);
    return { name, runner: runner!, entry: entry! };
  });
  const packages = reachablePackages([".eleventy.ts", ...commands.map((c) => c.entry)]);
  for (const c of commands) packages.set(c.runner, `package.json scripts.${c.name}`);
  assert.ok(packages.size > 5, `found the packages the build loads: ${[...packages.keys()].join(", ")}`);
  for (const [name, where] of packages) {
    assert.ok(name in pkg.dependencies, `${name} (loaded from ${where}) is ${name in pkg.devDependencies ? "a devDependency" : "not a dependency"}: npm ci --omit=dev would not install it. Move it to dependencies.`);
  }
});

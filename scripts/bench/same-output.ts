// npm run same-output -- --save <folder> [--project <dir>] [--articles 2000]
// npm run same-output -- --compare <folder> <folder>
// Proof that a change to the build changed nothing readers get: builds the sample site and a
// bench corpus cold and warm, on one thread and on several, and keeps each build's manifest
// (every file's SHA-256). Run it on the commit before a refactor (--project points at a
// checkout of it) and after, then compare: every manifest must be the same, byte for byte.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readCommandLine, runCli, wholeNumber } from "../cli/args.ts";
import { writeCorpus } from "./corpus.ts";

const HERE = resolve(fileURLToPath(import.meta.url), "../../..");

interface Run {
  name: string;
  root: string;
  threads: number;
}

function buildWith(project: string, root: string, out: string, threads: number): void {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(project, "scripts/cli/build.ts"), "--root", root, "--out", out, "--threads", String(threads)], {
    cwd: project,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`build of ${root} failed:\n${r.stderr.slice(-3000)}`);
}

function save(project: string, into: string, articles: number): void {
  mkdirSync(into, { recursive: true });
  const corpus = join(into, "corpus");
  rmSync(corpus, { recursive: true, force: true });
  writeCorpus(corpus, { articles, projectRoot: HERE });
  const runs: Run[] = [
    { name: "sample", root: project, threads: 1 },
    { name: "sample", root: project, threads: 3 },
    { name: "corpus", root: corpus, threads: 1 },
    { name: "corpus", root: corpus, threads: 3 },
  ];
  for (const run of runs) {
    const out = join(into, `out-${run.name}-${run.threads}`);
    rmSync(out, { recursive: true, force: true });
    // Cold: no conversion cache, no render index of an earlier build.
    rmSync(join(run.root, ".cache"), { recursive: true, force: true });
    for (const phase of ["cold", "warm"]) {
      buildWith(project, run.root, out, run.threads);
      copyFileSync(join(out, "manifest.json"), join(into, `${run.name}-${run.threads}-${phase}.json`));
      console.log(`${run.name}, ${run.threads} thread(s), ${phase}: saved`);
    }
    rmSync(out, { recursive: true, force: true });
  }
}

function compare(a: string, b: string): number {
  let differ = 0;
  const names = readdirSync(a).filter((f) => f.endsWith(".json"));
  for (const name of names) {
    if (!existsSync(join(b, name))) {
      console.log(`${name}: missing in ${b}`);
      differ++;
      continue;
    }
    const files = (p: string) => new Map((JSON.parse(readFileSync(p, "utf8")).files as { path: string; sha256: string }[]).map((f) => [f.path, f.sha256]));
    const x = files(join(a, name));
    const y = files(join(b, name));
    const changed = [...new Set([...x.keys(), ...y.keys()])].filter((p) => x.get(p) !== y.get(p));
    console.log(`${name}: ${changed.length === 0 ? `same (${x.size} files)` : `${changed.length} files differ, e.g. ${changed.slice(0, 5).join(", ")}`}`);
    if (changed.length) differ++;
  }
  return differ === 0 ? 0 : 1;
}

const USAGE = `Usage: npm run same-output -- --save <folder> [--project <dir>] [--articles n]
       npm run same-output -- --compare <folder> --with <folder>`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runCli(() => {
    const { values } = readCommandLine(process.argv.slice(2), {
      command: "npm run same-output",
      usage: USAGE,
      flags: {
        save: { type: "string", value: "folder" },
        project: { type: "string", value: "dir" },
        articles: { type: "string", value: "n" },
        compare: { type: "string", value: "folder" },
        with: { type: "string", value: "folder" },
      },
    });
    if (values.compare && values.with) return compare(resolve(values.compare), resolve(values.with));
    if (!values.save) {
      console.error(USAGE);
      return 2;
    }
    save(resolve(values.project ?? HERE), resolve(values.save), wholeNumber(values.articles ?? "2000", "articles", 1, 100_000, "a number of articles"));
    return 0;
  });
}

// npm run merge -- <shard output>… --out <folder>
// Puts the outputs of `npm run build -- --shard k/n` (one folder a shard) together into one
// folder with one manifest, as a single build would have written it.
import { existsSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { readCommandLine, runCli, UsageError } from "../cli/args.ts";
import { MergeConflict, mergeShards } from "./merge.ts";

const USAGE = `Usage: npm run merge -- <shard output folder>… --out <folder>
  --out  the merged output: a new or empty folder`;

await runCli(() => {
  const { values, positionals } = readCommandLine(process.argv.slice(2), {
    command: "npm run merge",
    usage: USAGE,
    flags: { out: { type: "string", value: "folder" } },
    positionals: { min: 1, max: 64, name: "the shards' output folders" },
  });
  if (!values.out) throw new UsageError("npm run merge needs --out <folder>: where the merged site goes (a new or empty folder).", USAGE);
  const out = resolve(values.out);
  const shards = positionals.map((p) => resolve(p));
  if (shards.includes(out)) throw new UsageError(`--out ${out} is one of the shards: give the merged site a folder of its own.`, USAGE);
  if (existsSync(out) && readdirSync(out).length > 0) throw new UsageError(`--out ${out} is not empty: give a new or empty folder.`, USAGE);
  try {
    const r = mergeShards(shards, out);
    console.log(`Merged ${shards.length} shard${shards.length === 1 ? "" : "s"} into ${out}: ${r.files} files (${r.shared} written alike by several shards), manifest.json written.`);
    return 0;
  } catch (err) {
    if (!(err instanceof MergeConflict)) throw err;
    console.error(`Merge stopped: ${err.message}`);
    return 1;
  }
});

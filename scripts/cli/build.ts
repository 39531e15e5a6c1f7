// npm run build [-- --root <site folder> --out <folder> --threads <n> --wait <seconds> --stats --shard <k/n>]
// Reads the flags, then runs the build (scripts/build/run.ts). The build and everything it
// loads (Eleventy, the converters) are imported only once the flags are right, so a mistyped
// flag is answered at once.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_WAIT_SECONDS } from "../integrity/build-lock.ts";
import { parseShard } from "../shard/shard.ts";
import { readCommandLine, runCli, siteRoot, wholeNumber } from "./args.ts";

const USAGE = `Usage: npm run build [-- --root <site folder>] [--out <folder>] [--threads <n>] [--wait <seconds>] [--stats] [--shard <k/n>]
  --root     the site (default: the current folder)
  --out      the output folder (default: <root>/_site); a new or empty folder, or one a build made
  --threads  threads reading and rendering, 1 to 32 (default: one a core, up to 4, for big sites)
  --wait     seconds to wait for another build of the same folder (default ${DEFAULT_WAIT_SECONDS}; 0: stop at once)
  --stats    print figures as one JSON line
  --shard    k/n: only the k-th of n parts of the pages, for npm run merge (scripts/shard/)`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runCli(async () => {
    const { values } = readCommandLine(process.argv.slice(2), {
      command: "npm run build",
      usage: USAGE,
      flags: {
        root: { type: "string", value: "site folder" },
        out: { type: "string", value: "folder" },
        threads: { type: "string", value: "n" },
        wait: { type: "string", value: "seconds" },
        stats: { type: "boolean" },
        shard: { type: "string", value: "k/n" },
      },
    });
    const root = siteRoot(values.root);
    const out = resolve(values.out ?? resolve(root, "_site"));
    // Threads reading and rendering (default: one a core, up to 4, for big sites); 1: the main thread only.
    const threads = values.threads === undefined ? null : wholeNumber(values.threads, "threads", 1, 32, "a number of threads (1: no helper threads)");
    const wait = wholeNumber(values.wait ?? String(DEFAULT_WAIT_SECONDS), "wait", 0, 86_400, "a number of seconds");
    const shard = values.shard === undefined ? undefined : parseShard(values.shard);
    const { build } = await import("../build/run.ts");
    return build(root, out, { stats: values.stats === true, threads, waitMs: wait * 1000, ...(shard ? { shard } : {}) });
  });
}

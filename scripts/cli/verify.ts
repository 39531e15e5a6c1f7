// npm run verify -- <folder | https://base/url/> [--manifest path/to/manifest.json]
//                   [--concurrency 8] [--timeout 30]
// Compares a published copy of the site with the manifest of a trusted build (by default
// _site/manifest.json: build the same commit locally first) and prints every file changed,
// removed or added, then a summary. Exit 0: identical; 1: a difference, or a file that
// could not be checked; 2: wrong use, or no readable manifest.
import { existsSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { formatDifference, formatSummary, type Report } from "../integrity/compare.ts";
import { verifyFolder } from "../integrity/folder.ts";
import { MANIFEST_FILE, readManifest, sha256 } from "../integrity/manifest.ts";
import { DEFAULT_REMOTE, verifyUrl } from "../integrity/remote.ts";
import { readCommandLine, runCli, UsageError, USAGE_EXIT } from "./args.ts";
import { printable } from "./terminal-text.ts";

const USAGE = `Usage: npm run verify -- <published folder | https://site/> [--manifest path/to/manifest.json] [--concurrency 8] [--timeout 30]
  --manifest     the manifest of a trusted build of the same commit (default: _site/manifest.json)
  --concurrency  HTTP requests at the same time (default ${DEFAULT_REMOTE.concurrency})
  --timeout      seconds allowed for one HTTP request (default ${DEFAULT_REMOTE.timeoutMs / 1000})`;

function positiveNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, not ${JSON.stringify(value)}.`);
  return n;
}

export async function verify(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  let values: { manifest?: string; concurrency?: string; timeout?: string; help?: boolean };
  let target: string;
  try {
    const parsed = readCommandLine(argv, {
      command: "npm run verify",
      usage: USAGE,
      flags: {
        manifest: { type: "string", value: "manifest.json" },
        concurrency: { type: "string", value: "n" },
        timeout: { type: "string", value: "seconds" },
        help: { type: "boolean" },
      },
      positionals: { min: 0, max: 1, name: "the published folder or https URL" },
    });
    values = parsed.values;
    target = parsed.positionals[0] ?? "";
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${err.message}\n${USAGE}`);
    return USAGE_EXIT;
  }
  if (!target || values.help) {
    console.error(USAGE);
    return USAGE_EXIT;
  }
  const isUrl = /^https?:\/\//i.test(target);
  const manifestFile = resolve(cwd, values.manifest ?? "_site/manifest.json");
  let concurrency: number;
  let timeoutMs: number;
  try {
    concurrency = Math.floor(positiveNumber(values.concurrency, "concurrency", DEFAULT_REMOTE.concurrency));
    timeoutMs = positiveNumber(values.timeout, "timeout", DEFAULT_REMOTE.timeoutMs / 1000) * 1000;
  } catch (err) {
    console.error((err as Error).message);
    return USAGE_EXIT;
  }
  if (!existsSync(manifestFile)) {
    console.error(
      `No manifest at ${manifestFile}. Build the commit that was published (npm run build writes _site/${MANIFEST_FILE}), ` +
        `or pass the manifest of a trusted build with --manifest path/to/${MANIFEST_FILE}.`,
    );
    return 2;
  }
  let loaded: ReturnType<typeof readManifest>;
  try {
    loaded = readManifest(manifestFile);
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  const { manifest, bytes } = loaded;

  let report: Report;
  const folder = isUrl ? "" : resolve(cwd, target);
  if (!isUrl && !(existsSync(folder) && statSync(folder).isDirectory())) {
    console.error(`${target} is neither a folder nor an http(s) URL.\n${USAGE}`);
    return 2;
  }
  console.log(`Verifying ${isUrl ? target : folder} against ${manifestFile} (${manifest.files.length} files; manifest sha256 ${sha256(bytes).slice(0, 12)}…).`);
  if (!isUrl) {
    const rel = relative(folder, manifestFile);
    if (!rel.startsWith("..") && !isAbsolute(rel)) {
      console.log(
        "Note: the manifest is the one inside the folder being checked; whoever can change the folder can change it too. " +
          "To detect tampering, pass --manifest from a trusted build.",
      );
    }
  }
  try {
    report = isUrl ? await verifyUrl(target, manifest, bytes, { ...DEFAULT_REMOTE, concurrency, timeoutMs }) : verifyFolder(folder, manifest, bytes);
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  // What a host answered (a redirect's location) is shown escaped: it may hold terminal codes.
  for (const d of report.differences) console.log(printable(formatDifference(d)));
  console.log(formatSummary(report));
  for (const n of report.notes) console.log(`Note: ${n}`);
  return report.differences.length === 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runCli(() => verify(process.argv.slice(2)));
}

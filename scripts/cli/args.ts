// Flags of every command-line tool, read with node:util's parseArgs in strict mode: a
// mistyped flag (--ouput) stops the command with exit 2 instead of being ignored (a build
// that then went to _site). Wrong use is a UsageError; runCli prints it and exits 2.
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs as parseNodeArgs } from "node:util";

/** Exit code of wrong use (an unknown flag, a missing value, a folder that does not exist). */
export const USAGE_EXIT = 2;

/** Wrong use of a command: its message names the flag or argument and says what to do. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** Printed after the message: the command's usage line. */
    readonly usage = "",
  ) {
    super(message);
  }
}

export interface FlagSpec {
  type: "string" | "boolean";
  /** What the value is, for messages: --out <folder>. */
  value?: string;
}

export type FlagSpecs = Record<string, FlagSpec>;

export type FlagValues<S extends FlagSpecs> = { [K in keyof S]?: S[K]["type"] extends "string" ? string : boolean };

export interface CommandLine<S extends FlagSpecs> {
  /** `npm run build`: named in messages. */
  command: string;
  flags: S;
  /** How many arguments besides flags the command takes. */
  positionals?: { min: number; max: number; name: string };
  usage: string;
}

function known<S extends FlagSpecs>(spec: CommandLine<S>): string {
  return Object.entries(spec.flags)
    .map(([name, f]) => (f.type === "string" ? `--${name} <${f.value ?? "value"}>` : `--${name}`))
    .join(", ");
}

/** Edit distance, to suggest --out for --ouput. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

function suggestion(name: string, flags: FlagSpecs): string {
  const best = Object.keys(flags)
    .map((k) => ({ k, d: distance(name, k) }))
    .sort((a, b) => a.d - b.d)[0];
  // Two edits at most (a letter missing, doubled or swapped), and never most of the name.
  return best && best.d <= 2 && best.d < best.k.length ? ` Did you mean --${best.k}?` : "";
}

/** The flag a node:util parse error is about: '--ouput' in "Unknown option '--ouput'". */
function flagIn(message: string): string {
  return /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? "";
}

/** Parses `argv` against the command's flags; throws a UsageError for anything else. */
export function readCommandLine<S extends FlagSpecs>(argv: readonly string[], spec: CommandLine<S>): { values: FlagValues<S>; positionals: string[] } {
  const options = Object.fromEntries(Object.entries(spec.flags).map(([name, f]) => [name, { type: f.type }]));
  const max = spec.positionals?.max ?? 0;
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseNodeArgs({ args: [...argv], options, strict: true, allowPositionals: max > 0 }) as typeof parsed;
  } catch (err) {
    const e = err as Error & { code?: string };
    const flag = flagIn(e.message);
    const name = flag.replace(/^-+/, "");
    let message: string;
    if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      message = `${flag} is not an option of ${spec.command}.${suggestion(name, spec.flags)} Known options: ${known(spec)}.`;
    } else if (e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      const f = spec.flags[name];
      message =
        f?.type === "boolean"
          ? `--${name} takes no value: write --${name} alone.`
          : `--${name} needs a value: --${name} <${f?.value ?? "value"}> (for a value that starts with a dash, --${name}=<value>).`;
    } else if (e.code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
      const arg = /'([^']*)'/.exec(e.message)?.[1] ?? "";
      message = `"${arg}": ${spec.command} takes no arguments besides its options (${known(spec)}).`;
    } else throw err;
    throw new UsageError(message, spec.usage);
  }
  const p = spec.positionals;
  if (p && parsed.positionals.length < p.min) throw new UsageError(`${spec.command} needs ${p.name}.`, spec.usage);
  if (p && parsed.positionals.length > p.max) {
    throw new UsageError(`${spec.command} takes ${p.max === 1 ? `one ${p.name}` : `at most ${p.max} of ${p.name}`}, not ${parsed.positionals.map((a) => `"${a}"`).join(", ")}.`, spec.usage);
  }
  return { values: parsed.values as FlagValues<S>, positionals: parsed.positionals };
}

/** The site folder of --root (default: the current folder); a UsageError if it is not a folder. */
export function siteRoot(value: string | undefined, cwd = process.cwd()): string {
  const root = resolve(cwd, value ?? ".");
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    throw new UsageError(`--root ${root}: the folder does not exist. Give the site's folder, the one that holds content/_data/site.json.`);
  }
  if (!isDir) throw new UsageError(`--root ${root}: not a folder. Give the site's folder, the one that holds content/_data/site.json.`);
  return root;
}

/** A whole number within bounds, from a flag's value; a UsageError naming the flag otherwise. */
export function wholeNumber(value: string, flag: string, min: number, max: number, what: string): number {
  if (!/^[0-9]+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`--${flag}: "${value}" is not ${what}. Give a whole number from ${min} to ${max}.`);
  }
  return Number(value);
}

/**
 * Runs a command's main function: a UsageError is printed with the usage and exits 2,
 * anything else keeps its stack (a fault of the tool, not of its use).
 */
export async function runCli(main: () => number | Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(err.message);
    if (err.usage) console.error(err.usage);
    process.exitCode = USAGE_EXIT;
  }
}

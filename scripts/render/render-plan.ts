// Pages whose inputs have not changed since the last build are not rendered again: each
// page's key is a hash of its data and of everything that shapes every page (layouts,
// generator templates, assets, plugins, site data). A warm build renders the pages whose
// key changed and takes the others' files from the previous output.
import { createHash } from "node:crypto";
import { existsSync, linkSync, copyFileSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { SiteModel } from "../model/types.ts";
import type { ManifestEntry } from "../integrity/manifest.ts";
import { identitiesOf, newCounts, readTrust, removeOtherStamps, stillAsWritten, type OutputTrust, type TrustCounts } from "./output-trust.ts";
import { digest, pageDigest } from "./page-digest.ts";
import { renderedKinds, renderedLists, type RenderedList } from "../model/page-kinds.ts";
import { outputFile } from "../site/urls.ts";
import { inShard, type ShardSpec } from "../shard/shard.ts";

/** The page lists that generator templates paginate over: the registry's (model/page-kinds.ts). */
export const RENDERED_LISTS = renderedLists;
export type { RenderedList };
export { outputFile };

export type RenderSubset = Record<RenderedList, { url: string }[]>;

export interface RenderPlan {
  /** Pages to render now, per list. */
  render: RenderSubset;
  /** URLs whose file is taken from the previous output. */
  reused: string[];
  /** url → key of every page of this build. */
  index: Record<string, string>;
  previousOut: string | null;
  indexFile: string;
  /** Path → SHA-256 of every file the last build wrote into previousOut, from the render
   * index (outside the published folder), never from the output's own manifest.json. */
  previousHashes: Map<string, string>;
  /** What lets a file of previousOut be trusted by its stat instead of its hash (output-trust.ts). */
  previousTrust: OutputTrust | null;
  /** Files of previousOut checked so far, by stat and by hash (the search index's too). */
  checked: TrustCounts;
  /** URLs the last build (into the same folder) had and this one has not: deleted articles. */
  gone: string[];
  /** What shapes every page (sharedKey), part of each page's key. */
  shared: string;
  /** Nothing to reuse (no index of a last build): the keys, needed only for the next build's
   * plan, are made after rendering, by the threads that rendered the pages (keyPages). */
  keysLater: boolean;
  /** Pages a sharded build leaves to the other shards. */
  otherShards?: number;
}

function hashTree(hash: ReturnType<typeof createHash>, dir: string): void {
  if (!existsSync(dir)) return;
  const walk = (abs: string) => {
    for (const e of readdirSync(abs, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(abs, e.name);
      if (e.isDirectory()) walk(p);
      else hash.update(relative(dir, p).split(sep).join("/")).update(readFileSync(p));
    }
  };
  walk(dir);
}

/** What shapes every page besides its own data: all of the build's code, templates, assets
 * and installed packages. Changing any of it renders everything again. */
export function sharedKey(project: string, model: SiteModel): string {
  const hash = createHash("sha256");
  for (const dir of ["layouts", "content/_generate", "assets", "scripts"]) hashTree(hash, join(project, dir));
  for (const file of [".eleventy.ts", "package-lock.json"]) if (existsSync(join(project, file))) hash.update(readFileSync(join(project, file)));
  hash.update(JSON.stringify([model.site, model.variants, model.root]));
  return hash.digest("hex");
}

/** Whether the file at `path` (site-relative) in the last output is still what the last build wrote. */
export function unchangedSinceLastBuild(plan: Pick<RenderPlan, "previousOut" | "previousHashes" | "previousTrust" | "checked">, path: string): boolean {
  const expected = plan.previousHashes.get(path);
  if (!expected || !plan.previousOut) return false;
  return stillAsWritten(plan.previousOut, path, expected, plan.previousTrust, plan.checked);
}

/**
 * The render index of an output folder, under the site's .cache/: each page's key, and the
 * SHA-256 of every file the build wrote. A warm build trusts a file of the last output only
 * if it still has that hash: the index is not published, so whoever can change the output
 * (and its manifest.json) cannot make a changed page look like the build's. With the hashes,
 * each file's identity and the build's start, for the check by stat (output-trust.ts).
 */
const INDEX_FORMAT = "newsroom-render-index/2";

interface RenderIndex {
  format: typeof INDEX_FORMAT;
  keys: Record<string, string>;
  /** Site-relative path → SHA-256; only in a committed index (the build's output swapped in). */
  files?: Record<string, string>;
  /** Site-relative path → identity (inode, size, mtime) once swapped in; when the build started; its settled stamp's token. */
  identities?: Record<string, string>;
  startedAt?: number;
  settled?: string;
}

function readRenderIndex(file: string): RenderIndex | null {
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as Partial<RenderIndex>;
    return data.format === INDEX_FORMAT && data.keys && typeof data.keys === "object" ? (data as RenderIndex) : null;
  } catch {
    return null; // first build, an index of an older format, or gone: render everything
  }
}

export function indexFileFor(root: string, out: string): string {
  return join(root, ".cache", "render", createHash("sha1").update(out).digest("hex").slice(0, 16) + ".json");
}

// Keys are kept by page object: the model hands back last build's object for a page whose
// inputs did not change (model/memo.ts: the dev server), which then costs no hashing at all.
const keys = new WeakMap<object, { shared: string; key: string }>();

export function renderKey(page: object, shared: string): string {
  const known = keys.get(page);
  if (known?.shared === shared) return known.key;
  // Digests are kept by object too: what a script's pages share (ctx) is digested once a script.
  // The shared key is hex and a digest base64url, neither holds ";": the prefix ends unambiguously.
  const { ctx } = page as { ctx?: object };
  const key = pageDigest(page, `${shared};${ctx ? digest(ctx) : ""};`);
  keys.set(page, { shared, key });
  return key;
}

export interface PlanOptions {
  project: string;
  root: string;
  out: string;
  previousOut: string | null;
  /** The dev server: renders into the folder it serves, and keeps keys by page object between rebuilds. */
  inPlace: boolean;
  /** A sharded build: only the pages of this shard are rendered (or taken over). */
  shard?: ShardSpec;
}

export function planRendering(model: SiteModel, options: PlanOptions): RenderPlan {
  const shared = sharedKey(options.project, model);
  const indexFile = indexFileFor(options.root, options.out);
  const stored = options.previousOut ? readRenderIndex(indexFile) : null;
  const previous: Record<string, string> = stored?.keys ?? {};
  // A file is reused only if it is still byte for byte what the last build wrote (by the
  // render index): a page tampered with in the old output is rendered again, not carried on.
  // The dev server renders into the folder it serves: what is there is what it wrote.
  const inPlace = options.previousOut === options.out && options.inPlace;
  const previousHashes = new Map<string, string>(inPlace ? [] : Object.entries(stored?.files ?? {}));
  const previousTrust = stored && options.previousOut && !inPlace ? readTrust(options.previousOut, stored) : null;
  const checked = newCounts();
  const render = {} as RenderSubset;
  const reused: string[] = [];
  const index: Record<string, string> = {};
  // The dev server keeps keys by page object between rebuilds: it makes them now.
  const keysLater = Object.keys(previous).length === 0 && !options.inPlace;
  const shard = options.shard;
  let otherShards = 0;
  const mine = <P extends { url: string }>(pages: readonly P[]): readonly P[] => {
    if (!shard) return pages;
    const kept = pages.filter((p) => inShard(p.url, shard));
    otherShards += pages.length - kept.length;
    return kept;
  };
  for (const { list, pages } of renderedKinds) {
    render[list] = [];
    if (keysLater) {
      render[list] = [...mine(pages(model))];
      continue;
    }
    for (const page of mine(pages(model))) {
      const key = renderKey(page, shared);
      index[page.url] = key;
      if (previous[page.url] === key && (inPlace ? existsSync(join(options.out, outputFile(page.url))) : unchangedSinceLastBuild({ previousOut: options.previousOut, previousHashes, previousTrust, checked }, outputFile(page.url)))) reused.push(page.url);
      else render[list].push(page);
    }
  }
  const gone = keysLater ? [] : Object.keys(previous).filter((url) => !(url in index));
  return { render, reused, index, previousOut: options.previousOut, indexFile, previousHashes, previousTrust, checked, gone, shared, keysLater, ...(shard ? { otherShards } : {}) };
}

/** The keys of `pages`, as [url, key] rows (they cross threads). */
export function keyPages(pages: RenderSubset, shared: string): [string, string][] {
  const rows: [string, string][] = [];
  for (const list of renderedLists) for (const page of pages[list]) rows.push([page.url, renderKey(page, shared)]);
  return rows;
}

/** Puts the reused pages' files into the new output (hard links: no bytes copied). */
export function takeReusedPages(plan: RenderPlan, output: string): void {
  // The dev server renders in place (output may be written "./_site/"): nothing to take.
  if (!plan.previousOut || resolve(plan.previousOut) === resolve(output)) return;
  for (const url of plan.reused) {
    const from = join(plan.previousOut, outputFile(url));
    const to = join(output, outputFile(url));
    mkdirSync(dirname(to), { recursive: true });
    linkOrCopy(from, to);
  }
}

/** A hard link where the file system allows one (no bytes copied), else a copy. */
export function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/** Writes the index beside the output it describes: final at once, or pending until the build is swapped in. */
export function writeRenderIndex(plan: RenderPlan, pending: boolean): void {
  mkdirSync(dirname(plan.indexFile), { recursive: true });
  const index: RenderIndex = { format: INDEX_FORMAT, keys: plan.index };
  writeFileSync(pending ? `${plan.indexFile}.pending` : plan.indexFile, JSON.stringify(index));
}

/** How the build that commits an index ends: when it started, and its settled stamp (output-trust.ts). */
export interface CommitOptions {
  startedAt: number;
  /** The token of the build's settled stamp (made by the build command before it deletes the old output). */
  stamp: string;
  /** Files taken over on trust, with their identity (TrustCounts.trusted). */
  trusted?: ReadonlyMap<string, string>;
}

/**
 * The build command calls this once the new output has replaced the old one, with the
 * files it wrote (its manifest's entries): their hashes are what the next build may trust.
 */
export function commitRenderIndex(root: string, out: string, files: readonly ManifestEntry[], trust?: CommitOptions): void {
  const file = indexFileFor(root, out);
  const pending = readRenderIndex(`${file}.pending`);
  rmSync(`${file}.pending`, { force: true });
  if (!pending) {
    rmSync(file, { force: true }); // an index that no longer describes the output would be trusted
    return;
  }
  pending.files = Object.fromEntries(files.map((f) => [f.path, f.sha256]));
  if (trust) {
    removeOtherStamps(out, trust.stamp);
    pending.identities = identitiesOf(out, files.map((f) => f.path), trust.trusted);
    pending.startedAt = trust.startedAt;
    pending.settled = trust.stamp;
  }
  writeFileSync(`${file}.tmp`, JSON.stringify(pending));
  renameSync(`${file}.tmp`, file);
}


/** A build that failed after rendering: its pending index must not describe the old output. */
export function dropPendingRenderIndex(root: string, out: string): void {
  rmSync(`${indexFileFor(root, out)}.pending`, { force: true });
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

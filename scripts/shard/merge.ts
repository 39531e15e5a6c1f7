// Merges the outputs of sharded builds into one folder: every file of every shard, a file
// several shards wrote (assets, feeds, sitemaps, the search index) only if they wrote the
// same bytes, and a manifest of the whole (what `npm run verify` checks).
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { MANIFEST_FILE, readManifest, sha256, writeManifest, type Manifest } from "../integrity/manifest.ts";

export class MergeConflict extends Error {}

export interface MergeResult {
  files: number;
  /** Files more than one shard wrote (identical). */
  shared: number;
  manifest: Manifest;
}

/** Merges `shards` (output folders of `npm run build -- --shard k/n`) into `out`, which must
 * not exist or be empty. Each shard's own manifest must describe it (a shard changed after its
 * build is refused). Throws a MergeConflict that names the file and the shards. */
export function mergeShards(shards: readonly string[], out: string): MergeResult {
  const owner = new Map<string, { shard: string; sha256: string }>();
  let shared = 0;
  for (const dir of shards) {
    if (!existsSync(join(dir, MANIFEST_FILE))) throw new MergeConflict(`${dir}: no ${MANIFEST_FILE}. Give the output folders of npm run build -- --shard k/n.`);
    const { manifest } = readManifest(join(dir, MANIFEST_FILE));
    for (const f of manifest.files) {
      const file = join(dir, f.path);
      if (!existsSync(file) || sha256(readFileSync(file)) !== f.sha256) {
        throw new MergeConflict(`${dir}${f.path} is not what its build wrote (its manifest says otherwise): build the shard again.`);
      }
      const seen = owner.get(f.path);
      if (seen && seen.sha256 !== f.sha256) {
        throw new MergeConflict(`${f.path} differs between ${seen.shard} and ${dir}: shards of one build write the same shared files. Build every shard from the same commit and content.`);
      }
      if (seen) {
        shared++;
        continue;
      }
      owner.set(f.path, { shard: dir, sha256: f.sha256 });
    }
  }
  if (existsSync(out) && readdirSync(out).length > 0) throw new MergeConflict(`--out ${out} is not empty: give a new or empty folder.`);
  for (const [path, { shard }] of owner) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    copyFileSync(join(shard, path), join(out, path));
  }
  mkdirSync(out, { recursive: true });
  const manifest = writeManifest(out, new Map([...owner].map(([path, o]) => [path, { size: -1, sha256: o.sha256 }])));
  return { files: owner.size, shared, manifest };
}

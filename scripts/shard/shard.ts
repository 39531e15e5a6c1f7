// A shard of a build: `npm run build -- --shard 2/4` renders the pages whose URL falls in
// the second of four parts (by a hash of the URL: the same pages every time, whatever else
// the site holds), and everything written once (assets, feeds, sitemaps, the search index),
// which every shard writes alike. `npm run merge` puts the shards' outputs together.
import { createHash } from "node:crypto";
import { UsageError } from "../cli/args.ts";

export interface ShardSpec {
  /** 1-based. */
  index: number;
  count: number;
}

/** Reads `k/n` (1 ≤ k ≤ n ≤ 64); a UsageError that says how to write it. */
export function parseShard(value: string): ShardSpec {
  const m = /^(\d{1,2})\/(\d{1,2})$/.exec(value);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || count > 64 || index < 1 || index > count) {
    throw new UsageError(`--shard ${JSON.stringify(value)}: give k/n, the k-th of n parts (1 ≤ k ≤ n ≤ 64), e.g. --shard 1/2.`);
  }
  return { index, count };
}

/** Whether the page at `url` is rendered by `shard`. */
export function inShard(url: string, shard: ShardSpec): boolean {
  if (shard.count === 1) return true;
  return createHash("sha1").update(url).digest().readUInt32BE(0) % shard.count === shard.index - 1;
}

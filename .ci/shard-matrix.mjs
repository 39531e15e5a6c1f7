#!/usr/bin/env node
// The sharded publish workflow's matrix: `node .ci/shard-matrix.mjs <n>` prints, for
// $GITHUB_OUTPUT, count=n and matrix=[1,…,n] (the k of each `npm run build -- --shard k/n`).
// n is the repository variable SHARDS: 2 to 64 (npm run build's limit); 1 or nothing means
// one runner, which is the other workflow's job (publish.yml).
const usage = "Usage: node .ci/shard-matrix.mjs <n>  (2 ≤ n ≤ 64: the repository variable SHARDS)";
const args = process.argv.slice(2);
if (args.length !== 1) {
  console.error(usage);
  process.exit(2);
}
const value = args[0].trim();
if (!/^\d+$/.test(value) || Number(value) < 2 || Number(value) > 64) {
  console.error(`SHARDS="${value}": give a whole number from 2 to 64, the runners to build on (1 or nothing: publish.yml builds on one).`);
  console.error(usage);
  process.exit(2);
}
const n = Number(value);
console.log(`count=${n}`);
console.log(`matrix=${JSON.stringify(Array.from({ length: n }, (_, i) => i + 1))}`);

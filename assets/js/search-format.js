// The search index's files, as the indexer (scripts/search/index-builder.ts) writes them and
// the browser reads them.
//
// manifest.json: { format, base, docs, shards, fold, variants } (see search-format.d.ts).
// Shard <base>s/<n>.bin (n = hashKey(key) % shards): u32 key count K, u32 byte length L of the
// keys, the keys in UTF-8 joined by "\n", K varints (byte length of each key's postings), then
// the postings one key after another.
// Postings: for each document in increasing id, varint((id - previous id - 1) * 8 + weight),
// previous id starting at -1; weight bit 2 = in the title, bits 0-1 = count in the body
// (0 none, 1 once, 2 two or three times, 3 four or more). Ids are in date order, newest first.
// Document <base><variant folder><id>.json: { u, t, d, i, s, b }, one per article per script.

/** Version of the index files this code reads; the indexer writes it into the manifest. */
export const FORMAT = 1;

/** Weight of one key in one document. */
export function weightOf(inTitle, bodyCount) {
  const tf = bodyCount === 0 ? 0 : bodyCount === 1 ? 1 : bodyCount < 4 ? 2 : 3;
  return (inTitle ? 4 : 0) | tf;
}

function readVarint(bytes, pos) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[pos.at++];
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return value;
    shift += 7;
  }
}

/** A shard's bytes → Map(key → postings bytes). */
export function decodeShard(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(0, true);
  const keyBytes = view.getUint32(4, true);
  const keys = count === 0 ? [] : new TextDecoder().decode(bytes.subarray(8, 8 + keyBytes)).split("\n");
  const pos = { at: 8 + keyBytes };
  const lengths = keys.map(() => readVarint(bytes, pos));
  const map = new Map();
  let at = pos.at;
  keys.forEach((k, i) => {
    map.set(k, bytes.subarray(at, at + lengths[i]));
    at += lengths[i];
  });
  return map;
}

/** Postings bytes → { ids, weights }. */
export function decodePostings(bytes) {
  const ids = [];
  const weights = [];
  const pos = { at: 0 };
  let id = -1;
  while (pos.at < bytes.length) {
    const v = readVarint(bytes, pos);
    id += Math.floor(v / 8) + 1;
    ids.push(id);
    weights.push(v & 7);
  }
  return { ids, weights };
}

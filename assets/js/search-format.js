// The search index's files, as the indexer (scripts/search/index-builder.ts) writes them and
// the browser reads them.
//
// manifest.json: { format, base, docs, shards, fold (packed), variants, years } (search-format.d.ts).
// Shard <base>s/<n>.bin (n = shardOf(key)): u32 key count K, u32 byte length L of the keys,
// the keys in UTF-8 joined by "\n", K varints (byte length of each key's value), the values.
// A key's value is its postings (a VARIANT key's: its variants, UTF-8 lines "folded\tshown").
// Postings: for each document in increasing id, varint((id - previous id - 1) * 16 + weight),
// previous id starting at -1; weight bit 3 = in the source, editor or tags, bit 2 = in the
// title, bits 0-1 = count in the body and summary (0 none, 1 once, 2 two or three, 3 more);
// weight 0: a pair that only falls inside longer words there (和服 in 和服务).
// Ids are in date order, newest first.
// Document <base><variant folder><id>.json: { u, t, d, i, s, o?, e?, g?, m?, b }, one per article per script.

/** Version of the index files this code reads; the indexer writes it into the manifest. */
export const FORMAT = 2;

function readVarint(bytes, pos) {
  let value = 0;
  let shift = 0;
  for (;;) {
    // A cut-off varint ends where the bytes do (never loops past them).
    if (pos.at >= bytes.length) return value;
    const b = bytes[pos.at++];
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return value;
    shift += 7;
  }
}

/** A shard's bytes → Map(key → value bytes). */
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
    id += Math.floor(v / 16) + 1;
    ids.push(id);
    weights.push(v & 15);
  }
  return { ids, weights };
}

/** A VARIANT key's value → [{ text (folded), shown (in Traditional script) }]. */
export function decodeVariants(bytes) {
  return new TextDecoder()
    .decode(bytes)
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => {
      const [text, shown] = l.split("\t");
      return { text, shown: shown || text };
    });
}

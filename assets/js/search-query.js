// The query core's entry: answers queries from the index files (search-format.js), with no DOM
// and no network of its own: the browser page passes fetch, Node (tests, the benchmark) a file
// reader. It fetches only the shards its keys live in and the few documents it shows.
import { decodePostings, decodeShard, FORMAT } from "./search-format.js";
import { fold, foldTable, parseQuery, queryKeys, shardOf } from "./search-keys.js";
import { matchRanges, snippet, verify } from "./search-match.js";
import { rank } from "./search-rank.js";

/** Results fetched and shown per page of results. */
export const PAGE_SIZE = 10;

/**
 * Answers queries from the index files. `fetchBytes(url)` → Promise<Uint8Array>.
 * `variant` is the reader's script path (zh-hans): documents come in that script.
 */
export class Searcher {
  constructor(manifestUrl, variant, fetchBytes) {
    this.manifestUrl = manifestUrl;
    this.variant = variant;
    this.fetchBytes = fetchBytes;
    this.manifest = null;
    this.table = null;
    this.shards = new Map();
    this.docs = new Map();
  }

  async load() {
    if (!this.manifest) {
      this.manifest = (async () => {
        const m = JSON.parse(new TextDecoder().decode(await this.fetchBytes(this.manifestUrl)));
        if (m.format !== FORMAT) throw new Error(`search index format ${m.format}, expected ${FORMAT}`);
        if (m.docs > 0 && !m.variants[this.variant]) throw new Error(`search index has no documents for ${this.variant}`);
        this.table = foldTable(m.fold);
        return m;
      })();
    }
    return this.manifest;
  }

  url(path) {
    return new URL(path, new URL(this.manifestUrl, "http://x/")).pathname;
  }

  shard(n) {
    let s = this.shards.get(n);
    if (!s) {
      s = this.load().then((m) => this.fetchBytes(this.url(`${m.base}s/${n}.bin`))).then(decodeShard);
      s.catch(() => this.shards.delete(n));
      this.shards.set(n, s);
    }
    return s;
  }

  doc(id) {
    let d = this.docs.get(id);
    if (!d) {
      d = this.load()
        .then((m) => this.fetchBytes(this.url(`${m.base}${m.variants[this.variant]}${id}.json`)))
        .then((bytes) => JSON.parse(new TextDecoder().decode(bytes)));
      d.catch(() => this.docs.delete(id));
      this.docs.set(id, d);
    }
    return d;
  }

  /** Parses and runs a query: { terms, hits: [{ id, score }] best first, exact: hits need no check }. */
  async query(text) {
    const m = await this.load();
    const terms = parseQuery(text, this.table);
    const keys = queryKeys(terms);
    if (keys.length === 0 || m.docs === 0) return { terms, hits: [], exact: true };
    const shardNos = [...new Set(keys.map((k) => shardOf(k, m.shards)))];
    const loaded = new Map(await Promise.all(shardNos.map(async (n) => [n, await this.shard(n)])));
    const lists = keys.map((k) => {
      const bytes = loaded.get(shardOf(k, m.shards)).get(k);
      return bytes ? decodePostings(bytes) : null;
    });
    return { terms, hits: rank(lists, m.docs), exact: terms.every((t) => !t.check) };
  }

  /**
   * The next shown results from `hits[from…]`: documents fetched, checked and cut into
   * snippets. Returns { results, next: index of the first hit not yet looked at }.
   */
  async page(result, from, size = PAGE_SIZE) {
    const results = [];
    let at = from;
    while (results.length < size && at < result.hits.length) {
      const batch = result.hits.slice(at, at + (size - results.length));
      at += batch.length;
      const docs = await Promise.all(batch.map((h) => this.doc(h.id)));
      for (const doc of docs) {
        if (!verify(doc, result.terms, this.table)) continue;
        results.push({
          url: doc.u,
          title: doc.t,
          titleRanges: matchRanges(fold(doc.t, this.table), result.terms),
          date: doc.d,
          dateIso: doc.i,
          section: doc.s,
          snippet: snippet(doc.b, result.terms, this.table),
        });
      }
    }
    return { results, next: at };
  }
}

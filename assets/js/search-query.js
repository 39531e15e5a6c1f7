// The query core's entry: answers queries from the index files (search-format.js), with no DOM
// and no network of its own: the browser page passes fetch, Node (tests, the benchmark) a file
// reader. It fetches only the shards its keys live in and the documents it shows.
import { decodePostings, decodeShard, decodeVariants, FORMAT } from "./search-format.js";
import { FACET, fold, foldTable, pairsOf, parseQuery, planKeys, shardOf, unpackFold, VARIANT } from "./search-keys.js";
import { docText, holds, matchRanges, snippet, verify } from "./search-match.js";
import { rank, TIER } from "./search-rank.js";

/** Results fetched and shown per page of results. */
export const PAGE_SIZE = 10;
/** Completions of a word being typed, and variants of a word, looked up at most. */
const COMPLETIONS = 3;
const VARIANTS = 4;

const TIER_NAME = ["match", "inside", "apart", "partial"];
/** Candidates a page of results looks at, at most, in pages' worth, once it has found some. */
const CHECKED = 2;

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
        this.table = foldTable(unpackFold(m.fold));
        return m;
      })();
      this.manifest.catch(() => (this.manifest = null));
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

  /** The shards of `keys`, loaded: key → value bytes (missing: absent). */
  async values(keys) {
    const m = await this.load();
    const nos = [...new Set(keys.map((k) => shardOf(k, m.shards)))];
    const loaded = new Map(await Promise.all(nos.map(async (n) => [n, await this.shard(n)])));
    return { get: (k) => loaded.get(shardOf(k, m.shards))?.get(k), shard: (k) => loaded.get(shardOf(k, m.shards)) };
  }

  /**
   * A word made of words with regional forms and more (网络安全 → 网路安全, 软件与网络 → 软体与网路):
   * [folded, shown] with parts replaced by their variants, the rest as typed, most replaced
   * first. The variants of a part are in the shard of its first pair, a key of the word itself.
   * Up to eight characters: each variant's new pairs may cost a shard.
   */
  partVariants(t, values) {
    const n = t.text.length;
    const out = [[t.text, this.variant === "zh-hans" ? t.text : t.typed]];
    if (n > 8 || n !== Array.from(t.text).length) return [];
    // From the right, so that a replacement leaves the offsets before it as they were.
    for (let to = n; to > 1; to--) {
      for (let from = to - 2; from >= 0; from--) {
        const part = t.text.slice(from, to);
        const bytes = to - from < n ? values.get(VARIANT + part) : null;
        for (const v of bytes ? decodeVariants(bytes) : []) {
          for (const [a, b] of out.slice()) if (a.slice(from, to) === part) out.push([a.slice(0, from) + v.text + a.slice(to), b.slice(0, from) + this.shown(v) + b.slice(to)]);
        }
      }
    }
    return out.slice(1).reverse();
  }

  /** A word's regional variants the index knows, in the reader's script. */
  shown(v) {
    return this.variant === "zh-hans" ? v.text : v.shown;
  }

  /**
   * Parses and runs a query. `options`: { section (id), year, source, sort: "date" | "relevance" }.
   * Returns { terms (with alts: their other forms), hits (best first, each with its tier),
   * exact (hits need no check), partial (no document holds every term: the closest ones),
   * variants and completions added, stats for the total }.
   */
  async query(text, options = {}) {
    const m = await this.load();
    const byDate = options.sort === "date";
    const { keys, terms } = planKeys(parseQuery(text, this.table));
    const facets = [];
    if (options.section) facets.push(`${FACET}s${options.section}`);
    if (options.source) facets.push(`${FACET}o${fold(String(options.source).normalize("NFC"), this.table)}`);
    const result = { terms, hits: [], exact: true, partial: false, variants: [], completions: [], abbreviations: [], near: [], checked: { seen: 0, ok: 0 }, apart: [], apartShown: 0 };
    if (m.docs === 0 || (keys.length === 0 && facets.length === 0 && !options.year)) return result;

    let values = await this.values([...keys, ...facets]);
    const filter = this.filterOf(m, facets, values, options.year);
    if (keys.length === 0 && terms.length === 0) {
      // Filters alone: every article they select, newest first.
      for (let id = 0; id < m.docs; id++) if (!filter || filter(id)) result.hits.push({ id, score: 0, tier: TIER.match, forms: [] });
      return result;
    }

    // Other forms of each term: regional variants (listed in the shard of the word's first pair) and completions of a word being typed.
    const extra = [];
    for (const t of terms) {
      t.alts = [];
      if (t.han && t.looked.length > 0) {
        const bytes = values.get(VARIANT + t.text);
        const forms = bytes ? decodeVariants(bytes).map((v) => [v.text, this.shown(v)]) : this.partVariants(t, values);
        for (const [text, shown] of forms.slice(0, VARIANTS)) {
          t.alts.push({ text, kind: "variant", shown, keys: pairsOf(text) });
          result.variants.push({ of: t.text, shown });
        }
      }
      if (t.prefix) {
        const shard = values.shard(t.text);
        const words = shard ? [...shard].filter(([k]) => k.length > t.text.length && k.startsWith(t.text) && /^[\p{L}\p{N}]+$/u.test(k)) : [];
        words.sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
        for (const [k] of words.slice(0, COMPLETIONS)) {
          t.alts.push({ text: k, kind: "completion", shown: k, keys: [k] });
          result.completions.push(k);
        }
      }
      for (const a of t.alts) extra.push(...a.keys);
    }
    if (extra.length > 0) values = await this.values([...keys, ...facets, ...extra]);

    const lists = new Map();
    const read = (k) => {
      if (lists.has(k)) return;
      const bytes = values.get(k);
      lists.set(k, bytes ? decodePostings(bytes) : null);
    };
    for (const k of [...keys, ...extra]) read(k);
    const ranked = terms.map((t) => ({ forms: [{ keys: t.looked }, ...t.alts.map((a) => ({ keys: a.keys }))] }));
    result.hits = rank(ranked, lists, m.docs, { filter, byDate });
    result.exact = terms.every((t) => !t.check);
    if (result.hits.length > 0) return result;

    // Nothing holds every term: the closest partial matches, from a module loaded only then.
    const { findPartial } = await import("./search-partial.js");
    return findPartial(this, { m, terms, keys, facets, filter, byDate, result, lists, size: PAGE_SIZE });
  }

  /** The filter of the options: facet lists (section, source) and the year's ids; null if none. */
  filterOf(m, facets, values, year) {
    const sets = facets.map((k) => {
      const bytes = values.get(k);
      return new Set(bytes ? decodePostings(bytes).ids : []);
    });
    const ranges = year ? (m.years?.[year] ?? []) : null;
    if (sets.length === 0 && !ranges) return null;
    return (id) => sets.every((s) => s.has(id)) && (!ranges || ranges.some(([a, b]) => id >= a && id <= b));
  }

  /**
   * How many articles match: { n, exact }. Exact when the index alone decides; otherwise an
   * estimate from the articles checked so far (those shown), exact once all were checked.
   */
  total(result) {
    const matches = result.hits.filter((h) => h.tier === TIER.match).length;
    const inside = result.hits.length - matches;
    if (result.exact) return { n: matches, inside, exact: true };
    const { seen, ok } = result.checked;
    const left = result.hits.length - seen;
    if (left === 0) return { n: ok, inside: 0, exact: true };
    const n = seen === 0 ? result.hits.length : ok + Math.round((left * ok) / seen);
    return { n, inside: 0, exact: false, atLeast: ok, atMost: ok + left };
  }

  /**
   * The next shown results from `hits[from…]`: documents fetched, checked and cut into snippets;
   * articles that hold a phrase's characters but not the phrase come after every match.
   * Returns { results, next: index of the first hit not yet looked at, done }.
   */
  async page(result, from, size = PAGE_SIZE) {
    const results = [];
    let at = from;
    const marks = result.marks ?? result.terms;
    // Checking candidates costs a document each: once some results are found, a page stops
    // after looking at CHECKED × size of them, and the total says what is still unchecked.
    while (results.length < size && at < result.hits.length && (results.length === 0 || at - from < CHECKED * size)) {
      const batch = result.hits.slice(at, at + (size - results.length));
      at += batch.length;
      const docs = await Promise.all(batch.map((h) => this.doc(h.id)));
      docs.forEach((doc, i) => {
        const hit = batch[i];
        const checked = result.partial || verify(doc, result.terms, this.table);
        if (!result.exact) {
          result.checked.seen++;
          if (checked) result.checked.ok++;
        }
        const item = this.result(doc, hit, marks, checked ? TIER_NAME[hit.tier] : "apart", result);
        if (checked) results.push(item);
        else result.apart.push(item);
      });
    }
    // Every match shown: then the articles with the words apart.
    while (results.length < size && at >= result.hits.length && result.apartShown < result.apart.length) results.push(result.apart[result.apartShown++]);
    return { results, next: at, done: at >= result.hits.length && result.apartShown >= result.apart.length };
  }

  result(doc, hit, marks, tier, result) {
    const via = [];
    (hit.forms ?? []).forEach((f, t) => {
      const alt = f > 0 ? result.terms[t]?.alts?.[f - 1] : null;
      if (alt && alt.kind === "variant") via.push(alt.shown);
    });
    // An article with the words apart: mark the words it does hold.
    const shownMarks = tier === "apart" ? marks.filter((t) => holds(fold(docText(doc), this.table), t)) : marks;
    return {
      url: doc.u,
      title: doc.t,
      titleRanges: matchRanges(fold(doc.t, this.table), shownMarks),
      date: doc.d,
      dateIso: doc.i,
      section: doc.s,
      source: doc.o ?? "",
      sourceRanges: doc.o ? matchRanges(fold(doc.o, this.table), shownMarks) : [],
      snippet: snippet(doc.b, shownMarks, this.table),
      tier,
      via,
    };
  }
}

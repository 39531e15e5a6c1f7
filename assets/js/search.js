// Site search. One ES module with two jobs:
//  - the rules that turn text into search keys, used by the indexer (scripts/search/, in Node)
//    and by the reader's browser, so a query is cut exactly as the articles were;
//  - on the search page, the search itself: it fetches only the index shards its keys live in
//    and the few documents it shows, all static files under /search/ (no server, no inline code).
//
// Both scripts share one index: every text is folded (Traditional → Simplified characters,
// full-width → ASCII, lower case) before it is cut into keys, and so is the query. Chinese has
// no spaces, so the keys are single characters and character pairs (bigrams); Latin letters and
// digits make whole-word keys. A query word of three or more characters is checked against the
// document's text before it is shown, so 北京大学 does not match 北京…大学 far apart.
// Folding maps one UTF-16 unit to one, so an offset in folded text is an offset in the original.

/** Version of the index files this code reads; the indexer writes it into the manifest. */
export const FORMAT = 1;
/** Results fetched and shown per page of results. */
export const PAGE_SIZE = 10;
/** A query of more keys than this is cut short (each key may cost a shard download). */
export const MAX_KEYS = 24;

// ---------------------------------------------------------------------------------------------
// Text → keys

/** The fold table: pairs of UTF-16 units (from, to) in one string → a 64 K lookup table. */
export function foldTable(pairs) {
  const table = new Uint16Array(65536);
  for (let i = 0; i < 65536; i++) table[i] = i;
  for (let c = 0x41; c <= 0x5a; c++) table[c] = c + 32; // A-Z
  for (let c = 0xff01; c <= 0xff5e; c++) {
    const ascii = c - 0xfee0; // full-width forms
    table[c] = ascii >= 0x41 && ascii <= 0x5a ? ascii + 32 : ascii;
  }
  table[0x3000] = 0x20; // ideographic space
  for (let i = 0; i + 1 < pairs.length; i += 2) table[pairs.charCodeAt(i)] = pairs.charCodeAt(i + 1);
  return table;
}

/** Folds text for matching; the result has the same length as the input. */
export function fold(text, table) {
  const n = text.length;
  let i = 0;
  while (i < n && table[text.charCodeAt(i)] === text.charCodeAt(i)) i++;
  if (i === n) return text;
  const codes = new Uint16Array(n);
  for (let j = 0; j < n; j++) codes[j] = table[text.charCodeAt(j)];
  // Surrogates fold to themselves: well-formed text stays well-formed.
  return utf16.decode(codes);
}

const utf16 = new TextDecoder("utf-16le");

// Han characters (any plane), or runs of other letters, digits and marks.
const RUNS = /([\p{Script=Han}\u3007]+)|((?:(?![\p{Script=Han}\u3007])[\p{L}\p{N}\p{M}])+)/gu;
/** Longest word key: longer runs (hashes, URLs) are cut. */
const MAX_WORD = 40;

/** Calls back with each run of folded text: Han characters, or a word. */
export function forEachRun(folded, fn) {
  RUNS.lastIndex = 0;
  let m;
  while ((m = RUNS.exec(folded)) !== null) fn(m[0], m.index, m[1] !== undefined);
}

/** The key of a word run (not Han): the word, cut if very long. */
export function wordKey(run) {
  return run.length > MAX_WORD ? run.slice(0, MAX_WORD) : run;
}

/** Every key of folded text, once per occurrence: each Han character and pair, each word. */
export function forEachKey(folded, fn) {
  forEachRun(folded, (run, _start, han) => {
    if (!han) {
      fn(wordKey(run));
      return;
    }
    let prev = "";
    for (let i = 0; i < run.length; ) {
      const w = run.charCodeAt(i) >= 0xd800 && run.charCodeAt(i) < 0xdc00 ? 2 : 1;
      const ch = run.slice(i, i + w);
      fn(ch);
      if (prev) fn(prev + ch);
      prev = ch;
      i += w;
    }
  });
}

/** The Han characters of a run, astral ones kept whole. */
function chars(run) {
  return Array.from(run);
}

/**
 * A query as terms to match: words split at spaces, each word cut into runs (a run of Han
 * characters, or a Latin/digit word). Every term must match (AND).
 * Each term: { text: folded run, han, keys: index keys it needs, check: must be verified in text }.
 */
export function parseQuery(query, table) {
  const folded = fold(String(query).normalize("NFC"), table);
  const terms = [];
  const seen = new Set();
  forEachRun(folded, (run, _start, han) => {
    if (seen.has(run)) return;
    seen.add(run);
    if (!han) {
      terms.push({ text: wordKey(run), han: false, keys: [wordKey(run)], check: false });
      return;
    }
    const cs = chars(run);
    const keys = cs.length === 1 ? [cs[0]] : cs.slice(1).map((c, i) => cs[i] + c);
    terms.push({ text: run, han: true, keys: [...new Set(keys)], check: cs.length > 2 });
  });
  // A longer term that holds a shorter one makes the shorter redundant (传播 传播学).
  const kept = terms.filter((t) => !terms.some((o) => o !== t && o.han === t.han && o.text.length > t.text.length && o.text.includes(t.text)));
  return kept;
}

/** All distinct keys of a parsed query, at most MAX_KEYS. */
export function queryKeys(terms) {
  const keys = [];
  for (const t of terms) for (const k of t.keys) if (!keys.includes(k)) keys.push(k);
  return keys.slice(0, MAX_KEYS);
}

/** FNV-1a over UTF-16 units: which shard holds a key. */
export function hashKey(key) {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function shardOf(key, shards) {
  return hashKey(key) % shards;
}

// ---------------------------------------------------------------------------------------------
// Index files
//
// Shard: u32 key count K, u32 byte length L of the keys, the keys in UTF-8 joined by "\n",
// K varints (byte length of each key's postings), then the postings one key after another.
// Postings: for each document in increasing id, varint((id - previous id - 1) * 8 + weight),
// previous id starting at -1; weight bit 2 = in the title, bits 0-1 = count in the body
// (0 none, 1 once, 2 two or three times, 3 four or more). Ids are in date order, newest first.

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

const TF_SCORE = [0, 1, 1.5, 2];
const TITLE_SCORE = 2.5;

/**
 * Documents that have every key, best first: sum over keys of idf × (body count + title bonus),
 * newer first among equals. `lists` holds one decoded postings list per key (missing: none).
 */
export function rank(lists, docCount) {
  if (lists.length === 0 || lists.some((l) => !l || l.ids.length === 0)) return [];
  const order = [...lists].sort((a, b) => a.ids.length - b.ids.length);
  let scores = new Map();
  const first = order[0];
  const idf = (l) => Math.log(1 + docCount / l.ids.length);
  first.ids.forEach((id, i) => scores.set(id, idf(first) * (TF_SCORE[first.weights[i] & 3] + (first.weights[i] & 4 ? TITLE_SCORE : 0))));
  for (const l of order.slice(1)) {
    const next = new Map();
    const f = idf(l);
    l.ids.forEach((id, i) => {
      const s = scores.get(id);
      if (s !== undefined) next.set(id, s + f * (TF_SCORE[l.weights[i] & 3] + (l.weights[i] & 4 ? TITLE_SCORE : 0)));
    });
    scores = next;
    if (scores.size === 0) break;
  }
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
}

// ---------------------------------------------------------------------------------------------
// Matching a shown document

function isWordChar(ch) {
  return ch !== undefined && /[\p{L}\p{N}\p{M}]/u.test(ch) && !/[\p{Script=Han}\u3007]/u.test(ch);
}

/** Where the terms occur in folded text: sorted, merged [start, end) ranges. */
export function matchRanges(folded, terms) {
  const ranges = [];
  for (const t of terms) {
    for (let at = folded.indexOf(t.text); at >= 0; at = folded.indexOf(t.text, at + 1)) {
      const end = at + t.text.length;
      if (!t.han && (isWordChar(folded[at - 1]) || isWordChar(folded[end]))) continue;
      ranges.push([at, end]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** Does the document hold every term that the index alone cannot confirm (Han runs of 3+)? */
export function verify(doc, terms, table) {
  const text = fold(doc.t + "\n" + doc.b, table);
  return terms.every((t) => !t.check || text.includes(t.text));
}

/**
 * A piece of the body around the best match, about `length` characters:
 * { text, ranges (relative to text), before: cut at the start, after: cut at the end }.
 */
export function snippet(body, terms, table, length = 110) {
  const text = body.replace(/\s+/g, " ").trim();
  const folded = fold(text, table);
  const ranges = matchRanges(folded, terms);
  let start = 0;
  if (ranges.length > 0) {
    // The window holding the most distinct terms, earliest among equals.
    let best = -1;
    for (const [s] of ranges) {
      let from = Math.max(0, s - Math.floor(length / 4));
      // Start at the beginning of the sentence when it is near.
      const lead = folded.slice(from, s);
      const stop = Math.max(lead.lastIndexOf("。"), lead.lastIndexOf("！"), lead.lastIndexOf("？"), lead.lastIndexOf("；"));
      if (stop >= 0) from += stop + 1;
      while (from < s && folded[from] === " ") from++;
      const window = folded.slice(from, from + length);
      const hits = terms.filter((t) => window.includes(t.text)).length;
      if (hits > best) {
        best = hits;
        start = from;
      }
      if (best === terms.length) break;
    }
  }
  // Do not cut a surrogate pair.
  if (start > 0 && text.charCodeAt(start) >= 0xdc00 && text.charCodeAt(start) < 0xe000) start--;
  let end = Math.min(text.length, start + length);
  if (end < text.length && text.charCodeAt(end - 1) >= 0xd800 && text.charCodeAt(end - 1) < 0xdc00) end++;
  const inWindow = ranges
    .filter(([s, e]) => e > start && s < end)
    .map(([s, e]) => [Math.max(s, start) - start, Math.min(e, end) - start]);
  return { text: text.slice(start, end), ranges: inWindow, before: start > 0, after: end < text.length };
}

// ---------------------------------------------------------------------------------------------
// Searching

/**
 * Answers queries from the index files. `fetchBytes(url)` → Promise<Uint8Array>; the browser
 * passes fetch, tests and the benchmark pass a file reader that counts bytes.
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

// ---------------------------------------------------------------------------------------------
// The search page

/** Text with ranges wrapped in <mark>, as DOM nodes (never HTML strings). */
function marked(doc, text, ranges) {
  const frag = doc.createDocumentFragment();
  let at = 0;
  for (const [s, e] of ranges) {
    if (s > at) frag.append(text.slice(at, s));
    const mark = doc.createElement("mark");
    mark.textContent = text.slice(s, e);
    frag.append(mark);
    at = e;
  }
  if (at < text.length) frag.append(text.slice(at));
  return frag;
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (all, k) => (k in values ? String(values[k]) : all));
}

export function startPage(root) {
  const doc = root.ownerDocument;
  const win = doc.defaultView;
  const ui = root.dataset;
  const form = root.querySelector("form");
  const input = form.querySelector("input[name=q]");
  const status = root.querySelector("[data-search-status]");
  const list = root.querySelector("[data-search-results]");
  const more = root.querySelector("[data-search-more]");
  const fetchBytes = async (url) => {
    const res = await win.fetch(url, url.endsWith(".json") && url === manifest ? { cache: "no-cache" } : {});
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };
  const manifest = ui.searchIndex;
  const searcher = new Searcher(manifest, ui.searchVariant, fetchBytes);
  let run = 0;
  let current = null;

  const say = (text) => {
    status.textContent = text;
  };

  function render(results, append) {
    if (!append) list.replaceChildren();
    for (const r of results) {
      const li = doc.createElement("li");
      li.className = "teaser search-result";
      const h = doc.createElement("h2");
      h.className = "teaser-title";
      const a = doc.createElement("a");
      a.href = r.url;
      a.append(marked(doc, r.title, r.titleRanges));
      h.append(a);
      const meta = doc.createElement("p");
      meta.className = "teaser-meta";
      const time = doc.createElement("time");
      time.dateTime = r.dateIso;
      time.textContent = r.date;
      meta.append(time);
      if (r.section) {
        const s = doc.createElement("span");
        s.textContent = r.section;
        meta.append(s);
      }
      const p = doc.createElement("p");
      p.className = "teaser-summary search-snippet";
      if (r.snippet.before) p.append("…");
      p.append(marked(doc, r.snippet.text, r.snippet.ranges));
      if (r.snippet.after) p.append("…");
      li.append(h, meta, p);
      list.append(li);
    }
  }

  async function show(query, append) {
    const mine = ++run;
    const q = query.trim();
    if (!append) {
      more.hidden = true;
      if (!q) {
        current = null;
        list.replaceChildren();
        say(ui.searchPrompt);
        return;
      }
      say(ui.searchLoading);
      root.setAttribute("aria-busy", "true");
    }
    try {
      if (!append) current = { q, result: await searcher.query(q), next: 0, shown: 0 };
      if (mine !== run || !current) return;
      const state = current;
      const { results, next } = await searcher.page(state.result, state.next);
      if (mine !== run) return;
      state.next = next;
      state.shown += results.length;
      render(results, append);
      const done = next >= state.result.hits.length;
      more.hidden = done;
      if (state.shown === 0) say(fill(ui.searchNone, { q }));
      else if (state.result.exact || done) say(fill(ui.searchCount, { n: state.result.exact ? state.result.hits.length : state.shown, q }));
      else say(fill(ui.searchShown, { n: state.shown, q }));
    } catch (err) {
      if (mine !== run) return;
      say(ui.searchError);
      win.console.error(err);
    } finally {
      if (mine === run) root.removeAttribute("aria-busy");
    }
  }

  // The other script's search page keeps the query (the switcher links to it).
  function carryQuery(q) {
    for (const a of doc.querySelectorAll("a[hreflang]")) {
      const url = new URL(a.href, win.location.href);
      if (url.origin !== win.location.origin || !/\/search\/$/.test(url.pathname)) continue;
      url.search = q ? `?q=${encodeURIComponent(q)}` : "";
      a.href = url.pathname + url.search;
    }
  }

  function go(q, push) {
    const url = new URL(win.location.href);
    if (q) url.searchParams.set("q", q);
    else url.searchParams.delete("q");
    if (url.href !== win.location.href) win.history[push ? "pushState" : "replaceState"](null, "", url);
    for (const other of doc.querySelectorAll("input[name=q]")) if (other !== doc.activeElement) other.value = q;
    carryQuery(q);
    show(q, false);
  }

  let timer = 0;
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    win.clearTimeout(timer);
    go(input.value.trim(), true);
  });
  input.addEventListener("input", () => {
    win.clearTimeout(timer);
    timer = win.setTimeout(() => go(input.value.trim(), false), 250);
  });
  more.addEventListener("click", () => show(current ? current.q : "", true));
  win.addEventListener("popstate", () => {
    const q = new URL(win.location.href).searchParams.get("q") ?? "";
    input.value = q;
    go(q, false);
  });

  const initial = (new URL(win.location.href).searchParams.get("q") ?? "").trim();
  input.value = initial;
  for (const other of doc.querySelectorAll("input[name=q]")) other.value = initial;
  carryQuery(initial);
  root.classList.add("search-ready");
  searcher.load().catch(() => {});
  show(initial, false);
}

if (typeof document !== "undefined") {
  const root = document.querySelector("[data-search-index]");
  if (root) startPage(root);
}

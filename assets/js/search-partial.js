// When no article holds every term of a query: the closest partial matches (the pairs and
// words of the query an article holds most of; 台湾独立's short form 台独; for a typo, the word
// the reader meant, 伊拉克 for 伊拉科). search-query.js loads this module only then (import()),
// so the usual query does not download it.
import { decodePostings } from "./search-format.js";
import { fold, pairsOf } from "./search-keys.js";
import { docsOf, rank, TIER, weightScore } from "./search-rank.js";

/**
 * Fills `result` (search-query.js) with the closest partial matches: hits of tier partial, the
 * short forms and near words looked for, what to mark. `lists` are the postings read so far
 * (key → postings or null), added to as more keys are looked up.
 */
export async function findPartial(searcher, { m, terms, keys, facets, filter, byDate, result, lists, size }) {
  const load = async (more) => {
    const values = await searcher.values(more);
    for (const k of more) if (!lists.has(k)) lists.set(k, values.get(k) ? decodePostings(values.get(k)) : null);
  };
  const partial = [];
  const short = new Map();
  const owner = new Map();
  const add = (key, weight) => {
    if (!partial.some((p) => p.key === key)) partial.push({ key, weight });
  };
  for (const t of terms) {
    // Pairs and words only: a single character says little, and costs a shard.
    for (const k of t.looked) {
      add(k, 2);
      if (!owner.has(k)) owner.set(k, t);
    }
    const cs = Array.from(t.text);
    // 台湾独立 → 台独: a four-character word's short form takes the first character of each half.
    if (t.han && cs.length === 4) {
      add(cs[0] + cs[2], 3);
      const typed = Array.from(t.typed);
      short.set(t, typed[0] + typed[2]);
    }
  }
  await load([...partial.map((p) => p.key), ...facets]);
  result.hits = rankPartial(partial, lists, m.docs, { filter, byDate });
  // A typo: when not even a pair of a Han word of three or more is in the index (朱容基), the
  // articles holding all but one of its characters.
  const long = terms.filter((t) => t.han && t.text.length >= 3 && t.text.length === Array.from(t.text).length);
  if (result.hits.length === 0 && long.length > 0) {
    const chars = [...new Set(long.flatMap((t) => Array.from(t.text)))];
    await load([...chars, ...facets]);
    result.hits = rankNear(long.map((t) => Array.from(t.text)), lists, m.docs, { filter, byDate });
  }
  const meantFor = new Set();
  // Candidates from the first five partial matches, else the next five (each costs a document).
  let candidates = long.length > 0 ? await meant(searcher, result.hits.slice(0, size / 2), long) : [];
  if (long.length > 0 && candidates.length === 0) candidates = await meant(searcher, result.hits.slice(size / 2, size), long);
  if (candidates.length > 0) {
    // What the reader meant (伊拉克 for 伊拉科): of the candidates, the one most articles hold
    // (the index says), and the articles holding it come first.
    const nearKeys = [...new Set(candidates.flat().flatMap((n) => n.keys))];
    await load([...keys, ...nearKeys, ...facets]);
    const chosen = candidates.map((list) => {
      const df = list.map((n) => rank([{ forms: [{ keys: n.keys }] }], lists, m.docs).length);
      return list[df.indexOf(Math.max(...df))];
    });
    const replaced = terms.map((t) => chosen.find((n) => n.of === t) ?? null);
    const ranked2 = terms.map((t, i) => ({ forms: [{ keys: replaced[i] ? replaced[i].keys : t.looked }] }));
    let first = rank(ranked2, lists, m.docs, { filter, byDate });
    if (first.length === 0) first = rank(chosen.map((n) => ({ forms: [{ keys: n.keys }] })), lists, m.docs, { filter, byDate });
    const ids = new Set(first.map((h) => h.id));
    result.hits = [...first.map((h) => ({ ...h, tier: TIER.partial })), ...result.hits.filter((h) => !ids.has(h.id))];
    result.near = chosen.map((n) => n.shown);
    for (const n of chosen) meantFor.add(n.of);
    // A word the reader meant says more than its short form (傳播論壇 for 傳播論談, not 傳論).
    for (const n of chosen) short.delete(n.of);
    result.nearTerms = chosen.map((n) => ({ text: n.text, han: true, keys: n.keys, check: false, prefix: false, alts: [] }));
  }
  result.abbreviations.push(...short.values());
  result.partial = true;
  result.exact = true;
  // What to mark in a partial match: the words meant, else the pairs and words it holds, the short forms.
  result.marks = [...(result.nearTerms ?? []), ...partial.filter((p) => p.weight >= 2 && !meantFor.has(owner.get(p.key))).map((p) => ({ text: p.key, han: true, keys: [p.key], check: false, prefix: false, alts: [] }))];
  return result;
}

/**
 * For each Han word of three or more characters, the words the first partial matches hold
 * most that differ from it in one character (朱镕基 for 朱容基), at most three, best first:
 * [[{ of (the term), text (folded), shown (in the reader's script), keys (its pairs) }]].
 * Costs the documents of `hits` (those the first page shows).
 */
async function meant(searcher, hits, terms) {
  const docs = await Promise.all(hits.map((h) => searcher.doc(h.id)));
  // The article's own words: not its source or editor (联合报 is no one's 联合过).
  const texts = docs.map((d) => {
    const text = [d.t, d.m ?? "", d.b].join("\n");
    return { text, folded: fold(text, searcher.table) };
  });
  const out = [];
  for (const t of terms) {
    const tally = new Map();
    for (const { text, folded } of texts) {
      for (const [w, n] of nearWords(folded, t.text)) {
        const e = tally.get(w) ?? { docs: 0, n: 0, shown: "" };
        e.docs++;
        e.n += n;
        if (!e.shown) {
          const at = folded.indexOf(w);
          e.shown = text.slice(at, at + w.length);
        }
        tally.set(w, e);
      }
    }
    const best = [...tally].sort((a, b) => b[1].docs - a[1].docs || b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1)).slice(0, 3);
    if (best.length) out.push(best.map(([w, e]) => ({ of: t, text: w, shown: e.shown, keys: pairsOf(w) })));
  }
  return out;
}

/**
 * When no document holds every term: the documents holding most of the query, best first,
 * scored by the keys they hold (pairs and words count double, a pair made of the first
 * characters of a four-character word's halves, such as 台独 for 台湾独立, triple).
 * `keys`: [{ key, weight }]. Only documents holding at least one pair or word count.
 */
export function rankPartial(keys, lists, docCount, { filter = null, byDate = false, min = 0 } = {}) {
  const scores = new Map();
  for (const { key, weight } of keys) {
    const docs = docsOf(lists, key);
    if (docs.size === 0) continue;
    const idf = Math.log(1 + docCount / docs.size);
    for (const [id, d] of docs) {
      if (filter && !filter(id)) continue;
      const s = scores.get(id) ?? { score: 0, strong: false };
      s.score += idf * weight * (1 + weightScore(d.w) / 4) * (d.inside ? 0.5 : 1);
      if (weight >= 2) s.strong = true;
      scores.set(id, s);
    }
  }
  const hits = [...scores].filter(([, s]) => s.strong && s.score >= min).map(([id, s]) => ({ id, score: s.score, tier: TIER.partial, forms: [] }));
  return hits.sort((a, b) => (byDate ? 0 : b.score - a.score) || a.id - b.id);
}

/**
 * The last resort, when not even a pair of the query is in the index (a typo in the middle of a
 * three-character name: 朱容基 for 朱镕基): documents holding all but one of the characters
 * of a Han word of three or more, scored by how rare and how frequent there the characters held
 * are. `words`: [[character keys]].
 */
export function rankNear(words, lists, docCount, { filter = null, byDate = false } = {}) {
  const scores = new Map();
  for (const chars of words) {
    const distinct = [...new Set(chars)];
    const held = new Map();
    for (const key of distinct) {
      const docs = docsOf(lists, key);
      if (docs.size === 0) continue;
      const idf = Math.log(1 + docCount / docs.size);
      for (const [id, d] of docs) {
        if (filter && !filter(id)) continue;
        const h = held.get(id) ?? { n: 0, score: 0 };
        h.n++;
        h.score += idf * (1 + weightScore(d.w) / 4);
        held.set(id, h);
      }
    }
    for (const [id, h] of held) if (h.n >= distinct.length - 1) scores.set(id, (scores.get(id) ?? 0) + h.score);
  }
  const hits = [...scores].map(([id, score]) => ({ id, score, tier: TIER.partial, forms: [] }));
  return hits.sort((a, b) => (byDate ? 0 : b.score - a.score) || a.id - b.id);
}

/**
 * The words of folded text that differ from a Han word of three or more characters in one
 * character only (朱镕基 for 朱容基, 伊拉克 for 伊拉科): what a reader who mistyped meant.
 * Returns [word, occurrences] pairs, most frequent first.
 */
export function nearWords(folded, word) {
  const n = word.length;
  const counts = new Map();
  if (n < 3 || !HAN_WORD.test(word)) return [];
  for (let at = 0; at + n <= folded.length; at++) {
    let off = 0;
    for (let k = 0; k < n && off < 2; k++) if (folded.charCodeAt(at + k) !== word.charCodeAt(k)) off++;
    if (off !== 1) continue;
    const found = folded.slice(at, at + n);
    if (HAN_WORD.test(found)) counts.set(found, (counts.get(found) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]);
}

const HAN_WORD = /^[\p{Script=Han}\u3007]+$/u;

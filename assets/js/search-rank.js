// Ranking: which documents hold every term of a query, best first. A term matches in any of its
// forms (the word, its regional variants, the completions of a word being typed), each form
// needing all its keys; a pair's documents are those where it is a real word match and, below
// them, those where it only falls inside longer words (weight 0).

const TF_SCORE = [0, 1, 1.5, 2];
const TITLE_SCORE = 2.5;
const META_SCORE = 2;

export const TIER = { match: 0, inside: 1, apart: 2, partial: 3 };

export function weightScore(w) {
  return TF_SCORE[w & 3] + (w & 4 ? TITLE_SCORE : 0) + (w & 8 ? META_SCORE : 0);
}

/** A key's documents: Map(id → { w, inside }); weight 0 marks a pair that only falls inside longer words there. */
export function docsOf(lists, key) {
  const out = new Map();
  const list = lists.get(key);
  if (list) list.ids.forEach((id, i) => out.set(id, { w: list.weights[i], inside: list.weights[i] === 0 }));
  return out;
}

/** Documents holding all `keys`: Map(id → { score, inside: every key only inside other words }). */
function holdingAll(lists, keys, docCount) {
  let result = null;
  for (const key of keys) {
    const docs = docsOf(lists, key);
    const idf = Math.log(1 + docCount / Math.max(1, docs.size));
    const next = new Map();
    for (const [id, d] of docs) {
      const prev = result ? result.get(id) : { score: 0, inside: true };
      if (!prev) continue;
      next.set(id, { score: prev.score + idf * weightScore(d.w), inside: prev.inside && d.inside });
    }
    result = next;
    if (result.size === 0) break;
  }
  return result ?? new Map();
}

/**
 * Documents that hold every term, best first: [{ id, score, tier, forms }], where forms[i] is
 * the form of term i that matched (0 the word itself). `terms`: [{ forms: [{ keys }] }] (a form
 * without keys matches every document: it is checked in the text). `filter(id)` keeps a
 * document; `byDate` orders by date (ids are in date order) instead of score.
 */
export function rank(terms, lists, docCount, { filter = null, byDate = false } = {}) {
  if (terms.length === 0) return [];
  let found = null;
  for (const [t, term] of terms.entries()) {
    if (term.forms.every((f) => f.keys.length === 0)) continue;
    const best = new Map();
    term.forms.forEach((form, f) => {
      if (form.keys.length === 0) return;
      for (const [id, d] of holdingAll(lists, form.keys, docCount)) {
        // A variant or a completion counts a little less than the word typed.
        const score = d.score * (f === 0 ? 1 : 0.8);
        const prev = best.get(id);
        const inside = d.inside && form.keys.length === 1;
        if (!prev || (prev.inside && !inside) || (prev.inside === inside && score > prev.score)) best.set(id, { score, inside, form: f });
      }
    });
    const next = new Map();
    for (const [id, b] of best) {
      if (filter && !filter(id)) continue;
      const prev = found ? found.get(id) : { score: 0, inside: false, forms: [] };
      if (!prev) continue;
      const forms = prev.forms.slice();
      forms[t] = b.form;
      next.set(id, { score: prev.score + b.score, inside: prev.inside || b.inside, forms });
    }
    found = next;
    if (found.size === 0) break;
  }
  if (!found) return [];
  const hits = [...found].map(([id, d]) => ({ id, score: d.score, tier: d.inside ? TIER.inside : TIER.match, forms: d.forms }));
  return hits.sort((a, b) => a.tier - b.tier || (byDate ? 0 : b.score - a.score) || a.id - b.id);
}

// Ranking: which documents hold every key of a query, best first.

const TF_SCORE = [0, 1, 1.5, 2];
const TITLE_SCORE = 2.5;

/**
 * Documents that have every key, best first: sum over keys of idf × (body count + title bonus),
 * newer first among equals. `lists` holds one decoded postings list per key (missing: none).
 */
export function rank(lists, docCount) {
  if (lists.length === 0 || lists.some((l) => !l || l.ids.length === 0)) return [];
  // Shortest list first: the candidates only shrink from there.
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

// Finds every lexicon entry in a normalised text in one pass: entries are bucketed by their
// first code unit, so a position whose character starts no entry costs one table read.
// Regular-expression alternations of a few hundred terms are several times slower on the
// rendered text of a whole site.
const isLatin = (unit: number) => unit >= 0x61 && unit <= 0x7a;

export interface Entry<T> {
  units: Uint16Array;
  /** Latin entries match only as whole Latin words (xxx is not in xxxl). */
  latin: boolean;
  value: T;
}

export interface Hit<T> {
  entry: Entry<T>;
  start: number;
  end: number;
}

export class Matcher<T> {
  private readonly head = new Int32Array(0x10000).fill(-1);
  private readonly buckets: Entry<T>[][] = [];

  constructor(entries: Iterable<{ text: string; value: T }>) {
    for (const { text, value } of entries) {
      if (text.length === 0) continue;
      const units = new Uint16Array(text.length);
      for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
      const entry: Entry<T> = { units, latin: /^[a-z0-9 ]+$/.test(text), value };
      let b = this.head[units[0]];
      if (b < 0) {
        b = this.buckets.length;
        this.head[units[0]] = b;
        this.buckets.push([]);
      }
      this.buckets[b].push(entry);
    }
  }

  /** Every occurrence of every entry in units[0, length). */
  scan(units: Uint16Array, length: number): Hit<T>[] {
    const hits: Hit<T>[] = [];
    const head = this.head;
    for (let i = 0; i < length; i++) {
      const b = head[units[i]];
      if (b < 0) continue;
      for (const entry of this.buckets[b]) {
        const u = entry.units;
        const end = i + u.length;
        if (end > length) continue;
        let k = 1;
        while (k < u.length && u[k] === units[i + k]) k++;
        if (k < u.length) continue;
        // Latin words are bounded by letters only: 91porn and bet365 are spam names.
        if (entry.latin && ((i > 0 && isLatin(units[i - 1])) || (end < length && isLatin(units[end])))) continue;
        hits.push({ entry, start: i, end });
      }
    }
    return hits;
  }
}

// Types of search-rank.js for tests (TypeScript reads this; browsers never load it).
import type { Postings } from "./search-format.js";

export interface Hit {
  id: number;
  score: number;
}

export function rank(lists: (Postings | null)[], docCount: number): Hit[];

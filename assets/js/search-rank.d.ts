// Types of search-rank.js for tests (TypeScript reads this; browsers never load it).
import type { Postings } from "./search-format.js";

export const TIER: { match: 0; inside: 1; apart: 2; partial: 3 };

export interface Hit {
  id: number;
  score: number;
  tier: number;
  /** Which form of each term matched: 0 the word itself, then its alternatives. */
  forms: number[];
}

export interface RankOptions {
  filter?: ((id: number) => boolean) | null;
  byDate?: boolean;
}

export function rank(terms: { forms: { keys: string[] }[] }[], lists: Map<string, Postings | null>, docCount: number, options?: RankOptions): Hit[];
export function weightScore(w: number): number;
export function docsOf(lists: Map<string, Postings | null>, key: string): Map<number, { w: number; inside: boolean }>;

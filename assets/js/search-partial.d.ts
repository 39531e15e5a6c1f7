// Types of search-partial.js for tests (TypeScript reads this; browsers never load it).
import type { Postings } from "./search-format.js";
import type { Hit, RankOptions } from "./search-rank.js";

export function findPartial(searcher: unknown, context: object): Promise<unknown>;
export function rankPartial(keys: { key: string; weight: number }[], lists: Map<string, Postings | null>, docCount: number, options?: RankOptions & { min?: number }): Hit[];
export function rankNear(words: string[][], lists: Map<string, Postings | null>, docCount: number, options?: RankOptions): Hit[];
export function nearWords(folded: string, word: string): [string, number][];

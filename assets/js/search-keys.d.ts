// Types of search-keys.js for the indexer and tests (TypeScript reads this; browsers never load it).

export const MAX_KEYS: number;
export const VARIANT: string;
export const FACET: string;

export interface Term {
  /** Folded text of the word, from its first run to its last. */
  text: string;
  /** The same as the reader typed it. */
  typed: string;
  /** One Han run. */
  han: boolean;
  keys: string[];
  /** The index alone cannot confirm it: check the document's text. */
  check: boolean;
  /** The last word, a Latin word still being typed: its completions match too. */
  prefix: boolean;
}

export interface PlannedTerm extends Term {
  /** Its keys that are looked up. */
  looked: string[];
}

export function foldTable(pairs: string): Uint16Array;
export const FOLD_DIGITS: string;
export function unpackFold(packed: string): string;
export function fold(text: string, table: Uint16Array): string;
export function forEachRun(folded: string, fn: (run: string, start: number, han: boolean) => void): void;
export function wordKey(run: string): string;
export function numberKey(digits: string, han: string): string;
export function pairsOf(run: string): string[];
export function parseQuery(query: string, table: Uint16Array): Term[];
export function planKeys(terms: Term[], max?: number): { keys: string[]; terms: PlannedTerm[] };
export function shardKey(key: string): string;
export function hashKey(key: string): number;
export function shardOf(key: string, shards: number): number;

// Types of search-keys.js for the indexer and tests (TypeScript reads this; browsers never load it).

export const MAX_KEYS: number;

export interface Term {
  /** Folded text of the run. */
  text: string;
  han: boolean;
  keys: string[];
  /** The index alone cannot confirm it: check the document's text. */
  check: boolean;
}

export function foldTable(pairs: string): Uint16Array;
export function fold(text: string, table: Uint16Array): string;
export function forEachRun(folded: string, fn: (run: string, start: number, han: boolean) => void): void;
export function wordKey(run: string): string;
export function forEachKey(folded: string, fn: (key: string) => void): void;
export function parseQuery(query: string, table: Uint16Array): Term[];
export function queryKeys(terms: Term[]): string[];
export function hashKey(key: string): number;
export function shardOf(key: string, shards: number): number;

// Types of search.js for the indexer and tests (TypeScript reads this; browsers never load it).

export const FORMAT: number;
export const PAGE_SIZE: number;
export const MAX_KEYS: number;

export interface Term {
  /** Folded text of the run. */
  text: string;
  han: boolean;
  keys: string[];
  /** The index alone cannot confirm it: check the document's text. */
  check: boolean;
}

export interface Postings {
  ids: number[];
  weights: number[];
}

export interface Hit {
  id: number;
  score: number;
}

export interface QueryResult {
  terms: Term[];
  hits: Hit[];
  exact: boolean;
}

/** One document file: what a result shows, in one script. */
export interface SearchDocFile {
  /** URL of the article in this script. */
  u: string;
  /** Title. */
  t: string;
  /** Date as shown. */
  d: string;
  /** ISO date. */
  i: string;
  /** Section name. */
  s: string;
  /** Body text, blocks separated by new lines. */
  b: string;
}

export interface Snippet {
  text: string;
  ranges: [number, number][];
  before: boolean;
  after: boolean;
}

export interface Result {
  url: string;
  title: string;
  titleRanges: [number, number][];
  date: string;
  dateIso: string;
  section: string;
  snippet: Snippet;
}

export interface Manifest {
  format: number;
  /** Folder of this build's files, relative to the manifest. */
  base: string;
  docs: number;
  shards: number;
  /** Fold pairs: UTF-16 units from, to. */
  fold: string;
  /** Variant path → folder of its document files under base. */
  variants: Record<string, string>;
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
export function weightOf(inTitle: boolean, bodyCount: number): number;
export function decodeShard(bytes: Uint8Array): Map<string, Uint8Array>;
export function decodePostings(bytes: Uint8Array): Postings;
export function rank(lists: (Postings | null)[], docCount: number): Hit[];
export function matchRanges(folded: string, terms: Term[]): [number, number][];
export function verify(doc: SearchDocFile, terms: Term[], table: Uint16Array): boolean;
export function snippet(body: string, terms: Term[], table: Uint16Array, length?: number): Snippet;

export class Searcher {
  constructor(manifestUrl: string, variant: string, fetchBytes: (url: string) => Promise<Uint8Array>);
  manifestUrl: string;
  variant: string;
  table: Uint16Array | null;
  load(): Promise<Manifest>;
  query(text: string): Promise<QueryResult>;
  page(result: QueryResult, from: number, size?: number): Promise<{ results: Result[]; next: number }>;
}

export function startPage(root: HTMLElement): void;

// Types of search-query.js for the indexer's tools and tests (TypeScript reads this; browsers never load it).
import type { Manifest } from "./search-format.js";
import type { Term } from "./search-keys.js";
import type { Snippet } from "./search-match.js";
import type { Hit } from "./search-rank.js";

export const PAGE_SIZE: number;

export interface QueryResult {
  terms: Term[];
  hits: Hit[];
  exact: boolean;
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

export class Searcher {
  constructor(manifestUrl: string, variant: string, fetchBytes: (url: string) => Promise<Uint8Array>);
  manifestUrl: string;
  variant: string;
  table: Uint16Array | null;
  load(): Promise<Manifest>;
  query(text: string): Promise<QueryResult>;
  page(result: QueryResult, from: number, size?: number): Promise<{ results: Result[]; next: number }>;
}

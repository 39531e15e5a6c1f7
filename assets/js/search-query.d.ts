// Types of search-query.js for the indexer's tools and tests (TypeScript reads this; browsers never load it).
import type { Manifest } from "./search-format.js";
import type { PlannedTerm } from "./search-keys.js";
import type { Snippet } from "./search-match.js";
import type { Hit } from "./search-rank.js";

export const PAGE_SIZE: number;

export interface Alt {
  text: string;
  kind: "variant" | "completion";
  shown: string;
  keys: string[];
}

export interface QueryTerm extends PlannedTerm {
  alts: Alt[];
}

export interface QueryOptions {
  section?: string;
  year?: string;
  source?: string;
  sort?: "date" | "relevance";
}

export interface QueryResult {
  terms: QueryTerm[];
  hits: Hit[];
  exact: boolean;
  partial: boolean;
  variants: { of: string; shown: string }[];
  completions: string[];
  abbreviations: string[];
  /** Words of the partial matches shown that differ from a query's word in one character (伊拉克 for 伊拉科), in the reader's script. */
  near: string[];
  checked: { seen: number; ok: number };
}

export interface Total {
  n: number;
  /** Articles where a word only falls inside longer words (listed after the matches). */
  inside: number;
  exact: boolean;
  atLeast?: number;
  atMost?: number;
}

export interface Result {
  url: string;
  title: string;
  titleRanges: [number, number][];
  date: string;
  dateIso: string;
  section: string;
  source: string;
  sourceRanges: [number, number][];
  snippet: Snippet;
  tier: "match" | "inside" | "apart" | "partial";
  /** Regional variants this article matched by. */
  via: string[];
}

export class Searcher {
  constructor(manifestUrl: string, variant: string, fetchBytes: (url: string) => Promise<Uint8Array>);
  manifestUrl: string;
  variant: string;
  table: Uint16Array | null;
  load(): Promise<Manifest>;
  query(text: string, options?: QueryOptions): Promise<QueryResult>;
  total(result: QueryResult): Total;
  page(result: QueryResult, from: number, size?: number): Promise<{ results: Result[]; next: number; done: boolean }>;
}

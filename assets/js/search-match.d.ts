// Types of search-match.js for tests (TypeScript reads this; browsers never load it).
import type { SearchDocFile } from "./search-format.js";
import type { Term } from "./search-keys.js";

export interface Snippet {
  text: string;
  ranges: [number, number][];
  before: boolean;
  after: boolean;
}

export function matchRanges(folded: string, terms: Term[]): [number, number][];
export function verify(doc: SearchDocFile, terms: Term[], table: Uint16Array): boolean;
export function snippet(body: string, terms: Term[], table: Uint16Array, length?: number): Snippet;

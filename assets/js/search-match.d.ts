// Types of search-match.js for tests (TypeScript reads this; browsers never load it).
import type { SearchDocFile } from "./search-format.js";
import type { Term } from "./search-keys.js";

export interface Snippet {
  text: string;
  ranges: [number, number][];
  before: boolean;
  after: boolean;
}

/** A term as matched in text: with the other forms it may take. */
export type MatchTerm = Term & { alts?: { text: string }[] };

export function insideWords(folded: string, at: number, end: number): boolean;
export function formsOf(term: MatchTerm): string[];
export function matchRanges(folded: string, terms: MatchTerm[]): [number, number][];
export function docText(doc: SearchDocFile): string;
export function holds(folded: string, term: MatchTerm): boolean;
export function verify(doc: SearchDocFile, terms: MatchTerm[], table: Uint16Array): boolean;
export function snippet(body: string, terms: MatchTerm[], table: Uint16Array, length?: number): Snippet;

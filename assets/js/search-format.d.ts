// Types of search-format.js for the indexer and tests (TypeScript reads this; browsers never load it).

export const FORMAT: number;

export interface Postings {
  ids: number[];
  weights: number[];
}

/** One document file: what a result shows and what the phrase check reads, in one script. */
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
  /** Source (來源), if any. */
  o?: string;
  /** Editor. */
  e?: string;
  /** Tags. */
  g?: string[];
  /** Summary, when the body does not hold it already. */
  m?: string;
  /** Body text, blocks separated by new lines. */
  b: string;
}

export interface Manifest {
  format: number;
  /** Folder of this build's files, relative to the manifest. */
  base: string;
  docs: number;
  shards: number;
  /** Fold pairs, packed (scripts/search/fold.ts packFold). */
  fold: string;
  /** Variant path → folder of its document files under base. */
  variants: Record<string, string>;
  /** Year → [first id, last id] ranges of its articles (ids are in date order). */
  years: Record<string, [number, number][]>;
}

export interface Variant {
  text: string;
  shown: string;
}

export function decodeShard(bytes: Uint8Array): Map<string, Uint8Array>;
export function decodePostings(bytes: Uint8Array): Postings;
export function decodeVariants(bytes: Uint8Array): Variant[];

// How numbers and paths read on the page.

/** 2317 → 2,317: grouping by thousands, as Chinese news sites print view counts. */
export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Joins a variant prefix and a path inside it: ("zh-hans", "news/") → /zh-hans/news/ */
export function variantUrl(variantPath: string, inner: string): string {
  return `/${variantPath}/${inner}`;
}

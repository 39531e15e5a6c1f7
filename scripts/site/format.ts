// How numbers read on the page.

/** 2317 → 2,317: grouping by thousands, as Chinese news sites print view counts. */
export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

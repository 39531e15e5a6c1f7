// Whether a short ambiguous term is a word where it was found: 援交 in 对口支援交流 is not
// (对/口/支援/交流), 彩金 in 注册送彩金 is (注册/送/彩/金). ICU's dictionary segmenter is
// accurate but slow on long runs (its cost grows faster than the text), so only the run of
// Han characters around the candidate is segmented, a few characters either side.
import { isHan } from "./normalize.ts";

const MARGIN = 8;

export class WordBoundaries {
  // Made on first use: creating the first segmenter of a thread loads ICU's dictionary (~20 ms).
  private segmenter: Intl.Segmenter | null = null;

  /** Whether [start, end) of text begins and ends on word boundaries. */
  aligned(text: string, start: number, end: number): boolean {
    // The window: the Han run around the term, at most MARGIN characters either side.
    let from = start;
    while (from > 0 && start - from < MARGIN && isHan(text.charCodeAt(from - 1))) from--;
    let to = end;
    while (to < text.length && to - end < MARGIN && isHan(text.charCodeAt(to))) to++;
    // Nothing Han next to it: the term is a word of its own.
    if (from === start && to === end) return true;
    let startOk = start === from;
    let endOk = end === to;
    this.segmenter ??= new Intl.Segmenter("zh", { granularity: "word" });
    for (const seg of this.segmenter.segment(text.slice(from, to))) {
      const at = from + seg.index;
      if (at === start) startOk = true;
      if (at === end) endOk = true;
      if (at > end) break;
    }
    return startOk && endOk;
  }
}

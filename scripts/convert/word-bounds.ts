// ICU's word boundaries (Intl.Segmenter with Node's full ICU dictionary for Chinese): where a
// dictionary phrase of OpenCC straddles two words of the text (金发 in 奖金|发放, 周密 read as
// 下周 in 下|周密), the converter's commonest error. Used by the engine to choose its phrases
// and by the guess list to tell the dictionary's decisions from its accidents.

const words = new Intl.Segmenter("zh", { granularity: "word" });

export interface Words {
  list: Intl.SegmentData[];
  /** UTF-16 offsets where a word starts or ends, the text's end included. */
  bounds: Set<number>;
}

/** The text's words by ICU, and their boundaries shifted by `offset` (the text's place in a longer one). */
export function icuWords(text: string, offset = 0): Words {
  const list = [...words.segment(text)];
  const bounds = new Set<number>(list.map((w) => w.index + offset));
  bounds.add(text.length + offset);
  return { list, bounds };
}

/** Only the boundaries of icuWords (the engine's per-clause question): no list of segments kept. */
export function icuBounds(text: string, offset = 0): Set<number> {
  const bounds = new Set<number>();
  for (const w of words.segment(text)) bounds.add(w.index + offset);
  bounds.add(text.length + offset);
  return bounds;
}

/** Whether [start, end) is whole words: it starts and ends at word boundaries. */
export function wholeWords(bounds: ReadonlySet<number>, start: number, end: number): boolean {
  return bounds.has(start) && bounds.has(end);
}

/** The first word boundary strictly inside [start, end), or -1. */
export function boundaryInside(bounds: ReadonlySet<number>, start: number, end: number): number {
  for (let b = start + 1; b < end; b++) if (bounds.has(b)) return b;
  return -1;
}

// A string cut from a longer one (slice, substring, a regex match) is, from 13 characters on,
// a view that keeps the whole longer string alive in V8. Text kept for the whole build (a
// summary cut from an article's first paragraph, a memo of texts cut from pages) is copied,
// so that it holds only its own characters.

/** `text` as a string of its own: the concatenation is flattened by the slice into a new string. */
export function ownCopy(text: string): string {
  return (" " + text).slice(1);
}

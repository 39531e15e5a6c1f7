// Text that may go into an XML file. Templates escape & < > " ' (Nunjucks autoescape), which
// is correct XML; what escaping cannot fix are characters XML 1.0 forbids outright (control
// characters, lone surrogates, U+FFFE/U+FFFF): an article pasted from a word processor can
// carry them, and one of them makes the whole feed or sitemap unreadable. They are dropped.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, "");
}

/** HTML escaping for text we put into an HTML fragment ourselves. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

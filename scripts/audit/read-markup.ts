// Reads what the build wrote, tag by tag, without building a tree: fast enough to read every
// page of a big site in the threads that render it. It is strict rather than forgiving: the
// site's own serialisers quote attribute values and escape every "<" in text
// (markdown/serialize.ts, Nunjucks' autoescape, dom-serializer), so any "<" that does not
// open a well-formed tag, close one, or start the doctype is something a browser might read
// differently: it is reported, never skipped. Where a browser would find a tag, so does this.
import { decodeHTML, decodeXML } from "entities";

export interface MarkupHandler {
  /** names[i] = values[i] for i < count (arrays reused between calls: copy what you keep). */
  open(name: string, names: readonly string[], values: readonly string[], count: number, offset: number, selfClosing: boolean): void;
  close(name: string, offset: number): void;
  /** Text as a reader reads it (character references decoded); runs of white space alone are not reported. */
  text(text: string, offset: number): void;
  /** The content of an element whose content is not markup (script, title …), as written. */
  raw(name: string, content: string, offset: number): void;
  error(message: string, offset: number): void;
}

// Elements whose content a browser does not read as markup, up to their end tag.
const RAW_TEXT = new Set(["script", "style", "title", "textarea", "iframe", "xmp", "noembed", "noframes", "noscript"]);
const rawEnds: Record<string, RegExp> = {};

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 12;
}
function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}
function isNameChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 45 || c === 58;
}
function blank(src: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isSpace(src.charCodeAt(k))) return false;
  return true;
}

/** Reads `src` (HTML, or XML with `xml`), calling the handler for each tag and run of text. */
export function readMarkup(src: string, handler: MarkupHandler, xml = false): void {
  const decode = xml ? decodeXML : decodeHTML;
  const names: string[] = [];
  const values: string[] = [];
  const n = src.length;
  let i = 0;
  while (i < n) {
    const lt = src.indexOf("<", i);
    const end = lt < 0 ? n : lt;
    if (end > i && !blank(src, i, end)) {
      const text = src.slice(i, end);
      handler.text(text.indexOf("&") >= 0 ? decode(text) : text, i);
    }
    if (lt < 0) break;
    i = lt;
    const next = src.charCodeAt(i + 1);
    if (next === 47 /* / */) {
      let j = i + 2;
      if (!isLetter(src.charCodeAt(j))) {
        handler.error(`an unreadable end tag ${JSON.stringify(src.slice(i, i + 20))}`, i);
        i++;
        continue;
      }
      while (isNameChar(src.charCodeAt(j))) j++;
      const name = src.slice(i + 2, j).toLowerCase();
      while (isSpace(src.charCodeAt(j))) j++;
      if (src.charCodeAt(j) !== 62) {
        handler.error(`an end tag with more in it: ${JSON.stringify(src.slice(i, i + 30))}`, i);
        i++;
        continue;
      }
      handler.close(name, i);
      i = j + 1;
      continue;
    }
    if (next === 33 /* ! */ || next === 63 /* ? */) {
      const decl = next === 33 ? "<!doctype html>" : "<?xml ";
      const ok = next === 33 ? !xml && src.slice(i, i + 15).toLowerCase() === decl && blank(src, 0, i) : xml && i === 0 && src.startsWith(decl);
      if (ok) {
        i = src.indexOf(">", i) + 1;
        continue;
      }
      // Comments, CDATA and declarations: the site's templates write none.
      handler.error(`markup the site's templates do not write: ${JSON.stringify(src.slice(i, i + 30))}`, i);
      i++;
      continue;
    }
    if (!isLetter(next)) {
      handler.error(`a "<" that does not open a tag: ${JSON.stringify(src.slice(i, i + 30))}`, i);
      i++;
      continue;
    }
    // A start tag: its name, then attributes, each value quoted or a plain run.
    let j = i + 1;
    let upper = false;
    for (let c = src.charCodeAt(j); isNameChar(c); c = src.charCodeAt(++j)) if (c <= 90 && c >= 65) upper = true;
    // What the site's serialisers write is lower case already: lower-casing it again is a copy a tag.
    const name = upper ? src.slice(i + 1, j).toLowerCase() : src.slice(i + 1, j);
    let count = 0;
    let bad = false;
    let selfClosing = false;
    for (;;) {
      const before = j;
      while (isSpace(src.charCodeAt(j))) j++;
      const c = src.charCodeAt(j);
      if (c === 62) break;
      if (c === 47 && src.charCodeAt(j + 1) === 62) {
        selfClosing = true;
        j++;
        break;
      }
      if (j === before || j >= n) {
        bad = true;
        break;
      }
      const start = j;
      let attrUpper = false;
      for (let d = src.charCodeAt(j); j < n && !isSpace(d) && d !== 61 && d !== 62 && d !== 47 && d !== 34 && d !== 39 && d !== 60; d = src.charCodeAt(++j)) if (d <= 90 && d >= 65) attrUpper = true;
      if (j === start) {
        bad = true;
        break;
      }
      const attr = attrUpper ? src.slice(start, j).toLowerCase() : src.slice(start, j);
      let k = j;
      while (isSpace(src.charCodeAt(k))) k++;
      let value = "";
      if (src.charCodeAt(k) === 61) {
        k++;
        while (isSpace(src.charCodeAt(k))) k++;
        const q = src.charCodeAt(k);
        if (q === 34 || q === 39) {
          const close = src.indexOf(q === 34 ? '"' : "'", k + 1);
          if (close < 0) {
            bad = true;
            break;
          }
          value = src.slice(k + 1, close);
          j = close + 1;
        } else {
          const vs = k;
          for (let d = src.charCodeAt(k); k < n && !isSpace(d) && d !== 62; d = src.charCodeAt(++k)) {
            if (d === 34 || d === 39 || d === 60 || d === 61 || d === 96) bad = true;
          }
          if (bad || k === vs) {
            bad = true;
            break;
          }
          value = src.slice(vs, k);
          j = k;
        }
        if (value.indexOf("&") >= 0) value = decode(value);
      }
      names[count] = attr;
      values[count] = value;
      count++;
    }
    if (bad) {
      handler.error(`a tag that is not well formed: ${JSON.stringify(src.slice(i, i + 40))}`, i);
      i++;
      continue;
    }
    handler.open(name, names, values, count, i, selfClosing);
    i = j + 1;
    if (!xml && RAW_TEXT.has(name)) {
      // Up to the first </name: where a browser ends it too.
      const re = (rawEnds[name] ??= new RegExp(`</${name}`, "ig"));
      re.lastIndex = i;
      const close = re.exec(src);
      const stop = close ? close.index : n;
      handler.raw(name, src.slice(i, stop), i);
      i = stop;
    }
  }
}

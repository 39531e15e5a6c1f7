// Converts the text a reader reads in an HTML fragment, and nothing else: text nodes and the
// title, alt, aria-label and placeholder attributes. URLs, class and id names, code, pre,
// script, style and anything marked translate="no" (or data-no-convert) stay as written.
// Text is converted a run at a time across inline tags, so 头<strong>发</strong> is one phrase.
import { parseDocument } from "htmlparser2";
import { render } from "dom-serializer";
import type { ChildNode, Element, Text } from "domhandler";
import type { ScriptConverter } from "./script-converter.ts";

const CONVERTED_ATTRIBUTES = ["title", "alt", "aria-label", "placeholder"];
// Raw-text elements too: their content is written back unescaped, so converted text there
// (a glossary term) would be markup.
const SKIPPED_ELEMENTS = new Set(["code", "kbd", "samp", "pre", "script", "style", "textarea", "svg", "math", "iframe", "noscript", "xmp", "noembed", "noframes", "title", "plaintext"]);
// Phrases may run across these; any other element ends a run of text.
const INLINE_ELEMENTS = new Set([
  "a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "i", "ins", "mark",
  "q", "ruby", "rb", "rt", "rp", "s", "small", "span", "strong", "sub", "sup", "time", "u",
]);

function isElement(node: ChildNode): node is Element {
  return node.type === "tag" || node.type === "script" || node.type === "style";
}

function keptAsWritten(el: Element): boolean {
  return (
    SKIPPED_ELEMENTS.has(el.name) ||
    el.attribs.translate === "no" ||
    "data-no-convert" in el.attribs ||
    (el.attribs.class ?? "").split(/\s+/).includes("ignore-opencc")
  );
}

/** Distributes the converted run back over its text nodes. */
function convertRun(run: Text[], converter: ScriptConverter): void {
  if (run.length === 0) return;
  const texts = run.map((t) => t.data);
  const joined = texts.join("");
  if (!/[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]|-\{/u.test(joined)) return;
  if (run.length === 1) {
    run[0].data = converter.convert(joined);
    return;
  }
  const bounds: number[] = [];
  let acc = 0;
  for (const t of texts) bounds.push((acc += t.length));
  const nodeAt = (offset: number): number => {
    let i = 0;
    while (bounds[i] <= offset) i++;
    return i;
  };
  const outputs = texts.map(() => "");
  for (const seg of converter.segments(joined)) {
    if (seg.start === seg.end) continue;
    const first = nodeAt(seg.start);
    const last = nodeAt(seg.end - 1);
    // Count characters, not UTF-16 units: 𫖮 (two units) becomes 顗 (one), 暐 becomes 𬀩.
    const input = Array.from(joined.slice(seg.start, seg.end));
    const output = Array.from(seg.out);
    if (first === last || output.length !== input.length) {
      // Within one node, or of changed length: the whole output goes where the phrase starts.
      outputs[first] += seg.out;
      continue;
    }
    // Same number of characters across a tag boundary: character for character.
    let offset = seg.start;
    output.forEach((ch, i) => {
      outputs[nodeAt(offset)] += ch;
      offset += input[i].length;
    });
  }
  run.forEach((t, i) => (t.data = outputs[i]));
}

function walk(nodes: ChildNode[], converter: ScriptConverter, run: Text[]): void {
  for (const node of nodes) {
    if (node.type === "text") {
      run.push(node);
    } else if (isElement(node)) {
      if (keptAsWritten(node)) {
        // Text kept as written separates what is around it: no phrase runs across it.
        flush(run, converter);
        continue;
      }
      for (const name of CONVERTED_ATTRIBUTES) {
        const value = node.attribs[name];
        if (value) node.attribs[name] = converter.convert(value);
      }
      const inline = INLINE_ELEMENTS.has(node.name);
      if (!inline) flush(run, converter);
      walk(node.children, converter, run);
      if (!inline) flush(run, converter);
    }
  }
}

function flush(run: Text[], converter: ScriptConverter): void {
  convertRun(run, converter);
  run.length = 0;
}

/** Converts an HTML fragment; returns the input itself when nothing could change. */
export function convertHtml(html: string, converter: ScriptConverter): string {
  const identity = converter.from.lang === converter.to.lang;
  if (identity && !html.includes("-{")) return html;
  const doc = parseDocument(html, { decodeEntities: true });
  const run: Text[] = [];
  walk(doc.children, converter, run);
  flush(run, converter);
  return render(doc, { encodeEntities: "utf8", decodeEntities: true });
}

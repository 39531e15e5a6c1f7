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
    if (first === last) {
      outputs[first] += seg.out;
      continue;
    }
    // Across a tag boundary, character for character; where the lengths differ the rest of
    // the output goes with the last input character (嘉陵<b>云</b> → 嘉陵<b>雲科技</b>), so no
    // tag is left empty that held text.
    const offsets: number[] = [];
    for (let i = 0, at = seg.start; i < input.length; at += input[i].length, i++) offsets.push(at);
    output.forEach((ch, i) => {
      const from = i < input.length - 1 && i < output.length - 1 ? offsets[i] : offsets[input.length - 1];
      outputs[nodeAt(from)] += ch;
    });
  }
  run.forEach((t, i) => (t.data = outputs[i]));
}

interface Visitor {
  run(run: Text[]): void;
  attribute(value: string): string;
}

function walk(nodes: ChildNode[], visit: Visitor, run: Text[]): void {
  const flush = () => {
    visit.run(run);
    run.length = 0;
  };
  for (const node of nodes) {
    if (node.type === "text") {
      run.push(node);
    } else if (isElement(node)) {
      if (keptAsWritten(node)) {
        // Text kept as written separates what is around it: no phrase runs across it.
        flush();
        continue;
      }
      for (const name of CONVERTED_ATTRIBUTES) {
        const value = node.attribs[name];
        if (value) node.attribs[name] = visit.attribute(value);
      }
      const inline = INLINE_ELEMENTS.has(node.name);
      if (!inline) flush();
      walk(node.children, visit, run);
      if (!inline) flush();
    }
  }
}

/** Converts an HTML fragment; returns the input itself when nothing could change. */
export function convertHtml(html: string, converter: ScriptConverter): string {
  const identity = converter.from.lang === converter.to.lang;
  if (identity && !html.includes("-{")) return html;
  const doc = parseDocument(html, { decodeEntities: true });
  const run: Text[] = [];
  const visit: Visitor = { run: (r) => convertRun(r, converter), attribute: (v) => converter.convert(v) };
  walk(doc.children, visit, run);
  visit.run(run);
  return render(doc, { encodeEntities: "utf8", decodeEntities: true });
}

/** The texts of a fragment that conversion converts, each as one run is converted (for reports). */
export function convertedTexts(html: string): string[] {
  const doc = parseDocument(html, { decodeEntities: true });
  const texts: string[] = [];
  const run: Text[] = [];
  const visit: Visitor = {
    run: (r) => r.length > 0 && texts.push(r.map((t) => t.data).join("")),
    attribute: (v) => (texts.push(v), v),
  };
  walk(doc.children, visit, run);
  visit.run(run);
  return texts;
}

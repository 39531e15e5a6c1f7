// HTML as we write it: every attribute value double-quoted with &, <, > and " escaped, text
// with &, < and > escaped. In what we write, then, every "<" outside a quoted value opens a
// tag, which the output audit (scripts/audit/) relies on to read pages without a full parser.

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

export function isVoid(name: string): boolean {
  return VOID.has(name);
}

const TEXT: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

export function escapeText(s: string): string {
  return s.replace(/[&<>]/g, (c) => TEXT[c]);
}

export function escapeAttribute(s: string): string {
  return s.replace(/[&<>"]/g, (c) => TEXT[c]);
}

export function serializeElementStart(name: string, attrs: readonly (readonly [string, string])[]): string {
  let s = `<${name}`;
  // Boolean attributes are written as name="" by the standard's serialiser too.
  for (const [k, v] of attrs) s += ` ${k}="${escapeAttribute(v)}"`;
  return s + ">";
}

export function serializeElementEnd(name: string): string {
  return `</${name}>`;
}

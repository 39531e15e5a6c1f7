// Feed readers and aggregators show an article away from the site: a photo at /media/… or a
// link to ../other/ would point nowhere. Every URL attribute in the body is made absolute,
// resolved against the page the body belongs to.
import { parseDocument } from "htmlparser2";
import { render } from "dom-serializer";
import type { ChildNode, Element } from "domhandler";

const URL_ATTRIBUTES = ["href", "src", "poster", "cite", "action", "data", "longdesc"];
const SRCSET_ATTRIBUTES = ["srcset", "imagesrcset"];

/** One URL made absolute against `base`; a URL with a scheme (https:, mailto:, tel:, data:) stays as written. */
export function absoluteUrl(value: string, base: string): string {
  const url = value.trim();
  if (url === "" || /^[a-z][a-z0-9+.-]*:/i.test(url)) return value;
  try {
    return new URL(url, base).href;
  } catch {
    return value;
  }
}

function absoluteSrcset(value: string, base: string): string {
  return value
    .split(",")
    .map((candidate) => {
      const [url, ...descriptors] = candidate.trim().split(/\s+/);
      return url ? [absoluteUrl(url, base), ...descriptors].join(" ") : "";
    })
    .filter(Boolean)
    .join(", ");
}

function walk(nodes: ChildNode[], base: string): void {
  for (const node of nodes) {
    if (node.type !== "tag" && node.type !== "script" && node.type !== "style") continue;
    const el = node as Element;
    for (const name of URL_ATTRIBUTES) if (el.attribs[name] !== undefined) el.attribs[name] = absoluteUrl(el.attribs[name], base);
    for (const name of SRCSET_ATTRIBUTES) if (el.attribs[name] !== undefined) el.attribs[name] = absoluteSrcset(el.attribs[name], base);
    walk(el.children, base);
  }
}

/** An HTML fragment with every link and image URL absolute; `base` is the page's absolute URL. */
export function absolutizeHtml(html: string, base: string): string {
  if (!/\s(?:href|src|srcset|poster|cite|action|data|longdesc|imagesrcset)\s*=/i.test(html)) return html;
  const doc = parseDocument(html, { decodeEntities: true });
  walk(doc.children, base);
  return render(doc, { encodeEntities: "utf8", decodeEntities: true });
}

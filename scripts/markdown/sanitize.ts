// Raw HTML in an article is parsed the way browsers parse it (parse5 implements the WHATWG
// parser: an unclosed start tag, a CDATA section or a stray </p> mean to us what they mean
// to Chromium), checked against html-policy.ts, and written out again from the tree: what
// reaches readers is our serialisation of what was allowed, never the editor's bytes.
// Anything dropped is an error with its line, so the editor learns what went wrong.
import { defaultTreeAdapter, html as parse5Html, parseFragment, type DefaultTreeAdapterMap } from "parse5";
import {
  ELEMENTS, GLOBAL_ATTRS, HIDING, LAYOUT_IDS, LINK_SCHEMES, LOCAL_FILE_ATTRS, REFUSED,
  allowedClass, isRemote, srcsetCandidates, urlScheme, type HtmlPolicy,
} from "./html-policy.ts";
import { escapeText, isVoid, serializeElementEnd, serializeElementStart } from "./serialize.ts";
import type { MediaKind } from "../media/sniff.ts";

type Node = DefaultTreeAdapterMap["childNode"];
type Element = DefaultTreeAdapterMap["element"];
type Parent = DefaultTreeAdapterMap["parentNode"];

export interface SanitizeIssue {
  /** Offset in the HTML given to sanitize(): the caller knows which source line it came from. */
  offset: number;
  message: string;
  hint: string;
}


export interface SanitizeHooks {
  policy: HtmlPolicy;
  /** A local file the page loads: returns its public URL and, for images, its size. */
  media(src: string, kind: MediaKind, offset: number): { url: string; width?: number; height?: number };
  /** A link (href) and its offset, for the link checks. */
  link(href: string, text: string, offset: number): void;
  /** An id anchors may point at. */
  id(id: string): void;
}

const CONTEXT = defaultTreeAdapter.createElement("div", parse5Html.NS.HTML, []);
const HTML_NS = parse5Html.NS.HTML;

function isElement(node: Node): node is Element {
  return "tagName" in node;
}

function textOf(node: Parent): string {
  let s = "";
  for (const c of node.childNodes) {
    if (c.nodeName === "#text") s += (c as DefaultTreeAdapterMap["textNode"]).value;
    else if (isElement(c)) s += textOf(c);
  }
  return s;
}

/** Parses `html` as the content of the article's <div>, keeps what the policy allows, and
 * returns it serialised, with every refusal. */
export function sanitizeHtml(html: string, hooks: SanitizeHooks): { html: string; issues: SanitizeIssue[] } {
  const issues: SanitizeIssue[] = [];
  const fragment = parseFragment(CONTEXT, html, { sourceCodeLocationInfo: true });
  const out: string[] = [];
  const refuse = (offset: number, message: string, hint: string) => issues.push({ offset, message, hint });
  const walk = (parent: Parent, inside: MediaKind | null) => {
    for (const node of parent.childNodes) {
      const offset = node.sourceCodeLocation?.startOffset ?? 0;
      if (node.nodeName === "#text") {
        out.push(escapeText((node as DefaultTreeAdapterMap["textNode"]).value));
        continue;
      }
      if (node.nodeName === "#comment") {
        // An editor's note (<!-- 待核實 -->) is dropped; anything else the browser reads as a
        // comment (<![CDATA[…]]>, <!x>, <?x>, </ x>) is markup the editor meant otherwise.
        if (!html.startsWith("<!--", offset)) {
          refuse(offset, `${JSON.stringify(html.slice(offset, offset + 12))}… is not HTML an article may contain (a browser reads it as a comment, other programs as markup).`, "Remove it; CDATA sections and <! … > declarations have no place in an article.");
        }
        continue;
      }
      if (!isElement(node)) continue;
      const name = node.tagName;
      if (node.namespaceURI !== HTML_NS) {
        refuse(offset, `<${name}> is foreign (SVG or MathML) markup, which can hold script and links.`, "Export the drawing as a PNG photo.");
        continue;
      }
      const allowed = ELEMENTS[name];
      if (!allowed) {
        const why = REFUSED[name];
        refuse(offset, `<${name}> ${why ?? "is not on the list of HTML an article may contain"}.`, `Use Markdown, or one of: ${Object.keys(ELEMENTS).slice(0, 14).join(", ")} ….`);
        // Unknown presentational tags are unwrapped (the dev server still shows the text); the
        // refused ones take their content with them.
        if (!why) walk(node, inside);
        continue;
      }
      const attrs = checkAttributes(node, inside, hooks, refuse);
      out.push(serializeElementStart(name, attrs));
      if (isVoid(name)) continue;
      // Content no reader sees: an iframe's text (raw text, never shown), what video and audio
      // show only where they cannot play, an <rp> beyond its parentheses. Hidden links live there.
      const unseen = unseenContent(node);
      if (unseen) {
        refuse(node.sourceCodeLocation?.startOffset ?? offset, unseen, "Write the text outside it, where readers see it.");
        if (name === "iframe") {
          out.push(serializeElementEnd(name));
          continue;
        }
      }
      // A <pre> whose text starts with a line break: the parser drops the first one, so write it twice.
      const first = node.childNodes[0];
      if ((name === "pre" || name === "textarea") && first?.nodeName === "#text" && (first as DefaultTreeAdapterMap["textNode"]).value.startsWith("\n")) out.push("\n");
      walk(node, name === "video" || name === "audio" ? name : name === "picture" ? "image" : inside);
      out.push(serializeElementEnd(name));
    }
  };
  walk(fragment, null);
  return { html: out.join(""), issues };
}

function unseenContent(node: Element): string | null {
  const name = node.tagName;
  if (name === "iframe") return textOf(node).trim() ? "text inside an <iframe> is never shown to readers." : null;
  if (name === "video" || name === "audio") {
    const other = node.childNodes.find((c) => (isElement(c) ? c.tagName !== "source" && c.tagName !== "track" : c.nodeName === "#text" && (c as DefaultTreeAdapterMap["textNode"]).value.trim() !== ""));
    return other ? `<${name}> may hold only <source> and <track>: anything else in it is shown only where ${name} cannot play.` : null;
  }
  if (name === "rp") {
    const text = textOf(node).trim();
    return node.childNodes.some(isElement) || text.length > 2 || /[\p{L}\p{N}]/u.test(text) ? "<rp> may hold only the parentheses shown where ruby is not supported." : null;
  }
  return null;
}

function checkAttributes(
  node: Element,
  inside: MediaKind | null,
  hooks: SanitizeHooks,
  refuse: (offset: number, message: string, hint: string) => void,
): [string, string][] {
  const name = node.tagName;
  const own = ELEMENTS[name];
  const loc = node.sourceCodeLocation;
  const kept: [string, string][] = [];
  const at = (attr: string) => loc?.attrs?.[attr]?.startOffset ?? loc?.startOffset ?? 0;
  let hasAlt = false;
  let hasSize = false;
  let size: { width?: number; height?: number } = {};
  for (const { name: attr, value } of node.attrs) {
    const offset = at(attr);
    if (/^on/i.test(attr)) {
      refuse(offset, `the event handler ${attr}= runs script and is not allowed.`, "Remove it.");
      continue;
    }
    if (attr === "hidden" || (attr === "aria-hidden" && value !== "false")) {
      refuse(offset, `the ${attr} attribute hides content from readers.`, "Remove it: text in an article must be visible.");
      continue;
    }
    if (attr === "style") {
      // Markdown's table alignment is the only style Markdown writes; the CSP blocks inline
      // styles anyway, so it is dropped quietly. Anything else is refused, hiding named.
      if ((name === "th" || name === "td") && /^text-align:(left|right|center)$/.test(value)) continue;
      const hiding = HIDING.find(([pattern]) => pattern.test(value));
      if (hiding) refuse(offset, `hidden content (${hiding[1]}) is not allowed.`, "Text in an article must be visible to readers: hidden text is how spam links are slipped into pages.");
      else refuse(offset, "the style attribute is not allowed.", "The site's Content-Security-Policy blocks inline styles: use Markdown, or plain HTML without style.");
      continue;
    }
    if (attr === "class") {
      if (allowedClass(name, value)) kept.push([attr, value]);
      else refuse(offset, `the class attribute is not allowed on <${name}>.`, "The site's own classes can hide or restyle text: remove it.");
      continue;
    }
    if (attr === "srcdoc") {
      refuse(offset, "srcdoc= embeds a document of its own and is not allowed.", "Embed a player from a host listed in site data (iframeHosts) with src=.");
      continue;
    }
    if (!GLOBAL_ATTRS.has(attr) && !own.includes(attr)) {
      refuse(offset, `the attribute ${attr}= is not allowed on <${name}>.`, `Allowed on <${name}>: ${[...own, ...GLOBAL_ATTRS].join(", ")}.`);
      continue;
    }
    if (attr === "id") {
      if (LAYOUT_IDS.has(value)) {
        refuse(offset, `id="${value}" is used by the page layout.`, "Choose another id.");
        continue;
      }
      hooks.id(value);
    }
    if (attr === "alt" && value.trim()) hasAlt = true;
    if (attr === "width" || attr === "height") hasSize = true;
    if (attr === "href" || attr === "cite") {
      const scheme = urlScheme(value);
      if (scheme && !LINK_SCHEMES.has(scheme)) {
        refuse(offset, `a ${scheme}: URL in ${attr}= is not allowed.`, "Link with http(s), mailto or tel, or to a page of the site.");
        continue;
      }
      if (attr === "href") hooks.link(value, textOf(node), offset);
      kept.push([attr, value]);
      continue;
    }
    if (name === "iframe" && attr === "src") {
      let host = "";
      try {
        host = new URL(value).host;
      } catch {
        // not absolute
      }
      if (urlScheme(value) !== "https" || !hooks.policy.iframeHosts.includes(host)) {
        refuse(offset, `an iframe from ${host || value} is not allowed.`, hooks.policy.iframeHosts.length ? `Iframes may come from: ${hooks.policy.iframeHosts.join(", ")} (over https). Others are added in site data (iframeHosts).` : "No iframe hosts are allowed in site data (iframeHosts).");
        continue;
      }
      kept.push([attr, value]);
      continue;
    }
    if (LOCAL_FILE_ATTRS.has(attr)) {
      const kind: MediaKind = attr === "poster" || name === "img" ? "image" : name === "track" ? "track" : name === "source" ? (inside ?? "image") : name === "video" ? "video" : name === "audio" ? "audio" : "image";
      const candidates = attr === "srcset" ? srcsetCandidates(value) : [{ url: value, descriptor: "" }];
      const remote = candidates.find((c) => isRemote(c.url));
      if (remote) {
        const scheme = urlScheme(remote.url);
        const what = scheme && !LINK_SCHEMES.has(scheme) ? `a ${scheme}: URL in ${attr}= is not allowed` : `<${name} ${attr}="${remote.url}"> loads from another host`;
        refuse(offset, `${what}.`, "Put the file beside the article or under assets/ and refer to it by path.");
        continue;
      }
      if (candidates.length === 0) continue;
      const resolved = candidates.map((c) => {
        const m = hooks.media(c.url, kind, offset);
        if (attr === "src" && name === "img") size = m;
        return c.descriptor ? `${m.url} ${c.descriptor}` : m.url;
      });
      kept.push([attr, resolved.join(", ")]);
      continue;
    }
    kept.push([attr, value]);
  }
  if (name === "img") {
    if (!hasAlt) refuse(loc?.startOffset ?? 0, "an <img> has no alt text.", 'Add alt="…" describing the photo.');
    if (!hasSize && size.width && size.height) kept.push(["width", String(size.width)], ["height", String(size.height)]);
  }
  return kept;
}


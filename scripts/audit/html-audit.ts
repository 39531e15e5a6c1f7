// The last check of an HTML page, a feed's article HTML or JSON-LD, in the form a reader or
// crawler gets it: no script, style, event handler, refresh, base, frame or form that the
// site's own templates did not put there; nothing hidden or loaded from elsewhere in what
// articles bring; and no text that reads as spam. Whatever fed the page (an editor, the
// glossary, a cache, a bug), this sees the result.
import { ELEMENTS, GLOBAL_ATTRS, LINK_SCHEMES, allowedClass, isRemote, srcsetCandidates, urlScheme } from "../markdown/html-policy.ts";
import { decodeHTML } from "entities";
import { isVoid } from "../markdown/serialize.ts";
import { readMarkup, type MarkupHandler } from "./read-markup.ts";
import type { SpamJudge, TextKind } from "../spam/judge.ts";

export interface AuditContext {
  /** The Content-Security-Policy of the meta tag the layout writes (security/policy.ts). */
  cspMeta: string;
  /** The site's own origin (https://news.example.com): canonical and alternate links lead there. */
  siteOrigin: string;
  iframeHosts: readonly string[];
  judge: SpamJudge;
  /** The one URL this page may refresh to: set for the pages of a kind that redirects
   * (model/page-kind.ts: audit), from the model, never from what the page says. */
  refreshTo?: string;
}

export interface Finding {
  rule: string;
  /** What was found, as written in the file (clipped). */
  excerpt: string;
}

/** Elements the layouts write besides what articles may contain. */
const LAYOUT_ELEMENTS = new Set([
  "html", "head", "meta", "title", "link", "script", "body", "header", "nav", "main", "footer", "aside", "article", "section",
  "h1", "form", "label", "input", "button", "time",
  // The search page's filters.
  "fieldset", "legend", "select", "option",
]);
const BLOCK = new Set([
  "html", "head", "body", "header", "nav", "main", "footer", "aside", "article", "section", "div", "p", "ul", "ol", "li", "dl", "dt", "dd",
  "h1", "h2", "h3", "h4", "h5", "h6", "title", "table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th", "figure", "figcaption",
  "blockquote", "pre", "details", "summary", "form", "label", "button", "br", "hr", "img", "video", "audio", "iframe",
  "fieldset", "legend",
]);
const HEADLINE = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
const CHROME = new Set(["header", "nav", "footer"]);
const URL_ATTRS = new Set(["href", "src", "srcset", "poster", "action", "formaction", "cite", "data", "background", "ping", "xlink:href", "manifest", "longdesc", "lowsrc", "dynsrc"]);
const META_NAMES = /^(viewport|description|robots|referrer|theme-color|color-scheme|format-detection|generator|twitter:[a-z:_]+)$/;
const META_PROPERTIES = /^(og|article):[a-z:_]+$/;
const LINK_RELS = new Set(["stylesheet", "icon", "canonical", "alternate", "preload", "manifest", "apple-touch-icon", "prev", "next"]);
const SITE_SCRIPT = /^\/assets\/js\/[\w.-]+\.js$/;
const TEXT_META = /^(description|og:description|twitter:description)$/;
const TITLE_META = /^(og:title|twitter:title)$/;
const NAME_META = /^(og:site_name|article:author|article:section|article:tag)$/;
const HAS_WORDS = /[\p{L}\p{N}]/u;

function clip(s: string, n = 80): string {
  const flat = s.replace(/\s+/g, " ").trim();
  return flat.length > n ? `${flat.slice(0, n)}…` : flat;
}

/** Checks one HTML document (`fragment`: an article's HTML on its own, as in a feed). */
export function auditHtml(src: string, ctx: AuditContext, fragment = false): Finding[] {
  const audit = new HtmlAudit(src, ctx, fragment);
  readMarkup(src, audit);
  audit.flush();
  return audit.findings;
}

class HtmlAudit implements MarkupHandler {
  readonly findings: Finding[] = [];
  private stack: string[] = [];
  /** Depth of <div> nesting inside the article body, -1 outside it. */
  private articleDivs: number;
  /** A feed's article HTML: its photos are the site's absolute URLs, and it opens with the source line. */
  private readonly feed: boolean;
  /** Open elements that make text a headline (h1–h6, a) or part of the site's chrome (header,
   * nav, footer outside <main>: an article's own header holds its headline). */
  private headlines = 0;
  private links = 0;
  private chrome = 0;
  private main = 0;
  /** Open <video>, <audio> and <rp>: what is inside them no reader sees (fallback content). */
  private unseen = 0;
  private buffer = "";
  private bufferKind: TextKind = "text";

  constructor(
    private readonly src: string,
    private readonly ctx: AuditContext,
    fragment: boolean,
  ) {
    this.articleDivs = fragment ? 0 : -1;
    this.feed = fragment;
  }

  private find(rule: string, offset: number, length = 80): void {
    this.findings.push({ rule, excerpt: clip(this.src.slice(offset, offset + length)) });
  }

  private get inArticle(): boolean {
    return this.articleDivs >= 0;
  }

  // A link's text is a headline in lists and teasers, and part of the sentence in an article.
  private kindHere(): TextKind {
    return this.chrome > 0 ? "name" : this.headlines > 0 || (this.links > 0 && !this.inArticle) ? "title" : "text";
  }

  /** Judges the text read since the last block boundary. */
  flush(): void {
    if (this.buffer === "") return;
    const text = this.buffer.trim();
    this.buffer = "";
    if (text) this.judge(text, this.bufferKind);
  }

  judge(text: string, kind: TextKind): void {
    if (!HAS_WORDS.test(text)) return;
    const hit = this.ctx.judge.judge(text, kind);
    if (hit) this.findings.push({ rule: `reads as gambling/porn spam: ${hit.why}`, excerpt: clip(text) });
  }

  open(name: string, names: readonly string[], values: readonly string[], count: number, offset: number): void {
    if (BLOCK.has(name)) this.flush();
    if (this.inArticle ? ELEMENTS[name] === undefined : !LAYOUT_ELEMENTS.has(name) && ELEMENTS[name] === undefined) {
      this.find(`<${name}> is not an element the site's templates write${this.inArticle ? " in an article" : ""}`, offset);
    }
    if (this.unseen > 0 && name !== "source" && name !== "track") this.find(`<${name}> inside <video>, <audio> or <rp>, where readers never see it`, offset);
    if (count > 0) this.checkAttributes(name, names, values, count, offset);
    else if (name === "script" || name === "base" || name === "meta" || name === "link" || name === "iframe") this.checkElement(name, names, values, 0, offset);
    if (name === "div") {
      if (this.inArticle) this.articleDivs++;
      else if (count > 0 && names[0] === "class" && (" " + values[0] + " ").includes(" article-body ")) this.articleDivs = 0;
    }
    if (!isVoid(name)) {
      this.stack.push(name);
      if (HEADLINE.has(name)) this.headlines++;
      else if (name === "a") this.links++;
      else if (name === "main") this.main++;
      else if (name === "video" || name === "audio" || name === "rp") this.unseen++;
      else if (CHROME.has(name) && this.main === 0) this.chrome++;
    }
  }

  close(name: string, offset: number): void {
    if (BLOCK.has(name)) this.flush();
    if (name === "div" && this.inArticle) this.articleDivs--;
    const at = this.stack.lastIndexOf(name);
    if (at < 0) {
      this.find(`</${name}> closes nothing`, offset);
      return;
    }
    while (this.stack.length > at) {
      const top = this.stack.pop()!;
      if (HEADLINE.has(top)) this.headlines--;
      else if (top === "a") this.links--;
      else if (top === "main") this.main--;
      else if (top === "video" || top === "audio" || top === "rp") this.unseen--;
      else if (CHROME.has(top) && this.main === 0) this.chrome--;
    }
  }

  text(text: string, offset: number): void {
    if (this.unseen > 0 && (text.trim().length > 2 || /[\p{L}\p{N}]/u.test(text))) this.find("text inside <video>, <audio> or <rp>, where readers never see it", offset);
    if (BIDI.test(text)) this.find("a bidirectional control that shows the text in another order than it is written", offset);
    if (this.buffer === "") this.bufferKind = this.kindHere();
    this.buffer += text;
  }

  raw(name: string, content: string, offset: number): void {
    const tagAt = this.src.lastIndexOf("<", offset);
    if (name === "title") {
      // A title's content is text with character references, as a browser reads it.
      this.judge(content.indexOf("&") >= 0 ? decodeHTML(content) : content, "title");
    } else if (name === "script") {
      if (this.src.slice(tagAt, offset).includes('type="application/ld+json"')) this.jsonLd(content, tagAt);
      else if (content.trim() !== "") this.find("an inline <script>", tagAt, 120);
    } else if (name === "iframe") {
      if (content !== "") this.find("content inside an <iframe> (raw text to a browser: markup there is live)", tagAt);
    } else {
      this.find(`<${name}> is not an element the site's templates write`, tagAt);
    }
  }

  error(message: string, offset: number): void {
    this.find(message, offset, 40);
  }

  private jsonLd(content: string, offset: number): void {
    if (/[<>]/.test(content)) {
      this.find("JSON-LD with a raw < or >", offset, 120);
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(content);
    } catch {
      this.find("JSON-LD that is not JSON", offset, 120);
      return;
    }
    this.walkJson(data, "");
  }

  private walkJson(value: unknown, key: string): void {
    if (typeof value === "string") {
      if (JSON_TITLE.test(key)) this.judge(value, key === "name" ? "name" : "title");
      else if (JSON_TEXT.test(key)) this.judge(value, "text");
      else if (JSON_URL.test(key)) {
        const scheme = urlScheme(value);
        if (scheme && scheme !== "http" && scheme !== "https") this.findings.push({ rule: `a ${scheme}: URL in JSON-LD`, excerpt: clip(value) });
      }
    } else if (Array.isArray(value)) for (const v of value) this.walkJson(v, key);
    else if (value && typeof value === "object") for (const k of Object.keys(value)) this.walkJson((value as Record<string, unknown>)[k], k);
  }

  private checkAttributes(name: string, names: readonly string[], values: readonly string[], count: number, offset: number): void {
    for (let a = 0; a < count; a++) {
      const attr = names[a];
      const value = values[a];
      // One lookup an attribute (a switch over thirty names compares them one by one).
      const kind = ATTR_KINDS.get(attr);
      // What can run, restyle, hide or leave, named as such, wherever it is.
      if (attr.charCodeAt(0) === 111 && attr.charCodeAt(1) === 110) {
        this.find(`an event handler (${attr}=)`, offset);
        continue;
      }
      if (UNWRITTEN_ATTRS.has(attr)) {
        this.find(`${attr}= on <${name}>, which the site's templates never write`, offset);
        continue;
      }
      if (kind === STYLE) {
        this.find("an inline style", offset);
        continue;
      }
      if (kind === DOCUMENT) {
        this.find(`${attr}= on <${name}>`, offset);
        continue;
      }
      if (kind === HIDDEN) {
        if (!(name === "button" && indexOf(names, count, "data-search-more") >= 0)) this.find("hidden content (the hidden attribute)", offset);
        continue;
      }
      if (kind === HTTP_EQUIV) {
        const content = valueOf(names, values, count, "content");
        const csp = value.toLowerCase() === "content-security-policy" && content === this.ctx.cspMeta;
        // A redirect page's refresh: at once, to its own target, in its head (not an article's).
        const refresh = value.toLowerCase() === "refresh" && this.ctx.refreshTo !== undefined && content === `0; url=${this.ctx.refreshTo}` && !this.inArticle;
        if (!csp && !refresh) this.find(`<meta http-equiv="${value}"> the layout does not write`, offset);
        continue;
      }
      // In an article, only what the allowlist lets through (html-policy.ts), as the sanitizer does.
      if (this.inArticle && kind !== CLASS && !GLOBAL_ATTRS.has(attr) && !(ELEMENTS[name] ?? []).includes(attr)) {
        this.find(`the attribute ${attr}= on <${name}> in an article`, offset);
        continue;
      }
      if (kind === IGNORED) continue;
      if (kind === CLASS) {
        if (this.inArticle && !allowedClass(name, value) && !(this.feed && name === "p" && value === "source")) this.find(`class="${value}" in an article`, offset);
        continue;
      }
      if (kind === TEXT) {
        this.judge(value, "text");
        continue;
      }
      if (kind === NAME) {
        this.judge(value, "name");
        continue;
      }
      if (URL_ATTRS.has(attr)) this.checkUrl(name, attr, value, offset);
    }
    if (name === "script" || name === "base" || name === "meta" || name === "link" || name === "iframe" || name === "form") this.checkElement(name, names, values, count, offset);
  }

  private checkElement(name: string, names: readonly string[], values: readonly string[], count: number, offset: number): void {
    if (name === "base") this.find("<base> changes where every link of the page leads", offset);
    else if (name === "meta") this.checkMeta(names, values, count, offset);
    else if (name === "link") {
      const rel = (valueOf(names, values, count, "rel") ?? "").toLowerCase().split(/\s+/);
      if (!rel.every((r) => LINK_RELS.has(r))) this.find(`<link rel="${rel.join(" ")}"> the layout does not write`, offset);
    } else if (name === "script") {
      const src = valueOf(names, values, count, "src");
      const type = valueOf(names, values, count, "type");
      let plain = true;
      for (let a = 0; a < count; a++) if (!SCRIPT_ATTRS.has(names[a])) plain = false;
      const ok = src === undefined ? type === "application/ld+json" && count === 1 : SITE_SCRIPT.test(src) && (type === undefined || type === "module") && plain;
      if (!ok) this.find("a <script> the site's templates do not write", offset, 120);
    } else if (name === "iframe" && !this.inArticle) this.find("an <iframe> outside an article", offset);
    else if (name === "form" && (this.inArticle || isRemote(valueOf(names, values, count, "action") ?? ""))) this.find("a form the site's templates do not write", offset);
  }

  private checkMeta(names: readonly string[], values: readonly string[], count: number, offset: number): void {
    const content = valueOf(names, values, count, "content") ?? "";
    const key = names[0] === "content" ? names[1] : names[0];
    const value = names[0] === "content" ? values[1] : values[0];
    if (key === "charset" || key === "http-equiv") return;
    if (!((key === "name" && META_NAMES.test(value)) || (key === "property" && META_PROPERTIES.test(value)))) {
      this.find(`a <meta ${key}="${value}"> the layout does not write`, offset);
      return;
    }
    if (TEXT_META.test(value)) this.judge(content, "text");
    else if (TITLE_META.test(value)) this.judge(content, "title");
    else if (NAME_META.test(value)) this.judge(content, "name");
    else if (/(:url|:image)$/.test(value) && !this.isOwn(content)) this.find(`<meta ${key}="${value}"> leads off the site`, offset);
  }

  private isOwn(url: string): boolean {
    return !isRemote(url) || url === this.ctx.siteOrigin || url.startsWith(`${this.ctx.siteOrigin}/`);
  }

  private checkUrl(name: string, attr: string, value: string, offset: number): void {
    if (attr === "srcset") {
      for (const c of srcsetCandidates(value)) this.checkUrl(name, "src", c.url, offset);
      return;
    }
    const scheme = urlScheme(value);
    if (scheme && !LINK_SCHEMES.has(scheme)) {
      this.find(`a ${scheme}: URL in ${attr}=`, offset);
      return;
    }
    if (name === "a" || attr === "cite") return;
    if (name === "iframe" && attr === "src") {
      let host = "";
      try {
        host = new URL(value).host;
      } catch {
        // not absolute
      }
      if (scheme !== "https" || !this.ctx.iframeHosts.includes(host)) this.find(`an iframe from ${host || value}`, offset);
      return;
    }
    // Canonical and alternate links name the site's own absolute URLs; everything loaded is local.
    if (!(name === "link" || this.feed ? this.isOwn(value) : !isRemote(value))) this.find(`<${name} ${attr}> loads from another host`, offset);
  }
}

function indexOf(names: readonly string[], count: number, name: string): number {
  for (let a = 0; a < count; a++) if (names[a] === name) return a;
  return -1;
}

function valueOf(names: readonly string[], values: readonly string[], count: number, name: string): string | undefined {
  const a = indexOf(names, count, name);
  return a < 0 ? undefined : values[a];
}

const SCRIPT_ATTRS = new Set(["src", "type", "defer", "async"]);
// Hide content (popover, inert), reach other hosts (ping, attributionsrc) or leave the page in
// ways the templates never ask for.
const UNWRITTEN_ATTRS = new Set(["popover", "popovertarget", "inert", "ping", "attributionsrc", "target", "download", "autofocus", "contenteditable", "draggable", "accesskey", "tabindex", "slot", "is", "itemprop", "itemscope", "itemtype", "nonce", "integrity"]);
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
const [IGNORED, CLASS, STYLE, DOCUMENT, HIDDEN, HTTP_EQUIV, TEXT, NAME] = [0, 1, 2, 3, 4, 5, 6, 7];
const ATTR_KINDS = new Map<string, number>([
  ...["id", "lang", "rel", "type", "width", "height", "loading", "decoding", "datetime", "hreflang", "role", "charset", "content", "name", "property", "method", "for", "dir", "translate"].map((a): [string, number] => [a, IGNORED]),
  ["class", CLASS], ["style", STYLE], ["srcdoc", DOCUMENT], ["formaction", DOCUMENT], ["hidden", HIDDEN], ["http-equiv", HTTP_EQUIV],
  ["alt", TEXT], ["title", TEXT], ["aria-label", NAME], ["placeholder", NAME],
]);
const JSON_TITLE = /^(headline|alternativeHeadline|name)$/;
const JSON_TEXT = /^(description|articleBody|caption|text|abstract)$/;
const JSON_URL = /^(url|image|logo|@id|contentUrl|thumbnailUrl|sameAs|mainEntityOfPage)$/;


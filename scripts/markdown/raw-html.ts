// Raw HTML in articles: only an allowlist gets through. Anything that can run script, load
// from elsewhere or hide text from readers (the spam link farms of hacked CMSs: 暗鏈/黑鏈)
// is refused with an error naming the line.
import { Parser } from "htmlparser2";

export interface HtmlPolicy {
  /** Hosts an iframe may load from, e.g. player.bilibili.com. */
  iframeHosts: readonly string[];
}

export interface HtmlIssue {
  message: string;
  hint: string;
}

const GLOBAL_ATTRS = new Set(["title", "lang", "dir", "id", "translate", "data-no-convert", "style"]);
const TAGS: Record<string, readonly string[]> = {
  a: ["href", "rel", "hreflang"],
  abbr: [], b: [], blockquote: ["cite"], br: [], caption: [], cite: [], code: [], col: ["span"], colgroup: ["span"],
  dd: [], del: ["cite", "datetime"], details: ["open"], div: [], dl: [], dt: [], em: [],
  figcaption: [], figure: [], h2: [], h3: [], h4: [], h5: [], h6: [], hr: [], i: [],
  iframe: ["src", "width", "height", "allow", "allowfullscreen", "loading", "referrerpolicy", "sandbox"],
  img: ["src", "alt", "width", "height", "loading", "decoding"],
  ins: ["cite", "datetime"], kbd: [], li: ["value"], mark: [], ol: ["start", "reversed", "type"], p: [], picture: [], pre: [],
  q: ["cite"], rp: [], rt: [], ruby: [], s: [], samp: [], small: [], source: ["src", "type", "media", "srcset", "sizes"], span: [],
  strong: [], sub: [], summary: [], sup: [], table: [], tbody: [], td: ["colspan", "rowspan", "headers"], tfoot: [],
  th: ["colspan", "rowspan", "headers", "scope", "abbr"], thead: [], time: ["datetime"], tr: [],
  track: ["src", "kind", "srclang", "label", "default"], u: [], ul: [],
  video: ["src", "poster", "controls", "width", "height", "preload", "muted", "loop", "playsinline"],
  audio: ["src", "controls", "preload", "muted", "loop"],
};
/** Attributes holding a URL that must point into the site itself. */
const LOCAL_URL_ATTRS = new Set(["src", "poster", "srcset"]);

// Ways to hide text from readers while search engines still read it.
const HIDING: [RegExp, string][] = [
  [/display\s*:\s*none/i, "display:none"],
  [/visibility\s*:\s*(hidden|collapse)/i, "visibility:hidden"],
  [/font-size\s*:\s*0*(\.0*)?\s*(px|pt|em|rem|%)?\s*(;|$)/i, "font-size:0"],
  [/(^|;)\s*(left|top|right|bottom|text-indent|margin-left|margin-top)\s*:\s*-\s*\d{3,}/i, "off-screen positioning"],
  [/opacity\s*:\s*0*(\.0+)?\s*(;|$)/i, "opacity:0"],
  [/(^|;)\s*(width|height)\s*:\s*0*(px)?\s*(;|$)/i, "zero size"],
  [/clip(-path)?\s*:/i, "clipping"],
  [/position\s*:\s*(absolute|fixed)/i, "absolute positioning"],
];

function urlScheme(url: string): string | null {
  const m = /^\s*([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\u0000-\u001f\s]+/g, ""));
  return m ? m[1].toLowerCase() : null;
}

// Inline styles are refused: the site's Content-Security-Policy (style-src 'self') would
// block them anyway. Ways of hiding text get a message of their own.
function checkStyle(style: string, issues: HtmlIssue[]): void {
  for (const [pattern, name] of HIDING) {
    if (pattern.test(style)) {
      issues.push({ message: `hidden content (${name}) is not allowed.`, hint: "Text in an article must be visible to readers: hidden text is how spam links are slipped into pages." });
      return;
    }
  }
  issues.push({ message: "the style attribute is not allowed.", hint: "The site's Content-Security-Policy blocks inline styles: use Markdown, or plain HTML without style." });
}

/** Checks one fragment of raw HTML from an article; returns what is wrong with it. */
export function checkRawHtml(fragment: string, policy: HtmlPolicy): HtmlIssue[] {
  const issues: HtmlIssue[] = [];
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const allowed = TAGS[name];
        if (!allowed) {
          const why = name === "script" || name === "style" ? "can run code or restyle the page" : "is not on the list of HTML an article may contain";
          issues.push({ message: `<${name}> ${why}.`, hint: `Use Markdown, or one of: ${Object.keys(TAGS).slice(0, 12).join(", ")} ….` });
          return;
        }
        for (const [attr, value] of Object.entries(attribs)) {
          if (/^on/i.test(attr)) {
            issues.push({ message: `the event handler ${attr}= runs script and is not allowed.`, hint: "Remove it." });
            continue;
          }
          if (attr === "hidden") {
            issues.push({ message: "the hidden attribute hides content from readers.", hint: "Remove it: text in an article must be visible." });
            continue;
          }
          if (!GLOBAL_ATTRS.has(attr) && !allowed.includes(attr)) {
            issues.push({ message: `the attribute ${attr}= is not allowed on <${name}>.`, hint: `Allowed on <${name}>: ${[...allowed, ...GLOBAL_ATTRS].join(", ")}.` });
            continue;
          }
          if (attr === "style") checkStyle(value, issues);
          const scheme = ["href", "src", "poster", "cite", "srcset"].includes(attr) ? urlScheme(value) : null;
          if (scheme === "javascript" || scheme === "data" || scheme === "vbscript") {
            issues.push({ message: `a ${scheme}: URL in ${attr}= is not allowed.`, hint: "Link to a page or a file instead." });
            continue;
          }
          if (attr === "href" && scheme && !["http", "https", "mailto", "tel"].includes(scheme)) {
            issues.push({ message: `a ${scheme}: link is not allowed.`, hint: "Use http(s), mailto or tel links." });
          }
          if (name === "iframe" && attr === "src") {
            let host = "";
            try {
              host = new URL(value).host;
            } catch {
              // not absolute
            }
            if (scheme !== "https" || !policy.iframeHosts.includes(host)) {
              issues.push({
                message: `an iframe from ${host || value} is not allowed.`,
                hint: policy.iframeHosts.length ? `Iframes may come from: ${policy.iframeHosts.join(", ")} (over https). Others are added in site data (iframeHosts).` : "No iframe hosts are allowed in site data (iframeHosts).",
              });
            }
          } else if (LOCAL_URL_ATTRS.has(attr) && (scheme || value.trim().startsWith("//"))) {
            issues.push({ message: `<${name} ${attr}="${value}"> loads from another host.`, hint: "Put the file beside the article or under assets/ and refer to it by path." });
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(fragment);
  parser.end();
  return issues;
}

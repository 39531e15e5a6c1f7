// What an article body may contain, as elements and attributes of the tree a browser builds
// (sanitize.ts walks it). Everything else is refused: anything that can run script, load from
// elsewhere, send readers away, or hide text from them (the spam link farms of hacked CMSs:
// 暗鏈/黑鏈). Markdown's own output passes the same rules.

export interface HtmlPolicy {
  /** Hosts an iframe may load from, e.g. player.bilibili.com. */
  iframeHosts: readonly string[];
}

/** Attributes allowed on every allowed element. (No class: the site's own classes can hide
 * text, e.g. visually-hidden; no style: see HIDING and the CSP.) */
export const GLOBAL_ATTRS: ReadonlySet<string> = new Set(["title", "lang", "dir", "id", "translate", "data-no-convert"]);

/** Allowed elements and their own attributes. */
export const ELEMENTS: Readonly<Record<string, readonly string[]>> = {
  a: ["href", "rel", "hreflang"],
  abbr: [], b: [], bdi: [], blockquote: ["cite"], br: [], caption: [], cite: [], code: [], col: ["span"], colgroup: ["span"],
  dd: [], del: ["cite", "datetime"], details: ["open"], dfn: [], div: [], dl: [], dt: [], em: [],
  figcaption: [], figure: [], h2: [], h3: [], h4: [], h5: [], h6: [], hr: [], i: [],
  iframe: ["src", "width", "height", "allow", "allowfullscreen", "loading", "referrerpolicy", "sandbox"],
  // fetchpriority: Markdown's first photo of an article is fetched first (markdown.ts); it only orders downloads.
  img: ["src", "alt", "width", "height", "loading", "decoding", "fetchpriority", "srcset", "sizes"],
  ins: ["cite", "datetime"], kbd: [], li: ["value"], mark: [], ol: ["start", "reversed", "type"], p: [], picture: [], pre: [],
  q: ["cite"], rp: [], rt: [], ruby: [], s: [], samp: [], small: [], source: ["src", "type", "media", "srcset", "sizes"], span: [],
  strong: [], sub: [], summary: [], sup: [], table: [], tbody: [], td: ["colspan", "rowspan", "headers"], tfoot: [],
  th: ["colspan", "rowspan", "headers", "scope", "abbr"], thead: [], time: ["datetime"], tr: [],
  track: ["src", "kind", "srclang", "label", "default"], u: [], ul: [], wbr: [],
  video: ["src", "poster", "controls", "width", "height", "preload", "muted", "loop", "playsinline"],
  audio: ["src", "controls", "preload", "muted", "loop"],
};

/** Classes Markdown itself writes: a photo's figure, a fenced code block's language. */
export function allowedClass(element: string, value: string): boolean {
  if (element === "figure") return value === "photo";
  if (element === "code") return /^language-[\w+#-]{1,40}$/.test(value);
  return false;
}

/** Elements that are dropped with everything inside them (never unwrapped: their content is
 * script, style, a document of its own or form controls), each with why. */
export const REFUSED: Readonly<Record<string, string>> = {
  script: "can run code or restyle the page",
  style: "can run code or restyle the page",
  noscript: "is read differently with and without script",
  template: "holds markup the browser does not show",
  meta: "can send readers to another site (refresh) or change the page's rules",
  base: "changes where every link of the page leads",
  link: "loads files into the page",
  form: "sends what readers type elsewhere",
  input: "is a form control", button: "is a form control", select: "is a form control", textarea: "is a form control",
  option: "is a form control", optgroup: "is a form control", datalist: "is a form control", output: "is a form control",
  object: "embeds a plug-in or another document", embed: "embeds a plug-in or another document", applet: "embeds a plug-in",
  param: "belongs to plug-ins", frame: "embeds another document", frameset: "embeds other documents",
  portal: "embeds another document", svg: "can hold script and links", math: "is foreign markup the site does not show",
  title: "belongs to the page head", head: "belongs to the page head", body: "belongs to the page",
  html: "belongs to the page", xmp: "is obsolete raw text", plaintext: "is obsolete raw text", noembed: "is obsolete",
  noframes: "is obsolete", iframe: "is not from a host listed in site data (iframeHosts)", slot: "belongs to web components",
  dialog: "can cover the page", marquee: "is obsolete", image: "is not an HTML element",
  bdo: "reverses the order of characters: readers would see other words than the file holds",
};

/** Where each kind of URL may lead. */
export const LINK_SCHEMES: ReadonlySet<string> = new Set(["http", "https", "mailto", "tel"]);
/** Attributes holding a file the page loads: it must be the site's own. */
export const LOCAL_FILE_ATTRS: ReadonlySet<string> = new Set(["src", "poster", "srcset"]);

// Ways to hide text from readers while search engines still read it: named in the message.
export const HIDING: readonly [RegExp, string][] = [
  [/display\s*:\s*none/i, "display:none"],
  [/visibility\s*:\s*(hidden|collapse)/i, "visibility:hidden"],
  [/font-size\s*:\s*0*(\.0*)?\s*(px|pt|em|rem|%)?\s*(;|$|!)/i, "font-size:0"],
  [/(^|;)\s*(left|top|right|bottom|text-indent|margin-left|margin-top)\s*:\s*-\s*\d{3,}/i, "off-screen positioning"],
  [/opacity\s*:\s*0*(\.0+)?\s*(;|$|!)/i, "opacity:0"],
  [/(^|;)\s*(width|height|max-width|max-height)\s*:\s*0*(px)?\s*(;|$|!)/i, "zero size"],
  [/clip(-path)?\s*:/i, "clipping"],
  [/position\s*:\s*(absolute|fixed)/i, "absolute positioning"],
  [/color\s*:\s*(transparent|#fff(fff)?\b|white)/i, "invisible colour"],
];

/** Ids the layouts use: an article may not take them (scripts and labels find elements by them). */
export const LAYOUT_IDS: ReadonlySet<string> = new Set(["main", "q", "search-q", "latest-title", "most-read-title", "related-title", "section-nav-title"]);

/** A URL's scheme, as a browser reads it: control characters and white space inside are ignored. */
export function urlScheme(url: string): string | null {
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\u0000-\u0020\u007f-\u009f]+/g, ""));
  return m ? m[1].toLowerCase() : null;
}

/** Whether a URL leaves the site (a scheme, or //host). */
export function isRemote(url: string): boolean {
  const trimmed = url.replace(/[\u0000-\u0020]+/g, "").replace(/\\/g, "/");
  return urlScheme(url) !== null || trimmed.startsWith("//");
}

/** The URL candidates of a srcset, as the HTML standard splits them (a URL may hold commas). */
export function srcsetCandidates(value: string): { url: string; descriptor: string }[] {
  const out: { url: string; descriptor: string }[] = [];
  let i = 0;
  const n = value.length;
  const space = (c: string) => c === " " || c === "\t" || c === "\n" || c === "\f" || c === "\r";
  while (i < n) {
    while (i < n && (space(value[i]) || value[i] === ",")) i++;
    if (i >= n) break;
    let start = i;
    while (i < n && !space(value[i])) i++;
    let url = value.slice(start, i);
    let descriptor = "";
    if (url.endsWith(",")) {
      url = url.replace(/,+$/, "");
    } else {
      start = i;
      let parens = false;
      while (i < n && (parens || value[i] !== ",")) {
        if (value[i] === "(") parens = true;
        else if (value[i] === ")") parens = false;
        i++;
      }
      descriptor = value.slice(start, i).trim();
    }
    out.push({ url, descriptor });
  }
  return out;
}

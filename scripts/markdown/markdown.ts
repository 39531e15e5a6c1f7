// Markdown to HTML for articles, with markdown-it. Photos alone in a paragraph become
// figure/figcaption with width and height. An article with raw HTML in it is parsed again as
// a browser would and rewritten from the tree (sanitize.ts): only the allowlist gets through.
import markdownIt, { type MarkdownIt, type StateCore, type Token } from "markdown-it";
import cjkFriendly from "markdown-it-cjk-friendly";
import { LAYOUT_IDS, LINK_SCHEMES, srcsetCandidates, urlScheme, type HtmlPolicy } from "./html-policy.ts";
import { sanitizeHtml } from "./sanitize.ts";
import type { MediaKind } from "../media/sniff.ts";
import { resolvePhoto, type Photo, type PhotoContext } from "./photos.ts";
import { escapeAttribute } from "./serialize.ts";

/** A link in an article, for the link checks. */
export interface LinkRef {
  href: string;
  text: string;
  line: number;
}

export interface RenderEnv extends PhotoContext {
  /** 1-based line of the body's first line in the file: token lines are relative to it. */
  bodyLine: number;
  htmlPolicy: HtmlPolicy;
  /** Filled while rendering: every link, with its line. */
  links: LinkRef[];
  /** Filled while rendering: every id an anchor may point at. */
  ids: Set<string>;
  /** Public URLs of the photos Markdown itself resolved (the sanitizer sees them as written out). */
  resolved?: Set<string>;
}


// A paragraph holding one image and nothing else is a photo with a caption.
function figures(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 0; i + 2 < tokens.length; i++) {
    const [open, inline, close] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (open.type !== "paragraph_open" || inline.type !== "inline" || close.type !== "paragraph_close") continue;
    const kids = (inline.children ?? []).filter((t) => !(t.type === "text" && t.content.trim() === "") && t.type !== "softbreak");
    if (kids.length !== 1 || kids[0].type !== "image") continue;
    open.tag = "figure";
    close.tag = "figure";
    open.attrSet("class", "photo");
    inline.children = [kids[0]];
    kids[0].meta = { ...(kids[0].meta ?? {}), figure: true };
  }
}

/** Text as a reader hears it, to compare alt text and caption: width forms, spaces and -{…}- marks aside. */
const heard = (text: string) => text.normalize("NFKC").replace(/-\{|\}-/g, "").replace(/\s+/g, "");

function clipped(text: string, n = 40): string {
  return text.length > n ? `${text.slice(0, n)}…` : text;
}

/**
 * A photo as <picture>: AVIF and WebP sources, and the fallback's own srcset on the <img>,
 * with `sizes` as the CSS lays the article out (media/variants.ts); width and height of the
 * largest, so nothing moves when it loads. The first photo of an article may be what a reader
 * sees first: loaded at once and before other images; the rest when they come near.
 */
function pictureHtml(photo: Photo, alt: string, first: boolean, title: string): string {
  const pic = photo.picture;
  const attrs = [
    `src="${escapeAttribute(photo.url)}"`,
    pic ? `srcset="${escapeAttribute(pic.srcset)}" sizes="${pic.sizes}"` : "",
    title ? `title="${escapeAttribute(title)}"` : "",
    `alt="${escapeAttribute(alt)}"`,
    photo.width ? `width="${photo.width}" height="${photo.height}"` : "",
    first ? `loading="eager" fetchpriority="high"` : `loading="lazy" decoding="async"`,
  ].filter(Boolean);
  const img = `<img ${attrs.join(" ")}>`;
  if (!pic) return img;
  const sources = pic.sources.map((s) => `<source type="${s.type}" srcset="${escapeAttribute(s.srcset)}" sizes="${pic.sizes}">`);
  return `<picture>${sources.join("")}${img}</picture>`;
}

function renderImage(tokens: Token[], idx: number, _options: unknown, env: RenderEnv): string {
  const token = tokens[idx];
  const alt = token.children ? token.children.map((t) => t.content).join("") : token.content;
  const title = String(token.attrGet("title") ?? "");
  const src = String(token.attrGet("src") ?? "");
  const line = token.map ? token.map[0] : undefined;
  const fileLine = line === undefined ? undefined : env.bodyLine + line;
  if (!alt.trim()) {
    env.problems.error(env.file, "a photo has no alt text.", {
      line: fileLine,
      hint: "Describe it between the brackets and write its caption in quotes: ![臺上嘉賓按下啟動按鈕](./photo.jpg \"大會現場。主辦方供圖\").",
    });
  }
  const photo = resolvePhoto(src, env, line);
  const resolved = (env.resolved ??= new Set());
  resolved.add(photo.url);
  // The sanitizer sees these as written out (articles with raw HTML): they are ours, already resolved.
  for (const set of photo.picture ? [photo.picture.srcset, ...photo.picture.sources.map((s) => s.srcset)] : []) for (const c of srcsetCandidates(set)) resolved.add(c.url);
  const first = env.photos.length <= 1;
  if (!token.meta?.figure) return pictureHtml(photo, alt, first, title);
  const caption = title || alt;
  // Screen readers read the alt text and then the caption: the same words twice say nothing more.
  if (alt.trim() && heard(alt) === heard(caption)) {
    env.problems.warn(env.file, title ? `the photo ${src} has the same alt text as its caption ("${clipped(caption)}"): screen readers read it twice.` : `the photo ${src} has no caption of its own, so its alt text is shown as the caption too ("${clipped(caption)}"): screen readers read it twice.`, {
      line: fileLine,
      hint: `Write what the photo shows between the brackets, for readers who cannot see it, and keep the caption in quotes: ![照片中的畫面：誰、在哪裡、做什麼](${src} "${clipped(caption)}").`,
    });
  }
  const img = pictureHtml(photo, alt, first, "");
  return caption ? `${img}<figcaption>${escapeAttribute(caption)}</figcaption>` : img;
}

function collectLinks(state: StateCore): void {
  const env = state.env as unknown as RenderEnv;
  for (const t of state.tokens) {
    if (t.type === "heading_open") {
      const id = t.attrGet("id");
      if (id) env.ids.add(String(id));
    }
    if (t.type !== "inline") continue;
    const children = t.children ?? [];
    children.forEach((c, i) => {
      if (c.type !== "link_open") return;
      let text = "";
      for (let j = i + 1; j < children.length && children[j].type !== "link_close"; j++) text += children[j].content;
      const href = String(c.attrGet("href") ?? "");
      const line = env.bodyLine + (t.map ? t.map[0] : 0);
      const scheme = urlScheme(href);
      if (scheme && !LINK_SCHEMES.has(scheme)) {
        env.problems.error(env.file, `a ${scheme}: link is not allowed.`, { line, hint: "Link with http(s), mailto or tel, or to a page of the site." });
        c.attrSet("href", "#");
      }
      env.links.push({ href, text, line });
    });
  }
}

let instance: MarkdownIt | null = null;

export function markdown(): MarkdownIt {
  if (instance) return instance;
  const md = markdownIt({ html: true, linkify: true, typographer: false, breaks: false });
  // **記者：**正文 is bold: CommonMark's emphasis rules misread CJK punctuation without this.
  md.use(cjkFriendly);
  // Keep one h1 a page: the headline. A # heading in the body becomes h2. Headings carry an id made of
  // their text as written, so a link to #小標題 works on the page in either script.
  md.core.ruler.push("headings", (state) => {
    const used = new Set<string>();
    state.tokens.forEach((t, i) => {
      if (t.type !== "heading_open" && t.type !== "heading_close") return;
      t.tag = `h${Math.max(2, Number(t.tag.slice(1)))}`;
      if (t.type === "heading_close") return;
      const text = (state.tokens[i + 1]?.children ?? []).map((c) => c.content).join("").trim();
      let id = text.replace(/-\{|\}-/g, "").replace(/[\s#"'<>&?/\\%]+/g, "-").replace(/^-+|-+$/g, "") || "section";
      // An id the layout uses (main, q …) is taken: the heading gets the next free one.
      for (let n = 2; used.has(id) || LAYOUT_IDS.has(id); n++) id = `${id.replace(/-\d+$/, "")}-${n}`;
      used.add(id);
      t.attrSet("id", id);
    });
  });
  md.core.ruler.push("figures", figures);
  // Table alignment would be an inline style, which the site's CSP blocks: leave it out.
  md.core.ruler.push("no-inline-styles", (state) => {
    for (const t of state.tokens) if ((t.type === "th_open" || t.type === "td_open") && t.attrGet("style")) t.attrs = (t.attrs ?? []).filter(([k]) => k !== "style");
  });
  md.core.ruler.push("collect-links", collectLinks);
  // Image lines: markdown-it leaves map on block tokens only; copy the paragraph's line down.
  md.core.ruler.push("image-lines", (state) => {
    for (const t of state.tokens) {
      if (t.type !== "inline" || !t.map) continue;
      for (const c of t.children ?? []) if (c.type === "image") c.map = t.map;
    }
  });
  md.renderer.rules.image = (tokens, idx, options, env) => renderImage(tokens, idx, options, env as unknown as RenderEnv);
  instance = md;
  return md;
}

export function renderMarkdown(body: string, env: RenderEnv): string {
  const md = markdown();
  const mdEnv = env as unknown as Record<string, unknown>;
  const tokens = md.parse(body, mdEnv);
  const raw = tokens.some((t) => t.type === "html_block" || (t.type === "inline" && t.children?.some((c) => c.type === "html_inline")));
  // Without raw HTML, markdown-it's output is ours: text escaped, links checked above. With
  // it, the whole body is parsed as a browser would parse it (an unclosed tag in one block
  // reaches into the next) and written out again from the tree.
  if (!raw) return md.renderer.render(tokens, md.options, mdEnv);
  const { html, lineAt } = renderWithLines(md, tokens, env);
  const result = sanitizeHtml(html, {
    policy: env.htmlPolicy,
    media: (src: string, kind: MediaKind, offset: number) => {
      if (kind === "image" && env.resolved?.has(src)) return { url: src };
      const before = env.photos.length;
      // A raw <img> or poster is written with its src alone: only its largest fallback is published.
      const photo = resolvePhoto(src, { ...env, bodyLine: 0 }, lineAt(offset), kind, false);
      // Only images of the body count as the article's photos (covers, structured data).
      if (kind !== "image") env.photos.length = before;
      return photo;
    },
    link: (href, text, offset) => env.links.push({ href, text, line: lineAt(offset) }),
    id: (id) => env.ids.add(id),
  });
  for (const issue of result.issues) env.problems.error(env.file, issue.message, { line: lineAt(issue.offset), hint: issue.hint });
  return result.html;
}

/** markdown-it's render loop, noting where in the HTML each block's output starts, so that a
 * place in the HTML can be traced to its line in the file. */
function renderWithLines(md: MarkdownIt, tokens: Token[], env: RenderEnv): { html: string; lineAt: (offset: number) => number } {
  const marks: { offset: number; line: number }[] = [];
  const rules = md.renderer.rules;
  const mdEnv = env as unknown as Record<string, unknown>;
  let html = "";
  tokens.forEach((t, i) => {
    if (t.map && (t.type === "html_block" || t.type === "inline" || t.nesting === 1)) marks.push({ offset: html.length, line: t.map[0] });
    const rule = rules[t.type];
    if (t.type === "inline") html += md.renderer.renderInline(t.children ?? [], md.options, mdEnv);
    else if (rule) html += rule(tokens, i, md.options, mdEnv, md.renderer);
    else html += md.renderer.renderToken(tokens, i, md.options);
  });
  const lineAt = (offset: number): number => {
    let lo = 0;
    let hi = marks.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (marks[mid].offset <= offset) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (best < 0) return env.bodyLine;
    // Raw HTML and paragraph text keep the file's line breaks: count them from the block's start.
    let line = marks[best].line;
    for (let k = marks[best].offset; k < offset; k++) if (html.charCodeAt(k) === 10) line++;
    return env.bodyLine + Math.min(line, marks[best + 1]?.line ?? line);
  };
  return { html, lineAt };
}

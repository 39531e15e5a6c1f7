// Markdown to HTML for articles, with markdown-it. Raw HTML passes only an allowlist
// (raw-html.ts); photos alone in a paragraph become figure/figcaption with width and height.
import markdownIt, { type MarkdownIt, type StateCore, type Token } from "markdown-it";
import cjkFriendly from "markdown-it-cjk-friendly";
import { checkRawHtml, type HtmlPolicy } from "./raw-html.ts";
import { resolvePhoto, type PhotoContext } from "./photos.ts";

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
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
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

function renderImage(tokens: Token[], idx: number, _options: unknown, env: RenderEnv): string {
  const token = tokens[idx];
  const alt = token.children ? token.children.map((t) => t.content).join("") : token.content;
  const title = String(token.attrGet("title") ?? "");
  const line = token.map ? token.map[0] : undefined;
  if (!alt.trim()) {
    env.problems.error(env.file, "a photo has no alt text.", {
      line: line === undefined ? undefined : env.bodyLine + line,
      hint: "Describe it between the brackets: ![大會現場。主辦方供圖](./photo.jpg \"大會現場。主辦方供圖\").",
    });
  }
  const photo = resolvePhoto(String(token.attrGet("src") ?? ""), env, line);
  const attrs = [
    `src="${escapeHtml(photo.url)}"`,
    `alt="${escapeHtml(alt)}"`,
    photo.width ? `width="${photo.width}" height="${photo.height}"` : "",
    // The first photo may be what a reader sees first: load it at once, the rest when near.
    env.photos.length > 1 ? `loading="lazy" decoding="async"` : `decoding="async"`,
  ].filter(Boolean);
  const img = `<img ${attrs.join(" ")}>`;
  if (!token.meta?.figure) return title ? img.replace("<img ", `<img title="${escapeHtml(title)}" `) : img;
  const caption = title || alt;
  return caption ? `${img}<figcaption>${escapeHtml(caption)}</figcaption>` : img;
}

// Raw HTML: every fragment is checked against the allowlist; local media paths are resolved
// like Markdown photos. A refused fragment is rendered as text (and the build stops anyway).
function rawHtml(state: StateCore): void {
  const env = state.env as unknown as RenderEnv;
  const visit = (token: Token, line: number) => {
    const issues = checkRawHtml(token.content, env.htmlPolicy);
    for (const issue of issues) env.problems.error(env.file, issue.message, { line: env.bodyLine + line, hint: issue.hint });
    if (issues.length > 0) {
      token.type = "text";
      return;
    }
    token.content = localizeMedia(token.content, env, line);
    for (const m of token.content.matchAll(/<a\s[^>]*?href\s*=\s*"([^"]*)"/gi)) env.links.push({ href: m[1], text: "", line: env.bodyLine + line });
    for (const m of token.content.matchAll(/\sid\s*=\s*"([^"]+)"/gi)) env.ids.add(m[1]);
  };
  for (const t of state.tokens) {
    if (t.type === "html_block") visit(t, t.map ? t.map[0] : 0);
    if (t.type === "inline") for (const c of t.children ?? []) if (c.type === "html_inline") visit(c, t.map ? t.map[0] : 0);
  }
}

/** <img src="./a.jpg"> in raw HTML: the same path resolution, copying and size as Markdown photos. */
function localizeMedia(html: string, env: RenderEnv, line: number): string {
  return html.replace(/<(img|video|audio|source|track)\b[^>]*>/gi, (tag, name: string) => {
    const isImage = name.toLowerCase() === "img";
    if (isImage && !/\salt\s*=\s*"[^"]*\S[^"]*"/i.test(tag)) {
      env.problems.error(env.file, "an <img> has no alt text.", { line: env.bodyLine + line, hint: 'Add alt="…" describing the photo.' });
    }
    return tag.replace(/\s(src|poster)\s*=\s*"([^"]*)"/gi, (_attr, key: string, value: string) => {
      const before = env.photos.length;
      const photo = resolvePhoto(value, env, line);
      // Only images count as the article's photos (for covers and structured data).
      if (!isImage) env.photos.length = before;
      if (isImage && photo.width && !/\swidth\s*=/i.test(tag)) {
        return ` ${key}="${escapeHtml(photo.url)}" width="${photo.width}" height="${photo.height}"`;
      }
      return ` ${key}="${escapeHtml(photo.url)}"`;
    });
  });
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
      env.links.push({ href: String(c.attrGet("href") ?? ""), text, line: env.bodyLine + (t.map ? t.map[0] : 0) });
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
      for (let n = 2; used.has(id); n++) id = `${id.replace(/-\d+$/, "")}-${n}`;
      used.add(id);
      t.attrSet("id", id);
    });
  });
  md.core.ruler.push("figures", figures);
  md.core.ruler.push("raw-html", rawHtml);
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
  return markdown().render(body, env as unknown as Record<string, unknown>);
}

// Markdown to HTML for articles. markdown-it with raw HTML off (articles are content, not
// markup); photos alone in a paragraph become figure/figcaption with width and height.
import markdownIt, { type MarkdownIt, type StateCore, type Token } from "markdown-it";
import { resolvePhoto, type PhotoContext } from "./photos.ts";

export interface RenderEnv extends PhotoContext {
  /** 1-based line of the body's first line in the file: token lines are relative to it. */
  bodyLine: number;
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
  const photo = resolvePhoto(String(token.attrGet("src") ?? ""), env, line);
  const attrs = [
    `src="${escapeHtml(photo.url)}"`,
    `alt="${escapeHtml(alt)}"`,
    photo.width ? `width="${photo.width}" height="${photo.height}"` : "",
    `loading="lazy" decoding="async"`,
  ].filter(Boolean);
  const img = `<img ${attrs.join(" ")}>`;
  if (!token.meta?.figure) return title ? img.replace("<img ", `<img title="${escapeHtml(title)}" `) : img;
  const caption = title || alt;
  return caption ? `${img}<figcaption>${escapeHtml(caption)}</figcaption>` : img;
}

let instance: MarkdownIt | null = null;

export function markdown(): MarkdownIt {
  if (instance) return instance;
  const md = markdownIt({ html: false, linkify: true, typographer: false, breaks: false });
  // Keep one h1 a page: the headline. Body headings start at h2.
  md.core.ruler.push("shift-headings", (state) => {
    for (const t of state.tokens) {
      if (t.type === "heading_open" || t.type === "heading_close") {
        const level = Math.min(6, Number(t.tag.slice(1)) + 1);
        t.tag = `h${level}`;
      }
    }
  });
  md.core.ruler.push("figures", figures);
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

// Hands out converters between the site's variants, built once per build (the OpenCC
// dictionaries once per process), and converts through the cache.
import { convertHtml } from "./html-converter.ts";
import { ConversionCache } from "./conversion-cache.ts";
import { scriptConverter, type GlossaryEntry, type ScriptConverter, type ScriptVariant } from "./script-converter.ts";

export class Converters {
  private made = new Map<string, ScriptConverter>();

  constructor(
    private readonly variants: readonly ScriptVariant[],
    private readonly glossary: readonly GlossaryEntry[],
    readonly cache: ConversionCache,
  ) {}

  private variant(lang: string): ScriptVariant {
    const v = this.variants.find((x) => x.lang === lang);
    if (!v) throw new Error(`No script variant ${lang}`);
    return v;
  }

  /** The converter from one variant to another, with an article's own glossary on top of the site's. */
  get(from: string, to: string, extra: readonly GlossaryEntry[] = []): ScriptConverter {
    const key = `${from}>${to}>${extra.length ? JSON.stringify(extra) : ""}`;
    let c = this.made.get(key);
    if (!c) {
      // Later entries win for the same term: an article's own glossary over the site's.
      c = scriptConverter(this.variant(from), this.variant(to), [...this.glossary, ...extra]);
      this.made.set(key, c);
    }
    return c;
  }

  text(c: ScriptConverter, text: string): string {
    if (c.from.lang === c.to.lang && !text.includes("-{")) return text;
    return c.convert(text);
  }

  html(c: ScriptConverter, html: string): string {
    if (c.from.lang === c.to.lang && !html.includes("-{")) return html;
    const key = ConversionCache.key(c.version, "html", html);
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const out = convertHtml(html, c);
    this.cache.set(key, out);
    return out;
  }
}

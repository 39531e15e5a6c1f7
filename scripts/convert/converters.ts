// Hands out converters between the site's variants, built once per build (the OpenCC
// dictionaries once per process), and converts through the cache.
import { decodeHTML } from "entities";
import { convertAll, PARALLEL_THRESHOLD, type Job } from "./conversion-pool.ts";
import { convertHtml } from "./html-converter.ts";
import { ConversionCache } from "./conversion-cache.ts";
import { scriptConverter, type GlossaryEntry, type ScriptConverter, type ScriptVariant } from "./script-converter.ts";

export class Converters {
  private made = new Map<string, ScriptConverter>();
  /** Converted now by prefetch, counted there as misses: html() does not count them again as hits. */
  private readonly prefetched = new Set<string>();
  /** Cache keys of bodies, per converter version: prefetch and html() hash each body once (a
   * SHA-1 of every body was ~170 ms at 10,000 articles; a Map lookup hashes the string once). */
  private readonly htmlKeys = new Map<string, Map<string, string>>();

  private htmlKey(version: string, html: string): string {
    let keys = this.htmlKeys.get(version);
    if (!keys) this.htmlKeys.set(version, (keys = new Map()));
    let key = keys.get(html);
    if (key === undefined) keys.set(html, (key = ConversionCache.key(version, "html", html)));
    return key;
  }
  /** Wall time spent converting, for the build's figures. */
  elapsedMs = 0;

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
    // Titles, summaries, names: 50,000 short texts at 10,000 articles, ~0.5 s to convert again.
    const key = ConversionCache.key(c.version, "text", text);
    const hit = this.cache.peek(key);
    // As for HTML below: a cached text with markup its source lacks is not ours.
    if (hit !== undefined && sameMarkup(text, hit)) return hit;
    const started = performance.now();
    const out = c.convert(text);
    this.elapsedMs += performance.now() - started;
    this.cache.set(key, out);
    return out;
  }

  /**
   * Converts, ahead of the model, every fragment the cache lacks: on all cores when there
   * are many (a cold build of a large site), so that html() below then finds each one.
   */
  async prefetch(requests: { from: string; to: string; glossary: readonly GlossaryEntry[]; html: string }[]): Promise<void> {
    const missing: { key: string; job: Job }[] = [];
    const seen = new Set<string>();
    for (const r of requests) {
      const c = this.get(r.from, r.to, r.glossary);
      if (c.from.lang === c.to.lang && !r.html.includes("-{")) continue;
      const key = this.htmlKey(c.version, r.html);
      if (seen.has(key) || this.cache.has(key)) continue;
      seen.add(key);
      missing.push({ key, job: { from: c.from, to: c.to, glossary: [...this.glossary, ...r.glossary], html: r.html } });
    }
    if (missing.length < PARALLEL_THRESHOLD) return; // html() converts them as it goes
    const started = performance.now();
    const results = await convertAll(missing.map((m) => m.job));
    missing.forEach((m, i) => {
      this.cache.set(m.key, results[i]);
      this.prefetched.add(m.key);
    });
    this.cache.misses += missing.length;
    this.elapsedMs += performance.now() - started;
  }

  html(c: ScriptConverter, html: string): string {
    if (c.from.lang === c.to.lang && !html.includes("-{")) return html;
    const key = this.htmlKey(c.version, html);
    const hit = this.prefetched.delete(key) ? this.cache.peek(key) : this.cache.get(key);
    // The cache is a file anyone with access to the runner can write (CI restores it from a
    // shared store): a conversion changes text, never markup, so a cached result whose tags
    // differ from the source's is not ours and is converted again.
    if (hit !== undefined && sameMarkup(html, hit)) return hit;
    const started = performance.now();
    const out = convertHtml(html, c);
    this.elapsedMs += performance.now() - started;
    this.cache.set(key, out);
    return out;
  }
}

// A tag (quoted values consumed whole: dom-serializer leaves "<" in them), or a stray "<".
const TAG = /<\/?([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'>\/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>|<[!?]|</g;
const ATTR = /\s+([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
/** Attributes whose text conversion changes (html-converter.ts): their values may differ. */
const CONVERTED = new Set(["title", "alt", "aria-label", "placeholder"]);

/** The tags, attribute names and unconverted values (links, sources, ids …) of an HTML
 * fragment, in order: everything conversion must keep. */
function skeleton(html: string): string {
  let out = "";
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m !== null; m = TAG.exec(html)) {
    if (m[1] === undefined) {
      out += m[0] + ";";
      continue;
    }
    out += m[0].startsWith("</") ? `/${m[1]}` : m[1];
    if (m[2]) {
      for (const a of m[2].matchAll(ATTR)) {
        out += ` ${a[1]}`;
        if (!CONVERTED.has(a[1].toLowerCase())) out += `=${decodeHTML(a[2] ?? a[3] ?? a[4] ?? "")}`;
      }
    }
    out += ";";
  }
  return out;
}

export function sameMarkup(source: string, converted: string): boolean {
  // Most titles and summaries hold no markup at all: nothing to compare then.
  if (!source.includes("<") && !converted.includes("<")) return true;
  return skeleton(source) === skeleton(converted);
}

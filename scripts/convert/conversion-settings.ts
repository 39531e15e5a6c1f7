// How a variant prints converted text beyond OpenCC's dictionaries: its quotation marks, its
// newsroom usage profile (台 or 臺 …) and whether the news correction layer applies. Set per
// variant in site data; the defaults are what the papers of each place print.
import type { OpenccLocale } from "./opencc-engine.ts";

/** Quotation marks a variant prints: corner brackets 「」『』, curly quotes “”‘’, or as written. */
export type QuoteStyle = "corner" | "curly" | "keep";

export const QUOTE_STYLES: readonly QuoteStyle[] = ["corner", "curly", "keep"];

/** Usage profiles (scripts/convert/data/usage-*.json); "opencc" prints OpenCC's own forms. */
export const USAGE_PROFILES = ["tw-news", "hk-news", "cn-news", "opencc"] as const;
export type UsageProfile = (typeof USAGE_PROFILES)[number];

export interface ConversionSettings {
  quotes: QuoteStyle;
  usage: UsageProfile;
  /** The correction layer for news (scripts/convert/data/corrections-*.json). */
  corrections: boolean;
}

/** What a variant of this OpenCC locale prints unless site data says otherwise. */
export function defaultSettings(opencc: OpenccLocale): ConversionSettings {
  switch (opencc) {
    case "cn":
      return { quotes: "curly", usage: "cn-news", corrections: true };
    case "tw":
    case "twp":
      return { quotes: "corner", usage: "tw-news", corrections: true };
    case "hk":
    case "hkp":
      return { quotes: "corner", usage: "hk-news", corrections: true };
    default:
      return { quotes: "keep", usage: "opencc", corrections: false };
  }
}

/** What OpenCC alone gives: the figures' "before", and a site that wants no more. */
export const OPENCC_ONLY: ConversionSettings = { quotes: "keep", usage: "opencc", corrections: false };

/** A variant's settings: its own where given, the defaults of its locale otherwise. */
export function settingsOf(v: { opencc: OpenccLocale; quotes?: QuoteStyle; usage?: UsageProfile; corrections?: boolean }): ConversionSettings {
  const d = defaultSettings(v.opencc);
  return { quotes: v.quotes ?? d.quotes, usage: v.usage ?? d.usage, corrections: v.corrections ?? d.corrections };
}

/**
 * A variant's own settings as site data gives them ("quotes", "usage", "corrections"); each
 * one left out takes its locale's default. `report` gets each wrong value with a hint.
 */
export function readSettings(v: Record<string, unknown>, report: (message: string, hint: string) => void): Partial<ConversionSettings> {
  const out: Partial<ConversionSettings> = {};
  const own = (k: string) => (Object.hasOwn(v, k) ? v[k] : undefined);
  const quotes = own("quotes");
  if (quotes !== undefined) {
    if (QUOTE_STYLES.includes(quotes as QuoteStyle)) out.quotes = quotes as QuoteStyle;
    else report(`quotes ${JSON.stringify(quotes)} is not a quotation style.`, 'Use "corner" (「」『』), "curly" (“”‘’) or "keep" (as written).');
  }
  const usage = own("usage");
  if (usage !== undefined) {
    if ((USAGE_PROFILES as readonly unknown[]).includes(usage)) out.usage = usage as UsageProfile;
    else report(`usage ${JSON.stringify(usage)} is not a usage profile.`, `Use one of ${USAGE_PROFILES.join(", ")}.`);
  }
  const corrections = own("corrections");
  if (corrections !== undefined) {
    if (typeof corrections === "boolean") out.corrections = corrections;
    else report(`corrections ${JSON.stringify(corrections)} must be true or false.`, 'Write "corrections": false to convert with OpenCC\'s dictionaries alone.');
  }
  return out;
}

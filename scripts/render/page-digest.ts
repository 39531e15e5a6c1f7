// A digest of page data, for render keys. Pages share much of their data by reference (a
// script's context, the teasers of the most-read and related lists, section views), so an
// object that holds other objects is digested once and stands in every page that shows it
// by that digest, instead of being serialised again in each (JSON.stringify of 21,000 pages
// was 1.7 s of a 10,000-article build). Small flat objects (links, alternates) are cheaper
// to serialise in place than to digest. Model objects are not changed once made, so a
// digest stays true for its object.
import { createHash } from "node:crypto";

const memo = new WeakMap<object, string>();

function isFlat(value: object): boolean {
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === "object" && v !== null) return false;
  }
  return true;
}

// Arrays longer than this are digested once, by identity, like objects: a paginated list's
// links to its pages (model/page-base.ts: listPageLinks), hundreds long and the same array on
// every page of the list. Shorter ones (a page's teasers, crumbs, tags) are rarely shared and
// cheaper to write out in place than to hash on their own.
const LONG_ARRAY = 32;

function arrayText(value: readonly unknown[]): string {
  let out = `[${value.length}:`;
  for (const item of value) out += text(item);
  return `${out}]`;
}

/** The text a value contributes to its parent's digest. */
function text(value: unknown): string {
  if (typeof value === "string") return `s${value.length}:${value}`; // length-prefixed: no escaping needed
  if (typeof value !== "object" || value === null) return `${String(value)};`;
  if (Array.isArray(value)) return value.length > LONG_ARRAY ? `#${digest(value)}` : arrayText(value);
  const known = memo.get(value);
  if (known) return `#${known}`;
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") {
    // A date (luxon's or JS's) by its instant: formatting it as JSON costs ~20 µs, and what a
    // page shows of a date is in its text fields anyway.
    const instant = value.valueOf();
    return typeof instant === "number" ? `d${instant};` : `j${JSON.stringify(value)}`;
  }
  if (isFlat(value)) return `j${JSON.stringify(value)}`;
  return `#${digest(value)}`;
}

function objectText(value: object, without?: string): string {
  let body = "{";
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    // As in JSON, a key whose value is undefined is as if it were not there.
    if (v !== undefined && key !== without) body += `k${key.length}:${key}${text(v)}`;
  }
  return body;
}

// One update a digest: each call into the hash costs more than building the string.
const sha1 = (body: string) => createHash("sha1").update(body).digest("base64url");

/** The digest of an object (memoised by identity), as base64url SHA-1. */
export function digest(value: object): string {
  let d = memo.get(value);
  if (!d) memo.set(value, (d = sha1(Array.isArray(value) ? arrayText(value) : objectText(value))));
  return d;
}

/**
 * A page's digest without its ctx, which a script's pages share and is keyed once a script,
 * after `prefix` (the render key's other parts: render-plan.ts), in the same hash: a second
 * hash a page over the first one's digest cost ~0.1 s at 22,000 pages. Not memoised: its
 * caller keeps the key by page.
 */
export function pageDigest(page: object, prefix = ""): string {
  return sha1(prefix + objectText(page, "ctx"));
}

// A topic is a tag: what articles tagged 數字經濟 and 数字经济 (or 5G and 5g) share. Its key
// and its slug follow from the tag alone, without converting anything, so that the link check
// and `npm run check` know every topic's address before the model is built.
import { createHash } from "node:crypto";
import { foldToSimplified } from "../spam/normalize.ts";
import { slugFromTitle } from "./slug.ts";

// Tags repeat (thousands of articles share a few hundred): each is folded once a process.
const keys = new Map<string, string>();

/** What tags are matched by: compatibility forms, case and spacing evened out, Traditional characters folded to Simplified. */
export function topicKey(tag: string): string {
  let key = keys.get(tag);
  if (key === undefined) keys.set(tag, (key = foldToSimplified(tag.normalize("NFKC").trim().replace(/\s+/gu, " ").toLowerCase())));
  return key;
}

const slugs = new Map<string, string>();

/** Longest slug made from a tag: a path segment stays well within what file systems allow (255 bytes). */
const MAX_SLUG = 60;

/**
 * A topic's URL segment when topics.json gives none: the Pinyin of its key (数字经济 →
 * shuzi-jingji); for a tag with nothing to spell (—, emoji) a short hash of it; a long one
 * cut at a word and told apart by a hash.
 */
export function defaultTopicSlug(key: string): string {
  let slug = slugs.get(key);
  if (slug === undefined) {
    const hash = createHash("sha256").update(key).digest("hex").slice(0, 8);
    slug = slugFromTitle(key, 10) || `topic-${hash}`;
    if (slug.length > MAX_SLUG) slug = `${slug.slice(0, MAX_SLUG - 9).replace(/-[^-]*$/, "")}-${hash}`;
    slugs.set(key, slug);
  }
  return slug;
}

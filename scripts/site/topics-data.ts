// content/_data/topics.json: what the site says about some of its topics (a topic is a tag of
// the articles, content/topics.ts). Optional, like the file; every tag has a page whether or
// not it is named here.
//
//   { "topics": [ { "id": "算力", "slug": "suanli", "name": "算力", "description": "…" }, … ] }
//
// `id` is the tag as editors write it in `tags:`, in either script; the others are optional.
// The file's order is the order of the topics page. Names and descriptions are in site data's
// script (dataLang) and converted like site data.
import type { Problems } from "../content/problems.ts";
import { readDataFile, type DataFile } from "../content/read/editor-json.ts";
import { topicKey } from "../content/topic-key.ts";

export const TOPICS_FILE = "content/_data/topics.json";

/** One topic as topics.json describes it. */
export interface TopicEntry {
  /** The tag as written in the file. */
  readonly id: string;
  /** What tags are matched by (topicKey): the same in both scripts. */
  readonly key: string;
  /** The topic's URL segment; else made from the tag. */
  readonly slug?: string;
  readonly name?: string;
  readonly description?: string;
  /** The line of its id, for messages about it. */
  readonly line?: number;
}

const EXAMPLE = '{"topics": [{"id": "算力", "slug": "suanli", "description": "數據中心與算力調度。"}]}';
const ENTRY_KEYS = ["id", "slug", "name", "description"];
/** As front matter's limits: a name is at most as long as a source, a description as a summary. */
const MAX_NAME = 40;
const MAX_DESCRIPTION = 200;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The topics the file describes, in its order; [] without the file. Problems carry their line. */
export function readTopics(root: string, problems: Problems): TopicEntry[] {
  const file = readDataFile(root, TOPICS_FILE, problems, `Fix the JSON syntax (a missing comma or quote). The file reads ${EXAMPLE}.`);
  if (!file) return [];
  const data = file.data;
  if (!isRecord(data) || !Array.isArray(data.topics)) {
    problems.error(TOPICS_FILE, 'must be an object with a list "topics".', { line: file.keyLine(["topics"]) ?? 1, hint: `Write it as ${EXAMPLE}.` });
    return [];
  }
  for (const key of Object.keys(data)) {
    if (key !== "topics") problems.warn(TOPICS_FILE, "unknown field, ignored.", { field: key, line: file.keyLine([key]), hint: 'The file holds one field, "topics".' });
  }
  const entries: TopicEntry[] = [];
  const byKey = new Map<string, TopicEntry>();
  const bySlug = new Map<string, TopicEntry>();
  data.topics.forEach((raw: unknown, i: number) => {
    const entry = readEntry(file, raw, i, problems);
    if (!entry) return;
    const same = byKey.get(entry.key);
    if (same) {
      problems.error(TOPICS_FILE, `the topic ${JSON.stringify(entry.id)} is already in the file${same.line ? ` (line ${same.line})` : ""}${same.id === entry.id ? "" : ` as ${JSON.stringify(same.id)}: tags are the same topic in either script`}.`, {
        field: `topics[${i}].id`,
        line: entry.line,
        hint: "Keep one entry for the topic.",
      });
      return;
    }
    const taken = entry.slug === undefined ? undefined : bySlug.get(entry.slug);
    if (taken) {
      problems.error(TOPICS_FILE, `the slug ${JSON.stringify(entry.slug)} is already the topic ${JSON.stringify(taken.id)}'s${taken.line ? ` (line ${taken.line})` : ""}.`, {
        field: `topics[${i}].slug`,
        line: file.keyLine(["topics", String(i), "slug"]),
        hint: "Give each topic its own slug.",
      });
      return;
    }
    byKey.set(entry.key, entry);
    if (entry.slug !== undefined) bySlug.set(entry.slug, entry);
    entries.push(entry);
  });
  return entries;
}

function readEntry(file: DataFile, raw: unknown, i: number, problems: Problems): TopicEntry | null {
  const at = (key?: string) => (key === undefined ? undefined : file.keyLine(["topics", String(i), key])) ?? file.keyLine(["topics", String(i)]);
  if (!isRecord(raw)) {
    problems.error(TOPICS_FILE, `topic ${i + 1} is not an object.`, { field: `topics[${i}]`, line: file.keyLine(["topics"]), hint: `Write each topic as {"id": "算力", …}.` });
    return null;
  }
  const keys = Object.keys(raw);
  let ok = true;
  for (const key of keys) {
    if (!ENTRY_KEYS.includes(key)) problems.warn(TOPICS_FILE, "unknown field, ignored.", { field: `topics[${i}].${key}`, line: at(key), hint: `Known fields: ${ENTRY_KEYS.join(", ")}.` });
  }
  const text = (key: string, max: number): string | undefined => {
    const v = raw[key];
    if (v === undefined) return undefined;
    if (typeof v !== "string" || !v.trim()) {
      problems.error(TOPICS_FILE, "must be text in quotes.", { field: `topics[${i}].${key}`, line: at(key), hint: key === "id" ? 'Write the tag as the articles do, e.g. "id": "算力".' : `Write e.g. "${key}": "…", or leave it out.` });
      ok = false;
      return undefined;
    }
    if (Array.from(v.trim()).length > max) {
      problems.error(TOPICS_FILE, `is ${Array.from(v.trim()).length} characters long; at most ${max}.`, { field: `topics[${i}].${key}`, line: at(key), hint: "Shorten it." });
      ok = false;
    }
    return v.trim();
  };
  const id = text("id", MAX_NAME);
  const name = text("name", MAX_NAME);
  const description = text("description", MAX_DESCRIPTION);
  const slug = text("slug", MAX_NAME);
  if (raw.id === undefined) {
    problems.error(TOPICS_FILE, `topic ${i + 1} has no "id".`, { field: `topics[${i}]`, line: at(keys[0]), hint: 'Give the tag it is about, as the articles write it: "id": "算力".' });
    ok = false;
  }
  if (slug !== undefined && !SLUG_PATTERN.test(slug)) {
    problems.error(TOPICS_FILE, `the slug ${JSON.stringify(slug)} is not lower-case ASCII letters, digits and hyphens.`, { field: `topics[${i}].slug`, line: at("slug"), hint: 'Write e.g. "slug": "suanli".' });
    ok = false;
  }
  if (!ok || id === undefined) return null;
  return { id, key: topicKey(id), slug, name, description, line: at("id") };
}

#!/usr/bin/env node
// @ts-check
// Tells a content-only commit from a code commit, for the publish workflow's fast path.
// Reads the changed paths (one a line, as `git diff --name-only --no-renames` prints them) on
// standard input, prints `content` or `code`, and on standard error the reason (the first path
// that makes it code). Plain JavaScript on purpose: the workflow decides before installing
// anything, and Node 20 runs no TypeScript by itself.
//
// Content: what editors write and the build checks in full on every build (it stops on any
// problem an editor can cause): articles and their photos (content/news/**), standalone pages
// (content/pages/**), and the view counts `npm run views` writes (content/_data/views.json).
// Code: everything else, including
// - content/_generate/**: the page templates, code by any measure;
// - the rest of content/_data/: site.json sets the URL, the navigation, the UI text of every
//   page and the hosts the security policy and the output check allow; glossary.json and
//   topics.json change the text of every page; blocklist.json the spam guard's judgement.
//   What they change is what the test suite (browsers, Lighthouse, the attack corpus) proves
//   about every page, so they take the full path.
// No paths at all is content: nothing changed since the published commit (a scheduled
// rebuild), whose code was tested when it was published. The workflow takes the full path
// itself when it has no published commit to compare with.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const CONTENT = [/^content\/news\//, /^content\/pages\//, /^content\/_data\/views\.json$/];

/**
 * @param {readonly string[]} paths changed paths, relative to the repository
 * @returns {{ kind: "content" | "code", reason: string }}
 */
export function changedKind(paths) {
  const list = paths.map((p) => p.trim().replace(/^\.\//, "")).filter((p) => p !== "");
  if (list.length === 0) return { kind: "content", reason: "nothing changed since the published commit: its code was tested when it was published" };
  for (const p of list) {
    // A path that climbs out (content/../scripts) is not under content/.
    if (p.split("/").includes("..") || !CONTENT.some((re) => re.test(p))) {
      return { kind: "code", reason: `${p} is code (only content/news/**, content/pages/** and content/_data/views.json are content)` };
    }
  }
  return { kind: "content", reason: `${list.length} changed path${list.length === 1 ? "" : "s"}, all content` };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  if (process.argv.length > 2) {
    console.error("Usage: git diff --name-only --no-renames <published commit> HEAD | node .ci/changed-kind.mjs");
    process.exit(2);
  }
  const { kind, reason } = changedKind(readFileSync(0, "utf8").split("\n"));
  console.error(reason);
  console.log(kind);
}

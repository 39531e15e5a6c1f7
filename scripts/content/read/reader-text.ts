// Checks of a whole Markdown file's text as readers will read it, before its fields and body
// are read on their own: spam in any field or block (spam-guard.ts), and editor markup (-{)
// left open, which the page would show as written.
import { findUnclosedMarkup } from "../../convert/editor-markup.ts";
import type { Problems } from "../problems.ts";
import { scanForSpam, type Blocklist } from "../spam-guard.ts";
import type { ParsedFile } from "./front-matter.ts";

export function checkReaderText(file: string, text: string, parsed: ParsedFile, blocklist: Blocklist, problems: Problems): void {
  scanForSpam(file, text, blocklist, problems, parsed);
  checkUnclosedMarkup(file, text, problems, parsed.bodyLine);
}

/**
 * Each -{ that is never closed, in a front matter line or a paragraph of the body (the file as
 * read, LF endings): markup may wrap within a paragraph, never across fields or paragraphs.
 */
export function checkUnclosedMarkup(file: string, text: string, problems: Problems, bodyLine: number): void {
  const lines = text.split("\n");
  const chunks: { line: number; text: string }[] = [];
  lines.slice(0, bodyLine - 1).forEach((l, i) => chunks.push({ line: i + 1, text: l }));
  let start = bodyLine - 1;
  for (let i = bodyLine - 1; i <= lines.length; i++) {
    if (i === lines.length || lines[i].trim() === "") {
      if (i > start) chunks.push({ line: start + 1, text: lines.slice(start, i).join("\n") });
      start = i + 1;
    }
  }
  for (const chunk of chunks) {
    for (const offset of findUnclosedMarkup(chunk.text)) {
      problems.error(file, "the editor markup -{ is not closed, so the page would show it as written.", {
        line: chunk.line + chunk.text.slice(0, offset).split("\n").length - 1,
        hint: "Close it with }- (-{嘉陵云}- keeps a word as written), or write -{-{}- for the characters -{ themselves.",
      });
    }
  }
}


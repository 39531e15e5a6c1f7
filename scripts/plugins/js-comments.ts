// Browser modules are published without their comment lines and indentation: those are for
// whoever reads the source; readers' browsers would download them before the code runs (a
// third of the search page's modules). Only whole lines go: a line that is a // comment, or
// inside a /* … */ block that starts a line; and the spaces a line starts with. Our modules
// keep no string or template literal over several lines (tests/search-site.test.ts checks
// that and runs the published modules in a browser).
export function stripCommentLines(source: string): string {
  const out: string[] = [];
  let inBlock = false;
  for (const line of source.split("\n")) {
    const t = line.trim();
    if (inBlock) {
      if (!t.includes("*/")) continue;
      inBlock = false;
      // Code after the comment's end keeps its line.
      if (!t.endsWith("*/")) out.push(line.trimStart());
      continue;
    }
    if (t.startsWith("//")) continue;
    if (t.startsWith("/*")) {
      if (!t.includes("*/", 2)) inBlock = true;
      else if (!t.endsWith("*/")) out.push(line.trimStart());
      continue;
    }
    if (t) out.push(t === line.trimEnd() ? line : line.trimStart());
  }
  return out.join("\n");
}

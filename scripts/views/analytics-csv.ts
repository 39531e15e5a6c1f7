// Reading an analytics export: CSV rows of (URL path or slug, views), with or without a
// header row, comma or tab separated, quoted fields allowed. Parsed by csv-parse; a row
// that cannot be used is reported with its line, never the end of the import.
import { parse } from "csv-parse/sync";

export interface Row {
  line: number;
  target: string;
  views: number;
}

export interface SkippedRow {
  line: number;
  /** Why, e.g. "not a row of (path or slug, views)". */
  reason: string;
  /** The row's cells as read (to be shown with `printable`). */
  text: string;
}

const COUNT = /^\d[\d,]*$/;

export function parseAnalyticsCsv(text: string): { rows: Row[]; skipped: SkippedRow[] } {
  const rows: Row[] = [];
  const skipped: SkippedRow[] = [];
  const body = text.replace(/^\uFEFF/, "");
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const records = parse(body, {
    delimiter: firstLine.includes("\t") ? "\t" : ",",
    info: true,
    trim: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    comment: "#",
    comment_no_infix: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      if (err) skipped.push({ line: Number(err.lines) || 0, reason: `not readable as CSV (${err.message})`, text: "" });
      return undefined;
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];
  records.forEach(({ record: cells, info }, i) => {
    const line = info.lines;
    // The first cell that looks like a count: 1,234 and 1234 both.
    const countCell = cells.slice(1).find((c) => COUNT.test(c));
    if (!cells[0] || countCell === undefined) {
      // A header row: the first row, without digits.
      if (i > 0 || /\d/.test(cells.join(""))) skipped.push({ line, reason: "not a row of (path or slug, views)", text: cells.join(",") });
      return;
    }
    const views = Number(countCell.replace(/,/g, ""));
    if (!Number.isSafeInteger(views)) {
      skipped.push({ line, reason: `${countCell} views is more than ${Number.MAX_SAFE_INTEGER.toLocaleString("en")}, the largest count kept exactly`, text: cells.join(",") });
      return;
    }
    rows.push({ line, target: cells[0], views });
  });
  return { rows, skipped: skipped.sort((a, b) => a.line - b.line) };
}

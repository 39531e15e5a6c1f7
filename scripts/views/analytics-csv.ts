// Reading an analytics export: CSV rows of (URL path or slug, views), with or without a
// header row, comma or tab separated, quoted fields allowed.

export interface Row {
  line: number;
  target: string;
  views: number;
}

function splitLine(line: string, sep: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) cells.push(cell), (cell = "");
    else cell += c;
  }
  cells.push(cell);
  return cells.map((s) => s.trim());
}

export function parseAnalyticsCsv(text: string): { rows: Row[]; skipped: { line: number; text: string }[] } {
  const rows: Row[] = [];
  const skipped: { line: number; text: string }[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const sep = (lines[0] ?? "").includes("\t") ? "\t" : ",";
  lines.forEach((raw, i) => {
    if (!raw.trim() || raw.startsWith("#")) return;
    const cells = splitLine(raw, sep);
    // The first cell that looks like a count: 1,234 and 1234 both.
    const countCell = cells.slice(1).find((c) => /^\d[\d,]*$/.test(c));
    if (!cells[0] || countCell === undefined) {
      if (i > 0 || /\d/.test(raw)) skipped.push({ line: i + 1, text: raw });
      return; // a header row
    }
    rows.push({ line: i + 1, target: cells[0], views: Number(countCell.replace(/,/g, "")) });
  });
  return { rows, skipped };
}

// Problems an editor can cause. Each names the file, the field or line, what is wrong and
// how to fix it; a build collects them all and reports them together.

export type Severity = "error" | "warning";

export interface Problem {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  line?: number;
  field?: string;
  message: string;
  /** How to fix it. */
  hint?: string;
  severity: Severity;
}

export class Problems {
  readonly list: Problem[] = [];

  error(file: string, message: string, extra: Partial<Pick<Problem, "line" | "field" | "hint">> = {}): void {
    this.list.push({ file, message, severity: "error", ...extra });
  }

  warn(file: string, message: string, extra: Partial<Pick<Problem, "line" | "field" | "hint">> = {}): void {
    this.list.push({ file, message, severity: "warning", ...extra });
  }

  get errors(): Problem[] {
    return this.list.filter((p) => p.severity === "error");
  }

  get warnings(): Problem[] {
    return this.list.filter((p) => p.severity === "warning");
  }
}

/** `path:line: field: message. hint` — the form editors and their editors' tools understand. */
export function formatProblem(p: Problem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  const field = p.field ? `${p.field}: ` : "";
  const hint = p.hint ? ` ${p.hint}` : "";
  const level = p.severity === "warning" ? "warning: " : "";
  return `${where}: ${level}${field}${p.message}${hint}`;
}

export function formatSummary(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  return `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`;
}

/** Thrown to stop a build; carries every problem found. */
export class ContentError extends Error {
  constructor(readonly problems: Problem[]) {
    super(
      `The content has ${formatSummary(problems)}:\n` +
        problems.map((p) => "  " + formatProblem(p)).join("\n"),
    );
    this.name = "ContentError";
    // Editors need the problems, not where in our code they were found (the dev server prints stacks).
    this.stack = this.message;
  }
}

/** By file and line; at one line, what stops the build before what only advises (a photo's alt text). */
export function sortProblems(problems: Problem[]): Problem[] {
  const rank = (p: Problem) => (p.severity === "error" ? 0 : 1);
  return problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || rank(a) - rank(b));
}

// Diagnostics: every problem a user can cause names a place (file:line:col) and what to do.
// Checks collect them all and report together; a run with any error writes nothing.

export interface SourcePos {
  /** Path relative to the repository root, e.g. `opcodes/ppc/universal.yaml`. */
  file: string;
  line: number;
  col: number;
}

export interface Diagnostic extends SourcePos {
  severity: "error" | "warning";
  message: string;
}

export function formatPos(p: SourcePos): string {
  return `${p.file}:${p.line}:${p.col}`;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${formatPos(d)}: ${d.severity}: ${d.message}`;
}

/** Collects diagnostics across a whole run. */
export class Diagnostics {
  readonly list: Diagnostic[] = [];
  private errors = 0;

  error(pos: SourcePos, message: string): void {
    this.list.push({ ...pos, severity: "error", message });
    this.errors++;
  }

  warn(pos: SourcePos, message: string): void {
    this.list.push({ ...pos, severity: "warning", message });
  }

  get errorCount(): number {
    return this.errors;
  }

  /** Sorted by file, line, column so output is stable. */
  sorted(): Diagnostic[] {
    return [...this.list].sort(
      (a, b) =>
        a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.message.localeCompare(b.message),
    );
  }
}

/** Thrown when a run must stop because of user errors; the CLI prints them and exits 1. */
export class UserErrors extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
  }
}

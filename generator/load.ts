// Reads YAML tables keeping source positions, so that any later diagnostic can point at
// file:line:col of the key or value it is about.
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, type Node, type Document } from "yaml";
import type { Diagnostics, SourcePos } from "./diagnostics.ts";

export type PathSeg = string | number;

export class YamlFile {
  constructor(
    /** Path relative to the repository root. */
    readonly file: string,
    readonly doc: Document,
    readonly lines: LineCounter,
    readonly data: unknown,
  ) {}

  private posAt(offset: number): SourcePos {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, col };
  }

  /**
   * Position of the node at `path`; with `key` true, of the map key that leads to it (better
   * for "unknown key" and "duplicate" messages). Falls back to the nearest existing ancestor.
   */
  pos(path: readonly PathSeg[], key = false): SourcePos {
    let node: unknown = this.doc.contents;
    let best: SourcePos = { file: this.file, line: 1, col: 1 };
    const rangeOf = (n: unknown): SourcePos | undefined => {
      const r = (n as Node | null)?.range;
      return r ? this.posAt(r[0]) : undefined;
    };
    best = rangeOf(node) ?? best;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) return best;
        if (last && key) return rangeOf(pair.key) ?? best;
        node = pair.value;
        best = rangeOf(node) ?? rangeOf(pair.key) ?? best;
      } else if (isSeq(node) && typeof seg === "number") {
        node = node.items[seg];
        if (node === undefined) return best;
        best = rangeOf(node) ?? best;
      } else {
        return best;
      }
    }
    return best;
  }
}

/**
 * Parses one YAML file. Syntax errors are reported (all of them, with positions) and give
 * `undefined`.
 */
export function loadYaml(absPath: string, root: string, diags: Diagnostics): YamlFile | undefined {
  const file = relative(root, absPath).split("\\").join("/");
  let text: string;
  try {
    text = readFileSync(absPath, "utf8");
  } catch (e) {
    diags.error({ file, line: 1, col: 1 }, `cannot read file: ${(e as Error).message}`);
    return undefined;
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const { line, col } = lines.linePos(err.pos[0]);
      const msg = err.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
      diags.error({ file, line, col }, `YAML syntax error: ${msg}`);
    }
    return undefined;
  }
  return new YamlFile(file, doc, lines, doc.toJS({ maxAliasCount: 100 }));
}

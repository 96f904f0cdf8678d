// Reads YAML tables keeping source positions, so that any later diagnostic can point at
// file:line:col of the key or value it is about.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { relative } from "node:path";
import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, visit, type Node, type Document } from "yaml";
import type { Diagnostics, SourcePos } from "./diagnostics.ts";
import { readFastSections, toJs, type FastNode, type FastSection } from "./fastyaml.ts";

export type PathSeg = string | number;

export class YamlFile {
  constructor(
    /** Path relative to the repository root. */
    readonly file: string,
    readonly doc: Document,
    readonly lines: LineCounter,
    readonly data: unknown,
    /** Sections read by fastyaml.ts (blanked out in `doc`). */
    readonly fast: ReadonlyMap<string, FastSection> = new Map(),
    /** Line starts of the text as it was, for the offsets of `fast` (`lines` counts the text without them). */
    private readonly fastLines: LineCounter = lines,
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
    // A section fastyaml.ts read (its key, [name] with `key`, is still in the document).
    const fast = path.length >= 2 || (path.length === 1 && !key) ? this.fast.get(String(path[0])) : undefined;
    if (fast) return this.fastPos(fast, path, key);
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

  /** pos() in a section fastyaml.ts read: the same walk over its nodes. */
  private fastPos(section: FastSection, path: readonly PathSeg[], key: boolean): SourcePos {
    const posAt = (offset: number): SourcePos => {
      const { line, col } = this.fastLines.linePos(offset);
      return { file: this.file, line, col };
    };
    let best = posAt(section.start);
    let node: FastNode = { k: "seq", start: section.start, items: section.items };
    for (let i = 1; i < path.length; i++) {
      const seg = path[i];
      const last = i === path.length - 1;
      let next: FastNode | undefined;
      if (node.k === "map") {
        const pair: { keyStart: number; value: FastNode } | undefined = node.pairs.find((p) => p.key === String(seg));
        if (!pair) return best;
        if (last && key) return posAt(pair.keyStart);
        next = pair.value;
      } else if (node.k === "seq" && typeof seg === "number") {
        next = node.items[seg];
        if (next === undefined) return best;
      } else return best;
      node = next;
      best = posAt(next.start);
    }
    return best;
  }
}

/** The largest table read (a 100,000-instruction table is about 8 MiB). */
export const MAX_TABLE_BYTES = 64 << 20;

/**
 * How many times the content of anchors may be copied in by aliases (the yaml package's
 * maxAliasCount): tables use a few (or none), and a table whose aliases expand exponentially stops here.
 */
export const MAX_ALIAS_COUNT = 100;

function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (code ?? (e as Error).message.split("\n")[0]);
}

/**
 * Reads a table: a regular file (not a directory, a device or a pipe) of at most
 * MAX_TABLE_BYTES, as UTF-8. Problems are reported at the file, or at the first byte that is not
 * UTF-8.
 */
function readTable(absPath: string, file: string, diags: Diagnostics): string | undefined {
  const at = { file, line: 1, col: 1 };
  let fd: number;
  try {
    fd = openSync(absPath, "r");
  } catch (e) {
    diags.error(at, `cannot read file: ${errnoText(e)}`);
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      diags.error(at, st.isDirectory() ? "is a directory, not a table" : "is not an ordinary file");
      return undefined;
    }
    if (st.size > MAX_TABLE_BYTES) {
      diags.error(at, `the table is ${st.size} bytes; tables may have at most ${MAX_TABLE_BYTES} bytes (64 MiB)`);
      return undefined;
    }
    const buf = Buffer.allocUnsafe(st.size + 1);
    let n = 0;
    for (let r; n < buf.length && (r = readSync(fd, buf, n, buf.length - n, null)) > 0; ) n += r;
    if (n > MAX_TABLE_BYTES) {
      diags.error(at, `the table has more than ${MAX_TABLE_BYTES} bytes (64 MiB)`);
      return undefined;
    }
    const bytes = buf.subarray(0, n);
    const bad = firstNonUtf8(bytes);
    if (bad >= 0) {
      const before = bytes.subarray(0, bad).toString("utf8");
      const nl = before.lastIndexOf("\n");
      const line = before.split("\n").length;
      const col = [...before.slice(nl + 1)].length + 1;
      diags.error({ file, line, col }, `byte 0x${bytes[bad].toString(16).padStart(2, "0")} is not UTF-8 (tables are UTF-8 text)`);
      return undefined;
    }
    return bytes.toString("utf8");
  } catch (e) {
    diags.error(at, `cannot read file: ${errnoText(e)}`);
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
export function firstNonUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) (need = 1), (min = 0x80);
    else if (c >= 0xe0 && c <= 0xef) (need = 2), (min = 0x800);
    else if (c >= 0xf0 && c <= 0xf4) (need = 3), (min = 0x10000);
    else return i;
    if (i + need >= n) return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Parses one YAML file. Syntax errors are reported (all of them, with positions) and give
 * `undefined`.
 */
export function loadYaml(absPath: string, root: string, diags: Diagnostics): YamlFile | undefined {
  const file = relative(root, absPath).split("\\").join("/");
  const text = readTable(absPath, file, diags);
  if (text === undefined) return undefined;
  // The instructions and aliases, when they are one regular line each, are read by fastyaml.ts;
  // the yaml package reads the rest. Should that not give a map with those keys empty, it reads all.
  const fast = readFastSections(text);
  if (fast.sections.size) {
    const lines = new LineCounter();
    const doc = parseDocument(fast.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length === 0) {
      let data: unknown;
      try {
        data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch {
        data = undefined;
      }
      const map = data !== null && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
      if (map && [...fast.sections.keys()].every((k) => Object.prototype.hasOwnProperty.call(map, k) && map[k] === null)) {
        for (const [name, section] of fast.sections) map[name] = section.items.map(toJs);
        const fastLines = new LineCounter();
        for (const start of fast.lineStarts) fastLines.addNewLine(start);
        return new YamlFile(file, doc, lines, map, fast.sections, fastLines);
      }
    }
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
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // The yaml package throws a ReferenceError when aliases expand beyond maxAliasCount.
    if (!(e instanceof ReferenceError) && !(e instanceof RangeError)) throw e;
    let first: number | undefined;
    visit(doc, {
      Alias(_k, node) {
        first ??= node.range?.[0];
        return visit.BREAK;
      },
    });
    const { line, col } = lines.linePos(first ?? 0);
    diags.error(
      { file, line, col },
      `YAML aliases expand too far (more than ${MAX_ALIAS_COUNT} copies of anchored content); write the entries out instead`,
    );
    return undefined;
  }
  return new YamlFile(file, doc, lines, data);
}

// A fast reader for the part of a table that grows with it: the `instructions:` and `aliases:`
// sections, when every item is one line holding a flow mapping of plain words, numbers,
// double-quoted strings without escapes and nested flow collections:
//
//   - add: { form: XO, opcd: 31, xo9: 266, vary: [oe, rc], summary: Add }
//   - { name: nop, of: sll, when: "rt == 0 && rd == 0 && sa == 0" }
//
// The yaml package reads about 1 MB/s; a 100,000-instruction ISA has 11 MB of tables. A section
// this reads is blanked out (its lines become empty lines: the line numbers of the rest stay, and
// so do their columns) before the yaml package reads the rest of the file; its items and their
// positions (offsets into the text as it was) come from here. Any line outside that subset (another scalar type, a quote, an escape, an
// anchor, a comment after an item, a duplicate key …) leaves the whole section to the yaml package.

/** A node read here, with the offset where it starts (as the yaml package's `range[0]`). */
export type FastNode =
  | { k: "map"; start: number; pairs: { key: string; keyStart: number; value: FastNode }[] }
  | { k: "seq"; start: number; items: FastNode[] }
  | { k: "scalar"; start: number; value: string | number | boolean | null };

export interface FastSection {
  /** Offset of the first item's `-` (where the yaml package's sequence starts). */
  start: number;
  items: FastNode[];
}

const SECTIONS = ["instructions", "aliases"];
const KEY = /^[a-z_][a-z0-9_-]*$/;
/** Plain scalars read here: words, spaces and a little punctuation; no indicator at the start. */
const PLAIN = /^[A-Za-z0-9_(][A-Za-z0-9_ .+\-()/=*']*$/;
const INT = /^(0|-?[1-9][0-9]{0,14})$/;
const HEX = /^0x[0-9a-fA-F]{1,8}$/;

class Miss extends Error {}

/** YAML 1.2 core schema resolution of a plain scalar, for the forms read here. */
function resolvePlain(s: string): string | number | boolean | null {
  if (INT.test(s)) return Number(s);
  if (HEX.test(s)) return parseInt(s.slice(2), 16);
  if (/^[0-9+\-.]/.test(s)) throw new Miss(); // other numbers: the yaml package
  if (s === "null" || s === "Null" || s === "NULL") return null;
  if (s === "true" || s === "True" || s === "TRUE") return true;
  if (s === "false" || s === "False" || s === "FALSE") return false;
  return s;
}

/** Reads one flow value at text[i] (no leading space); returns the node and where it ends. */
function flow(text: string, i: number, end: number): { node: FastNode; next: number } {
  const c = text[i];
  if (c === "{" || c === "[") {
    const map = c === "{";
    const close = map ? "}" : "]";
    const pairs: { key: string; keyStart: number; value: FastNode }[] = [];
    const items: FastNode[] = [];
    const seen = new Set<string>();
    let j = i + 1;
    while (text[j] === " ") j++;
    if (text[j] === close) j++;
    else
      for (;;) {
        if (map) {
          const colon = text.indexOf(": ", j);
          if (colon < 0 || colon >= end) throw new Miss();
          const key = text.slice(j, colon);
          if (!KEY.test(key) || seen.has(key) || key === "__proto__") throw new Miss();
          seen.add(key);
          const v = flow(text, colon + 2, end);
          pairs.push({ key, keyStart: j, value: v.node });
          j = v.next;
        } else {
          const v = flow(text, j, end);
          items.push(v.node);
          j = v.next;
        }
        while (text[j] === " ") j++;
        if (text[j] === ",") {
          j++;
          while (text[j] === " ") j++;
          if (text[j] === close) throw new Miss(); // a trailing comma: the yaml package
          continue;
        }
        if (text[j] !== close) throw new Miss();
        j++;
        break;
      }
    return { node: map ? { k: "map", start: i, pairs } : { k: "seq", start: i, items }, next: j };
  }
  if (c === '"') {
    const close = text.indexOf('"', i + 1);
    if (close < 0 || close >= end) throw new Miss();
    const s = text.slice(i + 1, close);
    if (/[\\\x00-\x1f\x7f]/.test(s)) throw new Miss();
    return { node: { k: "scalar", start: i, value: s }, next: close + 1 };
  }
  // A plain scalar ends at a flow indicator.
  let j = i;
  while (j < end && text[j] !== "," && text[j] !== "}" && text[j] !== "]") j++;
  const raw = text.slice(i, j);
  const s = raw.trimEnd();
  if (!PLAIN.test(s)) throw new Miss();
  return { node: { k: "scalar", start: i, value: resolvePlain(s) }, next: i + s.length };
}

/** One item line (after `- `): `{ … }` or `key: { … }`, and nothing after it. */
function item(text: string, i: number, end: number): FastNode {
  if (text[i] === "{") {
    const v = flow(text, i, end);
    if (v.next !== end) throw new Miss();
    return v.node;
  }
  const colon = text.indexOf(": ", i);
  if (colon < 0 || colon >= end) throw new Miss();
  const key = text.slice(i, colon);
  if (!KEY.test(key) || key === "__proto__" || text[colon + 2] !== "{") throw new Miss();
  const v = flow(text, colon + 2, end);
  if (v.next !== end) throw new Miss();
  return { k: "map", start: i, pairs: [{ key, keyStart: i, value: v.node }] };
}

export function toJs(n: FastNode): unknown {
  if (n.k === "scalar") return n.value;
  if (n.k === "seq") return n.items.map(toJs);
  const o: Record<string, unknown> = {};
  for (const p of n.pairs) o[p.key] = toJs(p.value);
  return o;
}

/**
 * Reads the sections it can; returns the text with them blanked out, the sections read and
 * where each line of the text starts (for their positions). A
 * text with tabs, carriage returns, directives or several documents is left as it is.
 */
export function readFastSections(text: string): { text: string; sections: Map<string, FastSection>; lineStarts: number[] } {
  const sections = new Map<string, FastSection>();
  if (/[\t\r]/.test(text) || /^(---|\.\.\.|%)/m.test(text)) return { text, sections, lineStarts: [] };
  const lines: { start: number; end: number }[] = [];
  for (let s = 0; s <= text.length; ) {
    let e = text.indexOf("\n", s);
    if (e < 0) e = text.length;
    lines.push({ start: s, end: e });
    s = e + 1;
  }
  let out = text;
  const blank: { start: number; end: number }[] = [];
  for (let li = 0; li < lines.length; li++) {
    const head = text.slice(lines[li].start, lines[li].end);
    const name = /^([a-z]+):\s*$/.exec(head)?.[1];
    if (!name || !SECTIONS.includes(name) || sections.has(name)) continue;
    let indent: string | undefined;
    const items: FastNode[] = [];
    const itemLines: { start: number; end: number }[] = [];
    let ok = true;
    let first = -1;
    let lj = li + 1;
    for (; lj < lines.length; lj++) {
      const { start, end } = lines[lj];
      const line = text.slice(start, end);
      const trimmed = line.trimStart();
      if (trimmed === "" || trimmed.startsWith("#")) continue;
      if (line[0] !== " " && line[0] !== "-") break; // the next top-level key
      const m = /^( *)- /.exec(line);
      if (!m || (indent !== undefined && m[1] !== indent) || line.endsWith(" ")) {
        ok = false;
        break;
      }
      indent = m[1];
      try {
        items.push(item(text, start + m[0].length, end));
      } catch (e) {
        if (!(e instanceof Miss)) throw e;
        ok = false;
        break;
      }
      if (first < 0) first = start + m[1].length;
      itemLines.push({ start, end });
    }
    if (!ok || items.length === 0) continue;
    sections.set(name, { start: first, items });
    blank.push(...itemLines);
    li = lj - 1;
  }
  if (blank.length) {
    const parts: string[] = [];
    let at = 0;
    for (const { start, end } of blank) {
      parts.push(text.slice(at, start));
      at = end;
    }
    parts.push(text.slice(at));
    out = parts.join("");
  }
  return { text: out, sections, lineStarts: lines.map((l) => l.start) };
}

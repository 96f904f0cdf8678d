// Flattens the planned decision tree (plan.ts) into the tables decode() walks (decoder.ts,
// decoder-tables.json). A word's path through the tree becomes table lookups: each switch node
// is an array indexed by the value of its bits; each leaf says which instruction a word is, after
// checking the bits a `test` node checked (then it holds the test's `else` as where to go on).
//
// Two changes make real instruction streams fast, where words jump between unrelated opcodes
// and every data-dependent branch tends to be mispredicted:
// - a node whose children mostly switch on the bits next to its own absorbs them (one lookup
//   on the wider run instead of two), up to MAX_WIDTH bits;
// - the root's leaves get a one-entry node in front, so that every word takes exactly two
//   lookups before its first leaf (decode() does them unconditionally).
// - a leaf's invalid-when becomes a bitmap over the bits its condition reads (when they span at
//   most INVALID_BITS bits), so that checking it is two loads instead of a call (bc, the most
//   common branch, has one).
// None of this changes which instruction any word decodes to: tests compare decode() with the
// definition and with decodeTree.
import { describeMask, type BitOrder } from "./bits.ts";
import { invalidTs } from "./emit/common.ts";
import { expandMacros } from "./expr.ts";
import { exprFields, type Isa, type Variant } from "./model.ts";
import type { DecodeNode } from "./plan.ts";

/** Widest node after merging: 2^11 entries. Wider ones cost cache misses more than they save. */
export const MAX_WIDTH = 11;

/** Widest run of bits an invalid-when bitmap covers (2^16 bits, 8 KB). */
export const INVALID_BITS = 16;

/** A variant's invalid-when as a bitmap: bit v is set when the condition holds with v in bits lo.. */
export interface InvalidBitmap {
  lo: number;
  width: number;
  /** 32 bits per number, bit v at words[v >> 5] bit (v & 31). */
  words: number[];
}

export interface TableLeaf {
  k: "leaf";
  /** null: invalid. */
  v: Variant | null;
  mask: number;
  match: number;
  /** Where a word goes on when (w & mask) !== match. */
  else: TableTarget | null;
}

export interface TableNode {
  k: "node";
  lo: number;
  width: number;
  entries: TableTarget[];
}

export type TableTarget = TableLeaf | TableNode;

export interface Tables {
  /** nodes[0] is the root; each node's entries, in order, follow the previous node's. */
  nodes: TableNode[];
  /** leaves[0] is the invalid leaf. */
  leaves: TableLeaf[];
  /** Invalid-when bitmaps by variant id (undefined: too wide, the decoder asks invalidForm). */
  invalid: Map<number, InvalidBitmap | undefined>;
  nodeIndex: Map<TableNode, number>;
  leafIndex: Map<TableLeaf, number>;
}

const INVALID: TableLeaf = { k: "leaf", v: null, mask: 0, match: 0, else: null };

function convert(n: DecodeNode): TableTarget {
  switch (n.k) {
    case "leaf":
      return n.v ? { k: "leaf", v: n.v, mask: 0, match: 0, else: null } : INVALID;
    case "test":
      // The planner tests the last contender's remaining bits: `then` is always a leaf.
      if (n.then.k !== "leaf") throw new Error("planner: a test whose match is not a leaf");
      return { k: "leaf", v: n.then.v, mask: n.mask, match: n.match, else: convert(n.else) };
    case "switch": {
      const dflt = convert(n.dflt);
      const entries: TableTarget[] = new Array(2 ** n.width).fill(dflt);
      for (const c of n.cases) {
        const t = convert(c.node);
        for (const v of c.values) entries[v] = t;
      }
      return { k: "node", lo: n.lo, width: n.width, entries };
    }
  }
}

/** Merges the children's switches on an adjacent run of bits into n, while it stays narrow. */
function widen(n: TableNode): TableNode {
  for (;;) {
    const votes = new Map<string, { lo: number; width: number; count: number }>();
    for (const c of n.entries) {
      if (c.k !== "node" || n.width + c.width > MAX_WIDTH) continue;
      if (c.lo + c.width !== n.lo && c.lo !== n.lo + n.width) continue;
      const k = `${c.lo}:${c.width}`;
      const v = votes.get(k) ?? { lo: c.lo, width: c.width, count: 0 };
      v.count++;
      votes.set(k, v);
    }
    // The run most children switch on (ties: the lowest bits, for determinism).
    const best = [...votes.values()].sort((a, b) => b.count - a.count || a.lo - b.lo)[0];
    if (!best) return n;
    const lo = Math.min(n.lo, best.lo);
    const width = n.width + best.width;
    const entries: TableTarget[] = new Array(2 ** width);
    for (let v = 0; v < entries.length; v++) {
      const outer = Math.floor(v / 2 ** (n.lo - lo)) % 2 ** n.width;
      const inner = Math.floor(v / 2 ** (best.lo - lo)) % 2 ** best.width;
      const c = n.entries[outer];
      entries[v] = c.k === "node" && c.lo === best.lo && c.width === best.width ? c.entries[inner] : c;
    }
    n = { k: "node", lo, width, entries };
  }
}

/** The variant's invalid-when over the bits it reads, when they span at most INVALID_BITS. */
export function invalidBitmap(isa: Isa, v: Variant): InvalidBitmap | undefined {
  const fields = exprFields(isa, expandMacros(v.entry.invalidWhen!, isa.macros)).filter((f) => !v.fixed.has(f.name));
  let mask = 0;
  for (const f of fields) mask |= f.mask;
  mask >>>= 0;
  const lo = mask ? 31 - Math.clz32(mask & -mask) : 0;
  const width = mask ? 32 - Math.clz32(mask) - lo : 0;
  if (width > INVALID_BITS) return undefined;
  // The condition as decodeTree's invalidForm evaluates it (tests compare both with the table).
  const holds = new Function("w", `return (${invalidTs(isa, v)}) ? 1 : 0;`) as (w: number) => number;
  const words = new Array<number>(Math.ceil(2 ** width / 32)).fill(0);
  for (let x = 0; x < 2 ** width; x++) if (holds((v.match | (x << lo)) >>> 0)) words[x >>> 5] = (words[x >>> 5] | (1 << (x & 31))) >>> 0;
  return { lo, width, words };
}

/**
 * Lookups decode() does before it looks at a leaf (see tableDecoder in emit/decoder.ts). Two
 * measured best: a third costs the majority of words more than it saves the others.
 */
export const LOOKUPS = 2;

export function flattenTree(tree: DecodeNode, isa: Isa): Tables {
  const done = new Map<TableTarget, TableTarget>();
  const merge = (t: TableTarget): TableTarget => {
    const seen = done.get(t);
    if (seen) return seen;
    if (t.k === "leaf") {
      done.set(t, t);
      if (t.else) t.else = merge(t.else);
      return t;
    }
    const w = widen(t);
    done.set(t, w);
    w.entries = w.entries.map(merge);
    return w;
  };
  let root = merge(convert(tree));
  if (root.k === "leaf") root = { k: "node", lo: 0, width: 0, entries: [root] };
  // decode() does LOOKUPS lookups before it looks at a leaf: paths shorter than that get nodes
  // of width 0 in front of their leaf.
  const padded = new Map<string, TableTarget>();
  const ids = new Map<TableTarget, number>();
  const pad = (x: TableTarget, levels: number): TableTarget => {
    if (levels === 0) return x;
    if (!ids.has(x)) ids.set(x, ids.size);
    const key = `${ids.get(x)}:${levels}`;
    let p = padded.get(key);
    if (p) return p;
    if (x.k === "leaf") p = { k: "node", lo: 0, width: 0, entries: [pad(x, levels - 1)] };
    else {
      const n: TableNode = { ...x, entries: [] };
      p = n;
      padded.set(key, p);
      n.entries = x.entries.map((e) => pad(e, levels - 1));
    }
    padded.set(key, p);
    return p;
  };
  root = pad(root, LOOKUPS) as TableNode;

  const t: Tables = { nodes: [], leaves: [INVALID], invalid: new Map(), nodeIndex: new Map(), leafIndex: new Map([[INVALID, 0]]) };
  const visit = (x: TableTarget | null): void => {
    if (!x) return;
    if (x.k === "leaf") {
      if (t.leafIndex.has(x)) return;
      t.leafIndex.set(x, t.leaves.length);
      t.leaves.push(x);
      if (x.v?.entry.invalidWhen && !t.invalid.has(x.v.id)) t.invalid.set(x.v.id, invalidBitmap(isa, x.v));
      visit(x.else);
      return;
    }
    if (t.nodeIndex.has(x)) return;
    t.nodeIndex.set(x, t.nodes.length);
    t.nodes.push(x);
    for (const e of x.entries) visit(e);
  };
  visit(root);
  return t;
}

/** A target as decoder-tables.json writes it: a leaf number, or ~node. */
export function targetRef(t: Tables, x: TableTarget | null): number {
  if (!x) return 0;
  return x.k === "leaf" ? t.leafIndex.get(x)! : ~t.nodeIndex.get(x)!;
}

/**
 * decoder-tables.json: one node, leaf or bitmap per line, so that diffs show which changed.
 * A leaf's "invalid" is [lo, width, bitmap]: the bitmap (in "bitmaps") over bits lo.. of its
 * invalid-when; bitmap 0 is the empty one (no invalid-when), -1 means too wide (ask invalidForm).
 */
export function tablesJson(t: Tables, order: BitOrder, about: string): string {
  const nodes = t.nodes.map((n) => {
    const dflt = mostCommon(n.entries);
    const cases: [number, number][] = [];
    n.entries.forEach((e, v) => e !== dflt && cases.push([v, targetRef(t, e)]));
    const mask = n.width ? ((2 ** n.width - 1) * 2 ** n.lo) >>> 0 : 0;
    return JSON.stringify({ bits: mask ? describeMask(mask, order) : "", shift: n.lo, width: n.width, default: targetRef(t, dflt), cases });
  });
  const bitmaps: string[] = ["[0]"];
  const bitmapIndex = new Map<string, number>([["[0]", 0]]);
  const leaves = t.leaves.map((l) => {
    let invalid = [0, 0, 0];
    if (l.v?.entry.invalidWhen) {
      const b = t.invalid.get(l.v.id);
      if (!b) invalid = [0, 0, -1];
      else {
        const key = JSON.stringify(b.words);
        if (!bitmapIndex.has(key)) bitmapIndex.set(key, bitmaps.push(key) - 1);
        invalid = [b.lo, b.width, bitmapIndex.get(key)!];
      }
    }
    return JSON.stringify({ id: l.v?.id ?? 0, name: l.v?.name ?? "invalid", mask: l.mask, match: l.match, else: targetRef(t, l.else), invalid });
  });
  const list = (xs: string[]) => `[\n    ${xs.join(",\n    ")}\n  ]`;
  return `{\n  "about": ${JSON.stringify(about)},\n  "nodes": ${list(nodes)},\n  "leaves": ${list(leaves)},\n  "bitmaps": ${list(bitmaps)}\n}\n`;
}

function mostCommon<T>(xs: readonly T[]): T {
  const count = new Map<T, number>();
  let best = xs[0];
  for (const x of xs) {
    const c = (count.get(x) ?? 0) + 1;
    count.set(x, c);
    if (c > count.get(best)!) best = x;
  }
  return best;
}

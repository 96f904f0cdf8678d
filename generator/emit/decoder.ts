// Emits decoder.ts and decoder-tables.json: instruction ids; decodeTree, the planned decision
// tree as nested switches (each switch commented with the bits it tests, each leaf with its
// table entry), the readable reference; and decode(), the same tree flattened into typed arrays
// (flatten.ts), which real instruction streams decode about twice as fast with.
import { bitPicture, describeMask } from "../bits.ts";
import { flattenTree, LOOKUPS, tablesJson, type Tables } from "../flatten.ts";
import type { Isa, Variant } from "../model.ts";
import type { DecodeNode } from "../plan.ts";
import { docComment, header, invalidTs, origin, chunk, verbatim, type Chunk, propKey, Lines } from "./common.ts";

function switchExpr(lo: number, width: number): string {
  if (lo + width === 32) return `w >>> ${lo}`;
  return lo === 0 ? `w & 0x${(2 ** width - 1).toString(16)}` : `(w >>> ${lo}) & 0x${(2 ** width - 1).toString(16)}`;
}

/** Name of the function holding the subtree of the root's case `value`. */
function subtreeName(value: number): string {
  return `decodeTree${value}`;
}

/** The decision tree under n as statements at `depth` (a switch's cases hold subtree calls when `subtree` says so). */
function emitNode(out: Lines, depth: number, n: DecodeNode, isa: Isa, subtree?: (c: { values: number[]; node: DecodeNode }) => boolean): void {
  switch (n.k) {
    case "leaf":
      if (n.v) {
        // The condition itself is in invalidForm (below), which decode() shares.
        if (n.v.entry.invalidWhen) out.code(depth, `if (invalidForm(Op.${n.v.name}, w)) return Op.invalid;`, `// invalid-when ${n.v.entry.invalidWhenSrc}`);
        out.code(depth, `return Op.${n.v.name};`, `// ${origin(n.v)}`);
      } else out.code(depth, "return Op.invalid;");
      return;
    case "test":
      out.comment(depth, bitPicture(n.mask, n.match));
      out.code(depth, `if ((w & 0x${n.mask.toString(16)}) === 0x${n.match.toString(16)}) {`);
      emitNode(out, depth + 1, n.then, isa);
      out.code(depth, "}");
      emitNode(out, depth, n.else, isa);
      return;
    case "switch": {
      const mask = (2 ** n.width - 1) * 2 ** n.lo;
      out.comment(depth, `bits ${describeMask(mask >>> 0, isa.bitOrder)}`);
      out.code(depth, `switch (${switchExpr(n.lo, n.width)}) {`);
      for (const c of n.cases) {
        for (const v of c.values) out.code(depth + 1, `case ${v}:`, `// ${v.toString(2).padStart(n.width, "0")}`);
        if (subtree?.(c)) out.code(depth + 2, `return ${subtreeName(c.values[0])}(w);`);
        else emitNode(out, depth + 2, c.node, isa);
      }
      out.code(depth + 1, "default:");
      emitNode(out, depth + 2, n.dflt, isa);
      out.code(depth, "}");
      return;
    }
  }
}

/** The table-driven decoder: a walk over TABLE, built from decoder-tables.json. */
function tableDecoder(isa: Isa, root: { lo: number; width: number }, tables: Tables): Chunk[] {
  const hasInvalidWhen = tables.invalid.size > 0;
  const needsForm = [...tables.invalid.values()].some((b) => b === undefined);
  const rootIndex = root.width === 0 ? "0" : switchExpr(root.lo, root.width);
  const rootBits = root.width ? describeMask(((2 ** root.width - 1) * 2 ** root.lo) >>> 0, isa.bitOrder) : "none";
  // The leaf at l, which has an invalid-when: the bit, in its bitmap, of the bits the condition reads.
  const checkInvalid = (indent: string, form: string) =>
    [
      ...(needsForm ? [`if (TABLE[l + 6] !== 0) return ${form};`] : []),
      "// Its invalid-when: the bit, in its bitmap, of the bits the condition reads.",
      "const x = TABLE[l + 4];",
      "const b = (w >>> x) & ~(-1 << (x >>> 5));",
      "return ((TABLE[TABLE[l + 5] + (b >>> 5)] >>> b) & 1) === 0 ? TABLE[l + 2] : Op.invalid;",
    ]
      .map((line) => indent + line)
      .join("\n");
  const about = [
    "decodeTree's decision tree, flattened (generator/flatten.ts) into one typed array built from decoder-tables.json:",
    `each node's entries, indexed by the value of the node's bits; then eight numbers per leaf${hasInvalidWhen ? "; then the invalid-when bitmaps" : ""}.`,
    `An entry is where a leaf starts (>= 0${hasInvalidWhen ? ", | 1 << 30 when the leaf has an invalid-when" : ""}) or a node, packed as the sign bit | where its entries start << 10 | its width << 5 | its shift.`,
    "A leaf holds mask and match (the word is its instruction when (w & mask) === match), the instruction id, and the entry to go on with when the bits differ",
    hasInvalidWhen
      ? `; then its invalid-when: the bits it reads (shift | width << 5), and where its bitmap starts (a set bit: an invalid form; an empty bitmap when it has none)${needsForm ? ", and 1 when the condition reads too many bits for a bitmap and invalidForm decides" : ""}.`
      : ".",
  ].join(" ").replace(" ;", ";").replace(" .", ".");
  return [
    chunk(`${docComment(about)}
const TABLE = buildTable(TABLES);`),
    verbatim(BUILD_TABLE),
    chunk(`/**
 * Decodes one 32-bit word (as a number, any sign) to an instruction id; Op.invalid when ${isa.name}
 * does not define it. Total: never throws. Answers as decodeTree does.
 */
export function decode(w: number): number {
  // ${["", "One", "Two", "Three", "Four"][LOOKUPS]} lookups for every word: the root (bits ${rootBits}), then the node it leads to. Most
  // words reach a leaf there; deeper nodes and failed checks go on in decodeFrom.
  let e = TABLE[${rootIndex}];
${"  e = TABLE[((e >>> 10) & 0x1fffff) + ((w >>> e) & ~(-1 << (e >>> 5)))];\n".repeat(LOOKUPS - 1).trimEnd()}
${
  hasInvalidWhen
    ? `  if (e >= 0) {
    if (e < 0x40000000) {
      // A leaf with no invalid-when (most words).
      if ((w & TABLE[e]) === TABLE[e + 1]) return TABLE[e + 2];
    } else {
      const l = e & 0x3fffffff;
      if ((w & TABLE[l]) === TABLE[l + 1]) {
${checkInvalid("        ", "decodeFrom(e, w)")}
      }
    }
  }`
    : `  if (e >= 0 && (w & TABLE[e]) === TABLE[e + 1]) return TABLE[e + 2];`
}
  return decodeFrom(e, w);
}

/** The rest of decode's walk, from entry e. */
function decodeFrom(e: number, w: number): number {
  for (;;) {
    if (e < 0) {
      e = TABLE[((e >>> 10) & 0x1fffff) + ((w >>> e) & ~(-1 << (e >>> 5)))];
      continue;
    }
${
  hasInvalidWhen
    ? `    const l = e & 0x3fffffff;
    if ((w & TABLE[l]) === TABLE[l + 1]) {
      if (e < 0x40000000) return TABLE[l + 2];
${checkInvalid("      ", "invalidForm(TABLE[l + 2], w) ? Op.invalid : TABLE[l + 2]")}
    }`
    : `    const l = e;
    if ((w & TABLE[l]) === TABLE[l + 1]) return TABLE[l + 2];`
}
    e = TABLE[l + 3];
  }
}`),
  ];
}

/** Builds TABLE from decoder-tables.json (as prettier prints it: a verbatim chunk). */
const BUILD_TABLE = `function buildTable(t: typeof TABLES): Int32Array {
  const nodeAt: number[] = [];
  let size = 0;
  for (const n of t.nodes) {
    nodeAt.push(size);
    size += 2 ** n.width;
  }
  const leafAt = size;
  size += 8 * t.leaves.length;
  const bitmapAt: number[] = [];
  for (const b of t.bitmaps) {
    bitmapAt.push(size);
    size += b.length;
  }
  // Bitmap -1 (invalidForm decides): a set bit, which sends every word on to decodeFrom.
  const allSet = size++;
  const table = new Int32Array(size);
  // No destructuring in these loops: they run once, at start-up, in V8's interpreter, where
  // destructuring an array costs an iterator per element (milliseconds over the tables).
  for (let i = 0; i < t.nodes.length; i++) {
    const n = t.nodes[i];
    table.fill(entry(t, nodeAt, leafAt, n.default), nodeAt[i], nodeAt[i] + 2 ** n.width);
    for (const c of n.cases) table[nodeAt[i] + c[0]] = entry(t, nodeAt, leafAt, c[1]);
  }
  for (let i = 0; i < t.leaves.length; i++) {
    const l = t.leaves[i];
    const lo = l.invalid[0];
    const width = l.invalid[1];
    const bitmap = l.invalid[2];
    const at = bitmap >= 0 ? bitmapAt[bitmap] : allSet;
    const form = bitmap >= 0 ? 0 : 1;
    const x = entry(t, nodeAt, leafAt, l.else);
    table.set([l.mask, l.match, l.id, x, lo | (width << 5), at, form, 0], leafAt + 8 * i);
  }
  for (let i = 0; i < t.bitmaps.length; i++) table.set(t.bitmaps[i], bitmapAt[i]);
  table[allSet] = -1;
  return table;
}

/** An entry of decoder-tables.json (a leaf number, or ~node) as TABLE holds it. */
function entry(t: typeof TABLES, nodeAt: number[], leafAt: number, x: number): number {
  if (x >= 0) return (leafAt + 8 * x) | (t.leaves[x].invalid[2] !== 0 ? 1 << 30 : 0);
  return 0x80000000 | (nodeAt[~x] << 10) | (t.nodes[~x].width << 5) | t.nodes[~x].shift | 0;
}`;

function invalidForm(isa: Isa): Chunk | undefined {
  const vs = isa.variants.filter((v) => v.entry.invalidWhen);
  if (vs.length === 0) return undefined;
  // Variants of an entry often share the condition (when it reads no varied field).
  const groups = new Map<string, Variant[]>();
  for (const v of vs) {
    const cond = invalidTs(isa, v)!;
    const group = groups.get(cond);
    if (group) group.push(v);
    else groups.set(cond, [v]);
  }
  const out = new Lines()
    .doc(0, "The invalid-when conditions: true when the word is an invalid form of instruction `id`.")
    .code(0, "function invalidForm(id: number, w: number): boolean {")
    .code(1, "switch (id) {");
  for (const [cond, group] of groups) {
    for (const v of group) out.code(2, `case Op.${v.name}:`, `// ${origin(v)}`);
    out.code(3, `return ${out.expr(cond)};`, `// ${group[0].entry.invalidWhenSrc}`);
  }
  return out.code(2, "default:").code(3, "return false;").code(1, "}").code(0, "}").chunk();
}

export function emitDecoder(isa: Isa, tree: DecodeNode): { chunks: Chunk[]; tables: string } {
  const tables = flattenTree(tree, isa);
  const root = tables.nodes[0];
  const chunks: Chunk[] = [];
  chunks.push(chunk(header(isa, "decoder") + 'import TABLES from "./decoder-tables.json" with { type: "json" };'));
  const ops = new Lines()
    .doc(0, "Instruction ids by name; 0 is 'invalid'. Names are mnemonics with '.' written '_'.")
    .code(0, "export const Op = {")
    .code(1, "invalid: 0,");
  for (const v of isa.variants) {
    const key = propKey(v.name);
    // A quoted key changes how prettier quotes the others: format.ts decides then.
    if (key !== v.name) ops.unformatted();
    ops.code(1, `${key}: ${v.id},`);
  }
  ops
    .code(0, "} as const;")
    .code(0, "export type OpName = keyof typeof Op;")
    .doc(0, "Number of ids, 'invalid' included.")
    .code(0, `export const OP_COUNT = ${isa.variants.length + 1};`);
  chunks.push(ops.chunk());
  chunks.push(...tableDecoder(isa, root, tables));
  const inv = invalidForm(isa);
  if (inv) chunks.push(inv);

  // decodeTree: the root switch here; each of its cases that holds a switch, in a function of its own.
  const isSubtree = (c: { values: number[]; node: DecodeNode }) => c.node.k === "switch";
  const top = new Lines()
    .doc(
      0,
      "Decodes one word by the planned decision tree, as nested switches: the readable form of decode(), which walks the same tree flattened into tables. Same answers.",
    )
    .code(0, "export function decodeTree(w: number): number {");
  emitNode(top, 1, tree, isa, isSubtree);
  chunks.push(top.code(0, "}").chunk());
  if (tree.k === "switch")
    for (const c of tree.cases.filter(isSubtree)) {
      const bits = describeMask(((2 ** tree.width - 1) * 2 ** tree.lo) >>> 0, isa.bitOrder);
      const values = c.values.map((v) => `${v} (${v.toString(2).padStart(tree.width, "0")})`).join(", ");
      const sub = new Lines().doc(0, `decodeTree for words with bits ${bits} = ${values}.`).code(0, `function ${subtreeName(c.values[0])}(w: number): number {`);
      emitNode(sub, 1, c.node, isa);
      chunks.push(sub.code(0, "}").chunk());
    }
  const about = `Generated by isagen (decoder tables for ISA ${isa.name}) from ${isa.tables.join(", ")}: decodeTree's decision tree flattened for decode() in decoder.ts (see generator/flatten.ts). Do not edit: change the tables and run \`npm run gen\`.`;
  return { chunks, tables: tablesJson(tables, isa.bitOrder, about) };
}

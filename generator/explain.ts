// `isagen explain`: how the decoder reached its answer for one word — the tree path, the table
// entry, each field's bits and value, the alias chosen and why; for an undefined word, where it
// fell out of the tree and the nearest instructions.
import { bitPicture, describeMask, extractRaw, hex32, popcount } from "./bits.ts";
import { regLookup } from "./relations.ts";
import { evaluate, expandMacros } from "./expr.ts";
import type { Alias, Field, Isa, Variant } from "./model.ts";
import { walk, type DecodeNode } from "./plan.ts";

export function fieldValue(f: Field, w: number): number {
  let raw = extractRaw(f.pieces, w);
  if (f.signed && raw >= 2 ** (f.width - 1)) raw -= 2 ** f.width;
  return raw * 2 ** f.shift;
}

function groups4(bits: string): string {
  return bits.replace(/(.{4})(?=.)/g, "$1 ");
}

/** Does the variant's invalid-when hold for this word (so the decoder answers invalid)? */
export function invalidWhenHolds(isa: Isa, v: Variant, w: number): boolean {
  const e = v.entry.invalidWhen;
  if (!e) return false;
  const env = new Map<string, number>([["pc", 0]]);
  for (const f of isa.fields.values()) env.set(f.name, fieldValue(f, w));
  for (const [k, x] of v.fixed) env.set(k, x);
  return Number(evaluate(expandMacros(e, isa.macros), env, regLookup(isa))) !== 0;
}

/**
 * `aliasesOf` gives an entry's aliases in table order (by default from isa.aliases; the CLI's
 * model cache reads only those of the entry explained).
 */
export function explain(
  isa: Isa,
  tree: DecodeNode,
  w: number,
  disassemble: (w: number, pc: number) => string,
  aliasesOf: (key: string) => readonly Alias[] = (key) => isa.aliases.filter((a) => a.of === key),
): string[] {
  const out: string[] = [];
  const order = isa.bitOrder === "msb0" ? "MSB-0" : "LSB-0";
  out.push(`word ${hex32(w)} = ${groups4((w >>> 0).toString(2).padStart(32, "0"))} (bits numbered ${order}, as in ${isa.name}'s tables)`);
  const { v, steps } = walk(tree, w);
  out.push("decision path:");
  for (const s of steps) {
    if (s.node.k === "switch") {
      const mask = ((2 ** s.node.width - 1) * 2 ** s.node.lo) >>> 0;
      const bits = s.value!.toString(2).padStart(s.node.width, "0");
      out.push(`  switch on bits ${describeMask(mask, isa.bitOrder)}: value ${s.value} (${bits}) → ${s.taken === "case" ? "case" : "no case, default"}`);
    } else if (s.node.k === "test") {
      out.push(`  test ${bitPicture(s.node.mask, s.node.match)} → ${s.taken}`);
    }
  }
  if (v && invalidWhenHolds(isa, v, w)) {
    out.push(`reached ${v.mnemonic} (${v.entry.pos.file}:${v.entry.pos.line}), but its invalid-when '${v.entry.invalidWhenSrc}' holds`);
  }
  if (!v || invalidWhenHolds(isa, v, w)) {
    out.push(`result: not defined by ${isa.name}; prints as ${disassemble(w, 0)}`);
    out.push("nearest instructions (fewest differing fixed bits):");
    const near = isa.variants
      .map((x) => ({ x, d: popcount(((w ^ x.match) & x.mask) >>> 0) }))
      .sort((a, b) => a.d - b.d || popcount(b.x.mask) - popcount(a.x.mask) || a.x.id - b.x.id)
      .slice(0, 5);
    for (const { x, d } of near) {
      const diff = ((w ^ x.match) & x.mask) >>> 0;
      out.push(`  ${x.mnemonic.padEnd(10)} ${d} bit${d === 1 ? "" : "s"} differ (bits ${describeMask(diff, isa.bitOrder)}) — ${x.entry.pos.file}:${x.entry.pos.line}`);
    }
    return out;
  }
  describeVariant(isa, v, w, out, aliasesOf(v.entry.key));
  out.push(`text: ${disassemble(w, 0)}`);
  return out;
}

function describeVariant(isa: Isa, v: Variant, w: number, out: string[], aliases: readonly Alias[]): void {
  const e = v.entry;
  out.push(`instruction ${v.mnemonic} (entry ${e.key}, ${e.pos.file}:${e.pos.line})${e.summary ? ` — ${e.summary}` : ""}`);
  out.push(`  fixed bits ${bitPicture(v.mask, v.match)}${e.privileged ? "; privileged" : ""}${e.illegalOnCore ? "; illegal on the core" : ""}`);
  const env = new Map<string, number>([["pc", 0]]);
  for (const f of isa.fields.values()) env.set(f.name, fieldValue(f, w));
  for (const f of e.operands) {
    const val = fieldValue(f, w);
    const how = [f.signed ? "signed" : "", f.shift ? `<< ${f.shift}` : "", f.pieces.length > 1 ? "split" : ""].filter(Boolean).join(", ");
    out.push(`  ${f.name.padEnd(6)} bits ${describeMask(f.mask, isa.bitOrder).padEnd(14)} = ${val}${how ? ` (${how})` : ""}`);
  }
  const regs = regLookup(isa);
  for (const a of aliases) {
    const holds = !a.when || Number(evaluate(expandMacros(a.when, isa.macros), env, regs)) !== 0;
    out.push(`  alias ${a.nameSrc} (${a.pos.file}:${a.pos.line}) when ${a.whenSrc ?? "always"}: ${holds ? "holds → printed" : "does not hold"}`);
    if (holds) break;
  }
}

// Emits disasm.ts: word → objdump-style text. One function per variant, which disassemble()
// calls by decoded id: the aliases of its entry in table order (first whose condition holds
// wins), then the instruction's own syntax.
import { compileCondTs, compileTs, expandMacros, identifiers, typeOf, type Expr } from "../expr.ts";
import type { Alias, Field, Isa, Variant } from "../model.ts";
import type { Segment } from "../template.ts";
import { fieldTs, header, origin, chunk, type Chunk, Lines } from "./common.ts";

/**
 * `(x >>> 0).toString(16)` a byte at a time: toString(16) of a number above 2^30 (no small
 * integer for V8) costs about 150 ns, five times this; every invalid word and every address
 * prints one.
 */
const HEX_SRC = `
/** Hex digits of each byte value, without and with a leading zero. */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16));
const HEX2 = HEX.map((h) => h.padStart(2, "0"));

/** \`(x >>> 0).toString(16)\`, a byte at a time (toString(16) is slow for numbers above 2^30). */
function hexDigits(x: number): string {
  const b3 = x >>> 24;
  const b2 = (x >>> 16) & 0xff;
  const b1 = (x >>> 8) & 0xff;
  const b0 = x & 0xff;
  if (b3 !== 0) return HEX[b3] + HEX2[b2] + HEX2[b1] + HEX2[b0];
  if (b2 !== 0) return HEX[b2] + HEX2[b1] + HEX2[b0];
  if (b1 !== 0) return HEX[b1] + HEX2[b0];
  return HEX[b0];
}`;

const PRINTER_SRC: Record<string, string> = {
  p_dec: "function p_dec(x: number): string {\n  return String(x);\n}",
  p_udec: "function p_udec(x: number): string {\n  return String(x >>> 0);\n}",
  p_hex: 'function p_hex(x: number): string {\n  return "0x" + hexDigits(x);\n}',
  p_addr: 'function p_addr(x: number): string {\n  return "0x" + hexDigits(x);\n}',
  p_gpr: 'function p_gpr(x: number): string {\n  return "r" + x;\n}',
  p_gpr0: 'function p_gpr0(x: number): string {\n  return x === 0 ? "0" : "r" + x;\n}',
  p_fpr: 'function p_fpr(x: number): string {\n  return "f" + x;\n}',
  p_cr: 'function p_cr(x: number): string {\n  return "cr" + x;\n}',
  p_crbit:
    'const CR_BITS = ["lt", "gt", "eq", "so"];\nfunction p_crbit(x: number): string {\n  return x >> 2 === 0 ? CR_BITS[x & 3] : "4*cr" + (x >> 2) + "+" + CR_BITS[x & 3];\n}',
};

class Ctx {
  constructor(
    readonly isa: Isa,
    readonly v: Variant,
  ) {}
  readonly used = new Set<string>();
  usesPc = false;
  ref = (name: string): string => {
    if (name !== "pc") this.used.add(name);
    else this.usesPc = true;
    return name;
  };
  regTs = (fn: "reg" | "has", file: string, arg: string): string => `${fn}(${JSON.stringify(file)}, ${arg})`;
  expr(e: Expr): Expr {
    return expandMacros(e, this.isa.macros);
  }
}

function fieldPrint(f: Field, value: string): string {
  if (!f.print) return `p_dec(${value})`;
  if (f.print.startsWith("reg:")) return `reg(${JSON.stringify(f.print.slice(4))}, ${value})`;
  return `p_${f.print}(${value})`;
}

/** TS code for a template, and a TS condition true when some value inside is non-zero. */
function templateTs(segs: readonly Segment[], ctx: Ctx, suffix: string): { code: string[]; nonzero: string[] } {
  const code: string[] = [];
  const nonzero: string[] = [];
  for (const s of segs) {
    switch (s.k) {
      case "lit":
        code.push(JSON.stringify(s.text));
        break;
      case "suffix":
        if (suffix) code.push(JSON.stringify(suffix));
        break;
      case "field": {
        const f = ctx.isa.fields.get(s.name)!;
        ctx.used.add(s.name);
        code.push(fieldPrint(f, s.name));
        nonzero.push(`${s.name} !== 0`);
        break;
      }
      case "expr": {
        const e = ctx.expr(s.e);
        const ts = compileTs(e, ctx.ref, ctx.regTs);
        code.push(typeOf(e) === "str" ? ts : `String(${ts})`);
        if (e.k === "call" && e.args.length > 0) {
          const arg = e.args[e.args.length - 1];
          nonzero.push(`${compileTs(arg, ctx.ref, ctx.regTs)} !== 0`);
        } else nonzero.push(typeOf(e) === "str" ? `${ts}.length > 0` : `${ts} !== 0`);
        break;
      }
      case "group": {
        const inner = templateTs(s.items, ctx, suffix);
        code.push(`(${inner.nonzero.join(" || ") || "false"} ? ${concatTs(inner.code)} : "")`);
        nonzero.push(...inner.nonzero);
        break;
      }
    }
  }
  return { code, nonzero };
}

/** Joins TS string parts with +, folding adjacent literals ("li" + " " → "li "). */
function concatTs(parts: string[]): string {
  const out: string[] = [];
  for (const p of parts) {
    const prev = out[out.length - 1];
    if (prev !== undefined && prev.startsWith('"') && p.startsWith('"') && prev.endsWith('"') && p.endsWith('"'))
      out[out.length - 1] = JSON.stringify(JSON.parse(prev) + JSON.parse(p));
    else out.push(p);
  }
  return out.join(" + ") || '""';
}

/** Operand syntax made only of [groups] may print nothing: then no space after the mnemonic. */
function allOptional(asm: readonly Segment[]): boolean {
  return asm.length > 0 && asm.every((s) => s.k === "group");
}

function textTs(name: Segment[], asm: Segment[], ctx: Ctx, suffix: string): string {
  const n = templateTs(name, ctx, suffix).code;
  const a = templateTs(asm, ctx, suffix).code;
  if (allOptional(asm)) return `withOperands(${concatTs(n)}, ${concatTs(a)})`;
  return concatTs(a.length ? [...n, '" "', ...a] : n);
}

function variantSuffix(v: Variant): string {
  return v.entry.varied.map(({ field }) => field.suffix?.get(v.fixed.get(field.name)!) ?? "").join("");
}

/** Name of the function that disassembles a variant. */
function disName(v: Variant): string {
  return `dis_${v.name}`;
}

/** The variant's function, and how disassemble() calls it. */
function emitVariant(isa: Isa, v: Variant, aliases: Alias[]): { fn: Chunk; call: string } {
  const ctx = new Ctx(isa, v);
  // Each line: `if (when) return text; // comment`, or `return text;`.
  const lines: { when?: string; text: string; comment?: string }[] = [];
  for (const a of aliases) {
    const text = textTs(a.name, a.asm, ctx, variantSuffix(v));
    const comment = `// alias ${a.nameSrc} — ${a.pos.file}:${a.pos.line}`;
    lines.push({ when: a.when ? compileCondTs(ctx.expr(a.when), ctx.ref, ctx.regTs) : undefined, text, comment });
  }
  const baseName: Segment[] = [{ k: "lit", text: v.mnemonic }];
  if (!aliases.some((a) => !a.when)) lines.push({ text: textTs(baseName, v.entry.asm, ctx, "") });
  const fields = [...ctx.used].sort().map((n) => isa.fields.get(n)!);
  const params = [...(fields.some((f) => !v.fixed.has(f.name)) ? ["w"] : []), ...(ctx.usesPc ? ["pc"] : [])];
  const out = new Lines().doc(0, origin(v)).code(0, `function ${disName(v)}(${params.map((p) => `${p}: number`).join(", ")}): string {`);
  for (const f of fields) {
    const fixed = v.fixed.get(f.name);
    if (fixed !== undefined) out.code(1, `const ${f.name}: number = ${fixed};`);
    else out.code(1, `const ${f.name} = ${out.expr(fieldTs(f), true)};`);
  }
  for (const l of lines) {
    const text = out.expr(l.text);
    if (l.when === undefined) out.code(1, `return ${text};`, l.comment);
    else out.code(1, `if (${out.expr(l.when)}) return ${text};`, l.comment);
  }
  return { fn: out.code(0, "}").chunk(), call: `${disName(v)}(${params.join(", ")})` };
}

/** disassemble(): a case per variant, calling its function. */
function dispatcher(isa: Isa, variants: { v: Variant; call: string }[]): Chunk {
  const out = new Lines()
    .doc(0, "Disassembles one word as GNU objdump prints it (one space after the mnemonic). `pc` is the word's address, for branch targets.")
    .code(0, "export function disassemble(w: number, pc: number = 0): string {")
    .code(1, "switch (decode(w)) {");
  for (const { v, call } of variants) out.code(2, `case Op.${v.name}:`).code(3, `return ${call};`);
  out.code(2, "default:").code(3, `return ${out.expr(`${JSON.stringify(isa.invalid + " 0x")} + hexDigits(w)`)};`);
  return out.code(1, "}").code(0, "}").chunk();
}

export function emitDisasm(isa: Isa): Chunk[] {
  const usedPrinters = new Set<string>(["p_dec"]);
  const scan = (e: Expr) => {
    if (e.k === "call" && PRINTER_SRC[`p_${e.fn}`]) usedPrinters.add(`p_${e.fn}`);
    if (e.k === "call") e.args.forEach(scan);
    else if (e.k === "un") scan(e.a);
    else if (e.k === "bin") (scan(e.a), scan(e.b));
    else if (e.k === "cond") (scan(e.c), scan(e.a), scan(e.b));
  };
  const scanSegs = (segs: readonly Segment[]) => {
    for (const s of segs) {
      if (s.k === "expr") scan(expandMacros(s.e, isa.macros));
      else if (s.k === "field") {
        const p = isa.fields.get(s.name)?.print;
        if (p && !p.startsWith("reg:")) usedPrinters.add(`p_${p}`);
      } else if (s.k === "group") scanSegs(s.items);
    }
  };
  for (const e of isa.entries) scanSegs(e.asm);
  for (const a of isa.aliases) (scanSegs(a.name), scanSegs(a.asm));
  void identifiers;

  const byEntry = new Map<string, Alias[]>();
  for (const a of isa.aliases) {
    if (!byEntry.has(a.of)) byEntry.set(a.of, []);
    byEntry.get(a.of)!.push(a);
  }
  const variants = isa.variants.map((v) => ({ v, ...emitVariant(isa, v, byEntry.get(v.entry.key) ?? []) }));
  return [
    chunk(
      header(isa, "disassembler") + 'import { decode, Op } from "./decoder.ts";',
      'import { regName } from "./registers.ts";',
      HEX_SRC,
      ...[...usedPrinters].sort().map((p) => PRINTER_SRC[p]),
      "function reg(file: string, n: number): string {\n  return regName(file, n);\n}",
      ...(isa.entries.some((e) => allOptional(e.asm)) || isa.aliases.some((a) => allOptional(a.asm))
        ? ['function withOperands(mnemonic: string, operands: string): string {\n  return operands === "" ? mnemonic : mnemonic + " " + operands;\n}']
        : []),
      'function has(file: string, n: number): number {\n  return regName(file, n, "") === "" ? 0 : 1;\n}',
    ),
    dispatcher(isa, variants),
    ...variants.map((x) => x.fn),
  ];
}

// The printed forms of an ISA (each variant's own syntax, and each alias of its entry with the
// variant's suffix), and matching a line of text against a form: which part of the text each
// printed field and {expr} produced, as constraints for the solver. The matching mirrors the
// generated disassembler (emit/disasm.ts): a [group] prints only when something in it is
// non-zero.
import { expandMacros, typeOf, type Expr } from "../expr.ts";
import type { Alias, Field, Isa, Variant } from "../model.ts";
import type { Segment } from "../template.ts";
import type { Constraint, Problem } from "./solve.ts";

export interface Form {
  variant: Variant;
  /** Absent for the instruction's own syntax. */
  alias?: Alias;
  /** Aliases of the entry before this form (in table order): the disassembler tries them first. */
  earlier: Alias[];
  name: Segment[];
  asm: Segment[];
  /** The variant's mnemonic suffix ('.', 'o.', '.d'), printed where the name has '*'. */
  suffix: string;
}

function variantSuffix(v: Variant): string {
  return v.entry.varied.map(({ field }) => field.suffix?.get(v.fixed.get(field.name)!) ?? "").join("");
}

/** Every form the disassembler can print, in the order it tries them for a word. */
export function formsOf(isa: Isa): Form[] {
  const forms: Form[] = [];
  for (const v of isa.variants) {
    const aliases = isa.aliases.filter((a) => a.of === v.entry.key);
    const suffix = variantSuffix(v);
    aliases.forEach((alias, i) => forms.push({ variant: v, alias, earlier: aliases.slice(0, i), name: alias.name, asm: alias.asm, suffix }));
    // An alias without a condition always wins: the instruction's own syntax is never printed.
    if (!aliases.some((a) => !a.when))
      forms.push({ variant: v, earlier: aliases, name: [{ k: "lit", text: v.mnemonic }], asm: v.entry.asm, suffix: "" });
  }
  return forms;
}

/** The form as written in the tables, for messages: `b{cond}{hint} [{cr(bi >> 2)},]{target}`. */
export function formText(form: Form): string {
  const render = (segs: readonly Segment[]): string =>
    segs
      .map((s) => (s.k === "lit" ? s.text : s.k === "field" ? s.name : s.k === "expr" ? `{${s.src}}` : s.k === "suffix" ? form.suffix : `[${render(s.items)}]`))
      .join("");
  const asm = render(form.asm);
  return asm ? `${render(form.name)} ${asm}` : render(form.name);
}

/** How the disassembler prints a bare field: its print style, as an expression. */
function fieldExpr(f: Field): Expr {
  const arg: Expr = { k: "id", name: f.name };
  if (!f.print) return { k: "call", fn: "dec", args: [arg] };
  if (f.print.startsWith("reg:")) return { k: "call", fn: "reg", args: [{ k: "id", name: f.print.slice(4) }, arg] };
  return { k: "call", fn: f.print, args: [arg] };
}

/** The expressions that decide whether a group prints (as emit/disasm.ts decides it). */
function nonzeroTerms(isa: Isa, segs: readonly Segment[]): Expr[] {
  return segs.flatMap((s): Expr[] => {
    if (s.k === "field") return [{ k: "id", name: s.name }];
    if (s.k === "group") return nonzeroTerms(isa, s.items);
    if (s.k !== "expr") return [];
    const e = expandMacros(s.e, isa.macros);
    return [e.k === "call" && e.args.length > 0 ? e.args[e.args.length - 1] : e];
  });
}

const not = (a: Expr): Expr => ({ k: "un", op: "!", a });

const SEPARATOR = /[,() ]/;

/** Can what `e` prints hold a separator? Numbers and the printers' names cannot; some register names can ("c0_watchlo,1"). */
function mayHoldSeparators(isa: Isa, e: Expr): boolean {
  if (typeOf(e) === "num") return false;
  if (e.k === "call" && e.fn === "reg") {
    const rf = isa.regfiles.get(e.args[0].k === "id" ? e.args[0].name : "");
    return !rf || SEPARATOR.test(rf.fallback) || [...rf.regs.values()].some((r) => SEPARATOR.test(r.name));
  }
  return e.k !== "call";
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A regex source for what `e` can print (`.*` when that is hard to say), to pre-filter names. */
function printsRegex(isa: Isa, e: Expr): string {
  if (e.k === "str") return escape(e.v);
  if (e.k === "cond") return `(?:${printsRegex(isa, e.a)}|${printsRegex(isa, e.b)})`;
  if (e.k === "call" && e.fn === "reg") {
    const rf = isa.regfiles.get(e.args[0].k === "id" ? e.args[0].name : "");
    if (!rf) return ".*";
    const names = [...new Set([...rf.regs.values()].map((r) => escape(r.name)))];
    return `(?:${[...names, escape(rf.fallback).replace("%d", "\\d+")].join("|")})`;
  }
  if (typeOf(e) === "num") return "-?\\d+";
  return ".*";
}

/** A regex matching every name the form can print (and a few more): `^b(?:lt|...)(?:\+|-)$`. */
export function nameRegex(isa: Isa, form: Form): RegExp {
  const parts = form.name.map((s) =>
    s.k === "lit" ? escape(s.text) : s.k === "suffix" ? escape(form.suffix) : s.k === "expr" ? printsRegex(isa, expandMacros(s.e, isa.macros)) : "",
  );
  return new RegExp(`^${parts.join("")}$`);
}

/** A condition split at its top-level '&&' (each part can then be solved on its own). */
export function conjuncts(e: Expr): Expr[] {
  return e.k === "bin" && e.op === "&&" ? [...conjuncts(e.a), ...conjuncts(e.b)] : [e];
}

/**
 * Ways `text` can be what `segs` printed: one constraint list per way. A field or {expr} may
 * print any part of the text, up to a separator unless it may print one (register names may
 * hold commas: "c0_watchlo,1"); the solver rejects the parts that no value prints.
 */
function* matchSegments(isa: Isa, segs: readonly Segment[], text: string, suffix: string): Generator<Constraint[]> {
  type Cont = (pos: number, out: Constraint[]) => Generator<Constraint[]>;
  function* seq(items: readonly Segment[], idx: number, pos: number, out: Constraint[], cont: Cont): Generator<Constraint[]> {
    if (idx === items.length) return yield* cont(pos, out);
    const s = items[idx];
    const next: Cont = (p, o) => seq(items, idx + 1, p, o, cont);
    if (s.k === "lit" || s.k === "suffix") {
      const lit = s.k === "lit" ? s.text : suffix;
      if (text.startsWith(lit, pos)) yield* next(pos + lit.length, out);
    } else if (s.k === "field" || s.k === "expr") {
      const e = s.k === "field" ? fieldExpr(isa.fields.get(s.name)!) : expandMacros(s.e, isa.macros);
      const separators = mayHoldSeparators(isa, e);
      // Only a string expression may print nothing.
      for (let end = typeOf(e) === "str" ? pos : pos + 1; end <= text.length; end++) {
        if (!separators && end > pos && SEPARATOR.test(text[end - 1])) break;
        yield* next(end, [...out, { k: "prints", e, text: text.slice(pos, end) }]);
      }
    } else if (s.k === "group") {
      const terms = nonzeroTerms(isa, s.items);
      if (terms.length > 0) {
        const any = terms.reduce((a, b): Expr => ({ k: "bin", op: "||", a, b }));
        yield* seq(s.items, 0, pos, [...out, { k: "holds", e: any }], (p, o) => (p > pos ? next(p, o) : none()));
      }
      yield* next(pos, [...out, ...terms.map((t): Constraint => ({ k: "holds", e: not(t) }))]);
    }
  }
  function* none(): Generator<Constraint[]> {}
  function* end(pos: number, out: Constraint[]): Generator<Constraint[]> {
    if (pos === text.length) yield out;
  }
  yield* seq(segs, 0, 0, [], end);
}

/** Constraints under which the form is printed rather than an earlier one, or than an invalid word. */
export function printedWhen(isa: Isa, form: Form, exclusive: boolean): Constraint[] {
  const x = (e: Expr) => expandMacros(e, isa.macros);
  const out: Constraint[] = [];
  if (form.alias?.when) out.push(...conjuncts(x(form.alias.when)).map((e): Constraint => ({ k: "holds", e })));
  if (form.variant.entry.invalidWhen) out.push({ k: "holds", e: not(x(form.variant.entry.invalidWhen)) });
  // The solver checks these; the assembler leaves them to the disassembly it compares.
  if (exclusive) for (const a of form.earlier) if (a.when) out.push({ k: "holds", e: not(x(a.when)) });
  return out;
}

/** The problem of finding a word of the form's variant, given constraints. */
export function problemOf(isa: Isa, form: Form, pc: number, constraints: Constraint[]): Problem {
  const v = form.variant;
  return { isa, mask: (v.mask | v.entry.ignored) >>> 0, bits: v.match, pc, constraints };
}

/**
 * Ways the mnemonic and operand text can have been printed by the form, as constraint lists.
 * Empty operand text is matched like any other: operand syntax made only of [groups] prints
 * nothing (and no space) when every group is left out, which the matcher finds.
 */
export function* matchForm(isa: Isa, form: Form, mnemonic: string, operands: string): Generator<Constraint[]> {
  const when = printedWhen(isa, form, false);
  for (const named of matchSegments(isa, form.name, mnemonic, form.suffix))
    for (const ops of matchSegments(isa, form.asm, operands, form.suffix)) yield [...named, ...ops, ...when];
}

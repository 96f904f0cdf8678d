// Inverting what the disassembler prints: given the text a printer produced (or the number an
// expression evaluated to) and an expression with exactly one unknown field, the values of that
// field that could have produced it. Inversion only proposes candidates: the solver checks
// every candidate by evaluating the expression again, and the assembler disassembles the final
// word, so an inversion may over-approximate but must not miss the common cases.
import { PRINTERS, typeOf, type Expr } from "../expr.ts";

/** Candidate values, or undefined when the expression cannot be inverted (the caller enumerates). */
export type Candidates = number[] | undefined;

export interface InvertContext {
  /** Can the expression be evaluated (no unknown field in it)? */
  known(e: Expr): boolean;
  value(e: Expr): number | string;
  /** Register numbers that reg(file, n) prints as `text` (names and the file's fallback). */
  regNumbers(file: string, text: string): number[];
}

const CR_BITS = ["lt", "gt", "eq", "so"];

/** Numbers that printer `fn` may have printed as `text` (checked by printing them again). */
function parsePrinted(fn: keyof typeof PRINTERS, text: string): number[] {
  let found: number[] = [];
  let m: RegExpExecArray | null;
  if (fn === "dec" || fn === "udec") found = /^-?\d+$/.test(text) ? [Number(text)] : [];
  else if (fn === "hex" || fn === "addr") found = /^0x[0-9a-f]+$/.test(text) ? [parseInt(text.slice(2), 16)] : [];
  else if (fn === "gpr0" && text === "0") found = [0];
  else if (fn === "crbit") {
    const bit = CR_BITS.indexOf(text);
    if (bit >= 0) found = [bit];
    else if ((m = /^4\*cr(\d+)\+(lt|gt|eq|so)$/.exec(text))) found = [4 * Number(m[1]) + CR_BITS.indexOf(m[2])];
  } else {
    const prefix = { gpr: "r", gpr0: "r", fpr: "f", cr: "cr" }[fn];
    if ((m = new RegExp(`^${prefix}(\\d+)$`).exec(text))) found = [Number(m[1])];
  }
  return found.filter((n) => PRINTERS[fn](n) === text);
}

function union(parts: Candidates[]): Candidates {
  if (parts.some((p) => p === undefined)) return undefined;
  return [...new Set(parts.flatMap((p) => p!))];
}

/** What a known sub-expression says: nothing (it matches, any value will do) or impossible. */
function knownMatches(matches: boolean): Candidates {
  return matches ? undefined : [];
}

/** Values of the unknown field for which `e` evaluates to `t` (integers, compared modulo 2^32 by the caller's checks). */
export function invertNum(e: Expr, t: number, ctx: InvertContext): Candidates {
  if (ctx.known(e)) return knownMatches(Number(ctx.value(e)) === t);
  switch (e.k) {
    case "id":
      return [t];
    case "un":
      if (e.op === "-") return invertNum(e.a, -t, ctx);
      if (e.op === "~") return invertNum(e.a, ~t, ctx);
      return undefined;
    case "cond":
      if (ctx.known(e.c)) return invertNum(Number(ctx.value(e.c)) !== 0 ? e.a : e.b, t, ctx);
      return union([invertNum(e.a, t, ctx), invertNum(e.b, t, ctx)]);
    case "bin": {
      const leftKnown = ctx.known(e.a);
      if (!leftKnown && !ctx.known(e.b)) return undefined;
      const x = leftKnown ? e.b : e.a;
      const k = Number(ctx.value(leftKnown ? e.a : e.b));
      switch (e.op) {
        case "+":
          return invertNum(x, t - k, ctx);
        case "-":
          return invertNum(x, leftKnown ? k - t : t + k, ctx);
        case "*":
          if (k === 0) return undefined;
          return t % k === 0 ? invertNum(x, t / k, ctx) : [];
        case "^":
          return invertNum(x, t ^ k, ctx);
        case "|":
          // Assumes x has no bits in common with k (a region or a tag bit ORed in, as in jump targets).
          return invertNum(x, t & ~k, ctx);
        case "<<":
          // Either reading of the shifted-out top bits (signed or not); range checks pick.
          return leftKnown ? undefined : union([invertNum(x, t >> k, ctx), invertNum(x, t >>> k, ctx)]);
        case ">>":
        case ">>>":
          // The bits shifted out could have been anything: a few candidates per value.
          if (leftKnown || k > 8) return undefined;
          return union(Array.from({ length: 2 ** k }, (_, low) => invertNum(x, t * 2 ** k + low, ctx)));
        default:
          return undefined;
      }
    }
    default:
      return undefined;
  }
}

/** Values of the unknown field for which `e` prints as `text` (as the generated disassembler prints it). */
export function invertText(e: Expr, text: string, ctx: InvertContext): Candidates {
  if (ctx.known(e)) return knownMatches(String(ctx.value(e)) === text);
  if (e.k === "call" && e.fn === "reg") {
    const file = e.args[0].k === "id" ? e.args[0].name : "";
    return union(ctx.regNumbers(file, text).map((n) => invertNum(e.args[1], n, ctx)));
  }
  if (e.k === "call" && e.fn in PRINTERS)
    return union(parsePrinted(e.fn as keyof typeof PRINTERS, text).map((n) => invertNum(e.args[0], n, ctx)));
  if (e.k === "cond") {
    if (ctx.known(e.c)) return invertText(Number(ctx.value(e.c)) !== 0 ? e.a : e.b, text, ctx);
    return union([invertText(e.a, text, ctx), invertText(e.b, text, ctx)]);
  }
  // A number printed with String().
  if (typeOf(e) === "num") return /^-?\d+$/.test(text) ? invertNum(e, Number(text), ctx) : [];
  return undefined;
}

/** Values of the unknown field for which condition `e` holds, when the condition pins them down. */
export function invertHolds(e: Expr, ctx: InvertContext): Candidates {
  if (e.k === "bin" && e.op === "==") {
    if (ctx.known(e.a)) return invertNum(e.b, Number(ctx.value(e.a)), ctx);
    if (ctx.known(e.b)) return invertNum(e.a, Number(ctx.value(e.b)), ctx);
    return undefined;
  }
  // "!x": x is zero, or (a string) empty.
  if (e.k === "un" && e.op === "!") return typeOf(e.a) === "str" ? invertText(e.a, "", ctx) : invertNum(e.a, 0, ctx);
  return undefined;
}

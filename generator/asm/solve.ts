// Finding words that satisfy constraints over an instruction's fields: "this expression prints
// as this text" (from the assembly text) and "this condition holds" (an alias condition, not
// invalid-when). The state is the word itself: which bits are known and their values, so that
// fields sharing bits (ra and ra0, or c2rd and sel inside mfhc2's uimm) stay consistent and a
// field is known exactly when all its bits are.
//
// Search: check the constraints whose fields are all known; then take a constraint with one
// unknown field and invert it (invert.ts) to a few candidate values; failing that, enumerate the
// unknown bits of the smallest such field, keeping the values that satisfy the constraint;
// failing that (every constraint has several unknowns), branch over the smallest unknown field.
// Solutions come lazily, so the caller can check each (by disassembling it) and stop early.
import { regLookup } from "../relations.ts";
import { evaluate, identifiers, type Expr, type RegfileLookup } from "../expr.ts";
import { fieldRange } from "../field-range.ts";
import { fieldValue } from "../explain.ts";
import { insertRaw } from "../bits.ts";
import type { Field, Isa } from "../model.ts";
import { invertHolds, invertText, type Candidates, type InvertContext } from "./invert.ts";

export type Constraint =
  /** `e` (macros expanded) prints as `text`, as the generated disassembler prints it. */
  | { k: "prints"; e: Expr; text: string }
  /** `e` (macros expanded) is non-zero (a string: non-empty). */
  | { k: "holds"; e: Expr };

export interface Problem {
  isa: Isa;
  /** Bits known from the start (the variant's fixed and ignored bits) and their values. */
  mask: number;
  bits: number;
  pc: number;
  constraints: Constraint[];
}

export interface SolveOptions {
  /** Random numbers in [0, 1): candidates are tried in random order and free bits filled at random. */
  random?: () => number;
  /** Collects operand values out of their field's range, for error messages. */
  notes?: Set<string>;
  /** Search nodes allowed before giving up (keeps pathological inputs from hanging). */
  budget?: number;
}

interface State {
  mask: number;
  bits: number;
}

interface Prepared {
  c: Constraint;
  fields: Field[];
}

/** Fields above this many unknown bits are never enumerated (they are inverted or left alone). */
const MAX_ENUM_BITS = 16;
/** Values tried for a larger field, with random choices. */
const SAMPLES = 64;

function popcount(m: number): number {
  let n = 0;
  for (let x = m >>> 0; x; x &= x - 1) n++;
  return n;
}

/** Every value of the bits of `free` (as words with only those bits set). */
function subsets(free: number): number[] {
  const out: number[] = [0];
  for (let sub = free & -free; sub !== 0; sub = (sub - free) & free) out.push(sub >>> 0);
  return out;
}

function shuffle<T>(xs: T[], random: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

class Solver {
  readonly regs: RegfileLookup;
  private readonly fieldsOf = new WeakMap<Expr, Field[]>();
  private nodes = 0;

  constructor(
    readonly p: Problem,
    readonly opts: SolveOptions,
  ) {
    this.regs = regLookup(p.isa);
  }

  fields(e: Expr): Field[] {
    let fs = this.fieldsOf.get(e);
    if (!fs) {
      fs = [...identifiers(e)].flatMap((n) => (n === "pc" ? [] : [this.p.isa.fields.get(n)!]));
      this.fieldsOf.set(e, fs);
    }
    return fs;
  }

  known(st: State, f: Field): boolean {
    return (f.mask & ~st.mask) === 0;
  }

  env(st: State, e: Expr): Map<string, number> {
    const env = new Map<string, number>([["pc", this.p.pc]]);
    for (const f of this.fields(e)) env.set(f.name, fieldValue(f, st.bits));
    return env;
  }

  value(st: State, e: Expr): number | string {
    return evaluate(e, this.env(st, e), this.regs);
  }

  holds(st: State, c: Constraint): boolean {
    const v = this.value(st, c.e);
    if (c.k === "prints") return String(v) === c.text;
    return typeof v === "string" ? v.length > 0 : v !== 0;
  }

  context(st: State): InvertContext {
    const isa = this.p.isa;
    return {
      known: (e) => this.fields(e).every((f) => this.known(st, f)),
      value: (e) => this.value(st, e),
      regNumbers: (file, text) => {
        const rf = isa.regfiles.get(file);
        const out = [...(rf?.regs.values() ?? [])].filter((r) => r.name === text).map((r) => r.num);
        // The fallback ("%d", "$f%d") for numbers without a name.
        const fb = (rf?.fallback ?? "%d").split("%d");
        if (fb.length === 2 && text.startsWith(fb[0]) && text.endsWith(fb[1])) {
          const digits = text.slice(fb[0].length, text.length - fb[1].length);
          if (/^\d+$/.test(digits) && this.regs.name(file, Number(digits)) === undefined) out.push(Number(digits));
        }
        return out;
      },
    };
  }

  /** The state with field f set to value v, or undefined when v does not fit or contradicts known bits. */
  assign(st: State, f: Field, v: number, direct: boolean): State | undefined {
    const { min, max, align } = fieldRange(f);
    // Inverted values are taken modulo 2^32, as the printers show them (bd = target - pc may
    // come out in either reading of the top bit); a field's own text beyond 32 bits is too wide.
    const n = f.signed ? v | 0 : v >>> 0;
    if (!Number.isInteger(v) || (direct && Math.abs(v) >= 2 ** 32) || n < min || n > max || n % align !== 0) {
      if (direct) this.opts.notes?.add(`${f.name} = ${v} is out of range ${min}..${max}${align > 1 ? ` (a multiple of ${align})` : ""}`);
      return undefined;
    }
    const size = 2 ** f.width;
    const raw = ((n / align) % size + size) % size;
    const b = insertRaw(f.pieces, raw);
    if (((b ^ st.bits) & f.mask & st.mask) !== 0) return undefined;
    return { mask: (st.mask | f.mask) >>> 0, bits: ((st.bits & ~f.mask) | b) >>> 0 };
  }

  invert(st: State, c: Constraint): Candidates {
    const ctx = this.context(st);
    return c.k === "prints" ? invertText(c.e, c.text, ctx) : invertHolds(c.e, ctx);
  }

  order<T>(xs: T[]): T[] {
    return this.opts.random ? shuffle(xs, this.opts.random) : xs;
  }

  /**
   * The states that give f's unknown bits every value satisfying c. Too many bits to enumerate:
   * with random choices, a sample of values (a condition such as code20 != 0 is met by most).
   */
  enumerate(st: State, f: Field, c: Constraint): State[] {
    const free = (f.mask & ~st.mask) >>> 0;
    const out: State[] = [];
    const random = this.opts.random;
    const values = popcount(free) <= MAX_ENUM_BITS ? subsets(free) : random ? Array.from({ length: SAMPLES }, () => this.randomWord(random) & free) : [];
    for (const sub of values) {
      const next = { mask: (st.mask | free) >>> 0, bits: (st.bits | sub) >>> 0 };
      if (this.holds(next, c)) out.push(next);
    }
    return out;
  }

  randomWord(random: () => number): number {
    return ((Math.floor(random() * 0x10000) << 16) | Math.floor(random() * 0x10000)) >>> 0;
  }

  fill(st: State): number {
    const free = ~st.mask >>> 0;
    return (st.bits | ((this.opts.random ? this.randomWord(this.opts.random) : 0) & free)) >>> 0;
  }

  *search(st: State, pending: Prepared[]): Generator<number> {
    if (++this.nodes > (this.opts.budget ?? 50_000)) return;
    const open: { c: Constraint; unknown: Field[] }[] = [];
    for (const { c, fields } of pending) {
      const unknown = fields.filter((f) => !this.known(st, f));
      if (unknown.length > 0) open.push({ c, unknown });
      else if (!this.holds(st, c)) return;
    }
    if (open.length === 0) {
      yield this.fill(st);
      return;
    }
    const rest = open.map(({ c, unknown }) => ({ c, fields: unknown }));
    let smallest: { c: Constraint; f: Field; bits: number } | undefined;
    for (const { c, unknown } of open) {
      if (unknown.length !== 1) continue;
      const f = unknown[0];
      const cands = this.invert(st, c);
      if (cands) {
        const direct = c.k === "prints" && (c.e.k === "id" || (c.e.k === "call" && c.e.args.at(-1)?.k === "id"));
        for (const v of this.order([...cands])) {
          const next = this.assign(st, f, v, direct);
          if (next) yield* this.search(next, rest);
        }
        return;
      }
      const bits = popcount(f.mask & ~st.mask);
      if (!smallest || bits < smallest.bits) smallest = { c, f, bits };
    }
    if (smallest && (smallest.bits <= MAX_ENUM_BITS || this.opts.random)) {
      for (const next of this.order(this.enumerate(st, smallest.f, smallest.c))) yield* this.search(next, rest);
      return;
    }
    // Every constraint has several unknowns: branch over the smallest unknown field.
    const fields = open.flatMap((o) => o.unknown).sort((a, b) => popcount(a.mask & ~st.mask) - popcount(b.mask & ~st.mask));
    const f = fields[0];
    const free = (f.mask & ~st.mask) >>> 0;
    if (popcount(free) > 12) return;
    for (const sub of this.order(subsets(free))) yield* this.search({ mask: (st.mask | free) >>> 0, bits: (st.bits | sub) >>> 0 }, rest);
  }
}

/** Words satisfying the problem's constraints, lazily; unconstrained bits are zero (or random). */
export function* solutions(p: Problem, opts: SolveOptions = {}): Generator<number> {
  const solver = new Solver(p, opts);
  const pending = p.constraints.map((c) => ({ c, fields: solver.fields(c.e) }));
  yield* solver.search({ mask: p.mask >>> 0, bits: (p.bits & p.mask) >>> 0 }, pending);
}

// IEEE 754 binary32/binary64 arithmetic on raw bits, as QEMU 7.2's softfloat computes it for a
// MIPS32r2 FPU in legacy NaN mode (FCSR.NAN2008 = 0, as QEMU's 24Kf):
// - every NaN result is the default NaN (0x7fbfffff / 0x7ff7ffffffffffff): QEMU runs legacy
//   MIPS in softfloat's default-NaN mode, so no payload ever propagates;
// - a NaN is signalling when its fraction MSB is SET (the legacy MIPS encoding);
// - all four rounding modes, each result rounded once from its exact value (BigInt), so
//   inexact, underflow (tiny AFTER rounding and inexact: softfloat's default, which MIPS keeps)
//   and overflow come out exactly;
// - flush-to-zero (FCSR.FS) as QEMU does it: a result whose unrounded exponent is below the
//   normal range becomes a signed zero and raises no flag; inputs are never flushed.
// Values are BigInt bit patterns: FP instructions are rare enough in guests that exactness is
// worth more than speed, and the integer hot path never comes here. The exact operations and
// the rounding itself are shared with the PowerPC FPU (core/softfloat.ts).

import {
  type Format as IeeeFormat,
  BINARY32,
  BINARY64,
  bitlen,
  quotient,
  RM,
  RN,
  round as roundExact,
  roundAt,
  squareRoot,
} from "../core/softfloat.ts";

export { isqrt, RM, RN, RP, RZ } from "../core/softfloat.ts";

/** Exception flags, in the order of the FCSR Cause/Enables/Flags fields (I U O Z V, E). */
export const F_I = 1,
  F_U = 2,
  F_O = 4,
  F_Z = 8,
  F_V = 16;

/** A format with legacy MIPS's default NaN (FCSR.RM values are core/softfloat.ts's RN..RM). */
export interface Format extends IeeeFormat {
  readonly defaultNaN: bigint;
}

export const S: Format = { ...BINARY32, defaultNaN: 0x7fbfffffn };
export const D: Format = { ...BINARY64, defaultNaN: 0x7ff7ffffffffffffn };

const enum Cls {
  Zero,
  Finite,
  Inf,
  QNaN,
  SNaN,
}

/** An unpacked operand: value (-1)^neg × m × 2^e for Zero/Finite. */
interface Num {
  cls: Cls;
  neg: boolean;
  m: bigint;
  e: number;
}

export function unpack(f: Format, bits: bigint): Num {
  const fbits = BigInt(f.p - 1);
  const emask = (1 << f.ebits) - 1;
  const neg = ((bits >> (fbits + BigInt(f.ebits))) & 1n) === 1n;
  const exp = Number((bits >> fbits) & BigInt(emask));
  const frac = bits & ((1n << fbits) - 1n);
  if (exp === emask) {
    if (frac === 0n) return { cls: Cls.Inf, neg, m: 0n, e: 0 };
    return { cls: (frac >> (fbits - 1n)) & 1n ? Cls.SNaN : Cls.QNaN, neg, m: 0n, e: 0 };
  }
  if (exp === 0) {
    return { cls: frac === 0n ? Cls.Zero : Cls.Finite, neg, m: frac, e: f.emin - (f.p - 1) };
  }
  return { cls: Cls.Finite, neg, m: frac | (1n << fbits), e: exp - f.bias - (f.p - 1) };
}

function signBit(f: Format, neg: boolean): bigint {
  return neg ? 1n << BigInt(f.p - 1 + f.ebits) : 0n;
}

function inf(f: Format, neg: boolean): bigint {
  return signBit(f, neg) | (BigInt((1 << f.ebits) - 1) << BigInt(f.p - 1));
}

function zero(f: Format, neg: boolean): bigint {
  return signBit(f, neg);
}

function isNaN_(n: Num): boolean {
  return n.cls === Cls.QNaN || n.cls === Cls.SNaN;
}

export class SoftFloat {
  /** FCSR.RM. */
  rm = RN;
  /** FCSR.FS: flush tiny results to zero, as QEMU does. */
  ftz = false;
  /** Flags raised since the caller last cleared them. */
  flags = 0;

  /** Rounds the exact nonzero value (-1)^neg × m × 2^e (plus sticky) into format f, tininess
   *  judged after rounding (softfloat's default, which MIPS keeps). */
  round(f: Format, neg: boolean, m: bigint, e: number, sticky = false): bigint {
    const top = e + bitlen(m) - 1;
    if (top < f.emin && this.ftz) return zero(f, neg);
    const r = roundExact(f, neg, m, e, sticky, this.rm, false);
    if (r.inexact) this.flags |= F_I;
    if (r.underflow) this.flags |= F_U;
    if (r.overflow) this.flags |= F_O | F_I;
    return r.bits;
  }

  /** A NaN operand: invalid when signalling; the result is always the default NaN. */
  private nan(f: Format, ...xs: Num[]): bigint {
    if (xs.some((x) => x.cls === Cls.SNaN)) this.flags |= F_V;
    return f.defaultNaN;
  }

  private invalid(f: Format): bigint {
    this.flags |= F_V;
    return f.defaultNaN;
  }

  add(f: Format, ab: bigint, bb: bigint, subtract = false): bigint {
    const a = unpack(f, ab);
    const b = unpack(f, bb);
    if (isNaN_(a) || isNaN_(b)) return this.nan(f, a, b);
    const bneg = subtract ? !b.neg : b.neg;
    if (a.cls === Cls.Inf && b.cls === Cls.Inf)
      return a.neg !== bneg ? this.invalid(f) : inf(f, a.neg);
    if (a.cls === Cls.Inf) return inf(f, a.neg);
    if (b.cls === Cls.Inf) return inf(f, bneg);
    const e = Math.min(a.e, b.e);
    const ma = (a.neg ? -a.m : a.m) << BigInt(a.e - e);
    const mb = (bneg ? -b.m : b.m) << BigInt(b.e - e);
    const sum = ma + mb;
    if (sum === 0n) {
      // Exact zero: the common sign of two zeros, else +0 (-0 when rounding down).
      if (a.cls === Cls.Zero && b.cls === Cls.Zero && a.neg === bneg) return zero(f, a.neg);
      return zero(f, this.rm === RM);
    }
    return sum < 0n ? this.round(f, true, -sum, e) : this.round(f, false, sum, e);
  }

  mul(f: Format, ab: bigint, bb: bigint): bigint {
    const a = unpack(f, ab);
    const b = unpack(f, bb);
    if (isNaN_(a) || isNaN_(b)) return this.nan(f, a, b);
    const neg = a.neg !== b.neg;
    if (a.cls === Cls.Inf || b.cls === Cls.Inf) {
      if (a.cls === Cls.Zero || b.cls === Cls.Zero) return this.invalid(f);
      return inf(f, neg);
    }
    if (a.cls === Cls.Zero || b.cls === Cls.Zero) return zero(f, neg);
    return this.round(f, neg, a.m * b.m, a.e + b.e);
  }

  div(f: Format, ab: bigint, bb: bigint): bigint {
    const a = unpack(f, ab);
    const b = unpack(f, bb);
    if (isNaN_(a) || isNaN_(b)) return this.nan(f, a, b);
    const neg = a.neg !== b.neg;
    if (a.cls === Cls.Inf) return b.cls === Cls.Inf ? this.invalid(f) : inf(f, neg);
    if (b.cls === Cls.Inf) return zero(f, neg);
    if (b.cls === Cls.Zero) {
      if (a.cls === Cls.Zero) return this.invalid(f);
      this.flags |= F_Z;
      return inf(f, neg);
    }
    if (a.cls === Cls.Zero) return zero(f, neg);
    const q = quotient(a.m, a.e, b.m, b.e, f.p);
    return this.round(f, neg, q.m, q.e, q.sticky);
  }

  sqrt(f: Format, ab: bigint): bigint {
    const a = unpack(f, ab);
    if (isNaN_(a)) return this.nan(f, a);
    if (a.cls === Cls.Zero) return zero(f, a.neg);
    if (a.neg) return this.invalid(f);
    if (a.cls === Cls.Inf) return inf(f, false);
    const r = squareRoot(a.m, a.e, f.p);
    return this.round(f, false, r.m, r.e, r.sticky);
  }

  /** Conversion between formats (cvt.s.d, cvt.d.s). */
  convert(to: Format, from: Format, ab: bigint): bigint {
    const a = unpack(from, ab);
    if (isNaN_(a)) return this.nan(to, a);
    if (a.cls === Cls.Inf) return inf(to, a.neg);
    if (a.cls === Cls.Zero) return zero(to, a.neg);
    return this.round(to, a.neg, a.m, a.e);
  }

  /** A signed integer (bits wide, two's complement in v) to format f (cvt.s.w, cvt.d.l, ...). */
  fromInt(f: Format, v: bigint, bits: number): bigint {
    const s = BigInt.asIntN(bits, v);
    if (s === 0n) return zero(f, false);
    return s < 0n ? this.round(f, true, -s, 0) : this.round(f, false, s, 0);
  }

  /** Format f to a signed integer of `bits` bits in mode rm (cvt/round/trunc/ceil/floor .w/.l).
   *  NaN, infinity and out-of-range values are invalid and give the largest positive integer,
   *  as QEMU's MIPS helpers do (FP_TO_INT32_OVERFLOW / FP_TO_INT64_OVERFLOW). */
  toInt(f: Format, ab: bigint, bits: number, rm: number): bigint {
    const max = (1n << BigInt(bits - 1)) - 1n;
    const a = unpack(f, ab);
    if (a.cls === Cls.Zero) return 0n;
    if (a.cls !== Cls.Finite) {
      this.flags |= F_V;
      return max;
    }
    const [r, inexact] = roundAt(a.m, a.e, 0, false, a.neg, rm);
    if (a.neg ? r > max + 1n : r > max) {
      this.flags |= F_V; // softfloat: invalid replaces inexact
      return max;
    }
    if (inexact) this.flags |= F_I;
    return BigInt.asUintN(bits, a.neg ? -r : r);
  }

  /** c.cond.fmt: cond bit 0 = unordered, 1 = equal, 2 = less; bit 3 = signalling (any NaN is
   *  invalid), else only a signalling NaN is. */
  compare(f: Format, ab: bigint, bb: bigint, cond: number): boolean {
    const a = unpack(f, ab);
    const b = unpack(f, bb);
    if (isNaN_(a) || isNaN_(b)) {
      if (cond & 8 || a.cls === Cls.SNaN || b.cls === Cls.SNaN) this.flags |= F_V;
      return (cond & 1) !== 0;
    }
    const c = cmp(a, b);
    return ((cond & 2) !== 0 && c === 0) || ((cond & 4) !== 0 && c < 0);
  }
}

/** -1, 0, 1 for ordered a against b. */
function cmp(a: Num, b: Num): number {
  const va = a.cls === Cls.Inf ? null : a;
  const vb = b.cls === Cls.Inf ? null : b;
  const key = (x: Num | null, n: Num): [number, bigint, number] => {
    if (x === null) return [n.neg ? -1 : 1, 0n, Infinity];
    return [x.cls === Cls.Zero ? 0 : x.neg ? -1 : 1, x.m, x.e];
  };
  const [sa, ma, ea] = key(va, a);
  const [sb, mb, eb] = key(vb, b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  let mag: number;
  if (ea === Infinity || eb === Infinity) mag = ea === eb ? 0 : ea === Infinity ? 1 : -1;
  else {
    const e = Math.min(ea, eb);
    const xa = ma << BigInt(ea - e);
    const xb = mb << BigInt(eb - e);
    mag = xa === xb ? 0 : xa > xb ? 1 : -1;
  }
  return sa < 0 ? -mag : mag;
}

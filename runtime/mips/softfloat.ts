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
// worth more than speed, and the integer hot path never comes here.

/** Exception flags, in the order of the FCSR Cause/Enables/Flags fields (I U O Z V, E). */
export const F_I = 1,
  F_U = 2,
  F_O = 4,
  F_Z = 8,
  F_V = 16;

/** FCSR.RM values. */
export const RN = 0,
  RZ = 1,
  RP = 2,
  RM = 3;

export interface Format {
  /** Significand bits including the hidden one. */
  readonly p: number;
  readonly emin: number;
  readonly emax: number;
  readonly bias: number;
  /** Exponent field width. */
  readonly ebits: number;
  readonly defaultNaN: bigint;
}

export const S: Format = {
  p: 24,
  emin: -126,
  emax: 127,
  bias: 127,
  ebits: 8,
  defaultNaN: 0x7fbfffffn,
};
export const D: Format = {
  p: 53,
  emin: -1022,
  emax: 1023,
  bias: 1023,
  ebits: 11,
  defaultNaN: 0x7ff7ffffffffffffn,
};

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

function bitlen(m: bigint): number {
  return m === 0n ? 0 : m.toString(2).length;
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

/** Rounds m × 2^e (+ a positive amount below its last bit when `sticky`) to a multiple of
 *  2^q in mode rm; returns the multiple's count and whether it was inexact. */
function roundAt(
  m: bigint,
  e: number,
  q: number,
  sticky: boolean,
  neg: boolean,
  rm: number,
): [bigint, boolean] {
  const shift = q - e;
  let r: bigint;
  let rem = 0n;
  let half = 1n;
  if (shift > 0) {
    const s = BigInt(shift);
    rem = m & ((1n << s) - 1n);
    half = 1n << (s - 1n);
    r = m >> s;
  } else r = m << BigInt(-shift);
  const inexact = rem !== 0n || sticky;
  let up = false;
  if (rm === RN) up = rem > half || (rem === half && (sticky || (r & 1n) === 1n));
  else if (rm === RP) up = inexact && !neg;
  else if (rm === RM) up = inexact && neg;
  return [up ? r + 1n : r, inexact];
}

export class SoftFloat {
  /** FCSR.RM. */
  rm = RN;
  /** FCSR.FS: flush tiny results to zero, as QEMU does. */
  ftz = false;
  /** Flags raised since the caller last cleared them. */
  flags = 0;

  /** Rounds the exact nonzero value (-1)^neg × m × 2^e (plus sticky) into format f. */
  round(f: Format, neg: boolean, m: bigint, e: number, sticky = false): bigint {
    const top = e + bitlen(m) - 1;
    if (top < f.emin && this.ftz) return zero(f, neg);
    const qmin = f.emin - (f.p - 1);
    let q = Math.max(top - (f.p - 1), qmin);
    let [r, inexact] = roundAt(m, e, q, sticky, neg, this.rm);
    if (inexact) {
      this.flags |= F_I;
      if (top < f.emin) {
        // Tininess after rounding: not tiny only when rounding to p bits with an unbounded
        // exponent carries the value up to exactly 2^emin.
        const [r0] = roundAt(m, e, top - (f.p - 1), sticky, neg, this.rm);
        if (!(top + 1 === f.emin && bitlen(r0) > f.p)) this.flags |= F_U;
      }
    }
    if (bitlen(r) > f.p) {
      r >>= 1n;
      q += 1;
    }
    if (q + f.p - 1 > f.emax) {
      this.flags |= F_O | F_I;
      const toInf = this.rm === RN || (this.rm === RP && !neg) || (this.rm === RM && neg);
      if (toInf) return inf(f, neg);
      // The largest finite value.
      return (
        signBit(f, neg) |
        (BigInt((1 << f.ebits) - 2) << BigInt(f.p - 1)) |
        ((1n << BigInt(f.p - 1)) - 1n)
      );
    }
    const fbits = BigInt(f.p - 1);
    if (r < 1n << fbits) return signBit(f, neg) | r; // subnormal (or zero)
    return signBit(f, neg) | (BigInt(q + (f.p - 1) + f.bias) << fbits) | (r & ((1n << fbits) - 1n));
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
    // Enough quotient bits (p + 2) that the remainder only acts as a sticky bit.
    const k = Math.max(0, f.p + 3 + bitlen(b.m) - bitlen(a.m));
    const num = a.m << BigInt(k);
    const q = num / b.m;
    return this.round(f, neg, q, a.e - b.e - k, q * b.m !== num);
  }

  sqrt(f: Format, ab: bigint): bigint {
    const a = unpack(f, ab);
    if (isNaN_(a)) return this.nan(f, a);
    if (a.cls === Cls.Zero) return zero(f, a.neg);
    if (a.neg) return this.invalid(f);
    if (a.cls === Cls.Inf) return inf(f, false);
    // Scale to at least 2(p + 2) bits with an even exponent, then an integer square root.
    let k = Math.max(0, 2 * (f.p + 2) - bitlen(a.m));
    if ((a.e - k) & 1) k++;
    const v = a.m << BigInt(k);
    const r = isqrt(v);
    return this.round(f, false, r, (a.e - k) / 2, r * r !== v);
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

/** Floor of the square root of v ≥ 0. */
export function isqrt(v: bigint): bigint {
  if (v < 2n) return v;
  let x = 1n << BigInt(Math.ceil(bitlen(v) / 2));
  for (;;) {
    const y = (x + v / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

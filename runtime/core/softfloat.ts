// IEEE 754 binary32/binary64 rounding of exact values, shared by the MIPS and PowerPC FPUs: a
// result is computed exactly (BigInt significand, plus a sticky bit for the part below it that
// division and square root cannot hold), then rounded once into the target format in one of the
// four rounding directions. Each FPU keeps its own NaN, flag and flush rules on top
// (mips/softfloat.ts, ppc/fpu.ts); what differs between them here is only when a result
// counts as tiny (MIPS/QEMU's softfloat default: after rounding; PowerPC: before rounding).

export interface Format {
  /** Significand bits including the hidden one. */
  readonly p: number;
  readonly emin: number;
  readonly emax: number;
  readonly bias: number;
  /** Exponent field width. */
  readonly ebits: number;
}

export const BINARY32: Format = { p: 24, emin: -126, emax: 127, bias: 127, ebits: 8 };
export const BINARY64: Format = { p: 53, emin: -1022, emax: 1023, bias: 1023, ebits: 11 };

/** Rounding directions, numbered as both MIPS FCSR.RM and PowerPC FPSCR[RN] number them. */
export const RN = 0,
  RZ = 1,
  RP = 2,
  RM = 3;

export function bitlen(m: bigint): number {
  return m === 0n ? 0 : m.toString(2).length;
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

/** Rounds m × 2^e (+ a positive amount below its last bit when `sticky`) to a multiple of
 *  2^q in direction rm; returns the multiple's count, whether it was inexact and whether the
 *  magnitude was rounded up. */
export function roundAt(
  m: bigint,
  e: number,
  q: number,
  sticky: boolean,
  neg: boolean,
  rm: number,
): [bigint, boolean, boolean] {
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
  return [up ? r + 1n : r, inexact, up];
}

export interface Rounded {
  /** The result's bit pattern in the format. */
  bits: bigint;
  inexact: boolean;
  /** Tiny (by the caller's tininess rule) and inexact: IEEE's underflow with traps disabled. */
  underflow: boolean;
  overflow: boolean;
  /** The magnitude was rounded up (PowerPC's FPSCR[FR]). */
  incremented: boolean;
}

function signBit(f: Format, neg: boolean): bigint {
  return neg ? 1n << BigInt(f.p - 1 + f.ebits) : 0n;
}

/** Rounds the exact nonzero value (-1)^neg × m × 2^e (plus sticky) into format f. Tininess is
 *  judged on the exact value (`tinyBeforeRounding`) or, as IEEE 754's other option, on the value
 *  rounded to p bits with an unbounded exponent. Overflow gives infinity or the largest finite
 *  value, as the direction says. */
export function round(
  f: Format,
  neg: boolean,
  m: bigint,
  e: number,
  sticky: boolean,
  rm: number,
  tinyBeforeRounding: boolean,
): Rounded {
  const top = e + bitlen(m) - 1; // exponent of the leading bit
  const qmin = f.emin - (f.p - 1);
  let q = Math.max(top - (f.p - 1), qmin);
  let [r, inexact, incremented] = roundAt(m, e, q, sticky, neg, rm);
  let underflow = false;
  if (inexact && top < f.emin) {
    if (tinyBeforeRounding) underflow = true;
    else {
      // Not tiny only when rounding to p bits with an unbounded exponent carries the value up
      // to exactly 2^emin.
      const [r0] = roundAt(m, e, top - (f.p - 1), sticky, neg, rm);
      underflow = !(top + 1 === f.emin && bitlen(r0) > f.p);
    }
  }
  if (bitlen(r) > f.p) {
    r >>= 1n;
    q += 1;
  }
  if (q + f.p - 1 > f.emax) {
    const toInf = rm === RN || (rm === RP && !neg) || (rm === RM && neg);
    const bits = toInf
      ? signBit(f, neg) | (BigInt((1 << f.ebits) - 1) << BigInt(f.p - 1))
      : signBit(f, neg) |
        (BigInt((1 << f.ebits) - 2) << BigInt(f.p - 1)) |
        ((1n << BigInt(f.p - 1)) - 1n);
    return { bits, inexact: true, underflow: false, overflow: true, incremented: toInf };
  }
  const fbits = BigInt(f.p - 1);
  const bits =
    r < 1n << fbits
      ? signBit(f, neg) | r // subnormal (or zero)
      : signBit(f, neg) | (BigInt(q + (f.p - 1) + f.bias) << fbits) | (r & ((1n << fbits) - 1n));
  return { bits, inexact, underflow, overflow: false, incremented };
}

/** An exact magnitude m × 2^e, plus a sticky bit standing for a nonzero remainder below it. */
export interface Magnitude {
  m: bigint;
  e: number;
  sticky: boolean;
}

/** a / b for nonzero significands, with enough quotient bits for precision p (p + 2 and more)
 *  that the remainder only acts as the sticky bit. */
export function quotient(am: bigint, ae: number, bm: bigint, be: number, p: number): Magnitude {
  const k = Math.max(0, p + 3 + bitlen(bm) - bitlen(am));
  const num = am << BigInt(k);
  const q = num / bm;
  return { m: q, e: ae - be - k, sticky: q * bm !== num };
}

/** √(m × 2^e) for m > 0, with enough root bits for precision p. */
export function squareRoot(m: bigint, e: number, p: number): Magnitude {
  // Scale to at least 2(p + 2) bits with an even exponent, then an integer square root.
  let k = Math.max(0, 2 * (p + 2) - bitlen(m));
  if ((e - k) & 1) k++;
  const v = m << BigInt(k);
  const r = isqrt(v);
  return { m: r, e: (e - k) / 2, sticky: r * r !== v };
}

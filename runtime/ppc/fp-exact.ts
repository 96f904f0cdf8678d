// Exact values of doubles as m × 2^e with a BigInt m, for the two things JS arithmetic cannot
// say: whether a rounded result was exact (the FPSCR's XX and FI, and UX, which needs
// "tiny and inexact") and the single rounding of a fused multiply-add. Only the FP arithmetic
// instructions use it, and guests execute few of them, so BigInt's cost does not matter.

export interface Exact {
  /** Signed significand. */
  m: bigint;
  e: number;
}

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** The exact value of a finite double. */
export function exact(v: number): Exact {
  F64[0] = v;
  const hi = U32[HI];
  const lo = U32[1 - HI];
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e = -1074;
  if (biased !== 0) {
    m |= 1n << 52n;
    e = biased - 1075;
  }
  return { m: hi >>> 31 ? -m : m, e };
}

export function add(a: Exact, b: Exact): Exact {
  const e = Math.min(a.e, b.e);
  return { m: (a.m << BigInt(a.e - e)) + (b.m << BigInt(b.e - e)), e };
}

export function mul(a: Exact, b: Exact): Exact {
  return { m: a.m * b.m, e: a.e + b.e };
}

export function neg(a: Exact): Exact {
  return { m: -a.m, e: a.e };
}

/** Whether two exact values are equal. */
export function same(a: Exact, b: Exact): boolean {
  const e = Math.min(a.e, b.e);
  return a.m << BigInt(a.e - e) === b.m << BigInt(b.e - e);
}

/** Rounds to the nearest double, ties to even, with gradual underflow; ±Infinity on overflow.
 *  An exact zero gives +0 (the caller knows the sign rules for zero sums). */
export function toDouble(x: Exact): number {
  if (x.m === 0n) return 0;
  const negative = x.m < 0n;
  let m = negative ? -x.m : x.m;
  const top = x.e + m.toString(2).length - 1; // exponent of the leading bit
  if (top > 1023) return negative ? -Infinity : Infinity;
  const q = Math.max(top - 52, -1074); // exponent of the result's last significand bit
  const shift = q - x.e;
  if (shift > 0) {
    const s = BigInt(shift);
    const rem = m & ((1n << s) - 1n);
    const half = 1n << (s - 1n);
    m >>= s;
    if (rem > half || (rem === half && (m & 1n) === 1n)) m += 1n;
  } else m <<= BigInt(-shift);
  // m has at most 54 bits and m × 2^q is a double, so both conversions below are exact.
  const r = Number(m) * 2 ** q;
  return negative ? -r : r;
}

// Exact values of doubles as m × 2^e with a BigInt m: fpu.ts forms each sum and product exactly
// from them and rounds it once (core/softfloat.ts), which gives the FPSCR's XX, FI, FR and UX
// and every rounding mode. Only the FP arithmetic instructions use it, and guests execute few
// of them, so BigInt's cost does not matter.

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

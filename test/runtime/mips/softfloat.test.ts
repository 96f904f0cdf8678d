// softfloat.ts: the MIPS FPU's IEEE arithmetic against JS doubles (round to nearest) and hand
// cases for what JS cannot show: directed rounding, flags, tininess after rounding, legacy
// NaNs, flush-to-zero and the integer conversions' invalid result.
import { describe, expect, it } from "vitest";
import {
  D,
  F_I,
  F_O,
  F_U,
  F_V,
  F_Z,
  RM,
  RN,
  RP,
  RZ,
  S,
  SoftFloat,
  isqrt,
} from "../../../runtime/mips/softfloat.ts";

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const bd = (x: number): bigint => ((f64[0] = x), u64[0]);
const nd = (b: bigint): number => ((u64[0] = b), f64[0]);
const bs = (x: number): bigint => ((f32[0] = x), BigInt(u32[0]));
const ns = (b: bigint): number => ((u32[0] = Number(b)), f32[0]);

/** Deterministic operands: normal, subnormal and huge values of both signs. */
function* operands(n: number): Generator<[number, number]> {
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0), s / 2 ** 32);
  const one = () => {
    const k = rnd();
    if (k < 0.1) return (rnd() - 0.5) * 1e-310;
    if (k < 0.2) return (rnd() - 0.5) * 3e308;
    return (rnd() - 0.5) * 2 ** Math.floor(rnd() * 200 - 100);
  };
  for (let i = 0; i < n; i++) yield [one(), one()];
}

describe("MIPS softfloat", () => {
  it("matches JS doubles and Math.fround in round-to-nearest", () => {
    const sf = new SoftFloat();
    for (const [x, y] of operands(5000)) {
      expect(nd(sf.add(D, bd(x), bd(y)))).toBe(x + y);
      expect(nd(sf.add(D, bd(x), bd(y), true))).toBe(x - y);
      expect(nd(sf.mul(D, bd(x), bd(y)))).toBe(x * y);
      expect(nd(sf.div(D, bd(x), bd(y)))).toBe(x / y);
      expect(nd(sf.sqrt(D, bd(Math.abs(x))))).toBe(Math.sqrt(Math.abs(x)));
      const xs = Math.fround(x);
      const ys = Math.fround(y);
      expect(ns(sf.add(S, bs(xs), bs(ys)))).toBe(Math.fround(xs + ys));
      expect(ns(sf.mul(S, bs(xs), bs(ys)))).toBe(Math.fround(xs * ys));
      expect(ns(sf.div(S, bs(xs), bs(ys)))).toBe(Math.fround(xs / ys));
      expect(ns(sf.convert(S, D, bd(x)))).toBe(Math.fround(x));
    }
  });

  it("rounds in all four modes, with inexact and overflow", () => {
    const sf = new SoftFloat();
    const third = (rm: number) => ((sf.rm = rm), (sf.flags = 0), sf.div(S, bs(1), bs(3)));
    expect(third(RN)).toBe(0x3eaaaaabn);
    expect(third(RZ)).toBe(0x3eaaaaaan);
    expect(third(RP)).toBe(0x3eaaaaabn);
    expect(third(RM)).toBe(0x3eaaaaaan);
    expect(sf.flags).toBe(F_I);
    const big = (rm: number, neg: boolean) => (
      (sf.rm = rm),
      (sf.flags = 0),
      sf.mul(S, neg ? 0xff000000n : 0x7f000000n, 0x40000000n)
    );
    expect(big(RN, false)).toBe(0x7f800000n);
    expect(sf.flags).toBe(F_O | F_I);
    expect(big(RZ, false)).toBe(0x7f7fffffn);
    expect(big(RP, true)).toBe(0xff7fffffn);
    expect(big(RM, true)).toBe(0xff800000n);
    sf.rm = RM;
    expect(sf.add(D, bd(1), bd(-1))).toBe(1n << 63n); // exact zero sum is -0 when rounding down
  });

  it("raises underflow when tiny after rounding and inexact", () => {
    const sf = new SoftFloat();
    sf.flags = 0;
    expect(sf.mul(S, 0x00800000n, 0x3f000003n)).toBe(0x00400002n); // tiny and inexact
    expect(sf.flags).toBe(F_U | F_I);
    sf.flags = 0;
    expect(sf.mul(S, 0x00800000n, 0x3f000000n)).toBe(0x00400000n); // tiny but exact: no flag
    expect(sf.flags).toBe(0);
    // 2^-126 - 2^-151 rounds to 24 bits as 2^-126 even with an unbounded exponent: not tiny
    // after rounding, so inexact only. (2^-126 - 2^-150 fits 24 bits there: tiny.)
    sf.flags = 0;
    expect(sf.convert(S, D, bd(2 ** -126 - 2 ** -151))).toBe(0x00800000n);
    expect(sf.flags).toBe(F_I);
    sf.flags = 0;
    expect(sf.mul(S, 0x00ffffffn, 0x3f000000n)).toBe(0x00800000n);
    expect(sf.flags).toBe(F_U | F_I);
  });

  it("gives the legacy default NaN, invalid only for signalling operands", () => {
    const sf = new SoftFloat();
    sf.flags = 0;
    expect(sf.add(S, 0x7fa00000n, bs(1))).toBe(0x7fbfffffn); // quiet (fraction MSB clear)
    expect(sf.flags).toBe(0);
    expect(sf.add(D, 0x7ff8000000000000n, bd(1))).toBe(0x7ff7ffffffffffffn); // signalling
    expect(sf.flags).toBe(F_V);
    sf.flags = 0;
    expect(sf.div(S, bs(1), 0n)).toBe(0x7f800000n);
    expect(sf.flags).toBe(F_Z);
    expect(sf.compare(S, 0x7fa00000n, bs(1), 2)).toBe(false);
    expect(sf.flags).toBe(F_Z); // quiet compare of a quiet NaN: no invalid
    expect(sf.compare(S, 0x7fa00000n, bs(1), 9)).toBe(true); // ngle: signalling, unordered
    expect(sf.flags).toBe(F_Z | F_V);
  });

  it("flushes tiny results to zero without flags under FS, as QEMU", () => {
    const sf = new SoftFloat();
    sf.ftz = true;
    sf.flags = 0;
    expect(sf.mul(S, 0x80800000n, 0x3f7fffffn)).toBe(0x80000000n);
    expect(sf.flags).toBe(0);
  });

  it("converts to integers with MIPS's invalid result", () => {
    const sf = new SoftFloat();
    sf.flags = 0;
    expect(sf.toInt(D, bd(2147483647.5), 32, RN)).toBe(0x7fffffffn);
    expect(sf.flags).toBe(F_V);
    sf.flags = 0;
    expect(sf.toInt(D, bd(-2147483648.4), 32, RN)).toBe(0x80000000n);
    expect(sf.flags).toBe(F_I);
    expect(sf.toInt(D, bd(-2.5), 32, RN)).toBe(0xfffffffen);
    expect(sf.toInt(D, bd(-2.5), 32, RP)).toBe(0xfffffffen);
    expect(sf.toInt(D, bd(-2.5), 32, RM)).toBe(0xfffffffdn);
    expect(sf.toInt(S, 0x7f800000n, 64, RZ)).toBe(0x7fffffffffffffffn);
  });

  it("takes integer square roots", () => {
    for (const v of [0n, 1n, 2n, 3n, 4n, 99n, 100n, (1n << 106n) + 12345n]) {
      const r = isqrt(v);
      expect(r * r <= v && (r + 1n) * (r + 1n) > v).toBe(true);
    }
  });
});

// The 440's floating-point unit (PowerPC Book I chapter 4, the classic FPU; PPC440x5 core manual
// chapter "Floating-point"): 32 64-bit FPRs and the FPSCR, with the arithmetic the machine's FP
// instructions need. The machine (machine.ts) decodes, reaches memory and writes CR1; this module
// holds the state and computes.
//
// FPRs are kept as raw bits (two 32-bit words each) so that loads, stores and moves preserve
// every pattern, NaN payloads included; arithmetic goes through a JS double.
//
// What is modelled: IEEE double results in round-to-nearest, single precision by Math.fround of
// the double result, fused multiply-add rounded once (fp-exact.ts), NaN propagation (the first
// NaN operand in A, B, C order, quieted; else the default QNaN), FPRF, FPCC for compares, the
// exception bits (VXSNAN, VXISI, VXIDI, VXZDZ, VXIMZ, VXVC, VXSQRT, VXCVI, ZX, OX, UX when tiny
// and inexact, XX) with FX, VX and FEX, and FI; fctiw's results as QEMU 7.2 gives them. Checked
// against QEMU by test/guests/ppc/fpu. Not modelled: the rounding modes other than
// round-to-nearest (RN is only kept in the FPSCR), FR (QEMU 7.2 leaves it 0 too),
// enabled-exception program interrupts (MSR[FE0,FE1], which Linux leaves 0), a single-precision
// result's double rounding (double first, then single), and fres/frsqrte's estimates (they
// return the exact value).

import * as X from "./fp-exact.ts";

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
// Index of the high (sign/exponent) word of F64 in U32: the host is little-endian on all the
// machines Node runs on, but check rather than assume.
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

// FPSCR bits, IBM numbering bit n = 1 << (31 - n).
export const FX = 0x80000000;
export const FEX = 0x40000000;
export const VX = 0x20000000;
export const OX = 0x10000000;
export const UX = 0x08000000;
export const ZX = 0x04000000;
export const XX = 0x02000000;
export const VXSNAN = 0x01000000;
export const VXISI = 0x00800000;
export const VXIDI = 0x00400000;
export const VXZDZ = 0x00200000;
export const VXIMZ = 0x00100000;
export const VXVC = 0x00080000;
export const FR = 0x00040000; // fraction rounded (never set here, as QEMU 7.2)
export const FI = 0x00020000; // fraction inexact: the last arithmetic result was rounded
const FPRF_SHIFT = 12; // FPRF is bits 15-19: C then FPCC (FL FG FE FU)
const FPRF_MASK = 0x1f << FPRF_SHIFT;
export const VXSOFT = 0x00000400;
export const VXSQRT = 0x00000200;
export const VXCVI = 0x00000100;
const VX_ALL = VXSNAN | VXISI | VXIDI | VXZDZ | VXIMZ | VXVC | VXSOFT | VXSQRT | VXCVI;
const EXCEPTION_BITS = OX | UX | ZX | XX | VX_ALL;

export type FpOp = "add" | "sub" | "mul" | "div";

export class Ppc440Fpu {
  /** FPR i is words [2i] (high: sign, exponent) and [2i + 1]. */
  readonly fpr = new Uint32Array(64);
  fpscr = 0;

  get(i: number): number {
    U32[HI] = this.fpr[2 * i];
    U32[LO] = this.fpr[2 * i + 1];
    return F64[0];
  }

  /** Writes a double result and sets FPRF from it (the arithmetic instructions). */
  setResult(i: number, v: number): void {
    F64[0] = v;
    this.fpr[2 * i] = U32[HI];
    this.fpr[2 * i + 1] = U32[LO];
    this.fpscr = (this.fpscr & ~FPRF_MASK) | (fprf(v) << FPRF_SHIFT);
  }

  setRaw(i: number, hi: number, lo: number): void {
    this.fpr[2 * i] = hi;
    this.fpr[2 * i + 1] = lo;
  }

  isSnan(i: number): boolean {
    const hi = this.fpr[2 * i];
    return (hi & 0x7ff00000) === 0x7ff00000 && (hi & 0x00080000) === 0 && ((hi & 0xfffff) | this.fpr[2 * i + 1]) !== 0;
  }

  /** Sets sticky exception bits and recomputes the summaries FX (on a new bit), VX and FEX. */
  raise(bits: number): void {
    const added = bits & ~this.fpscr;
    this.fpscr |= bits;
    if (added) this.fpscr |= FX;
    this.summarize();
  }

  /** VX is the OR of the invalid-operation bits; FEX of the exceptions whose enable is set. */
  summarize(): void {
    let s = this.fpscr & ~(VX | FEX);
    if (s & VX_ALL) s |= VX;
    // Enables VE OE UE ZE XE are bits 24-28 (0x80..0x08); OX UX ZX XX shifted right by 22 line
    // up with OE UE ZE XE.
    if ((s & VX && s & 0x80) || (s >>> 22) & s & 0x78) s |= FEX;
    this.fpscr = s >>> 0;
  }

  /** The FPSCR exception summary CR1 receives from a record (Rc=1) form: FX FEX VX OX. */
  cr1(): number {
    return this.fpscr >>> 28;
  }

  /** fadd/fsub/fmul/fdiv and their single forms (for fmul, `b` is FRC). */
  arith(op: FpOp, t: number, a: number, b: number, single: boolean): void {
    const x = this.get(a);
    const y = this.get(b);
    let bits = this.isSnan(a) || this.isSnan(b) ? VXSNAN : 0;
    let r: number;
    let exactValue: (() => X.Exact) | undefined;
    switch (op) {
      case "add":
        r = x + y;
        if (isInf(x) && isInf(y) && x !== y) bits |= VXISI;
        exactValue = () => X.add(X.exact(x), X.exact(y));
        break;
      case "sub":
        r = x - y;
        if (isInf(x) && isInf(y) && x === y) bits |= VXISI;
        exactValue = () => X.add(X.exact(x), X.neg(X.exact(y)));
        break;
      case "mul":
        r = x * y;
        if ((isInf(x) && y === 0) || (x === 0 && isInf(y))) bits |= VXIMZ;
        exactValue = () => X.mul(X.exact(x), X.exact(y));
        break;
      case "div":
        r = x / y;
        if (isInf(x) && isInf(y)) bits |= VXIDI;
        else if (x === 0 && y === 0) bits |= VXZDZ;
        else if (y === 0 && !Number.isNaN(x)) bits |= ZX;
        break;
    }
    // Division is exact when r * y gives x back exactly.
    const isExact = (v: number) =>
      op === "div" ? X.same(X.mul(X.exact(v), X.exact(y)), X.exact(x)) : X.same(X.exact(v), exactValue!());
    this.finish(t, r, [a, b], bits, single, isExact);
  }

  /** fmadd family: ±(a*c ± b), rounded once (computed exactly, then rounded). */
  madd(t: number, a: number, c: number, b: number, subtract: boolean, negate: boolean, single: boolean): void {
    const x = this.get(a);
    const z = this.get(c);
    const y = this.get(b);
    let bits = this.isSnan(a) || this.isSnan(b) || this.isSnan(c) ? VXSNAN : 0;
    const yy = subtract ? -y : y;
    const p = x * z;
    if ((isInf(x) && z === 0) || (x === 0 && isInf(z))) bits |= VXIMZ;
    else if (isInf(p) && isInf(yy) && p !== yy) bits |= VXISI;
    let r: number;
    let sum: X.Exact | undefined;
    if (Number.isFinite(x) && Number.isFinite(z) && Number.isFinite(y)) {
      sum = X.add(X.mul(X.exact(x), X.exact(z)), X.exact(yy));
      // An exact zero takes its sign from the unrounded operation, as the JS sum gives it.
      r = sum.m === 0n ? p + yy : X.toDouble(sum);
    } else r = p + yy;
    if (negate && !Number.isNaN(r)) r = -r;
    const exactSum = sum;
    this.finish(t, r, [a, b, c], bits, single, (v) =>
      exactSum === undefined ? true : X.same(X.exact(negate ? -v : v), exactSum),
    );
  }

  fsqrt(t: number, b: number, single: boolean): void {
    const y = this.get(b);
    let bits = this.isSnan(b) ? VXSNAN : 0;
    if (y < 0) bits |= VXSQRT;
    this.finish(t, Math.sqrt(y), [b], bits, single, (v) => X.same(X.mul(X.exact(v), X.exact(v)), X.exact(y)));
  }

  /** Common tail of the arithmetic: NaN propagation (the first NaN operand, quieted, else the
   *  default QNaN on an invalid operation), rounding to single, then OX/UX/XX and FI from
   *  whether the rounded result is exact (FR is left 0, as QEMU 7.2 leaves it), and FPRF. */
  private finish(
    t: number,
    r: number,
    operands: number[],
    bits: number,
    single: boolean,
    isExact: (v: number) => boolean,
  ): void {
    const nanFrom = operands.find((i) => Number.isNaN(this.get(i)));
    this.fpscr &= ~(FR | FI);
    if (bits & VX_ALL && (this.fpscr >>> 7) & 1) {
      // VE=1: the target is left unchanged (the program interrupt itself is not modelled).
      this.raise(bits);
      return;
    }
    if (nanFrom !== undefined) {
      const hi = this.fpr[2 * nanFrom] | 0x00080000;
      const lo = this.fpr[2 * nanFrom + 1];
      this.setRaw(t, hi >>> 0, single ? lo & 0xe0000000 : lo); // a single keeps 23 fraction bits
      this.fpscr = (this.fpscr & ~FPRF_MASK) | (0x11 << FPRF_SHIFT);
      if (bits) this.raise(bits);
      return;
    }
    if (Number.isNaN(r)) {
      this.setResult(t, NaN); // the default QNaN 0x7ff8000000000000
      this.raise(bits);
      return;
    }
    const d = r;
    if (single) r = Math.fround(r);
    if (Number.isFinite(r)) {
      const inexact = (Number.isFinite(d) && !isExact(d)) || r !== d;
      if (inexact) {
        bits |= XX;
        this.fpscr |= FI;
      }
      const tiny = r !== 0 && Math.abs(r) < (single ? 1.1754943508222875e-38 : 2.2250738585072014e-308);
      if (tiny && inexact) bits |= UX;
    } else if (!(bits & ZX) && operands.every((i) => Number.isFinite(this.get(i)))) {
      bits |= OX | XX; // overflow: the infinity is an inexact result
      this.fpscr |= FI;
    }
    this.setResult(t, r);
    if (bits) this.raise(bits);
  }

  /** frsp */
  frsp(t: number, b: number): void {
    this.finish(t, this.get(b), [b], this.isSnan(b) ? VXSNAN : 0, true, () => true);
  }

  /** fctiw (round to nearest even, the only mode modelled) and fctiwz (toward zero). As QEMU
   *  7.2: a valid result leaves FPRF alone and is sign-extended into the high word; an invalid
   *  one (NaN, out of range) sets VXCVI and FPRF to "quiet NaN", and a NaN gives 0x80000000
   *  with a zero high word. */
  fctiw(t: number, b: number, towardZero: boolean): void {
    const y = this.get(b);
    this.fpscr &= ~(FR | FI);
    if (Number.isNaN(y)) {
      this.invalidConversion(t, 0, 0x80000000, VXCVI | (this.isSnan(b) ? VXSNAN : 0));
      return;
    }
    const i = towardZero ? Math.trunc(y) : roundHalfEven(y);
    if (i > 0x7fffffff) return this.invalidConversion(t, 0, 0x7fffffff, VXCVI);
    if (i < -0x80000000) return this.invalidConversion(t, 0xffffffff, 0x80000000, VXCVI);
    this.setRaw(t, i < 0 ? 0xffffffff : 0, i >>> 0);
    if (i !== y) {
      this.fpscr |= FI;
      this.raise(XX);
    }
  }

  private invalidConversion(t: number, hi: number, lo: number, bits: number): void {
    if (!((this.fpscr >>> 7) & 1)) {
      this.setRaw(t, hi, lo);
      this.fpscr = (this.fpscr & ~FPRF_MASK) | (0x11 << FPRF_SHIFT);
    }
    this.raise(bits);
  }

  /** fcmpu / fcmpo: the 4-bit result (FL FG FE FU), also FPCC; sets the invalid bits. */
  compare(a: number, b: number, ordered: boolean): number {
    const x = this.get(a);
    const y = this.get(b);
    const c = Number.isNaN(x) || Number.isNaN(y) ? 1 : x < y ? 8 : x > y ? 4 : 2;
    this.fpscr = (this.fpscr & ~(0xf << FPRF_SHIFT)) | (c << FPRF_SHIFT);
    const snan = this.isSnan(a) || this.isSnan(b);
    let bits = snan ? VXSNAN : 0;
    // fcmpo: a quiet NaN (or an SNaN with VE=0) is also an invalid compare.
    if (ordered && c === 1 && (!snan || !((this.fpscr >>> 7) & 1))) bits |= VXVC;
    if (bits) this.raise(bits);
    return c;
  }

  /** mtfsf: fields whose FLM bit is set take FRB's low word; FEX and VX stay computed. */
  mtfsf(flm: number, b: number): void {
    const v = this.fpr[2 * b + 1];
    let mask = 0;
    for (let i = 0; i < 8; i++) if (flm & (0x80 >>> i)) mask |= 0xf0000000 >>> (4 * i);
    this.fpscr = ((this.fpscr & ~mask) | (v & mask)) >>> 0;
    this.summarize();
  }

  /** mtfsfi: field bf = imm. */
  mtfsfi(bf: number, imm: number): void {
    const sh = 28 - 4 * bf;
    this.fpscr = ((this.fpscr & ~(0xf << sh)) | (imm << sh)) >>> 0;
    this.summarize();
  }

  /** mtfsb0 / mtfsb1. FEX and VX cannot be set or cleared directly; setting an exception bit
   *  also sets FX (Book I, FPSCR: "mtfsb1 can alter FX explicitly"; QEMU 7.2 does not). */
  mtfsb(bit: number, one: boolean): void {
    const m = (0x80000000 >>> bit) >>> 0;
    if (m === FEX || m === VX) return;
    if (one) {
      if (!(this.fpscr & m) && m & EXCEPTION_BITS) this.fpscr |= FX;
      this.fpscr = (this.fpscr | m) >>> 0;
    } else this.fpscr = (this.fpscr & ~m) >>> 0;
    this.summarize();
  }

  /** mcrfs: copies FPSCR field bfa and clears its exception bits (all but FEX, VX and FPRF). */
  mcrfs(bfa: number): number {
    const sh = 28 - 4 * bfa;
    const f = (this.fpscr >>> sh) & 0xf;
    const clearable = (FX | EXCEPTION_BITS) & (0xf << sh);
    this.fpscr = (this.fpscr & ~clearable) >>> 0;
    this.summarize();
    return f;
  }
}

function isInf(v: number): boolean {
  return v === Infinity || v === -Infinity;
}

function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** FPRF (C FL FG FE FU) of a result: the class and sign encodings of Book I table 4-2. */
export function fprf(v: number): number {
  if (Number.isNaN(v)) return 0x11;
  const neg = v < 0 || Object.is(v, -0);
  if (v === 0) return neg ? 0x12 : 0x02;
  if (isInf(v)) return neg ? 0x09 : 0x05;
  const denormal = Math.abs(v) < 2.2250738585072014e-308;
  if (denormal) return neg ? 0x18 : 0x14;
  return neg ? 0x08 : 0x04;
}

/** stfs: the single-precision bits of FPR words (hi, lo). Infinities and NaNs keep their
 *  payload's top bits, as the architecture's bit-selecting store does; numbers round to nearest. */
export function toSingleBits(hi: number, lo: number): number {
  if ((hi & 0x7ff00000) === 0x7ff00000)
    return ((hi & 0x80000000) | 0x7f800000 | ((hi & 0xfffff) << 3) | (lo >>> 29)) >>> 0;
  U32[HI] = hi;
  U32[LO] = lo;
  SINGLE[0] = F64[0];
  return SINGLE_U32[0];
}

/** lfs: single-precision bits → FPR words [hi, lo], bit-exact for NaNs (an SNaN stays one). */
export function fromSingleBits(w: number): [number, number] {
  const sign = w & 0x80000000;
  const exp = (w >>> 23) & 0xff;
  const frac = w & 0x7fffff;
  if (exp === 0xff) return [(sign | 0x7ff00000 | (frac >>> 3)) >>> 0, (frac << 29) >>> 0];
  if (exp !== 0) return [(sign | ((exp - 127 + 1023) << 20) | (frac >>> 3)) >>> 0, (frac << 29) >>> 0];
  // Zero or a denormal single: exact through the host's conversion.
  SINGLE_U32[0] = w;
  F64[0] = SINGLE[0];
  return [U32[HI], U32[LO]];
}

const SINGLE = new Float32Array(1);
const SINGLE_U32 = new Uint32Array(SINGLE.buffer);

// The 440's floating-point unit (PowerPC Book I chapter 4, the classic FPU; PPC440x5 core manual
// chapter "Floating-point"): 32 64-bit FPRs and the FPSCR, with the arithmetic the machine's FP
// instructions need. The machine (machine.ts) decodes, reaches memory and writes CR1; this module
// holds the state and computes.
//
// FPRs are kept as raw bits (two 32-bit words each) so that loads, stores and moves preserve
// every pattern, NaN payloads included; operands are classified as JS doubles, results come
// from exact values.
//
// What is modelled: each arithmetic result computed exactly (fp-exact.ts, core/softfloat.ts) and
// rounded once to its target precision in the FPSCR[RN] mode, single forms straight to single;
// NaN propagation (the first NaN operand in A, B, C order, quieted; else the default QNaN),
// FPRF, FPCC for compares, the exception bits (VXSNAN, VXISI, VXIDI, VXZDZ, VXIMZ, VXVC, VXSQRT,
// VXCVI, ZX, OX, UX when tiny before rounding and inexact, XX) with FX (only on a 0 → 1
// change, Book I), VX and FEX, and FI and FR; fctiw's results as QEMU 7.2 gives them; fres and
// frsqrte as QEMU's estimates, within the manual's bounds. Checked against QEMU by the oracle
// (test/oracle/) and test/guests/ppc/fpu, against Book I where QEMU deviates. Not modelled:
// enabled-exception program interrupts (MSR[FE0,FE1], which Linux leaves 0) and NI.

import * as SF from "../core/softfloat.ts";
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
export const FR = 0x00040000; // fraction rounded: the last rounding incremented the fraction
export const FI = 0x00020000; // fraction inexact: the last arithmetic result was rounded
const FPRF_SHIFT = 12; // FPRF is bits 15-19: C then FPCC (FL FG FE FU)
const FPRF_MASK = 0x1f << FPRF_SHIFT;
/** Bit 20 is reserved (Book I, PPC440x5 manual): the moves into the FPSCR leave it 0, as QEMU 7.2
 *  does. */
const RESERVED = 0x00000800;
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

  /** FPSCR[RN]: 0 nearest, 1 toward zero, 2 toward +infinity, 3 toward -infinity. */
  private rn(): number {
    return this.fpscr & 3;
  }

  /** fadd/fsub/fmul/fdiv and their single forms (for fmul, `b` is FRC). */
  arith(op: FpOp, t: number, a: number, b: number, single: boolean): void {
    const snan = this.isSnan(a) || this.isSnan(b);
    this.binary(op, t, this.get(a), this.get(b), [a, b], snan, single);
  }

  /** x op y into FRT: the invalid-operation checks, then the exact result rounded once in the
   *  current mode (`operands` are the FPRs read, for NaN propagation). */
  private binary(
    op: FpOp,
    t: number,
    x: number,
    y: number,
    operands: number[],
    snan: boolean,
    single: boolean,
    inexactBefore = false,
  ): void {
    let bits = snan ? VXSNAN : 0;
    const finite = Number.isFinite(x) && Number.isFinite(y);
    let r: number;
    let ex: Signed | undefined;
    switch (op) {
      case "add":
      case "sub": {
        const yy = op === "sub" ? -y : y;
        r = x + yy;
        if (isInf(x) && isInf(yy) && x !== yy) bits |= VXISI;
        if (finite) {
          const s = X.add(X.exact(x), X.exact(yy));
          if (s.m === 0n) r = this.zeroSum(x, yy);
          else ex = signed(s);
        }
        break;
      }
      case "mul":
        r = x * y;
        if ((isInf(x) && y === 0) || (x === 0 && isInf(y))) bits |= VXIMZ;
        if (finite && x !== 0 && y !== 0) ex = signed(X.mul(X.exact(x), X.exact(y)));
        break;
      case "div":
        r = x / y;
        if (isInf(x) && isInf(y)) bits |= VXIDI;
        else if (x === 0 && y === 0) bits |= VXZDZ;
        // ZX only for a finite nonzero dividend (Book I): ±infinity / 0 is an exact ±infinity
        else if (y === 0 && Number.isFinite(x)) bits |= ZX;
        if (finite && x !== 0 && y !== 0) {
          const a = X.exact(x);
          const b = X.exact(y);
          const abs = (m: bigint) => (m < 0n ? -m : m);
          ex = { neg: x < 0 !== y < 0, mag: SF.quotient(abs(a.m), a.e, abs(b.m), b.e, 53) };
        }
        break;
    }
    this.finish(t, r, operands, bits, single, ex, inexactBefore);
  }

  /** The sign of an exact zero sum: that of two zeros of the same sign, else +0, or -0 when
   *  rounding toward -infinity (IEEE 754 6.3). */
  private zeroSum(x: number, y: number): number {
    if (x === 0 && y === 0 && Object.is(x, y)) return x;
    return this.rn() === SF.RM ? -0 : 0;
  }

  /** fmadd family: ±(a*c ± b), computed exactly and rounded once. */
  madd(t: number, a: number, c: number, b: number, subtract: boolean, negate: boolean, single: boolean): void {
    const x = this.get(a);
    const z = this.get(c);
    const y = this.get(b);
    let bits = this.isSnan(a) || this.isSnan(b) || this.isSnan(c) ? VXSNAN : 0;
    const yy = subtract ? -y : y;
    const p = x * z;
    if ((isInf(x) && z === 0) || (x === 0 && isInf(z))) bits |= VXIMZ;
    // An infinite product comes only from an infinite factor (a finite one is exact here).
    else if ((isInf(x) || isInf(z)) && isInf(p) && isInf(yy) && p !== yy) bits |= VXISI;
    let r = 0;
    let ex: Signed | undefined;
    if (Number.isFinite(x) && Number.isFinite(z) && Number.isFinite(y)) {
      const s = X.add(X.mul(X.exact(x), X.exact(z)), X.exact(yy));
      // p is an exact zero exactly when the product is, with the product's sign.
      if (s.m === 0n) r = this.zeroSum(p === 0 ? p : 1, yy);
      else ex = signed(s);
    } else if (Number.isFinite(x) && Number.isFinite(z)) r = yy;
    else r = p + yy;
    // The negative forms negate the rounded result (zeros included, NaNs not).
    if (negate) {
      if (ex) ex.neg = !ex.neg;
      else if (!Number.isNaN(r)) r = -r;
    }
    this.finish(t, r, [a, b, c], bits, single, ex);
  }

  fsqrt(t: number, b: number, single: boolean): void {
    const y = this.get(b);
    let bits = this.isSnan(b) ? VXSNAN : 0;
    if (y < 0) bits |= VXSQRT;
    let ex: Signed | undefined;
    if (y > 0 && Number.isFinite(y)) ex = { neg: false, mag: sqrtOf(y) };
    this.finish(t, Math.sqrt(y), [b], bits, single, ex);
  }

  /** fres: the reciprocal estimate. Book I and the PPC440x5 manual ask for an estimate within
   *  1/256 of 1/FRB, with FR, FI and XX undefined; the 440's own estimate table is not
   *  published, so this gives what QEMU 7.2 gives: 1/FRB rounded once to single in the current
   *  mode, with that division's flags (an estimate that is also exact where 1/x is). */
  fres(t: number, b: number): void {
    this.binary("div", t, 1, this.get(b), [b], this.isSnan(b), true);
    this.fpscr &= ~FR; // undefined for an estimate: left 0, as QEMU 7.2
  }

  /** frsqrte: the reciprocal square root estimate (Book I: within 1/32, FR, FI and XX
   *  undefined), computed as QEMU 7.2 does: √FRB rounded to double, then 1 / that rounded to
   *  double, the flags of both steps together. √-0 = -0, so frsqrte(-0) = -infinity with ZX. */
  frsqrte(t: number, b: number): void {
    const y = this.get(b);
    if (y < 0) return this.finish(t, NaN, [b], VXSQRT, false); // -infinity too
    if (!(y > 0 && Number.isFinite(y))) {
      // NaN (propagated), ±0 (±infinity, ZX), +infinity (+0): no rounding involved.
      this.binary("div", t, 1, Math.sqrt(y), [b], this.isSnan(b), false);
      return;
    }
    const s = SF.round(SF.BINARY64, false, ...magArgs(sqrtOf(y)), this.rn(), true);
    this.binary("div", t, 1, fromBits64(s.bits), [b], false, false, s.inexact);
    this.fpscr &= ~FR; // undefined for an estimate: left 0, as QEMU 7.2
  }

  /** Common tail of the arithmetic: NaN propagation (the first NaN operand, quieted, else the
   *  default QNaN on an invalid operation), then the exact result `ex` rounded once to the
   *  target precision in FPSCR[RN] (r is the result when it needs no rounding: a zero, an
   *  infinity), OX/UX/XX, FI and FR from the rounding (tininess before rounding, as Book I
   *  defines underflow; FR when the fraction was incremented, which QEMU 7.2 never sets:
   *  qemu-deviations.md PowerPC 15), and FPRF. */
  private finish(
    t: number,
    r: number,
    operands: number[],
    bits: number,
    single: boolean,
    ex?: Signed,
    inexactBefore = false,
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
    let inexact = inexactBefore;
    if (ex) {
      const q = SF.round(single ? SF.BINARY32 : SF.BINARY64, ex.neg, ...magArgs(ex.mag), this.rn(), true);
      inexact ||= q.inexact;
      if (q.underflow) bits |= UX;
      if (q.overflow) bits |= OX;
      // (an overflow's infinity or largest number is not a rounded fraction: FR stays 0)
      if (q.incremented && !q.overflow) this.fpscr |= FR;
      r = single ? singleValue(Number(q.bits)) : fromBits64(q.bits);
    }
    if (inexact) {
      bits |= XX;
      this.fpscr |= FI;
    }
    this.setResult(t, r);
    if (bits) this.raise(bits);
  }

  /** frsp: FRB rounded to single in the current mode. */
  frsp(t: number, b: number): void {
    const y = this.get(b);
    const ex = Number.isFinite(y) && y !== 0 ? signed(X.exact(y)) : undefined;
    this.finish(t, y, [b], this.isSnan(b) ? VXSNAN : 0, true, ex);
  }

  /** fctiw (FPSCR[RN]) and fctiwz (toward zero). As QEMU 7.2: a valid result leaves FPRF
   *  alone and is sign-extended into the high word; an invalid one (NaN, out of range) sets
   *  VXCVI and FPRF to "quiet NaN", and a NaN gives 0x80000000 with a zero high word. */
  fctiw(t: number, b: number, towardZero: boolean): void {
    const y = this.get(b);
    this.fpscr &= ~(FR | FI);
    if (Number.isNaN(y)) {
      this.invalidConversion(t, 0, 0x80000000, VXCVI | (this.isSnan(b) ? VXSNAN : 0));
      return;
    }
    const rm = towardZero ? SF.RZ : this.rn();
    const i =
      rm === SF.RN ? roundHalfEven(y) : rm === SF.RZ ? Math.trunc(y) : rm === SF.RP ? Math.ceil(y) : Math.floor(y);
    if (i > 0x7fffffff) return this.invalidConversion(t, 0, 0x7fffffff, VXCVI);
    if (i < -0x80000000) return this.invalidConversion(t, 0xffffffff, 0x80000000, VXCVI);
    this.setRaw(t, i < 0 ? 0xffffffff : 0, i >>> 0);
    if (i !== y) {
      this.fpscr |= Math.abs(i) > Math.abs(y) ? FI | FR : FI;
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
    this.fpscr = ((this.fpscr & ~mask) | (v & mask & ~RESERVED)) >>> 0;
    this.summarize();
  }

  /** mtfsfi: field bf = imm. */
  mtfsfi(bf: number, imm: number): void {
    const sh = 28 - 4 * bf;
    this.fpscr = ((this.fpscr & ~(0xf << sh)) | ((imm << sh) & ~RESERVED)) >>> 0;
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

/** An exact result: its sign and magnitude. */
interface Signed {
  neg: boolean;
  mag: SF.Magnitude;
}

function signed(x: X.Exact): Signed {
  const neg = x.m < 0n;
  return { neg, mag: { m: neg ? -x.m : x.m, e: x.e, sticky: false } };
}

function sqrtOf(y: number): SF.Magnitude {
  const x = X.exact(y);
  return SF.squareRoot(x.m, x.e, 53);
}

function magArgs(m: SF.Magnitude): [bigint, number, boolean] {
  return [m.m, m.e, m.sticky];
}

function fromBits64(b: bigint): number {
  U32[HI] = Number(b >> 32n);
  U32[LO] = Number(b & 0xffffffffn);
  return F64[0];
}

/** The double value of single-precision bits (exact). */
function singleValue(w: number): number {
  SINGLE_U32[0] = w;
  return SINGLE[0];
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

/** stfs: the single-precision word Book I's store conversion gives for FPR words (hi, lo). It
 *  selects bits rather than rounding: for an exponent above single's denormal range (numbers,
 *  infinities, NaNs, and doubles beyond single range too) WORD = FRS[0:1] || FRS[5:34];
 *  for one in it (874-896) the significand is shifted right and truncated into a single
 *  denormal; a zero keeps its sign. Below that the result is undefined: a signed zero here,
 *  as QEMU 7.2 stores it. */
export function toSingleBits(hi: number, lo: number): number {
  const exp = (hi >>> 20) & 0x7ff;
  if (exp > 896) return ((hi & 0xc0000000) | ((hi & 0x07ffffff) << 3) | (lo >>> 29)) >>> 0;
  const sign = hi & 0x80000000;
  if (exp < 874) return sign >>> 0;
  const frac = (1n << 52n) | (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  return (sign | Number((frac >> BigInt(-126 - (exp - 1023) + 29)) & 0x7fffffn)) >>> 0;
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

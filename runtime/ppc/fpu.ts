// The 440's floating-point unit (PowerPC Book I chapter 4, the classic FPU; PPC440x5 core manual
// chapter "Floating-point"): 32 64-bit FPRs and the FPSCR, with the arithmetic the machine's FP
// instructions need. The machine (machine.ts) decodes, reaches memory and writes CR1; this module
// holds the state and computes.
//
// FPRs are kept as raw bits (two 32-bit words each) so that loads, stores and moves preserve
// every pattern, NaN payloads included; arithmetic goes through a JS double.
//
// What is modelled: IEEE double results in round-to-nearest (JS arithmetic), single precision
// by Math.fround, FPRF (result class and sign) and FPCC for compares, the sticky exception bits
// the Linux kernel and glibc look at (VXSNAN, VXISI, VXIDI, VXZDZ, VXIMZ, VXVC, VXSQRT, VXCVI,
// ZX, OX, UX, XX) with FX, VX and FEX. Not modelled: the rounding modes other than
// round-to-nearest (RN is only kept in the FPSCR), fused multiply-add without the intermediate
// rounding (a*c+b is computed in two roundings), FR/FI, enabled-exception program interrupts
// (MSR[FE0,FE1], which Linux leaves 0), and denormal-input corner cases beyond what the host does.

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
const FPRF_SHIFT = 12; // FPRF is bits 15-19: C then FPCC (FL FG FE FU)
const FPRF_MASK = 0x1f << FPRF_SHIFT;
export const VXSOFT = 0x00000400;
export const VXSQRT = 0x00000200;
export const VXCVI = 0x00000100;
const VX_ALL = VXSNAN | VXISI | VXIDI | VXZDZ | VXIMZ | VXVC | VXSOFT | VXSQRT | VXCVI;

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

  /** fadd/fsub/fmul/fdiv (and their single forms through `single`): result, FPRF, exceptions. */
  arith(op: FpOp, t: number, a: number, b: number, single: boolean): void {
    const x = this.get(a);
    const y = this.get(b);
    let bits = 0;
    if (this.isSnan(a) || this.isSnan(b)) bits |= VXSNAN;
    let r: number;
    switch (op) {
      case "add":
        r = x + y;
        if (isInf(x) && isInf(y) && Math.sign(x) !== Math.sign(y)) bits |= VXISI;
        break;
      case "sub":
        r = x - y;
        if (isInf(x) && isInf(y) && Math.sign(x) === Math.sign(y)) bits |= VXISI;
        break;
      case "mul":
        r = x * y;
        if ((isInf(x) && y === 0) || (x === 0 && isInf(y))) bits |= VXIMZ;
        break;
      case "div":
        r = x / y;
        if (isInf(x) && isInf(y)) bits |= VXIDI;
        else if (x === 0 && y === 0) bits |= VXZDZ;
        else if (y === 0 && !Number.isNaN(x)) bits |= ZX;
        break;
    }
    this.finish(t, r, x, y, bits, single);
  }

  /** fmadd family: ±(a*c ± b), two roundings (see the header). */
  madd(t: number, a: number, c: number, b: number, subtract: boolean, negate: boolean, single: boolean): void {
    const x = this.get(a);
    const z = this.get(c);
    const y = this.get(b);
    let bits = 0;
    if (this.isSnan(a) || this.isSnan(b) || this.isSnan(c)) bits |= VXSNAN;
    const p = x * z;
    if ((isInf(x) && z === 0) || (x === 0 && isInf(z))) bits |= VXIMZ;
    const yy = subtract ? -y : y;
    if (isInf(p) && isInf(yy) && Math.sign(p) !== Math.sign(yy)) bits |= VXISI;
    let r = p + yy;
    if (negate && !Number.isNaN(r)) r = -r;
    this.finish(t, r, x, y, bits, single);
  }

  fsqrt(t: number, b: number, single: boolean): void {
    const y = this.get(b);
    let bits = this.isSnan(b) ? VXSNAN : 0;
    if (y < 0) bits |= VXSQRT;
    this.finish(t, Math.sqrt(y), y, y, bits, single);
  }

  /** Rounds to single when asked, then records overflow/underflow/inexact the host can see. */
  private finish(t: number, r: number, x: number, y: number, bits: number, single: boolean): void {
    const exact = r;
    if (single) r = Math.fround(r);
    if (Number.isFinite(x) && Number.isFinite(y) && !Number.isFinite(r) && !Number.isNaN(r) && !(bits & ZX))
      bits |= OX | XX;
    if (single && r !== exact && Number.isFinite(exact)) bits |= XX;
    if (r !== 0 && Number.isFinite(r) && Math.abs(r) < (single ? 1.1754943508222875e-38 : 2.2250738585072014e-308))
      bits |= UX;
    if (bits & VX_ALL && (this.fpscr >>> 7) & 1) {
      // VE=1: the target is left unchanged (the program interrupt itself is not modelled).
      this.raise(bits);
      return;
    }
    if (Number.isNaN(r)) r = NaN; // the default quiet NaN 0x7ff8000000000000
    this.setResult(t, r);
    if (bits) this.raise(bits);
  }

  /** frsp */
  frsp(t: number, b: number): void {
    const y = this.get(b);
    const r = Math.fround(y);
    let bits = this.isSnan(b) ? VXSNAN : 0;
    if (r !== y && !Number.isNaN(y)) bits |= XX;
    if (Number.isFinite(y) && !Number.isFinite(r)) bits |= OX;
    this.setResult(t, r);
    if (bits) this.raise(bits);
  }

  /** fctiw (round to nearest even, the only mode modelled) and fctiwz (toward zero). */
  fctiw(t: number, b: number, towardZero: boolean): void {
    const y = this.get(b);
    let r: number;
    let bits = 0;
    if (Number.isNaN(y)) {
      r = 0x80000000 | 0;
      bits |= VXCVI | (this.isSnan(b) ? VXSNAN : 0);
    } else {
      const i = towardZero ? Math.trunc(y) : roundHalfEven(y);
      if (i > 0x7fffffff) (r = 0x7fffffff), (bits |= VXCVI);
      else if (i < -0x80000000) (r = 0x80000000 | 0), (bits |= VXCVI);
      else {
        r = i | 0;
        if (i !== y) bits |= XX;
      }
    }
    // The high word is undefined in the architecture; QEMU 7.2 sign-extends the integer.
    this.setRaw(t, r < 0 ? 0xffffffff : 0, r >>> 0);
    this.fpscr &= ~FPRF_MASK; // FPRF is undefined after fctiw; QEMU clears it
    if (bits) this.raise(bits);
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

  /** mtfsb0 / mtfsb1 (FEX and VX cannot be set or cleared directly). */
  mtfsb(bit: number, one: boolean): void {
    const m = (0x80000000 >>> bit) >>> 0;
    if (one) {
      if (!(this.fpscr & m) && m !== FEX && m !== VX) this.fpscr = (this.fpscr | m | FX) >>> 0;
    } else this.fpscr = (this.fpscr & ~m) >>> 0;
    this.summarize();
  }

  /** mcrfs: copies FPSCR field bfa and clears its exception bits (all but FEX, VX and FPRF). */
  mcrfs(bfa: number): number {
    const sh = 28 - 4 * bfa;
    const f = (this.fpscr >>> sh) & 0xf;
    const clearable = (FX | OX | UX | ZX | XX | VX_ALL) & (0xf << sh);
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

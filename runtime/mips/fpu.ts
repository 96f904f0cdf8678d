// The 24Kf's FPU (MIPS32r2 COP1/COP1X) as QEMU 7.2 models it: its state (32 FPRs, FCSR, FIR,
// Status.FR) and every instruction that touches only that state and the GPRs. The machine
// (machine.ts) implements the generated FpuHandlers: it runs loads/stores and bc1 branches itself,
// since they need memory and the delay slot, and calls the methods here with the decoded
// operands for the rest; arithmetic is softfloat.ts.
//
// QEMU's facts followed here (target/mips/cpu-defs.c.inc, fpu_helper.c, translate.c):
// - FIR = 0x00739300: F64, L, W, D, S, ProcessorID 0x93; no PS, no 3D, so every .ps
//   instruction, alnv.ps and the MIPS-3D words are reserved instructions.
// - Status.FR is writable (F64). With FR = 0 a double lives in an even/odd pair (low word in
//   the even register); an odd register in a .d operation is a reserved instruction
//   (check_cp1_registers), and the .l formats need FR = 1 (check_cp1_64bitmode), as do
//   luxc1/suxc1. recip.d/rsqrt.d run with FR = 0 too.
// - FCSR writable bits 0xff83ffff (FCC7-1, FS, FCC0, Cause, Enables, Flags, RM).
// - After each arithmetic instruction Cause = its exceptions; if one is enabled the FP
//   exception is raised and neither the destination nor Flags change, else Flags |= Cause.
//   mov/abs/neg/movcc do not touch Cause (legacy abs/neg are bit operations, no NaN checks).
// - madd/msub/nmadd/nmsub are NOT fused: the product is rounded, then the sum; nmadd/nmsub
//   negate the result, default NaN included.
// - recip is 1/x and rsqrt 1/sqrt(x), each step rounded (QEMU gives exact IEEE results).
// - ctc1 raises the FP exception when a Cause bit is enabled (or E is set) after the write.

import { FCR } from "../../generated/mips32r2/index.ts";
import { D, type Format, S, SoftFloat } from "./softfloat.ts";

/** FIR as QEMU's 24Kf: F64 | L | W | D | S | PRID 0x93. */
export const FIR_24KF = 0x00739300;
/** FCSR bits ctc1 can write (QEMU's CP1_fcr31_rw_bitmask for the 24Kf). */
export const FCSR_RW = 0xff83ffff | 0;
const FCSR_FS = 1 << 24;
const CAUSE_SHIFT = 12;
const ENABLE_SHIFT = 7;
const FLAG_SHIFT = 2;
const CAUSE_E = 0x20;

/** What `exec` asks of the machine. */
export const enum FpResult {
  Done = 0,
  Reserved = 1,
  /** Floating-point exception (ExcCode 15). */
  Fpe = 2,
}

/** The condition-code bit of cc n in FCSR: FCC0 is bit 23, FCC1-7 bits 25-31. */
export function ccBit(n: number): number {
  return n === 0 ? 1 << 23 : 1 << (24 + n);
}

export class MipsFpu {
  /** FPR i: low word at [2i], high word at [2i + 1] (used with FR = 1 only). */
  readonly fpr = new Uint32Array(64);
  fcsr = 0;
  /** Status.FR, kept in step by the hypervisor. */
  fr = false;
  private readonly sf = new SoftFloat();

  reset(): void {
    this.fpr.fill(0);
    this.fcsr = 0;
    this.fr = false;
  }

  cc(n: number): boolean {
    return (this.fcsr & ccBit(n)) !== 0;
  }

  // ---- register file views

  getS(i: number): bigint {
    return BigInt(this.fpr[2 * i]);
  }

  setS(i: number, v: bigint): void {
    // QEMU keeps the upper half of a 64-bit FPR on a 32-bit write.
    this.fpr[2 * i] = Number(v & 0xffffffffn);
  }

  /** Word index of the high half of double register i (FR = 0: the odd register of the pair). */
  hiIndex(i: number): number {
    return this.fr ? 2 * i + 1 : 2 * (i | 1);
  }

  getD(i: number): bigint {
    return (BigInt(this.fpr[this.hiIndex(i)]) << 32n) | BigInt(this.fpr[2 * i]);
  }

  setD(i: number, v: bigint): void {
    this.fpr[2 * i] = Number(v & 0xffffffffn);
    this.fpr[this.hiIndex(i)] = Number(v >> 32n);
  }

  // ---- control registers

  readControl(reg: number): number {
    const f = this.fcsr;
    switch (reg) {
      case FCR.FIR:
        return FIR_24KF;
      case FCR.FCCR:
        return ((f >>> 24) & 0xfe) | ((f >>> 23) & 1);
      case FCR.FEXR:
        return f & 0x0003f07c;
      case FCR.FENR:
        return (f & 0x00000f83) | ((f >>> 22) & 4);
      default:
        // QEMU's helper_cfc1 answers FCSR for every other register.
        return f;
    }
  }

  /** ctc1; returns Fpe when the new FCSR has an enabled (or E) cause. */
  writeControl(reg: number, v: number): FpResult {
    const f = this.fcsr;
    switch (reg) {
      case FCR.FCCR:
        if (v & 0xffffff00) return FpResult.Done; // QEMU ignores the whole write
        this.fcsr = (f & 0x017fffff) | ((v & 0xfe) << 24) | ((v & 1) << 23);
        break;
      case FCR.FEXR:
        // QEMU ignores a FEXR/FENR write only when it sets bits 22-18 (unused in FCSR).
        if (v & 0x007c0000) return FpResult.Done;
        this.fcsr = (f & 0xfffc0f83) | (v & 0x0003f07c);
        break;
      case FCR.FENR:
        if (v & 0x007c0000) return FpResult.Done;
        this.fcsr = (f & 0xfefff07c) | (v & 0x00000f83) | ((v & 4) << 22);
        break;
      case FCR.FCSR:
        this.fcsr = (v & FCSR_RW) | (f & ~FCSR_RW);
        break;
      default:
        return FpResult.Done; // FIR and the rest are read-only
    }
    const cause = (this.fcsr >>> CAUSE_SHIFT) & 0x3f;
    return (((this.fcsr >>> ENABLE_SHIFT) & 0x1f) | CAUSE_E) & cause ? FpResult.Fpe : FpResult.Done;
  }

  // ---- arithmetic bracket: QEMU's update_fcr31

  private begin(): SoftFloat {
    const sf = this.sf;
    sf.rm = this.fcsr & 3;
    sf.ftz = (this.fcsr & FCSR_FS) !== 0;
    sf.flags = 0;
    return sf;
  }

  /** Sets Cause from the operation's flags; true when an enabled one must trap. */
  private end(): boolean {
    const x = this.sf.flags;
    this.fcsr = (this.fcsr & ~(0x3f << CAUSE_SHIFT)) | (x << CAUSE_SHIFT);
    if ((this.fcsr >>> ENABLE_SHIFT) & 0x1f & x) return true;
    this.fcsr |= x << FLAG_SHIFT;
    return false;
  }

  /** A double operand register must be even with FR = 0 (QEMU's check_cp1_registers). */
  private badD(f: Format, regs: number): boolean {
    return f === D && !this.fr && (regs & 1) !== 0;
  }

  private get(f: Format, i: number): bigint {
    return f === S ? this.getS(i) : this.getD(i);
  }

  private set(f: Format, i: number, v: bigint): void {
    if (f === S) this.setS(i, v);
    else this.setD(i, v);
  }

  /** The format of a COP1 fmt field: .s, .d, or null for .ps and the fixed-point ones. */
  private static fmt(fmt: number): Format | null {
    return fmt === 16 ? S : fmt === 17 ? D : null;
  }

  /** add/sub/mul/div.fmt (op 0-3). */
  binary(op: number, fmt: number, ft: number, fs: number, fd: number): FpResult {
    const f = MipsFpu.fmt(fmt);
    if (f === null || this.badD(f, fs | ft | fd)) return FpResult.Reserved;
    const sf = this.begin();
    const a = this.get(f, fs);
    const b = this.get(f, ft);
    const v = op === 2 ? sf.mul(f, a, b) : op === 3 ? sf.div(f, a, b) : sf.add(f, a, b, op === 1);
    return this.result(f, fd, v);
  }

  sqrt(fmt: number, fs: number, fd: number): FpResult {
    const f = MipsFpu.fmt(fmt);
    if (f === null || this.badD(f, fs | fd)) return FpResult.Reserved;
    return this.result(f, fd, this.begin().sqrt(f, this.get(f, fs)));
  }

  /** abs (5), mov (6), neg (7): bit operations that leave Cause alone. */
  signOp(op: number, fmt: number, fs: number, fd: number): FpResult {
    const f = MipsFpu.fmt(fmt);
    if (f === null || this.badD(f, fs | fd)) return FpResult.Reserved;
    const signBit = f === S ? 1n << 31n : 1n << 63n;
    const a = this.get(f, fs);
    this.set(f, fd, op === 6 ? a : op === 5 ? a & ~signBit : a ^ signBit);
    return FpResult.Done;
  }

  /** c.cond.fmt into condition code cc. */
  compare(fmt: number, ft: number, fs: number, cc: number, cond: number): FpResult {
    const f = MipsFpu.fmt(fmt);
    if (f === null || this.badD(f, fs | ft)) return FpResult.Reserved;
    const c = this.begin().compare(f, this.get(f, fs), this.get(f, ft), cond);
    if (this.end()) return FpResult.Fpe;
    const bit = ccBit(cc);
    this.fcsr = c ? this.fcsr | bit : this.fcsr & ~bit;
    return FpResult.Done;
  }

  /** movf.fmt / movt.fmt: move when condition code cc equals `tf`. */
  moveOnCc(fmt: number, cc: number, tf: boolean, fs: number, fd: number): FpResult {
    const f = MipsFpu.fmt(fmt);
    if (f === null || this.badD(f, fs | fd)) return FpResult.Reserved;
    if (this.cc(cc) === tf) this.set(f, fd, this.get(f, fs));
    return FpResult.Done;
  }

  /** movz.fmt / movn.fmt: move when `cond` (the GPR test) holds. */
  moveIf(fmt: number, cond: boolean, fs: number, fd: number): FpResult {
    const f = MipsFpu.fmt(fmt);
    if (f === null || this.badD(f, fs | fd)) return FpResult.Reserved;
    if (cond) this.set(f, fd, this.get(f, fs));
    return FpResult.Done;
  }

  /** recip.fmt, or rsqrt.fmt when `root`. */
  reciprocal(fmt: number, fs: number, fd: number, root: boolean): FpResult {
    const f = MipsFpu.fmt(fmt);
    // QEMU checks only the register pairs here (recip.d runs with FR = 0).
    if (f === null || this.badD(f, fs | fd)) return FpResult.Reserved;
    const sf = this.begin();
    const one = f === S ? 0x3f800000n : 0x3ff0000000000000n;
    const a = this.get(f, fs);
    return this.result(f, fd, sf.div(f, one, root ? sf.sqrt(f, a) : a));
  }

  /** cvt.s.fmt (from .d, .w or .l). */
  cvtS(fmt: number, fs: number, fd: number): FpResult {
    if (fmt === 20 || fmt === 21) return this.fromFixed(S, fmt === 21, fs, fd);
    if (fmt !== 17 || this.badD(D, fs)) return FpResult.Reserved;
    return this.result(S, fd, this.begin().convert(S, D, this.getD(fs)));
  }

  /** cvt.d.fmt (from .s, .w or .l). */
  cvtD(fmt: number, fs: number, fd: number): FpResult {
    if (fmt === 20 || fmt === 21) return this.fromFixed(D, fmt === 21, fs, fd);
    if (fmt !== 16 || this.badD(D, fd)) return FpResult.Reserved;
    return this.result(D, fd, this.begin().convert(D, S, this.getS(fs)));
  }

  /** Finishes an arithmetic instruction: Cause/Flags, then the write unless it traps. */
  private result(f: Format, fd: number, v: bigint): FpResult {
    if (this.end()) return FpResult.Fpe;
    this.set(f, fd, v);
    return FpResult.Done;
  }

  /**
   * round/trunc/ceil/floor/cvt to .w or .l (`long`) with rounding mode `rm` (RN, RZ, RP, RM as
   * FCSR.RM numbers them; cvt passes FCSR's own).
   */
  toFixed(fmt: number, fs: number, fd: number, long: boolean, rm: number): FpResult {
    const f = MipsFpu.fmt(fmt);
    if (f === null || (long && !this.fr)) return FpResult.Reserved;
    if (this.badD(f, fs)) return FpResult.Reserved;
    const v = this.begin().toInt(f, this.get(f, fs), long ? 64 : 32, rm);
    if (this.end()) return FpResult.Fpe;
    if (long) this.setD(fd, v);
    else this.setS(fd, v);
    return FpResult.Done;
  }

  /** cvt.s.w, cvt.d.w, cvt.s.l, cvt.d.l. */
  private fromFixed(to: Format, long: boolean, fs: number, fd: number): FpResult {
    if (long && !this.fr) return FpResult.Reserved;
    if (this.badD(to, fd)) return FpResult.Reserved;
    const v = long ? this.getD(fs) : this.getS(fs);
    return this.result(to, fd, this.begin().fromInt(to, v, long ? 64 : 32));
  }

  /**
   * COP1X madd (4), msub (5), nmadd (6), nmsub (7) in format fmt3 (0 .s, 1 .d, 6 .ps): the
   * product rounded, then the sum; the n forms negate the result.
   */
  multiplyAdd(
    kind: number,
    fmt3: number,
    fr: number,
    ft: number,
    fs: number,
    fd: number,
  ): FpResult {
    if (fmt3 > 1) return FpResult.Reserved; // .ps
    const f = fmt3 === 0 ? S : D;
    if (this.badD(f, fr | ft | fs | fd)) return FpResult.Reserved;
    const sf = this.begin();
    const prod = sf.mul(f, this.get(f, fs), this.get(f, ft));
    let v = sf.add(f, prod, this.get(f, fr), (kind & 1) === 1);
    if (kind >= 6) v ^= f === S ? 1n << 31n : 1n << 63n;
    return this.result(f, fd, v);
  }
}

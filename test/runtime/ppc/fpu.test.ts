// The 440 FPU (fpu.ts, machine.ts FP handlers) on hand-assembled words: bit-exact loads, stores
// and moves, arithmetic and FPSCR status, compares, conversions, and FP Unavailable while
// MSR[FP] is 0 (Book I chapter 4; Book E FP Unavailable interrupt).
import { describe, expect, it } from "vitest";
import { encode } from "../../../generated/ppc440/index.ts";
import { fromSingleBits, fprf, Ppc440Fpu, toSingleBits, VXISI, VXSNAN, ZX } from "../../../runtime/ppc/fpu.ts";
import { BambooVmm, qemuBootState } from "../../../runtime/boards/bamboo/index.ts";
import * as X from "../../../runtime/ppc/fp-exact.ts";
import { MSR_FP } from "../../../runtime/ppc/interrupts.ts";
import { Ppc440Kvm } from "../../../runtime/ppc/kvm.ts";

const u = (v: number) => v >>> 0;
const BASE = 0x00100000;
const DATA = 0x00180000;
const HANDLER = 0x00200070; // IVPR 0x00200000 + IVOR7 0x70: `b .`

function put(vmm: BambooVmm, pa: number, words: number[]): void {
  const b = new Uint8Array(words.length * 4);
  words.forEach((v, i) => new DataView(b.buffer).setUint32(4 * i, v >>> 0));
  vmm.memory.writeBytes(pa, b);
}

/** Runs `words` from BASE (then `b .`) with r9 = DATA holding `data`, MSR[FP] = `fp`. */
function runFp(words: number[], data: number[] = [], fp = true) {
  const vmm = new BambooVmm({ ramBytes: 16 << 20 });
  put(vmm, BASE, [...words, 0x48000000]);
  put(vmm, DATA, data);
  put(vmm, HANDLER, [0x48000000]);
  const kvm = new Ppc440Kvm(vmm);
  qemuBootState(kvm, BASE);
  kvm.ivpr = 0x00200000;
  kvm.ivor[7] = 0x70;
  kvm.machine.gpr[9] = DATA;
  if (fp) kvm.setMsr(kvm.msr | MSR_FP);
  kvm.run(1000);
  return { kvm, m: kvm.machine };
}

function word(kvm: { vmm: { memory: { readBytes(pa: number, n: number): Uint8Array | undefined } } }, pa: number) {
  const b = kvm.vmm.memory.readBytes(pa, 4)!;
  return new DataView(b.buffer, b.byteOffset).getUint32(0);
}

describe("440 FPU", () => {
  it("lfd / stfd / fmr move an SNaN's bits unchanged", () => {
    const { kvm } = runFp(
      [encode.lfd({ frt: 1, ra0: 9, d: 0 }), encode.fmr({ frt: 2, frb: 1 }), encode.stfd({ frt: 2, ra0: 9, d: 8 })],
      [0x7ff00000, 0x00000001],
    );
    expect([word(kvm, DATA + 8), word(kvm, DATA + 12)].map(u)).toEqual([0x7ff00000, 1]);
  });

  it("fadd computes, sets FPRF; fadd. copies FX FEX VX OX to CR1", () => {
    const { kvm, m } = runFp(
      [
        encode.lfd({ frt: 1, ra0: 9, d: 0 }),
        encode.lfd({ frt: 2, ra0: 9, d: 8 }),
        encode.fadd({ frt: 3, fra: 1, frb: 2 }),
        encode.stfd({ frt: 3, ra0: 9, d: 16 }),
      ],
      [0x3ff00000, 0, 0x40000000, 0], // 1.0, 2.0
    );
    expect([word(kvm, DATA + 16), word(kvm, DATA + 20)].map(u)).toEqual([0x40080000, 0]); // 3.0
    expect((m.fpu.fpscr >>> 12) & 0x1f).toBe(0x04); // positive normal
  });

  it("inf - inf is VXISI: default NaN, FX and VX set, CR1 from the record form", () => {
    const f = new Ppc440Fpu();
    f.setResult(1, Infinity);
    f.arith("add", 3, 1, 1, false);
    expect(f.get(3)).toBe(Infinity);
    f.setResult(2, -Infinity);
    f.arith("add", 3, 1, 2, false);
    expect([f.fpr[6], f.fpr[7]]).toEqual([0x7ff80000, 0]);
    expect(u(f.fpscr & (VXISI | 0xa0000000))).toBe(u(VXISI | 0xa0000000));
    expect(f.cr1()).toBe(0b1010);
  });

  it("x / 0 sets ZX; an SNaN operand sets VXSNAN", () => {
    const f = new Ppc440Fpu();
    f.setResult(1, 1);
    f.setResult(2, 0);
    f.arith("div", 3, 1, 2, false);
    expect(f.get(3)).toBe(Infinity);
    expect(f.fpscr & ZX).toBe(ZX);
    f.setRaw(4, 0x7ff00000, 1);
    f.arith("mul", 5, 4, 1, false);
    expect(f.fpscr & VXSNAN).toBe(VXSNAN);
  });

  it("fcmpu writes CR field and FPCC; NaN compares unordered", () => {
    const { m } = runFp(
      [
        encode.lfd({ frt: 1, ra0: 9, d: 0 }),
        encode.lfd({ frt: 2, ra0: 9, d: 8 }),
        encode.fcmpu({ bf: 6, fra: 1, frb: 2 }),
        encode.fcmpu({ bf: 7, fra: 1, frb: 1 }),
      ],
      [0x3ff00000, 0, 0x40000000, 0],
    );
    expect((m.cr >>> 4) & 0xf).toBe(8); // 1 < 2
    expect(m.cr & 0xf).toBe(2); // equal
    const f = new Ppc440Fpu();
    f.setRaw(1, 0x7ff80000, 0);
    expect(f.compare(1, 1, false)).toBe(1);
  });

  it("mtfsf / mffs round-trip the FPSCR (high word 0xfff80000)", () => {
    const { kvm } = runFp(
      [
        encode.lfd({ frt: 1, ra0: 9, d: 0 }),
        encode.mtfsf({ flm: 0xff, frb: 1 }),
        encode.mffs({ frt: 2 }),
        encode.stfd({ frt: 2, ra0: 9, d: 8 }),
      ],
      [0, 0x000000f3], // enables VE..XE=0b11110, RN=3
    );
    expect([word(kvm, DATA + 8), word(kvm, DATA + 12)].map(u)).toEqual([0xfff80000, 0xf3]);
  });

  it("lfs / stfs convert single precision, keeping an SNaN signalling", () => {
    expect(fromSingleBits(0x3fc00000)).toEqual([0x3ff80000, 0]); // 1.5
    expect(fromSingleBits(0x7f800001)).toEqual([0x7ff00000, 0x20000000]);
    expect(u(toSingleBits(0x7ff00000, 0x20000000))).toBe(0x7f800001);
    expect(u(toSingleBits(0x3ff80000, 0))).toBe(0x3fc00000);
  });

  it("fctiwz truncates; stfiwx stores the integer word", () => {
    const { kvm } = runFp(
      [
        encode.lfd({ frt: 1, ra0: 9, d: 0 }),
        encode.fctiwz({ frt: 2, frb: 1 }),
        encode.stfiwx({ frt: 2, ra0: 0, rb: 9 }),
      ],
      [0xc0090000, 0], // -3.125
    );
    expect(word(kvm, DATA)).toBe(u(-3));
  });

  it("FPRF classes", () => {
    expect([fprf(NaN), fprf(-0), fprf(0), fprf(-Infinity), fprf(Infinity), fprf(5e-324), fprf(-1)]).toEqual([
      0x11, 0x12, 0x02, 0x09, 0x05, 0x14, 0x08,
    ]);
  });

  it("with MSR[FP] = 0 an FP instruction takes FP Unavailable (IVOR7) and changes nothing", () => {
    const { kvm, m } = runFp([encode.lfd({ frt: 1, ra0: 9, d: 0 })], [0x3ff00000, 0], false);
    expect(u(kvm.srr0)).toBe(BASE);
    expect(m.fpu.fpr[2]).toBe(0);
    expect(u(m.pc)).toBe(HANDLER);
  });
});

describe("fp-exact", () => {
  it("toDouble rounds an exact value as the host rounds sums and products", () => {
    let seed = 12345;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    for (let i = 0; i < 2000; i++) {
      const x = (rnd() - 0.5) * 2 ** Math.floor(rnd() * 200 - 100);
      const y = (rnd() - 0.5) * 2 ** Math.floor(rnd() * 200 - 100);
      expect(X.toDouble(X.add(X.exact(x), X.exact(y)))).toBe(x + y || 0);
      expect(X.toDouble(X.mul(X.exact(x), X.exact(y)))).toBe(Math.abs(x * y) === 0 ? 0 : x * y);
    }
    expect(X.toDouble(X.mul(X.exact(2 ** -1000), X.exact(2 ** -70)))).toBe(2 ** -1070); // denormal
    expect(X.toDouble(X.mul(X.exact(2 ** 1000), X.exact(2 ** 30)))).toBe(Infinity);
  });

  it("fmadd rounds once: 0.1 * 10 - 1 is not 0", () => {
    const f = new Ppc440Fpu();
    f.setResult(1, 0.1);
    f.setResult(2, 10);
    f.setResult(3, 1);
    f.madd(4, 1, 2, 3, true, false, false);
    expect(f.get(4)).toBe(5.551115123125783e-17);
    expect(0.1 * 10 - 1).toBe(0);
  });
});

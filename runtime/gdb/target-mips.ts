// The GDB view of the MIPS Malta guest (MipsKvm): registers in GDB's mips32 numbering, which is
// also QEMU's (target/mips/gdbstub.c) — r0-r31 0-31, sr (CP0 Status) 32, lo 33, hi 34,
// bad (BadVAddr) 35, cause 36, pc 37, f0-f31 38-69, fsr (FCSR) 70, fir 71 — all 32 bits, in the
// guest's (little-endian) byte order. GDB knows this layout from the ELF's architecture; no
// target description is sent.
//
// Memory goes through the guest's view: KSEG0/KSEG1 unmapped (physical = va & 0x1fffffff),
// KUSEG unmapped while Status.ERL is set, the rest through the guest TLB with the current ASID.
// A single step of a branch runs its delay slot too (GDB never stops between them).

import type { MipsKvm } from "../mips/kvm.ts";
import { CP0 } from "../../generated/mips32r2/index.ts";
import type { GuestMemory } from "../vmm/memory.ts";
import { stepRun, type GdbTarget } from "./target.ts";
import type { RunResult } from "../core/run-result.ts";

const ST_ERL = 4;

export class MipsGdbTarget implements GdbTarget {
  readonly arch = "mips";
  readonly bigEndian = false;
  readonly regSizes = new Array<number>(72).fill(4);

  constructor(
    readonly kvm: MipsKvm,
    readonly memory: GuestMemory,
  ) {}

  get pc(): number {
    return this.kvm.machine.pc >>> 0;
  }

  get icount(): number {
    return this.kvm.icount;
  }

  get atBoundary(): boolean {
    return this.kvm.machine.inDelaySlot === 0;
  }

  readReg(n: number): bigint {
    const m = this.kvm.machine;
    const c = this.kvm.cp0;
    let v: number;
    if (n < 32) v = m.gpr[n];
    else if (n >= 38 && n < 70) v = m.fpu.fpr[2 * (n - 38)];
    else
      switch (n) {
        case 32: v = c[CP0.STATUS]; break;
        case 33: v = m.gpr[33]; break; // LO
        case 34: v = m.gpr[32]; break; // HI
        case 35: v = c[CP0.BADVADDR]; break;
        case 36: v = c[CP0.CAUSE]; break;
        case 37: v = m.pc; break;
        case 70: v = m.fpu.fcsr; break;
        case 71: v = m.fpu.readControl(0); break;
        default: v = 0;
      }
    return BigInt(v >>> 0);
  }

  writeReg(n: number, big: bigint): boolean {
    const m = this.kvm.machine;
    const v = Number(big & 0xffffffffn) | 0;
    if (n === 0) return true;
    if (n < 32) m.gpr[n] = v;
    else if (n === 33) m.gpr[33] = v;
    else if (n === 34) m.gpr[32] = v;
    else if (n === 37) m.jump(v);
    else if (n >= 38 && n < 70) m.fpu.fpr[2 * (n - 38)] = v >>> 0;
    else if (n === 70) m.fpu.fcsr = v;
    else return false; // CP0 and FIR: read-only here (they have side effects on the hypervisor)
    return true;
  }

  translate(va: number): number | undefined {
    const a = va >>> 0;
    if (a >= 0x80000000 && a < 0xc0000000) return a & 0x1fffffff;
    const c = this.kvm.cp0;
    if (a < 0x80000000 && c[CP0.STATUS] & ST_ERL) return a;
    const tlb = this.kvm.tlb;
    const i = tlb.lookup(a | 0, c[CP0.ENTRYHI] & 0xff);
    if (i < 0) return undefined;
    const bytes = tlb.pageBytes(i);
    const odd = (a & bytes) !== 0;
    const lo = odd ? tlb.lo1[i] : tlb.lo0[i];
    if ((lo & 2) === 0) return undefined; // not valid
    const pfn = (lo >>> 6) & 0xfffff;
    return (pfn * 4096 + (a & (bytes - 1))) >>> 0;
  }

  invalidateCode(pa: number, len: number): void {
    const slot = this.memory.slotAt(pa);
    if (slot) this.kvm.machine.invalidateCode(pa - slot.base, len);
  }

  step(): RunResult | undefined {
    const k = this.kvm;
    let r = stepRun((max) => k.run(max), () => k.icount);
    while (r === undefined && k.machine.inDelaySlot !== 0) r = stepRun((max) => k.run(max), () => k.icount);
    return r;
  }
}

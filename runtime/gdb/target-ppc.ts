// The GDB view of the PowerPC 440 Bamboo guest (Ppc440Kvm). Registers in GDB's powerpc-32
// numbering (gdb/features/rs6000/powerpc-32.xml; QEMU's target/ppc/gdbstub.c sends the same
// `g` layout): r0-r31 0-31 (32 bits), f0-f31 32-63 (64 bits), pc 64, msr 65, cr 66, lr 67,
// ctr 68, xer 69, fpscr 70; then the 440's SPRs from 71 in a feature of their own, named as the
// 440 manual and QEMU's SPR table name them (lower case), so that `info registers srr0` works.
// Big-endian throughout.
//
// Memory goes through the guest TLB as a data access would (MSR[DS] and PID), then as an
// instruction fetch would (MSR[IS]); an address no entry maps is taken as physical when it is
// RAM (QEMU's boot entry maps 0 → 0 too, so early code reads the same).

import type { RunResult } from "../core/run-result.ts";
import type { Ppc440Kvm } from "../ppc/kvm.ts";
import { MSR_DS, MSR_IS } from "../ppc/interrupts.ts";
import type { GuestMemory } from "../vmm/memory.ts";
import { stepRun, type GdbTarget } from "./target.ts";

/** SPRs after fpscr (regnum 71 on): name, read, write (undefined: read-only). */
type Spr = [string, (k: Ppc440Kvm) => number, ((k: Ppc440Kvm, v: number) => void)?];

const SPRS: Spr[] = [
  ["srr0", (k) => k.srr0, (k, v) => (k.srr0 = v)],
  ["srr1", (k) => k.srr1, (k, v) => (k.srr1 = v)],
  ["csrr0", (k) => k.csrr0, (k, v) => (k.csrr0 = v)],
  ["csrr1", (k) => k.csrr1, (k, v) => (k.csrr1 = v)],
  ["mcsrr0", (k) => k.mcsrr0, (k, v) => (k.mcsrr0 = v)],
  ["mcsrr1", (k) => k.mcsrr1, (k, v) => (k.mcsrr1 = v)],
  ["mcsr", (k) => k.mcsr],
  ["dear", (k) => k.dear, (k, v) => (k.dear = v)],
  ["esr", (k) => k.esr, (k, v) => (k.esr = v)],
  ["ivpr", (k) => k.ivpr],
  ...Array.from({ length: 16 }, (_, i): Spr => [`ivor${i}`, (k) => k.ivor[i]]),
  ["pid", (k) => k.pid],
  ["mmucr", (k) => k.mmucr],
  ["ccr0", (k) => k.ccr0],
  ["ccr1", (k) => k.ccr1],
  ["pvr", (k) => k.pvr],
  ["pir", (k) => k.pir],
  ...Array.from({ length: 8 }, (_, i): Spr => [`sprg${i}`, (k) => k.machine.sprg[i], (k, v) => (k.machine.sprg[i] = v)]),
  ["usprg0", (k) => k.machine.usprg0, (k, v) => (k.machine.usprg0 = v)],
  ["dbcr0", (k) => k.dbcr0],
  ["dbcr1", (k) => k.dbcr1],
  ["dbsr", (k) => k.dbsr],
  ["tcr", (k) => k.timer.tcr],
  ["tsr", (k) => k.timer.tsr],
  ["dec", (k) => k.timer.dec],
  ["decar", (k) => k.timer.decar],
];

const CORE = ["pc", "msr", "cr", "lr", "ctr", "xer"];

function targetXml(): string {
  const reg = (name: string, n: number, bits = 32, type = "uint32", group = "") =>
    `<reg name="${name}" bitsize="${bits}" regnum="${n}" type="${type}"${group ? ` group="${group}"` : ""}/>`;
  return [
    `<?xml version="1.0"?>`,
    `<!DOCTYPE target SYSTEM "gdb-target.dtd">`,
    `<target version="1.0">`,
    `<architecture>powerpc:common</architecture>`,
    `<feature name="org.gnu.gdb.power.core">`,
    ...Array.from({ length: 32 }, (_, i) => reg(`r${i}`, i)),
    reg("pc", 64, 32, "code_ptr"),
    reg("msr", 65),
    reg("cr", 66),
    reg("lr", 67, 32, "code_ptr"),
    reg("ctr", 68),
    reg("xer", 69),
    `</feature>`,
    `<feature name="org.gnu.gdb.power.fpu">`,
    ...Array.from({ length: 32 }, (_, i) => reg(`f${i}`, 32 + i, 64, "ieee_double", "float")),
    reg("fpscr", 70, 32, "int", "float"),
    `</feature>`,
    `<feature name="org.qemu.power.spr">`,
    ...SPRS.map(([name], i) => reg(name, 71 + i, 32, "int", "system")),
    `</feature>`,
    `</target>`,
  ].join("\n");
}

export class PpcGdbTarget implements GdbTarget {
  readonly arch = "powerpc:common";
  readonly bigEndian = true;
  readonly regSizes = [...new Array<number>(32).fill(4), ...new Array<number>(32).fill(8), ...new Array<number>(7 + SPRS.length).fill(4)];
  readonly targetXml = targetXml();
  readonly atBoundary = true;

  constructor(
    readonly kvm: Ppc440Kvm,
    readonly memory: GuestMemory,
  ) {}

  get pc(): number {
    return this.kvm.machine.pc >>> 0;
  }

  get icount(): number {
    return this.kvm.icount;
  }

  readReg(n: number): bigint {
    const k = this.kvm;
    const m = k.machine;
    if (n < 32) return BigInt(m.gpr[n] >>> 0);
    if (n < 64) return (BigInt(m.fpu.fpr[2 * (n - 32)]) << 32n) | BigInt(m.fpu.fpr[2 * (n - 32) + 1]);
    if (n >= 71) return BigInt((SPRS[n - 71]?.[1](k) ?? 0) >>> 0);
    const v = [m.pc, k.msr, m.cr, m.lr, m.ctr, m.xer, m.fpu.fpscr][n - 64];
    return BigInt(v >>> 0);
  }

  writeReg(n: number, big: bigint): boolean {
    const k = this.kvm;
    const m = k.machine;
    const v = Number(big & 0xffffffffn) | 0;
    if (n < 32) m.gpr[n] = v;
    else if (n < 64) {
      m.fpu.fpr[2 * (n - 32)] = Number((big >> 32n) & 0xffffffffn);
      m.fpu.fpr[2 * (n - 32) + 1] = Number(big & 0xffffffffn);
    } else if (n === 64) m.pc = v & ~3;
    else if (n === 65) k.setMsr(v);
    else if (n === 66) m.cr = v;
    else if (n === 67) m.lr = v;
    else if (n === 68) m.ctr = v;
    else if (n === 69) m.xer = v;
    else if (n === 70) m.fpu.fpscr = v;
    else {
      const w = SPRS[n - 71]?.[2];
      if (!w) return false;
      w(k, v);
    }
    return true;
  }

  translate(va: number): number | undefined {
    const k = this.kvm;
    const ea = va >>> 0;
    for (const as of [k.msr & MSR_DS ? 1 : 0, k.msr & MSR_IS ? 1 : 0]) {
      const i = k.guestTlb.lookup(ea, k.pid, as);
      if (i < 0) continue;
      const e = k.tlb[i];
      if (e.erpn !== 0) return undefined;
      return (e.rpn + (ea - e.epn)) >>> 0;
    }
    return this.memory.slotIndexAt(ea) >= 0 ? ea : undefined;
  }

  invalidateCode(pa: number, len: number): void {
    this.kvm.machine.invalidateCode(pa, len);
  }

  step(): RunResult | undefined {
    const k = this.kvm;
    return stepRun((max) => k.run(max), () => k.icount);
  }
}

export const PPC_SPR_NAMES = SPRS.map(([n]) => n);
export { CORE as PPC_CORE_NAMES };

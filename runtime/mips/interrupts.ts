// Exceptions and interrupts into the guest (KVM's kvm_mips_emulate_exc and friends,
// interrupt.c): EPC/BD/EXL/ExcCode and the vector, the TLB exceptions' BadVAddr/EntryHi/Context,
// Cause.IP from the device lines and the timer, and which pending interrupts the guest can take.
import { CP0 } from "../../generated/mips32r2/index.ts";
import type { MipsKvm } from "./kvm.ts";
import { CA_BD, CA_CE, CA_IV, CA_TI, ExcCode, ST_BEV, ST_ERL, ST_EXL, ST_IE } from "./cp0.ts";
import { statusChanged } from "./mmu.ts";

export function updateCauseIp(k: MipsKvm): void {
  const c = k.cp0;
  let cause = c[CP0.CAUSE] & ~0xfc00;
  cause |= (k.hwLines & 0xfc) << 8;
  if (cause & CA_TI) cause |= 0x8000;
  c[CP0.CAUSE] = cause;
}

// ------------------------------------------------------------------ injection

export function vectorBase(k: MipsKvm): number {
  return k.cp0[CP0.STATUS] & ST_BEV ? 0xbfc00200 | 0 : k.cp0[CP0.EBASE] & 0xfffff000;
}

/**
 * Delivers an exception for the instruction at `pc` (in a delay slot when bd): EPC, BD, EXL,
 * ExcCode, then the vector. `refill`: TLB refill, vector +0 when EXL was clear.
 */
export function inject(
  k: MipsKvm,
  code: number,
  pc: number,
  bd: number,
  refill = false,
  ce = 0,
): void {
  const c = k.cp0;
  const old = c[CP0.STATUS];
  let offset = 0x180;
  let cause = c[CP0.CAUSE];
  if ((old & ST_EXL) === 0) {
    c[CP0.EPC] = bd ? (pc - 4) | 0 : pc;
    cause = bd ? cause | CA_BD : cause & ~CA_BD;
    if (refill) offset = 0;
    else if (code === ExcCode.Int && cause & CA_IV) offset = 0x200;
  } else if (code === ExcCode.Int && cause & CA_IV) offset = 0x200;
  cause = (cause & ~0x7c & ~CA_CE) | (code << 2) | (ce << 28);
  c[CP0.CAUSE] = cause;
  c[CP0.STATUS] = old | ST_EXL;
  k.machine.jump((vectorBase(k) + offset) | 0);
  statusChanged(k, old);
}

export function injectTlb(
  k: MipsKvm,
  code: number,
  va: number,
  pc: number,
  bd: number,
  refill: boolean,
): void {
  const c = k.cp0;
  c[CP0.BADVADDR] = va;
  c[CP0.ENTRYHI] = (va & 0xffffe000) | (c[CP0.ENTRYHI] & 0xff);
  c[CP0.CONTEXT] = (c[CP0.CONTEXT] & 0xff800000) | ((va >>> 9) & 0x007ffff0);
  inject(k, code, pc, bd, refill);
}

export function injectAddr(k: MipsKvm, code: number, va: number, pc: number, bd: number): void {
  k.cp0[CP0.BADVADDR] = va;
  inject(k, code, pc, bd);
}

/** The pending interrupts the guest can take now, as Cause.IP & Status.IM. */
export function pendingInterrupts(k: MipsKvm): number {
  const s = k.cp0[CP0.STATUS];
  if ((s & ST_IE) === 0 || s & (ST_EXL | ST_ERL)) return 0;
  return k.cp0[CP0.CAUSE] & s & 0xff00;
}

// Book E interrupt delivery on the 440, after booke.c (kvmppc_booke_irqprio_deliver,
// kvmppc_core_deliver_interrupts): SRR0/1 (CSRR0/1 for the critical class, MCSRR0/1 for machine
// check), the new MSR, and the vector IVPR | IVORn.

import { PPC440_EXITS } from "../core/stats.ts";
import { hex } from "../core/format.ts";
import type { Ppc440Kvm } from "./kvm.ts";

const E = PPC440_EXITS.id;

// MSR bits (Book E).
export const MSR_WE = 0x00040000;
export const MSR_CE = 0x00020000;
export const MSR_EE = 0x00008000;
export const MSR_PR = 0x00004000;
export const MSR_FP = 0x00002000;
export const MSR_ME = 0x00001000;
export const MSR_DE = 0x00000200;
export const MSR_IS = 0x00000020;
export const MSR_DS = 0x00000010;

// IVOR numbers.
export const IVOR_CRITICAL = 0;
export const IVOR_MCHECK = 1;
export const IVOR_DSI = 2;
export const IVOR_ISI = 3;
export const IVOR_EXTERNAL = 4;
export const IVOR_ALIGN = 5;
export const IVOR_PROGRAM = 6;
export const IVOR_FPUNAVAIL = 7;
export const IVOR_SYSCALL = 8;
export const IVOR_DEC = 10;
export const IVOR_WATCHDOG = 12;
export const IVOR_DTLB = 13;
export const IVOR_ITLB = 14;
export const IVOR_DEBUG = 15;

/** Delivers interrupt `n` with return address `ret`. */
export function inject(k: Ppc440Kvm, n: number, ret: number): void {
  const critical = n === IVOR_CRITICAL || n === IVOR_WATCHDOG || n === IVOR_DEBUG;
  const m = k.machine;
  if (n === IVOR_MCHECK) {
    k.mcsrr0 = ret;
    k.mcsrr1 = k.msr;
  } else if (critical) {
    k.csrr0 = ret;
    k.csrr1 = k.msr;
  } else {
    k.srr0 = ret;
    k.srr1 = k.msr;
  }
  // Book E: non-critical interrupts keep CE, ME, DE; critical ones keep ME.
  const keep = critical || n === IVOR_MCHECK ? MSR_ME : MSR_CE | MSR_ME | MSR_DE;
  k.setMsr(k.msr & keep);
  m.pc = (k.ivpr & 0xffff0000) | (k.ivor[n] & 0xfff0);
  m.reserveValid = false;
}

/** Before a slice: the highest-priority pending interrupt the MSR lets in, as the 440 orders
 *  them: critical input (MSR[CE]) first, then external input, then the decrementer (MSR[EE]). */
export function deliverPending(k: Ppc440Kvm): void {
  const pc = k.machine.pc;
  if (k.critIrq && k.msr & MSR_CE) {
    k.stats.exit(E.ext_intr, pc);
    inject(k, IVOR_CRITICAL, pc);
    return;
  }
  if (k.extIrq && k.msr & MSR_EE) {
    k.stats.exit(E.ext_intr, pc);
    k.trace?.(`external interrupt at ${hex(pc)}`);
    inject(k, IVOR_EXTERNAL, pc);
    return;
  }
  if (k.timer.decPending && k.msr & MSR_EE) {
    k.stats.exit(E.dec, pc);
    k.trace?.(`dec interrupt at ${hex(pc)}`);
    inject(k, IVOR_DEC, pc);
  }
}

/** Whether an interrupt is pending that the MSR lets in now (the loop delivers it next). */
export function interruptPending(k: Ppc440Kvm): boolean {
  const ee = (k.msr & MSR_EE) !== 0;
  return (ee && k.extIrq) || (k.critIrq && (k.msr & MSR_CE) !== 0) || (ee && k.timer.decPending);
}

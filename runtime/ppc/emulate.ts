// Privileged-instruction emulation, after emulate.c (kvmppc_emulate_instruction),
// booke_emulate.c (rfi, rfci, mfmsr, mtmsr, wrtee, wrteei) and 44x_emulate.c (the 440's TLB
// instructions, DCRs, cache management). `Ppc440Emulate` implements the generated role
// `EmulateHandlers`: one method per privileged table entry (and mfspr/mtspr, whose register
// decides), taking the entry's decoded operands, reached through the generated execEmulate.

import {
  decode,
  disassemble,
  execEmulate,
  INFO,
  regName,
  type EmulateHandlers,
} from "../../generated/ppc440/index.ts";
import { PPC440_EXITS } from "../core/stats.ts";
import { hex } from "../core/format.ts";
import { ESR_PIL } from "./machine.ts";
import { inject, IVOR_PROGRAM, MSR_EE } from "./interrupts.ts";
import { tlbRead, tlbSearch, tlbWrite } from "./mmu.ts";
import { emulateMfspr, emulateMtspr } from "./spr.ts";
import type { Ppc440Kvm } from "./kvm.ts";

const E = PPC440_EXITS.id;

/** The instruction is done: the vCPU retires it and goes on at pc + 4. */
const EMULATE_DONE = 0;
/** The handler set pc itself (rfi, rfci, an interrupt). */
const EMULATE_JUMPED = 1;
/** The run ends with `fatal` (set by the handler, or a generic report). */
const EMULATE_FAIL = 2;

export class Ppc440Emulate implements EmulateHandlers<number> {
  /** The instruction word being emulated (for reports). */
  private w = 0;

  constructor(private readonly k: Ppc440Kvm) {}

  /** kvmppc_emulate_instruction: a privileged instruction from guest supervisor state. */
  instruction(w: number): void {
    const k = this.k;
    const m = k.machine;
    k.stats.exit(E.inst_emu, m.pc, w >>> 0);
    k.trace?.(`emulate ${hex(w)} ${disassemble(w, m.pc)} at ${hex(m.pc)}`);
    this.w = w;
    const r = execEmulate(this, decode(w), w, this.outside);
    if (r === EMULATE_DONE) m.retire((m.pc + 4) | 0);
    else if (r === EMULATE_JUMPED) m.icount++;
    else if (k.fatal === null) k.fatal = `couldn't emulate instruction ${hex(w)} at ${hex(m.pc)}`;
  }

  /** A word outside the emulate role: the machine sends only privileged words here, so this is a
   *  table newer than this class (the dispatch fallback). */
  private readonly outside = (id: number, _w: number): number => this.unimplemented(INFO[id].entry);

  /** An instruction kvm has no emulation for ends the run with a report (the dispatch fallback,
   *  and future scaffolded stubs). */
  unimplemented(name: string): number {
    this.k.fatal = `couldn't emulate ${name} (${hex(this.w)}) at ${hex(this.k.machine.pc)}: not a privileged instruction kvm handles`;
    return EMULATE_FAIL;
  }

  /** The 440 raises an illegal-instruction program interrupt. */
  private illegal(): number {
    const k = this.k;
    k.stats.exit(E.inst_emu, k.machine.pc, this.w >>> 0);
    k.esr = ESR_PIL;
    inject(k, IVOR_PROGRAM, k.machine.pc);
    return EMULATE_JUMPED;
  }

  // ---- Book E privileged instructions ------------------------------------------------------

  rfi(): number {
    this.k.machine.pc = this.k.srr0 & ~3;
    this.k.setMsr(this.k.srr1);
    return EMULATE_JUMPED;
  }
  rfci(): number {
    this.k.machine.pc = this.k.csrr0 & ~3;
    this.k.setMsr(this.k.csrr1);
    return EMULATE_JUMPED;
  }
  rfmci(): number {
    this.k.machine.pc = this.k.mcsrr0 & ~3;
    this.k.setMsr(this.k.mcsrr1);
    return EMULATE_JUMPED;
  }
  mfmsr(rt: number): number {
    this.k.machine.gpr[rt] = this.k.msr;
    return EMULATE_DONE;
  }
  mtmsr(rs: number, _l15: number): number {
    this.k.setMsr(this.k.machine.gpr[rs]);
    return EMULATE_DONE;
  }
  wrtee(rs: number): number {
    this.k.msr = (this.k.msr & ~MSR_EE) | (this.k.machine.gpr[rs] & MSR_EE);
    return EMULATE_DONE;
  }
  wrteei(e: number): number {
    this.k.msr = (this.k.msr & ~MSR_EE) | (e ? MSR_EE : 0);
    return EMULATE_DONE;
  }
  mfspr(rt: number, spr: number): number {
    const k = this.k;
    const v = emulateMfspr(k, spr);
    if (v === undefined) {
      k.fatal = `unknown SPR ${spr} (${regName("spr", spr) ?? "not defined on the 440"}) read by mfspr at ${hex(k.machine.pc)}`;
      return EMULATE_FAIL;
    }
    k.machine.gpr[rt] = v;
    return EMULATE_DONE;
  }
  mtspr(rs: number, spr: number): number {
    const k = this.k;
    if (!emulateMtspr(k, spr, k.machine.gpr[rs])) {
      k.fatal = `unknown SPR ${spr} (${regName("spr", spr) ?? "not defined on the 440"}) written by mtspr at ${hex(k.machine.pc)}`;
      return EMULATE_FAIL;
    }
    return EMULATE_DONE;
  }

  // ---- 440 TLB management ------------------------------------------------------------------

  /** tlbwe RS,RA,WS: word WS of guest TLB entry (RA) & 63 ← (RS). */
  tlbwe_440(rs: number, ra: number, ws: number): number {
    const g = this.k.machine.gpr;
    tlbWrite(this.k, g[ra] & 63, ws, g[rs]);
    return EMULATE_DONE;
  }
  /** Book E's operand-less tlbwe: the 440 form with every field 0. */
  tlbwe(): number {
    return this.tlbwe_440(0, 0, 0);
  }
  /** tlbre RT,RA,WS: RT ← word WS of guest TLB entry (RA) & 63. */
  tlbre_440(rt: number, ra: number, ws: number): number {
    const g = this.k.machine.gpr;
    const v = tlbRead(this.k, g[ra] & 63, ws);
    if (v !== undefined) g[rt] = v;
    return EMULATE_DONE;
  }
  tlbre(): number {
    return this.tlbre_440(0, 0, 0);
  }
  /** tlbsx[.] RT,RA,RB: RT ← the index of the entry translating (RA|0)+(RB), if any; Rc: CR0[EQ]. */
  tlbsx(rt: number, ra: number, rb: number, rc: number): number {
    const m = this.k.machine;
    const i = tlbSearch(this.k, ((ra === 0 ? 0 : m.gpr[ra]) + m.gpr[rb]) | 0);
    if (i >= 0) m.gpr[rt] = i;
    if (rc) m.cr = (m.cr & 0x0fffffff) | ((i >= 0 ? 2 : 0) << 28) | ((m.xer >>> 31) << 28);
    return EMULATE_DONE;
  }
  tlbivax(_ra: number, _rb: number): number {
    // The 440 has no tlbivax (KVM/440 did not emulate it): illegal.
    return this.illegal();
  }
  tlbsync(): number {
    return EMULATE_DONE;
  }

  // ---- caches: none are modelled -----------------------------------------------------------

  iccci(_ra: number, _rb: number): number {
    return EMULATE_DONE;
  }
  dccci(_ra: number, _rb: number): number {
    return EMULATE_DONE;
  }
  dcbi(_ra: number, _rb: number): number {
    return EMULATE_DONE;
  }
  /** icread: a no-op, as QEMU 7.2 interprets it (no cache arrays to read into ICDBDR). */
  icread(_ra: number, _rb: number): number {
    return EMULATE_DONE;
  }
  /** dcread: RT ← the effective address (RA|0)+(RB), as QEMU 7.2 leaves it; no cache arrays. */
  dcread(rt: number, ra: number, rb: number): number {
    const g = this.k.machine.gpr;
    g[rt] = ((ra === 0 ? 0 : g[ra]) + g[rb]) | 0;
    return EMULATE_DONE;
  }

  // ---- DCRs: exits to the vmm ----------------------------------------------------------------

  mfdcr(rt: number, dcrn: number): number {
    const k = this.k;
    k.stats.exit(E.dcr, k.machine.pc, dcrn, 0);
    k.machine.gpr[rt] = k.vmm.dcrRead(dcrn);
    return EMULATE_DONE;
  }
  mtdcr(rs: number, dcrn: number): number {
    const k = this.k;
    k.stats.exit(E.dcr, k.machine.pc, dcrn, 1);
    k.vmm.dcrWrite(dcrn, k.machine.gpr[rs]);
    return EMULATE_DONE;
  }
}

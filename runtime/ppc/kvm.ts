// The PowerPC 440 hypervisor, after KVM/440 (arch/powerpc/kvm, 2.6.26-2.6.3x; seeds 002, 004;
// ../shared/research/kvm-model.md §1):
//
//   - `run` is kvmppc_handle_exit: it runs the machine ("hardware") in slices and handles each
//     exit, counting it under KVM's exit names (kvm/stats.ts PPC440_EXITS);
//   - privileged instructions are emulated through the generated dispatch: `Ppc440Kvm`
//     implements the generated `Handlers`, organised as the seed's core hooks: `emulateOp`
//     (kvmppc_core_emulate_op: the instruction), `emulateMtspr` / `emulateMfspr`
//     (kvmppc_core_emulate_mtspr/mfspr), which report "unknown SPR n" instead of failing silently;
//   - the guest TLB: 64 entries in the 440's three-word format; TID from MMUCR[STID]; a match
//     needs V, the address in range, TID 0 or = PID, TS = the MSR's IS/DS;
//   - shadow fills: a shadow (hardware) TLB miss that hits the guest TLB is handled here without
//     the guest (itlb_r / dtlb_r); one that misses goes to the guest's ITLB/DTLB miss handler
//     (itlb_v / dtlb_v). Guest pages of any size are backed by 4 KB shadow pages;
//   - MMIO: a guest mapping of a physical address no RAM covers re-runs the instruction with the
//     access routed to the vmm's bus (mmio exit); mfdcr/mtdcr go to the vmm's DCR handler (dcr);
//   - interrupts: IVPR | IVORn, SRR0/1 (CSRR0/1 for the critical class), ESR, DEAR; the
//     decrementer (TCR[DIE], TSR[DIS], TCR[ARE] auto-reload from DECAR) on the instruction-count
//     timebase.

import {
  dispatchId,
  decode,
  disassemble,
  regName,
  type Handlers,
} from "../../generated/ppc440/index.ts";
import * as F from "../../generated/ppc440/operands.ts";
import { ExitStats, PPC440_EXITS } from "../core/stats.ts";
import type { RunResult, StopLatch } from "../core/run-result.ts";
import {
  DEFAULT_STALL_LIMIT,
  runExitLoop,
  SLICE_INSNS,
  type Guest,
  type Hang,
} from "../core/exit-loop.ts";
import type { BambooVmm } from "../boards/bamboo.ts";
import { MmioExit } from "../vmm/mmio.ts";
import { GuestTlb, type GuestTlbEntry } from "./tlb.ts";
import {
  ESR_PIL,
  ESR_PPR,
  ESR_PTR,
  ESR_ST,
  Ppc440Machine,
  X_ALIGN,
  X_SPIN,
  X_DTLB,
  X_FPU,
  X_ITLB,
  X_NONE,
  X_PROGRAM,
  X_SC,
  X_UNIMPL,
} from "./machine.ts";
import { hex } from "../core/format.ts";

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
export const IVOR_DTLB = 13;
export const IVOR_ITLB = 14;
export const IVOR_DEBUG = 15;

const TSR_DIS = 0x08000000;
const TCR_DIE = 0x04000000;
const TCR_ARE = 0x00400000;

/** The PVR QEMU 7.2's bamboo reports (a 440EP). */
export const PVR_440EP = 0x422218d3;

const EMULATE_DONE = 0;
/** The handler set pc itself (rfi, rfci). */
const EMULATE_JUMPED = 1;
const EMULATE_FAIL = 2;

export interface Ppc440KvmOptions {
  /** Called for every exit and emulated instruction (--trace). */
  trace?: (line: string) => void;
  /** Longest slice between two looks at the timer and the stop latch. */
  sliceInsns?: number;
  /** Exits in a row without progress before the run ends as stalled (0: never). */
  stallLimit?: number;
}

export class Ppc440Kvm implements Handlers<number>, Guest {
  readonly machine: Ppc440Machine;
  readonly stats = new ExitStats(PPC440_EXITS);
  readonly guestTlb = new GuestTlb();
  /** The entries, for inspection. */
  get tlb(): readonly GuestTlbEntry[] {
    return this.guestTlb.entries;
  }

  // The guest's view of the privileged state (vcpu->arch).
  msr = 0;
  srr0 = 0;
  srr1 = 0;
  csrr0 = 0;
  csrr1 = 0;
  mcsrr0 = 0;
  mcsrr1 = 0;
  /** MCSR (SPR 572), the machine check syndrome; write-1-to-clear. */
  mcsr = 0;
  dear = 0;
  esr = 0;
  ivpr = 0;
  readonly ivor = new Int32Array(16);
  pid = 0;
  mmucr = 0;
  ccr0 = 0;
  ccr1 = 0;
  pvr = PVR_440EP;
  pir = 0;
  dbcr0 = 0;
  dbcr1 = 0;
  dbsr = 0;
  tcr = 0;
  tsr = 0;
  decar = 0;
  /** DEC value at timebase `decTb`; DEC counts down one per tick and stops at 0. */
  private decAt = 0;
  private decTb = 0;

  private readonly trace?: (line: string) => void;
  private readonly slice: number;
  private readonly stallLimit: number;
  /** A guest error met while handling an exit: the run ends with it. */
  fatal: string | null = null;
  /** The instruction word being emulated. */
  private w = 0;
  private extIrq = false;
  private critIrq = false;
  private inMmio = false;

  constructor(
    readonly vmm: BambooVmm,
    opts: Ppc440KvmOptions = {},
  ) {
    this.machine = new Ppc440Machine(vmm.memory);
    vmm.onUicOutput = (ext, crit) => this.setExternal(ext, crit);
    this.trace = opts.trace;
    this.slice = opts.sliceInsns ?? SLICE_INSNS;
    this.stallLimit = opts.stallLimit ?? DEFAULT_STALL_LIMIT;
    this.machine.onMmio = (pa, width, isWrite, value) => {
      this.stats.exit(E.mmio, this.machine.pc, pa, width, isWrite ? 1 : 0);
      const x = this.mmioExit.set(pa, width, isWrite, value, this.machine.pc);
      vmm.bus.handle(x);
      return isWrite ? 0 : x.data;
    };
  }

  private readonly mmioExit = new MmioExit();

  // ---- decrementer ---------------------------------------------------------------------------

  get dec(): number {
    const d = this.decAt - (this.machine.tb - this.decTb);
    return d > 0 ? d : 0;
  }

  private setDec(v: number): void {
    this.decAt = v >>> 0;
    this.decTb = this.machine.tb;
  }

  /** Instructions until DEC reaches 0 (Infinity when it is stopped at 0). */
  private untilDec(): number {
    const d = this.dec;
    return d > 0 ? d : Infinity;
  }

  /** After a slice: a DEC that reached 0 sets TSR[DIS] and reloads from DECAR when TCR[ARE]. */
  private tickDec(): void {
    if (this.decAt === 0) return;
    const tb = this.machine.tb;
    const elapsed = tb - this.decTb;
    if (elapsed < this.decAt) return;
    this.tsr |= TSR_DIS;
    if (this.tcr & TCR_ARE && this.decar !== 0) {
      // Reloaded from DECAR at each expiry (no recursion, however long the gap).
      const period = this.decar >>> 0;
      this.decAt = period - ((elapsed - this.decAt) % period);
      this.decTb = tb;
    } else {
      this.decAt = 0;
      this.decTb = tb;
    }
  }

  // ---- MSR and context -----------------------------------------------------------------------

  /** kvmppc_set_msr: a change of PR, IS or DS changes the context the shadow entries belong to. */
  setMsr(v: number): void {
    const old = this.msr;
    this.msr = v | 0;
    if ((old ^ v) & (MSR_PR | MSR_IS | MSR_DS)) this.machine.shadowFlush();
    // The hardware runs FP instructions itself only while the guest has the FPU enabled.
    this.machine.fpEnabled = (v & MSR_FP) !== 0;
    if (v & MSR_WE) this.stats.exit(E.halt_wakeup, this.machine.pc);
  }

  // ---- interrupts ----------------------------------------------------------------------------

  /** Delivers interrupt `n` with return address `ret`. */
  inject(n: number, ret: number): void {
    const critical = n === IVOR_CRITICAL || n === 12 || n === IVOR_DEBUG;
    const m = this.machine;
    if (n === IVOR_MCHECK) {
      this.mcsrr0 = ret;
      this.mcsrr1 = this.msr;
    } else if (critical) {
      this.csrr0 = ret;
      this.csrr1 = this.msr;
    } else {
      this.srr0 = ret;
      this.srr1 = this.msr;
    }
    // Book E: non-critical interrupts keep CE, ME, DE; critical ones keep ME.
    const keep = critical || n === IVOR_MCHECK ? MSR_ME : MSR_CE | MSR_ME | MSR_DE;
    this.setMsr(this.msr & keep);
    m.pc = (this.ivpr & 0xffff0000) | (this.ivor[n] & 0xfff0);
    m.reserveValid = false;
  }

  /** UIC0's outputs (the board calls this whenever they change). */
  setExternal(external: boolean, critical: boolean): void {
    this.extIrq = external;
    this.critIrq = critical;
  }

  private deliverPending(): void {
    // Priority as the 440: critical input (MSR[CE]) first, then external input, then the
    // decrementer (both MSR[EE]).
    if (this.critIrq && this.msr & MSR_CE) {
      this.stats.exit(E.ext_intr, this.machine.pc);
      this.inject(IVOR_CRITICAL, this.machine.pc);
      return;
    }
    if (this.extIrq && this.msr & MSR_EE) {
      this.stats.exit(E.ext_intr, this.machine.pc);
      this.trace?.(`external interrupt at ${hex(this.machine.pc)}`);
      this.inject(IVOR_EXTERNAL, this.machine.pc);
      return;
    }
    if (this.tsr & TSR_DIS && this.tcr & TCR_DIE && this.msr & MSR_EE) {
      this.stats.exit(E.dec, this.machine.pc);
      this.trace?.(`dec interrupt at ${hex(this.machine.pc)}`);
      this.inject(IVOR_DEC, this.machine.pc);
    }
  }

  // ---- guest TLB -----------------------------------------------------------------------------

  /** Index of the guest TLB entry translating `ea` for (pid, as), or -1 (tlb.ts: indexed). */
  tlbLookup(ea: number, pid: number, as: number): number {
    return this.guestTlb.lookup(ea, pid, as);
  }

  /** A shadow miss: fill from the guest TLB, or deliver the guest's miss / storage interrupt. */
  private tlbMiss(ea: number, kind: "x" | "r" | "w"): void {
    const m = this.machine;
    const as = kind === "x" ? (this.msr & MSR_IS ? 1 : 0) : this.msr & MSR_DS ? 1 : 0;
    const i = this.tlbLookup(ea, this.pid, as);
    if (i < 0) {
      if (kind === "x") {
        this.stats.exit(E.itlb_v, m.pc, ea);
        this.inject(IVOR_ITLB, m.pc);
      } else {
        this.stats.exit(E.dtlb_v, m.pc, ea);
        this.dear = ea;
        this.esr = kind === "w" ? ESR_ST : 0;
        this.inject(IVOR_DTLB, m.pc);
      }
      return;
    }
    const e = this.tlb[i];
    const perms = e.word2;
    const user = (this.msr & MSR_PR) !== 0;
    const r = user ? (perms & 0x08) !== 0 : (perms & 0x01) !== 0;
    const w = user ? (perms & 0x10) !== 0 : (perms & 0x02) !== 0;
    const x = user ? (perms & 0x20) !== 0 : (perms & 0x04) !== 0;
    if ((kind === "x" && !x) || (kind === "r" && !r) || (kind === "w" && !w)) {
      if (kind === "x") {
        this.stats.exit(E.isi, m.pc, this.msr);
        this.esr = 0;
        this.inject(IVOR_ISI, m.pc);
      } else {
        this.stats.exit(E.dsi, m.pc, ea, kind === "w" ? ESR_ST : 0);
        this.dear = ea;
        this.esr = kind === "w" ? ESR_ST : 0;
        this.inject(IVOR_DSI, m.pc);
      }
      return;
    }
    const pa = (e.rpn + ((ea >>> 0) - e.epn)) >>> 0;
    const page = (pa & ~0xfff) >>> 0;
    const ram = e.erpn === 0 && page + 0x1000 <= m.ramBytes && e.bytes >= 0x1000;
    if (ram) {
      this.stats.exit(kind === "x" ? E.itlb_r : E.dtlb_r, m.pc, ea);
      this.trace?.(
        `shadow fill ${hex(ea & ~0xfff)} -> ${hex(page)} ${r ? "r" : "-"}${w ? "w" : "-"}${x ? "x" : "-"}`,
      );
      m.shadowFill(ea >>> 12, page, r, w, x, i);
      return;
    }
    if (kind === "x") {
      this.fatal =
        `instruction fetch from ${hex(ea)}: guest-physical ${e.erpn.toString(16)}_${hex(pa)} is not RAM` +
        (e.bytes < 0x1000 ? " (1 KB guest pages are not supported)" : "");
      return;
    }
    if (e.bytes < 0x1000) {
      this.fatal = `access to ${hex(ea)}: 1 KB guest pages are not supported`;
      return;
    }
    if (e.erpn !== 0) {
      this.fatal = `access to ${hex(ea)}: guest-physical ${e.erpn.toString(16)}_${hex(pa)} is above 4 GB (not modelled)`;
      return;
    }
    // MMIO: re-run the instruction with this page routed to the bus. One page per instruction:
    // an access that needs a second MMIO page (lmw/stmw/strings across devices) is reported.
    if (this.inMmio) {
      this.fatal = `instruction at ${hex(m.pc)} accesses MMIO in two pages (${hex(m.mmioPage)}, ${hex(page)}): not modelled`;
      return;
    }
    m.mmioVpn = ea >>> 12;
    m.mmioPage = page;
    this.inMmio = true;
    const code = m.run(m.icount + 1);
    if (code !== X_NONE) this.handle(code);
    this.inMmio = false;
    m.mmioVpn = -1;
  }

  // ---- the exit loop ---------------------------------------------------------------------------

  /** Runs until the guest stops, a fatal error, a hang, or `maxInsns` guest instructions in
   *  total: the shared exit loop (core/exit-loop.ts) with the 440's timers and exits. */
  run(maxInsns = Infinity): RunResult {
    return runExitLoop(this, { maxInsns, stallLimit: this.stallLimit, sliceInsns: this.slice });
  }

  get pc(): number {
    return this.machine.pc;
  }

  get icount(): number {
    return this.machine.icount;
  }

  get stop(): StopLatch {
    return this.vmm.stop;
  }

  /** Before a slice: the decrementer, pending interrupts, and the wait state (MSR[WE]). */
  prepare(): number | Hang {
    const m = this.machine;
    this.tickDec();
    this.deliverPending();
    if (this.msr & MSR_WE) {
      // Wait state: nothing but the decrementer can wake the guest here.
      const d = this.untilDec();
      if (d === Infinity || !(this.tcr & TCR_DIE) || !(this.msr & MSR_EE))
        return { hang: "the guest waits (MSR[WE]) with no interrupt that can wake it" };
      m.icount += d; // time passes
      this.tickDec();
      this.msr &= ~MSR_WE;
      return 0;
    }
    return Math.max(1, this.untilDec());
  }

  /** Runs the machine for at most `n` instructions and handles its exit. */
  step(n: number): Hang | undefined {
    const m = this.machine;
    const code = m.run(m.icount + n);
    if (code === X_SPIN) return this.spin(n);
    if (code !== X_NONE) this.handle(code);
    return undefined;
  }

  /** The guest is at `b .`. Devices here change state only when the guest touches them, so
   *  while it spins only time can wake it: the decrementer (TCR[DIE], MSR[EE]), or an interrupt
   *  already pending that the loop delivers before the next slice. When neither can happen
   *  (Linux's machine_hang after "System Halted": wrteei 0; b .) the guest has hung, where QEMU
   *  would spin until killed. Otherwise time passes to the decrementer's expiry, at most `n`
   *  instructions at a time, exactly as if the loop had run (one tick per instruction). */
  private spin(n: number): Hang | undefined {
    const m = this.machine;
    const ee = (this.msr & MSR_EE) !== 0;
    const decEnabled = ee && (this.tcr & TCR_DIE) !== 0;
    const pending =
      (ee && this.extIrq) ||
      (this.critIrq && (this.msr & MSR_CE) !== 0) ||
      (decEnabled && (this.tsr & TSR_DIS) !== 0);
    const decCanFire = decEnabled && this.untilDec() !== Infinity;
    if (!pending && !decCanFire)
      return { hang: `the guest spins at ${hex(m.pc)} (b .) where no interrupt can reach it` };
    if (pending) return undefined; // delivered before the next slice
    m.icount += Math.max(1, Math.min(this.untilDec(), n)); // untilDec() is finite here
    return undefined;
  }

  private handle(code: number): void {
    const m = this.machine;
    switch (code) {
      case X_PROGRAM: {
        const esr = m.exitEsr;
        if (esr === ESR_PPR && !(this.msr & MSR_PR)) {
          this.emulate(m.exitWord);
          return;
        }
        this.stats.exit(E.inst_emu, m.pc, m.exitWord >>> 0);
        this.trace?.(
          `program interrupt ${esr === ESR_PTR ? "trap" : esr === ESR_PIL ? "illegal" : "privileged"} at ${hex(m.pc)}`,
        );
        this.esr = esr;
        this.inject(IVOR_PROGRAM, m.pc);
        return;
      }
      case X_SC:
        this.stats.exit(E.sysc, m.pc);
        this.inject(IVOR_SYSCALL, (m.pc + 4) | 0);
        m.icount++;
        return;
      case X_ITLB:
        this.tlbMiss(m.exitEa, "x");
        return;
      case X_DTLB:
        this.tlbMiss(m.exitEa, m.exitWrite ? "w" : "r");
        return;
      case X_ALIGN:
        this.dear = m.exitEa;
        this.esr = m.exitWrite ? ESR_ST : 0;
        this.inject(IVOR_ALIGN, m.pc);
        return;
      case X_FPU:
        // The machine exits with X_FPU only while MSR[FP] is 0.
        this.inject(IVOR_FPUNAVAIL, m.pc);
        return;
      case X_UNIMPL:
        this.fatal = `unimplemented instruction ${m.exitName} (${hex(m.exitWord)}) at ${hex(m.pc)}`;
        return;
    }
  }

  /** kvmppc_emulate_instruction: a privileged instruction from guest supervisor state. */
  private emulate(w: number): void {
    const m = this.machine;
    this.stats.exit(E.inst_emu, m.pc, w >>> 0);
    this.trace?.(`emulate ${hex(w)} ${disassemble(w, m.pc)} at ${hex(m.pc)}`);
    const r = this.emulateOp(w);
    if (r === EMULATE_DONE) m.retire((m.pc + 4) | 0);
    else if (r === EMULATE_JUMPED) m.icount++;
    else if (this.fatal === null)
      this.fatal = `couldn't emulate instruction ${hex(w)} at ${hex(m.pc)}`;
  }

  /** kvmppc_core_emulate_op. */
  emulateOp(w: number): number {
    this.w = w;
    return dispatchId(this, decode(w), w);
  }

  /** kvmppc_core_emulate_mfspr; undefined for an SPR this core does not have. */
  emulateMfspr(n: number): number | undefined {
    const m = this.machine;
    switch (n) {
      case 22:
        return this.dec;
      case 26:
        return this.srr0;
      case 27:
        return this.srr1;
      case 48:
        return this.pid;
      case 54:
        return this.decar; // DECAR is write-only on the 440; reads return the value kept
      case 58:
        return this.csrr0;
      case 59:
        return this.csrr1;
      case 61:
        return this.dear;
      case 62:
        return this.esr;
      case 63:
        return this.ivpr;
      case 272:
      case 273:
      case 274:
      case 275:
      case 276:
      case 277:
      case 278:
      case 279:
        return m.sprg[n - 272];
      case 284:
        return m.tb | 0;
      case 285:
        return Math.floor(m.tb / 4294967296) | 0;
      case 286:
        return this.pir;
      case 287:
        return this.pvr;
      case 304:
        return this.dbsr;
      case 308:
        return this.dbcr0;
      case 309:
        return this.dbcr1;
      case 336:
        return this.tsr;
      case 340:
        return this.tcr;
      case 570:
        return this.mcsrr0;
      case 571:
        return this.mcsrr1;
      case 572:
        return this.mcsr;
      case 888:
        return this.ccr1;
      case 946:
        return this.mmucr;
      case 947:
        return this.ccr0;
    }
    if (n >= 400 && n <= 415) return this.ivor[n - 400];
    return undefined;
  }

  /** kvmppc_core_emulate_mtspr; false for an SPR this core does not have. */
  emulateMtspr(n: number, v: number): boolean {
    const m = this.machine;
    switch (n) {
      case 22:
        this.setDec(v);
        this.tickDec();
        return true;
      case 26:
        this.srr0 = v;
        return true;
      case 27:
        this.srr1 = v;
        return true;
      case 48:
        if ((v & 0xff) !== this.pid) {
          // kvmppc_set_pid: shadow entries from TID 0 (global) guest entries stay valid.
          const tlb = this.guestTlb.entries;
          m.shadowInvalidate((_vpn, src) => src < 0 || tlb[src].tid !== 0);
        }
        this.pid = v & 0xff;
        return true;
      case 54:
        this.decar = v;
        return true;
      case 58:
        this.csrr0 = v;
        return true;
      case 59:
        this.csrr1 = v;
        return true;
      case 61:
        this.dear = v;
        return true;
      case 62:
        this.esr = v;
        return true;
      case 63:
        this.ivpr = v & 0xffff0000;
        return true;
      case 272:
      case 273:
      case 274:
      case 275:
      case 276:
      case 277:
      case 278:
      case 279:
        m.sprg[n - 272] = v;
        return true;
      case 284:
        m.tbOffset += (v >>> 0) - (m.tb % 4294967296);
        return true;
      case 285:
        m.tbOffset += (v >>> 0) * 4294967296 - Math.floor(m.tb / 4294967296) * 4294967296;
        return true;
      case 286:
        return true; // PIR is read-only
      case 304:
        this.dbsr &= ~v; // write-1-to-clear
        return true;
      case 308:
        this.dbcr0 = v & ~0x30000000;
        if ((v >>> 28) & 3) this.dbcr0Reset((v >>> 28) & 3);
        return true;
      case 309:
        this.dbcr1 = v;
        return true;
      case 336:
        this.tsr &= ~v; // write-1-to-clear
        return true;
      case 340:
        this.tcr = v;
        return true;
      case 570:
        this.mcsrr0 = v;
        return true;
      case 571:
        this.mcsrr1 = v;
        return true;
      case 572:
        this.mcsr &= ~v; // write-1-to-clear; no machine check sets bits, so it stays 0
        return true;
      case 888:
        this.ccr1 = v;
        return true;
      case 946:
        this.mmucr = v;
        return true;
      case 947:
        this.ccr0 = v;
        return true;
    }
    if (n >= 400 && n <= 415) {
      this.ivor[n - 400] = v & 0xfff0;
      return true;
    }
    return false;
  }

  /** DBCR0[RST]: 0b11 is a system reset, which QEMU -no-reboot turns into an exit. */
  private dbcr0Reset(rst: number): void {
    if (rst === 3)
      this.vmm.stop.request({
        cause: "reset",
        status: 0,
        source: "DBCR0[RST]=0b11 (system reset)",
      });
    else
      this.fatal = `DBCR0[RST]=0b${rst.toString(2).padStart(2, "0")} (${rst === 1 ? "core" : "chip"} reset) is not modelled`;
  }

  /** What an emulation failure says about the instruction (for reports). */
  unimplemented(name: string, w: number): number {
    this.fatal = `couldn't emulate ${name} (${hex(w)}) at ${hex(this.machine.pc)}: not a privileged instruction kvm handles`;
    return EMULATE_FAIL;
  }

  // ---- Book E privileged instructions ------------------------------------------------------

  rfi(_w: number): number {
    this.machine.pc = this.srr0 & ~3;
    this.setMsr(this.srr1);
    return EMULATE_JUMPED;
  }
  rfci(_w: number): number {
    this.machine.pc = this.csrr0 & ~3;
    this.setMsr(this.csrr1);
    return EMULATE_JUMPED;
  }
  rfmci(_w: number): number {
    this.machine.pc = this.mcsrr0 & ~3;
    this.setMsr(this.mcsrr1);
    return EMULATE_JUMPED;
  }
  mfmsr(w: number): number {
    this.machine.gpr[F.rt(w)] = this.msr;
    return EMULATE_DONE;
  }
  mtmsr(w: number): number {
    this.setMsr(this.machine.gpr[F.rs(w)]);
    return EMULATE_DONE;
  }
  wrtee(w: number): number {
    this.msr = (this.msr & ~MSR_EE) | (this.machine.gpr[F.rs(w)] & MSR_EE);
    return EMULATE_DONE;
  }
  wrteei(w: number): number {
    this.msr = (this.msr & ~MSR_EE) | (F.e(w) ? MSR_EE : 0);
    return EMULATE_DONE;
  }
  mfspr(w: number): number {
    const n = F.spr(w);
    const v = this.emulateMfspr(n);
    if (v === undefined) {
      this.fatal = `unknown SPR ${n} (${regName("spr", n) ?? "not defined on the 440"}) read by mfspr at ${hex(this.machine.pc)}`;
      return EMULATE_FAIL;
    }
    this.machine.gpr[F.rt(w)] = v;
    return EMULATE_DONE;
  }
  mtspr(w: number): number {
    const n = F.spr(w);
    if (!this.emulateMtspr(n, this.machine.gpr[F.rs(w)])) {
      this.fatal = `unknown SPR ${n} (${regName("spr", n) ?? "not defined on the 440"}) written by mtspr at ${hex(this.machine.pc)}`;
      return EMULATE_FAIL;
    }
    return EMULATE_DONE;
  }

  // ---- 440 TLB management ------------------------------------------------------------------

  private tlbIndex(w: number): number {
    return this.machine.gpr[F.ra(w)] & 63;
  }
  tlbwe(w: number): number {
    const ws = F.rb(w);
    if (ws > 2) return EMULATE_DONE; // undefined word select: no effect
    // The shadow entries this guest entry backed go; entry 0's old and new ranges both count
    // (tlbwe of word 0 can move the entry onto pages other entries filled).
    const i = this.tlbIndex(w);
    const e = this.guestTlb.entries[i];
    const oldLo = e.valid ? e.epn >>> 12 : 1,
      oldHi = e.valid ? (e.epn + e.bytes - 1) >>> 12 : 0;
    this.guestTlb.write(i, ws, this.machine.gpr[F.rs(w)], this.mmucr);
    const newLo = e.valid ? e.epn >>> 12 : 1,
      newHi = e.valid ? (e.epn + e.bytes - 1) >>> 12 : 0;
    this.machine.shadowInvalidate(
      (vpn, src) => src === i || (vpn >= oldLo && vpn <= oldHi) || (vpn >= newLo && vpn <= newHi),
    );
    return EMULATE_DONE;
  }
  tlbwe_440(w: number): number {
    return this.tlbwe(w);
  }
  tlbre(w: number): number {
    const e = this.tlb[this.tlbIndex(w)];
    const m = this.machine;
    switch (F.rb(w)) {
      case 0:
        m.gpr[F.rt(w)] = e.word0;
        this.mmucr = (this.mmucr & ~0xff) | e.tid;
        break;
      case 1:
        m.gpr[F.rt(w)] = e.word1;
        break;
      case 2:
        m.gpr[F.rt(w)] = e.word2;
        break;
    }
    return EMULATE_DONE;
  }
  tlbre_440(w: number): number {
    return this.tlbre(w);
  }
  tlbsx(w: number): number {
    const m = this.machine;
    const ra = F.ra(w);
    const ea = ((ra === 0 ? 0 : m.gpr[ra]) + m.gpr[F.rb(w)]) | 0;
    const sts = (this.mmucr >>> 16) & 1;
    const i = this.tlbLookup(ea, this.mmucr & 0xff, sts);
    if (i >= 0) m.gpr[F.rt(w)] = i;
    if (w & 1) m.cr = (m.cr & 0x0fffffff) | ((i >= 0 ? 2 : 0) << 28) | ((m.xer >>> 31) << 28);
    return EMULATE_DONE;
  }
  tlbivax(_w: number): number {
    // The 440 has no tlbivax (KVM/440 did not emulate it): illegal.
    return this.illegal();
  }
  tlbsync(_w: number): number {
    return EMULATE_DONE;
  }
  iccci(_w: number): number {
    return EMULATE_DONE;
  }
  dccci(_w: number): number {
    return EMULATE_DONE;
  }
  dcbi(_w: number): number {
    return EMULATE_DONE;
  }

  private illegal(): number {
    this.stats.exit(E.inst_emu, this.machine.pc, this.w >>> 0);
    this.esr = ESR_PIL;
    this.inject(IVOR_PROGRAM, this.machine.pc);
    return EMULATE_JUMPED;
  }

  // ---- DCRs: exits to the vmm ----------------------------------------------------------------

  private dcrRead(w: number, n: number): number {
    this.stats.exit(E.dcr, this.machine.pc, n, 0);
    this.machine.gpr[F.rt(w)] = this.vmm.dcrRead(n);
    return EMULATE_DONE;
  }
  private dcrWrite(w: number, n: number): number {
    this.stats.exit(E.dcr, this.machine.pc, n, 1);
    this.vmm.dcrWrite(n, this.machine.gpr[F.rs(w)]);
    return EMULATE_DONE;
  }
  mfdcr(w: number): number {
    return this.dcrRead(w, F.dcrn(w));
  }
  mtdcr(w: number): number {
    return this.dcrWrite(w, F.dcrn(w));
  }
  mfdcrx(w: number): number {
    return this.dcrRead(w, this.machine.gpr[F.ra(w)] & 0x3ff);
  }
  mtdcrx(w: number): number {
    return this.dcrWrite(w, this.machine.gpr[F.ra(w)] & 0x3ff);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  b(w: number): number {
    return this.unimplemented("b", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bc(w: number): number {
    return this.unimplemented("bc", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bclr(w: number): number {
    return this.unimplemented("bclr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bcctr(w: number): number {
    return this.unimplemented("bcctr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sc(w: number): number {
    return this.unimplemented("sc", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mcrf(w: number): number {
    return this.unimplemented("mcrf", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  crand(w: number): number {
    return this.unimplemented("crand", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  crandc(w: number): number {
    return this.unimplemented("crandc", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  creqv(w: number): number {
    return this.unimplemented("creqv", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  crnand(w: number): number {
    return this.unimplemented("crnand", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  crnor(w: number): number {
    return this.unimplemented("crnor", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cror(w: number): number {
    return this.unimplemented("cror", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  crorc(w: number): number {
    return this.unimplemented("crorc", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  crxor(w: number): number {
    return this.unimplemented("crxor", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfcr(w: number): number {
    return this.unimplemented("mfcr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfocrf(w: number): number {
    return this.unimplemented("mfocrf", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtcrf(w: number): number {
    return this.unimplemented("mtcrf", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtocrf(w: number): number {
    return this.unimplemented("mtocrf", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mcrxr(w: number): number {
    return this.unimplemented("mcrxr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  addi(w: number): number {
    return this.unimplemented("addi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  addis(w: number): number {
    return this.unimplemented("addis", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  addic(w: number): number {
    return this.unimplemented("addic", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  addic_dot(w: number): number {
    return this.unimplemented("addic_dot", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  subfic(w: number): number {
    return this.unimplemented("subfic", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mulli(w: number): number {
    return this.unimplemented("mulli", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  add(w: number): number {
    return this.unimplemented("add", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  addc(w: number): number {
    return this.unimplemented("addc", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  adde(w: number): number {
    return this.unimplemented("adde", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  addme(w: number): number {
    return this.unimplemented("addme", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  addze(w: number): number {
    return this.unimplemented("addze", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  subf(w: number): number {
    return this.unimplemented("subf", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  subfc(w: number): number {
    return this.unimplemented("subfc", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  subfe(w: number): number {
    return this.unimplemented("subfe", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  subfme(w: number): number {
    return this.unimplemented("subfme", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  subfze(w: number): number {
    return this.unimplemented("subfze", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  neg(w: number): number {
    return this.unimplemented("neg", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mullw(w: number): number {
    return this.unimplemented("mullw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mulhw(w: number): number {
    return this.unimplemented("mulhw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mulhwu(w: number): number {
    return this.unimplemented("mulhwu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  divw(w: number): number {
    return this.unimplemented("divw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  divwu(w: number): number {
    return this.unimplemented("divwu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cmpi(w: number): number {
    return this.unimplemented("cmpi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cmpli(w: number): number {
    return this.unimplemented("cmpli", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cmp(w: number): number {
    return this.unimplemented("cmp", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cmpl(w: number): number {
    return this.unimplemented("cmpl", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  twi(w: number): number {
    return this.unimplemented("twi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tw(w: number): number {
    return this.unimplemented("tw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  andi(w: number): number {
    return this.unimplemented("andi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  andis(w: number): number {
    return this.unimplemented("andis", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  ori(w: number): number {
    return this.unimplemented("ori", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  oris(w: number): number {
    return this.unimplemented("oris", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  xori(w: number): number {
    return this.unimplemented("xori", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  xoris(w: number): number {
    return this.unimplemented("xoris", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  and(w: number): number {
    return this.unimplemented("and", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  andc(w: number): number {
    return this.unimplemented("andc", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  or(w: number): number {
    return this.unimplemented("or", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  orc(w: number): number {
    return this.unimplemented("orc", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  xor(w: number): number {
    return this.unimplemented("xor", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  nand(w: number): number {
    return this.unimplemented("nand", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  nor(w: number): number {
    return this.unimplemented("nor", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  eqv(w: number): number {
    return this.unimplemented("eqv", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  extsb(w: number): number {
    return this.unimplemented("extsb", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  extsh(w: number): number {
    return this.unimplemented("extsh", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cntlzw(w: number): number {
    return this.unimplemented("cntlzw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  rlwimi(w: number): number {
    return this.unimplemented("rlwimi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  rlwinm(w: number): number {
    return this.unimplemented("rlwinm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  rlwnm(w: number): number {
    return this.unimplemented("rlwnm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  slw(w: number): number {
    return this.unimplemented("slw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  srw(w: number): number {
    return this.unimplemented("srw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sraw(w: number): number {
    return this.unimplemented("sraw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  srawi(w: number): number {
    return this.unimplemented("srawi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lbz(w: number): number {
    return this.unimplemented("lbz", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lbzu(w: number): number {
    return this.unimplemented("lbzu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lhz(w: number): number {
    return this.unimplemented("lhz", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lhzu(w: number): number {
    return this.unimplemented("lhzu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lha(w: number): number {
    return this.unimplemented("lha", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lhau(w: number): number {
    return this.unimplemented("lhau", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lwz(w: number): number {
    return this.unimplemented("lwz", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lwzu(w: number): number {
    return this.unimplemented("lwzu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stb(w: number): number {
    return this.unimplemented("stb", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stbu(w: number): number {
    return this.unimplemented("stbu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sth(w: number): number {
    return this.unimplemented("sth", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sthu(w: number): number {
    return this.unimplemented("sthu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stw(w: number): number {
    return this.unimplemented("stw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stwu(w: number): number {
    return this.unimplemented("stwu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lmw(w: number): number {
    return this.unimplemented("lmw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stmw(w: number): number {
    return this.unimplemented("stmw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lbzx(w: number): number {
    return this.unimplemented("lbzx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lbzux(w: number): number {
    return this.unimplemented("lbzux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lhzx(w: number): number {
    return this.unimplemented("lhzx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lhzux(w: number): number {
    return this.unimplemented("lhzux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lhax(w: number): number {
    return this.unimplemented("lhax", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lhaux(w: number): number {
    return this.unimplemented("lhaux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lwzx(w: number): number {
    return this.unimplemented("lwzx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lwzux(w: number): number {
    return this.unimplemented("lwzux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stbx(w: number): number {
    return this.unimplemented("stbx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stbux(w: number): number {
    return this.unimplemented("stbux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sthx(w: number): number {
    return this.unimplemented("sthx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sthux(w: number): number {
    return this.unimplemented("sthux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stwx(w: number): number {
    return this.unimplemented("stwx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stwux(w: number): number {
    return this.unimplemented("stwux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lhbrx(w: number): number {
    return this.unimplemented("lhbrx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lwbrx(w: number): number {
    return this.unimplemented("lwbrx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sthbrx(w: number): number {
    return this.unimplemented("sthbrx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stwbrx(w: number): number {
    return this.unimplemented("stwbrx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lswi(w: number): number {
    return this.unimplemented("lswi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lswx(w: number): number {
    return this.unimplemented("lswx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stswi(w: number): number {
    return this.unimplemented("stswi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stswx(w: number): number {
    return this.unimplemented("stswx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lwarx(w: number): number {
    return this.unimplemented("lwarx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stwcx(w: number): number {
    return this.unimplemented("stwcx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  dcbf(w: number): number {
    return this.unimplemented("dcbf", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  dcbst(w: number): number {
    return this.unimplemented("dcbst", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  dcbt(w: number): number {
    return this.unimplemented("dcbt", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  dcbtst(w: number): number {
    return this.unimplemented("dcbtst", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  dcbz(w: number): number {
    return this.unimplemented("dcbz", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  icbi(w: number): number {
    return this.unimplemented("icbi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  isync(w: number): number {
    return this.unimplemented("isync", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sync(w: number): number {
    return this.unimplemented("sync", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lwsync(w: number): number {
    return this.unimplemented("lwsync", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mbar(w: number): number {
    return this.unimplemented("mbar", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  dcba(w: number): number {
    return this.unimplemented("dcba", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  icbt(w: number): number {
    return this.unimplemented("icbt", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfapidi(w: number): number {
    return this.unimplemented("mfapidi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mulchw(w: number): number {
    return this.unimplemented("mulchw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mulchwu(w: number): number {
    return this.unimplemented("mulchwu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mulhhw(w: number): number {
    return this.unimplemented("mulhhw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mulhhwu(w: number): number {
    return this.unimplemented("mulhhwu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mullhw(w: number): number {
    return this.unimplemented("mullhw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mullhwu(w: number): number {
    return this.unimplemented("mullhwu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  macchw(w: number): number {
    return this.unimplemented("macchw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  macchws(w: number): number {
    return this.unimplemented("macchws", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  macchwsu(w: number): number {
    return this.unimplemented("macchwsu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  macchwu(w: number): number {
    return this.unimplemented("macchwu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  machhw(w: number): number {
    return this.unimplemented("machhw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  machhws(w: number): number {
    return this.unimplemented("machhws", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  machhwsu(w: number): number {
    return this.unimplemented("machhwsu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  machhwu(w: number): number {
    return this.unimplemented("machhwu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  maclhw(w: number): number {
    return this.unimplemented("maclhw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  maclhws(w: number): number {
    return this.unimplemented("maclhws", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  maclhwsu(w: number): number {
    return this.unimplemented("maclhwsu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  maclhwu(w: number): number {
    return this.unimplemented("maclhwu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  nmacchw(w: number): number {
    return this.unimplemented("nmacchw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  nmacchws(w: number): number {
    return this.unimplemented("nmacchws", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  nmachhw(w: number): number {
    return this.unimplemented("nmachhw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  nmachhws(w: number): number {
    return this.unimplemented("nmachhws", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  nmaclhw(w: number): number {
    return this.unimplemented("nmaclhw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  nmaclhws(w: number): number {
    return this.unimplemented("nmaclhws", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi0fcm(w: number): number {
    return this.unimplemented("udi0fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi1fcm(w: number): number {
    return this.unimplemented("udi1fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi2fcm(w: number): number {
    return this.unimplemented("udi2fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi3fcm(w: number): number {
    return this.unimplemented("udi3fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi4fcm(w: number): number {
    return this.unimplemented("udi4fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi5fcm(w: number): number {
    return this.unimplemented("udi5fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi6fcm(w: number): number {
    return this.unimplemented("udi6fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi7fcm(w: number): number {
    return this.unimplemented("udi7fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi8fcm(w: number): number {
    return this.unimplemented("udi8fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi9fcm(w: number): number {
    return this.unimplemented("udi9fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi10fcm(w: number): number {
    return this.unimplemented("udi10fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi11fcm(w: number): number {
    return this.unimplemented("udi11fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi12fcm(w: number): number {
    return this.unimplemented("udi12fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi13fcm(w: number): number {
    return this.unimplemented("udi13fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi14fcm(w: number): number {
    return this.unimplemented("udi14fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi15fcm(w: number): number {
    return this.unimplemented("udi15fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  dlmzb(w: number): number {
    return this.unimplemented("dlmzb", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfdcrux(w: number): number {
    return this.unimplemented("mfdcrux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtdcrux(w: number): number {
    return this.unimplemented("mtdcrux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  icread(w: number): number {
    return this.unimplemented("icread", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  dcread(w: number): number {
    return this.unimplemented("dcread", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  isel(w: number): number {
    return this.unimplemented("isel", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfsr(w: number): number {
    return this.unimplemented("mfsr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtsr(w: number): number {
    return this.unimplemented("mtsr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfsrin(w: number): number {
    return this.unimplemented("mfsrin", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtsrin(w: number): number {
    return this.unimplemented("mtsrin", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlbie(w: number): number {
    return this.unimplemented("tlbie", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlbia(w: number): number {
    return this.unimplemented("tlbia", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlbli(w: number): number {
    return this.unimplemented("tlbli", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  eciwx(w: number): number {
    return this.unimplemented("eciwx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  ecowx(w: number): number {
    return this.unimplemented("ecowx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lfs(w: number): number {
    return this.unimplemented("lfs", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lfsu(w: number): number {
    return this.unimplemented("lfsu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lfd(w: number): number {
    return this.unimplemented("lfd", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lfdu(w: number): number {
    return this.unimplemented("lfdu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stfs(w: number): number {
    return this.unimplemented("stfs", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stfsu(w: number): number {
    return this.unimplemented("stfsu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stfd(w: number): number {
    return this.unimplemented("stfd", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stfdu(w: number): number {
    return this.unimplemented("stfdu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lfsx(w: number): number {
    return this.unimplemented("lfsx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lfsux(w: number): number {
    return this.unimplemented("lfsux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lfdx(w: number): number {
    return this.unimplemented("lfdx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lfdux(w: number): number {
    return this.unimplemented("lfdux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stfsx(w: number): number {
    return this.unimplemented("stfsx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stfsux(w: number): number {
    return this.unimplemented("stfsux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stfdx(w: number): number {
    return this.unimplemented("stfdx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stfdux(w: number): number {
    return this.unimplemented("stfdux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stfiwx(w: number): number {
    return this.unimplemented("stfiwx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fdivs(w: number): number {
    return this.unimplemented("fdivs", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fsubs(w: number): number {
    return this.unimplemented("fsubs", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fadds(w: number): number {
    return this.unimplemented("fadds", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fsqrts(w: number): number {
    return this.unimplemented("fsqrts", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fres(w: number): number {
    return this.unimplemented("fres", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fmuls(w: number): number {
    return this.unimplemented("fmuls", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fmsubs(w: number): number {
    return this.unimplemented("fmsubs", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fmadds(w: number): number {
    return this.unimplemented("fmadds", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fnmsubs(w: number): number {
    return this.unimplemented("fnmsubs", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fnmadds(w: number): number {
    return this.unimplemented("fnmadds", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fdiv(w: number): number {
    return this.unimplemented("fdiv", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fsub(w: number): number {
    return this.unimplemented("fsub", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fadd(w: number): number {
    return this.unimplemented("fadd", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fsqrt(w: number): number {
    return this.unimplemented("fsqrt", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fsel(w: number): number {
    return this.unimplemented("fsel", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fmul(w: number): number {
    return this.unimplemented("fmul", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  frsqrte(w: number): number {
    return this.unimplemented("frsqrte", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fmsub(w: number): number {
    return this.unimplemented("fmsub", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fmadd(w: number): number {
    return this.unimplemented("fmadd", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fnmsub(w: number): number {
    return this.unimplemented("fnmsub", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fnmadd(w: number): number {
    return this.unimplemented("fnmadd", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  frsp(w: number): number {
    return this.unimplemented("frsp", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fctiw(w: number): number {
    return this.unimplemented("fctiw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fctiwz(w: number): number {
    return this.unimplemented("fctiwz", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fcmpu(w: number): number {
    return this.unimplemented("fcmpu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fcmpo(w: number): number {
    return this.unimplemented("fcmpo", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fneg(w: number): number {
    return this.unimplemented("fneg", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fmr(w: number): number {
    return this.unimplemented("fmr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fnabs(w: number): number {
    return this.unimplemented("fnabs", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fabs(w: number): number {
    return this.unimplemented("fabs", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mffs(w: number): number {
    return this.unimplemented("mffs", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtfsf(w: number): number {
    return this.unimplemented("mtfsf", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtfsfi(w: number): number {
    return this.unimplemented("mtfsfi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtfsb0(w: number): number {
    return this.unimplemented("mtfsb0", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtfsb1(w: number): number {
    return this.unimplemented("mtfsb1", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mcrfs(w: number): number {
    return this.unimplemented("mcrfs", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  invalid(w: number): number {
    return this.unimplemented("invalid", w);
  }
}

// The PowerPC 440 hypervisor, after KVM/440 (arch/powerpc/kvm, 2.6.26-2.6.3x; seeds 002, 004;
// ../shared/research/kvm-model.md §1):
//
//   - `run` is kvmppc_handle_exit: it runs the machine ("hardware") in slices and handles each
//     exit, counting it under KVM's exit names (kvm/stats.ts PPC440_EXITS);
//   - privileged instructions are emulated through the generated dispatch: `Ppc440Kvm`
//     implements the generated role `EmulateHandlers` (one method per privileged entry, taking
//     its decoded operands), organised as the seed's core hooks: `emulateOp`
//     (kvmppc_core_emulate_op: the instruction, via execEmulate), `emulateMtspr` /
//     `emulateMfspr` (kvmppc_core_emulate_mtspr/mfspr, SPRs named by the generated `SPR`), which
//     report "unknown SPR n" instead of failing silently;
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
  decode,
  disassemble,
  execEmulate,
  INFO,
  regName,
  SPR,
  type EmulateHandlers,
} from "../../generated/ppc440/index.ts";
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

export class Ppc440Kvm implements EmulateHandlers<number>, Guest {
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

  /** kvmppc_core_emulate_op: the instruction through the generated role dispatch. */
  emulateOp(w: number): number {
    this.w = w;
    return execEmulate(this, decode(w), w, this.outsideEmulate);
  }

  /** A word outside the emulate role: the machine sends only privileged words here, so this is a
   *  table newer than this class (and the dispatch fallback). */
  private readonly outsideEmulate = (id: number, _w: number): number =>
    this.unimplemented(INFO[id].entry);

  /** kvmppc_core_emulate_mfspr; undefined for an SPR this core does not have. */
  emulateMfspr(n: number): number | undefined {
    const m = this.machine;
    switch (n) {
      case SPR.DEC:
        return this.dec;
      case SPR.SRR0:
        return this.srr0;
      case SPR.SRR1:
        return this.srr1;
      case SPR.PID:
        return this.pid;
      case SPR.DECAR:
        return this.decar; // DECAR is write-only on the 440; reads return the value kept
      case SPR.CSRR0:
        return this.csrr0;
      case SPR.CSRR1:
        return this.csrr1;
      case SPR.DEAR:
        return this.dear;
      case SPR.ESR:
        return this.esr;
      case SPR.IVPR:
        return this.ivpr;
      case SPR.SPRG0:
      case SPR.SPRG1:
      case SPR.SPRG2:
      case SPR.SPRG3:
      case SPR.SPRG4_W:
      case SPR.SPRG5_W:
      case SPR.SPRG6_W:
      case SPR.SPRG7_W:
        return m.sprg[n - SPR.SPRG0];
      case SPR.TBL_W:
        return m.tb | 0;
      case SPR.TBU_W:
        return Math.floor(m.tb / 4294967296) | 0;
      case SPR.PIR:
        return this.pir;
      case SPR.PVR:
        return this.pvr;
      case SPR.DBSR:
        return this.dbsr;
      case SPR.DBCR0:
        return this.dbcr0;
      case SPR.DBCR1:
        return this.dbcr1;
      case SPR.TSR:
        return this.tsr;
      case SPR.TCR:
        return this.tcr;
      case SPR.MCSRR0:
        return this.mcsrr0;
      case SPR.MCSRR1:
        return this.mcsrr1;
      case SPR.MCSR:
        return this.mcsr;
      case SPR.CCR1:
        return this.ccr1;
      case SPR.MMUCR:
        return this.mmucr;
      case SPR.CCR0:
        return this.ccr0;
    }
    if (n >= SPR.IVOR0 && n <= SPR.IVOR15) return this.ivor[n - SPR.IVOR0];
    return undefined;
  }

  /** kvmppc_core_emulate_mtspr; false for an SPR this core does not have. */
  emulateMtspr(n: number, v: number): boolean {
    const m = this.machine;
    switch (n) {
      case SPR.DEC:
        this.setDec(v);
        this.tickDec();
        return true;
      case SPR.SRR0:
        this.srr0 = v;
        return true;
      case SPR.SRR1:
        this.srr1 = v;
        return true;
      case SPR.PID:
        if ((v & 0xff) !== this.pid) {
          // kvmppc_set_pid: shadow entries from TID 0 (global) guest entries stay valid.
          const tlb = this.guestTlb.entries;
          m.shadowInvalidate((_vpn, src) => src < 0 || tlb[src].tid !== 0);
        }
        this.pid = v & 0xff;
        return true;
      case SPR.DECAR:
        this.decar = v;
        return true;
      case SPR.CSRR0:
        this.csrr0 = v;
        return true;
      case SPR.CSRR1:
        this.csrr1 = v;
        return true;
      case SPR.DEAR:
        this.dear = v;
        return true;
      case SPR.ESR:
        this.esr = v;
        return true;
      case SPR.IVPR:
        this.ivpr = v & 0xffff0000;
        return true;
      case SPR.SPRG0:
      case SPR.SPRG1:
      case SPR.SPRG2:
      case SPR.SPRG3:
      case SPR.SPRG4_W:
      case SPR.SPRG5_W:
      case SPR.SPRG6_W:
      case SPR.SPRG7_W:
        m.sprg[n - SPR.SPRG0] = v;
        return true;
      case SPR.TBL_W:
        m.tbOffset += (v >>> 0) - (m.tb % 4294967296);
        return true;
      case SPR.TBU_W:
        m.tbOffset += (v >>> 0) * 4294967296 - Math.floor(m.tb / 4294967296) * 4294967296;
        return true;
      case SPR.PIR:
        return true; // PIR is read-only
      case SPR.DBSR:
        this.dbsr &= ~v; // write-1-to-clear
        return true;
      case SPR.DBCR0:
        this.dbcr0 = v & ~0x30000000;
        if ((v >>> 28) & 3) this.dbcr0Reset((v >>> 28) & 3);
        return true;
      case SPR.DBCR1:
        this.dbcr1 = v;
        return true;
      case SPR.TSR:
        this.tsr &= ~v; // write-1-to-clear
        return true;
      case SPR.TCR:
        this.tcr = v;
        return true;
      case SPR.MCSRR0:
        this.mcsrr0 = v;
        return true;
      case SPR.MCSRR1:
        this.mcsrr1 = v;
        return true;
      case SPR.MCSR:
        this.mcsr &= ~v; // write-1-to-clear; no machine check sets bits, so it stays 0
        return true;
      case SPR.CCR1:
        this.ccr1 = v;
        return true;
      case SPR.MMUCR:
        this.mmucr = v;
        return true;
      case SPR.CCR0:
        this.ccr0 = v;
        return true;
    }
    if (n >= SPR.IVOR0 && n <= SPR.IVOR15) {
      this.ivor[n - SPR.IVOR0] = v & 0xfff0;
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

  /** An instruction kvm has no emulation for ends the run with a report (the dispatch fallback,
   *  and future scaffolded stubs). */
  unimplemented(name: string): number {
    this.fatal = `couldn't emulate ${name} (${hex(this.w)}) at ${hex(this.machine.pc)}: not a privileged instruction kvm handles`;
    return EMULATE_FAIL;
  }

  // ---- Book E privileged instructions ------------------------------------------------------

  rfi(): number {
    this.machine.pc = this.srr0 & ~3;
    this.setMsr(this.srr1);
    return EMULATE_JUMPED;
  }
  rfci(): number {
    this.machine.pc = this.csrr0 & ~3;
    this.setMsr(this.csrr1);
    return EMULATE_JUMPED;
  }
  rfmci(): number {
    this.machine.pc = this.mcsrr0 & ~3;
    this.setMsr(this.mcsrr1);
    return EMULATE_JUMPED;
  }
  mfmsr(rt: number): number {
    this.machine.gpr[rt] = this.msr;
    return EMULATE_DONE;
  }
  mtmsr(rs: number, _l15: number): number {
    this.setMsr(this.machine.gpr[rs]);
    return EMULATE_DONE;
  }
  wrtee(rs: number): number {
    this.msr = (this.msr & ~MSR_EE) | (this.machine.gpr[rs] & MSR_EE);
    return EMULATE_DONE;
  }
  wrteei(e: number): number {
    this.msr = (this.msr & ~MSR_EE) | (e ? MSR_EE : 0);
    return EMULATE_DONE;
  }
  mfspr(rt: number, spr: number): number {
    const v = this.emulateMfspr(spr);
    if (v === undefined) {
      this.fatal = `unknown SPR ${spr} (${regName("spr", spr) ?? "not defined on the 440"}) read by mfspr at ${hex(this.machine.pc)}`;
      return EMULATE_FAIL;
    }
    this.machine.gpr[rt] = v;
    return EMULATE_DONE;
  }
  mtspr(rs: number, spr: number): number {
    if (!this.emulateMtspr(spr, this.machine.gpr[rs])) {
      this.fatal = `unknown SPR ${spr} (${regName("spr", spr) ?? "not defined on the 440"}) written by mtspr at ${hex(this.machine.pc)}`;
      return EMULATE_FAIL;
    }
    return EMULATE_DONE;
  }

  // ---- 440 TLB management ------------------------------------------------------------------

  /** tlbwe RS,RA,WS: word WS of guest TLB entry (RA) & 63. */
  tlbwe_440(rs: number, ra: number, ws: number): number {
    if (ws > 2) return EMULATE_DONE; // undefined word select: no effect
    // The shadow entries this guest entry backed go; entry 0's old and new ranges both count
    // (tlbwe of word 0 can move the entry onto pages other entries filled).
    const i = this.machine.gpr[ra] & 63;
    const e = this.guestTlb.entries[i];
    const oldLo = e.valid ? e.epn >>> 12 : 1,
      oldHi = e.valid ? (e.epn + e.bytes - 1) >>> 12 : 0;
    this.guestTlb.write(i, ws, this.machine.gpr[rs], this.mmucr);
    const newLo = e.valid ? e.epn >>> 12 : 1,
      newHi = e.valid ? (e.epn + e.bytes - 1) >>> 12 : 0;
    this.machine.shadowInvalidate(
      (vpn, src) => src === i || (vpn >= oldLo && vpn <= oldHi) || (vpn >= newLo && vpn <= newHi),
    );
    return EMULATE_DONE;
  }
  /** Book E's operand-less tlbwe: the 440 form with every field 0. */
  tlbwe(): number {
    return this.tlbwe_440(0, 0, 0);
  }
  /** tlbre RT,RA,WS: word WS of guest TLB entry (RA) & 63; word 0 also sets MMUCR[STID]. */
  tlbre_440(rt: number, ra: number, ws: number): number {
    const m = this.machine;
    const e = this.tlb[m.gpr[ra] & 63];
    switch (ws) {
      case 0:
        m.gpr[rt] = e.word0;
        this.mmucr = (this.mmucr & ~0xff) | e.tid;
        break;
      case 1:
        m.gpr[rt] = e.word1;
        break;
      case 2:
        m.gpr[rt] = e.word2;
        break;
    }
    return EMULATE_DONE;
  }
  tlbre(): number {
    return this.tlbre_440(0, 0, 0);
  }
  tlbsx(rt: number, ra: number, rb: number, rc: number): number {
    const m = this.machine;
    const ea = ((ra === 0 ? 0 : m.gpr[ra]) + m.gpr[rb]) | 0;
    const sts = (this.mmucr >>> 16) & 1;
    const i = this.tlbLookup(ea, this.mmucr & 0xff, sts);
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
    const g = this.machine.gpr;
    g[rt] = ((ra === 0 ? 0 : g[ra]) + g[rb]) | 0;
    return EMULATE_DONE;
  }

  private illegal(): number {
    this.stats.exit(E.inst_emu, this.machine.pc, this.w >>> 0);
    this.esr = ESR_PIL;
    this.inject(IVOR_PROGRAM, this.machine.pc);
    return EMULATE_JUMPED;
  }

  // ---- DCRs: exits to the vmm ----------------------------------------------------------------

  mfdcr(rt: number, dcrn: number): number {
    this.stats.exit(E.dcr, this.machine.pc, dcrn, 0);
    this.machine.gpr[rt] = this.vmm.dcrRead(dcrn);
    return EMULATE_DONE;
  }
  mtdcr(rs: number, dcrn: number): number {
    this.stats.exit(E.dcr, this.machine.pc, dcrn, 1);
    this.vmm.dcrWrite(dcrn, this.machine.gpr[rs]);
    return EMULATE_DONE;
  }
}

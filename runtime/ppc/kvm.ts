// The PowerPC 440 hypervisor, after KVM/440 (arch/powerpc/kvm, 2.6.26-2.6.3x; seeds 002, 004),
// split as Linux splits it:
//
//   - kvm.ts (booke.c): the vCPU's privileged state (vcpu->arch), the exit loop (the shared
//     core/exit-loop.ts with the 440's `prepare` and `step`) and kvmppc_handle_exit, which
//     handles each exit of the machine ("hardware", machine.ts), counting it under KVM's exit
//     names (core/stats.ts PPC440_EXITS);
//   - emulate.ts (emulate.c, booke_emulate.c, 44x_emulate.c): privileged instructions from guest
//     supervisor state, through the generated role `EmulateHandlers`;
//   - spr.ts: mfspr/mtspr of the SPRs the guest kernel may not touch itself, by `SPR.*` name;
//   - mmu.ts (44x_tlb.c): the guest TLB, shadow fills on hardware TLB misses, MMIO routing;
//   - interrupts.ts: delivery (IVPR | IVORn, SRR0/1 or CSRR0/1, ESR, DEAR) in the 440's order;
//   - timers.ts: the decrementer (TCR[DIE], TSR[DIS], TCR[ARE] auto-reload from DECAR) on the
//     instruction-count timebase.
// mfdcr/mtdcr go to the vmm's DCR handler (dcr exits).

import { ExitStats, PPC440_EXITS } from "../core/stats.ts";
import type { RunResult, StopLatch } from "../core/run-result.ts";
import {
  DEFAULT_STALL_LIMIT,
  runExitLoop,
  SLICE_INSNS,
  type Guest,
  type Hang,
} from "../core/exit-loop.ts";
import { hex } from "../core/format.ts";
import { DEFAULT_ENGINE, type Engine } from "../core/engine.ts";
import type { BlockCacheStats, TranslatorTuning } from "../core/block-cache.ts";
import type { BambooVmm } from "../boards/bamboo/board.ts";
import { MmioExit } from "../vmm/mmio.ts";
import { GuestTlb, type GuestTlbEntry } from "./tlb.ts";
import { TierSchedule } from "../core/tiers.ts";
import {
  ESR_PIL,
  ESR_PPR,
  ESR_PTR,
  ESR_ST,
  Exit,
  Ppc440Machine,
  SECOND_TIER,
  SECOND_TIER_AFTER,
  SECOND_TIER_DELAY,
} from "./machine.ts";
import { Ppc440Emulate } from "./emulate.ts";
import {
  deliverPending,
  inject,
  interruptPending,
  IVOR_ALIGN,
  IVOR_FPUNAVAIL,
  IVOR_PROGRAM,
  IVOR_SYSCALL,
  MSR_DS,
  MSR_EE,
  MSR_FP,
  MSR_IS,
  MSR_PR,
  MSR_WE,
} from "./interrupts.ts";
import { tlbMiss } from "./mmu.ts";
import { BookeTimer } from "./timers.ts";
import { Ppc440Translator } from "./translate.ts";

const E = PPC440_EXITS.id;

/** The PVR QEMU 7.2's bamboo reports (a 440EP). */
export const PVR_440EP = 0x422218d3;

export interface Ppc440KvmOptions {
  /** Called for every exit and emulated instruction (--trace). */
  trace?: (line: string) => void;
  /** Longest slice between two looks at the timer and the stop latch. */
  sliceInsns?: number;
  /** Exits in a row without progress before the run ends as stalled (0: never). */
  stallLimit?: number;
  /** How the vCPU runs guest code (core/engine.ts); default DEFAULT_ENGINE. */
  engine?: Engine;
  /** The translator's tuning (tests: translate every start at once). */
  translator?: TranslatorTuning;
}

export class Ppc440Kvm implements Guest {
  readonly machine: Ppc440Machine;
  readonly engine: Engine;
  /** The block translator (engine "translate"), which runs the machine's slices. */
  readonly translator: Ppc440Translator | undefined;
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
  /** MCSR, the machine check syndrome; write-1-to-clear. */
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
  /** DEC, DECAR, TCR, TSR. */
  readonly timer: BookeTimer;

  /** UIC0's outputs: external (MSR[EE]) and critical (MSR[CE]) input. */
  extIrq = false;
  critIrq = false;
  /** The instruction being re-run with its access routed to MMIO (mmu.ts). */
  inMmio = false;
  /** A guest error met while handling an exit: the run ends with it. */
  fatal: string | null = null;
  readonly trace?: (line: string) => void;

  private readonly emulate: Ppc440Emulate;
  private readonly slice: number;
  private readonly stallLimit: number;
  private readonly mmioExit = new MmioExit();
  /** When a guest that runs long gets the interpreter's second tier (machine.ts). */
  private readonly tiers = new TierSchedule(SECOND_TIER, SECOND_TIER_AFTER, SECOND_TIER_DELAY);

  constructor(
    readonly vmm: BambooVmm,
    opts: Ppc440KvmOptions = {},
  ) {
    this.machine = new Ppc440Machine(vmm.memory);
    this.engine = opts.engine ?? DEFAULT_ENGINE;
    this.translator =
      this.engine === "translate" ? new Ppc440Translator(this.machine, opts.translator) : undefined;
    this.timer = new BookeTimer(this.machine);
    this.emulate = new Ppc440Emulate(this);
    vmm.uic.onOutput = (ext, crit) => this.setExternal(ext, crit);
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

  /** The translator's block cache figures (engine "translate"), for --stats. */
  get blockStats(): BlockCacheStats | undefined {
    return this.translator?.stats;
  }

  /** kvmppc_set_msr: a change of PR, IS or DS changes the context the shadow entries belong to. */
  setMsr(v: number): void {
    const old = this.msr;
    this.msr = v | 0;
    if ((old ^ v) & (MSR_PR | MSR_IS | MSR_DS)) this.machine.shadowFlush();
    // The hardware runs FP instructions itself only while the guest has the FPU enabled.
    this.machine.fpEnabled = (v & MSR_FP) !== 0;
    if (v & MSR_WE) this.stats.exit(E.halt_wakeup, this.machine.pc);
  }

  /** UIC0's outputs (the board calls this whenever they change). */
  setExternal(external: boolean, critical: boolean): void {
    this.extIrq = external;
    this.critIrq = critical;
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
    const t = this.timer;
    t.tick();
    deliverPending(this);
    if (this.msr & MSR_WE) {
      // Wait state: nothing but the decrementer can wake the guest here.
      if (!t.decCanFire || !(this.msr & MSR_EE))
        return { hang: "the guest waits (MSR[WE]) with no interrupt that can wake it" };
      m.icount += t.untilDec(); // time passes
      t.tick();
      this.msr &= ~MSR_WE;
      return 0;
    }
    return Math.max(1, t.untilDec());
  }

  /** Runs the machine for at most `n` instructions and handles its exit. */
  step(n: number): Hang | undefined {
    const m = this.machine;
    const t = this.translator;
    this.tiers.before(m.icount);
    const code = t ? t.run(m.icount + n) : m.run(m.icount + n);
    if (code === Exit.Spin) return this.spin(n);
    if (code !== Exit.None) this.handleExit(code);
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
    if (interruptPending(this)) return undefined; // delivered before the next slice
    if (!(this.msr & MSR_EE) || !this.timer.decCanFire)
      return { hang: `the guest spins at ${hex(m.pc)} (b .) where no interrupt can reach it` };
    m.icount += Math.max(1, Math.min(this.timer.untilDec(), n)); // untilDec() is finite here
    return undefined;
  }

  /** kvmppc_handle_exit: one exit of the machine other than a slice's end or `b .`. */
  handleExit(code: Exit): void {
    const m = this.machine;
    switch (code) {
      case Exit.Program: {
        const esr = m.exitEsr;
        if (esr === ESR_PPR && !(this.msr & MSR_PR)) {
          this.emulate.instruction(m.exitWord);
          return;
        }
        this.stats.exit(E.inst_emu, m.pc, m.exitWord >>> 0);
        this.trace?.(
          `program interrupt ${esr === ESR_PTR ? "trap" : esr === ESR_PIL ? "illegal" : "privileged"} at ${hex(m.pc)}`,
        );
        this.esr = esr;
        inject(this, IVOR_PROGRAM, m.pc);
        return;
      }
      case Exit.Sc:
        this.stats.exit(E.sysc, m.pc);
        inject(this, IVOR_SYSCALL, (m.pc + 4) | 0);
        m.icount++;
        return;
      case Exit.Itlb:
        tlbMiss(this, m.exitEa, "x");
        return;
      case Exit.Dtlb:
        tlbMiss(this, m.exitEa, m.exitWrite ? "w" : "r");
        return;
      case Exit.Align:
        this.dear = m.exitEa;
        this.esr = m.exitWrite ? ESR_ST : 0;
        inject(this, IVOR_ALIGN, m.pc);
        return;
      case Exit.Fpu:
        // The machine exits with Exit.Fpu only while MSR[FP] is 0.
        inject(this, IVOR_FPUNAVAIL, m.pc);
        return;
      case Exit.Unimpl:
        this.fatal = `unimplemented instruction ${m.exitName} (${hex(m.exitWord)}) at ${hex(m.pc)}`;
        return;
    }
  }
}

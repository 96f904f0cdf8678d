// The MIPS hypervisor: what kvm_mips_handle_exit and the trap-and-emulate code do, for a guest
// that keeps the architectural KSEG0/KSEG1.
//
// The machine (machine.ts) runs the guest deprivileged and returns exits. This file holds the
// hypervisor's state and its exit handling: each exit is counted under KVM's debugfs name
// (core/stats.ts) and handed to the module that deals with it, split as Linux splits
// arch/mips/kvm:
//   - emulate.ts: privileged instructions through the generated dispatch (MipsEmulate implements
//     the generated EmulateHandlers), and the resume PC after a delay slot;
//   - cp0.ts: the guest CP0 register file (read/write masks and side effects);
//   - mmu.ts: shadow fills (guest KSEG0/KSEG1 in kernel mode transparently, KUSEG/KSEG2/KSEG3
//     through the guest TLB of tlb.ts), the TLB exceptions, MMIO exits to the board's bus;
//   - interrupts.ts: exception injection and interrupt delivery (timer on IP7, device lines on
//     IP2..IP6, software IP0/IP1);
//   - timer.ts: Count/Compare. Time is deterministic: Count advances once every two "cycles",
//     where a cycle is one guest instruction or one idle step while the guest waits (`wait`
//     skips to the next timer event).

import {
  CP0,
  decode as generatedDecode,
  Op as GeneratedOp,
} from "../../generated/mips32r2/index.ts";
import { ExitStats, MIPS_EXITS } from "../core/stats.ts";
import type { RunResult } from "../core/run-result.ts";
import {
  DEFAULT_STALL_LIMIT,
  runExitLoop,
  SLICE_INSNS,
  type Guest,
  type Hang,
} from "../core/exit-loop.ts";
import type { GuestMemory } from "../vmm/memory.ts";
import { MmioExit, type MmioBus } from "../vmm/mmio.ts";
import type { StopLatch } from "../core/run-result.ts";
import type { BlockCacheStats, TranslatorTuning } from "../core/block-cache.ts";
import { DEFAULT_ENGINE, type Engine } from "../core/engine.ts";
import { TierSchedule } from "../core/tiers.ts";
import { Exit, Machine, SECOND_TIER, SECOND_TIER_AFTER, SECOND_TIER_DELAY } from "./machine.ts";
import { MipsTranslator } from "./translate.ts";
import { PollSkip } from "../core/poll.ts";
import { GuestTlb } from "./tlb.ts";
import {
  CA_TI,
  CONFIG7,
  ExcCode,
  PRID_24KC,
  ST_BEV,
  ST_CU0,
  ST_ERL,
  ST_EXL,
  ST_KSU,
} from "./cp0.ts";
import { Emu, emulate, MipsEmulate } from "./emulate.ts";
import { inject, injectAddr, pendingInterrupts, updateCauseIp } from "./interrupts.ts";
import { handleMiss, POLL_REGS, statusChanged } from "./mmu.ts";
import { recomputeTimer } from "./timer.ts";

export { CP0_UNNAMED, ExcCode, PRID_24KC } from "./cp0.ts";

export interface MipsKvmOptions {
  /** Guest TLB entries (Config1.MMUSize+1): 16 as QEMU's malta 24Kf, up to 64. */
  tlbEntries?: number;
  /** Longest slice between two looks at the timer and the stop latch (instructions). */
  sliceInsns?: number;
  /** Exits in a row without progress before the run ends as stalled (0: never). */
  stallLimit?: number;
  /** Called for each executed exit when tracing. */
  trace?: (line: string) => void;
  /** How the vCPU runs guest code (runtime/core/engine.ts). */
  engine?: Engine;
  /** The translator's tuning (tests: hotThreshold 1, stages 1, pageHot 0: every block at once). */
  translator?: TranslatorTuning;
  /** Skip the rounds of polling loops that cannot see a change (default on). */
  pollSkip?: boolean;
}

export interface MipsBoard {
  memory: GuestMemory;
  bus: MmioBus;
  stop: StopLatch;
  /** Cycles the MMIO access just made stays quiet (MmioDevice.quiet); none: no polling skip. */
  quietCycles?(e: MmioExit): number;
}

const EXIT = MIPS_EXITS.id;

// Imported bindings can compile to getters (tsx): take plain copies once for the exit paths.
const decode: (w: number) => number = generatedDecode;
const Op: typeof GeneratedOp = { ...GeneratedOp };

export class MipsKvm implements Guest {
  readonly machine: Machine;
  /** The privileged instructions' emulation (emulate.ts). */
  readonly emu = new MipsEmulate(this);
  readonly cp0 = new Int32Array(256);
  readonly tlb: GuestTlb;
  readonly stats = new ExitStats(MIPS_EXITS, 32);
  readonly ramBuffer: ArrayBuffer;
  readonly mmio = new MmioExit();
  readonly sliceInsns: number;
  readonly stallLimit: number;
  readonly trace?: (line: string) => void;
  readonly idxMask: number;
  readonly engine: Engine;
  /** Polling loops on device registers, skipped (core/poll.ts); `pollSkip: false` turns it off. */
  readonly poll?: PollSkip;
  /** Where the slice being run ends (instruction count): the polling skip stays within it. */
  sliceEnd = 0;
  /** When a guest that runs long gets the interpreter's second tier (machine.ts). */
  private readonly tiers = new TierSchedule(SECOND_TIER, SECOND_TIER_AFTER, SECOND_TIER_DELAY);
  /** The block translator, when `engine` is "translate". */
  readonly translator?: MipsTranslator;

  /** Device interrupt lines (bit n = Cause.IP(n), n = 2..7). */
  hwLines = 0;
  /** Idle cycles spent in wait. */
  idle = 0;
  countBias = 0;
  countFrozen = 0;
  /** Cycle at which Count next equals Compare. */
  timerAt = Infinity;
  halted = false;
  /** A guest error met while handling an exit: the run ends with it. */
  fatal: string | null = null;
  /** The resume PC of the instruction being emulated (computed before emulating it). */
  resumePc = 0;
  curPc = 0;
  curWord = 0;

  constructor(
    readonly board: MipsBoard,
    opts: MipsKvmOptions = {},
  ) {
    const slots = board.memory.slots;
    if (slots.length === 0) throw new Error("mips: the board has no RAM");
    this.ramBuffer = slots[0].buffer;
    this.machine = new Machine(this.ramBuffer);
    this.engine = opts.engine ?? DEFAULT_ENGINE;
    if (opts.pollSkip !== false && board.quietCycles !== undefined)
      this.poll = new PollSkip(POLL_REGS);
    if (this.engine === "translate")
      this.translator = new MipsTranslator(this.machine, opts.translator);
    const n = opts.tlbEntries ?? 16;
    if (n < 1 || n > 64) throw new Error(`mips: ${n} TLB entries; Config1 allows 1..64`);
    this.tlb = new GuestTlb(n);
    this.idxMask = (1 << Math.ceil(Math.log2(n))) - 1 || 0;
    this.sliceInsns = opts.sliceInsns ?? SLICE_INSNS;
    this.stallLimit = opts.stallLimit ?? DEFAULT_STALL_LIMIT;
    this.trace = opts.trace;
    this.reset(true);
  }

  /**
   * CP0 state as QEMU's Malta boot stub leaves it for a -kernel image. `fresh`: the machine was
   * just made, its predecoded words are all zero already (filling them again would touch every
   * page of an array a quarter of RAM's size: tens of milliseconds of `isagen run`'s start).
   */
  reset(fresh = false): void {
    const c = this.cp0;
    c.fill(0);
    const n = this.tlb.size;
    c[CP0.RANDOM] = n - 1;
    c[CP0.PRID] = PRID_24KC;
    c[CP0.EBASE] = 0x80000000 | 0;
    c[CP0.STATUS] = ST_BEV;
    c[CP0.INTCTL] = 0xfc000000 | 0; // IPTI = IPPCI = 7
    // Config0: M, AR = 1 (release 2), MT = 1 (standard TLB), K0 = 2 (uncached), little-endian.
    c[CP0.CONFIG] = 0x80000000 | (1 << 10) | (1 << 7) | 2 | 0;
    // Config1: M, MMUSize-1, caches as QEMU's 24Kf announces them (IS/DS = 0: 64 sets,
    // IL/DL = 3: 16-byte lines, IA/DA = 1: 2 ways, so 2 KiB each; Linux prints these), FP (the
    // 24Kf's FPU, fpu.ts); no MIPS16, no watch registers (WR = 0), no performance counters.
    c[CP0.CONFIG1] =
      0x80000000 |
      ((n - 1) << 25) |
      (0 << 22) |
      (3 << 19) |
      (1 << 16) |
      (0 << 13) |
      (3 << 10) |
      (1 << 7) |
      1; // FP
    c[CP0.CONFIG2] = 0x80000000 | 0;
    c[CP0.CONFIG3] = 1 << 13; // ULRI: UserLocal implemented
    c[CONFIG7] = 0x80000000 | 0; // WII
    c[CP0.WATCHHI] = 0;
    for (let i = 0; i < n; i++) this.tlb.write(i, 0, (0x80000000 + i * 0x2000) | 0, 0, 0);
    this.stats.reset();
    this.hwLines = 0;
    this.idle = 0;
    this.halted = false;
    this.fatal = null;
    this.machine.icount = 0;
    this.machine.llbit = 0;
    this.machine.gpr.fill(0);
    this.machine.fpu.reset();
    this.machine.cu1 = false;
    // A new machine has decoded and translated nothing yet (and touching 16 MiB of predecoded
    // words for 64 MiB of RAM is most of a hello guest's start-up).
    if (!fresh) this.machine.invalidateCode(0, this.ramBuffer.byteLength);
    this.countBias = 0;
    recomputeTimer(this);
    this.machine.setUserMode(false);
    this.machine.kernelTable.flush();
    this.machine.userTable.flush();
  }

  // ------------------------------------------------------------------ time

  /** Guest time in cycles: instructions plus idle steps (the board's clock). */
  cycles(): number {
    return this.machine.icount + this.idle;
  }

  /** A device interrupt line (2..6 → Cause.IP2..IP6) changed level. */
  setIrq(line: number, level: boolean): void {
    if (level) this.hwLines |= 1 << line;
    else this.hwLines &= ~(1 << line);
    updateCauseIp(this);
  }

  // ------------------------------------------------------------------ modes

  isUser(): boolean {
    const s = this.cp0[CP0.STATUS];
    return (s & (ST_EXL | ST_ERL)) === 0 && (s & ST_KSU) === 0x10;
  }

  isKernel(): boolean {
    const s = this.cp0[CP0.STATUS];
    return (s & (ST_EXL | ST_ERL)) !== 0 || (s & ST_KSU) === 0;
  }

  asid(): number {
    return this.cp0[CP0.ENTRYHI] & 0xff;
  }

  // ------------------------------------------------------------------ run

  /** Runs until the guest stops, a fatal error, a hang, or `maxInsns` guest instructions in
   *  total: the shared exit loop (core/exit-loop.ts) with the MIPS timer and exits. */
  run(maxInsns = Infinity): RunResult {
    return runExitLoop(this, {
      maxInsns,
      stallLimit: this.stallLimit,
      sliceInsns: this.sliceInsns,
    });
  }

  get pc(): number {
    return this.machine.pc;
  }

  get icount(): number {
    return this.machine.icount;
  }

  get stop(): StopLatch {
    return this.board.stop;
  }

  /** Before a slice: Count = Compare, pending interrupts, and the wait state. */
  prepare(): number | Hang {
    const m = this.machine;
    if (this.cycles() >= this.timerAt) {
      this.cp0[CP0.CAUSE] |= CA_TI;
      updateCauseIp(this);
      this.timerAt += 2 * 0x100000000;
    }
    if (pendingInterrupts(this) !== 0) {
      if (this.halted) {
        this.halted = false;
        this.stats.exit(EXIT.halt_wakeup, m.pc);
      }
      this.stats.exit(EXIT.interrupt, m.pc, this.cp0[CP0.CAUSE]);
      inject(this, ExcCode.Int, m.pc, m.inDelaySlot);
      return 0;
    }
    if (this.halted) {
      // wait. Config7.WII (set, as on KVM's vCPU and the 24K): an interrupt pending under
      // Status.IM wakes the vCPU even with IE clear (Linux's r4k_wait_irqoff relies on it);
      // it is then taken or not by the usual rules.
      const im = this.cp0[CP0.STATUS] & 0xff00;
      if (this.cp0[CP0.CAUSE] & im) {
        this.halted = false;
        this.stats.exit(EXIT.halt_wakeup, m.pc);
        return 0;
      }
      // Nothing pending: the only future event is the timer (devices only change state on
      // guest accesses). Skip the idle time to it, deterministically.
      if ((im & 0x8000) === 0 || this.timerAt === Infinity)
        return {
          hang: "wait with no interrupt that could wake the guest (Status.IM7 clear or Count stopped)",
        };
      this.idle += Math.max(0, this.timerAt - this.cycles());
      return 0;
    }
    return Math.max(1, this.timerAt - this.cycles());
  }

  /** Runs the machine for at most `n` instructions and handles its exit. */
  step(n: number): undefined {
    this.tiers.before(this.machine.icount);
    this.sliceEnd = this.machine.icount + n;
    const code = this.translator !== undefined ? this.translator.run(n) : this.machine.run(n);
    if (code === Exit.Budget) return undefined;
    const before = this.stats.total;
    this.handleExit(code);
    if (this.trace !== undefined && this.stats.total !== before) {
      const last = this.stats.last();
      this.trace(this.stats.formatRecord(last[last.length - 1]));
    }
    return undefined;
  }

  /** The translated-block cache's counters (undefined under the interpreter). */
  get blockStats(): BlockCacheStats | undefined {
    return this.translator?.stats;
  }

  /** Ends the run with a guest error. */
  fail(message: string): number {
    if (this.fatal === null) this.fatal = message;
    return Emu.Fatal;
  }

  // ------------------------------------------------------------------ exits

  handleExit(code: Exit): void {
    const m = this.machine;
    const pc = m.exitPc,
      bd = m.exitBD,
      w = m.exitWord;
    switch (code) {
      case Exit.TlbLoad:
      case Exit.TlbStore:
        handleMiss(this, m.badVAddr, code === Exit.TlbStore, m.exitFetch, pc, bd, w);
        return;
      case Exit.AddrLoad:
        this.stats.exit(EXIT.addrerr_ld, pc, m.badVAddr);
        injectAddr(this, ExcCode.AdEL, m.badVAddr, pc, bd);
        return;
      case Exit.AddrStore:
        this.stats.exit(EXIT.addrerr_st, pc, m.badVAddr);
        injectAddr(this, ExcCode.AdES, m.badVAddr, pc, bd);
        return;
      case Exit.Syscall:
        this.stats.exit(EXIT.syscall, pc);
        inject(this, ExcCode.Sys, pc, bd);
        return;
      case Exit.Break:
        this.stats.exit(EXIT.break_inst, pc);
        inject(this, ExcCode.Bp, pc, bd);
        return;
      case Exit.Trap:
        this.stats.exit(EXIT.trap_inst, pc);
        inject(this, ExcCode.Tr, pc, bd);
        return;
      case Exit.Overflow:
        // KVM has no counter for a reflected overflow (it arrives as an "unexpected" code).
        inject(this, ExcCode.Ov, pc, bd);
        return;
      case Exit.Reserved:
        this.stats.exit(EXIT.resvd_inst, pc, w >>> 0);
        if (decode(w) === Op.rdhwr) emulate(this, w, pc, bd);
        else inject(this, ExcCode.RI, pc, bd);
        return;
      case Exit.CopUnusable:
        this.stats.exit(EXIT.cop_unusable, pc, w >>> 0, m.exitCop);
        if (m.exitCop !== 0) inject(this, ExcCode.CpU, pc, bd, false, m.exitCop);
        else if (this.isUser() && (this.cp0[CP0.STATUS] & ST_CU0) === 0)
          inject(this, ExcCode.CpU, pc, bd, false, 0);
        else emulate(this, w, pc, bd);
        return;
      case Exit.FpException:
        this.stats.exit(EXIT.fpe, pc);
        inject(this, ExcCode.FPE, pc, bd);
        return;
      default:
        this.fail(`unexpected machine exit ${code}`);
    }
  }

  // ------------------------------------------------------------------ shadow misses

  /**
   * The exit path of a shadow-TLB miss at `va` in the current guest mode, as if the machine had
   * exited on a load (or store) there: guest TLB lookup, then a shadow fill or an injected
   * exception. For tests and benchmarks of the miss path.
   */
  shadowMiss(va: number, store = false): void {
    const w = store ? 0xac000000 : 0x8c000000; // sw/lw $0, 0($0)
    handleMiss(this, va, store, false, this.machine.pc, 0, w);
  }
}

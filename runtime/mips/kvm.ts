// The MIPS hypervisor: what kvm_mips_handle_exit and the trap-and-emulate code do
// (../../shared/research/kvm-model.md §2), for a guest that keeps the architectural KSEG0/KSEG1
// (§2.1, "Consequence for this project").
//
// The machine (machine.ts) runs the guest deprivileged and returns exits. This layer
//   - counts each exit under KVM's debugfs name (kvm/stats.ts),
//   - emulates privileged instructions through the generated dispatch (`MipsKvm` implements the
//     generated `Handlers`), with the guest CP0 file, the guest TLB (tlb.ts) and the timer,
//   - fills the shadow TLB (the machine's tables): guest KSEG0/KSEG1 in kernel mode
//     transparently, KUSEG/KSEG2/KSEG3 through the guest TLB, and injects TLB refill / invalid /
//     modified, address errors and the reflected traps into the guest,
//   - turns accesses to guest-physical addresses without RAM into MMIO exits to the vmm's bus,
//   - delivers interrupts (timer on IP7, device lines on IP2..IP6, software IP0/IP1).
//
// Time is deterministic: Count advances once every two "cycles", where a cycle is one guest
// instruction or one idle step while the guest waits (`wait` skips to the next timer event).

import {
  CP0,
  decode as generatedDecode,
  type EmulateHandlers,
  execEmulate,
  HWR,
  Op as GeneratedOp,
  operands,
  ROLE_FPU,
  ROLES,
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
import { MmioExit, type MmioBus, type Width } from "../vmm/mmio.ts";
import type { StopLatch } from "../core/run-result.ts";
import { Exit, Machine } from "./machine.ts";
import { GuestTlb } from "./tlb.ts";
import { hex } from "../core/format.ts";

/** A CP0 register as the generated CP0 constants number it: register*8+select. */
const cp0 = (reg: number, sel: number) => reg * 8 + sel;

/**
 * The CP0 registers the tables leave unnamed (objdump prints them as $reg,sel, so naming them
 * would change the disassembly), numbered as CP0's constants.
 */
export const CP0_UNNAMED = {
  USERLOCAL: cp0(4, 2),
  CONFIG7: cp0(16, 7),
} as const;
const { USERLOCAL, CONFIG7 } = CP0_UNNAMED;

/** rdhwr's UserLocal register (objdump prints it as $29, so the tables leave it unnamed). */
const HWR_ULR = 29;

// Status bits
const ST_IE = 1,
  ST_EXL = 2,
  ST_ERL = 4,
  ST_KSU = 0x18,
  ST_BEV = 0x00400000,
  ST_CU0 = 0x10000000,
  ST_CU1 = 0x20000000,
  ST_FR = 0x04000000;
// Cause bits
const CA_BD = 0x80000000 | 0,
  CA_TI = 0x40000000,
  CA_CE = 0x30000000,
  CA_DC = 0x08000000,
  CA_IV = 0x00800000;

/** Exception codes. */
export const ExcCode = {
  Int: 0,
  Mod: 1,
  TLBL: 2,
  TLBS: 3,
  AdEL: 4,
  AdES: 5,
  Sys: 8,
  Bp: 9,
  RI: 10,
  CpU: 11,
  Ov: 12,
  Tr: 13,
  FPE: 15,
} as const;

/** 24Kc (as KVM and QEMU's malta CPU report it). */
export const PRID_24KC = 0x00019300;

export interface MipsKvmOptions {
  /** Guest TLB entries (Config1.MMUSize+1): 16 as QEMU's malta 24Kf, up to 64. */
  tlbEntries?: number;
  /** Longest slice between two looks at the timer and the stop latch (instructions). */
  sliceInsns?: number;
  /** Exits in a row without progress before the run ends as stalled (0: never). */
  stallLimit?: number;
  /** Called for each executed exit when tracing. */
  trace?: (line: string) => void;
}

export interface MipsBoard {
  memory: GuestMemory;
  bus: MmioBus;
  stop: StopLatch;
}

const EXIT = MIPS_EXITS.id;

// Imported bindings can compile to getters (tsx): take plain copies once for the exit paths.
const decode: (w: number) => number = generatedDecode;
const Op: typeof GeneratedOp = { ...GeneratedOp };

/** An instruction handler's verdict. */
const enum Emu {
  Done = 0,
  /** An exception was injected: do not advance the PC. */
  Injected = 1,
  /** The run must end (fatal set). */
  Fatal = 2,
  /** wait: halt until an interrupt. */
  Halt = 3,
}

export class MipsKvm implements EmulateHandlers<number>, Guest {
  readonly machine: Machine;
  readonly cp0 = new Int32Array(256);
  readonly tlb: GuestTlb;
  readonly stats = new ExitStats(MIPS_EXITS, 32);
  readonly ramBuffer: ArrayBuffer;
  private readonly mmio = new MmioExit();
  private readonly sliceInsns: number;
  private readonly stallLimit: number;
  private readonly trace?: (line: string) => void;
  private readonly idxMask: number;

  /** Device interrupt lines (bit n = Cause.IP(n), n = 2..7). */
  private hwLines = 0;
  /** Idle cycles spent in wait. */
  private idle = 0;
  private countBias = 0;
  private countFrozen = 0;
  /** Cycle at which Count next equals Compare. */
  private timerAt = Infinity;
  private halted = false;
  /** A guest error met while handling an exit: the run ends with it. */
  fatal: string | null = null;
  /** The resume PC of the instruction being emulated (computed before emulating it). */
  private resumePc = 0;
  private curPc = 0;
  private curWord = 0;

  constructor(
    readonly board: MipsBoard,
    opts: MipsKvmOptions = {},
  ) {
    const slots = board.memory.slots;
    if (slots.length === 0) throw new Error("mips: the board has no RAM");
    this.ramBuffer = slots[0].buffer;
    this.machine = new Machine(this.ramBuffer);
    const n = opts.tlbEntries ?? 16;
    if (n < 1 || n > 64) throw new Error(`mips: ${n} TLB entries; Config1 allows 1..64`);
    this.tlb = new GuestTlb(n);
    this.idxMask = (1 << Math.ceil(Math.log2(n))) - 1 || 0;
    this.sliceInsns = opts.sliceInsns ?? SLICE_INSNS;
    this.stallLimit = opts.stallLimit ?? DEFAULT_STALL_LIMIT;
    this.trace = opts.trace;
    this.reset();
  }

  /** CP0 state as QEMU's Malta boot stub leaves it for a -kernel image. */
  reset(): void {
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
    this.machine.predecoded.fill(0);
    this.countBias = 0;
    this.recomputeTimer();
    this.machine.setUserMode(false);
    this.machine.kernelTable.flush();
    this.machine.userTable.flush();
  }

  // ------------------------------------------------------------------ time

  /** Guest time in cycles: instructions plus idle steps (the board's clock). */
  cycles(): number {
    return this.machine.icount + this.idle;
  }

  readCount(): number {
    if (this.cp0[CP0.CAUSE] & CA_DC) return this.countFrozen;
    return (this.countBias + Math.floor(this.cycles() / 2)) | 0;
  }

  private writeCount(v: number): void {
    if (this.cp0[CP0.CAUSE] & CA_DC) this.countFrozen = v | 0;
    else this.countBias = (v - Math.floor(this.cycles() / 2)) | 0;
    this.recomputeTimer();
  }

  private recomputeTimer(): void {
    if (this.cp0[CP0.CAUSE] & CA_DC) {
      this.timerAt = Infinity;
      return;
    }
    // The interrupt comes when Count *becomes* Compare: equal now means a full wrap from now.
    const ticks = (this.cp0[CP0.COMPARE] - this.readCount()) >>> 0 || 0x100000000;
    this.timerAt = 2 * (Math.floor(this.cycles() / 2) + ticks);
  }

  private updateCauseIp(): void {
    const c = this.cp0;
    let cause = c[CP0.CAUSE] & ~0xfc00;
    cause |= (this.hwLines & 0xfc) << 8;
    if (cause & CA_TI) cause |= 0x8000;
    c[CP0.CAUSE] = cause;
  }

  /** A device interrupt line (2..6 → Cause.IP2..IP6) changed level. */
  setIrq(line: number, level: boolean): void {
    if (level) this.hwLines |= 1 << line;
    else this.hwLines &= ~(1 << line);
    this.updateCauseIp();
  }

  // ------------------------------------------------------------------ modes

  private isUser(): boolean {
    const s = this.cp0[CP0.STATUS];
    return (s & (ST_EXL | ST_ERL)) === 0 && (s & ST_KSU) === 0x10;
  }

  private isKernel(): boolean {
    const s = this.cp0[CP0.STATUS];
    return (s & (ST_EXL | ST_ERL)) !== 0 || (s & ST_KSU) === 0;
  }

  private asid(): number {
    return this.cp0[CP0.ENTRYHI] & 0xff;
  }

  /** Status changed (mtc0, exception, eret): select the shadow table; ERL changes remap KUSEG. */
  private statusChanged(old: number): void {
    const now = this.cp0[CP0.STATUS];
    if ((old ^ now) & ST_ERL) this.machine.kernelTable.flush((v) => v < 0x80000);
    this.machine.setUserMode(!this.isKernel());
    this.machine.cu1 = (now & ST_CU1) !== 0;
    this.machine.fpu.fr = (now & ST_FR) !== 0;
  }

  /** Drops the shadow mappings that came from the guest TLB (ASID change). */
  private flushMapped(): void {
    this.machine.kernelTable.flush((v) => v < 0x80000 || v >= 0xc0000);
    this.machine.userTable.flush();
  }

  private invalidateEntry(i: number): void {
    const [first, count] = this.tlb.vpnRange(i);
    this.machine.userTable.invalidateRange(first, count);
    if (first >= 0x80000 && first < 0xc0000) return; // never used: KSEG0/1 are unmapped
    this.machine.kernelTable.invalidateRange(first, count);
  }

  // ------------------------------------------------------------------ injection

  private vectorBase(): number {
    return this.cp0[CP0.STATUS] & ST_BEV ? 0xbfc00200 | 0 : this.cp0[CP0.EBASE] & 0xfffff000;
  }

  /**
   * Delivers an exception for the instruction at `pc` (in a delay slot when bd): EPC, BD, EXL,
   * ExcCode, then the vector. `refill`: TLB refill, vector +0 when EXL was clear.
   */
  private inject(code: number, pc: number, bd: number, refill = false, ce = 0): void {
    const c = this.cp0;
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
    this.machine.jump((this.vectorBase() + offset) | 0);
    this.statusChanged(old);
  }

  private injectTlb(code: number, va: number, pc: number, bd: number, refill: boolean): void {
    const c = this.cp0;
    c[CP0.BADVADDR] = va;
    c[CP0.ENTRYHI] = (va & 0xffffe000) | (c[CP0.ENTRYHI] & 0xff);
    c[CP0.CONTEXT] = (c[CP0.CONTEXT] & 0xff800000) | ((va >>> 9) & 0x007ffff0);
    this.inject(code, pc, bd, refill);
  }

  private injectAddr(code: number, va: number, pc: number, bd: number): void {
    this.cp0[CP0.BADVADDR] = va;
    this.inject(code, pc, bd);
  }

  /** The pending interrupts the guest can take now, as Cause.IP & Status.IM. */
  private pendingInterrupts(): number {
    const s = this.cp0[CP0.STATUS];
    if ((s & ST_IE) === 0 || s & (ST_EXL | ST_ERL)) return 0;
    return this.cp0[CP0.CAUSE] & s & 0xff00;
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
      this.updateCauseIp();
      this.timerAt += 2 * 0x100000000;
    }
    if (this.pendingInterrupts() !== 0) {
      if (this.halted) {
        this.halted = false;
        this.stats.exit(EXIT.halt_wakeup, m.pc);
      }
      this.stats.exit(EXIT.interrupt, m.pc, this.cp0[CP0.CAUSE]);
      this.inject(ExcCode.Int, m.pc, m.inDelaySlot);
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
    const code = this.machine.run(n);
    if (code === Exit.Budget) return undefined;
    const before = this.stats.total;
    this.handleExit(code);
    if (this.trace !== undefined && this.stats.total !== before) {
      const last = this.stats.last();
      this.trace(this.stats.formatRecord(last[last.length - 1]));
    }
    return undefined;
  }

  /** A word the machine sent for emulation that is no privileged instruction: a model error. */
  private readonly notEmulated = (_id: number, w: number): number =>
    this.fail(`${hex(w)} at ${hex(this.curPc)} reached the hypervisor but is not privileged`);

  /** Ends the run with a guest error. */
  private fail(message: string): number {
    if (this.fatal === null) this.fatal = message;
    return Emu.Fatal;
  }

  // ------------------------------------------------------------------ exits

  private handleExit(code: Exit): void {
    const m = this.machine;
    const pc = m.exitPc,
      bd = m.exitBD,
      w = m.exitWord;
    switch (code) {
      case Exit.TlbLoad:
      case Exit.TlbStore:
        this.handleMiss(m.badVAddr, code === Exit.TlbStore, m.exitFetch, pc, bd, w);
        return;
      case Exit.AddrLoad:
        this.stats.exit(EXIT.addrerr_ld, pc, m.badVAddr);
        this.injectAddr(ExcCode.AdEL, m.badVAddr, pc, bd);
        return;
      case Exit.AddrStore:
        this.stats.exit(EXIT.addrerr_st, pc, m.badVAddr);
        this.injectAddr(ExcCode.AdES, m.badVAddr, pc, bd);
        return;
      case Exit.Syscall:
        this.stats.exit(EXIT.syscall, pc);
        this.inject(ExcCode.Sys, pc, bd);
        return;
      case Exit.Break:
        this.stats.exit(EXIT.break_inst, pc);
        this.inject(ExcCode.Bp, pc, bd);
        return;
      case Exit.Trap:
        this.stats.exit(EXIT.trap_inst, pc);
        this.inject(ExcCode.Tr, pc, bd);
        return;
      case Exit.Overflow:
        // KVM has no counter for a reflected overflow (it arrives as an "unexpected" code).
        this.inject(ExcCode.Ov, pc, bd);
        return;
      case Exit.Reserved:
        this.stats.exit(EXIT.resvd_inst, pc, w >>> 0);
        if (decode(w) === Op.rdhwr) this.emulate(w, pc, bd);
        else this.inject(ExcCode.RI, pc, bd);
        return;
      case Exit.CopUnusable:
        this.stats.exit(EXIT.cop_unusable, pc, w >>> 0, m.exitCop);
        if (m.exitCop !== 0) this.inject(ExcCode.CpU, pc, bd, false, m.exitCop);
        else if (this.isUser() && (this.cp0[CP0.STATUS] & ST_CU0) === 0)
          this.inject(ExcCode.CpU, pc, bd, false, 0);
        else this.emulate(w, pc, bd);
        return;
      case Exit.FpException:
        this.stats.exit(EXIT.fpe, pc);
        this.inject(ExcCode.FPE, pc, bd);
        return;
      default:
        this.fail(`unexpected machine exit ${code}`);
    }
  }

  /** Emulates the privileged (or RI-trapped) instruction `w` at `pc` and resumes after it. */
  private emulate(w: number, pc: number, bd: number): void {
    const resume = this.resumeAfter(pc, bd);
    if (resume === null) return;
    this.resumePc = resume;
    this.curPc = pc;
    this.curWord = w;
    const id = decode(w);
    const r =
      id === Op.rdhwr
        ? this.rdhwr(operands.rt(w), operands.hwr(w))
        : execEmulate(this, id, w, this.notEmulated);
    if (r === Emu.Done || r === Emu.Halt) {
      this.machine.icount++;
      this.machine.jump(this.resumePc);
      if (r === Emu.Halt) this.halted = true;
    } else if (r === Emu.Injected) {
      // already redirected
    }
    this.trace?.(`emulated ${hex(w)} at ${hex(pc)}`);
  }

  /**
   * The PC after the instruction at `pc` (kvm_compute_return_epc): pc+4, or when it sits in a
   * delay slot the outcome of the branch at pc-4, evaluated with the current registers.
   */
  private resumeAfter(pc: number, bd: number): number | null {
    if (!bd) return (pc + 4) | 0;
    const epc = (pc - 4) | 0;
    const b = this.readGuestWord(epc);
    if (b === null) {
      this.fail(`cannot read the branch at ${hex(epc)} to resume after its delay slot`);
      return null;
    }
    const r = this.machine.gpr;
    const rs = r[(b >>> 21) & 31],
      rt = r[(b >>> 16) & 31];
    const taken = (epc + 4 + (((b & 0xffff) << 16) >> 14)) | 0;
    const fall = (epc + 8) | 0;
    switch (decode(b)) {
      case Op.jr:
      case Op.jr_hb:
      case Op.jalr:
      case Op.jalr_hb:
        // The link was written when the branch ran; jalr rd = rs is UNPREDICTABLE.
        return rs;
      case Op.j:
      case Op.jal:
        return ((epc + 4) & 0xf0000000) | ((b & 0x3ffffff) << 2);
      case Op.beq:
      case Op.beql:
        return rs === rt ? taken : fall;
      case Op.bne:
      case Op.bnel:
        return rs !== rt ? taken : fall;
      case Op.blez:
      case Op.blezl:
        return rs <= 0 ? taken : fall;
      case Op.bgtz:
      case Op.bgtzl:
        return rs > 0 ? taken : fall;
      case Op.bltz:
      case Op.bltzl:
      case Op.bltzal:
      case Op.bltzall:
        return rs < 0 ? taken : fall;
      case Op.bgez:
      case Op.bgezl:
      case Op.bgezal:
      case Op.bgezall:
        return rs >= 0 ? taken : fall;
      case Op.bc1f:
      case Op.bc1fl:
      case Op.bc1t:
      case Op.bc1tl:
        // FCSR's condition code cc (bits 20-18); bit 16 says branch on true.
        return this.machine.fpu.cc((b >>> 18) & 7) === ((b >>> 16) & 1) > 0 ? taken : fall;
      default:
        this.fail(`instruction ${hex(b)} at ${hex(epc)} before a delay slot is not a branch`);
        return null;
    }
  }

  /** Reads a guest word through the current shadow, then the guest TLB/KSEG rules (no injection). */
  readGuestWord(va: number): number | null {
    const pa = this.translateQuiet(va);
    if (pa === null) return null;
    const slot = this.board.memory.slotAt(pa);
    if (!slot) return null;
    return slot.load32(pa - slot.base) | 0;
  }

  /** Guest virtual → guest physical without side effects, or null. */
  translateQuiet(va: number): number | null {
    const u = va >>> 0;
    if (u >= 0x80000000 && u < 0xc0000000) return this.isKernel() ? u & 0x1fffffff : null;
    if (u < 0x80000000 && this.cp0[CP0.STATUS] & ST_ERL) return u;
    if (u >= 0x80000000 && !this.isKernel()) return null;
    const i = this.tlb.lookup(va, this.asid());
    if (i < 0) return null;
    const bytes = this.tlb.pageBytes(i);
    const lo = u & bytes ? this.tlb.lo1[i] : this.tlb.lo0[i];
    if ((lo & 2) === 0) return null;
    return (((lo >>> 6) * 4096) & ~(bytes - 1)) + (u & (bytes - 1));
  }

  // ------------------------------------------------------------------ shadow misses

  /**
   * The exit path of a shadow-TLB miss at `va` in the current guest mode, as if the machine had
   * exited on a load (or store) there: guest TLB lookup, then a shadow fill or an injected
   * exception. For tests and benchmarks of the miss path.
   */
  shadowMiss(va: number, store = false): void {
    const w = store ? 0xac000000 : 0x8c000000; // sw/lw $0, 0($0)
    this.handleMiss(va, store, false, this.machine.pc, 0, w);
  }

  private handleMiss(
    va: number,
    store: boolean,
    fetch: boolean,
    pc: number,
    bd: number,
    w: number,
  ): void {
    const u = va >>> 0;
    const kernel = this.isKernel();
    const m = this.machine;
    let pa: number;
    let writable = true;
    if (u >= 0x80000000 && !kernel) {
      // kvm_mips_check_privilege: a user access to a kernel address is an address error.
      this.stats.exit(store ? EXIT.addrerr_st : EXIT.addrerr_ld, pc, va);
      this.injectAddr(store ? ExcCode.AdES : ExcCode.AdEL, va, pc, bd);
      return;
    }
    if (u >= 0x80000000 && u < 0xc0000000) {
      pa = u & 0x1fffffff; // KSEG0/KSEG1: transparent
    } else if (u < 0x80000000 && this.cp0[CP0.STATUS] & ST_ERL) {
      pa = u; // ERL: KUSEG is unmapped
    } else {
      const i = this.tlb.lookup(va, this.asid());
      if (i < 0) {
        this.stats.exit(store ? EXIT.tlbmiss_st : EXIT.tlbmiss_ld, pc, va);
        const exl = (this.cp0[CP0.STATUS] & ST_EXL) !== 0;
        this.injectTlb(store ? ExcCode.TLBS : ExcCode.TLBL, va, pc, bd, !exl);
        return;
      }
      const bytes = this.tlb.pageBytes(i);
      const lo = u & bytes ? this.tlb.lo1[i] : this.tlb.lo0[i];
      if ((lo & 2) === 0) {
        this.stats.exit(store ? EXIT.tlbmiss_st : EXIT.tlbmiss_ld, pc, va);
        this.injectTlb(store ? ExcCode.TLBS : ExcCode.TLBL, va, pc, bd, false);
        return;
      }
      writable = (lo & 4) !== 0;
      if (store && !writable) {
        this.stats.exit(EXIT.tlbmod, pc, va);
        this.injectTlb(ExcCode.Mod, va, pc, bd, false);
        return;
      }
      pa = (((lo >>> 6) * 4096) & ~(bytes - 1)) + (u & (bytes - 1));
    }
    const slot = this.board.memory.slotAt(pa);
    if (slot !== undefined && slot.buffer === this.ramBuffer) {
      const host = slot.bufferOffset + ((pa - slot.base) & ~0xfff);
      m.table.fill(u >>> 12, host, writable);
      if (this.trace)
        this.trace(`shadow ${hex(u & ~0xfff)} -> ram+${hex(host)}${writable ? "" : " ro"}`);
      return; // the machine retries the access
    }
    if (fetch) {
      this.fail(`instruction fetch from ${hex(va)} (physical ${hex(pa)}), which is not RAM`);
      return;
    }
    this.mmioAccess(w, va, pa, pc, bd);
  }

  /**
   * An FPU load or store to MMIO (the machine runs them on RAM): one 32-bit bus access per word,
   * the low word first at the lower address, into or out of the FPR as MipsFpu lays it out.
   * prefx does not access memory.
   */
  private mmioFpu(id: number, w: number, pa: number, pc: number, resume: number): void {
    const fpu = this.machine.fpu;
    if (id !== Op.prefx) {
      const write =
        id === Op.swc1 || id === Op.sdc1 || id === Op.swxc1 || id === Op.sdxc1 || id === Op.suxc1;
      const double = !(id === Op.lwc1 || id === Op.swc1 || id === Op.lwxc1 || id === Op.swxc1);
      // The register field: ft for the immediate forms, fd (loads) or fs (stores) for COP1X.
      let reg = (w >>> 16) & 31;
      if (id === Op.lwxc1 || id === Op.ldxc1 || id === Op.luxc1) reg = (w >>> 6) & 31;
      else if (id === Op.swxc1 || id === Op.sdxc1 || id === Op.suxc1) reg = (w >>> 11) & 31;
      if (double && !fpu.fr) reg &= ~1; // as the machine: the pair's even register
      const words = double ? [2 * reg, fpu.hiIndex(reg)] : [2 * reg];
      for (let i = 0; i < words.length; i++) {
        const at = (pa + 4 * i) | 0;
        const e = this.mmio.set(at, 4, write, write ? fpu.fpr[words[i]] | 0 : 0, pc);
        this.stats.exit(EXIT.mmio, pc, at, 4, write ? 1 : 0);
        this.board.bus.handle(e);
        if (!write) fpu.fpr[words[i]] = e.data;
      }
      const failure = this.board.stop.failure;
      if (failure !== null && this.fatal === null)
        this.fatal = `${failure} (${write ? "store" : "load"} ${hex(w)} at ${hex(pc)})`;
    }
    this.machine.icount++;
    this.machine.jump(resume);
  }

  /** Emulates a load or store whose physical address has no RAM: an MMIO exit to the bus. */
  private mmioAccess(w: number, va: number, pa: number, pc: number, bd: number): void {
    const resume = this.resumeAfter(pc, bd);
    if (resume === null) return;
    const r = this.machine.gpr;
    const rt = (w >>> 16) & 31;
    const id = decode(w);
    if (ROLES[id] & ROLE_FPU) {
      this.mmioFpu(id, w, pa, pc, resume);
      return;
    }
    let width: Width;
    let write = false;
    switch (id) {
      case Op.lb:
      case Op.lbu:
      case Op.sb:
        width = 1;
        break;
      case Op.lh:
      case Op.lhu:
      case Op.sh:
        width = 2;
        break;
      case Op.lw:
      case Op.sw:
      case Op.ll:
      case Op.sc:
        width = 4;
        break;
      default:
        this.fail(
          `${hex(w)} at ${hex(pc)}: unaligned or unsupported access to MMIO at physical ${hex(pa)}`,
        );
        return;
    }
    write = id === Op.sb || id === Op.sh || id === Op.sw || id === Op.sc;
    const e = this.mmio.set(
      pa,
      width,
      write,
      write ? r[rt] & (width === 4 ? -1 : width === 2 ? 0xffff : 0xff) : 0,
      pc,
    );
    this.stats.exit(EXIT.mmio, pc, pa, width, write ? 1 : 0);
    if (id === Op.sc && !this.machine.llbit) {
      if (rt) r[rt] = 0;
    } else {
      this.board.bus.handle(e);
      // A device that met something the board does not model says so through the latch; name
      // the instruction that did it (the run loop would only see the resume PC).
      const failure = this.board.stop.failure;
      if (failure !== null && this.fatal === null)
        this.fatal = `${failure} (${write ? "store" : "load"} ${hex(w)} at ${hex(pc)})`;
      if (!write && rt) {
        const d = e.data;
        r[rt] =
          id === Op.lb
            ? (d << 24) >> 24
            : id === Op.lh
              ? (d << 16) >> 16
              : id === Op.lbu
                ? d & 0xff
                : id === Op.lhu
                  ? d & 0xffff
                  : d | 0;
      }
      if (id === Op.sc && rt) r[rt] = 1;
      if (id === Op.ll) {
        this.machine.llbit = 1;
        this.machine.llva = va;
      }
    }
    if (id === Op.sc) this.machine.llbit = 0;
    this.machine.icount++;
    this.machine.jump(resume);
  }

  // ------------------------------------------------------------------ CP0

  private readC0(reg: number): number {
    const c = this.cp0;
    switch (reg) {
      case CP0.RANDOM: {
        const wired = c[CP0.WIRED];
        const n = this.tlb.size;
        if (wired >= n) return n - 1;
        return wired + (this.cycles() % (n - wired));
      }
      case CP0.COUNT:
        return this.readCount();
      case CP0.LLADDR: {
        const pa = this.translateQuiet(this.machine.llva);
        return pa === null ? 0 : (pa >>> 4) | 0;
      }
      case CP0.ERRCTL:
        return 0;
      default:
        return c[reg];
    }
  }

  private writeC0(reg: number, v: number): number {
    const c = this.cp0;
    switch (reg) {
      case CP0.INDEX:
        c[reg] = (c[reg] & 0x80000000) | (v & this.idxMask);
        return Emu.Done;
      case CP0.ENTRYLO0:
      case CP0.ENTRYLO1:
        c[reg] = v & 0x03ffffff;
        return Emu.Done;
      case CP0.CONTEXT:
        c[reg] = (c[reg] & 0x007ffff0) | (v & 0xff800000);
        return Emu.Done;
      case CP0.PAGEMASK: {
        const mk = (v >>> 13) & 0xffff;
        // Valid masks: 0, 3, 0xf, ... 0xffff (4 KiB to 256 MiB).
        c[reg] = (mk & (mk + 1)) === 0 && (31 - Math.clz32(mk + 1)) % 2 === 0 ? v & 0x1fffe000 : 0;
        return Emu.Done;
      }
      case CP0.WIRED:
        c[reg] = v & this.idxMask;
        return Emu.Done;
      case CP0.HWRENA:
        c[reg] = v & 0x2000000f;
        return Emu.Done;
      case CP0.COUNT:
        this.writeCount(v);
        return Emu.Done;
      case CP0.ENTRYHI: {
        const old = c[reg];
        c[reg] = v & 0xffffe0ff;
        if ((old ^ c[reg]) & 0xff) this.flushMapped();
        return Emu.Done;
      }
      case CP0.COMPARE:
        c[reg] = v;
        c[CP0.CAUSE] &= ~CA_TI;
        this.updateCauseIp();
        this.recomputeTimer();
        return Emu.Done;
      case CP0.STATUS: {
        const old = c[reg];
        // Writable: CU1, CU0, FR (the 24Kf's FPU is 64-bit capable), BEV, SR, NMI (write 0),
        // IM, KSU, ERL, EXL, IE.
        c[reg] = (old & ~0x3458ff1f) | (v & 0x3458ff1f);
        this.statusChanged(old);
        return Emu.Done;
      }
      case CP0.INTCTL:
        c[reg] = (c[reg] & ~0x3e0) | (v & 0x3e0);
        return Emu.Done;
      case CP0.CAUSE: {
        const old = c[reg];
        const now = (old & ~0x08800300) | (v & 0x08800300);
        if ((old ^ now) & CA_DC) {
          if (now & CA_DC) {
            this.countFrozen = this.readCount();
            c[reg] = now;
          } else {
            c[reg] = now;
            this.countBias = (this.countFrozen - Math.floor(this.cycles() / 2)) | 0;
          }
          this.recomputeTimer();
        } else c[reg] = now;
        this.updateCauseIp();
        return Emu.Done;
      }
      case CP0.EBASE:
        c[reg] = (c[reg] & ~0x3ffff000) | (v & 0x3ffff000);
        return Emu.Done;
      case CP0.CONFIG:
        c[reg] = (c[reg] & ~7) | (v & 7);
        return Emu.Done;
      case CP0.RANDOM:
      case CP0.BADVADDR:
      case CP0.PRID:
      case CP0.SRSCTL:
      case CP0.SRSMAP:
      case CP0.CONFIG1:
      case CP0.CONFIG2:
      case CP0.CONFIG3:
      case CONFIG7:
        return Emu.Done; // read-only
      case CP0.LLADDR:
        return Emu.Done;
      case CP0.EPC:
      case CP0.ERROREPC:
      case USERLOCAL:
      case CP0.WATCHLO:
      case CP0.WATCHHI:
      case CP0.ERRCTL:
      case CP0.DESAVE:
        c[reg] = v;
        return Emu.Done;
      default:
        // Registers the model does not have: reads give the value written (as KVM's cop0 file).
        c[reg] = v;
        return Emu.Done;
    }
  }

  // ------------------------------------------------------------------ handlers (privileged)

  /** For scaffolded stubs of new table entries (`isagen gen --scaffold`): ends the run. */
  unimplemented(name: string): number {
    return this.fail(
      `unimplemented instruction ${name} (${hex(this.curWord)}) at PC ${hex(this.curPc)}`,
    );
  }

  mfc0(rt: number, c0rd: number, sel: number): number {
    const v = this.readC0(cp0(c0rd, sel));
    if (rt) this.machine.gpr[rt] = v;
    return Emu.Done;
  }
  mtc0(rt: number, c0rd: number, sel: number): number {
    return this.writeC0(cp0(c0rd, sel), this.machine.gpr[rt]);
  }
  di(rt: number): number {
    const old = this.cp0[CP0.STATUS];
    if (rt) this.machine.gpr[rt] = old;
    this.cp0[CP0.STATUS] = old & ~ST_IE;
    return Emu.Done;
  }
  ei(rt: number): number {
    const old = this.cp0[CP0.STATUS];
    if (rt) this.machine.gpr[rt] = old;
    this.cp0[CP0.STATUS] = old | ST_IE;
    return Emu.Done;
  }
  rdpgpr(rt: number, rd: number): number {
    // No shadow register sets (SRSCtl.HSS = 0): the previous set is the current one.
    if (rd) this.machine.gpr[rd] = this.machine.gpr[rt];
    return Emu.Done;
  }
  wrpgpr(rt: number, rd: number): number {
    return this.rdpgpr(rt, rd);
  }
  tlbr(): number {
    const c = this.cp0;
    const i = c[CP0.INDEX] & 0x7fffffff;
    if (i >= this.tlb.size) return Emu.Done; // UNDEFINED; leave the registers alone
    const oldAsid = this.asid();
    c[CP0.PAGEMASK] = this.tlb.pageMask[i];
    c[CP0.ENTRYHI] = this.tlb.hi[i];
    c[CP0.ENTRYLO0] = this.tlb.lo0[i];
    c[CP0.ENTRYLO1] = this.tlb.lo1[i];
    if (this.asid() !== oldAsid) this.flushMapped();
    return Emu.Done;
  }
  private tlbWrite(i: number): void {
    const c = this.cp0;
    this.invalidateEntry(i);
    this.tlb.write(i, c[CP0.PAGEMASK], c[CP0.ENTRYHI], c[CP0.ENTRYLO0], c[CP0.ENTRYLO1]);
    this.invalidateEntry(i);
  }
  tlbwi(): number {
    const i = this.cp0[CP0.INDEX] & 0x7fffffff;
    if (i >= this.tlb.size)
      return this.fail(`tlbwi with Index ${i} beyond the ${this.tlb.size}-entry TLB`);
    this.tlbWrite(i);
    return Emu.Done;
  }
  tlbwr(): number {
    this.tlbWrite(this.readC0(CP0.RANDOM));
    return Emu.Done;
  }
  tlbp(): number {
    const c = this.cp0;
    const i = this.tlb.lookup(c[CP0.ENTRYHI], this.asid());
    c[CP0.INDEX] = i < 0 ? 0x80000000 | 0 : i;
    return Emu.Done;
  }
  eret(): number {
    const c = this.cp0;
    const old = c[CP0.STATUS];
    let target: number;
    if (old & ST_ERL) {
      c[CP0.STATUS] = old & ~ST_ERL;
      target = c[CP0.ERROREPC];
    } else {
      c[CP0.STATUS] = old & ~ST_EXL;
      target = c[CP0.EPC];
    }
    this.machine.llbit = 0;
    this.statusChanged(old);
    this.resumePc = target; // eret has no delay slot
    return Emu.Done;
  }
  deret(): number {
    // No EJTAG debug mode is modelled, so the vCPU is never in Debug Mode: RI (EJTAG spec).
    this.inject(ExcCode.RI, this.curPc, this.machine.exitBD);
    return Emu.Injected;
  }
  wait(_code19: number): number {
    this.stats.exit(EXIT.wait, this.curPc);
    return Emu.Halt;
  }
  c0(_cofun: number): number {
    // A COP0 function code the CPU does not implement: reserved instruction.
    this.inject(ExcCode.RI, this.curPc, this.machine.exitBD);
    return Emu.Injected;
  }
  cache(rs: number, hint: number, simm: number): number {
    const va = (this.machine.gpr[rs] + simm) | 0;
    const op = hint;
    this.stats.exit(EXIT.cache, this.curPc, va, op);
    // Index operations take any address; hit operations need a valid translation (as KVM:
    // a miss injects TLBL / TLB invalid). No caches are modelled, so nothing else happens.
    if ((op & 0x1c) !== 0 && (op & 0x1c) !== 0x04 && (op & 0x1c) !== 0x08 && (op & 0x1c) !== 0x0c) {
      if (this.translateQuiet(va) === null) {
        const u = va >>> 0;
        if (u >= 0x80000000 && !this.isKernel()) {
          this.injectAddr(ExcCode.AdEL, va, this.curPc, this.machine.exitBD);
          return Emu.Injected;
        }
        const i = this.tlb.lookup(va, this.asid());
        this.injectTlb(
          ExcCode.TLBL,
          va,
          this.curPc,
          this.machine.exitBD,
          i < 0 && (this.cp0[CP0.STATUS] & ST_EXL) === 0,
        );
        return Emu.Injected;
      }
    }
    return Emu.Done;
  }

  /**
   * rdhwr, from the reserved-instruction exit the hardware takes (the vCPU role owns rdhwr; KVM
   * emulates it from the RI trap): CPUNum, SYNCI_Step, CC, CCRes, ULR; RI in user mode without
   * HWREna.
   */
  private rdhwr(rt: number, hwr: number): number {
    const user = this.isUser() && (this.cp0[CP0.STATUS] & ST_CU0) === 0;
    if (user && ((this.cp0[CP0.HWRENA] >>> hwr) & 1) === 0) {
      this.inject(ExcCode.RI, this.curPc, this.machine.exitBD);
      return Emu.Injected;
    }
    let v: number;
    switch (hwr) {
      case HWR.CPUNUM:
        v = 0;
        break;
      case HWR.SYNCI_STEP:
        v = 32; // as QEMU's 24Kf (a multiple of the 16-byte lines)
        break;
      case HWR.CC:
        v = this.readCount();
        break;
      case HWR.CCRES:
        v = 2; // Count runs at half the pipeline clock
        break;
      case HWR_ULR:
        v = this.cp0[USERLOCAL];
        break;
      default:
        this.inject(ExcCode.RI, this.curPc, this.machine.exitBD);
        return Emu.Injected;
    }
    if (rt) this.machine.gpr[rt] = v;
    return Emu.Done;
  }
}

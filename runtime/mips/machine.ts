// The MIPS32r2 "hardware": a vCPU that runs guest code deprivileged, the way KVM trap-and-emulate
// runs it in host user mode. Guest kernel and guest user code both execute here with no privilege
// at all:
//
//   - every guest memory access (fetch, load, store) goes through the hardware TLB, which holds
//     the shadow mappings the hypervisor installed: guest virtual page → host RAM page. There are
//     two of them, one used while the guest is in kernel mode and one in user mode (KVM ≥ 4.11's
//     guest_kernel_mm / guest_user_mm GVA page tables). Each is a pair of flat Int32Arrays
//     indexed by virtual page number (read/fetch, write), holding host byte offset + 1, or 0
//     (no shadow mapping). The flat arrays are at the same time the per-vCPU translation cache:
//     there is no second copy to keep coherent, so the cache changes exactly when the shadow does.
//     A page that is mapped readable but not writable (clean guest page) has 0 in the write table.
//   - privileged instructions (CP0, cache, eret, wait, di/ei, tlb*), shadow misses (including
//     every MMIO access: MMIO pages are never shadow-mapped), misaligned accesses and the
//     architectural traps (syscall, break, trap, overflow, reserved instruction, rdhwr,
//     coprocessor unusable) leave the machine as exits: `run` returns an exit code and leaves the
//     faulting instruction's PC, its delay-slot flag, word and bad address in fields. No host
//     exception is ever thrown on the hot path.
//
// `run(limit)` executes at most `limit` instructions and is meant to be called once per slice
// (runtime/README.md: one long-lived loop gets slow OSR code in V8). Each instruction is one
// method of the generated VcpuHandlers (FpuHandlers for COP1/COP1X) taking decoded operands,
// reached through the generated dispatch; a method returns 0, an Exit, or a delay-slot Step.
//
// Registers: Int32Array gpr[0..31], HI = gpr[32], LO = gpr[33]. pc/npc model the delay slot: the
// instruction at pc executes, then pc ← npc, npc ← npc + 4; a taken branch sets npc.

import {
  decode as generatedDecode,
  execFpu,
  type FpuHandlers,
  INFO,
  OP_COUNT,
  ROLE_EMULATE,
  ROLE_FPU,
  ROLE_VCPU,
  ROLES,
  switchVcpu,
  type VcpuHandlers,
} from "../../generated/mips32r2/index.ts";
import { Inliner } from "../core/inline.ts";
import { dispatchTable, firstTierSource, SecondTier, type Entry } from "../core/tiers.ts";
import { warmDispatch } from "../core/warm.ts";
import { FpResult, MipsFpu } from "./fpu.ts";

// Imported bindings can compile to getters (tsx): plain copies for the hot path.
const decode: (w: number) => number = generatedDecode;

export const HI = 32;
export const LO = 33;

/** Exit codes returned by `Machine.run`. */
export const enum Exit {
  /** The slice's instruction limit was reached; nothing to do. */
  Budget = 0,
  /** Shadow miss on a load or fetch (`fetch` says which); badVAddr set. */
  TlbLoad = 1,
  /** Shadow miss on a store (unmapped, or mapped read-only); badVAddr set. */
  TlbStore = 2,
  /** Misaligned load or fetch; badVAddr set. */
  AddrLoad = 3,
  /** Misaligned store; badVAddr set. */
  AddrStore = 4,
  Syscall = 5,
  Break = 6,
  Trap = 7,
  Overflow = 8,
  /** Reserved instruction (undefined word, or rdhwr, which KVM emulates from the RI trap). */
  Reserved = 9,
  /** Coprocessor unusable: CP0/privileged instruction (cop 0) or FPU/COP2 (cop 1/2). */
  CopUnusable = 10,
  /** Floating-point exception (FCSR cause enabled, or ctc1 setting one). */
  FpException = 11,
}

/**
 * What an instruction handler returns to `run`: 0 (done, go on), an `Exit` (the instruction did
 * not complete), or one of these for the delay slot.
 */
const enum Step {
  Next = 0,
  /** Taken branch or jump: the delay slot runs, then `target`. */
  Jump = 16,
  /** Branch not taken: the delay slot runs, then the fall-through. */
  Slot = 17,
  /** Likely branch not taken: the delay slot is annulled (skipped). */
  Annul = 18,
  /** A store completed into a page translated blocks were built from (translate.ts). */
  Smc = 19,
}

/** The id `run` uses for a word that decodes to no instruction (outside every role). */
const UNDEFINED = OP_COUNT;

/** Masks for lwl/lwr/swl/swr on a little-endian guest, by byte offset within the word. */
const LWL_KEEP = new Int32Array([0x00ffffff, 0x0000ffff, 0x000000ff, 0]);
const LWR_KEEP = new Int32Array([0, 0xff000000 | 0, 0xffff0000 | 0, 0xffffff00 | 0]);
const SWL_KEEP = new Int32Array([0xffffff00 | 0, 0xffff0000 | 0, 0xff000000 | 0, 0]);
const SWR_KEEP = new Int32Array([0, 0x000000ff, 0x0000ffff, 0x00ffffff]);

/** The major opcodes of COP1/COP1X words (lwc1, ldc1, swc1, sdc1 included) and of COP2 words. */
const COP1_OPS = new Set([0x11, 0x13, 0x31, 0x35, 0x39, 0x3d]);
const COP2_OPS = new Set([0x12, 0x32, 0x36, 0x3a, 0x3e]);

/** The first tier's table (core/tiers.ts): per id, its handler called with its operands;
 *  ids outside the role, UNDEFINED included, go to `notVcpu`. */
const FIRST_TIER = dispatchTable<Machine, number>(switchVcpu, UNDEFINED + 1, "notVcpu");

/** Pages of the 32-bit virtual space. */
const VPAGES = 1 << 20;

/** One shadow table pair (read/fetch and write) with the list of pages filled in it. */
export class ShadowTable {
  readonly read = new Int32Array(VPAGES);
  readonly write = new Int32Array(VPAGES);
  /** Told of every change (the machine's mapping epoch, which chained blocks rely on). */
  changed: () => void = () => {};
  /** Pages filled since the last flush (to clear them without touching all 1M entries). */
  private filled = new Int32Array(4096);
  private nFilled = 0;
  private overflowed = false;

  fill(vpn: number, hostPageOff: number, writable: boolean): void {
    this.changed();
    if (this.read[vpn] === 0 && this.write[vpn] === 0) {
      if (this.nFilled === this.filled.length) {
        if (this.filled.length < 1 << 16) {
          const bigger = new Int32Array(this.filled.length * 2);
          bigger.set(this.filled);
          this.filled = bigger;
        } else this.overflowed = true;
      }
      if (!this.overflowed) this.filled[this.nFilled++] = vpn;
    }
    this.read[vpn] = hostPageOff + 1;
    this.write[vpn] = writable ? hostPageOff + 1 : 0;
  }

  /** Removes the mappings of pages [first, first+count). */
  invalidateRange(firstVpn: number, count: number): void {
    this.changed();
    const end = Math.min(firstVpn + count, VPAGES);
    for (let v = firstVpn; v < end; v++) {
      this.read[v] = 0;
      this.write[v] = 0;
    }
  }

  /** Removes every mapping whose page satisfies `pred` (all when no predicate). */
  flush(pred?: (vpn: number) => boolean): void {
    this.changed();
    if (this.overflowed) {
      if (pred === undefined) {
        this.read.fill(0);
        this.write.fill(0);
      } else {
        for (let v = 0; v < VPAGES; v++)
          if (this.read[v] !== 0 || this.write[v] !== 0) {
            if (pred(v)) {
              this.read[v] = 0;
              this.write[v] = 0;
            }
          }
      }
      this.overflowed = pred !== undefined;
      if (!this.overflowed) this.nFilled = 0;
      else this.rebuildList();
      return;
    }
    let keep = 0;
    for (let i = 0; i < this.nFilled; i++) {
      const v = this.filled[i];
      if (pred === undefined || pred(v)) {
        this.read[v] = 0;
        this.write[v] = 0;
      } else if (this.read[v] !== 0 || this.write[v] !== 0) this.filled[keep++] = v;
    }
    this.nFilled = keep;
  }

  private rebuildList(): void {
    this.nFilled = 0;
    this.overflowed = false;
    for (let v = 0; v < VPAGES; v++)
      if (this.read[v] !== 0 || this.write[v] !== 0) {
        if (this.nFilled === this.filled.length) {
          if (this.filled.length >= 1 << 16) {
            this.overflowed = true;
            return;
          }
          const bigger = new Int32Array(this.filled.length * 2);
          bigger.set(this.filled);
          this.filled = bigger;
        }
        this.filled[this.nFilled++] = v;
      }
  }
}

export class Machine implements VcpuHandlers<number>, FpuHandlers<number> {
  /** GPRs, then HI (32) and LO (33). gpr[0] stays 0. */
  readonly gpr = new Int32Array(34);
  pc = 0;
  npc = 4;
  /** The instruction at pc sits in a branch delay slot. */
  inDelaySlot = 0;
  /** Guest instructions completed. */
  icount = 0;
  /** LL bit (cleared by eret and by a successful or failed sc). */
  llbit = 0;
  /** Guest-virtual address of the last ll (the hypervisor derives LLAddr from it). */
  llva = 0;

  // What the last exit was about.
  /** PC of the instruction that exited (not advanced). */
  exitPc = 0;
  /** It sat in a delay slot (EPC would be exitPc - 4, Cause.BD = 1). */
  exitBD = 0;
  exitWord = 0;
  badVAddr = 0;
  /** A TlbLoad/AddrLoad exit came from an instruction fetch. */
  exitFetch = false;
  /** CopUnusable: which coprocessor (0 privileged, 1 FPU, 2 COP2). */
  exitCop = 0;

  /** The FPU (COP1). Its instructions run here only while the hypervisor sets `cu1`. */
  readonly fpu = new MipsFpu();
  /** Status.CU1, kept in step by the hypervisor: off, every FPU word exits as CpU (cop 1). */
  cu1 = false;

  /** Host RAM the shadow tables point into. */
  readonly i32: Int32Array;
  readonly i16: Int16Array;
  readonly u16: Uint16Array;
  readonly i8: Int8Array;
  readonly u8: Uint8Array;
  /**
   * Predecoded instructions: per host RAM word, 0 (not decoded yet), the generated id, or 255
   * (decode again). Every store into RAM clears the word's entry, so self-modifying and copied
   * code (exception vectors) is always seen as written.
   */
  readonly predecoded: Uint8Array;
  private readonly decodeWord = decode;
  private readonly undefinedId = UNDEFINED;
  /**
   * Per 4 KB page of host RAM: 1 when translated blocks were built from it (translate.ts). A
   * store into such a page calls `codeWritten` and returns Step.Smc, so a running block stops
   * right after it.
   */
  readonly codePage: Uint8Array;
  codeWritten: (page: number) => void = noCode;
  /** Stores into RAM so far (a polling loop that stores is not a fixed point: core/poll.ts). */
  stores = 0;
  /**
   * Changes when any guest-virtual → host mapping the vCPU uses may have changed (a shadow
   * fill, invalidation or flush, a switch of address space): a successor link between two
   * translated blocks made under the same epoch still leads to the same code.
   */
  mapEpoch = 0;
  /** A block's result (translate.ts): instructions retired, and the next PC (when it ran out,
   *  or, for an exit in a delay slot, where the branch goes). */
  blockDone = 0;
  blockNext = 0;
  /** Index in the block of the instruction that exited. */
  blockIndex = 0;

  readonly kernelTable = new ShadowTable();
  readonly userTable = new ShadowTable();
  /** The table in use: kernelTable while the guest is in kernel mode, else userTable. */
  table: ShadowTable = this.kernelTable;
  /** `table.read` and `table.write`, one load away for the handlers. */
  private rtab: Int32Array = this.kernelTable.read;
  private wtab: Int32Array = this.kernelTable.write;

  /** PC of the instruction being run (branch targets and links are relative to it). */
  private cur = 0;
  /** Where a Step.Jump goes after the delay slot. */
  private target = 0;

  constructor(ram: ArrayBuffer) {
    this.i32 = new Int32Array(ram);
    this.i16 = new Int16Array(ram);
    this.u16 = new Uint16Array(ram);
    this.i8 = new Int8Array(ram);
    this.u8 = new Uint8Array(ram);
    this.predecoded = new Uint8Array(ram.byteLength >>> 2);
    this.codePage = new Uint8Array(Math.ceil(ram.byteLength / 4096));
    this.kernelTable.changed = this.userTable.changed = () => {
      this.mapEpoch++;
    };
  }

  /** Host code outside the machine wrote RAM (loader, DMA, debugger): forget what was decoded
   *  or translated from it. */
  invalidateCode(hostOff: number, bytes: number): void {
    this.predecoded.fill(0, hostOff >>> 2, (hostOff + bytes + 3) >>> 2);
    const last = Math.min(this.codePage.length - 1, (hostOff + Math.max(bytes, 1) - 1) >>> 12);
    for (let p = hostOff >>> 12; p <= last; p++) if (this.codePage[p] !== 0) this.codeWritten(p);
  }

  /** The shadow entry (host offset + 1, or 0) the vCPU fetches guest `pc` through. */
  fetchEntry(pc: number): number {
    return this.rtab[pc >>> 12];
  }

  /**
   * Instruction `i` of a translated block returned `x` ≠ 0, with `d` instructions retired before
   * this round of the block: an exit (the block stops there; `next` is the branch's outcome
   * when the instruction sits in a delay slot), or Step.Smc (a store into translated code
   * completed, or the block's end: it goes on at `next`).
   */
  blockExit(x: number, d: number, i: number, next: number): number {
    this.blockIndex = i;
    this.blockNext = next;
    if (x !== Step.Smc) {
      this.blockDone = d + i;
      return x;
    }
    this.blockDone = d + i + 1;
    return 0;
  }

  /** A store wrote host word `o` of a page with translated blocks. */
  private smc(o: number): number {
    this.codeWritten(o >>> 10);
    return Step.Smc;
  }

  setUserMode(user: boolean): void {
    this.mapEpoch++;
    this.table = user ? this.userTable : this.kernelTable;
    this.rtab = this.table.read;
    this.wtab = this.table.write;
  }

  /** Redirects execution (exception vector, eret, emulated branch outcome). */
  jump(pc: number, npc = (pc + 4) | 0): void {
    this.pc = pc | 0;
    this.npc = npc | 0;
    this.inDelaySlot = 0;
  }

  /**
   * Runs at most `limit` instructions. Returns an `Exit`; for every exit except Budget the
   * faulting instruction did not complete and `exitPc`/`exitBD`/`exitWord` describe it.
   */
  run(limit: number): Exit {
    const i32 = this.i32;
    const pd = this.predecoded;
    // Module bindings through the instance: run's text is compiled again (inlineDispatch), where
    // a bundler may have renamed them.
    const decodeWord = this.decodeWord,
      undefinedId = this.undefinedId;
    const rtab = this.rtab;
    const firstTier = this.firstTier;
    let pc = this.pc | 0,
      npc = this.npc | 0;
    let ds = this.inDelaySlot; // the instruction at pc is in a delay slot
    let n = 0;
    let fpage = -1,
      fbase = 0; // fetch page cache: valid within this slice only
    let cur = 0,
      inDS = 0,
      w = 0,
      code: Exit = Exit.Budget;
    let fexit = false;

    for (;;) {
      if (n >= limit) {
        code = Exit.Budget;
        break;
      }
      if (((pc >>> 12) ^ fpage) | (pc & 3)) {
        if (pc & 3) {
          cur = pc;
          inDS = 0; // a fetch exception reports the target itself, never BD
          this.badVAddr = pc;
          w = 0; // no word was fetched
          fexit = true;
          code = Exit.AddrLoad;
          break;
        }
        const e = rtab[pc >>> 12];
        if (e === 0) {
          cur = pc;
          inDS = ds;
          this.badVAddr = pc;
          w = 0;
          fexit = true;
          code = Exit.TlbLoad;
          break;
        }
        fpage = pc >>> 12;
        fbase = (e - 1) >> 2;
      }
      const wi = fbase + ((pc & 0xfff) >> 2);
      w = i32[wi];
      let id = pd[wi];
      if (((id + 1) & 0xff) < 2) {
        // 0: not decoded yet; 255: an id that does not fit the byte, decoded each time.
        id = decodeWord(w) || undefinedId;
        pd[wi] = id < 0xff ? id : 0xff;
      }
      cur = pc;
      inDS = ds;
      ds = 0;
      pc = npc;
      npc = (npc + 4) | 0;
      n++;
      // First tier: one small function per id (core/tiers.ts). The second tier is this text
      // compiled again with the generated switch here, the handlers' text in its cases
      // (inlineDispatch, below); there only the cases that read `cur` (branches, links, the
      // FPU's) set it.
      this.cur = cur;
      const x = firstTier[id](this, w);
      if (x !== Step.Next) {
        if (x === Step.Jump) {
          npc = this.target;
          ds = 1;
        } else if (x === Step.Slot) ds = 1;
        else if (x === Step.Annul) {
          pc = npc;
          npc = (npc + 4) | 0;
        } else if (x !== Step.Smc) {
          code = x;
          break;
        }
      }
    }

    if (code !== Exit.Budget) {
      // The instruction at `cur` did not complete: restore the state before it. (A fetch exit
      // leaves before the instruction is counted.)
      if (!fexit) n--;
      this.exitPc = cur;
      this.exitBD = inDS;
      this.exitWord = w;
      // After a fetch exit nothing advanced; after an instruction exit pc holds the old npc.
      this.npc = fexit ? npc : pc;
      this.exitFetch = fexit;
      this.pc = cur;
      this.inDelaySlot = inDS;
    } else {
      this.pc = pc;
      this.npc = npc;
      this.inDelaySlot = ds;
    }
    this.icount += n;
    return code;
  }

  /**
   * Words outside the vCPU role, as the hardware treats them: the FPU's run here while CU1 is
   * set (else CpU, cop 1); the privileged instructions leave as CpU (cop 0) for the hypervisor;
   * COP2 words are CpU (cop 2); undefined words are reserved, or CpU in a coprocessor's space.
   */
  notVcpu(id: number, w: number): number {
    const roles = id < OP_COUNT ? ROLES[id] : 0;
    if (roles & ROLE_FPU) {
      if (!this.cu1) return this.copUnusable(1);
      return execFpu(this, id, w, reserved);
    }
    if (roles & ROLE_EMULATE) return this.copUnusable(0);
    const cop = roles !== 0 ? INFO[id].cop : undefined;
    const op = w >>> 26;
    if (cop === 1 || COP1_OPS.has(op) || (op === 0 && (w & 0x3f) === 1))
      return this.cu1 ? Exit.Reserved : this.copUnusable(1);
    if (cop === 2 || COP2_OPS.has(op)) return this.copUnusable(2);
    return Exit.Reserved;
  }

  /** The first tier's table (module-level FIRST_TIER; a field, for run's text compiled again). */
  private readonly firstTier: readonly Entry<Machine, number>[] = FIRST_TIER;

  private copUnusable(cop: number): number {
    this.exitCop = cop;
    return Exit.CopUnusable;
  }

  // ---- shifts

  sll(rt: number, rd: number, sa: number): number {
    if (rd) this.gpr[rd] = this.gpr[rt] << sa;
    return 0;
  }
  srl(rt: number, rd: number, sa: number): number {
    if (rd) this.gpr[rd] = this.gpr[rt] >>> sa;
    return 0;
  }
  rotr(rt: number, rd: number, sa: number): number {
    const g = this.gpr;
    if (rd) g[rd] = (g[rt] >>> sa) | (g[rt] << (32 - sa));
    return 0;
  }
  sra(rt: number, rd: number, sa: number): number {
    if (rd) this.gpr[rd] = this.gpr[rt] >> sa;
    return 0;
  }
  sllv(rs: number, rt: number, rd: number): number {
    const g = this.gpr;
    if (rd) g[rd] = g[rt] << (g[rs] & 31);
    return 0;
  }
  srlv(rs: number, rt: number, rd: number): number {
    const g = this.gpr;
    if (rd) g[rd] = g[rt] >>> (g[rs] & 31);
    return 0;
  }
  rotrv(rs: number, rt: number, rd: number): number {
    const g = this.gpr;
    const s = g[rs] & 31;
    if (rd) g[rd] = (g[rt] >>> s) | (g[rt] << (32 - s));
    return 0;
  }
  srav(rs: number, rt: number, rd: number): number {
    const g = this.gpr;
    if (rd) g[rd] = g[rt] >> (g[rs] & 31);
    return 0;
  }

  // ---- jumps and branches: the target is relative to the delay slot (cur + 4)

  private jumpTo(target: number): number {
    this.target = target;
    return Step.Jump;
  }
  /** A conditional branch: taken, or on to its delay slot. */
  private branch(taken: boolean, off: number): number {
    if (!taken) return Step.Slot;
    this.target = (this.cur + 4 + off) | 0;
    return Step.Jump;
  }
  /** A likely branch: taken, or its delay slot is annulled. */
  private branchLikely(taken: boolean, off: number): number {
    if (!taken) return Step.Annul;
    this.target = (this.cur + 4 + off) | 0;
    return Step.Jump;
  }
  private link(rd: number): void {
    if (rd) this.gpr[rd] = (this.cur + 8) | 0;
  }

  jr(rs: number): number {
    return this.jumpTo(this.gpr[rs]);
  }
  jr_hb(rs: number): number {
    return this.jr(rs);
  }
  jalr(rs: number, rd: number): number {
    const t = this.gpr[rs];
    this.link(rd);
    return this.jumpTo(t);
  }
  jalr_hb(rs: number, rd: number): number {
    return this.jalr(rs, rd);
  }
  j(index: number): number {
    return this.jumpTo(((this.cur + 4) & 0xf0000000) | (index << 2));
  }
  jal(index: number): number {
    this.link(31);
    return this.j(index);
  }
  /** No MIPS16e/microMIPS on the 24Kf: reserved instruction. */
  jalx(_index: number): number {
    return Exit.Reserved;
  }
  beq(rs: number, rt: number, off: number): number {
    return this.branch(this.gpr[rs] === this.gpr[rt], off);
  }
  bne(rs: number, rt: number, off: number): number {
    return this.branch(this.gpr[rs] !== this.gpr[rt], off);
  }
  blez(rs: number, off: number): number {
    return this.branch(this.gpr[rs] <= 0, off);
  }
  bgtz(rs: number, off: number): number {
    return this.branch(this.gpr[rs] > 0, off);
  }
  bltz(rs: number, off: number): number {
    return this.branch(this.gpr[rs] < 0, off);
  }
  bgez(rs: number, off: number): number {
    return this.branch(this.gpr[rs] >= 0, off);
  }
  bltzal(rs: number, off: number): number {
    const c = this.gpr[rs] < 0;
    this.link(31);
    return this.branch(c, off);
  }
  bgezal(rs: number, off: number): number {
    const c = this.gpr[rs] >= 0;
    this.link(31);
    return this.branch(c, off);
  }
  beql(rs: number, rt: number, off: number): number {
    return this.branchLikely(this.gpr[rs] === this.gpr[rt], off);
  }
  bnel(rs: number, rt: number, off: number): number {
    return this.branchLikely(this.gpr[rs] !== this.gpr[rt], off);
  }
  blezl(rs: number, off: number): number {
    return this.branchLikely(this.gpr[rs] <= 0, off);
  }
  bgtzl(rs: number, off: number): number {
    return this.branchLikely(this.gpr[rs] > 0, off);
  }
  bltzl(rs: number, off: number): number {
    return this.branchLikely(this.gpr[rs] < 0, off);
  }
  bgezl(rs: number, off: number): number {
    return this.branchLikely(this.gpr[rs] >= 0, off);
  }
  bltzall(rs: number, off: number): number {
    const c = this.gpr[rs] < 0;
    this.link(31);
    return this.branchLikely(c, off);
  }
  bgezall(rs: number, off: number): number {
    const c = this.gpr[rs] >= 0;
    this.link(31);
    return this.branchLikely(c, off);
  }

  // ---- conditional moves, HI/LO

  movz(rs: number, rt: number, rd: number): number {
    const g = this.gpr;
    if (g[rt] === 0 && rd) g[rd] = g[rs];
    return 0;
  }
  movn(rs: number, rt: number, rd: number): number {
    const g = this.gpr;
    if (g[rt] !== 0 && rd) g[rd] = g[rs];
    return 0;
  }
  mfhi(rd: number): number {
    if (rd) this.gpr[rd] = this.gpr[HI];
    return 0;
  }
  mthi(rs: number): number {
    this.gpr[HI] = this.gpr[rs];
    return 0;
  }
  mflo(rd: number): number {
    if (rd) this.gpr[rd] = this.gpr[LO];
    return 0;
  }
  mtlo(rs: number): number {
    this.gpr[LO] = this.gpr[rs];
    return 0;
  }

  /**
   * The 64-bit product of rs and rt (signed unless `unsigned`) into HI/LO, or added to (`acc`
   * 1) or subtracted from (`acc` -1) them. 32x32 → 64 without BigInt: the unsigned high word
   * from 16-bit halves, corrected for signed operands.
   */
  private multiply(rs: number, rt: number, unsigned: boolean, acc: number): number {
    // Every value here is an int32 (partial products through Math.imul, whose low 32 bits are
    // the exact product of 16-bit halves; unsigned compares as signed ones with the sign bit
    // flipped): V8 compiles code that has seen only small integers to expect them, and a
    // product or an unsigned value above 2^31 deoptimised it (translated blocks most of all,
    // whose type feedback is their own).
    const g = this.gpr;
    const a = g[rs],
      b = g[rt];
    const al = a & 0xffff,
      ah = a >>> 16,
      bl = b & 0xffff,
      bh = b >>> 16;
    const lh = Math.imul(al, bh),
      hl = Math.imul(ah, bl);
    const mid = (Math.imul(al, bl) >>> 16) + (lh & 0xffff) + (hl & 0xffff);
    let hi = (Math.imul(ah, bh) + ((lh >>> 16) + (hl >>> 16) + (mid >>> 16))) | 0;
    const lo = Math.imul(a, b);
    if (!unsigned) {
      if (a < 0) hi = (hi - b) | 0;
      if (b < 0) hi = (hi - a) | 0;
    }
    if (acc === 0) {
      g[HI] = hi;
      g[LO] = lo;
    } else if (acc > 0) {
      // Carry out of LO: the sum is below an addend, unsigned.
      const l = (g[LO] + lo) | 0;
      g[HI] = (g[HI] + hi + ((l ^ -0x80000000) < (lo ^ -0x80000000) ? 1 : 0)) | 0;
      g[LO] = l;
    } else {
      const l0 = g[LO];
      g[LO] = (l0 - lo) | 0;
      g[HI] = (g[HI] - hi - ((l0 ^ -0x80000000) < (lo ^ -0x80000000) ? 1 : 0)) | 0;
    }
    return 0;
  }
  mult(rs: number, rt: number): number {
    return this.multiply(rs, rt, false, 0);
  }
  multu(rs: number, rt: number): number {
    return this.multiply(rs, rt, true, 0);
  }
  madd(rs: number, rt: number): number {
    return this.multiply(rs, rt, false, 1);
  }
  maddu(rs: number, rt: number): number {
    return this.multiply(rs, rt, true, 1);
  }
  msub(rs: number, rt: number): number {
    return this.multiply(rs, rt, false, -1);
  }
  msubu(rs: number, rt: number): number {
    return this.multiply(rs, rt, true, -1);
  }
  mul(rs: number, rt: number, rd: number): number {
    const g = this.gpr;
    if (rd) g[rd] = Math.imul(g[rs], g[rt]);
    return 0;
  }
  div(rs: number, rt: number): number {
    const g = this.gpr;
    const a = g[rs],
      b = g[rt];
    if (b !== 0) {
      g[LO] = (a / b) | 0;
      g[HI] = (a % b) | 0;
    }
    return 0;
  }
  divu(rs: number, rt: number): number {
    const g = this.gpr;
    const a = g[rs] >>> 0,
      b = g[rt] >>> 0;
    if (b !== 0) {
      g[LO] = (a / b) | 0;
      g[HI] = (a % b) | 0;
    }
    return 0;
  }

  // ---- ALU

  add(rs: number, rt: number, rd: number): number {
    const g = this.gpr;
    const s = g[rs] + g[rt];
    if (s > 0x7fffffff || s < -0x80000000) return Exit.Overflow;
    if (rd) g[rd] = s;
    return 0;
  }
  addu(rs: number, rt: number, rd: number): number {
    const g = this.gpr;
    if (rd) g[rd] = (g[rs] + g[rt]) | 0;
    return 0;
  }
  sub(rs: number, rt: number, rd: number): number {
    const g = this.gpr;
    const s = g[rs] - g[rt];
    if (s > 0x7fffffff || s < -0x80000000) return Exit.Overflow;
    if (rd) g[rd] = s;
    return 0;
  }
  subu(rs: number, rt: number, rd: number): number {
    const g = this.gpr;
    if (rd) g[rd] = (g[rs] - g[rt]) | 0;
    return 0;
  }
  and(rs: number, rt: number, rd: number): number {
    const g = this.gpr;
    if (rd) g[rd] = g[rs] & g[rt];
    return 0;
  }
  or(rs: number, rt: number, rd: number): number {
    const g = this.gpr;
    if (rd) g[rd] = g[rs] | g[rt];
    return 0;
  }
  xor(rs: number, rt: number, rd: number): number {
    const g = this.gpr;
    if (rd) g[rd] = g[rs] ^ g[rt];
    return 0;
  }
  nor(rs: number, rt: number, rd: number): number {
    const g = this.gpr;
    if (rd) g[rd] = ~(g[rs] | g[rt]);
    return 0;
  }
  slt(rs: number, rt: number, rd: number): number {
    const g = this.gpr;
    if (rd) g[rd] = g[rs] < g[rt] ? 1 : 0;
    return 0;
  }
  sltu(rs: number, rt: number, rd: number): number {
    const g = this.gpr;
    if (rd) g[rd] = (g[rs] ^ -0x80000000) < (g[rt] ^ -0x80000000) ? 1 : 0;
    return 0;
  }
  addi(rs: number, rt: number, simm: number): number {
    const g = this.gpr;
    const s = g[rs] + simm;
    if (s > 0x7fffffff || s < -0x80000000) return Exit.Overflow;
    if (rt) g[rt] = s;
    return 0;
  }
  addiu(rs: number, rt: number, simm: number): number {
    const g = this.gpr;
    if (rt) g[rt] = (g[rs] + simm) | 0;
    return 0;
  }
  slti(rs: number, rt: number, simm: number): number {
    const g = this.gpr;
    if (rt) g[rt] = g[rs] < simm ? 1 : 0;
    return 0;
  }
  sltiu(rs: number, rt: number, simm: number): number {
    const g = this.gpr;
    if (rt) g[rt] = (g[rs] ^ -0x80000000) < (simm ^ -0x80000000) ? 1 : 0;
    return 0;
  }
  andi(rs: number, rt: number, uimm: number): number {
    const g = this.gpr;
    if (rt) g[rt] = g[rs] & uimm;
    return 0;
  }
  ori(rs: number, rt: number, uimm: number): number {
    const g = this.gpr;
    if (rt) g[rt] = g[rs] | uimm;
    return 0;
  }
  xori(rs: number, rt: number, uimm: number): number {
    const g = this.gpr;
    if (rt) g[rt] = g[rs] ^ uimm;
    return 0;
  }
  lui(rt: number, uimm: number): number {
    if (rt) this.gpr[rt] = uimm << 16;
    return 0;
  }
  clz(rs: number, _rt: number, rd: number): number {
    if (rd) this.gpr[rd] = Math.clz32(this.gpr[rs]);
    return 0;
  }
  clo(rs: number, _rt: number, rd: number): number {
    if (rd) this.gpr[rd] = Math.clz32(~this.gpr[rs]);
    return 0;
  }
  ext(rs: number, rt: number, msbd: number, pos: number): number {
    const g = this.gpr;
    const size = msbd + 1;
    if (rt) g[rt] = size >= 32 ? g[rs] >>> pos : (g[rs] >>> pos) & ((1 << size) - 1);
    return 0;
  }
  ins(rs: number, rt: number, msb: number, pos: number): number {
    const g = this.gpr;
    if (msb >= pos) {
      const size = msb - pos + 1;
      const m = size >= 32 ? -1 : ((1 << size) - 1) << pos;
      if (rt) g[rt] = (g[rt] & ~m) | ((g[rs] << pos) & m);
    }
    return 0;
  }
  wsbh(rt: number, rd: number): number {
    const v = this.gpr[rt];
    if (rd) this.gpr[rd] = ((v & 0x00ff00ff) << 8) | ((v >>> 8) & 0x00ff00ff);
    return 0;
  }
  seb(rt: number, rd: number): number {
    if (rd) this.gpr[rd] = (this.gpr[rt] << 24) >> 24;
    return 0;
  }
  seh(rt: number, rd: number): number {
    if (rd) this.gpr[rd] = (this.gpr[rt] << 16) >> 16;
    return 0;
  }

  // ---- traps, and the instructions this core sends to the hypervisor as reserved

  syscall(_code20: number): number {
    return Exit.Syscall;
  }
  break(_codehi: number, _codelo: number): number {
    return Exit.Break;
  }
  private trap(c: boolean): number {
    return c ? Exit.Trap : 0;
  }
  tge(rs: number, rt: number, _codelo: number): number {
    return this.trap(this.gpr[rs] >= this.gpr[rt]);
  }
  tgeu(rs: number, rt: number, _codelo: number): number {
    return this.trap((this.gpr[rs] ^ -0x80000000) >= (this.gpr[rt] ^ -0x80000000));
  }
  tlt(rs: number, rt: number, _codelo: number): number {
    return this.trap(this.gpr[rs] < this.gpr[rt]);
  }
  tltu(rs: number, rt: number, _codelo: number): number {
    return this.trap((this.gpr[rs] ^ -0x80000000) < (this.gpr[rt] ^ -0x80000000));
  }
  teq(rs: number, rt: number, _codelo: number): number {
    return this.trap(this.gpr[rs] === this.gpr[rt]);
  }
  tne(rs: number, rt: number, _codelo: number): number {
    return this.trap(this.gpr[rs] !== this.gpr[rt]);
  }
  tgei(rs: number, simm: number): number {
    return this.trap(this.gpr[rs] >= simm);
  }
  tgeiu(rs: number, simm: number): number {
    return this.trap((this.gpr[rs] ^ -0x80000000) >= (simm ^ -0x80000000));
  }
  tlti(rs: number, simm: number): number {
    return this.trap(this.gpr[rs] < simm);
  }
  tltiu(rs: number, simm: number): number {
    return this.trap((this.gpr[rs] ^ -0x80000000) < (simm ^ -0x80000000));
  }
  teqi(rs: number, simm: number): number {
    return this.trap(this.gpr[rs] === simm);
  }
  tnei(rs: number, simm: number): number {
    return this.trap(this.gpr[rs] !== simm);
  }
  /** No EJTAG debug mode is modelled: a reserved instruction. */
  sdbbp(_code20: number): number {
    return Exit.Reserved;
  }
  /** No user-defined instructions on the 24Kf. */
  udi(_rs: number, _rt: number, _rd: number, _sa: number, _udin: number): number {
    return Exit.Reserved;
  }
  /** Reserved in hardware; the hypervisor emulates it from the RI exit (as KVM does). */
  rdhwr(_rt: number, _hwr: number): number {
    return Exit.Reserved;
  }

  // ---- no-ops at user level

  sync(_stype: number): number {
    return 0;
  }
  pref(_rs: number, _hint: number, _simm: number): number {
    return 0;
  }
  synci(_rs: number, _simm: number): number {
    return 0;
  }
  /** COP1X, so CpU while CU1 is clear; no caches are modelled. */
  prefx(_rs: number, _rt: number, _xhint: number): number {
    return this.cu1 ? 0 : this.copUnusable(1);
  }

  // ---- loads: through the shadow table in use; a miss or misalignment exits with badVAddr

  private loadFault(va: number, code: Exit): number {
    this.badVAddr = va;
    return code;
  }
  lw(rs: number, rt: number, simm: number): number {
    const va = (this.gpr[rs] + simm) | 0;
    if (va & 3) return this.loadFault(va, Exit.AddrLoad);
    const e = this.rtab[va >>> 12];
    if (e === 0) return this.loadFault(va, Exit.TlbLoad);
    const v = this.i32[(e - 1 + (va & 0xfff)) >> 2];
    if (rt) this.gpr[rt] = v;
    return 0;
  }
  ll(rs: number, rt: number, simm: number): number {
    const va = (this.gpr[rs] + simm) | 0;
    const x = this.lw(rs, rt, simm);
    if (x === 0) {
      this.llbit = 1;
      this.llva = va;
    }
    return x;
  }
  lh(rs: number, rt: number, simm: number): number {
    const va = (this.gpr[rs] + simm) | 0;
    if (va & 1) return this.loadFault(va, Exit.AddrLoad);
    const e = this.rtab[va >>> 12];
    if (e === 0) return this.loadFault(va, Exit.TlbLoad);
    if (rt) this.gpr[rt] = this.i16[(e - 1 + (va & 0xfff)) >> 1];
    return 0;
  }
  lhu(rs: number, rt: number, simm: number): number {
    const va = (this.gpr[rs] + simm) | 0;
    if (va & 1) return this.loadFault(va, Exit.AddrLoad);
    const e = this.rtab[va >>> 12];
    if (e === 0) return this.loadFault(va, Exit.TlbLoad);
    if (rt) this.gpr[rt] = this.u16[(e - 1 + (va & 0xfff)) >> 1];
    return 0;
  }
  lb(rs: number, rt: number, simm: number): number {
    const va = (this.gpr[rs] + simm) | 0;
    const e = this.rtab[va >>> 12];
    if (e === 0) return this.loadFault(va, Exit.TlbLoad);
    if (rt) this.gpr[rt] = this.i8[e - 1 + (va & 0xfff)];
    return 0;
  }
  lbu(rs: number, rt: number, simm: number): number {
    const va = (this.gpr[rs] + simm) | 0;
    const e = this.rtab[va >>> 12];
    if (e === 0) return this.loadFault(va, Exit.TlbLoad);
    if (rt) this.gpr[rt] = this.u8[e - 1 + (va & 0xfff)];
    return 0;
  }
  lwl(rs: number, rt: number, simm: number): number {
    const g = this.gpr;
    const va = (g[rs] + simm) | 0;
    const e = this.rtab[va >>> 12];
    if (e === 0) return this.loadFault(va, Exit.TlbLoad);
    const m = this.i32[(e - 1 + (va & 0xffc)) >> 2];
    const b = va & 3;
    if (rt) g[rt] = (m << (24 - 8 * b)) | (g[rt] & LWL_KEEP[b]);
    return 0;
  }
  lwr(rs: number, rt: number, simm: number): number {
    const g = this.gpr;
    const va = (g[rs] + simm) | 0;
    const e = this.rtab[va >>> 12];
    if (e === 0) return this.loadFault(va, Exit.TlbLoad);
    const m = this.i32[(e - 1 + (va & 0xffc)) >> 2];
    const b = va & 3;
    if (rt) g[rt] = (m >>> (8 * b)) | (g[rt] & LWR_KEEP[b]);
    return 0;
  }

  // ---- stores: each clears the predecoded word it writes

  sw(rs: number, rt: number, simm: number): number {
    const va = (this.gpr[rs] + simm) | 0;
    if (va & 3) return this.loadFault(va, Exit.AddrStore);
    const e = this.wtab[va >>> 12];
    if (e === 0) return this.loadFault(va, Exit.TlbStore);
    const o = (e - 1 + (va & 0xfff)) >> 2;
    this.i32[o] = this.gpr[rt];
    this.predecoded[o] = 0;
    this.stores++;
    if (this.codePage[o >>> 10] !== 0) return this.smc(o);
    return 0;
  }
  sc(rs: number, rt: number, simm: number): number {
    const va = (this.gpr[rs] + simm) | 0;
    if (va & 3) return this.loadFault(va, Exit.AddrStore);
    const e = this.wtab[va >>> 12];
    if (e === 0) return this.loadFault(va, Exit.TlbStore);
    const stored = this.llbit;
    const o = (e - 1 + (va & 0xfff)) >> 2;
    if (stored) {
      this.i32[o] = this.gpr[rt];
      this.predecoded[o] = 0;
    }
    if (rt) this.gpr[rt] = stored;
    this.llbit = 0;
    this.stores += stored;
    return stored && this.codePage[o >>> 10] !== 0 ? this.smc(o) : 0;
  }
  sh(rs: number, rt: number, simm: number): number {
    const va = (this.gpr[rs] + simm) | 0;
    if (va & 1) return this.loadFault(va, Exit.AddrStore);
    const e = this.wtab[va >>> 12];
    if (e === 0) return this.loadFault(va, Exit.TlbStore);
    const o = (e - 1 + (va & 0xfff)) >> 1;
    this.i16[o] = this.gpr[rt];
    this.predecoded[o >> 1] = 0;
    this.stores++;
    if (this.codePage[o >>> 11] !== 0) return this.smc(o >> 1);
    return 0;
  }
  sb(rs: number, rt: number, simm: number): number {
    const va = (this.gpr[rs] + simm) | 0;
    const e = this.wtab[va >>> 12];
    if (e === 0) return this.loadFault(va, Exit.TlbStore);
    const o = e - 1 + (va & 0xfff);
    this.i8[o] = this.gpr[rt];
    this.predecoded[o >> 2] = 0;
    this.stores++;
    if (this.codePage[o >>> 12] !== 0) return this.smc(o >> 2);
    return 0;
  }
  swl(rs: number, rt: number, simm: number): number {
    const va = (this.gpr[rs] + simm) | 0;
    const e = this.wtab[va >>> 12];
    if (e === 0) return this.loadFault(va, Exit.TlbStore);
    const o = (e - 1 + (va & 0xffc)) >> 2;
    const b = va & 3;
    this.i32[o] = (this.i32[o] & SWL_KEEP[b]) | (this.gpr[rt] >>> (24 - 8 * b));
    this.predecoded[o] = 0;
    this.stores++;
    if (this.codePage[o >>> 10] !== 0) return this.smc(o);
    return 0;
  }
  swr(rs: number, rt: number, simm: number): number {
    const va = (this.gpr[rs] + simm) | 0;
    const e = this.wtab[va >>> 12];
    if (e === 0) return this.loadFault(va, Exit.TlbStore);
    const o = (e - 1 + (va & 0xffc)) >> 2;
    const b = va & 3;
    this.i32[o] = (this.i32[o] & SWR_KEEP[b]) | (this.gpr[rt] << (8 * b));
    this.predecoded[o] = 0;
    this.stores++;
    if (this.codePage[o >>> 10] !== 0) return this.smc(o);
    return 0;
  }

  // ---- COP2: no coprocessor 2 on the 24Kf, every instruction of it is CpU (cop 2)

  lwc2(_rs: number, _c2rt: number, _simm: number): number {
    return this.copUnusable(2);
  }
  ldc2(_rs: number, _c2rt: number, _simm: number): number {
    return this.copUnusable(2);
  }
  swc2(_rs: number, _c2rt: number, _simm: number): number {
    return this.copUnusable(2);
  }
  sdc2(_rs: number, _c2rt: number, _simm: number): number {
    return this.copUnusable(2);
  }
  mfc2(_rt: number, _c2rd: number, _sel: number): number {
    return this.copUnusable(2);
  }
  cfc2(_rt: number, _c2rd: number): number {
    return this.copUnusable(2);
  }
  mfhc2(_rt: number, _uimm: number): number {
    return this.copUnusable(2);
  }
  mtc2(_rt: number, _c2rd: number, _sel: number): number {
    return this.copUnusable(2);
  }
  ctc2(_rt: number, _c2rd: number): number {
    return this.copUnusable(2);
  }
  mthc2(_rt: number, _uimm: number): number {
    return this.copUnusable(2);
  }
  bc2f(_cc2: number, _off: number): number {
    return this.copUnusable(2);
  }
  bc2t(_cc2: number, _off: number): number {
    return this.copUnusable(2);
  }
  bc2fl(_cc2: number, _off: number): number {
    return this.copUnusable(2);
  }
  bc2tl(_cc2: number, _off: number): number {
    return this.copUnusable(2);
  }
  c2(_cofun: number): number {
    return this.copUnusable(2);
  }

  // ---- the FPU role (reached through `outside` while CU1 is set). Arithmetic is MipsFpu's;
  // loads, stores and branches are here, since they need memory and the delay slot.

  /** An FPU result as a step: done, reserved instruction, or FP exception. */
  private fp(r: FpResult): number {
    return r === FpResult.Done ? 0 : r === FpResult.Reserved ? Exit.Reserved : Exit.FpException;
  }

  movf(rs: number, cc: number, rd: number): number {
    if (!this.fpu.cc(cc) && rd) this.gpr[rd] = this.gpr[rs];
    return 0;
  }
  movt(rs: number, cc: number, rd: number): number {
    if (this.fpu.cc(cc) && rd) this.gpr[rd] = this.gpr[rs];
    return 0;
  }

  /**
   * FPR ft to or from memory at `va`, a word or (`double`) two, low word first (little-endian);
   * an 8-aligned double never straddles a page.
   */
  private fpMemory(va: number, ft: number, double: boolean, store: boolean): number {
    if (va & (double ? 7 : 3)) return this.loadFault(va, store ? Exit.AddrStore : Exit.AddrLoad);
    const e = (store ? this.wtab : this.rtab)[va >>> 12];
    if (e === 0) return this.loadFault(va, store ? Exit.TlbStore : Exit.TlbLoad);
    const o = (e - 1 + (va & 0xfff)) >> 2;
    const fpu = this.fpu;
    // FR = 0 and an odd register: the pair's even register, as QEMU's gen_store_fpr64.
    if (double && !fpu.fr) ft &= ~1;
    const f = fpu.fpr;
    if (store) {
      this.i32[o] = f[2 * ft];
      this.predecoded[o] = 0;
      if (double) {
        this.i32[o + 1] = f[fpu.hiIndex(ft)];
        this.predecoded[o + 1] = 0;
      }
      this.stores++;
      if (this.codePage[o >>> 10] !== 0) return this.smc(o);
    } else {
      f[2 * ft] = this.i32[o];
      if (double) f[fpu.hiIndex(ft)] = this.i32[o + 1];
    }
    return 0;
  }
  lwc1(rs: number, ft: number, simm: number): number {
    return this.fpMemory((this.gpr[rs] + simm) | 0, ft, false, false);
  }
  ldc1(rs: number, ft: number, simm: number): number {
    return this.fpMemory((this.gpr[rs] + simm) | 0, ft, true, false);
  }
  swc1(rs: number, ft: number, simm: number): number {
    return this.fpMemory((this.gpr[rs] + simm) | 0, ft, false, true);
  }
  sdc1(rs: number, ft: number, simm: number): number {
    return this.fpMemory((this.gpr[rs] + simm) | 0, ft, true, true);
  }
  lwxc1(rs: number, rt: number, fd: number): number {
    return this.fpMemory((this.gpr[rs] + this.gpr[rt]) | 0, fd, false, false);
  }
  ldxc1(rs: number, rt: number, fd: number): number {
    return this.fpMemory((this.gpr[rs] + this.gpr[rt]) | 0, fd, true, false);
  }
  swxc1(rs: number, rt: number, fs: number): number {
    return this.fpMemory((this.gpr[rs] + this.gpr[rt]) | 0, fs, false, true);
  }
  sdxc1(rs: number, rt: number, fs: number): number {
    return this.fpMemory((this.gpr[rs] + this.gpr[rt]) | 0, fs, true, true);
  }
  /** The address rounded down to 8; QEMU wants FR = 1 (check_cp1_64bitmode). */
  luxc1(rs: number, rt: number, fd: number): number {
    if (!this.fpu.fr) return Exit.Reserved;
    return this.fpMemory((this.gpr[rs] + this.gpr[rt]) & ~7, fd, true, false);
  }
  suxc1(rs: number, rt: number, fs: number): number {
    if (!this.fpu.fr) return Exit.Reserved;
    return this.fpMemory((this.gpr[rs] + this.gpr[rt]) & ~7, fs, true, true);
  }

  mfc1(rt: number, fs: number): number {
    if (rt) this.gpr[rt] = this.fpu.fpr[2 * fs];
    return 0;
  }
  cfc1(rt: number, fcr: number): number {
    if (rt) this.gpr[rt] = this.fpu.readControl(fcr);
    return 0;
  }
  mfhc1(rt: number, fs: number): number {
    if (rt) this.gpr[rt] = this.fpu.fpr[this.fpu.hiIndex(fs)];
    return 0;
  }
  mtc1(rt: number, fs: number): number {
    this.fpu.fpr[2 * fs] = this.gpr[rt];
    return 0;
  }
  ctc1(rt: number, fcr: number): number {
    return this.fp(this.fpu.writeControl(fcr, this.gpr[rt]));
  }
  mthc1(rt: number, fs: number): number {
    this.fpu.fpr[this.fpu.hiIndex(fs)] = this.gpr[rt];
    return 0;
  }

  bc1f(cc: number, off: number): number {
    return this.branch(!this.fpu.cc(cc), off);
  }
  bc1t(cc: number, off: number): number {
    return this.branch(this.fpu.cc(cc), off);
  }
  bc1fl(cc: number, off: number): number {
    return this.branchLikely(!this.fpu.cc(cc), off);
  }
  bc1tl(cc: number, off: number): number {
    return this.branchLikely(this.fpu.cc(cc), off);
  }

  add_f(fmt: number, ft: number, fs: number, fd: number): number {
    return this.fp(this.fpu.binary(0, fmt, ft, fs, fd));
  }
  sub_f(fmt: number, ft: number, fs: number, fd: number): number {
    return this.fp(this.fpu.binary(1, fmt, ft, fs, fd));
  }
  mul_f(fmt: number, ft: number, fs: number, fd: number): number {
    return this.fp(this.fpu.binary(2, fmt, ft, fs, fd));
  }
  div_f(fmt: number, ft: number, fs: number, fd: number): number {
    return this.fp(this.fpu.binary(3, fmt, ft, fs, fd));
  }
  sqrt_f(fmt: number, fs: number, fd: number): number {
    return this.fp(this.fpu.sqrt(fmt, fs, fd));
  }
  abs_f(fmt: number, fs: number, fd: number): number {
    return this.fp(this.fpu.signOp(5, fmt, fs, fd));
  }
  mov_f(fmt: number, fs: number, fd: number): number {
    return this.fp(this.fpu.signOp(6, fmt, fs, fd));
  }
  neg_f(fmt: number, fs: number, fd: number): number {
    return this.fp(this.fpu.signOp(7, fmt, fs, fd));
  }
  // round = RN, trunc = RZ, ceil = RP, floor = RM, as FCSR.RM numbers the modes.
  round_l(fmt: number, fs: number, fd: number): number {
    return this.fp(this.fpu.toFixed(fmt, fs, fd, true, 0));
  }
  trunc_l(fmt: number, fs: number, fd: number): number {
    return this.fp(this.fpu.toFixed(fmt, fs, fd, true, 1));
  }
  ceil_l(fmt: number, fs: number, fd: number): number {
    return this.fp(this.fpu.toFixed(fmt, fs, fd, true, 2));
  }
  floor_l(fmt: number, fs: number, fd: number): number {
    return this.fp(this.fpu.toFixed(fmt, fs, fd, true, 3));
  }
  round_w(fmt: number, fs: number, fd: number): number {
    return this.fp(this.fpu.toFixed(fmt, fs, fd, false, 0));
  }
  trunc_w(fmt: number, fs: number, fd: number): number {
    return this.fp(this.fpu.toFixed(fmt, fs, fd, false, 1));
  }
  ceil_w(fmt: number, fs: number, fd: number): number {
    return this.fp(this.fpu.toFixed(fmt, fs, fd, false, 2));
  }
  floor_w(fmt: number, fs: number, fd: number): number {
    return this.fp(this.fpu.toFixed(fmt, fs, fd, false, 3));
  }
  cvt_w(fmt: number, fs: number, fd: number): number {
    return this.fp(this.fpu.toFixed(fmt, fs, fd, false, this.fpu.fcsr & 3));
  }
  cvt_l(fmt: number, fs: number, fd: number): number {
    return this.fp(this.fpu.toFixed(fmt, fs, fd, true, this.fpu.fcsr & 3));
  }
  cvt_s(fmt: number, fs: number, fd: number): number {
    return this.fp(this.fpu.cvtS(fmt, fs, fd));
  }
  cvt_d(fmt: number, fs: number, fd: number): number {
    return this.fp(this.fpu.cvtD(fmt, fs, fd));
  }
  movf_f(fmt: number, cc: number, fs: number, fd: number): number {
    return this.fp(this.fpu.moveOnCc(fmt, cc, false, fs, fd));
  }
  movt_f(fmt: number, cc: number, fs: number, fd: number): number {
    return this.fp(this.fpu.moveOnCc(fmt, cc, true, fs, fd));
  }
  movz_f(fmt: number, rt: number, fs: number, fd: number): number {
    return this.fp(this.fpu.moveIf(fmt, this.gpr[rt] === 0, fs, fd));
  }
  movn_f(fmt: number, rt: number, fs: number, fd: number): number {
    return this.fp(this.fpu.moveIf(fmt, this.gpr[rt] !== 0, fs, fd));
  }
  recip_f(fmt: number, fs: number, fd: number): number {
    return this.fp(this.fpu.reciprocal(fmt, fs, fd, false));
  }
  rsqrt_f(fmt: number, fs: number, fd: number): number {
    return this.fp(this.fpu.reciprocal(fmt, fs, fd, true));
  }
  c_cond(fmt: number, ft: number, fs: number, cc8: number, cond: number): number {
    return this.fp(this.fpu.compare(fmt, ft, fs, cc8, cond));
  }
  madd_f(fr: number, ft: number, fs: number, fd: number, fmt3: number): number {
    return this.fp(this.fpu.multiplyAdd(4, fmt3, fr, ft, fs, fd));
  }
  msub_f(fr: number, ft: number, fs: number, fd: number, fmt3: number): number {
    return this.fp(this.fpu.multiplyAdd(5, fmt3, fr, ft, fs, fd));
  }
  nmadd_f(fr: number, ft: number, fs: number, fd: number, fmt3: number): number {
    return this.fp(this.fpu.multiplyAdd(6, fmt3, fr, ft, fs, fd));
  }
  nmsub_f(fr: number, ft: number, fs: number, fd: number, fmt3: number): number {
    return this.fp(this.fpu.multiplyAdd(7, fmt3, fr, ft, fs, fd));
  }

  // Paired single (FIR.PS = 0 on the 24Kf) and undefined COP1 functions: reserved instructions.
  alnv_ps(_rs: number, _ft: number, _fs: number, _fd: number): number {
    return Exit.Reserved;
  }
  cvt_s_pu(_fs: number, _fd: number): number {
    return Exit.Reserved;
  }
  cvt_ps_s(_ft: number, _fs: number, _fd: number): number {
    return Exit.Reserved;
  }
  cvt_s_pl(_fs: number, _fd: number): number {
    return Exit.Reserved;
  }
  pll_ps(_ft: number, _fs: number, _fd: number): number {
    return Exit.Reserved;
  }
  plu_ps(_ft: number, _fs: number, _fd: number): number {
    return Exit.Reserved;
  }
  pul_ps(_ft: number, _fs: number, _fd: number): number {
    return Exit.Reserved;
  }
  puu_ps(_ft: number, _fs: number, _fd: number): number {
    return Exit.Reserved;
  }
  c1(_cofun: number): number {
    return Exit.Reserved;
  }

  /** For scaffolded stubs of new table entries (`isagen gen --scaffold`): not reachable now. */
  unimplemented(name: string): number {
    throw new Error(`mips vCPU: no handler for ${name}`);
  }
}

/** No translated code to drop (the default `codeWritten`; one function for every machine). */
function noCode(_page: number): void {}
/** A second such function, for the warm-up (warmRun). */
function noCodeToo(_page: number): void {}

/** The FPU role's fallback: a word of no FPU entry is a reserved instruction. */
function reserved(): number {
  return Exit.Reserved;
}

/**
 * The second tier: `run` compiled again with the generated dispatch switch (switchVcpu) in
 * place of its first tier's table call, each case holding its handler's own text. The
 * TypeScript `run` stays the source: its compiled text with that one call replaced. Undefined
 * when the call cannot be found, e.g. in instrumented code.
 */
function inlineDispatch(): Machine["run"] | undefined {
  const src = firstTierSource(FIRST_TIER_RUN, TIER_CALL);
  if (src === undefined || !RETURN.test(src)) return undefined;
  // Each case holds its handler's own text (core/inline.ts), not a call that V8 may leave a
  // call, and the views named in HOISTED are read once per slice.
  const own = new Set(Object.keys(new Machine(new ArrayBuffer(0x1000))));
  const inliner = new Inliner(Machine.prototype, own, HANDLER_SCOPE);
  // What the loop does after the switch for the value a handler returns, done in the case
  // itself: 0 goes straight to the next instruction, and a branch's Step sets npc and the
  // delay slot there (its target in a local, not through the object). Only where run's text
  // does exactly that after the switch.
  const steps = STEPS_AFTER_SWITCH.test(src.replace(/\/\*.*?\*\//g, ""));
  const shortcuts = [{ value: "0", then: "continue;" }];
  if (steps)
    shortcuts.push(
      { value: String(Step.Jump), then: "npc = $target; ds = 1; continue;" },
      { value: String(Step.Slot), then: "ds = 1; continue;" },
      { value: String(Step.Annul), then: "pc = npc; npc = (npc + 4) | 0; continue;" },
    );
  let cases = switchVcpu.replace(
    /case (\d+): x = (h\.[\w$]+\(.*\)); break;/g,
    (_, id: string, c: string) => {
      let text = inliner.assignment(c, "h", "x", shortcuts);
      // The handler's text reads `this.cur` as the loop's `cur` unless it still calls a method
      // (which may read the field); the target of a branch whose every Jump was a shortcut
      // stays in the local.
      const calls = /\bh\.[\w$]+\(/.test(text);
      if (!calls) text = text.replace(/\bh\.cur\b/g, "cur");
      if (steps && !new RegExp(`\\bx\\s*=\\s*${Step.Jump}\\b`).test(text))
        text = text.replace(/\bh\.target\b/g, "$target");
      const setCur =
        READS_CUR_IDS.has(Number(id)) && /\bh\.cur\b/.test(text) ? "h.cur = cur; " : "";
      return `case ${id}: ${setCur}${text} break;`;
    },
  );
  cases = cases.replace(new RegExp(`\\bh\\.(${HOISTED.join("|")})\\b`, "g"), "$$$1");
  // Stores counted in a local, added to the field when run returns (core/poll.ts reads it
  // between slices; the FPU's stores, through notVcpu, add to the field themselves).
  const prologue = ` const ${HOISTED.map((f) => `$${f} = this.${f}`).join(", ")}; let $target = 0, $stores = 0;`;
  cases = cases.replace(/\bh\.stores\+\+/g, "$stores++");
  const epilogue = "this.stores += $stores;";
  // The fallback sets `cur` too (the FPU's branches run through it).
  cases = cases.replace("default: x = outside(", "default: h.cur = cur; x = h.notVcpu(");
  const body = src
    .replace(TIER_CALL, `let x; const h = this; ${cases}`)
    .replace("{", `{${prologue}`)
    .replace(RETURN, (r) => `${epilogue}${r}`);
  // The text must not name module bindings (Exit and Step are const enums, inlined) other than
  // the handlers' scope, which the compiled function receives.
  const names = Object.keys(HANDLER_SCOPE);
  if (/\b(?:Exit|Step|exec|decode|UNDEFINED)\d*\b(?!\s*:)/.test(body.replace(/this\.\w+/g, "")))
    return undefined;
  return new Function(...names, `"use strict"; return function ${body}`)(
    ...names.map((n) => HANDLER_SCOPE[n]),
  ) as Machine["run"];
}

/** What run's text does after the dispatch with a Step (the second tier does it in the case). */
const STEPS_AFTER_SWITCH = new RegExp(
  [
    `if\\s*\\(\\s*x\\s*===\\s*${Step.Jump}\\s*\\)\\s*\\{\\s*npc\\s*=\\s*this\\.target;?\\s*ds\\s*=\\s*1;?\\s*\\}`,
    `else\\s+if\\s*\\(\\s*x\\s*===\\s*${Step.Slot}\\s*\\)\\s*ds\\s*=\\s*1;?`,
    `else\\s+if\\s*\\(\\s*x\\s*===\\s*${Step.Annul}\\s*\\)\\s*\\{\\s*pc\\s*=\\s*npc;?\\s*npc\\s*=\\s*\\(?\\s*npc\\s*\\+\\s*4\\s*\\)?\\s*\\|\\s*0;?\\s*\\}`,
  ].join("\\s*"),
);

/** run's one return, after which nothing of the slice runs. */
const RETURN = /this\.icount\s*\+=\s*n;?\s*return\s+code;?\s*\}\s*$/;

/** `run` as written: the first tier. */
const FIRST_TIER_RUN = Machine.prototype.run;

/** The first tier's call in run's text as tsx, vitest or the CLI bundle print it: the second
 *  tier puts the switch in its place. */
const TIER_CALL = /this\.cur\s*=\s*cur;\s*const x\s*=\s*firstTier\[id\]\(this,\s*w\);/;

/** run's text is as written, so the second tier can be built from it (a bundler that rewrote
 *  it would leave the vCPU on its first tier; tests and the web page check it). */
export const DISPATCH_INLINED = firstTierSource(FIRST_TIER_RUN, TIER_CALL) !== undefined;

/** Guest instructions after which a kvm builds the interpreter's second tier (`SECOND_TIER`,
 *  through a core/tiers.ts TierSchedule). Building and warming it costs about 100 ms on the
 *  guest's thread and V8's optimising compile of it 100-200 ms more in the background; it runs
 *  about twice as fast as the first tier's table (Malta decompressor: 50-55 ms of CPU per 10 M
 *  instructions against 105-110). Malta's first 200 M instructions, CPU: built at 64 M
 *  1.9-2.0 s, at 16 M 1.49-1.53, at 8 M 1.43-1.46 (0b7daa1: 1.07-1.14); 16 M leaves the short
 *  guests (crc32, 11 M) on the first tier. */
export const SECOND_TIER_AFTER = 16_000_000;

/** Guest instructions between building the second tier and installing it: V8 has optimised it
 *  in the background by then, so the guest neither runs it unoptimised nor has V8 compile it
 *  again for a loop already running (OSR). */
export const SECOND_TIER_DELAY = 10_000_000;

/** The second tier, built and warmed once per process (the warm-up has V8 optimise it). */
export const SECOND_TIER = new SecondTier<Machine["run"]>(
  () => {
    const run = inlineDispatch();
    if (run !== undefined) warmRun(run, true);
    return run;
  },
  Machine.prototype,
  "run",
);

/** The module-level names the handlers' text uses, for the compiled run (core/inline.ts). */
export const HANDLER_SCOPE: Readonly<Record<string, unknown>> = {
  HI,
  LO,
  LWL_KEEP,
  LWR_KEEP,
  SWL_KEEP,
  SWR_KEEP,
};

/** The machine's views of RAM and its registers: `readonly`, fixed for its life. */
export const FIXED_VIEWS = [
  "gpr",
  "i32",
  "i16",
  "u16",
  "i8",
  "u8",
  "predecoded",
  "codePage",
] as const;
/** The shadow tables in use: only `setUserMode` changes them, and only the hypervisor calls
 *  that, between slices. */
export const MODE_VIEWS = ["rtab", "wtab"] as const;
/** Fields the compiled run reads once per slice instead of once per instruction. */
export const HOISTED = [...FIXED_VIEWS, ...MODE_VIEWS] as const;

/** Ids whose handlers read `cur` (branch targets, links): from the tables' flags. */
export const READS_CUR_IDS: ReadonlySet<number> = new Set(
  INFO.filter((i) => i.flags.includes("delay-slot") || i.flags.includes("link")).map((i) => i.id),
);

/** The dispatch warm-up (core/warm.ts): each word alone at 0x800 of a scratch page with the
 *  registers holding 0, small or large values, the privileged words too (they leave as CpU, cop
 *  0: without them the kernel's first mfc0 deoptimised the second tier); in the second tier
 *  (`thorough`) again with every register pointing the word's access at 0x100 of that page
 *  and with every register 0, so that the loads', stores' and conditional moves' own paths
 *  run, not only their exits (each path a guest reaches first after optimisation costs a
 *  deoptimisation and two compilations of the whole run). The machine is discarded. */
function warmRun(run: Machine["run"], thorough: boolean): void {
  const m = new Machine(new ArrayBuffer(0x1000));
  m.kernelTable.fill(0, 0, true);
  m.cu1 = true;
  warmDispatch(INFO, ROLES, ROLE_VCPU | ROLE_FPU | ROLE_EMULATE, (w) => {
    m.i32[0x200] = w;
    const at = 0x100 - ((w << 16) >> 16);
    const store = INFO[decode(w)]?.store !== undefined;
    for (let pass = 0; pass < (thorough ? (store ? 4 : 3) : 1); pass++) {
      // The third pass with the FPU disabled: its words leave as CpU (cop 1).
      m.cu1 = pass !== 2;
      for (let r = 1; r < 34; r++)
        m.gpr[r] = pass === 0 ? (r < 8 ? 0 : r < 16 ? r * 4 : -r) : pass === 2 ? 0 : at;
      // The fourth, stores only: into a page translated code came from (the guest's first
      // such store deoptimised the second tier), two callbacks so that call is generic.
      m.codePage[0] = pass === 3 ? 1 : 0;
      m.codeWritten = pass === 3 && (w & 1) !== 0 ? noCodeToo : noCode;
      m.invalidateCode(0x800, 4);
      m.jump(0x800);
      run.call(m, 1);
    }
  });
  m.codePage[0] = 0;
  // And run's own exits on a fetch, which no word above reaches: an unmapped page (a guest's
  // TLB refill), an unaligned pc. Without them, a guest's first fetch miss deoptimised the
  // second tier (about 200 ms of compile each time, and the guest on the unoptimised one).
  for (const pc of [0x5000, 0x802]) {
    m.jump(pc);
    run.call(m, 1);
  }
}
warmRun(FIRST_TIER_RUN, false);

// The MIPS32r2 "hardware": a vCPU that runs guest code deprivileged, the way KVM trap-and-emulate
// runs it in host user mode (../../shared/research/kvm-model.md §2.1). Guest kernel and guest
// user code both execute here with no privilege at all:
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
// (runtime/README.md: one long-lived loop gets slow OSR code in V8).
//
// Registers: Int32Array r[0..31], HI = r[32], LO = r[33]. pc/npc model the delay slot: the
// instruction at pc executes, then pc ← npc, npc ← npc + 4; a taken branch sets npc.

import { decode as generatedDecode, Op, OP_COUNT } from "../../generated/mips32r2/index.ts";
import { FpResult, MipsFpu } from "./fpu.ts";
import { FP_KIND, FpKind } from "./fpu-kind.ts";

// Imported bindings can compile to getters (tsx): a plain copy for the predecode path.
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
 * The hot switch's case numbers: generated ids are looked up once here, so the switch has
 * dense literal cases (V8 then emits a jump table; `case Op.x` would compare one by one).
 * 0 = every id the machine does not execute itself.
 * The generated docs list the ids assigned here as run by the vCPU (generator/coverage.ts).
 *
 * @executes the vCPU's hot switch
 */
const KIND = new Uint8Array(OP_COUNT);
KIND[Op.sll] = 1;
KIND[Op.srl] = 2;
KIND[Op.ror] = 3;
KIND[Op.sra] = 4;
KIND[Op.sllv] = 5;
KIND[Op.srlv] = 6;
KIND[Op.rorv] = 7;
KIND[Op.srav] = 8;
KIND[Op.jr] = 9;
KIND[Op.jr_hb] = 10;
KIND[Op.jalr] = 11;
KIND[Op.jalr_hb] = 12;
KIND[Op.j] = 13;
KIND[Op.jal] = 14;
KIND[Op.beq] = 15;
KIND[Op.bne] = 16;
KIND[Op.blez] = 17;
KIND[Op.bgtz] = 18;
KIND[Op.bltz] = 19;
KIND[Op.bgez] = 20;
KIND[Op.bltzal] = 21;
KIND[Op.bgezal] = 22;
KIND[Op.beql] = 23;
KIND[Op.bnel] = 24;
KIND[Op.blezl] = 25;
KIND[Op.bgtzl] = 26;
KIND[Op.bltzl] = 27;
KIND[Op.bgezl] = 28;
KIND[Op.bltzall] = 29;
KIND[Op.bgezall] = 30;
KIND[Op.movz] = 31;
KIND[Op.movn] = 32;
KIND[Op.mfhi] = 33;
KIND[Op.mthi] = 34;
KIND[Op.mflo] = 35;
KIND[Op.mtlo] = 36;
KIND[Op.mult] = 37;
KIND[Op.multu] = 38;
KIND[Op.madd] = 39;
KIND[Op.maddu] = 40;
KIND[Op.msub] = 41;
KIND[Op.msubu] = 42;
KIND[Op.mul] = 43;
KIND[Op.div] = 44;
KIND[Op.divu] = 45;
KIND[Op.add] = 46;
KIND[Op.addu] = 47;
KIND[Op.sub] = 48;
KIND[Op.subu] = 49;
KIND[Op.and] = 50;
KIND[Op.or] = 51;
KIND[Op.xor] = 52;
KIND[Op.nor] = 53;
KIND[Op.slt] = 54;
KIND[Op.sltu] = 55;
KIND[Op.addi] = 56;
KIND[Op.addiu] = 57;
KIND[Op.slti] = 58;
KIND[Op.sltiu] = 59;
KIND[Op.andi] = 60;
KIND[Op.ori] = 61;
KIND[Op.xori] = 62;
KIND[Op.lui] = 63;
KIND[Op.clz] = 64;
KIND[Op.clo] = 65;
KIND[Op.ext] = 66;
KIND[Op.ins] = 67;
KIND[Op.wsbh] = 68;
KIND[Op.seb] = 69;
KIND[Op.seh] = 70;
KIND[Op.syscall] = 71;
KIND[Op.break] = 72;
KIND[Op.tge] = 74;
KIND[Op.tgeu] = 75;
KIND[Op.tlt] = 76;
KIND[Op.tltu] = 77;
KIND[Op.teq] = 78;
KIND[Op.tne] = 79;
KIND[Op.tgei] = 80;
KIND[Op.tgeiu] = 81;
KIND[Op.tlti] = 82;
KIND[Op.tltiu] = 83;
KIND[Op.teqi] = 84;
KIND[Op.tnei] = 85;
KIND[Op.sync] = 86;
KIND[Op.pref] = 87;
KIND[Op.synci] = 88;
KIND[Op.lw] = 89;
KIND[Op.ll] = 90;
KIND[Op.lh] = 91;
KIND[Op.lhu] = 92;
KIND[Op.lb] = 93;
KIND[Op.lbu] = 94;
KIND[Op.lwl] = 95;
KIND[Op.lwr] = 96;
KIND[Op.sw] = 97;
KIND[Op.sc] = 98;
KIND[Op.sh] = 99;
KIND[Op.sb] = 100;
KIND[Op.swl] = 101;
KIND[Op.swr] = 102;

/**
 * Ids the hot switch only turns into an exit, as hardware traps them: privileged instructions
 * (coprocessor unusable in user mode), rdhwr (reserved unless HWREna allows it), sdbbp (no
 * EJTAG). The hypervisor emulates them (kvm.ts); they are kept out of the @executes table above.
 */
const TRAPS: readonly (readonly [op: number, kind: number])[] = [
  [Op.sdbbp, 73],
  [Op.rdhwr, 103],
  [Op.mfc0, 104],
  [Op.mtc0, 105],
  [Op.rdpgpr, 106],
  [Op.wrpgpr, 107],
  [Op.di, 108],
  [Op.ei, 109],
  [Op.tlbr, 110],
  [Op.tlbwi, 111],
  [Op.tlbwr, 112],
  [Op.tlbp, 113],
  [Op.eret, 114],
  [Op.deret, 115],
  [Op.wait, 116],
  [Op.c0, 117],
  [Op.cache, 118],
];
for (const [op, kind] of TRAPS) KIND[op] = kind;

/** Pages of the 32-bit virtual space. */
const VPAGES = 1 << 20;

/** Masks for lwl/lwr/swl/swr on a little-endian guest, by byte offset within the word. */
const LWL_KEEP = new Int32Array([0x00ffffff, 0x0000ffff, 0x000000ff, 0]);
const LWR_KEEP = new Int32Array([0, 0xff000000 | 0, 0xffff0000 | 0, 0xffffff00 | 0]);
const SWL_KEEP = new Int32Array([0xffffff00 | 0, 0xffff0000 | 0, 0xff000000 | 0, 0]);
const SWR_KEEP = new Int32Array([0, 0x000000ff, 0x0000ffff, 0x00ffffff]);

/** One shadow table pair (read/fetch and write) with the list of pages filled in it. */
export class ShadowTable {
  readonly read = new Int32Array(VPAGES);
  readonly write = new Int32Array(VPAGES);
  /** Pages filled since the last flush (to clear them without touching all 1M entries). */
  private filled = new Int32Array(4096);
  private nFilled = 0;
  private overflowed = false;

  fill(vpn: number, hostPageOff: number, writable: boolean): void {
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
    const end = Math.min(firstVpn + count, VPAGES);
    for (let v = firstVpn; v < end; v++) {
      this.read[v] = 0;
      this.write[v] = 0;
    }
  }

  /** Removes every mapping whose page satisfies `pred` (all when no predicate). */
  flush(pred?: (vpn: number) => boolean): void {
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

export class Machine {
  /** GPRs, then HI (32) and LO (33). r[0] stays 0. */
  readonly r = new Int32Array(34);
  pc = 0;
  npc = 4;
  /** The instruction at pc sits in a branch delay slot. */
  inDelaySlot = 0;
  /** Guest instructions completed. */
  insns = 0;
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
   * Predecoded instructions: per host RAM word, 0 (not decoded yet) or the hot switch's case
   * number + 1. Every store into RAM clears the word's entry (one byte store), so
   * self-modifying and copied code (exception vectors) is always seen as written.
   */
  readonly predecoded: Uint8Array;

  readonly kernelTable = new ShadowTable();
  readonly userTable = new ShadowTable();
  /** The table in use: kernelTable while the guest is in kernel mode, else userTable. */
  table: ShadowTable = this.kernelTable;

  constructor(ram: ArrayBuffer) {
    this.i32 = new Int32Array(ram);
    this.i16 = new Int16Array(ram);
    this.u16 = new Uint16Array(ram);
    this.i8 = new Int8Array(ram);
    this.u8 = new Uint8Array(ram);
    this.predecoded = new Uint8Array(ram.byteLength >>> 2);
  }

  /** Host code outside the machine wrote RAM (loader, DMA): forget the predecoded words. */
  invalidateCode(hostOff: number, bytes: number): void {
    this.predecoded.fill(0, hostOff >>> 2, (hostOff + bytes + 3) >>> 2);
  }

  setUserMode(user: boolean): void {
    this.table = user ? this.userTable : this.kernelTable;
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
    const r = this.r;
    const i32 = this.i32,
      i16 = this.i16,
      u16 = this.u16,
      i8 = this.i8,
      u8 = this.u8;
    const pd = this.predecoded;
    const rtab = this.table.read,
      wtab = this.table.write;
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

    loop: for (;;) {
      if (n >= limit) {
        code = Exit.Budget;
        break;
      }
      if (((pc >>> 12) ^ fpage) | (pc & 3)) {
        if (pc & 3) {
          cur = pc;
          inDS = 0; // a fetch exception reports the target itself, never BD
          this.badVAddr = pc;
          fexit = true;
          code = Exit.AddrLoad;
          break;
        }
        const e = rtab[pc >>> 12];
        if (e === 0) {
          cur = pc;
          inDS = ds;
          this.badVAddr = pc;
          fexit = true;
          code = Exit.TlbLoad;
          break;
        }
        fpage = pc >>> 12;
        fbase = (e - 1) >> 2;
      }
      const wi = fbase + ((pc & 0xfff) >> 2);
      w = i32[wi];
      let kind = pd[wi];
      if (kind === 0) pd[wi] = kind = KIND[decode(w)] + 1;
      cur = pc;
      inDS = ds;
      ds = 0;
      pc = npc;
      npc = (npc + 4) | 0;
      n++;

      const rs = (w >>> 21) & 31,
        rt = (w >>> 16) & 31,
        rd = (w >>> 11) & 31;
      switch (kind) {
        // ---- shifts
        case 2: // sll
          if (rd) r[rd] = r[rt] << ((w >>> 6) & 31);
          break;
        case 3: // srl
          if (rd) r[rd] = r[rt] >>> ((w >>> 6) & 31);
          break;
        case 4: {
          // ror
          const s = (w >>> 6) & 31;
          if (rd) r[rd] = (r[rt] >>> s) | (r[rt] << (32 - s));
          break;
        }
        case 5: // sra
          if (rd) r[rd] = r[rt] >> ((w >>> 6) & 31);
          break;
        case 6: // sllv
          if (rd) r[rd] = r[rt] << (r[rs] & 31);
          break;
        case 7: // srlv
          if (rd) r[rd] = r[rt] >>> (r[rs] & 31);
          break;
        case 8: {
          // rorv
          const s = r[rs] & 31;
          if (rd) r[rd] = (r[rt] >>> s) | (r[rt] << (32 - s));
          break;
        }
        case 9: // srav
          if (rd) r[rd] = r[rt] >> (r[rs] & 31);
          break;

        // ---- jumps and branches
        case 10: // jr
        case 11: // jr_hb
          npc = r[rs];
          ds = 1;
          break;
        case 12: // jalr
        case 13: {
          // jalr_hb
          const t = r[rs];
          if (rd) r[rd] = (cur + 8) | 0;
          npc = t;
          ds = 1;
          break;
        }
        case 14: // j
          npc = (pc & 0xf0000000) | ((w & 0x3ffffff) << 2);
          ds = 1;
          break;
        case 15: // jal
          r[31] = (cur + 8) | 0;
          npc = (pc & 0xf0000000) | ((w & 0x3ffffff) << 2);
          ds = 1;
          break;
        case 16: // beq
          if (r[rs] === r[rt]) npc = (pc + (((w & 0xffff) << 16) >> 14)) | 0;
          ds = 1;
          break;
        case 17: // bne
          if (r[rs] !== r[rt]) npc = (pc + (((w & 0xffff) << 16) >> 14)) | 0;
          ds = 1;
          break;
        case 18: // blez
          if (r[rs] <= 0) npc = (pc + (((w & 0xffff) << 16) >> 14)) | 0;
          ds = 1;
          break;
        case 19: // bgtz
          if (r[rs] > 0) npc = (pc + (((w & 0xffff) << 16) >> 14)) | 0;
          ds = 1;
          break;
        case 20: // bltz
          if (r[rs] < 0) npc = (pc + (((w & 0xffff) << 16) >> 14)) | 0;
          ds = 1;
          break;
        case 21: // bgez
          if (r[rs] >= 0) npc = (pc + (((w & 0xffff) << 16) >> 14)) | 0;
          ds = 1;
          break;
        case 22: {
          // bltzal
          const c = r[rs] < 0;
          r[31] = (cur + 8) | 0;
          if (c) npc = (pc + (((w & 0xffff) << 16) >> 14)) | 0;
          ds = 1;
          break;
        }
        case 23: {
          // bgezal
          const c = r[rs] >= 0;
          r[31] = (cur + 8) | 0;
          if (c) npc = (pc + (((w & 0xffff) << 16) >> 14)) | 0;
          ds = 1;
          break;
        }
        // Likely forms: not taken → the delay slot is annulled (skipped).
        case 24: // beql
          if (r[rs] === r[rt]) {
            npc = (pc + (((w & 0xffff) << 16) >> 14)) | 0;
            ds = 1;
          } else {
            pc = npc;
            npc = (npc + 4) | 0;
          }
          break;
        case 25: // bnel
          if (r[rs] !== r[rt]) {
            npc = (pc + (((w & 0xffff) << 16) >> 14)) | 0;
            ds = 1;
          } else {
            pc = npc;
            npc = (npc + 4) | 0;
          }
          break;
        case 26: // blezl
          if (r[rs] <= 0) {
            npc = (pc + (((w & 0xffff) << 16) >> 14)) | 0;
            ds = 1;
          } else {
            pc = npc;
            npc = (npc + 4) | 0;
          }
          break;
        case 27: // bgtzl
          if (r[rs] > 0) {
            npc = (pc + (((w & 0xffff) << 16) >> 14)) | 0;
            ds = 1;
          } else {
            pc = npc;
            npc = (npc + 4) | 0;
          }
          break;
        case 28: // bltzl
          if (r[rs] < 0) {
            npc = (pc + (((w & 0xffff) << 16) >> 14)) | 0;
            ds = 1;
          } else {
            pc = npc;
            npc = (npc + 4) | 0;
          }
          break;
        case 29: // bgezl
          if (r[rs] >= 0) {
            npc = (pc + (((w & 0xffff) << 16) >> 14)) | 0;
            ds = 1;
          } else {
            pc = npc;
            npc = (npc + 4) | 0;
          }
          break;
        case 30: {
          // bltzall
          const c = r[rs] < 0;
          r[31] = (cur + 8) | 0;
          if (c) {
            npc = (pc + (((w & 0xffff) << 16) >> 14)) | 0;
            ds = 1;
          } else {
            pc = npc;
            npc = (npc + 4) | 0;
          }
          break;
        }
        case 31: {
          // bgezall
          const c = r[rs] >= 0;
          r[31] = (cur + 8) | 0;
          if (c) {
            npc = (pc + (((w & 0xffff) << 16) >> 14)) | 0;
            ds = 1;
          } else {
            pc = npc;
            npc = (npc + 4) | 0;
          }
          break;
        }

        // ---- conditional moves, HI/LO
        case 32: // movz
          if (r[rt] === 0 && rd) r[rd] = r[rs];
          break;
        case 33: // movn
          if (r[rt] !== 0 && rd) r[rd] = r[rs];
          break;
        case 34: // mfhi
          if (rd) r[rd] = r[HI];
          break;
        case 35: // mthi
          r[HI] = r[rs];
          break;
        case 36: // mflo
          if (rd) r[rd] = r[LO];
          break;
        case 37: // mtlo
          r[LO] = r[rs];
          break;
        case 38: // mult
        case 39: // multu
        case 40: // madd
        case 41: // maddu
        case 42: // msub
        case 43: {
          // msubu
          const a = r[rs],
            b = r[rt];
          // 32x32 → 64 without BigInt: unsigned high word from 16-bit halves.
          const al = a & 0xffff,
            ah = a >>> 16,
            bl = b & 0xffff,
            bh = b >>> 16;
          const lh = al * bh,
            hl = ah * bl;
          const mid = ((al * bl) >>> 16) + (lh & 0xffff) + (hl & 0xffff);
          let hi = (ah * bh + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) | 0;
          const lo = Math.imul(a, b);
          // SPECIAL mult 0x18 / multu 0x19; SPECIAL2 madd 0 / maddu 1 / msub 4 / msubu 5.
          const f = w & 0x3f;
          const special = w >>> 26 === 0;
          if ((f & 1) === 0) {
            if (a < 0) hi = (hi - b) | 0;
            if (b < 0) hi = (hi - a) | 0;
          }
          if (special) {
            r[HI] = hi;
            r[LO] = lo;
          } else if (f < 4) {
            const s = (r[LO] >>> 0) + (lo >>> 0);
            r[LO] = s | 0;
            r[HI] = (r[HI] + hi + (s > 0xffffffff ? 1 : 0)) | 0;
          } else {
            const l0 = r[LO] >>> 0,
              l1 = lo >>> 0;
            r[LO] = (l0 - l1) | 0;
            r[HI] = (r[HI] - hi - (l0 < l1 ? 1 : 0)) | 0;
          }
          break;
        }
        case 44: // mul
          if (rd) r[rd] = Math.imul(r[rs], r[rt]);
          break;
        case 45: {
          // div
          const a = r[rs],
            b = r[rt];
          if (b !== 0) {
            r[LO] = (a / b) | 0;
            r[HI] = (a % b) | 0;
          }
          break;
        }
        case 46: {
          // divu
          const a = r[rs] >>> 0,
            b = r[rt] >>> 0;
          if (b !== 0) {
            r[LO] = (a / b) | 0;
            r[HI] = (a % b) | 0;
          }
          break;
        }

        // ---- ALU
        case 47: {
          // add
          const s = r[rs] + r[rt];
          if (s > 0x7fffffff || s < -0x80000000) {
            code = Exit.Overflow;
            break loop;
          }
          if (rd) r[rd] = s;
          break;
        }
        case 48: // addu
          if (rd) r[rd] = (r[rs] + r[rt]) | 0;
          break;
        case 49: {
          // sub
          const s = r[rs] - r[rt];
          if (s > 0x7fffffff || s < -0x80000000) {
            code = Exit.Overflow;
            break loop;
          }
          if (rd) r[rd] = s;
          break;
        }
        case 50: // subu
          if (rd) r[rd] = (r[rs] - r[rt]) | 0;
          break;
        case 51: // and
          if (rd) r[rd] = r[rs] & r[rt];
          break;
        case 52: // or
          if (rd) r[rd] = r[rs] | r[rt];
          break;
        case 53: // xor
          if (rd) r[rd] = r[rs] ^ r[rt];
          break;
        case 54: // nor
          if (rd) r[rd] = ~(r[rs] | r[rt]);
          break;
        case 55: // slt
          if (rd) r[rd] = r[rs] < r[rt] ? 1 : 0;
          break;
        case 56: // sltu
          if (rd) r[rd] = r[rs] >>> 0 < r[rt] >>> 0 ? 1 : 0;
          break;
        case 57: {
          // addi
          const s = r[rs] + ((w << 16) >> 16);
          if (s > 0x7fffffff || s < -0x80000000) {
            code = Exit.Overflow;
            break loop;
          }
          if (rt) r[rt] = s;
          break;
        }
        case 58: // addiu
          if (rt) r[rt] = (r[rs] + ((w << 16) >> 16)) | 0;
          break;
        case 59: // slti
          if (rt) r[rt] = r[rs] < (w << 16) >> 16 ? 1 : 0;
          break;
        case 60: // sltiu
          if (rt) r[rt] = r[rs] >>> 0 < ((w << 16) >> 16) >>> 0 ? 1 : 0;
          break;
        case 61: // andi
          if (rt) r[rt] = r[rs] & (w & 0xffff);
          break;
        case 62: // ori
          if (rt) r[rt] = r[rs] | (w & 0xffff);
          break;
        case 63: // xori
          if (rt) r[rt] = r[rs] ^ (w & 0xffff);
          break;
        case 64: // lui
          if (rt) r[rt] = w << 16;
          break;
        case 65: // clz
          if (rd) r[rd] = Math.clz32(r[rs]);
          break;
        case 66: // clo
          if (rd) r[rd] = Math.clz32(~r[rs]);
          break;
        case 67: {
          // ext
          const pos = (w >>> 6) & 31,
            size = rd + 1;
          if (rt) r[rt] = size >= 32 ? r[rs] >>> pos : (r[rs] >>> pos) & ((1 << size) - 1);
          break;
        }
        case 68: {
          // ins
          const pos = (w >>> 6) & 31,
            msb = rd;
          if (msb >= pos) {
            const size = msb - pos + 1;
            const m = size >= 32 ? -1 : ((1 << size) - 1) << pos;
            if (rt) r[rt] = (r[rt] & ~m) | ((r[rs] << pos) & m);
          }
          break;
        }
        case 69: {
          // wsbh
          const v = r[rt];
          if (rd) r[rd] = ((v & 0x00ff00ff) << 8) | ((v >>> 8) & 0x00ff00ff);
          break;
        }
        case 70: // seb
          if (rd) r[rd] = (r[rt] << 24) >> 24;
          break;
        case 71: // seh
          if (rd) r[rd] = (r[rt] << 16) >> 16;
          break;

        // ---- traps
        case 72: // syscall
          code = Exit.Syscall;
          break loop;
        case 73: // break
          code = Exit.Break;
          break loop;
        case 75: // tge
          if (r[rs] >= r[rt]) {
            code = Exit.Trap;
            break loop;
          }
          break;
        case 76: // tgeu
          if (r[rs] >>> 0 >= r[rt] >>> 0) {
            code = Exit.Trap;
            break loop;
          }
          break;
        case 77: // tlt
          if (r[rs] < r[rt]) {
            code = Exit.Trap;
            break loop;
          }
          break;
        case 78: // tltu
          if (r[rs] >>> 0 < r[rt] >>> 0) {
            code = Exit.Trap;
            break loop;
          }
          break;
        case 79: // teq
          if (r[rs] === r[rt]) {
            code = Exit.Trap;
            break loop;
          }
          break;
        case 80: // tne
          if (r[rs] !== r[rt]) {
            code = Exit.Trap;
            break loop;
          }
          break;
        case 81: // tgei
          if (r[rs] >= (w << 16) >> 16) {
            code = Exit.Trap;
            break loop;
          }
          break;
        case 82: // tgeiu
          if (r[rs] >>> 0 >= ((w << 16) >> 16) >>> 0) {
            code = Exit.Trap;
            break loop;
          }
          break;
        case 83: // tlti
          if (r[rs] < (w << 16) >> 16) {
            code = Exit.Trap;
            break loop;
          }
          break;
        case 84: // tltiu
          if (r[rs] >>> 0 < ((w << 16) >> 16) >>> 0) {
            code = Exit.Trap;
            break loop;
          }
          break;
        case 85: // teqi
          if (r[rs] === (w << 16) >> 16) {
            code = Exit.Trap;
            break loop;
          }
          break;
        case 86: // tnei
          if (r[rs] !== (w << 16) >> 16) {
            code = Exit.Trap;
            break loop;
          }
          break;

        // ---- no-ops at user level
        case 87: // sync
        case 88: // pref
        case 89: // synci
          break;

        // ---- loads
        case 90: // lw
        case 91: {
          // ll
          const va = (r[rs] + ((w << 16) >> 16)) | 0;
          if (va & 3) {
            this.badVAddr = va;
            code = Exit.AddrLoad;
            break loop;
          }
          const e = rtab[va >>> 12];
          if (e === 0) {
            this.badVAddr = va;
            code = Exit.TlbLoad;
            break loop;
          }
          const v = i32[(e - 1 + (va & 0xfff)) >> 2];
          if (rt) r[rt] = v;
          if (w >>> 26 === 0x30) {
            this.llbit = 1;
            this.llva = va;
          }
          break;
        }
        case 92: // lh
        case 93: {
          // lhu
          const va = (r[rs] + ((w << 16) >> 16)) | 0;
          if (va & 1) {
            this.badVAddr = va;
            code = Exit.AddrLoad;
            break loop;
          }
          const e = rtab[va >>> 12];
          if (e === 0) {
            this.badVAddr = va;
            code = Exit.TlbLoad;
            break loop;
          }
          const o = (e - 1 + (va & 0xfff)) >> 1;
          if (rt) r[rt] = w >>> 26 === 0x21 ? i16[o] : u16[o];
          break;
        }
        case 94: // lb
        case 95: {
          // lbu
          const va = (r[rs] + ((w << 16) >> 16)) | 0;
          const e = rtab[va >>> 12];
          if (e === 0) {
            this.badVAddr = va;
            code = Exit.TlbLoad;
            break loop;
          }
          const o = e - 1 + (va & 0xfff);
          if (rt) r[rt] = w >>> 26 === 0x20 ? i8[o] : u8[o];
          break;
        }
        case 96: // lwl
        case 97: {
          // lwr
          const va = (r[rs] + ((w << 16) >> 16)) | 0;
          const e = rtab[va >>> 12];
          if (e === 0) {
            this.badVAddr = va;
            code = Exit.TlbLoad;
            break loop;
          }
          const m = i32[(e - 1 + (va & 0xffc)) >> 2];
          const b = va & 3;
          if (rt) {
            if (w >>> 26 === 0x22) r[rt] = (m << (24 - 8 * b)) | (r[rt] & LWL_KEEP[b]);
            else r[rt] = (m >>> (8 * b)) | (r[rt] & LWR_KEEP[b]);
          }
          break;
        }

        // ---- stores
        case 98: {
          // sw
          const va = (r[rs] + ((w << 16) >> 16)) | 0;
          if (va & 3) {
            this.badVAddr = va;
            code = Exit.AddrStore;
            break loop;
          }
          const e = wtab[va >>> 12];
          if (e === 0) {
            this.badVAddr = va;
            code = Exit.TlbStore;
            break loop;
          }
          const o = (e - 1 + (va & 0xfff)) >> 2;
          i32[o] = r[rt];
          pd[o] = 0;
          break;
        }
        case 99: {
          // sc
          const va = (r[rs] + ((w << 16) >> 16)) | 0;
          if (va & 3) {
            this.badVAddr = va;
            code = Exit.AddrStore;
            break loop;
          }
          const e = wtab[va >>> 12];
          if (e === 0) {
            this.badVAddr = va;
            code = Exit.TlbStore;
            break loop;
          }
          if (this.llbit) {
            const o = (e - 1 + (va & 0xfff)) >> 2;
            i32[o] = r[rt];
            pd[o] = 0;
          }
          if (rt) r[rt] = this.llbit;
          this.llbit = 0;
          break;
        }
        case 100: {
          // sh
          const va = (r[rs] + ((w << 16) >> 16)) | 0;
          if (va & 1) {
            this.badVAddr = va;
            code = Exit.AddrStore;
            break loop;
          }
          const e = wtab[va >>> 12];
          if (e === 0) {
            this.badVAddr = va;
            code = Exit.TlbStore;
            break loop;
          }
          const o = (e - 1 + (va & 0xfff)) >> 1;
          i16[o] = r[rt];
          pd[o >> 1] = 0;
          break;
        }
        case 101: {
          // sb
          const va = (r[rs] + ((w << 16) >> 16)) | 0;
          const e = wtab[va >>> 12];
          if (e === 0) {
            this.badVAddr = va;
            code = Exit.TlbStore;
            break loop;
          }
          const o = e - 1 + (va & 0xfff);
          i8[o] = r[rt];
          pd[o >> 2] = 0;
          break;
        }
        case 102: // swl
        case 103: {
          // swr
          const va = (r[rs] + ((w << 16) >> 16)) | 0;
          const e = wtab[va >>> 12];
          if (e === 0) {
            this.badVAddr = va;
            code = Exit.TlbStore;
            break loop;
          }
          const o = (e - 1 + (va & 0xffc)) >> 2;
          const b = va & 3;
          const v = r[rt];
          if (w >>> 26 === 0x2a) i32[o] = (i32[o] & SWL_KEEP[b]) | (v >>> (24 - 8 * b));
          else i32[o] = (i32[o] & SWR_KEEP[b]) | (v << (8 * b));
          pd[o] = 0;
          break;
        }

        // ---- to the hypervisor
        case 74: // sdbbp: no EJTAG debug mode is modelled, so a reserved instruction
          code = Exit.Reserved;
          break loop;
        case 104: // rdhwr
          code = Exit.Reserved;
          break loop;
        case 105: // mfc0
        case 106: // mtc0
        case 107: // rdpgpr
        case 108: // wrpgpr
        case 109: // di
        case 110: // ei
        case 111: // tlbr
        case 112: // tlbwi
        case 113: // tlbwr
        case 114: // tlbp
        case 115: // eret
        case 116: // deret
        case 117: // wait
        case 118: // c0
        case 119: // cache
          this.exitCop = 0;
          code = Exit.CopUnusable;
          break loop;
        default: {
          // FPU (COP1, COP1X, movf/movt): run here while CU1 is set, else CpU (cop 1). They
          // stay off the dense switch: rare in guests, and the integer path must not pay.
          // COP2 raises CpU; everything else (undefined words, UDI, jalx) is reserved.
          const op = w >>> 26;
          if (
            op === 0x11 ||
            op === 0x13 ||
            op === 0x31 ||
            op === 0x35 ||
            op === 0x39 ||
            op === 0x3d ||
            (op === 0 && (w & 0x3f) === 1)
          ) {
            if (!this.cu1) {
              this.exitCop = 1;
              code = Exit.CopUnusable;
              break loop;
            }
            const kind = FP_KIND[decode(w)];
            if (kind === FpKind.Branch) {
              // bc1f/bc1t/bc1fl/bc1tl: cc in bits 20-18, bit 16 = on true, bit 17 = likely.
              const taken = this.fpu.cc((w >>> 18) & 7) === ((w >>> 16) & 1) > 0;
              if (taken) {
                npc = (pc + (((w & 0xffff) << 16) >> 14)) | 0;
                ds = 1;
              } else if (w & 0x00020000) {
                pc = npc; // likely, not taken: the delay slot is annulled
                npc = (npc + 4) | 0;
              } else ds = 1;
              break;
            }
            if (kind === FpKind.Exec) {
              const x = this.fpu.exec(w, r);
              if (x === FpResult.Done) break;
              code = x === FpResult.Reserved ? Exit.Reserved : Exit.FpException;
              break loop;
            }
            code = kind === FpKind.Memory ? this.fpMemory(w) : Exit.Reserved; // Budget: done
            if (code === Exit.Budget) break;
            break loop;
          } else if (op === 0x12 || op === 0x32 || op === 0x36 || op === 0x3a || op === 0x3e) {
            this.exitCop = 2;
            code = Exit.CopUnusable;
          } else code = Exit.Reserved;
          break loop;
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
    this.insns += n;
    return code;
  }

  /**
   * FPU loads and stores (lwc1, ldc1, swc1, sdc1 and the COP1X indexed forms; prefx is a
   * no-op). Returns Exit.Budget when done, else the exit (reserved instruction, address error
   * or shadow miss with badVAddr set) that `run` passes on. Doubles are two words, low first
   * (little-endian); an 8-aligned double never straddles a page.
   */
  private fpMemory(w: number): Exit {
    const r = this.r;
    const fpu = this.fpu;
    const op = w >>> 26;
    let va: number;
    let ft: number;
    let size: number;
    let store: boolean;
    if (op === 0x13) {
      const fn = w & 0x3f;
      va = (r[(w >>> 21) & 31] + r[(w >>> 16) & 31]) | 0;
      if (fn === 15) return Exit.Budget; // prefx
      store = (fn & 8) !== 0;
      ft = store ? (w >>> 11) & 31 : (w >>> 6) & 31;
      size = fn & 1 || fn & 4 ? 8 : 4;
      if ((fn & 7) > 1 && (fn & 7) !== 5) return Exit.Reserved;
      if ((fn & 7) === 5) {
        // luxc1/suxc1: the address rounded down to 8; QEMU wants FR = 1 (check_cp1_64bitmode)
        if (!fpu.fr) return Exit.Reserved;
        va &= ~7;
      }
    } else {
      va = (r[(w >>> 21) & 31] + ((w << 16) >> 16)) | 0;
      ft = (w >>> 16) & 31;
      size = op & 4 ? 8 : 4;
      store = (op & 8) !== 0;
    }
    if (va & (size - 1)) {
      this.badVAddr = va;
      return store ? Exit.AddrStore : Exit.AddrLoad;
    }
    const e = (store ? this.table.write : this.table.read)[va >>> 12];
    if (e === 0) {
      this.badVAddr = va;
      return store ? Exit.TlbStore : Exit.TlbLoad;
    }
    const o = (e - 1 + (va & 0xfff)) >> 2;
    // FR = 0 and an odd register: the pair's even register, as QEMU's gen_store_fpr64.
    if (size === 8 && !fpu.fr) ft &= ~1;
    const i32 = this.i32;
    const f = fpu.fpr;
    if (store) {
      i32[o] = f[2 * ft];
      this.predecoded[o] = 0;
      if (size === 8) {
        i32[o + 1] = f[fpu.hiIndex(ft)];
        this.predecoded[o + 1] = 0;
      }
    } else {
      f[2 * ft] = i32[o];
      if (size === 8) f[fpu.hiIndex(ft)] = i32[o + 1];
    }
    return Exit.Budget;
  }
}

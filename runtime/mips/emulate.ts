// Privileged-instruction emulation (KVM's emulate.c: kvm_mips_emulate_inst, the CP0, TLB, cache
// and wait emulation, kvm_compute_return_epc for an instruction in a delay slot). MipsEmulate
// implements the generated EmulateHandlers: one method per privileged table entry, taking its
// decoded operands. rdhwr belongs to the vCPU's role; the hardware traps it as a reserved
// instruction and it is emulated from that exit here, as KVM does.
import {
  CP0,
  decode as generatedDecode,
  type EmulateHandlers,
  execEmulate,
  HWR,
  Op as GeneratedOp,
  operands,
} from "../../generated/mips32r2/index.ts";
import { MIPS_EXITS } from "../core/stats.ts";
import { hex } from "../core/format.ts";
import type { MipsKvm } from "./kvm.ts";
import {
  cp0,
  ExcCode,
  HWR_ULR,
  readC0,
  ST_CU0,
  ST_ERL,
  ST_EXL,
  ST_IE,
  USERLOCAL,
  writeC0,
} from "./cp0.ts";
import { inject, injectAddr, injectTlb } from "./interrupts.ts";
import {
  flushMapped,
  invalidateEntry,
  readGuestWord,
  statusChanged,
  translateQuiet,
} from "./mmu.ts";
import { readCount } from "./timer.ts";

const EXIT = MIPS_EXITS.id;

// Imported bindings can compile to getters (tsx): take plain copies once for the exit paths.
const decode: (w: number) => number = generatedDecode;
const Op: typeof GeneratedOp = { ...GeneratedOp };

/** An instruction handler's verdict. */
export const enum Emu {
  Done = 0,
  /** An exception was injected: do not advance the PC. */
  Injected = 1,
  /** The run must end (fatal set). */
  Fatal = 2,
  /** wait: halt until an interrupt. */
  Halt = 3,
}

/** Emulates the privileged (or RI-trapped) instruction `w` at `pc` and resumes after it. */
export function emulate(k: MipsKvm, w: number, pc: number, bd: number): void {
  const resume = resumeAfter(k, pc, bd);
  if (resume === null) return;
  k.resumePc = resume;
  k.curPc = pc;
  k.curWord = w;
  const id = decode(w);
  const r =
    id === Op.rdhwr
      ? k.emu.rdhwr(operands.rt(w), operands.hwr(w))
      : execEmulate(k.emu, id, w, k.emu.notEmulated);
  if (r === Emu.Done || r === Emu.Halt) {
    k.machine.icount++;
    k.machine.jump(k.resumePc);
    if (r === Emu.Halt) k.halted = true;
  } else if (r === Emu.Injected) {
    // already redirected
  }
  k.trace?.(`emulated ${hex(w)} at ${hex(pc)}`);
}

/**
 * The PC after the instruction at `pc` (kvm_compute_return_epc): pc+4, or when it sits in a
 * delay slot the outcome of the branch at pc-4, evaluated with the current registers.
 */
export function resumeAfter(k: MipsKvm, pc: number, bd: number): number | null {
  if (!bd) return (pc + 4) | 0;
  const epc = (pc - 4) | 0;
  const b = readGuestWord(k, epc);
  if (b === null) {
    k.fail(`cannot read the branch at ${hex(epc)} to resume after its delay slot`);
    return null;
  }
  const r = k.machine.gpr;
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
      return k.machine.fpu.cc((b >>> 18) & 7) === ((b >>> 16) & 1) > 0 ? taken : fall;
    default:
      k.fail(`instruction ${hex(b)} at ${hex(epc)} before a delay slot is not a branch`);
      return null;
  }
}

export class MipsEmulate implements EmulateHandlers<number> {
  constructor(readonly k: MipsKvm) {}

  // ------------------------------------------------------------------ handlers (privileged)

  /** For scaffolded stubs of new table entries (`isagen gen --scaffold`): ends the run. */
  unimplemented(name: string): number {
    return this.k.fail(
      `unimplemented instruction ${name} (${hex(this.k.curWord)}) at PC ${hex(this.k.curPc)}`,
    );
  }

  mfc0(rt: number, c0rd: number, sel: number): number {
    const v = readC0(this.k, cp0(c0rd, sel));
    if (rt) this.k.machine.gpr[rt] = v;
    return Emu.Done;
  }

  mtc0(rt: number, c0rd: number, sel: number): number {
    return writeC0(this.k, cp0(c0rd, sel), this.k.machine.gpr[rt]);
  }

  di(rt: number): number {
    const old = this.k.cp0[CP0.STATUS];
    if (rt) this.k.machine.gpr[rt] = old;
    this.k.cp0[CP0.STATUS] = old & ~ST_IE;
    return Emu.Done;
  }

  ei(rt: number): number {
    const old = this.k.cp0[CP0.STATUS];
    if (rt) this.k.machine.gpr[rt] = old;
    this.k.cp0[CP0.STATUS] = old | ST_IE;
    return Emu.Done;
  }

  rdpgpr(rt: number, rd: number): number {
    // No shadow register sets (SRSCtl.HSS = 0): the previous set is the current one.
    if (rd) this.k.machine.gpr[rd] = this.k.machine.gpr[rt];
    return Emu.Done;
  }

  wrpgpr(rt: number, rd: number): number {
    return this.rdpgpr(rt, rd);
  }

  tlbr(): number {
    const c = this.k.cp0;
    const i = c[CP0.INDEX] & 0x7fffffff;
    if (i >= this.k.tlb.size) return Emu.Done; // UNDEFINED; leave the registers alone
    const oldAsid = this.k.asid();
    c[CP0.PAGEMASK] = this.k.tlb.pageMask[i];
    c[CP0.ENTRYHI] = this.k.tlb.hi[i];
    c[CP0.ENTRYLO0] = this.k.tlb.lo0[i];
    c[CP0.ENTRYLO1] = this.k.tlb.lo1[i];
    if (this.k.asid() !== oldAsid) flushMapped(this.k);
    return Emu.Done;
  }

  private tlbWrite(i: number): void {
    const c = this.k.cp0;
    invalidateEntry(this.k, i);
    this.k.tlb.write(i, c[CP0.PAGEMASK], c[CP0.ENTRYHI], c[CP0.ENTRYLO0], c[CP0.ENTRYLO1]);
    invalidateEntry(this.k, i);
  }

  tlbwi(): number {
    const i = this.k.cp0[CP0.INDEX] & 0x7fffffff;
    if (i >= this.k.tlb.size)
      return this.k.fail(`tlbwi with Index ${i} beyond the ${this.k.tlb.size}-entry TLB`);
    this.tlbWrite(i);
    return Emu.Done;
  }

  tlbwr(): number {
    this.tlbWrite(readC0(this.k, CP0.RANDOM));
    return Emu.Done;
  }

  tlbp(): number {
    const c = this.k.cp0;
    const i = this.k.tlb.lookup(c[CP0.ENTRYHI], this.k.asid());
    c[CP0.INDEX] = i < 0 ? 0x80000000 | 0 : i;
    return Emu.Done;
  }

  eret(): number {
    const c = this.k.cp0;
    const old = c[CP0.STATUS];
    let target: number;
    if (old & ST_ERL) {
      c[CP0.STATUS] = old & ~ST_ERL;
      target = c[CP0.ERROREPC];
    } else {
      c[CP0.STATUS] = old & ~ST_EXL;
      target = c[CP0.EPC];
    }
    this.k.machine.llbit = 0;
    statusChanged(this.k, old);
    this.k.resumePc = target; // eret has no delay slot
    return Emu.Done;
  }

  deret(): number {
    // No EJTAG debug mode is modelled, so the vCPU is never in Debug Mode: RI (EJTAG spec).
    inject(this.k, ExcCode.RI, this.k.curPc, this.k.machine.exitBD);
    return Emu.Injected;
  }

  wait(_code19: number): number {
    this.k.stats.exit(EXIT.wait, this.k.curPc);
    return Emu.Halt;
  }

  c0(_cofun: number): number {
    // A COP0 function code the CPU does not implement: reserved instruction.
    inject(this.k, ExcCode.RI, this.k.curPc, this.k.machine.exitBD);
    return Emu.Injected;
  }

  cache(rs: number, hint: number, simm: number): number {
    const va = (this.k.machine.gpr[rs] + simm) | 0;
    const op = hint;
    this.k.stats.exit(EXIT.cache, this.k.curPc, va, op);
    // Index operations take any address; hit operations need a valid translation (as KVM:
    // a miss injects TLBL / TLB invalid). No caches are modelled, so nothing else happens.
    if ((op & 0x1c) !== 0 && (op & 0x1c) !== 0x04 && (op & 0x1c) !== 0x08 && (op & 0x1c) !== 0x0c) {
      if (translateQuiet(this.k, va) === null) {
        const u = va >>> 0;
        if (u >= 0x80000000 && !this.k.isKernel()) {
          injectAddr(this.k, ExcCode.AdEL, va, this.k.curPc, this.k.machine.exitBD);
          return Emu.Injected;
        }
        const i = this.k.tlb.lookup(va, this.k.asid());
        injectTlb(
          this.k,
          ExcCode.TLBL,
          va,
          this.k.curPc,
          this.k.machine.exitBD,
          i < 0 && (this.k.cp0[CP0.STATUS] & ST_EXL) === 0,
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
  rdhwr(rt: number, hwr: number): number {
    const user = this.k.isUser() && (this.k.cp0[CP0.STATUS] & ST_CU0) === 0;
    if (user && ((this.k.cp0[CP0.HWRENA] >>> hwr) & 1) === 0) {
      inject(this.k, ExcCode.RI, this.k.curPc, this.k.machine.exitBD);
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
        v = readCount(this.k);
        break;
      case HWR.CCRES:
        v = 2; // Count runs at half the pipeline clock
        break;
      case HWR_ULR:
        v = this.k.cp0[USERLOCAL];
        break;
      default:
        inject(this.k, ExcCode.RI, this.k.curPc, this.k.machine.exitBD);
        return Emu.Injected;
    }
    if (rt) this.k.machine.gpr[rt] = v;
    return Emu.Done;
  }

  /** A word the machine sent for emulation that is no privileged instruction: a model error. */
  readonly notEmulated = (_id: number, w: number): number =>
    this.k.fail(`${hex(w)} at ${hex(this.k.curPc)} reached the hypervisor but is not privileged`);
}

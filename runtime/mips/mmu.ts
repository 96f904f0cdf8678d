// The guest's memory map as the hypervisor handles it (KVM's tlb.c and trap_emul.c): the shadow
// table in use per guest mode, shadow fills on a miss (KSEG0/KSEG1 transparently, the rest
// through the guest TLB, or a TLB refill / invalid / modified exception into the guest), the
// shadow pages to drop when the guest TLB or ASID changes, and loads and stores to guest
// physical addresses without RAM as MMIO exits to the board's bus.
import {
  CP0,
  decode as generatedDecode,
  Op as GeneratedOp,
  ROLE_FPU,
  ROLES,
} from "../../generated/mips32r2/index.ts";
import { MIPS_EXITS } from "../core/stats.ts";
import { hex } from "../core/format.ts";
import type { MmioExit, Width } from "../vmm/mmio.ts";
import type { MipsKvm } from "./kvm.ts";
import { ExcCode, ST_CU1, ST_ERL, ST_EXL, ST_FR } from "./cp0.ts";
import { resumeAfter } from "./emulate.ts";
import { injectAddr, injectTlb } from "./interrupts.ts";

const EXIT = MIPS_EXITS.id;

// Imported bindings can compile to getters (tsx): take plain copies once for the exit paths.
const decode: (w: number) => number = generatedDecode;
const Op: typeof GeneratedOp = { ...GeneratedOp };

/** Status changed (mtc0, exception, eret): select the shadow table; ERL changes remap KUSEG. */
export function statusChanged(k: MipsKvm, old: number): void {
  const now = k.cp0[CP0.STATUS];
  if ((old ^ now) & ST_ERL) k.machine.kernelTable.flush((v) => v < 0x80000);
  k.machine.setUserMode(!k.isKernel());
  k.machine.cu1 = (now & ST_CU1) !== 0;
  k.machine.fpu.fr = (now & ST_FR) !== 0;
}

/** Drops the shadow mappings that came from the guest TLB (ASID change). */
export function flushMapped(k: MipsKvm): void {
  k.machine.kernelTable.flush((v) => v < 0x80000 || v >= 0xc0000);
  k.machine.userTable.flush();
}

export function invalidateEntry(k: MipsKvm, i: number): void {
  const [first, count] = k.tlb.vpnRange(i);
  k.machine.userTable.invalidateRange(first, count);
  if (first >= 0x80000 && first < 0xc0000) return; // never used: KSEG0/1 are unmapped
  k.machine.kernelTable.invalidateRange(first, count);
}

/** Reads a guest word through the current shadow, then the guest TLB/KSEG rules (no injection). */
export function readGuestWord(k: MipsKvm, va: number): number | null {
  const pa = translateQuiet(k, va);
  if (pa === null) return null;
  const slot = k.board.memory.slotAt(pa);
  if (!slot) return null;
  return slot.load32(pa - slot.base) | 0;
}

/** Guest virtual → guest physical without side effects, or null. */
export function translateQuiet(k: MipsKvm, va: number): number | null {
  const u = va >>> 0;
  if (u >= 0x80000000 && u < 0xc0000000) return k.isKernel() ? u & 0x1fffffff : null;
  if (u < 0x80000000 && k.cp0[CP0.STATUS] & ST_ERL) return u;
  if (u >= 0x80000000 && !k.isKernel()) return null;
  const i = k.tlb.lookup(va, k.asid());
  if (i < 0) return null;
  const bytes = k.tlb.pageBytes(i);
  const lo = u & bytes ? k.tlb.lo1[i] : k.tlb.lo0[i];
  if ((lo & 2) === 0) return null;
  return (((lo >>> 6) * 4096) & ~(bytes - 1)) + (u & (bytes - 1));
}

export function handleMiss(
  k: MipsKvm,
  va: number,
  store: boolean,
  fetch: boolean,
  pc: number,
  bd: number,
  w: number,
): void {
  const u = va >>> 0;
  const kernel = k.isKernel();
  const m = k.machine;
  let pa: number;
  let writable = true;
  if (u >= 0x80000000 && !kernel) {
    // kvm_mips_check_privilege: a user access to a kernel address is an address error.
    k.stats.exit(store ? EXIT.addrerr_st : EXIT.addrerr_ld, pc, va);
    injectAddr(k, store ? ExcCode.AdES : ExcCode.AdEL, va, pc, bd);
    return;
  }
  if (u >= 0x80000000 && u < 0xc0000000) {
    pa = u & 0x1fffffff; // KSEG0/KSEG1: transparent
  } else if (u < 0x80000000 && k.cp0[CP0.STATUS] & ST_ERL) {
    pa = u; // ERL: KUSEG is unmapped
  } else {
    const i = k.tlb.lookup(va, k.asid());
    if (i < 0) {
      k.stats.exit(store ? EXIT.tlbmiss_st : EXIT.tlbmiss_ld, pc, va);
      const exl = (k.cp0[CP0.STATUS] & ST_EXL) !== 0;
      injectTlb(k, store ? ExcCode.TLBS : ExcCode.TLBL, va, pc, bd, !exl);
      return;
    }
    const bytes = k.tlb.pageBytes(i);
    const lo = u & bytes ? k.tlb.lo1[i] : k.tlb.lo0[i];
    if ((lo & 2) === 0) {
      k.stats.exit(store ? EXIT.tlbmiss_st : EXIT.tlbmiss_ld, pc, va);
      injectTlb(k, store ? ExcCode.TLBS : ExcCode.TLBL, va, pc, bd, false);
      return;
    }
    writable = (lo & 4) !== 0;
    if (store && !writable) {
      k.stats.exit(EXIT.tlbmod, pc, va);
      injectTlb(k, ExcCode.Mod, va, pc, bd, false);
      return;
    }
    pa = (((lo >>> 6) * 4096) & ~(bytes - 1)) + (u & (bytes - 1));
  }
  const slot = k.board.memory.slotAt(pa);
  if (slot !== undefined && slot.buffer === k.ramBuffer) {
    const host = slot.bufferOffset + ((pa - slot.base) & ~0xfff);
    m.table.fill(u >>> 12, host, writable);
    if (k.trace) k.trace(`shadow ${hex(u & ~0xfff)} -> ram+${hex(host)}${writable ? "" : " ro"}`);
    return; // the machine retries the access
  }
  if (fetch) {
    k.fail(`instruction fetch from ${hex(va)} (physical ${hex(pa)}), which is not RAM`);
    return;
  }
  mmioAccess(k, w, va, pa, pc, bd);
}

/**
 * An FPU load or store to MMIO (the machine runs them on RAM): one 32-bit bus access per word,
 * the low word first at the lower address, into or out of the FPR as MipsFpu lays it out.
 * prefx does not access memory.
 */
export function mmioFpu(
  k: MipsKvm,
  id: number,
  w: number,
  pa: number,
  pc: number,
  resume: number,
): void {
  const fpu = k.machine.fpu;
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
      const e = k.mmio.set(at, 4, write, write ? fpu.fpr[words[i]] | 0 : 0, pc);
      k.stats.exit(EXIT.mmio, pc, at, 4, write ? 1 : 0);
      k.board.bus.handle(e);
      if (!write) fpu.fpr[words[i]] = e.data;
    }
    const failure = k.board.stop.failure;
    if (failure !== null && k.fatal === null)
      k.fatal = `${failure} (${write ? "store" : "load"} ${hex(w)} at ${hex(pc)})`;
  }
  k.machine.icount++;
  k.machine.jump(resume);
}

/** Emulates a load or store whose physical address has no RAM: an MMIO exit to the bus. */
export function mmioAccess(
  k: MipsKvm,
  w: number,
  va: number,
  pa: number,
  pc: number,
  bd: number,
): void {
  const resume = resumeAfter(k, pc, bd);
  if (resume === null) return;
  const r = k.machine.gpr;
  const rt = (w >>> 16) & 31;
  const id = decode(w);
  if (ROLES[id] & ROLE_FPU) {
    mmioFpu(k, id, w, pa, pc, resume);
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
      k.fail(
        `${hex(w)} at ${hex(pc)}: unaligned or unsupported access to MMIO at physical ${hex(pa)}`,
      );
      return;
  }
  write = id === Op.sb || id === Op.sh || id === Op.sw || id === Op.sc;
  const e = k.mmio.set(
    pa,
    width,
    write,
    write ? r[rt] & (width === 4 ? -1 : width === 2 ? 0xffff : 0xff) : 0,
    pc,
  );
  k.stats.exit(EXIT.mmio, pc, pa, width, write ? 1 : 0);
  if (id === Op.sc && !k.machine.llbit) {
    if (rt) r[rt] = 0;
  } else {
    k.board.bus.handle(e);
    // A device that met something the board does not model says so through the latch; name
    // the instruction that did it (the run loop would only see the resume PC).
    const failure = k.board.stop.failure;
    if (failure !== null && k.fatal === null)
      k.fatal = `${failure} (${write ? "store" : "load"} ${hex(w)} at ${hex(pc)})`;
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
      k.machine.llbit = 1;
      k.machine.llva = va;
    }
  }
  if (id === Op.sc) k.machine.llbit = 0;
  k.machine.icount++;
  k.machine.jump(resume);
  if (k.poll !== undefined) pollRound(k, pc, e);
}

/** The vCPU state a polling round must leave unchanged: GPRs with HI/LO, FPRs, FCSR, LL bit. */
export const POLL_REGS = 34 + 64 + 2;
const pollRegs = new Int32Array(POLL_REGS);

/** A polling round's fixed point, skipped (core/poll.ts): time moves on by whole rounds. */
function pollRound(k: MipsKvm, pc: number, e: MmioExit): void {
  const m = k.machine;
  pollRegs.set(m.gpr, 0);
  pollRegs.set(m.fpu.fpr, 34);
  pollRegs[98] = m.fpu.fcsr;
  pollRegs[99] = m.llbit;
  const skip = k.poll!.observe(
    { pc, pa: e.pa, width: e.width, isWrite: e.isWrite, value: e.data },
    m.icount,
    k.stats.total,
    m.stores,
    pollRegs,
    k.sliceEnd - m.icount,
    (a) => k.board.quietCycles!(k.mmio.set(a.pa, a.width as Width, a.isWrite, a.value, a.pc)),
  );
  m.icount += skip;
}

// Exit statistics, counted by reason under KVM's own names, and a ring of the last exits.
//
// The names are what KVM exposed in debugfs (/sys/kernel/debug/kvm/<name>), in its order:
//   MIPS (arch/mips/kvm/mips.c, ≈v4.x-5.x debugfs_entries; "cop_unusable" as spelled after the
//   2018 fix, "cop_unsuable" before): wait, cache, signal, interrupt, cop_unusable, tlbmod,
//   tlbmiss_ld, tlbmiss_st, addrerr_st, addrerr_ld, syscall, resvd_inst, break_inst, trap_inst,
//   msa_fpe, fpe, msa_disabled, flush_dcache, halt_wakeup. KVM/MIPS has no "mmio" counter (its
//   MMIO loads/stores are counted under the address-error or TLB exit that led to them); ours
//   adds one, since MMIO exits are what seed 001 is about.
//   PowerPC 440 (arch/powerpc/kvm/booke.c, ≈2.6.29+): mmio, dcr, sig, itlb_r, itlb_v, dtlb_r,
//   dtlb_v, sysc, isi, dsi, inst_emu, dec, ext_intr, halt_wakeup. The long names in comments are
//   the struct kvm_vcpu_stat fields (mmio_exits, itlb_real_miss_exits, ...).
//
// Counting is one typed-array increment; the ring is a few typed-array stores. Both sit on the
// exit path only (an exit already costs far more), never per instruction.

import { hex } from "./format.ts";

/** One exit reason. `id` is the index into the counters. */
export interface ExitReason {
  readonly id: number;
  /** KVM's debugfs name. */
  readonly name: string;
  /** KVM's exit-type string (kvm_mips_exit_types_str / the 440 exit-timing names), for reports. */
  readonly label: string;
  /** What the three detail numbers of a ring entry mean, e.g. ["badvaddr"]. */
  readonly details: readonly string[];
}

export interface StatsArch {
  readonly arch: string;
  readonly reasons: readonly ExitReason[];
}

function defineArch<const N extends string>(
  arch: string,
  list: readonly (readonly [name: N, label: string, details?: readonly string[]])[],
): StatsArch & { readonly id: Record<N, number> } {
  const reasons = list.map(([name, label, details], id) => ({
    id,
    name,
    label,
    details: details ?? [],
  }));
  const id = Object.fromEntries(reasons.map((r) => [r.name, r.id])) as Record<N, number>;
  return { arch, reasons, id };
}

/** MIPS trap-and-emulate exits (kvm_mips_handle_exit). */
export const MIPS_EXITS = defineArch("mips", [
  ["wait", "WAIT"],
  ["cache", "CACHE", ["vaddr", "op"]],
  ["signal", "Signal"],
  ["interrupt", "Interrupt", ["cause"]],
  ["cop_unusable", "COP0/1 Unusable", ["inst", "ce"]],
  ["tlbmod", "TLB Mod", ["badvaddr"]],
  ["tlbmiss_ld", "TLB Miss (LD)", ["badvaddr"]],
  ["tlbmiss_st", "TLB Miss (ST)", ["badvaddr"]],
  ["addrerr_st", "Address Err (ST)", ["badvaddr"]],
  ["addrerr_ld", "Address Error (LD)", ["badvaddr"]],
  ["syscall", "System Call"],
  ["resvd_inst", "Reserved Inst", ["inst"]],
  ["break_inst", "Break Inst"],
  ["trap_inst", "Trap Inst"],
  ["msa_fpe", "MSA FPE"],
  ["fpe", "FPE"],
  ["msa_disabled", "MSA Disabled"],
  ["flush_dcache", "D-Cache Flushes"],
  ["halt_wakeup", "Halt Wakeup"],
  ["mmio", "MMIO", ["phys", "width", "write"]],
]);

/** PowerPC 440 (Book E) exits (kvmppc_handle_exit). */
export const PPC440_EXITS = defineArch("ppc440", [
  ["mmio", "MMIO", ["phys", "width", "write"]], // mmio_exits
  ["dcr", "DCR", ["dcrn", "write"]], // dcr_exits
  ["sig", "SIGNAL"], // signal_exits
  ["itlb_r", "ITLBREAL", ["ea"]], // itlb_real_miss_exits
  ["itlb_v", "ITLBVIRT", ["ea"]], // itlb_virt_miss_exits
  ["dtlb_r", "DTLBREAL", ["dear"]], // dtlb_real_miss_exits
  ["dtlb_v", "DTLBVIRT", ["dear"]], // dtlb_virt_miss_exits
  ["sysc", "SYSCALL"], // syscall_exits
  ["isi", "ISI", ["srr1"]], // isi_exits
  ["dsi", "DSI", ["dear", "esr"]], // dsi_exits
  ["inst_emu", "EMULINST", ["inst"]], // emulated_inst_exits
  ["dec", "DEC"], // dec_exits
  ["ext_intr", "EXTINT"], // ext_intr_exits
  ["halt_wakeup", "HALT"], // halt_wakeup
]);

/** One exit as kept in the ring. */
export interface ExitRecord {
  /** Sequence number: the how-many-th exit this was (from 1). */
  seq: number;
  reason: string;
  pc: number;
  detail: number[];
}

export class ExitStats {
  readonly counts: Float64Array;
  total = 0;

  // The ring: parallel typed arrays, written in place.
  private readonly ringReason: Int16Array;
  private readonly ringPc: Float64Array;
  private readonly ringDetail: Float64Array;
  private readonly ringSize: number;

  constructor(
    readonly arch: StatsArch,
    /** How many of the last exits to keep. */
    ringSize = 32,
  ) {
    this.counts = new Float64Array(arch.reasons.length);
    this.ringSize = Math.max(1, ringSize);
    this.ringReason = new Int16Array(this.ringSize);
    this.ringPc = new Float64Array(this.ringSize);
    this.ringDetail = new Float64Array(this.ringSize * 3);
  }

  /** Counts one exit and records it in the ring. `pc` and details are stored as unsigned numbers. */
  exit(reason: number, pc: number, d0 = 0, d1 = 0, d2 = 0): void {
    this.counts[reason]++;
    const slot = this.total % this.ringSize;
    this.total++;
    this.ringReason[slot] = reason;
    this.ringPc[slot] = pc >>> 0;
    this.ringDetail[slot * 3] = d0;
    this.ringDetail[slot * 3 + 1] = d1;
    this.ringDetail[slot * 3 + 2] = d2;
  }

  count(name: string): number {
    const r = this.arch.reasons.find((x) => x.name === name);
    if (!r) throw new Error(`no exit reason "${name}" for ${this.arch.arch}`);
    return this.counts[r.id];
  }

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
  }

  /** The kept exits, oldest first. */
  last(): ExitRecord[] {
    const n = Math.min(this.total, this.ringSize);
    const out: ExitRecord[] = [];
    for (let k = this.total - n; k < this.total; k++) {
      const slot = k % this.ringSize;
      const reason = this.arch.reasons[this.ringReason[slot]];
      const detail = [0, 1, 2]
        .slice(0, reason.details.length)
        .map((i) => this.ringDetail[slot * 3 + i]);
      out.push({ seq: k + 1, reason: reason.name, pc: this.ringPc[slot], detail });
    }
    return out;
  }

  /** "#1234 tlbmiss_ld pc=0x80100230 badvaddr=0x00400000" (details named by the reason). */
  formatRecord(e: ExitRecord): string {
    const r = this.arch.reasons.find((x) => x.name === e.reason);
    const d = e.detail
      .map(
        (v, i) => ` ${r?.details[i] ?? "d" + i}=${v > 0xffffffff ? "0x" + v.toString(16) : hex(v)}`,
      )
      .join("");
    return `#${e.seq} ${e.reason} pc=${hex(e.pc)}${d}`;
  }

  /** The kept exits formatted, oldest first. */
  formatLast(): string[] {
    return this.last().map((e) => this.formatRecord(e));
  }

  /**
   * The counters as KVM's debugfs shows them, one "name value" line per counter in KVM's
   * order (all of them, zeros too, as `grep . /sys/kernel/debug/kvm/*` would list them), then
   * the total.
   */
  format(): string {
    const width = Math.max(...this.arch.reasons.map((r) => r.name.length), 5);
    const lines = this.arch.reasons.map((r) => `${r.name.padEnd(width)} ${this.counts[r.id]}`);
    lines.push(`${"exits".padEnd(width)} ${this.total}`);
    return lines.join("\n");
  }
}

// The guest's MMU, after 44x_tlb.c and booke.c's TLB-miss exits: the guest TLB (64 entries in
// the 440's three-word format, tlb.ts), the shadow entries the hypervisor writes into the
// hardware TLB (the machine's SHADOW_ENTRIES 4 KB entries), and the routing of guest-physical addresses no
// RAM covers to the board's MMIO bus.
//
//   - a shadow (hardware) TLB miss that hits the guest TLB is filled here without the guest
//     (itlb_r / dtlb_r); one that misses goes to the guest's ITLB/DTLB miss handler
//     (itlb_v / dtlb_v); a permission the guest entry lacks is the guest's ISI/DSI. Guest pages
//     of any size are backed by 4 KB shadow pages;
//   - MMIO: a guest mapping of a physical address no RAM covers re-runs the instruction with the
//     access routed to the vmm's bus (mmio exit);
//   - tlbwe / tlbre / tlbsx (kvmppc_44x_emul_tlbwe / tlbsx) and PID changes keep the shadow
//     entries in step with the guest TLB.

import { PPC440_EXITS } from "../core/stats.ts";
import { hex } from "../core/format.ts";
import { ESR_ST, Exit } from "./machine.ts";
import {
  inject,
  IVOR_DSI,
  IVOR_DTLB,
  IVOR_ISI,
  IVOR_ITLB,
  MSR_DS,
  MSR_IS,
  MSR_PR,
} from "./interrupts.ts";
import type { Ppc440Kvm } from "./kvm.ts";

const E = PPC440_EXITS.id;

/** A shadow miss: fill from the guest TLB, or deliver the guest's miss / storage interrupt. */
export function tlbMiss(k: Ppc440Kvm, ea: number, kind: "x" | "r" | "w"): void {
  const m = k.machine;
  const as = kind === "x" ? (k.msr & MSR_IS ? 1 : 0) : k.msr & MSR_DS ? 1 : 0;
  const i = k.guestTlb.lookup(ea, k.pid, as);
  if (i < 0) {
    if (kind === "x") {
      k.stats.exit(E.itlb_v, m.pc, ea);
      inject(k, IVOR_ITLB, m.pc);
    } else {
      k.stats.exit(E.dtlb_v, m.pc, ea);
      k.dear = ea;
      k.esr = kind === "w" ? ESR_ST : 0;
      inject(k, IVOR_DTLB, m.pc);
    }
    return;
  }
  const e = k.guestTlb.entries[i];
  const perms = e.word2;
  const user = (k.msr & MSR_PR) !== 0;
  const r = user ? (perms & 0x08) !== 0 : (perms & 0x01) !== 0;
  const w = user ? (perms & 0x10) !== 0 : (perms & 0x02) !== 0;
  const x = user ? (perms & 0x20) !== 0 : (perms & 0x04) !== 0;
  if ((kind === "x" && !x) || (kind === "r" && !r) || (kind === "w" && !w)) {
    if (kind === "x") {
      k.stats.exit(E.isi, m.pc, k.msr);
      k.esr = 0;
      inject(k, IVOR_ISI, m.pc);
    } else {
      k.stats.exit(E.dsi, m.pc, ea, kind === "w" ? ESR_ST : 0);
      k.dear = ea;
      k.esr = kind === "w" ? ESR_ST : 0;
      inject(k, IVOR_DSI, m.pc);
    }
    return;
  }
  const pa = (e.rpn + ((ea >>> 0) - e.epn)) >>> 0;
  const page = (pa & ~0xfff) >>> 0;
  const ram = e.erpn === 0 && page + 0x1000 <= m.ramBytes && e.bytes >= 0x1000;
  if (ram) {
    k.stats.exit(kind === "x" ? E.itlb_r : E.dtlb_r, m.pc, ea);
    k.trace?.(
      `shadow fill ${hex(ea & ~0xfff)} -> ${hex(page)} ${r ? "r" : "-"}${w ? "w" : "-"}${x ? "x" : "-"}`,
    );
    m.shadowFill(ea >>> 12, page, r, w, x, i);
    return;
  }
  if (kind === "x") {
    k.fatal =
      `instruction fetch from ${hex(ea)}: guest-physical ${e.erpn.toString(16)}_${hex(pa)} is not RAM` +
      (e.bytes < 0x1000 ? " (1 KB guest pages are not supported)" : "");
    return;
  }
  if (e.bytes < 0x1000) {
    k.fatal = `access to ${hex(ea)}: 1 KB guest pages are not supported`;
    return;
  }
  if (e.erpn !== 0) {
    k.fatal = `access to ${hex(ea)}: guest-physical ${e.erpn.toString(16)}_${hex(pa)} is above 4 GB (not modelled)`;
    return;
  }
  // MMIO: re-run the instruction with this page routed to the bus. One page per instruction:
  // an access that needs a second MMIO page (lmw/stmw/strings across devices) is reported.
  if (k.inMmio) {
    k.fatal = `instruction at ${hex(m.pc)} accesses MMIO in two pages (${hex(m.mmioPage)}, ${hex(page)}): not modelled`;
    return;
  }
  m.mmioVpn = ea >>> 12;
  m.mmioPage = page;
  k.inMmio = true;
  const code = m.run(m.icount + 1);
  if (code !== Exit.None) k.handleExit(code);
  k.inMmio = false;
  m.mmioVpn = -1;
}

/** kvmppc_set_pid: shadow entries from TID 0 (global) guest entries stay valid. */
export function setPid(k: Ppc440Kvm, pid: number): void {
  if (pid !== k.pid) {
    const tlb = k.guestTlb.entries;
    k.machine.shadowInvalidate((_vpn, src) => src < 0 || tlb[src].tid !== 0);
  }
  k.pid = pid;
}

/** kvmppc_44x_emul_tlbwe: word `ws` of guest entry `i` ← v. */
export function tlbWrite(k: Ppc440Kvm, i: number, ws: number, v: number): void {
  if (ws > 2) return; // undefined word select: no effect
  // The shadow entries this guest entry backed go; entry 0's old and new ranges both count
  // (tlbwe of word 0 can move the entry onto pages other entries filled).
  const e = k.guestTlb.entries[i];
  const oldLo = e.valid ? e.epn >>> 12 : 1,
    oldHi = e.valid ? (e.epn + e.bytes - 1) >>> 12 : 0;
  k.guestTlb.write(i, ws, v, k.mmucr);
  const newLo = e.valid ? e.epn >>> 12 : 1,
    newHi = e.valid ? (e.epn + e.bytes - 1) >>> 12 : 0;
  k.machine.shadowInvalidate(
    (vpn, src) => src === i || (vpn >= oldLo && vpn <= oldHi) || (vpn >= newLo && vpn <= newHi),
  );
}

/** tlbre: word `ws` of guest entry `i` (undefined for ws > 2); word 0 also sets MMUCR[STID]. */
export function tlbRead(k: Ppc440Kvm, i: number, ws: number): number | undefined {
  const e = k.guestTlb.entries[i];
  switch (ws) {
    case 0:
      k.mmucr = (k.mmucr & ~0xff) | e.tid;
      return e.word0;
    case 1:
      return e.word1;
    case 2:
      return e.word2;
  }
  return undefined;
}

/** kvmppc_44x_emul_tlbsx: the entry translating `ea` for MMUCR's STID and STS, or -1. */
export function tlbSearch(k: Ppc440Kvm, ea: number): number {
  return k.guestTlb.lookup(ea, k.mmucr & 0xff, (k.mmucr >>> 16) & 1);
}

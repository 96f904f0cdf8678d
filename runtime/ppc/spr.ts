// SPR access the guest kernel may not do itself: booke_emulate.c's kvmppc_booke_emulate_mfspr /
// mtspr and 44x_emulate.c's additions for the 440 (CCR0/1, MMUCR). The vCPU (machine.ts)
// handles the SPRs user state may touch; every other mfspr/mtspr traps here, named by the
// generated `SPR` constants. An SPR the 440 does not have is reported ("unknown SPR n"), never
// silently ignored.

import { SPR } from "../../generated/ppc440/index.ts";
import type { Ppc440Kvm } from "./kvm.ts";
import { setPid } from "./mmu.ts";

/** kvmppc_core_emulate_mfspr; undefined for an SPR this core does not have. */
export function emulateMfspr(k: Ppc440Kvm, n: number): number | undefined {
  const m = k.machine;
  switch (n) {
    case SPR.DEC:
      return k.timer.dec;
    case SPR.SRR0:
      return k.srr0;
    case SPR.SRR1:
      return k.srr1;
    case SPR.PID:
      return k.pid;
    case SPR.DECAR:
      return k.timer.decar; // DECAR is write-only on the 440; reads return the value kept
    case SPR.CSRR0:
      return k.csrr0;
    case SPR.CSRR1:
      return k.csrr1;
    case SPR.DEAR:
      return k.dear;
    case SPR.ESR:
      return k.esr;
    case SPR.IVPR:
      return k.ivpr;
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
      return k.pir;
    case SPR.PVR:
      return k.pvr;
    case SPR.DBSR:
      return k.dbsr;
    case SPR.DBCR0:
      return k.dbcr0;
    case SPR.DBCR1:
      return k.dbcr1;
    case SPR.TSR:
      return k.timer.tsr;
    case SPR.TCR:
      return k.timer.tcr;
    case SPR.MCSRR0:
      return k.mcsrr0;
    case SPR.MCSRR1:
      return k.mcsrr1;
    case SPR.MCSR:
      return k.mcsr;
    case SPR.CCR1:
      return k.ccr1;
    case SPR.MMUCR:
      return k.mmucr;
    case SPR.CCR0:
      return k.ccr0;
  }
  if (n >= SPR.IVOR0 && n <= SPR.IVOR15) return k.ivor[n - SPR.IVOR0];
  return undefined;
}

/** kvmppc_core_emulate_mtspr; false for an SPR this core does not have. */
export function emulateMtspr(k: Ppc440Kvm, n: number, v: number): boolean {
  const m = k.machine;
  switch (n) {
    case SPR.DEC:
      k.timer.setDec(v);
      return true;
    case SPR.SRR0:
      k.srr0 = v;
      return true;
    case SPR.SRR1:
      k.srr1 = v;
      return true;
    case SPR.PID:
      setPid(k, v & 0xff);
      return true;
    case SPR.DECAR:
      k.timer.decar = v;
      return true;
    case SPR.CSRR0:
      k.csrr0 = v;
      return true;
    case SPR.CSRR1:
      k.csrr1 = v;
      return true;
    case SPR.DEAR:
      k.dear = v;
      return true;
    case SPR.ESR:
      k.esr = v;
      return true;
    case SPR.IVPR:
      k.ivpr = v & 0xffff0000;
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
      k.dbsr &= ~v; // write-1-to-clear
      return true;
    case SPR.DBCR0:
      k.dbcr0 = v & ~0x30000000;
      if ((v >>> 28) & 3) dbcr0Reset(k, (v >>> 28) & 3);
      return true;
    case SPR.DBCR1:
      k.dbcr1 = v;
      return true;
    case SPR.TSR:
      k.timer.tsr &= ~v; // write-1-to-clear
      return true;
    case SPR.TCR:
      k.timer.tcr = v;
      return true;
    case SPR.MCSRR0:
      k.mcsrr0 = v;
      return true;
    case SPR.MCSRR1:
      k.mcsrr1 = v;
      return true;
    case SPR.MCSR:
      k.mcsr &= ~v; // write-1-to-clear; no machine check sets bits, so it stays 0
      return true;
    case SPR.CCR1:
      k.ccr1 = v;
      return true;
    case SPR.MMUCR:
      k.mmucr = v;
      return true;
    case SPR.CCR0:
      k.ccr0 = v;
      return true;
  }
  if (n >= SPR.IVOR0 && n <= SPR.IVOR15) {
    k.ivor[n - SPR.IVOR0] = v & 0xfff0;
    return true;
  }
  return false;
}

/** DBCR0[RST]: 0b11 is a system reset, which QEMU -no-reboot turns into an exit. */
function dbcr0Reset(k: Ppc440Kvm, rst: number): void {
  if (rst === 3)
    k.vmm.stop.request({
      cause: "reset",
      status: 0,
      source: "DBCR0[RST]=0b11 (system reset)",
    });
  else
    k.fatal = `DBCR0[RST]=0b${rst.toString(2).padStart(2, "0")} (${rst === 1 ? "core" : "chip"} reset) is not modelled`;
}

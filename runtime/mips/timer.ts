// The CP0 Count/Compare timer on deterministic time (KVM's kvm_mips_read_count /
// kvm_mips_write_count / kvm_mips_write_compare): Count advances once every two cycles, where a
// cycle is one guest instruction or one idle step while the guest waits. `timerAt` is the cycle
// at which Count next becomes Compare; slices end there (MipsKvm.prepare).
import { CP0 } from "../../generated/mips32r2/index.ts";
import type { MipsKvm } from "./kvm.ts";
import { CA_DC } from "./cp0.ts";

export function readCount(k: MipsKvm): number {
  if (k.cp0[CP0.CAUSE] & CA_DC) return k.countFrozen;
  return (k.countBias + Math.floor(k.cycles() / 2)) | 0;
}

export function writeCount(k: MipsKvm, v: number): void {
  if (k.cp0[CP0.CAUSE] & CA_DC) k.countFrozen = v | 0;
  else k.countBias = (v - Math.floor(k.cycles() / 2)) | 0;
  recomputeTimer(k);
}

export function recomputeTimer(k: MipsKvm): void {
  if (k.cp0[CP0.CAUSE] & CA_DC) {
    k.timerAt = Infinity;
    return;
  }
  // The interrupt comes when Count *becomes* Compare: equal now means a full wrap from now.
  const ticks = (k.cp0[CP0.COMPARE] - readCount(k)) >>> 0 || 0x100000000;
  k.timerAt = 2 * (Math.floor(k.cycles() / 2) + ticks);
}

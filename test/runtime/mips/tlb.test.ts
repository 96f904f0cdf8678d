// The guest TLB index (runtime/mips/tlb.ts) against the architectural rule (a linear walk), and
// the miss path's cost as the guest TLB fills up: it must stay flat (seed 003, no linear walk).
import { CP0 } from "../../../generated/mips32r2/index.ts";
import { describe, expect, it } from "vitest";
import { MaltaVmm } from "../../../runtime/boards/malta/index.ts";
import { MipsKvm } from "../../../runtime/mips/kvm.ts";
import { GuestTlb } from "../../../runtime/mips/tlb.ts";
import { xorshift } from "../../support/random.ts";

const MASKS = [0, 0x6000, 0x1e000, 0x7e000, 0x1fe000, 0x7fe000];

describe("guest TLB index", () => {
  it("finds what a linear walk finds, for random entries, page sizes, ASIDs and global bits", () => {
    const rnd = xorshift(99);
    for (let round = 0; round < 8; round++) {
      const tlb = new GuestTlb(64);
      for (let k = 0; k < 200; k++) {
        const i = rnd() % 64;
        const mask = MASKS[rnd() % MASKS.length];
        const hi = ((rnd() % 64) << 22) | ((rnd() % 8) << 13) | (rnd() % 4);
        const g = rnd() % 4 === 0 ? 1 : 0;
        tlb.write(i, mask, hi, 0x1e | g, 0x1e | g);
      }
      // Only compare where the architecture defines the answer: at most one matching entry.
      for (let q = 0; q < 2000; q++) {
        const va = ((rnd() % 64) << 22) | ((rnd() % 16) << 12);
        const asid = rnd() % 4;
        let matches = 0;
        for (let i = 0; i < 64; i++) {
          const m = tlb.pageMask[i] | 0x1fff;
          if ((tlb.hi[i] & ~m) === (va & ~m) && (tlb.g[i] || (tlb.hi[i] & 0xff) === asid))
            matches++;
        }
        if (matches <= 1) expect(tlb.lookup(va, asid)).toBe(tlb.lookupLinear(va, asid));
      }
    }
  });

  it("keeps the miss path's cost flat from 4 to 64 live entries", () => {
    const cost = (live: number) => {
      const vmm = new MaltaVmm({ ramBytes: 16 * 1024 * 1024 });
      const kvm = new MipsKvm(vmm, { tlbEntries: 64 });
      kvm.cp0[CP0.STATUS] = 0; // kernel mode, BEV clear
      for (let i = 0; i < live; i++) {
        // entry i maps va 0x00400000 + i*8K (global, valid, dirty) to RAM at 1 MiB + i*8K
        const pfn = (0x100000 + i * 0x2000) >>> 12;
        kvm.tlb.write(i, 0, 0x00400000 + i * 0x2000, (pfn << 6) | 0x1f, ((pfn + 1) << 6) | 0x1f);
      }
      const table = kvm.machine.kernelTable;
      const n = 200_000;
      const t0 = performance.now();
      for (let k = 0; k < n; k++) {
        const va = 0x00400000 + (k % live) * 0x2000;
        table.invalidateRange(va >>> 12, 1);
        kvm.shadowMiss(va);
      }
      const ns = ((performance.now() - t0) * 1e6) / n;
      expect(table.read[0x00400000 >>> 12]).not.toBe(0);
      return ns;
    };
    cost(4); // warm up
    cost(64);
    const c4 = Math.min(cost(4), cost(4));
    const c64 = Math.min(cost(64), cost(64));
    expect(c64 / c4).toBeLessThan(2.5);
  });
});

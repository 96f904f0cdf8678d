// The 440 guest TLB index (runtime/ppc/tlb.ts) against KVM's linear walk: random entries of
// every size, TIDs and address spaces, rewritten and invalidated, then random lookups.
import { describe, expect, it } from "vitest";
import { GuestTlb, PAGE_BYTES } from "../../../runtime/ppc/tlb.ts";
import { xorshift } from "../../support/random.ts";

const SIZES = PAGE_BYTES.map((b, i) => (b ? i : -1)).filter((i) => i >= 0);

describe("440 guest TLB index", () => {
  it("finds what the linear walk finds (lowest index on multiple hits)", () => {
    const rnd = xorshift(42);
    const tlb = new GuestTlb();
    const bases = [0x00000000, 0x40000000, 0xc0000000, 0xef600000];
    for (let round = 0; round < 2000; round++) {
      const i = rnd() % 64;
      const sc = SIZES[rnd() % SIZES.length];
      const epn = (bases[rnd() % bases.length] + (rnd() % 64) * PAGE_BYTES[sc]) >>> 0;
      const word0 = (epn | (rnd() % 5 === 0 ? 0 : 0x200) | (rnd() % 2 ? 0x100 : 0) | (sc << 4)) >>> 0;
      tlb.write(i, 0, word0, rnd() % 4 === 0 ? 0 : (rnd() % 3) + 1);
      tlb.write(i, 1, epn, 0);
      for (let q = 0; q < 5; q++) {
        const ea = (bases[rnd() % bases.length] + (rnd() % 0x4000000)) >>> 0;
        const pid = rnd() % 4;
        const as = rnd() % 2;
        expect(tlb.lookup(ea, pid, as)).toBe(tlb.lookupLinear(ea, pid, as));
      }
    }
  });
});

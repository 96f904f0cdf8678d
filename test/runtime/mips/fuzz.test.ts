// Robustness: random instruction words (half of them valid encodings of random table entries,
// privileged ones included) and random jumps, run as a guest kernel with its exception vectors
// also random. Every run must end as a RunResult (stopped, fatal with a message, or budget),
// never a host exception, and the process must stay within a memory bound.
import { describe, expect, it } from "vitest";
import { encode as e, INFO, CP0 } from "../../../generated/mips32r2/index.ts";
import { MaltaVmm } from "../../../runtime/boards/malta/index.ts";
import { MipsKvm } from "../../../runtime/mips/kvm.ts";
import { xorshift } from "../../support/random.ts";

const defined = INFO.filter((i) => i.id !== 0);

// mfc0 k0, EPC; addiu k0, k0, 4; mtc0 k0, EPC; eret
const SKIP = [
  e.mfc0({ rt: 26, c0rd: 14, sel: 0 }),
  e.addiu({ rs: 26, rt: 26, simm: 4 }),
  e.mtc0({ rt: 26, c0rd: 14, sel: 0 }),
  e.eret(),
];

function randomWord(rnd: () => number): number {
  const k = rnd() % 4;
  if (k === 0) return rnd() | 0;
  const info = defined[rnd() % defined.length];
  let w = (rnd() & ~info.mask) | info.match | 0;
  // Keep base registers mostly pointing at RAM: use r1..r7, which hold KSEG0 pointers.
  if (k === 1) w = (w & ~(0x1f << 21)) | ((1 + (rnd() % 7)) << 21);
  return w;
}

describe("fuzz: random words and jumps as a guest", () => {
  it("every run ends in a guest exception or a clean run result, within a memory bound", () => {
    const vmm = new MaltaVmm({ ramBytes: 8 * 1024 * 1024, uartSink: () => {} });
    const kvm = new MipsKvm(vmm, { tlbEntries: 16, sliceInsns: 4096 });
    const rnd = xorshift(0x15a6e7);
    const ends: Record<string, number> = { stopped: 0, fatal: 0, stalled: 0, budget: 0 };
    let exits = 0;
    const rss0 = process.memoryUsage().rss;
    const CODE = 0x00100000; // physical; KSEG0 0x80100000
    const words = new Uint8Array(16 * 1024);
    const dv = new DataView(words.buffer);
    for (let run = 0; run < 200; run++) {
      kvm.reset();
      vmm.stop.clear();
      for (let i = 0; i < words.length; i += 4) dv.setInt32(i, randomWord(rnd), true);
      vmm.memory.writeBytes(CODE, words);
      // Exception vectors at EBase = 0x80000000: random in half of the runs; in the others a
      // handler that skips the faulting instruction (EPC += 4; eret), so random code runs on.
      for (let i = 0; i < 0x400; i += 4) dv.setInt32(i, randomWord(rnd), true);
      if (run % 2 === 1)
        for (const v of [0, 0x180, 0x200]) SKIP.forEach((w, k) => dv.setInt32(v + k * 4, w, true));
      vmm.memory.writeBytes(0, words.subarray(0, 0x400));
      const r = kvm.machine.gpr;
      for (let i = 1; i < 32; i++)
        r[i] = i < 8 ? (0x80100000 + (rnd() % words.length)) & ~3 : rnd() | 0;
      kvm.cp0[CP0.STATUS] = run % 2 === 1 || rnd() % 2 === 0 ? 0 : 0x00400000; // BEV clear or set
      kvm.machine.jump((0x80100000 + ((rnd() % words.length) & ~3)) | 0);
      let result;
      try {
        result = kvm.run(20_000);
      } catch (e) {
        throw new Error(`run ${run}: host exception ${(e as Error).stack}`);
      }
      ends[result.kind]++;
      if (result.kind === "fatal" || result.kind === "stalled")
        expect(result.message.length).toBeGreaterThan(0);
      exits += kvm.stats.total;
    }
    const grown = process.memoryUsage().rss - rss0;
    expect(grown).toBeLessThan(256 * 1024 * 1024);
    expect(ends.stopped + ends.fatal + ends.stalled + ends.budget).toBe(200);
    expect(exits).toBeGreaterThan(200); // guest-level exceptions did happen
  });
});

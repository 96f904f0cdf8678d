// The polling-loop skip (runtime/core/poll.ts) must be invisible to the guest: a program that
// waits on the RTC's update-in-progress flag, as Linux's Malta clock calibration does, ends in
// exactly the same state after the same instruction count with the skip on and off, under both
// engines, while taking far fewer MMIO exits. A loop that stores to RAM each round is not a fixed
// point and is never skipped.
import { describe, expect, it } from "vitest";
import { encode } from "../../../generated/mips32r2/index.ts";
import { MALTA_CPU_HZ, MaltaVmm, wireMaltaInterrupts } from "../../../runtime/boards/malta/index.ts";
import { ENGINES, type Engine } from "../../../runtime/core/engine.ts";
import { MipsKvm } from "../../../runtime/mips/kvm.ts";

const CODE = 0x1000; // physical; run from KSEG0

/** t3 counts RTC seconds: wait for UIP to rise, then to fall, t3++, again. With `store`, each
 *  round of both loops also writes a counter to RAM (t4++ at 0(sp)). */
function program(store: boolean): number[] {
  const w: number[] = [];
  const e = encode;
  w.push(e.lui({ rt: 8, uimm: 0xb800 })); // t0 = ISA I/O base (KSEG1 0x18000000)
  w.push(e.lui({ rt: 29, uimm: 0x8000 }));
  w.push(e.ori({ rs: 29, rt: 29, uimm: 0x8000 })); // sp in RAM
  /** Reads RTC register A until UIP is set (`until` 1) or clear (0). */
  const waitFor = (until: number) => {
    const top = w.length;
    if (store) {
      w.push(e.addiu({ rs: 12, rt: 12, simm: 1 }));
      w.push(e.sw({ rs: 29, rt: 12, simm: 0 }));
    }
    w.push(e.addiu({ rs: 0, rt: 9, simm: 0x0a }));
    w.push(e.sb({ rs: 8, rt: 9, simm: 0x70 }));
    w.push(e.lbu({ rs: 8, rt: 10, simm: 0x71 }));
    w.push(e.andi({ rs: 10, rt: 10, uimm: 0x80 }));
    const back = { rs: 10, rt: 0, off: (top - w.length - 1) * 4 };
    w.push(until ? e.beq(back) : e.bne(back));
    w.push(0); // slot
    return top;
  };
  const rise = waitFor(1);
  waitFor(0);
  w.push(e.addiu({ rs: 11, rt: 11, simm: 1 }));
  w.push(e.j({ index: ((CODE >>> 2) + rise) & 0x3ffffff }));
  w.push(0);
  return w;
}

function run(engine: Engine, pollSkip: boolean, store: boolean, insns: number) {
  const vmm = new MaltaVmm({ ramBytes: 16 << 20 });
  const kvm = new MipsKvm(vmm, { engine, pollSkip });
  wireMaltaInterrupts(vmm, kvm);
  vmm.cycles = () => kvm.cycles();
  const words = program(store);
  const bytes = new Uint8Array(words.length * 4);
  new DataView(bytes.buffer).setUint32(0, 0);
  words.forEach((x, i) => new DataView(bytes.buffer).setUint32(i * 4, x >>> 0, true));
  vmm.memory.writeBytes(CODE, bytes);
  kvm.machine.jump((0x80000000 + CODE) | 0);
  kvm.idle = MALTA_CPU_HZ - 60_000; // the clock starts 0.6 ms before a second: UIP soon rises

  const r = kvm.run(insns);
  return {
    kind: r.kind,
    icount: kvm.icount,
    pc: kvm.machine.pc,
    gpr: Array.from(kvm.machine.gpr),
    mmio: kvm.stats.count("mmio"),
    skipped: kvm.poll?.stats.instructions ?? 0,
  };
}

describe("skipping polling loops", () => {
  // Past UIP's rise (0.36 ms in) and fall (0.6 ms in), then well into the next second's wait.
  const insns = 400_000;

  it.each(ENGINES)("changes nothing the guest sees (engine %s)", (engine) => {
    const on = run(engine, true, false, insns);
    const off = run(engine, false, false, insns);
    expect(on.kind).toBe("budget");
    expect({ ...on, mmio: 0, skipped: 0 }).toEqual({ ...off, mmio: 0, skipped: 0 });
    expect(on.gpr[11], "RTC seconds counted").toBe(1);
    expect(on.mmio).toBeLessThan(off.mmio / 100);
    expect(on.skipped).toBeGreaterThan(insns * 0.9);
  });

  it("never skips a loop that stores to RAM", () => {
    const on = run("interp", true, true, insns);
    const off = run("interp", false, true, insns);
    expect(on).toEqual(off);
    expect(on.skipped).toBe(0);
  });
});

describe("the RTC's quiet time", () => {
  it("a register read again within its quiet time reads the same (fast-check)", async () => {
    const fc = (await import("fast-check")).default;
    const { Mc146818 } = await import("../../../runtime/devices/mc146818.ts");
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.constantFrom(0, 2, 4, 0x0a, 0x0b, 0x0d, 0x20),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (t0, reg, frac) => {
          let now = t0;
          const rtc = new Mc146818({ now: () => now, epoch: 1_700_000_000 });
          rtc.write(0, 1, reg);
          const v = rtc.read(1, 1);
          const q = rtc.quiet(1, 1, false, v);
          if (q === Infinity) now = t0 + frac * 1e4;
          else now = t0 + frac * q;
          return rtc.read(1, 1) === v;
        },
      ),
      { seed: 7, numRuns: 20_000 },
    );
  });
});

// The bare-metal Malta guests (test/guests/mips/) on the MIPS runtime: each run's UART output
// must be byte for byte what QEMU printed for the same ELF (<name>.expected), and the guest must
// end by resetting the board (exit status 0).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createMaltaMips } from "../../../runtime/boards/malta/index.ts";
import { type Engine, ENGINES } from "../../../runtime/core/engine.ts";
import { describeRunResult } from "../../../runtime/core/run-result.ts";

const DIR = join(import.meta.dirname, "../../guests/mips");

function runGuest(name: string, engine: Engine = "interp", maxInsns = 50_000_000) {
  const out: number[] = [];
  // The translator from the first entry (hot threshold 1): every block is translated code.
  const b = createMaltaMips({
    kernel: join(DIR, `${name}.elf`),
    uartSink: (c) => out.push(c),
    engine,
    translator: { hotThreshold: 1, stages: 1, pageHot: 0 },
  });
  if (!b.ok) throw new Error(b.error);
  const result = b.value.kvm.run(maxInsns);
  return { result, output: Buffer.from(out).toString("latin1"), kvm: b.value.kvm };
}

describe.each(ENGINES)("bare-metal Malta guests match QEMU byte for byte (engine %s)", (engine) => {
  for (const name of [
    "hello",
    "alu",
    "loadstore",
    "branches",
    "exceptions",
    "addrerr",
    "tlb",
    "usermode",
    "timer",
    "crc32",
  ]) {
    it(name, () => {
      const { result, output, kvm } = runGuest(name, engine);
      const expected = readFileSync(join(DIR, `${name}.expected`), "latin1");
      expect(output).toBe(expected);
      expect(
        result.kind,
        describeRunResult(result, (e) => kvm.stats.formatRecord(e)),
      ).toBe("stopped");
      if (result.kind === "stopped") {
        expect(result.cause).toBe("reset");
        expect(result.status).toBe(0);
      }
    });
  }

  it("counts exits under KVM's names (usermode: CpU, syscalls, address errors, TLB misses, MMIO)", () => {
    const { kvm } = runGuest("usermode", engine);
    for (const name of [
      "cop_unusable",
      "syscall",
      "addrerr_ld",
      "addrerr_st",
      "tlbmiss_ld",
      "mmio",
      "resvd_inst",
      "break_inst",
      "trap_inst",
    ])
      expect(kvm.stats.count(name), name).toBeGreaterThan(0);
  });

  it("timer: wait halts until the Count/Compare interrupt (halt_wakeup), deterministically", () => {
    const a = runGuest("timer", engine);
    const b = runGuest("timer", engine);
    expect(a.kvm.stats.count("wait")).toBe(5);
    expect(a.kvm.stats.count("halt_wakeup")).toBeGreaterThanOrEqual(5);
    expect(a.result.instructions).toBe(b.result.instructions);
    expect(a.kvm.stats.total).toBe(b.kvm.stats.total);
  });

  it("ends a run that exhausts its budget with the guest PC and the last exits", () => {
    const { result, kvm } = runGuest("crc32", engine, 200_000);
    expect(result.kind).toBe("budget");
    const text = describeRunResult(result, (e) => kvm.stats.formatRecord(e));
    expect(text).toMatch(
      /instruction budget exhausted: 200000 instructions executed, guest pc 0x801/,
    );
    expect(text).toMatch(/last \d+ exits? \(oldest first\):\n {2}#1 /);
  });

  it.runIf(engine === "translate")("with the default tuning, translates crc32's hot loop", () => {
    // As `isagen run` runs it (core/heat.ts decides): the same output, and blocks built. A block
    // holds the loop (it jumps back inside its function), so cache hits stay few.
    const out: number[] = [];
    const b = createMaltaMips({ kernel: join(DIR, "crc32.elf"), uartSink: (c) => out.push(c) });
    if (!b.ok) throw new Error(b.error);
    b.value.kvm.run(50_000_000);
    expect(Buffer.from(out).toString("latin1")).toBe(
      readFileSync(join(DIR, "crc32.expected"), "latin1"),
    );
    expect(b.value.kvm.blockStats?.translated).toBeGreaterThan(0);
  });
});

describe("the engines are indistinguishable to a guest", () => {
  for (const name of ["timer", "usermode", "exceptions", "tlb"])
    it(`${name}: the same exits at the same instruction counts`, () => {
      const runs = ENGINES.map((e) => runGuest(name, e).kvm);
      const exits = runs.map((k) => k.stats.last().map((r) => k.stats.formatRecord(r)));
      for (const k of runs.slice(1)) {
        expect(k.icount).toBe(runs[0].icount);
        expect(k.stats.total).toBe(runs[0].stats.total);
      }
      for (const e of exits.slice(1)) expect(e).toEqual(exits[0]);
    });
});

// The bare-metal Bamboo guests (test/guests/ppc/) on the PowerPC 440 runtime: each run's UART
// output must be byte for byte what QEMU printed for the same ELF (<name>.expected), and the guest
// must end by a system reset through DBCR0[RST] (exit status 0).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createBambooPpc, ENGINES, type Engine } from "../../../runtime/boards/bamboo/index.ts";
import { describeRunResult } from "../../../runtime/core/run-result.ts";

const DIR = join(import.meta.dirname, "../../guests/ppc");

export function runPpcGuest(name: string, maxInsns = 50_000_000, engine?: Engine) {
  const out: number[] = [];
  const b = createBambooPpc({
    kernel: join(DIR, `${name}.elf`),
    uartSink: (c) => out.push(c),
    engine,
  });
  if (!b.ok) throw new Error(b.error);
  const result = b.value.kvm.run(maxInsns);
  return {
    result,
    output: Buffer.from(out).toString("latin1"),
    kvm: b.value.kvm,
    vmm: b.value.vmm,
  };
}

const GUESTS = readdirSync(DIR)
  .filter((f) => f.endsWith(".expected"))
  .map((f) => f.slice(0, -".expected".length))
  .sort();

describe.each(ENGINES)("bare-metal Bamboo guests match QEMU byte for byte, engine %s", (engine) => {
  it("every guest has an ELF and an expected output", () => {
    expect(GUESTS.length).toBeGreaterThanOrEqual(4);
  });
  for (const name of GUESTS) {
    it(name, () => {
      const { result, output, kvm } = runPpcGuest(name, undefined, engine);
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

  it("counts exits under KVM's names (exceptions: emulated instructions, syscalls, MMIO, shadow fills)", () => {
    const { kvm } = runPpcGuest("exceptions", undefined, engine);
    for (const name of ["inst_emu", "sysc", "mmio", "itlb_r", "dtlb_r"]) {
      expect(kvm.stats.count(name), name).toBeGreaterThan(0);
    }
  });

  it.runIf(engine === "translate")("runs the hot code as translated blocks (crc32)", () => {
    const { kvm } = runPpcGuest("crc32", undefined, engine);
    const s = kvm.blockStats;
    expect(s?.translated).toBeGreaterThan(0);
    // Most block entries find a block (the loops run translated, not interpreted).
    expect(s!.hits).toBeGreaterThan(10 * s!.translated);
  });
});

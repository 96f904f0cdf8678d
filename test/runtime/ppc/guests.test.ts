// The bare-metal Bamboo guests (test/guests/ppc/) on the PowerPC 440 runtime: each run's UART
// output must be byte for byte what QEMU printed for the same ELF (<name>.expected), and the guest
// must end by a system reset through DBCR0[RST] (exit status 0).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { crc32 } from "node:zlib";
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

/** Guests only bench/ppc.ts runs (too long for the suite; it compares their output with QEMU's). */
const BENCH_ONLY = new Set(["crc32-long"]);

const GUESTS = readdirSync(DIR)
  .filter((f) => f.endsWith(".expected"))
  .map((f) => f.slice(0, -".expected".length))
  .filter((name) => !BENCH_ONLY.has(name))
  .sort();

// QEMU's output of the crc32 guests checked against a second reference: each round's CRC-32 of
// the guest's buffer (16 KB of x = x * 1103515245 + 12345, byte = x >> 16), chained from the
// previous round's, as zlib computes it.
describe("crc32 guests' expected output against zlib", () => {
  it.each([
    ["crc32", 8],
    ["crc32-long", 256],
  ])("%s: %i rounds", (name, rounds) => {
    const buf = Buffer.alloc(16384);
    let x = 12345;
    for (let i = 0; i < buf.length; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      buf[i] = (x >>> 16) & 0xff;
    }
    const lines: string[] = [];
    let c = 0;
    for (let round = 0; round < rounds; round++) {
      c = crc32(buf, c);
      lines.push(`round ${round} crc=${c.toString(16).padStart(8, "0")}`);
    }
    expect(readFileSync(join(DIR, `${name}.expected`), "latin1")).toBe(
      [...lines, "done", ""].join("\n"),
    );
  });
});

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

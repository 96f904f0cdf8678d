// The oracle test for one ISA (ppc.test.ts, mips.test.ts: one file each so that vitest runs the
// two guests on separate workers). Runs the committed guest under every execution engine of
// the runtime, prints the coverage table and the mismatches grouped by instruction.
import { describe, expect, it } from "vitest";
import { ENGINES, runGuest } from "./engine.ts";
import { type Arch, EXCLUDED, executable } from "./model.ts";
import { compare, formatMismatches, formatTable, loadGuest } from "./compare.ts";
import { KNOWN } from "./known.ts";

export function oracleSuite(arch: Arch) {
  describe.each(ENGINES)(`instruction oracle (${arch}), engine %s`, (engine) => {
    it(
      "every executable instruction, 200 cases each, matches QEMU outside documented deviations",
      { timeout: 150_000 },
      () => {
        const g = loadGuest(arch);
        const run = runGuest(arch, g.elf, engine);
        expect(run.kind, run.detail).toBe("stopped");
        const r = compare(arch, g, run.output);
        console.log(formatTable([r], engine));
        if (r.mismatches.size) console.log(formatMismatches(r));
        expect(r.missing).toBe(0);
        const want = executable(arch)
          .map((i) => i.name)
          .filter((n) => !EXCLUDED[arch][n]);
        expect([...r.covered].sort()).toEqual(want.sort());
        for (const [name, n] of r.casesPer) expect(n, name).toBeGreaterThanOrEqual(200);
        const unexpected = [...r.mismatches.keys()].filter((n) => !KNOWN[arch][n]);
        expect(unexpected, "instructions whose semantics differ from QEMU").toEqual([]);
        const fixed = Object.keys(KNOWN[arch]).filter((n) => !r.mismatches.has(n));
        expect(fixed, "listed in test/oracle/known.ts but no longer mismatching").toEqual([]);
        for (const [id, list] of r.deviations) {
          const broken = list.filter((d) => !d.holds).map((d) => d.c.name);
          expect(broken, `cases under QEMU deviation ${id} that break the manual's rule`).toEqual(
            [],
          );
        }
      },
    );
  });
}

// The oracle test for one ISA (ppc.test.ts, mips.test.ts: one file each so that vitest runs the
// two guests on separate workers). Runs the committed guest under every execution engine of
// the runtime, prints the coverage table and the mismatches grouped by instruction.
import { describe, expect, it } from "vitest";
import { ENGINES, runGuest } from "./engine.ts";
import { type Arch, EXCLUDED, executable } from "./model.ts";
import {
  compare,
  DEVIATIONS,
  formatMismatches,
  formatTable,
  loadGuest,
  type Report,
} from "./compare.ts";
import { KNOWN } from "./known.ts";

/** Both guests run in npm test under every engine (ORACLE_PPC=0 leaves the ppc one out while
 * iterating). Measured at load 2 on this 2-core machine: mips 19 s for both engines; ppc 6 s
 * interpreted and 95 s translated, where every block of the run-once case code is compiled
 * (translating is what costs: issue 13's notes). */
const SLOW: Record<Arch, boolean> = { ppc: process.env.ORACLE_PPC === "0", mips: false };

export function oracleSuite(arch: Arch) {
  describe.skipIf(SLOW[arch]).each(ENGINES)(`instruction oracle (${arch}), engine %s`, (engine) => {
    let report: Report | undefined;
    it(
      "every executable instruction, 200 cases each, matches QEMU outside documented deviations",
      { timeout: 300_000 },
      async () => {
        const g = loadGuest(arch);
        const run = await runGuest(arch, g.elf, engine);
        expect(run.kind, run.detail).toBe("stopped");
        const r = compare(arch, g, run.output);
        report = r;
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
      },
    );
    // Cases where QEMU is wrong are checked against the manual's rule, never QEMU's output.
    for (const d of DEVIATIONS.filter((d) => d.arch === arch)) {
      it(`QEMU deviation ${d.id} (${d.what}): the runtime follows the manual`, () => {
        expect(report, "the comparison above ran").toBeDefined();
        const list = report!.deviations.get(d.id) ?? [];
        const broken = list
          .filter((x) => !x.holds)
          .map((x) => `${x.c.name} ${x.c.word.toString(16)}`);
        expect(broken).toEqual([]);
        console.log(`${arch} deviation ${d.id}: ${list.length} cases checked against the manual`);
      });
    }
  });
}

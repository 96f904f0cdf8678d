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
 * iterating). CPU time of the guest runs on this 2-core machine (2026-12-04, other jobs
 * running): ppc 5 s interpreted and 7.5-13 s translated, mips 2.5-3 s and 6-7 s; vitest
 * test/oracle/ (three files, both engines, mutation test included) 59 s wall, 36 s CPU. The
 * translated runs translate each case's slot at its first entry; before the slot had a page of
 * its own (oracle.S), each case's write to it dropped and rebuilt every block of the harness and
 * main() too (ppc 124 s, mips 17 s). */
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
        if (run.slot) {
          console.log(
            `  ${arch} translator at the slot: ${run.slot.entries} entries for ${g.cases.length} cases, ${run.slot.translated} translated (the rest it leaves to the interpreter)`,
          );
          // every case's instruction went through the translator, which built a block of it
          // wherever it translates the word (a word it leaves to the interpreter is offered
          // again when it is restarted, e.g. a 440 FP load after a TLB miss)
          expect(run.slot.entries).toBeGreaterThanOrEqual(g.cases.length);
          expect(run.slot.translated).toBeGreaterThan(g.cases.length / 2);
        }
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

// The oracle catches a broken instruction and names it: a scratch copy of runtime/ with one
// handler changed (MIPS rorv's result has its low bit flipped; the guest's own code never rotates) runs the committed guest for the
// first cases only (rorv is the 7th instruction in the case list), and the comparison must
// report rorv, and only rorv, as mismatching.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ENGINES, runGuestAt } from "./engine.ts";
import { compare, loadGuest } from "./compare.ts";

const ROOT = join(import.meta.dirname, "../..");
const scratch = mkdtempSync(join(ROOT, "test/oracle/.scratch-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.each(ENGINES)("oracle mutation, engine %s", (engine) => {
  it("a flipped bit in rorv's handler is caught and named", { timeout: 60_000 }, async () => {
    // One copy per engine (the scratch directory holds them all).
    const copy = join(scratch, engine);
    cpSync(join(ROOT, "runtime"), join(copy, "runtime"), { recursive: true });
    symlinkSync(join(ROOT, "generated"), join(copy, "generated"));
    const file = join(copy, "runtime/mips/machine.ts");
    const src = readFileSync(file, "utf8");
    const good =
      "  rotrv(rs: number, rt: number, rd: number): number {\n    const g = this.gpr;\n    const s = g[rs] & 31;\n    if (rd) g[rd] = (g[rt] >>> s) | (g[rt] << (32 - s));";
    expect(src, "the rorv handler this test breaks").toContain(good);
    writeFileSync(
      file,
      src.replace(
        good,
        good.replace(
          "(g[rt] >>> s) | (g[rt] << (32 - s));",
          "((g[rt] >>> s) | (g[rt] << (32 - s))) ^ 1;",
        ),
      ),
    );
    const g = loadGuest("mips");
    const run = await runGuestAt(join(copy, "runtime"), "mips", g.elf, engine, 6_000_000);
    const r = compare("mips", g, run.output);
    expect(r.missing).toBeLessThan(g.cases.length); // ran part of the list
    // the run stops mid-list: the last, partly printed case is not a verdict
    const lastCase = r.missing ? g.cases.length - r.missing - 1 : -1;
    for (const [name, list] of r.mismatches)
      if (list.every((m) => m.index === lastCase)) r.mismatches.delete(name);
    expect([...r.mismatches.keys()]).toEqual(["rorv"]);
    const m = r.mismatches.get("rorv")!;
    expect(m.length).toBeGreaterThan(100); // rd = 0 cases are unaffected
    expect(m[0].diffs.some(([k]) => k.startsWith("g"))).toBe(true);
  });
});

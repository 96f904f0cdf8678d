// The oracle catches a broken instruction and names it: a scratch copy of runtime/ with one
// handler changed runs the committed guest for the first cases only, and the comparison must
// report that instruction, and only it, as mismatching. MIPS: rorv's result has its low bit
// flipped (the 7th instruction in the case list); ppc: crnand writes the AND, not the NAND, into
// its CR bit (the 18th). The guests' own code uses neither.
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ENGINES, runGuestAt } from "./engine.ts";
import { compare, loadGuest } from "./compare.ts";
import type { Arch } from "./model.ts";

const ROOT = join(import.meta.dirname, "../..");
const scratch = mkdtempSync(join(ROOT, "test/oracle/.scratch-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Mutation {
  arch: Arch;
  insn: string;
  what: string;
  file: string;
  good: string;
  bad: string;
  /** instructions run: past the broken instruction's cases, well before the list's end */
  budget: number;
  /** the token the broken handler changes ("g" any GPR, "c0" CR / HI) */
  token: (k: string) => boolean;
}

const MUTATIONS: Mutation[] = [
  {
    arch: "mips",
    insn: "rorv",
    what: "a flipped bit in rorv's result",
    file: "runtime/mips/machine.ts",
    good: "  rotrv(rs: number, rt: number, rd: number): number {\n    const g = this.gpr;\n    const s = g[rs] & 31;\n    if (rd) g[rd] = (g[rt] >>> s) | (g[rt] << (32 - s));",
    bad: "  rotrv(rs: number, rt: number, rd: number): number {\n    const g = this.gpr;\n    const s = g[rs] & 31;\n    if (rd) g[rd] = ((g[rt] >>> s) | (g[rt] << (32 - s))) ^ 1;",
    budget: 6_000_000,
    token: (k) => k.startsWith("g"),
  },
  {
    arch: "ppc",
    insn: "crnand",
    what: "a flipped CR bit in crnand",
    file: "runtime/ppc/machine.ts",
    good: "  crnand(bt: number, ba: number, bb: number): void {\n    this.crop(bt, ba, bb, (a, b) => ~(a & b));",
    bad: "  crnand(bt: number, ba: number, bb: number): void {\n    this.crop(bt, ba, bb, (a, b) => a & b);",
    budget: 20_000_000,
    token: (k) => k === "c0",
  },
];

describe.each(ENGINES)("oracle mutation, engine %s", (engine) => {
  for (const mu of MUTATIONS)
    it(`${mu.arch}: ${mu.what} is caught and named`, { timeout: 60_000 }, async () => {
      const copy = join(scratch, `${mu.arch}-${engine}`); // one copy each: module caches apart
      mkdirSync(copy);
      cpSync(join(ROOT, "runtime"), join(copy, "runtime"), { recursive: true });
      symlinkSync(join(ROOT, "generated"), join(copy, "generated"));
      const file = join(copy, mu.file);
      const src = readFileSync(file, "utf8");
      expect(src, `the ${mu.insn} handler this test breaks`).toContain(mu.good);
      writeFileSync(file, src.replace(mu.good, mu.bad));
      const g = loadGuest(mu.arch);
      const run = await runGuestAt(join(copy, "runtime"), mu.arch, g.elf, engine, mu.budget);
      const r = compare(mu.arch, g, run.output);
      expect(r.missing).toBeGreaterThan(0); // ran part of the list
      expect(r.missing).toBeLessThan(g.cases.length);
      // the run stops mid-list: the last, partly printed case is not a verdict
      const lastCase = g.cases.length - r.missing - 1;
      for (const [name, list] of r.mismatches)
        if (list.every((m) => m.index === lastCase)) r.mismatches.delete(name);
      expect([...r.mismatches.keys()]).toEqual([mu.insn]);
      const m = r.mismatches.get(mu.insn)!;
      expect(m.length).toBeGreaterThan(100); // of 200 (rorv: rd = 0 cases are unaffected)
      expect(m[0].diffs.some(([k]) => mu.token(k))).toBe(true);
    });
});

// The docs' "Runtime:" lines come from a syntactic scan of runtime/ (generator/coverage.ts).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/root.ts";
import { scanRuntime } from "../../generator/coverage.ts";
import { buildModels } from "../../generator/gen.ts";

const isas = buildModels(ROOT).map((b) => b.isa);

describe("runtime coverage scan", () => {
  it("counts handler methods and @executes tables, not scaffolded stubs", () => {
    const dir = mkdtempSync(join(tmpdir(), "isagen-cov-"));
    mkdirSync(join(dir, "runtime", "ppc"), { recursive: true });
    writeFileSync(
      join(dir, "runtime", "ppc", "core.ts"),
      `import type { Handlers } from "../../generated/ppc440/handlers.ts";
import { Op } from "../../generated/mips32r2/index.ts";
export class Core implements Handlers<void> {
  unimplemented(name: string, w: number): void { throw new Error(name + w); }
  addi(w: number): void { void w; }
  /** Scaffolded. */
  subf(w: number): void { return this.unimplemented("subf", w); }
  mfspr(w: number): void { this.unimplemented("mfspr", w); }
}
/** @executes a test table */
const T = new Uint8Array(10);
T[Op.sll] = 1;
const U = new Uint8Array(10);
U[Op.srl] = 1;
`,
    );
    const cov = scanRuntime(dir, isas);
    const ppc = cov.get("ppc440")!;
    const mips = cov.get("mips32r2")!;
    expect(ppc.get("addi")).toEqual([{ by: "Core.addi", file: "runtime/ppc/core.ts" }]);
    expect(ppc.get("subf")).toEqual([]);
    expect(ppc.get("subf_")).toEqual([]);
    expect(ppc.get("mfspr")).toEqual([]);
    expect(mips.get("sll")).toEqual([{ by: "T", file: "runtime/ppc/core.ts", what: "a test table" }]);
    expect(mips.get("srl")).toEqual([]);
    // Every variant has a slot, so the docs can say "not implemented".
    expect(ppc.size).toBe(isas.find((i) => i.name === "ppc440")!.variants.length);
  });

  it("the committed docs say what this runtime implements", () => {
    const doc = (isa: string, table: string) => readFileSync(join(ROOT, "generated", isa, "docs", `${table}.md`), "utf8");
    const runtimeLine = (text: string, key: string) => {
      const at = text.indexOf(`\n## ${key} `);
      expect(at, key).toBeGreaterThan(0);
      return /\nRuntime: (.*)\n/.exec(text.slice(at))![1];
    };
    // Privileged MIPS instructions trap to the hypervisor, which emulates them (runtime/README.md).
    expect(runtimeLine(doc("mips32r2", "cp0"), "mtc0")).toContain("`MipsEmulate.mtc0`");
    expect(runtimeLine(doc("mips32r2", "cp0"), "mtc0")).not.toContain("hot switch");
    expect(runtimeLine(doc("mips32r2", "mips32r2"), "addu")).toContain("`Machine.addu`");
    // Malta's 24Kf FPU runs in the vCPU (its FpuHandlers), where paired single is a reserved
    // instruction; the 440 machine executes the classic FP instructions itself.
    expect(runtimeLine(doc("mips32r2", "fpu"), "add_f")).toContain("`Machine.add_f`");
    expect(runtimeLine(doc("mips32r2", "fpu"), "pll_ps")).toContain("`Machine.pll_ps`");
    expect(runtimeLine(doc("ppc440", "fp"), "fadd")).toContain("`Ppc440Machine.fadd`");
    // isel is illegal on the 440 (PPC440x5 manual); the core raises a program interrupt.
    expect(runtimeLine(doc("ppc440", "ppc440"), "isel")).toContain("illegal-instruction");
    expect(runtimeLine(doc("ppc440", "booke"), "tlbwe")).toContain("`Ppc440Emulate.tlbwe`");
  });
});

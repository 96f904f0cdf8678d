// The README's "Extending the ISA" walk-through, performed on a temporary copy of the repository:
// add an instruction to a table, regenerate, see it in the change summary, see the type error in
// the one role class that lacks it (the vCPU), scaffold, implement, pass.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/root.ts";

const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");

const execFileP = promisify(execFile);

/** Runs a command without blocking the test worker (vitest talks to it while tsc runs). */
async function run(
  cmd: string,
  args: string[],
  cwd: string,
): Promise<{ code: number; out: string }> {
  try {
    const r = await execFileP(cmd, args, { cwd, encoding: "utf8", maxBuffer: 64 << 20 });
    return { code: 0, out: r.stdout };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: typeof x.code === "number" ? x.code : 1, out: `${x.stdout}${x.stderr}` };
  }
}

describe("extending the ISA (README walk-through)", () => {
  it("add popcntb → summary → type error in the vCPU only → scaffold → implement → pass", async () => {
    const dir = mkdtempSync(join(tmpdir(), "isagen-walk-"));
    for (const d of ["opcodes", "generator", "generated", "cli", "bin", "runtime"])
      cpSync(join(ROOT, d), join(dir, d), { recursive: true });
    cpSync(join(ROOT, "package.json"), join(dir, "package.json"));
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({ extends: join(ROOT, "tsconfig.json"), include: ["generated", "runtime"] }),
    );
    // The tsconfig's own paths are relative to it; check the copy compiles before the change.
    expect((await run(process.execPath, [TSC, "-p", "tsconfig.json"], dir)).code).toBe(0);

    // 1. Add Population Count Bytes (Power ISA 2.02, X-form: 31 | RS | RA | /// | 122 | /).
    const table = join(dir, "opcodes", "ppc", "universal.yaml");
    const text = readFileSync(table, "utf8");
    writeFileSync(
      table,
      text.replace(
        /^instructions:\n/m,
        'instructions:\n  - popcntb: { bits: "011111 rs ra 00000 0001111010 0", asm: "ra,rs", summary: Population Count Bytes }\n',
      ),
    );

    // 2. Regenerate: the summary names the new instruction.
    const gen = await run(process.execPath, [join(dir, "bin", "isagen.cjs"), "gen"], dir);
    expect(gen.code, gen.out).toBe(0);
    expect(gen.out).toMatch(/^ {2}\+ 1 added: popcntb$/m);
    // Its reference page says the runtime does not implement it yet.
    const page = () =>
      readFileSync(join(dir, "generated", "ppc440", "docs", "universal.md"), "utf8");
    expect(page()).toMatch(
      /^## popcntb — Population Count Bytes\n\n.*\nRuntime: \*\*not implemented\*\*\.$/m,
    );

    // 3. A user-mode integer instruction is the vCPU's role: only the vCPU stops type-checking,
    //    not the hypervisor's emulation (it has its own role) nor anything else.
    const tsc1 = await run(process.execPath, [TSC, "-p", "tsconfig.json"], dir);
    expect(tsc1.code).not.toBe(0);
    const errors = tsc1.out.split("\n").filter((l) => /error TS/.test(l));
    expect(errors.length, tsc1.out).toBeGreaterThan(0);
    for (const e of errors)
      expect(e, tsc1.out).toMatch(/^runtime\/ppc\/machine\.ts\(.*VcpuHandlers/);
    expect(errors[0]).toMatch(
      /Class 'Ppc440Machine' incorrectly implements interface 'VcpuHandlers<void>'/,
    );
    expect(tsc1.out).toContain("popcntb");

    // 4. Scaffold: a stub taking the operands is added to that class, nothing else changes.
    const machine = join(dir, "runtime", "ppc", "machine.ts");
    const before = readFileSync(machine, "utf8");
    const sc = await run(
      process.execPath,
      [join(dir, "bin", "isagen.cjs"), "gen", "--scaffold"],
      dir,
    );
    expect(sc.code, sc.out).toBe(0);
    expect(sc.out).toContain(
      "scaffolded 1 handler stub in runtime/ppc/machine.ts (Ppc440Machine, ppc440): popcntb",
    );
    const after = readFileSync(machine, "utf8");
    const stub =
      /\n\n( *)\/\*\* Scaffolded by `isagen gen --scaffold`: not implemented yet\. \*\/\n *popcntb\(_rs: number, _ra: number\): void \{\n *return this\.unimplemented\("popcntb"\);\n *\}\n/;
    expect(after).toMatch(stub);
    expect(after.replace(stub, "\n")).toBe(before);
    expect((await run(process.execPath, [TSC, "-p", "tsconfig.json"], dir)).code).toBe(0);
    // Stubs are not implementations: the docs stay as they were.
    const check1 = await run(
      process.execPath,
      [join(dir, "bin", "isagen.cjs"), "gen", "--check"],
      dir,
    );
    expect(check1.code, check1.out).toBe(0);

    // 5. Implement it, regenerate (the docs now name the method) and run it through the dispatch.
    writeFileSync(
      machine,
      after.replace(
        /popcntb\(_rs: number, _ra: number\): void \{\n *return this\.unimplemented\("popcntb"\);/,
        `popcntb(rs: number, ra: number): void {
    let r = 0;
    for (let sh = 0; sh < 32; sh += 8) {
      let b = (this.gpr[rs] >>> sh) & 0xff, n = 0;
      for (; b !== 0; b >>>= 1) n += b & 1;
      r |= n << sh;
    }
    this.gpr[ra] = r;`,
      ),
    );
    expect((await run(process.execPath, [TSC, "-p", "tsconfig.json"], dir)).code).toBe(0);
    expect((await run(process.execPath, [join(dir, "bin", "isagen.cjs"), "gen"], dir)).code).toBe(
      0,
    );
    expect(page()).toMatch(
      /^## popcntb — Population Count Bytes\n\n.*\nRuntime: .*Ppc440Machine\.popcntb/m,
    );
    const check = `
      import { encode, disassemble, decode, execVcpu } from "./generated/ppc440/index.ts";
      import { Ppc440Machine } from "./runtime/ppc/machine.ts";
      import { GuestMemory } from "./runtime/vmm/memory.ts";
      const memory = new GuestMemory(false);
      memory.addRam({ base: 0, size: 0x1000, name: "ram" });
      const m = new Ppc440Machine(memory);
      const w = encode.popcntb({ rs: 3, ra: 4 });
      m.gpr[3] = 0xff010307 | 0;
      execVcpu(m, decode(w), w, () => { throw new Error("outside the role"); });
      console.log(w.toString(16), disassemble(w), (m.gpr[4] >>> 0).toString(16));`;
    writeFileSync(join(dir, "check.ts"), check);
    const out = await run(process.execPath, ["--import", "tsx", "check.ts"], dir);
    // 0x7c6400f4: 31<<26 | RS=3<<21 | RA=4<<16 | 122<<1; bytes ff 01 03 07 hold 8, 1, 2, 3 ones.
    expect(out.out.trim()).toBe("7c6400f4 popcntb r4,r3 8010203");
  }, 300_000); // tsc four times and gen four times: about a minute on a quiet 2-core machine
});

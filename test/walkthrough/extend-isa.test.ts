// The README's "Extending the ISA" walk-through, performed on a temporary copy of the repository:
// add an instruction to a table, regenerate, see it in the change summary, see the type error in
// the handler set that lacks it, scaffold, implement, pass.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/root.ts";

const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");

function run(cmd: string, args: string[], cwd: string): { code: number; out: string } {
  try {
    return { code: 0, out: execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }) };
  } catch (e) {
    const x = e as { status: number; stdout: string; stderr: string };
    return { code: x.status, out: `${x.stdout}${x.stderr}` };
  }
}

describe("extending the ISA (README walk-through)", () => {
  it("add popcntb → summary → type error → scaffold → implement → pass", async () => {
    const dir = mkdtempSync(join(tmpdir(), "isagen-walk-"));
    for (const d of ["opcodes", "generator", "generated", "cli", "bin", "runtime", "test/handlers"]) cpSync(join(ROOT, d), join(dir, d), { recursive: true });
    cpSync(join(ROOT, "package.json"), join(dir, "package.json"));
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({ extends: join(ROOT, "tsconfig.json"), include: ["generated", "runtime", "test/handlers"] }),
    );
    // The tsconfig's own paths are relative to it; check the copy compiles before the change.
    expect(run(process.execPath, [TSC, "-p", "tsconfig.json"], dir).code).toBe(0);

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
    const gen = run(process.execPath, [join(dir, "bin", "isagen.mjs"), "gen"], dir);
    expect(gen.code, gen.out).toBe(0);
    expect(gen.out).toMatch(/^ {2}\+ 1 added: popcntb$/m);
    // Its reference page says the runtime does not implement it yet.
    const page = readFileSync(join(dir, "generated", "ppc440", "docs", "universal.md"), "utf8");
    expect(page).toMatch(/^## popcntb — Population Count Bytes\n\n.*\nRuntime: \*\*not implemented\*\*\.$/m);

    // 3. The handler set that lacks it no longer type-checks.
    const tsc1 = run(process.execPath, [TSC, "-p", "tsconfig.json"], dir);
    expect(tsc1.code).not.toBe(0);
    expect(tsc1.out).toMatch(/test\/handlers\/ppc440\.ts.*RecordingHandlers[\s\S]*popcntb/);

    // 4. Scaffold: a stub is added, nothing else changes.
    const before = readFileSync(join(dir, "test", "handlers", "ppc440.ts"), "utf8");
    const sc = run(process.execPath, [join(dir, "bin", "isagen.mjs"), "gen", "--scaffold"], dir);
    expect(sc.code, sc.out).toBe(0);
    expect(sc.out).toContain("scaffolded 1 handler stub in test/handlers/ppc440.ts (RecordingHandlers, ppc440): popcntb");
    const after = readFileSync(join(dir, "test", "handlers", "ppc440.ts"), "utf8");
    expect(after.startsWith(before.replace(/\n}\n$/, ""))).toBe(true);
    expect(run(process.execPath, [TSC, "-p", "tsconfig.json"], dir).code).toBe(0);
    // Stubs are not implementations: the docs stay as they were.
    const check1 = run(process.execPath, [join(dir, "bin", "isagen.mjs"), "gen", "--check"], dir);
    expect(check1.code, check1.out).toBe(0);

    // 5. Implement it (here: the recording set returns a marker), and use it.
    writeFileSync(
      join(dir, "test", "handlers", "ppc440.ts"),
      after.replace('return this.unimplemented("popcntb", w);', 'return "popcntb implemented";'),
    );
    expect(run(process.execPath, [TSC, "-p", "tsconfig.json"], dir).code).toBe(0);
    const check = `
      import { encode, disassemble, dispatch } from "./generated/ppc440/index.ts";
      import { RecordingHandlers } from "./test/handlers/ppc440.ts";
      const w = encode.popcntb({ rs: 3, ra: 4 });
      console.log(w.toString(16), disassemble(w), dispatch(new RecordingHandlers(), w));`;
    writeFileSync(join(dir, "check.ts"), check);
    const out = run(process.execPath, ["--import", "tsx", "check.ts"], dir);
    // 0x7c6400f4: 31<<26 | RS=3<<21 | RA=4<<16 | 122<<1.
    expect(out.out.trim()).toBe("7c6400f4 popcntb r4,r3 popcntb implemented");
  }, 300_000); // tsc four times and gen three times: about a minute on a quiet 2-core machine
});

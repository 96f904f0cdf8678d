// The isagen CLI: decode, disasm, asm, and its errors for user mistakes (one message, exit 1).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../cli/main.ts";
import { loadChunk } from "./support/refs.ts";

async function run(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  return runWithStdin("", ...args);
}

async function runWithStdin(stdin: string, ...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["node", "isagen", ...args], { out: (s) => out.push(...s.split("\n")), err: (s) => err.push(s), readStdin: () => stdin });
  return { code, out, err };
}

describe("isagen decode", () => {
  it("shows the text, the table entry and the operand values of a D-form word", async () => {
    // addi r3,r4,5: opcode 14, RT=3, RA=4, SI=5 (PowerPC UISA, D-form).
    const r = await run("decode", "--isa", "ppc440", "38640005");
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe("38640005  addi r3,r4,5");
    expect(r.out[1]).toMatch(/^ {2}instruction addi \(entry addi, opcodes\/ppc\/universal\.yaml:\d+\)$/);
    expect(r.out).toContain("  rt       = 3 (0x3)");
    expect(r.out).toContain("  ra       = 4 (0x4)");
    expect(r.out).toContain("  si       = 5 (0x5)");
  });

  it("takes words in the other byte order with --endian", async () => {
    const r = await run("decode", "--isa", "ppc440", "--endian", "little", "05006438");
    expect(r.out[0]).toBe("38640005  addi r3,r4,5");
  });

  it("says when a word is not defined", async () => {
    const r = await run("decode", "--isa", "ppc440", "0x00000000");
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe("00000000  .long 0x0  (not defined by ppc440)");
  });

  it("rejects an unknown ISA, listing the valid ones", async () => {
    const r = await run("decode", "--isa", "z80", "00");
    expect(r.code).toBe(1);
    expect(r.err).toEqual([expect.stringMatching(/^isagen decode: unknown ISA 'z80'; valid ISAs: .*ppc440/)]);
  });

  it("rejects a word that is not hex", async () => {
    const r = await run("decode", "--isa", "ppc440", "xyz");
    expect(r.code).toBe(1);
    expect(r.err).toEqual(["isagen decode: 'xyz' is not a 32-bit hex word (e.g. 7c0802a6 or 0x7c0802a6)"]);
  });
});

describe("isagen disasm", () => {
  it("prints what objdump printed for the kernel's first words", async () => {
    const refs = loadChunk("ppc440", "elf").slice(0, 256);
    const dir = mkdtempSync(join(tmpdir(), "isagen-cli-"));
    const file = join(dir, "k.bin");
    const buf = Buffer.alloc(refs.length * 4);
    refs.forEach((e, i) => buf.writeUInt32BE(e.word >>> 0, i * 4));
    writeFileSync(file, buf);
    const r = await run("disasm", "--isa", "ppc440", file);
    expect(r.code).toBe(0);
    const lines = r.out.filter((l) => l.trim());
    expect(lines.length).toBe(refs.length);
    lines.forEach((line, i) => {
      const [addr, word, text] = line.split("\t");
      expect(addr.trim()).toBe(`${(i * 4).toString(16)}:`);
      expect(word).toBe((refs[i].word >>> 0).toString(16).padStart(8, "0"));
      // The reference words were disassembled at their own offset in the chunk; compare the
      // texts only for words without a pc-relative target, and the mnemonic for the rest.
      const ours = text.replace(/\s+/g, " ");
      if (refs[i].addr === i * 4 || !/0x/.test(refs[i].text)) expect(ours).toBe(refs[i].text);
      else expect(ours.split(" ")[0]).toBe(refs[i].text.split(" ")[0]);
    });
  });

  it("reports a missing file in one line", async () => {
    const r = await run("disasm", "--isa", "ppc440", "/nonexistent/file.bin");
    expect(r.code).toBe(1);
    expect(r.err).toEqual(["isagen disasm: cannot read the input: no such file (/nonexistent/file.bin)"]);
  });
});

describe("isagen asm", () => {
  it("assembles objdump-style lines into a listing, branch targets absolute from --base", async () => {
    const r = await run("asm", "--isa", "ppc440", "--base", "0x1000", "mflr    r0", "beq+ cr2,0x1234", "slwi r3,r4,5", "b 0x1000");
    expect(r.code).toBe(0);
    expect(r.out).toEqual([
      "    1000:\t7c0802a6\tmflr    r0",
      "    1004:\t41aa0230\tbeq+    cr2,0x1234",
      "    1008:\t54832834\tslwi    r3,r4,5",
      "    100c:\t4bfffff4\tb       0x1000",
    ]);
  });

  it("reads lines from stdin with -, and prints words in the byte order --endian asks for", async () => {
    const r = await runWithStdin("lw a0,8(sp)\n\njal 0x80400000\n", "asm", "--isa", "mips32r2", "--base", "0x80001000", "--endian", "big", "-");
    expect(r.code).toBe(0);
    // mips32r2 is little-endian: the big-endian bytes of 0x8fa40008 are 0x0800a48f.
    expect(r.out).toEqual(["80001000:\t0800a48f\tlw      a0,8(sp)", "80001004:\t0000100c\tjal     0x80400000"]);
  });

  it("reports a line that matches no form in one message: what was expected, which line", async () => {
    const r = await runWithStdin("nop\naddi r3,r4,70000\n", "asm", "--isa", "ppc440", "-");
    expect(r.code).toBe(1);
    // Lines before the bad one were printed: asm streams its output.
    expect(r.out).toEqual(["       0:\t60000000\tnop"]);
    expect(r.err).toEqual(["isagen asm: line 2: 'addi r3,r4,70000' does not match the syntax of 'addi' (si = 70000 is out of range -32768..32767): addi rt,ra0,si"]);
  });

  it("suggests the nearest mnemonics for an unknown one", async () => {
    const r = await run("asm", "--isa", "ppc440", "addx r3,r4,r5");
    expect(r.code).toBe(1);
    expect(r.err).toEqual(["isagen asm: unknown mnemonic 'addx' for ppc440; nearest: add, add., addc, adde, addi"]);
    // Extended mnemonics built from expressions (bne+, bgtlr-) are named by their patterns.
    const b = await run("asm", "--isa", "ppc440", "bnee+ cr1,0x10");
    expect(b.err[0]).toMatch(/^isagen asm: unknown mnemonic 'bnee\+' for ppc440; nearest: .*; or a name of the form b\{cond\}\{hint\}, /);
  });
});

describe("isagen gen on a broken checkout", () => {
  it("regenerates a generated/ that no longer loads, and needs no runtime/", async () => {
    const { cpSync, readFileSync, symlinkSync } = await import("node:fs");
    const { execFileSync } = await import("node:child_process");
    const { ROOT } = await import("./support/root.ts");
    const dir = mkdtempSync(join(tmpdir(), "isagen-broken-"));
    for (const d of ["opcodes", "generator", "generated", "cli", "bin"]) cpSync(join(ROOT, d), join(dir, d), { recursive: true });
    cpSync(join(ROOT, "package.json"), join(dir, "package.json"));
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
    // A half-resolved merge: the file no longer parses.
    const broken = join(dir, "generated", "ppc440", "registers.ts");
    const good = readFileSync(broken, "utf8");
    writeFileSync(broken, "<<<<<<< HEAD\n" + good);
    const out = execFileSync(process.execPath, [join(dir, "bin", "isagen.cjs"), "gen"], { cwd: dir, encoding: "utf8" });
    expect(out).toMatch(/wrote generated\/ppc440\/registers\.ts/);
    expect(readFileSync(broken, "utf8")).toBe(good);
  }, 60_000);
});

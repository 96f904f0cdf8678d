// `isagen explain` on words whose decoding the architecture manuals define: the path ends at
// the right table entry, each field shows the manual's value, and the alias is the one the
// manual's extended mnemonic names.
import { describe, expect, it } from "vitest";
import { main } from "../../cli/main.ts";

async function explain(isa: string, word: string): Promise<string[]> {
  const out: string[] = [];
  const code = await main(["node", "isagen", "explain", "--isa", isa, word], { out: (s) => out.push(...s.split("\n")), err: (s) => out.push(s) });
  expect(code).toBe(0);
  return out;
}

describe("isagen explain", () => {
  it("PowerPC mflr r0 (0x7c0802a6): mfspr with RT=0, SPR=8 (LR), split SPR field", async () => {
    const out = await explain("ppc440", "7c0802a6");
    expect(out[0]).toBe("word 0x7c0802a6 = 0111 1100 0000 1000 0000 0010 1010 0110 (bits numbered MSB-0, as in ppc440's tables)");
    expect(out).toContain("  switch on bits 0-5: value 31 (011111) → case"); // primary opcode 31
    expect(out.find((l) => l.startsWith("instruction "))).toMatch(/^instruction mfspr \(entry mfspr, opcodes\/ppc\/universal\.yaml:\d+\)/);
    expect(out).toContain("  rt     bits 6-10           = 0");
    expect(out).toContain("  spr    bits 11-20          = 8 (split)");
    expect(out.find((l) => l.includes("alias"))).toMatch(/holds → printed$/);
    expect(out.at(-1)).toBe("text: mflr r0");
  });

  it("PowerPC li r3,5 (0x38600005): addi with RA=0 prints as li", async () => {
    const out = await explain("ppc440", "38600005");
    expect(out).toContain("  si     bits 16-31          = 5 (signed)");
    expect(out.find((l) => l.includes("alias li"))).toMatch(/when ra0? == 0: holds → printed$/);
    expect(out.at(-1)).toBe("text: li r3,5");
  });

  it("MIPS addiu sp,sp,-32 (0x27bdffe0): opcode 9, rs=rt=29, immediate sign-extended", async () => {
    const out = await explain("mips32r2", "27bdffe0");
    expect(out).toContain("  switch on bits 31-26: value 9 (001001) → case");
    expect(out).toContain("  rs     bits 25-21          = 29");
    expect(out).toContain("  rt     bits 20-16          = 29");
    expect(out.find((l) => l.trimStart().startsWith("simm") || l.trimStart().startsWith("imm"))).toMatch(/= -32 \(signed\)$/);
    expect(out.at(-1)).toBe("text: addiu sp,sp,-32");
  });

  it("an undefined word: where it fell out, and the nearest instructions", async () => {
    // Primary opcode 0 is unused in PowerPC (it is reserved/illegal).
    const out = await explain("ppc440", "00000000");
    expect(out).toContain("  switch on bits 0-5: value 0 (000000) → no case, default");
    expect(out).toContain("result: not defined by ppc440; prints as .long 0x0");
    const near = out.slice(out.indexOf("nearest instructions (fewest differing fixed bits):") + 1);
    expect(near.length).toBe(5);
    expect(near[0]).toMatch(/1 bit differ/);
  });
});

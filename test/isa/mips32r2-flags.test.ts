// The execution flags the runtime relies on, checked against the MIPS32 Architecture manual
// (Volume II, MD00086, Release 2): which instructions have a delay slot, which are "likely"
// (the delay slot is annulled when the branch is not taken), which write a link register,
// how wide each memory access is and whether loads sign-extend, and which instructions are
// privileged (Coprocessor 0, or Coprocessor Unusable from user mode). The lists below are
// written from the manual's instruction descriptions, not from the tables.
import { describe, expect, it } from "vitest";
import { INFO, type InsnInfo } from "../../generated/mips32r2/info.ts";

const byMnemonic = new Map<string, InsnInfo>(INFO.slice(1).map((i) => [i.mnemonic, i]));
const withFlag = (flag: string) => INFO.filter((i) => i.flags.includes(flag)).map((i) => i.mnemonic).sort();

// "The instruction in the delay slot is executed" — every branch and jump.
const DELAY_SLOT = [
  "beq", "bne", "blez", "bgtz", "bltz", "bgez", "bltzal", "bgezal",
  "beql", "bnel", "blezl", "bgtzl", "bltzl", "bgezl", "bltzall", "bgezall",
  "j", "jal", "jalx", "jr", "jr.hb", "jalr", "jalr.hb",
  "bc1f", "bc1t", "bc1fl", "bc1tl", "bc2f", "bc2t", "bc2fl", "bc2tl",
];
// "If the branch is not taken, the instruction in the delay slot is not executed."
const LIKELY = ["beql", "bnel", "blezl", "bgtzl", "bltzl", "bgezl", "bltzall", "bgezall", "bc1fl", "bc1tl", "bc2fl", "bc2tl"];
// "Place the return address link in GPR 31" (or rd for jalr).
const LINK = ["bltzal", "bgezal", "bltzall", "bgezall", "jal", "jalx", "jalr", "jalr.hb"];
// Memory accesses: [mnemonic, bytes, sign-extends]. lw/ll fill the whole 32-bit register, so
// sign extension is moot for them; they are not checked for it.
const LOADS: [string, number, boolean | undefined][] = [
  ["lb", 1, true], ["lbu", 1, false], ["lh", 2, true], ["lhu", 2, false], ["lw", 4, undefined],
  ["ll", 4, undefined], ["lwl", 4, undefined], ["lwr", 4, undefined],
  ["lwc1", 4, undefined], ["ldc1", 8, undefined], ["lwxc1", 4, undefined], ["ldxc1", 8, undefined], ["luxc1", 8, undefined],
  ["lwc2", 4, undefined], ["ldc2", 8, undefined],
];
const STORES: [string, number][] = [
  ["sb", 1], ["sh", 2], ["sw", 4], ["sc", 4], ["swl", 4], ["swr", 4],
  ["swc1", 4], ["sdc1", 8], ["swxc1", 4], ["sdxc1", 8], ["suxc1", 8], ["swc2", 4], ["sdc2", 8],
];
// Coprocessor 0 instructions: "Coprocessor Unusable" in user mode unless CU0 is set.
const PRIVILEGED = ["mfc0", "mtc0", "tlbr", "tlbwi", "tlbwr", "tlbp", "eret", "deret", "wait", "cache", "di", "ei", "rdpgpr", "wrpgpr"];

describe("mips32r2 flags follow the MIPS32 manual", () => {
  it("delay slots: exactly the branches and jumps", () => {
    expect(withFlag("delay-slot")).toEqual([...DELAY_SLOT].sort());
  });
  it("likely branches", () => {
    expect(withFlag("likely")).toEqual([...LIKELY].sort());
  });
  it("link-register writers", () => {
    expect(withFlag("link")).toEqual([...LINK].sort());
  });
  it("load widths and sign extension", () => {
    for (const [m, bytes, signed] of LOADS) {
      const i = byMnemonic.get(m)!;
      expect(i, m).toBeDefined();
      expect(i.load, m).toBe(bytes);
      if (signed !== undefined) expect(i.signed, m).toBe(signed);
    }
    expect(INFO.filter((i) => i.load).length).toBe(LOADS.length);
  });
  it("store widths", () => {
    for (const [m, bytes] of STORES) expect(byMnemonic.get(m)?.store, m).toBe(bytes);
    expect(INFO.filter((i) => i.store).length).toBe(STORES.length);
  });
  it("privileged instructions", () => {
    for (const m of PRIVILEGED) expect(byMnemonic.get(m)?.privileged, m).toBe(true);
    for (const m of ["syscall", "break", "sdbbp", "rdhwr", "synci", "sync", "pref", "lw", "addu"]) expect(byMnemonic.get(m)?.privileged, m).toBe(false);
  });
  it("coprocessor usability: COP1 instructions need CU1, COP0 ones CU0", () => {
    for (const m of ["add.s", "mul.d", "lwc1", "sdc1", "mfc1", "ctc1", "bc1t", "c.eq.d", "lwxc1", "madd.s"]) expect(byMnemonic.get(m)?.cop, m).toBe(1);
    for (const m of ["mfc0", "mtc0", "eret", "tlbwi"]) expect(byMnemonic.get(m)?.cop, m).toBe(0);
    for (const m of ["addu", "lw", "beq", "syscall"]) expect(byMnemonic.get(m)?.cop, m).toBeUndefined();
  });
});

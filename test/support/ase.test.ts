import { describe, expect, it } from "vitest";
import { aseOf, expectAseInvalid, loadAseList, parseAseList } from "../../scripts/refs/ase.ts";
import { REFS_DIR } from "./refs.ts";

describe("ASE mnemonic lists", () => {
  const list = parseAseList("# comment\naddu.qb\tDSP\n\nmult $ac*\tDSP\nmfhi *,$ac*\tDSP\n");
  it("matches mnemonics exactly and text globs over the whole text", () => {
    expect(aseOf(list, "addu.qb v0,v1,a0")).toBe("DSP");
    expect(aseOf(list, "addu v0,v1,a0")).toBeUndefined();
    expect(aseOf(list, "mult\t$ac1,a0,a1")).toBe("DSP");
    expect(aseOf(list, "mult a0,a1")).toBeUndefined();
    expect(aseOf(list, "mfhi v0,$ac3")).toBe("DSP");
    expect(aseOf(list, "mfhi v0")).toBeUndefined();
  });
  it("rewrites the expected text of ASE words to the invalid form", () => {
    const out = [
      ...expectAseInvalid(
        [
          { addr: 0, word: 0x7c641010, text: "addu.qb v0,v1,a0", textEB: "addu.qb v0,v1,a0" },
          { addr: 4, word: 0x00641021, text: "addu v0,v1,a0" },
        ],
        list,
      ),
    ];
    expect(out[0]).toMatchObject({ text: ".word 0x7c641010", textEB: ".word 0x7c641010" });
    expect(out[1].text).toBe("addu v0,v1,a0");
  });
  it("loads the committed mips32r2 list", () => {
    const l = loadAseList(REFS_DIR, "mips32r2");
    expect(l.mnemonics.get("bz.b")).toBe("MSA");
    expect(l.mnemonics.get("mfgc0")).toBe("VZ");
    expect(l.mnemonics.has("udi0")).toBe(false);
    expect(aseOf(l, "madd $ac2,zero,zero")).toBe("DSP");
  });
});

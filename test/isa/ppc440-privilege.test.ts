// Privilege and implementation facts the 440 runtime asks the generated code, checked against
// Book E (SPR numbers with bit 0x10 set are privileged; privileged instructions) and the
// PPC440x5 User's Manual (SPR table, instruction set: no isel). Words are built here from the
// manual's encodings, not with our encoder.
import { describe, expect, it } from "vitest";
import { decode, INFO, implementedByCore, registerOperand, trapsInUserMode } from "../../generated/ppc440/index.ts";

/** mfspr RT,SPRN: 31 | RT | spr[5:9] | spr[0:4] | 339 | 0. */
const mfspr = (rt: number, spr: number) => ((31 << 26) | (rt << 21) | ((spr & 31) << 16) | ((spr >> 5) << 11) | (339 << 1)) >>> 0;
/** mtspr SPRN,RS: 31 | RS | spr[5:9] | spr[0:4] | 467 | 0. */
const mtspr = (spr: number, rs: number) => ((31 << 26) | (rs << 21) | ((spr & 31) << 16) | ((spr >> 5) << 11) | (467 << 1)) >>> 0;

describe("ppc440 privilege", () => {
  it("SPR accesses trap in user mode exactly when the SPR is privileged", () => {
    // [SPR number, name in the 440 manual, privileged]
    const cases: [number, string, boolean][] = [
      [1, "xer", false], [8, "lr", false], [9, "ctr", false],
      [22, "dec", true], [26, "srr0", true], [27, "srr1", true], [48, "pid", true],
      [58, "csrr0", true], [61, "dear", true], [62, "esr", true], [63, "ivpr", true],
      [256, "usprg0", false], [260, "sprg4", false], [268, "tbl", false], [269, "tbu", false],
      [272, "sprg0", true], [284, "tbl", true], [286, "pir", true], [287, "pvr", true],
      [336, "tsr", true], [340, "tcr", true], [400, "ivor0", true], [415, "ivor15", true],
      [946, "mmucr", true], [947, "ccr0", true],
    ];
    for (const [n, name, priv] of cases) {
      const w = n === 284 ? mtspr(n, 3) : mfspr(3, n);
      const r = registerOperand(w);
      expect(r?.file, `spr ${n}`).toBe("spr");
      expect(r?.n, `spr ${n}`).toBe(n);
      expect(r?.name?.replace(/^(tbl|tbu)[rw]?$/, "$1").replace(/^sprg4r$/, "sprg4"), `spr ${n}`).toMatch(new RegExp(`^${name}`));
      expect(trapsInUserMode(w), `spr ${n} (${name})`).toBe(priv);
    }
  });

  it("unnamed SPR numbers follow Book E's rule (bit 0x10 set: privileged)", () => {
    for (const n of [2, 3, 0x3e0, 0x3f0]) {
      const r = registerOperand(mfspr(0, n));
      expect(r?.name, `spr ${n}`).toBeUndefined();
      expect(r?.privileged, `spr ${n}`).toBe((n & 0x10) !== 0);
    }
  });

  it("privileged instructions trap; user ones do not", () => {
    const rfi = 0x4c000064; // 19 | /// | 50 | /
    const mfmsr = 0x7c6000a6; // mfmsr r3
    const wrteei1 = 0x7c008146;
    const tlbwe = 0x7c0007a4;
    const mfdcr = ((31 << 26) | (3 << 21) | (0x12 << 16) | (323 << 1)) >>> 0; // mfdcr r3,0x12
    for (const w of [rfi, mfmsr, wrteei1, tlbwe, mfdcr]) expect(trapsInUserMode(w), INFO[decode(w)].mnemonic).toBe(true);
    const add = 0x7c632214;
    const sc = 0x44000002;
    for (const w of [add, sc, mfspr(3, 8)]) expect(trapsInUserMode(w), INFO[decode(w)].mnemonic).toBe(false);
  });

  it("isel is disassembled but the 440 core does not implement it", () => {
    const isel = 0x7c6004de; // 31 | RT | RA | RB | BC | 15 | /
    expect(INFO[decode(isel)].mnemonic).toBe("isel");
    expect(implementedByCore(isel)).toBe(false);
    expect(implementedByCore(0x7c632214)).toBe(true); // add
    expect(implementedByCore(0)).toBe(false); // undefined word
  });
});

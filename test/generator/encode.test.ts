// Encoders: for every instruction of every ISA, random in-range operands encode to a word that
// decodes to the same instruction (or to one the table says overrides it) with the same operand
// values; out-of-range operands throw an error naming the operand and its range.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadIsa, type IsaName } from "../../generated/index.ts";
import { ROOT } from "../support/root.ts";
import { fieldRange } from "../../generator/emit/encode.ts";
import { buildModels } from "../../generator/gen.ts";
import { operandValues } from "../support/operands.ts";
import { invalidWhenHolds } from "../../generator/explain.ts";

const built = buildModels(ROOT);

describe.each(built.map((b) => [b.isa.name, b] as const))("encoders of %s", (name, { isa }) => {
  it("round-trip every instruction: encode → decode → same instruction and operands", async () => {
    const g = (await loadIsa(name as IsaName)) as unknown as {
      decode(w: number): number;
      encode: Record<string, (o: Record<string, number>) => number>;
      operands: Record<string, (w: number) => Record<string, number>>;
    };
    for (const v of isa.variants) {
      const arb = operandValues(v);
      fc.assert(
        fc.property(arb, (o) => {
          const w = g.encode[v.name](o);
          const id = g.decode(w);
          const got = isa.variants[id - 1];
          if (id === 0 && invalidWhenHolds(isa, v, w)) return; // operand values the table rules out
          // A reserved carve-out that overrides this entry takes the word (e.g. an ASE inside c1).
          if (id === 0 && isa.invalidEntries.some((e) => e.overrides.includes(v.entry.key) && ((w & e.mask) >>> 0) === e.match)) return;
          if (id !== v.id) {
            // Only an entry that explicitly wins over this one may take the word.
            expect(got?.entry.overrides, `${v.mnemonic} ${JSON.stringify(o)} → ${w.toString(16)}`).toContain(v.entry.key);
            return;
          }
          const back = g.operands[`${v.entry.key}Operands`](w);
          for (const [name, value] of Object.entries(o)) expect(back[name], `${v.mnemonic}.${name}`).toBe(value);
        }),
        { numRuns: 40, seed: v.id },
      );
    }
  });

  it("rejects out-of-range operands, naming the operand and its range", async () => {
    const g = (await loadIsa(name as IsaName)) as unknown as { encode: Record<string, (o: Record<string, number>) => number> };
    const v = isa.variants.find((x) => x.entry.operands.some((f) => f.signed))!;
    const f = v.entry.operands.find((x) => x.signed)!;
    const r = fieldRange(f);
    const o = Object.fromEntries(v.entry.operands.map((x) => [x.name, 0]));
    o[f.name] = r.max + r.align;
    expect(() => g.encode[v.name](o)).toThrow(`${v.mnemonic}: operand ${f.name} = ${r.max + r.align} is out of range ${r.min}..${r.max}`);
  });
});

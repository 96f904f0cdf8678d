// The planned decision tree must decode exactly as the definition says: a word is instruction X
// when (w & mask) == match for X and no other matching instruction overrides X. This compares
// the generated decoder with that definition (a plain scan, far too slow for real use) on
// every instruction's own encodings and on random words, for every ISA.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadGenerated } from "../../generator/cli.ts";
import { buildModels } from "../../generator/gen.ts";
import { ROOT } from "../../generator/cli.ts";
import type { Isa, Variant } from "../../generator/model.ts";
import { invalidWhenHolds } from "../../generator/explain.ts";

const built = buildModels(ROOT);

/** The definition: the matching variant no other matching one overrides, unless its invalid-when holds. */
function naive(isa: Isa, w: number): number {
  const hits = isa.variants.filter((v: Variant) => ((w & v.mask) >>> 0) === v.match);
  const top = hits.filter((v) => !hits.some((o) => o !== v && o.entry.overrides.includes(v.entry.key)));
  if (top.length > 1) throw new Error(`ambiguous word ${w.toString(16)}: ${top.map((v) => v.mnemonic).join(", ")}`);
  if (top[0] && invalidWhenHolds(isa, top[0], w)) return 0;
  return top[0]?.id ?? 0;
}

describe.each(built.map((b) => [b.isa.name, b] as const))("decoder of %s", (name, { isa }) => {
  it("decodes each instruction's encodings (open bits all 0, all 1, random) to itself or an overriding entry", async () => {
    const g = await loadGenerated(name);
    let seed = 12345;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), seed);
    for (const v of isa.variants) {
      for (const w of [v.match, (v.match | ~v.mask) >>> 0, (v.match | (rnd() & ~v.mask)) >>> 0]) {
        expect(g.decode(w), `${v.mnemonic} ${w.toString(16)}`).toBe(naive(isa, w));
      }
    }
  });

  it("agrees with the definition on random words and never throws", async () => {
    const g = await loadGenerated(name);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (w) => {
        const id = g.decode(w);
        expect(id).toBe(naive(isa, w));
        expect(g.decode(w | 0)).toBe(id); // signed and unsigned views of a word decode alike
        expect(typeof g.disassemble(w, 0x1000)).toBe("string");
      }),
      { numRuns: 3000, seed: 42 },
    );
  });

  it("numbers instructions 1..N in table order with metadata for each", async () => {
    const g = await loadGenerated(name);
    expect(g.INFO.length).toBe(isa.variants.length + 1);
    isa.variants.forEach((v, i) => expect(g.INFO[i + 1].mnemonic).toBe(v.mnemonic));
  });
});

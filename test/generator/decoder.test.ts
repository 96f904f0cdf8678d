// The planned decision tree must decode exactly as the definition says: a word is instruction X
// when (w & mask) == match for X and no other matching instruction overrides X. This compares
// both generated decoders — decode(), the table walk, and decodeTree(), the nested switches —
// with that definition (a plain scan, far too slow for real use) on every instruction's own
// encodings and on random words, for every ISA.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { loadIsa, type IsaName } from "../../generated/index.ts";
import { buildModels } from "../../generator/gen.ts";
import { ROOT } from "../support/root.ts";
import type { Isa, Variant } from "../../generator/model.ts";
import { invalidWhenHolds } from "../../generator/explain.ts";

const built = buildModels(ROOT);

type Decoders = { decode(w: number): number; decodeTree(w: number): number };
const decoders = (isa: string): Promise<Decoders> => import(pathToFileURL(join(ROOT, "generated", isa, "decoder.ts")).href);

/** The definition: the matching variant no other matching one overrides, unless its invalid-when holds. */
function naive(isa: Isa, w: number): number {
  // Reserved carve-outs (invalid: true) take part like instructions and decode as invalid.
  const all = [...isa.variants, ...isa.invalidEntries.flatMap((e) => e.variants)];
  const hits = all.filter((v: Variant) => ((w & v.mask) >>> 0) === v.match);
  const top = hits.filter((v) => !hits.some((o) => o !== v && o.entry.overrides.includes(v.entry.key)));
  if (top.length > 1) throw new Error(`ambiguous word ${w.toString(16)}: ${top.map((v) => v.mnemonic).join(", ")}`);
  if (top[0] && (top[0].entry.invalid || invalidWhenHolds(isa, top[0], w))) return 0;
  return top[0]?.id ?? 0;
}

describe.each(built.map((b) => [b.isa.name, b] as const))("decoder of %s", (name, { isa }) => {
  it("decodes each instruction's encodings (open bits all 0, all 1, random) to itself or an overriding entry", async () => {
    const d = await decoders(name);
    let seed = 12345;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), seed);
    for (const v of [...isa.variants, ...isa.invalidEntries.flatMap((e) => e.variants)]) {
      const words = [v.match, (v.match | ~v.mask) >>> 0];
      for (let i = 0; i < 8; i++) words.push((v.match | (rnd() & ~v.mask)) >>> 0);
      for (const w of words) {
        const want = naive(isa, w);
        expect(d.decode(w), `decode ${v.mnemonic} ${w.toString(16)}`).toBe(want);
        expect(d.decodeTree(w), `decodeTree ${v.mnemonic} ${w.toString(16)}`).toBe(want);
        expect(d.decode(w | 0), `decode ${v.mnemonic} ${w.toString(16)} as signed`).toBe(want);
      }
    }
  });

  it("agrees with the definition on random words and never throws", async () => {
    const g = await loadIsa(name as IsaName);
    const d = await decoders(name);
    expect(g.decode).toBe(d.decode);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (w) => {
        const id = d.decode(w);
        expect(id).toBe(naive(isa, w));
        expect(d.decodeTree(w)).toBe(id);
        expect(d.decode(w | 0)).toBe(id); // signed and unsigned views of a word decode alike
        expect(d.decodeTree(w | 0)).toBe(id);
        expect(typeof g.disassemble(w, 0x1000)).toBe("string");
      }),
      { numRuns: 20000, seed: 42 },
    );
  });

  it("decodes words next to every instruction's encoding (one bit flipped)", async () => {
    // Words that leave the tree at every depth, and fail the checks of leaves.
    const d = await decoders(name);
    for (const v of isa.variants)
      for (let b = 0; b < 32; b++) {
        const w = (v.match ^ (1 << b)) >>> 0;
        const want = naive(isa, w);
        expect(d.decode(w), `decode ${v.mnemonic} ^ bit ${b}`).toBe(want);
        expect(d.decodeTree(w), `decodeTree ${v.mnemonic} ^ bit ${b}`).toBe(want);
      }
  });

  it("numbers instructions 1..N in table order with metadata for each", async () => {
    const g = await loadIsa(name as IsaName);
    expect(g.INFO.length).toBe(isa.variants.length + 1);
    isa.variants.forEach((v, i) => expect(g.INFO[i + 1].mnemonic).toBe(v.mnemonic));
  });
});

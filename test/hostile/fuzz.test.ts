// Fuzzing with fixed seeds: mutated guest ELFs, mutated device trees, mutated tables and random
// words run as guests on both boards. Every input must end in a clean result or a clean error,
// never a host exception. Each property prints how many inputs it tried. The longer campaign
// with random seeds is bench/fuzz.ts (npm run fuzz).
import { existsSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BAMBOO_DTB,
  buildTable,
  editText,
  guestElfs,
  mutate,
  mutationArb,
  patchDtb,
  runImage,
  runWords,
  SEED_TABLE,
  textEditArb,
  type Board,
  type Outcome,
} from "./fuzz-targets.ts";

const SEED = 17;

/** Runs a property with a fixed seed and reports the number of inputs and their outcomes. */
function campaign<T>(name: string, arb: fc.Arbitrary<T>, run: (x: T) => Outcome, numRuns: number): void {
  const seen = new Map<Outcome, number>();
  const t0 = performance.now();
  fc.assert(
    fc.property(arb, (x) => {
      const o = run(x);
      seen.set(o, (seen.get(o) ?? 0) + 1);
    }),
    { seed: SEED, numRuns, endOnFailure: true },
  );
  const tally = [...seen].map(([k, v]) => `${v} ${k}`).join(", ");
  console.log(`fuzz ${name}: ${numRuns} inputs in ${((performance.now() - t0) / 1000).toFixed(1)} s (${tally})`);
  expect([...seen.values()].reduce((a, b) => a + b, 0)).toBe(numRuns);
}

describe("fuzzing: every input ends cleanly", () => {
  for (const board of ["malta", "bamboo"] as Board[]) {
    const elfs = guestElfs(board);
    it(`mutated ${board} guest ELFs (${elfs.length} seeds)`, () => {
      campaign(
        `${board} ELFs`,
        fc.tuple(fc.nat(elfs.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 4 })),
        ([i, muts]) => runImage(board, mutate(elfs[i], muts)),
        100,
      );
    });

    it(`random words as ${board} guests`, () => {
      campaign(`${board} random words`, fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 1, maxLength: 64 }), (words) => runWords(board, words), 100);
    });
  }

  it.skipIf(!existsSync(BAMBOO_DTB))("mutated Bamboo device trees (../shared/guests/ppc440-bamboo/bamboo.dtb)", () => {
    const dtb = readFileSync(BAMBOO_DTB);
    campaign("bamboo.dtb", fc.array(mutationArb, { minLength: 1, maxLength: 6 }), (muts) => patchDtb(mutate(dtb, muts)), 2000);
    // And a few through the loader, with a guest that boots far enough to read it.
    const hello = guestElfs("bamboo")[0];
    campaign("bamboo.dtb loaded", fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (muts) => runImage("bamboo", hello, { dtb: mutate(dtb, muts), maxInsns: 5000 }), 40);
  });

  it("mutated tables", () => {
    expect(buildTable(SEED_TABLE)).toBe("ok");
    campaign("tables (text edits)", fc.array(textEditArb, { minLength: 1, maxLength: 4 }), (edits) => buildTable(editText(SEED_TABLE, edits)), 300);
    campaign("tables (byte mutations)", fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (muts) => buildTable(mutate(Buffer.from(SEED_TABLE), muts)), 200);
  });
});

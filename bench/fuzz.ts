// The longer fuzzing campaign (npm run fuzz [-- --seed N] [-- --runs N]): the targets of
// test/hostile/fuzz.test.ts with a random seed and many more inputs. Prints, per target, how many
// inputs it tried, their outcomes and the time; a failing input is printed with its seed and path
// to replay it (fast-check's counterexample) and makes the exit status 1.
import { existsSync, readFileSync } from "node:fs";
import fc from "fast-check";
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
} from "../test/hostile/fuzz-targets.ts";

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : undefined;
};
const seed = opt("--seed") ?? (Math.random() * 2 ** 31) | 0;
const scale = opt("--runs") ?? 10; // times the test's number of inputs
let failed = false;

function campaign<T>(name: string, arb: fc.Arbitrary<T>, run: (x: T) => Outcome, numRuns: number): void {
  const seen = new Map<Outcome, number>();
  const t0 = performance.now();
  const r = fc.check(
    fc.property(arb, (x) => {
      const o = run(x);
      seen.set(o, (seen.get(o) ?? 0) + 1);
    }),
    { seed, numRuns },
  );
  const tally = [...seen].map(([k, v]) => `${v} ${k}`).join(", ");
  console.log(`${name}: ${r.numRuns} inputs in ${((performance.now() - t0) / 1000).toFixed(1)} s (${tally})`);
  if (r.failed) {
    failed = true;
    console.log(`  FAILED (seed ${r.seed}, path ${r.counterexamplePath}): ${JSON.stringify(r.counterexample)}`);
    console.log(`  ${String(r.errorInstance).split("\n").slice(0, 4).join("\n  ")}`);
  }
}

console.log(`fuzzing with seed ${seed}, ${scale}x the test's inputs`);
for (const board of ["malta", "bamboo"] as Board[]) {
  const elfs = guestElfs(board);
  campaign(`${board} ELFs`, fc.tuple(fc.nat(elfs.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 6 })), ([i, m]) => runImage(board, mutate(elfs[i], m)), 100 * scale);
  campaign(`${board} random words`, fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 1, maxLength: 256 }), (w) => runWords(board, w, 100_000), 100 * scale);
}
if (existsSync(BAMBOO_DTB)) {
  const dtb = readFileSync(BAMBOO_DTB);
  campaign("bamboo.dtb", fc.array(mutationArb, { minLength: 1, maxLength: 8 }), (m) => patchDtb(mutate(dtb, m)), 2000 * scale);
} else console.log(`bamboo.dtb: skipped (${BAMBOO_DTB} missing)`);
campaign("tables (text edits)", fc.array(textEditArb, { minLength: 1, maxLength: 6 }), (e) => buildTable(editText(SEED_TABLE, e)), 300 * scale);
campaign("tables (byte mutations)", fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (m) => buildTable(mutate(Buffer.from(SEED_TABLE), m)), 200 * scale);
process.exitCode = failed ? 1 : 0;

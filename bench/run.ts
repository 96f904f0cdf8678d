// `npm run bench`: decoder throughput against a naive mask/match scan measured in the same run,
// on the reference corpus and on a real instruction stream, and the wall time of `npm run gen`:
// cold, with nothing to do, and after a one-instruction edit. Figures only; nothing here passes
// or fails.
//
// The process has loaded the generator, which (somewhere in its dependencies) detaches an
// ArrayBuffer; from then on V8 checks typed arrays for detachment on every access, which slows
// every loop here (the scan by half, decode() by a sixth). The figures are for that state, the
// likely one in any program of some size.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadIsa, type IsaName } from "../generated/index.ts";
const ROOT = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");
import { elfTextStream, mipsSweepWords, ppcSweepWords } from "../scripts/refs/words.ts";

interface Stream {
  name: string;
  words: Uint32Array;
}

const GUESTS = join(ROOT, "..", "shared", "guests");

function streamsFor(isa: string): Stream[] {
  const out: Stream[] = [];
  if (isa === "ppc440") {
    out.push({ name: "reference sweep", words: ppcSweepWords() });
    const k = join(GUESTS, "ppc440-bamboo", "vmlinux-6.1.192-bamboo");
    if (existsSync(k)) out.push({ name: "bamboo kernel .text", words: elfTextStream(k) });
  } else if (isa === "mips32r2") {
    out.push({ name: "reference sweep", words: mipsSweepWords() });
    const b = join(GUESTS, "mips-malta", "busybox-static");
    if (existsSync(b)) out.push({ name: "busybox .text", words: elfTextStream(b) });
  }
  return out;
}

let loops = 0;

/**
 * Best of `reps` timed passes over the words, after a warm-up; returns words per second. Each
 * decoder gets its own copy of the loop, so that no call site is shared between decoders. (The
 * copies differ by a comment: V8 caches compiled code by source text, and copies with the same
 * text would share one call site's type feedback — the first decoder measured would slow down
 * the later ones.)
 */
function rate(words: Uint32Array, decode: (w: number) => number, minMs = 300, reps = 5): { perSec: number; sink: number } {
  const src = `/* loop ${++loops} */ let s = 0; for (let i = 0; i < words.length; i++) s += decode(words[i]); return s;`;
  const loop = new Function("words", "decode", src) as (w: Uint32Array, d: (w: number) => number) => number;
  let sink = loop(words.subarray(0, 200_000), decode);
  let best = 0;
  for (let r = 0; r < reps; r++) {
    let n = 0;
    const t0 = performance.now();
    let t = t0;
    do {
      sink += loop(words, decode);
      n += words.length;
      t = performance.now();
    } while (t - t0 < minMs);
    best = Math.max(best, n / ((t - t0) / 1000));
  }
  return { perSec: best, sink };
}

function fmt(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} M/s` : `${(n / 1e3).toFixed(1)} k/s`;
}

const isas = ["ppc440", "mips32r2"].filter((i) => existsSync(join(ROOT, "generated", i, "index.ts")));
console.log(`isagen bench — node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
for (const isa of isas) {
  const g = await loadIsa(isa as IsaName);
  // The nested-switch reference decoder, for comparison (decode() is the table walk).
  const { decodeTree } = (await import(pathToFileURL(join(ROOT, "generated", isa, "decoder.ts")).href)) as { decodeTree: (w: number) => number };
  const masks = Int32Array.from(g.INFO.slice(1).map((i) => (i as unknown as { mask: number }).mask | 0));
  const matches = Int32Array.from(g.INFO.slice(1).map((i) => (i as unknown as { match: number }).match | 0));
  // The baseline: test every instruction's mask in table order.
  const naive = (w: number): number => {
    for (let i = 0; i < masks.length; i++) if ((w & masks[i]) === matches[i]) return i + 1;
    return 0;
  };
  console.log(`\n${isa}: ${masks.length} instructions`);
  for (const s of streamsFor(isa)) {
    const tree = rate(s.words, g.decode);
    const scan = rate(s.words, naive, 300, 2);
    const ref = rate(s.words, decodeTree);
    console.log(
      `  decode ${s.name.padEnd(22)} ${String(s.words.length).padStart(8)} words: ${fmt(tree.perSec).padStart(10)}  naive scan ${fmt(scan.perSec).padStart(10)}  ratio ${(tree.perSec / scan.perSec).toFixed(1)}x  (decodeTree ${fmt(ref.perSec)})`,
    );
  }
}

// Wall time of a full `npm run gen` (all ISAs), median of 3 each:
// - cold: no format cache, as on a fresh clone or after a generator change;
// - no change: the tables as they are, the cache warm;
// - one-instruction edit: the README's walk-through (popcntb added at the top of universal.yaml,
//   which shifts every later line number of that table), in a temporary copy of the repository;
//   the instruction is named differently in each run, so that nothing it touches is cached.
const GEN = join(ROOT, "bin", "isagen.cjs");
const genOnce = (root: string) => {
  const t0 = performance.now();
  execFileSync(process.execPath, [GEN.replace(ROOT, root), "gen", "--root", root], { cwd: root, stdio: "ignore" });
  return performance.now() - t0;
};
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cold: number[] = [];
const warm: number[] = [];
for (let i = 0; i < 3; i++) {
  rmSync(join(ROOT, "node_modules", ".cache", "isagen-format"), { recursive: true, force: true });
  cold.push(genOnce(ROOT));
  warm.push(genOnce(ROOT));
}
const copy = mkdtempSync(join(tmpdir(), "isagen-bench-"));
const edit: number[] = [];
try {
  for (const d of ["opcodes", "generator", "generated", "cli", "bin", "runtime"]) cpSync(join(ROOT, d), join(copy, d), { recursive: true });
  cpSync(join(ROOT, "package.json"), join(copy, "package.json"));
  symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"));
  const table = join(copy, "opcodes", "ppc", "universal.yaml");
  const text = readFileSync(table, "utf8");
  for (let i = 0; i < 3; i++) {
    writeFileSync(table, text); // back to the committed tables: generated/ as committed
    genOnce(copy);
    writeFileSync(
      table,
      text.replace(
        /^instructions:\n/m,
        `instructions:\n  - popcntb${i}: { bits: "011111 rs ra 00000 0001111010 0", asm: "ra,rs", summary: Population Count Bytes }\n`,
      ),
    );
    edit.push(genOnce(copy));
  }
} finally {
  rmSync(copy, { recursive: true, force: true });
}
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(
  `\nnpm run gen (wall, median of 3): cold ${sec(median(cold))}, no change ${sec(median(warm))}, one-instruction edit ${sec(median(edit))}`,
);

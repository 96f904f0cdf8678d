// PowerPC 440 runtime figures (`node --import tsx bench/ppc.ts`): guest MIPS on the CPU-bound
// crc32 guest (test/guests/ppc/crc32.elf, about 6.7 M instructions; target ≥ 50 MIPS), exits per
// million guest instructions, and the shadow-TLB figures: misses (itlb_r + dtlb_r: filled by kvm
// without the guest; itlb_v + dtlb_v: the guest's own miss handler) per million instructions,
// the hit rate over instruction fetches (every instruction translates its fetch at least once,
// so 1 - misses / instructions is a lower bound of the hit rate over all translations), fills and
// round-robin evictions. The same for the TLB-heavy tlb guest. Figures only; nothing here passes
// or fails. Each crc32 figure is the best of several runs, for every execution engine (runs of
// the engines interleaved, so that both see the same machine load), with the translator's ratio
// to the interpreter (target ≥ 3x and ≥ 250 guest MIPS) and its block cache figures; then
// crc32-long (256 rounds, about 210 M instructions: warm-up negligible), best of LONG_RUNS runs
// per engine (interleaved), its output checked against QEMU's, and QEMU itself on it in the same
// run. MIPS are given over wall time and over the process's CPU time (user + system, compiler
// threads included), which other processes on the machine disturb less.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createBambooPpc, ENGINES, type Engine } from "../runtime/boards/bamboo/index.ts";
import { haveQemu, timeQemu } from "./qemu.ts";

const DIR = join(import.meta.dirname, "..", "test", "guests", "ppc");

function runGuest(name: string, engine: Engine = "interp") {
  const b = createBambooPpc({ kernel: join(DIR, `${name}.elf`), uartSink: () => {}, engine });
  if (!b.ok) throw new Error(b.error);
  const kvm = b.value.kvm;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = kvm.run(1e9);
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  if (r.kind !== "stopped") throw new Error(`${name} guest did not finish: ${r.kind}`);
  const s = kvm.stats;
  const misses = s.count("itlb_r") + s.count("dtlb_r") + s.count("itlb_v") + s.count("dtlb_v");
  return {
    name,
    mips: r.instructions / ms / 1000,
    cpuMips: r.instructions / (c.user + c.system),
    insns: r.instructions,
    exits: s.total,
    misses,
    fills: kvm.machine.shadowFills,
    evictions: kvm.machine.shadowEvictions,
    ms,
    blocks: kvm.blockStats,
  };
}

function report(r: ReturnType<typeof runGuest>) {
  const perM = (n: number) => ((n / r.insns) * 1e6).toFixed(1);
  console.log(
    `${r.name} guest: ${r.exits} exits = ${perM(r.exits)} exits per million instructions; shadow TLB: ${r.misses} misses = ${perM(r.misses)} per million, ` +
      `hit rate ≥ ${(100 * (1 - r.misses / r.insns)).toFixed(3)}%, ${r.fills} fills, ${r.evictions} round-robin evictions`,
  );
}

const RUNS = 7;
const runs = new Map<Engine, ReturnType<typeof runGuest>[]>(ENGINES.map((e) => [e, []]));
for (let i = 0; i < RUNS; i++) for (const e of ENGINES) runs.get(e)!.push(runGuest("crc32", e));
const bestOf = (e: Engine, k: "mips" | "cpuMips" = "mips") =>
  runs.get(e)!.reduce((a, b) => (b[k] > a[k] ? b : a));
for (const e of ENGINES) {
  const best = bestOf(e);
  const b = best.blocks;
  console.log(
    `crc32 guest (ppc440), engine ${e}: ${best.insns} instructions, best of ${RUNS}: ${best.ms.toFixed(0)} ms = ${best.mips.toFixed(1)} guest MIPS, ${bestOf(e, "cpuMips").cpuMips.toFixed(1)} over CPU time (runs: ${runs
      .get(e)!
      .map((r) => r.mips.toFixed(1))
      .join(", ")})` +
      (b
        ? `; blocks: ${b.translated} translated, ${b.hits} entries from the cache, ${b.invalidated} invalidated`
        : ""),
  );
}
if (runs.has("translate"))
  console.log(
    `crc32 guest (ppc440): translator / interpreter = ${(bestOf("translate").mips / bestOf("interp").mips).toFixed(2)}x wall, ${(bestOf("translate", "cpuMips").cpuMips / bestOf("interp", "cpuMips").cpuMips).toFixed(2)}x CPU time (best runs; target ≥ 3x, ≥ 250 guest MIPS)`,
  );
report(bestOf("interp"));
report(runGuest("tlb"));

// The long guest: LONG_RUNS runs per engine, interleaved (each output checked against QEMU's), and
// QEMU itself.
const LONG = join(DIR, "crc32-long.elf");
const LONG_RUNS = 3;
const longBest = new Map<Engine, { wall: number; cpu: number }>(
  ENGINES.map((e) => [e, { wall: 0, cpu: 0 }]),
);
let longInsns = 0;
let longSame = true;
for (let i = 0; i < LONG_RUNS; i++)
  for (const engine of ENGINES) {
    const out: number[] = [];
    const b = createBambooPpc({ kernel: LONG, uartSink: (c) => out.push(c), engine });
    if (!b.ok) throw new Error(b.error);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = b.value.kvm.run(2e9);
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    longSame &&=
      Buffer.from(out).toString("latin1") ===
      readFileSync(join(DIR, "crc32-long.expected"), "latin1");
    longInsns = r.instructions;
    const best = longBest.get(engine)!;
    best.wall = Math.max(best.wall, r.instructions / ms / 1000);
    best.cpu = Math.max(best.cpu, r.instructions / (c.user + c.system));
  }
for (const engine of ENGINES) {
  const best = longBest.get(engine)!;
  console.log(
    `crc32-long guest (ppc440, ${engine}): ${longInsns} instructions, best of ${LONG_RUNS}: ${best.wall.toFixed(1)} guest MIPS, ${best.cpu.toFixed(1)} over CPU time`,
  );
}
const lt = longBest.get("translate")!;
const li = longBest.get("interp")!;
console.log(
  `crc32-long guest (ppc440): output ${longSame ? "identical to QEMU's in every run" : "DIFFERS from QEMU's"}; translator / interpreter = ${(lt.wall / li.wall).toFixed(2)}x wall, ${(lt.cpu / li.cpu).toFixed(2)}x CPU time (target ≥ 3x, ≥ 250 guest MIPS)`,
);
if (haveQemu("qemu-system-ppc")) {
  const q = await timeQemu(
    "qemu-system-ppc",
    ["-M", "bamboo", "-m", "64", "-kernel", LONG],
    undefined,
  );
  console.log(
    `crc32-long guest (ppc440): QEMU ${q.seconds.toFixed(2)} s in this run (start-up included)${q.ok ? "" : " (did not end)"}`,
  );
} else
  console.log(
    "crc32-long guest (ppc440): qemu-system-ppc not installed: no QEMU time to compare with",
  );

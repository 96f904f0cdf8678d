// MIPS runtime figures (`node --import tsx bench/mips.ts`): guest MIPS on the CPU-bound crc32
// guest (test/guests/mips/crc32.elf, about 11 M instructions) under each engine, runs
// interleaved in this one process, and on crc32-long (680 M instructions, warm-up negligible)
// beside QEMU in the same run (issue 13's targets: translator ≥ 3x the interpreter and ≥ 400
// guest MIPS), exits per million guest instructions, and the cost of one guest-TLB-backed shadow miss with 4 and 64
// live guest TLB entries (index lookup) next to KVM's linear walk for comparison.
// Figures only; nothing here passes or fails. Each figure is the best of several runs.
import { CP0 } from "../generated/mips32r2/index.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { haveQemu, timeQemu } from "./qemu.ts";
import { createMaltaMips, MaltaVmm } from "../runtime/boards/malta/index.ts";
import { type Engine, ENGINES } from "../runtime/core/engine.ts";
import { MipsKvm } from "../runtime/mips/kvm.ts";

const DIR = join(import.meta.dirname, "..", "test", "guests", "mips");
const GUEST = join(DIR, "crc32.elf");
const LONG = join(DIR, "crc32-long.elf");

/** Instructions run before the steady-state measurement starts (table, buffer, first rounds:
 *  every block translated and optimized by then). */
const WARM = 3_000_000;

function crc32Run(engine: Engine): {
  mips: number;
  steady: number;
  insns: number;
  exits: number;
  ms: number;
} {
  const b = createMaltaMips({ kernel: GUEST, uartSink: () => {}, engine });
  if (!b.ok) throw new Error(b.error);
  const t0 = performance.now();
  b.value.kvm.run(WARM);
  const t1 = performance.now();
  const r = b.value.kvm.run(1e9);
  const t2 = performance.now();
  if (r.kind !== "stopped") throw new Error(`crc32 guest did not finish: ${r.kind}`);
  return {
    mips: r.instructions / (t2 - t0) / 1000,
    steady: (r.instructions - WARM) / (t2 - t1) / 1000,
    insns: r.instructions,
    exits: b.value.kvm.stats.total,
    ms: t2 - t0,
  };
}

function missCost(live: number, linear: boolean): number {
  const vmm = new MaltaVmm({ ramBytes: 16 * 1024 * 1024 });
  const kvm = new MipsKvm(vmm, { tlbEntries: 64 });
  kvm.cp0[CP0.STATUS] = 0;
  for (let i = 0; i < live; i++) {
    const pfn = (0x100000 + i * 0x2000) >>> 12;
    kvm.tlb.write(i, 0, 0x00400000 + i * 0x2000, (pfn << 6) | 0x1f, ((pfn + 1) << 6) | 0x1f);
  }
  if (linear) kvm.tlb.lookup = kvm.tlb.lookupLinear; // KVM ≤ 4.10's strategy, for comparison
  const table = kvm.machine.kernelTable;
  const n = 300_000;
  let best = Infinity;
  for (let rep = 0; rep < 5; rep++) {
    const t0 = performance.now();
    for (let k = 0; k < n; k++) {
      // the highest entries: a linear walk has the most to do
      const va = 0x00400000 + (live - 1 - (k % Math.min(4, live))) * 0x2000;
      table.invalidateRange(va >>> 12, 1);
      kvm.shadowMiss(va);
    }
    best = Math.min(best, ((performance.now() - t0) * 1e6) / n);
  }
  return best;
}

const REPS = 7;
const runs = new Map<Engine, ReturnType<typeof crc32Run>[]>(ENGINES.map((e) => [e, []]));
for (let rep = 0; rep < REPS; rep++) for (const e of ENGINES) runs.get(e)!.push(crc32Run(e));
const bestOf = (e: Engine, k: "mips" | "steady" = "mips") =>
  runs.get(e)!.reduce((a, b) => (b[k] > a[k] ? b : a));
for (const e of ENGINES) {
  const best = bestOf(e);
  console.log(
    `crc32 guest (${e}): ${best.insns} instructions, best of ${REPS}: ${best.ms.toFixed(0)} ms = ${best.mips.toFixed(1)} guest MIPS, ` +
      `${bestOf(e, "steady").steady.toFixed(1)} after the first ${WARM / 1e6} M (runs: ${runs
        .get(e)!
        .map((r) => r.mips.toFixed(1))
        .join(", ")})`,
  );
}
const ratio = (k: "mips" | "steady") => (bestOf("translate", k)[k] / bestOf("interp", k)[k]).toFixed(2);
console.log(
  `crc32 guest: translator/interpreter = ${ratio("mips")}x whole run, ${ratio("steady")}x after warm-up (target ≥ 3x; ≥ 400 guest MIPS)`,
);
// The long guest: once per engine (its output checked against QEMU's), and QEMU itself.
const longMips = new Map<Engine, number>();
for (const engine of ENGINES) {
  const out: number[] = [];
  const b = createMaltaMips({ kernel: LONG, uartSink: (c) => out.push(c), engine });
  if (!b.ok) throw new Error(b.error);
  const t0 = performance.now();
  const r = b.value.kvm.run(2e9);
  const s = (performance.now() - t0) / 1000;
  const same = Buffer.from(out).toString("latin1") === readFileSync(LONG.replace(/\.elf$/, ".expected"), "latin1");
  longMips.set(engine, r.instructions / s / 1e6);
  console.log(
    `crc32-long guest (${engine}): ${r.instructions} instructions in ${s.toFixed(2)} s = ${(r.instructions / s / 1e6).toFixed(1)} guest MIPS, output ${same ? "identical to QEMU's" : "DIFFERS from QEMU's"}`,
  );
}
console.log(
  `crc32-long guest: translator/interpreter = ${(longMips.get("translate")! / longMips.get("interp")!).toFixed(2)}x`,
);
if (haveQemu("qemu-system-mipsel")) {
  const q = await timeQemu("qemu-system-mipsel", ["-M", "malta", "-m", "64", "-kernel", LONG], undefined);
  console.log(
    `crc32-long guest: QEMU ${q.seconds.toFixed(2)} s in this run (start-up included)${q.ok ? "" : " (did not end)"}`,
  );
} else console.log("crc32-long guest: qemu-system-mipsel not installed: no QEMU time to compare with");

const best = bestOf("interp");
console.log(
  `crc32 guest: ${best.exits} exits = ${((best.exits / best.insns) * 1e6).toFixed(1)} exits per million instructions`,
);
for (const live of [4, 64]) {
  console.log(
    `shadow miss through the guest TLB, ${String(live).padStart(2)} live entries: ` +
      `index ${missCost(live, false).toFixed(0)} ns, linear walk ${missCost(live, true).toFixed(0)} ns`,
  );
}

// `npm run bench:gen-scale [-- --n 1000,10000,100000] [--keep] [--trace]`: how `gen` scales
// with table size. For each N it writes a synthetic ISA of N instructions (bench/synthetic.ts)
// into a temporary root of its own (opcodes/ with only that ISA), runs `isagen gen --root <tmp>`
// in a child process, cold (no format cache, nothing generated yet), and prints wall time, CPU
// time (user + sys of the child and its children) and both per instruction, so that linearity
// shows in the last columns; --trace adds gen's time per phase (generator/trace.ts). Figures
// only; nothing here passes or fails (test/generator/scale.test.ts checks a small case).
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeSyntheticIsa } from "./synthetic.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");
const GEN = join(ROOT, "bin", "isagen.cjs");

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const sizes = (arg("--n") ?? "1000,10000,100000").split(",").map((s) => Number(s.replace(/_/g, "")));
const keep = process.argv.includes("--keep");
const trace = process.argv.includes("--trace");

/** CPU seconds (user + sys) of this process's waited-for children so far (Linux; 0 elsewhere). */
function childCpu(): number {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[13]) + Number(f[14])) / 100; // cutime, cstime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

const rows: { n: number; entries: number; wall: number; cpu: number }[] = [];
console.log(`gen at scale — node ${process.version}, cold (no format cache), one child process per N`);
console.log("instructions  entries   wall (s)  cpu (s)   wall/instr (µs)  cpu/instr (µs)");
for (const n of sizes) {
  const root = mkdtempSync(join(tmpdir(), "isagen-scale-"));
  try {
    for (const f of ["schema.json", "isas.schema.json"]) cpSync(join(ROOT, "opcodes", f), join(root, "opcodes", f));
    const { entries, variants } = writeSyntheticIsa(root, n);
    const cpu0 = childCpu();
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [GEN, "gen", "--root", root], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, ISAGEN_FORMAT_CACHE: "off", ...(trace ? { ISAGEN_GEN_TRACE: "1" } : {}) },
      maxBuffer: 64 << 20,
    });
    const wall = (performance.now() - t0) / 1000;
    const cpu = childCpu() - cpu0;
    if (r.status !== 0) {
      console.error(r.stdout.slice(-4000), r.stderr.slice(-4000));
      throw new Error(`gen failed for N = ${n} (exit ${r.status ?? r.signal})`);
    }
    if (trace) process.stdout.write(r.stderr);
    rows.push({ n: variants, entries, wall, cpu });
    const us = (s: number) => ((s * 1e6) / variants).toFixed(0).padStart(15);
    console.log(
      `${String(variants).padStart(12)}  ${String(entries).padStart(7)}  ${wall.toFixed(2).padStart(8)}  ${cpu.toFixed(2).padStart(7)}  ${us(wall)}  ${us(cpu)}`,
    );
    if (keep) console.log(`  kept ${root}`);
  } finally {
    if (!keep) rmSync(root, { recursive: true, force: true });
  }
}
// Linearity: per-instruction cost of the largest N over that of the next smaller one (1.0:
// linear; the fixed start-up cost makes small N look dearer).
for (let i = 1; i < rows.length; i++) {
  const a = rows[i - 1];
  const b = rows[i];
  const ratio = (x: number, y: number) => (x / b.n / (y / a.n)).toFixed(2);
  console.log(`per-instruction cost ${b.n} / ${a.n}: wall ${ratio(b.wall, a.wall)}, cpu ${ratio(b.cpu, a.cpu)}`);
}

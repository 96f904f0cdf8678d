// ISAGEN_GEN_TRACE=1: `gen` prints each phase's wall and CPU time and the heap in use to stderr
// (for finding where a large table's time goes; bench/gen-scale.ts passes it with --trace).
const on = !!process.env.ISAGEN_GEN_TRACE;
let wall = performance.now();
let cpu = process.cpuUsage();

/** Ends the phase that began at the previous call (or at load) and names it. */
export function phase(name: string): void {
  if (!on) return;
  const now = performance.now();
  const c = process.cpuUsage();
  const ms = (c.user - cpu.user + c.system - cpu.system) / 1000;
  const heap = process.memoryUsage().heapUsed / 2 ** 20;
  process.stderr.write(`[gen] ${name.padEnd(40)} wall ${(now - wall).toFixed(0).padStart(6)} ms  cpu ${ms.toFixed(0).padStart(6)} ms  heap ${heap.toFixed(0).padStart(5)} MB\n`);
  wall = now;
  cpu = c;
}

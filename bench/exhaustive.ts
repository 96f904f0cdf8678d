// Every 32-bit word, for each ISA (npm run exhaustive [-- --isa ppc440] [-- --step N]): on
// worker threads, disassembles each word (nothing may throw) and checks that decode() — the
// flattened tables — agrees with decodeTree(), the reference decision tree. Prints progress, the
// disagreements and throws found (the first few of each), the time and the CPU time. Not part of
// npm test: it takes a while (about 15 minutes for both ISAs on 2 idle cores, projected from
// --step 61); --step N checks every Nth word for a quick look, and prints what all would take.
import { availableParallelism } from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

interface Job {
  isa: string;
  from: number;
  to: number;
  step: number;
}

interface Report {
  done: number;
  mismatches: string[];
  throws: string[];
  mismatchCount: number;
  throwCount: number;
  final: boolean;
  /** CPU seconds the worker's thread spent checking (its start-up left out), in the final report. */
  cpu?: number;
}

import { readFileSync } from "node:fs";

/** CPU seconds of the calling thread (Linux; undefined elsewhere). */
function threadCpu(): number | undefined {
  try {
    const stat = readFileSync("/proc/thread-self/stat", "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}

const hex = (w: number) => `0x${(w >>> 0).toString(16).padStart(8, "0")}`;

type Check = (from: number, to: number, step: number, r: Report) => void;

/**
 * The check of words from..to (every step-th), made once per worker from the ISA's functions:
 * they are held as constants of a plain function that the worker calls slice after slice, which
 * V8 optimises with the calls inlined. (The same loop in the async worker function, reading the
 * functions from the module namespaces on every word, ran 3 to 10 times slower.)
 */
function checker(decode: (w: number) => number, decodeTree: (w: number) => number, disassemble: (w: number, pc: number) => string): Check {
  return (from, to, step, r) => {
    for (let w = from; w < to; w += step) {
      const x = w | 0;
      const a = decode(x);
      const b = decodeTree(x);
      if (a !== b) {
        r.mismatchCount++;
        if (r.mismatches.length < 5) r.mismatches.push(`${hex(w)}: decode ${a}, decodeTree ${b}`);
      }
      try {
        const text = disassemble(x, 0x1000);
        if (typeof text !== "string" || text === "") throw new Error(`returned ${JSON.stringify(text)}`);
      } catch (e) {
        r.throwCount++;
        if (r.throws.length < 5) r.throws.push(`${hex(w)}: ${(e as Error).message}`);
      }
    }
  };
}

const fresh = (): Report => ({ done: 0, mismatches: [], throws: [], mismatchCount: 0, throwCount: 0, final: false });

async function work(job: Job): Promise<void> {
  const dec = (await import(`../generated/${job.isa}/decoder.ts`)) as { decode(w: number): number; decodeTree(w: number): number };
  const dis = (await import(`../generated/${job.isa}/disasm.ts`)) as { disassemble(w: number, pc: number): string };
  const check = checker(dec.decode, dec.decodeTree, dis.disassemble);
  let report = fresh();
  const cpu0 = threadCpu();
  // Slices of 2^16 words; a report to the main thread every 2^22.
  const slice = job.step * 2 ** 16;
  let sinceReport = 0;
  for (let at = job.from; at < job.to; at += slice) {
    const end = Math.min(job.to, at + slice);
    check(at, end, job.step, report);
    const n = Math.ceil((end - at) / job.step);
    report.done += n;
    sinceReport += n;
    if (sinceReport >= 1 << 22) {
      parentPort!.postMessage(report);
      report = fresh();
      sinceReport = 0;
    }
  }
  report.final = true;
  const cpu1 = threadCpu();
  if (cpu0 !== undefined && cpu1 !== undefined) report.cpu = cpu1 - cpu0;
  parentPort!.postMessage(report);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const isas = opt("--isa") ? [opt("--isa")!] : ["ppc440", "mips32r2"];
  const step = Number(opt("--step") ?? 1);
  if (!Number.isSafeInteger(step) || step < 1) throw new Error(`--step ${opt("--step")}: expected a whole number >= 1`);
  const threads = Number(opt("--threads") ?? availableParallelism());
  let failed = false;
  for (const isa of isas) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const total = Math.ceil(2 ** 32 / step);
    let done = 0;
    let lastPrint = 0;
    const mismatches: string[] = [];
    const throws: string[] = [];
    let mismatchCount = 0;
    let throwCount = 0;
    let checkCpu = 0;
    const per = Math.ceil(2 ** 32 / threads / step) * step;
    await Promise.all(
      Array.from({ length: threads }, (_, i) => {
        const job: Job = { isa, from: i * per, to: Math.min(2 ** 32, (i + 1) * per), step };
        return new Promise<void>((resolve, reject) => {
          // Node 20 does not pass --import to workers: the worker registers tsx itself.
          const boot = `import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
          const worker = new Worker(boot, { eval: true, workerData: job });
          worker.on("message", (r: Report) => {
            done += r.done;
            mismatchCount += r.mismatchCount;
            throwCount += r.throwCount;
            for (const m of r.mismatches) if (mismatches.length < 10) mismatches.push(m);
            for (const m of r.throws) if (throws.length < 10) throws.push(m);
            const now = performance.now();
            if (now - lastPrint > 10_000) {
              lastPrint = now;
              const rate = done / ((now - t0) / 1000);
              console.log(`${isa}: ${((100 * done) / total).toFixed(1)}% (${(rate / 1e6).toFixed(2)} M words/s, about ${((total - done) / rate / 60).toFixed(0)} min left)`);
            }
            if (r.final) {
              checkCpu += r.cpu ?? NaN;
              resolve();
            }
          });
          worker.on("error", reject);
        });
      }),
    );
    const s = (performance.now() - t0) / 1000;
    // CPU time: on a shared machine the wall time says little. The checking threads' own CPU
    // time (start-up left out) gives the rate, and what all 2^32 words would take on idle cores.
    const c = process.cpuUsage(cpu0);
    const cpu = (c.user + c.system) / 1e6;
    const rate = done / checkCpu;
    console.log(
      `${isa}: ${done} words${step > 1 ? ` (every ${step}th)` : " (all 2^32)"} in ${s.toFixed(0)} s on ${threads} threads, ` +
        `${cpu.toFixed(1)} s CPU in all, ${checkCpu.toFixed(1)} s checking: ${(rate / 1e6).toFixed(2)} M words per CPU second ` +
        `(all 2^32 on ${threads} idle cores: about ${(2 ** 32 / rate / threads / 60).toFixed(0)} min): ` +
        `${mismatchCount} decode/decodeTree disagreements, ${throwCount} disassembler throws`,
    );
    for (const m of mismatches) console.log(`  disagree ${m}`);
    for (const m of throws) console.log(`  throws ${m}`);
    if (mismatchCount || throwCount) failed = true;
  }
  process.exitCode = failed ? 1 : 0;
}

if (isMainThread) await main();
else await work(workerData as Job);

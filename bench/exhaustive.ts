// Every 32-bit word, for each ISA (npm run exhaustive [-- --isa ppc440] [-- --step N]): on
// worker threads, disassembles each word (nothing may throw) and checks that decode() — the
// flattened tables — agrees with decodeTree(), the reference decision tree. Prints progress, the
// disagreements and throws found (the first few of each), and the time. Not part of npm test: it
// takes a while (hours on 2 cores); --step N checks every Nth word for a quick look.
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
}

const hex = (w: number) => `0x${(w >>> 0).toString(16).padStart(8, "0")}`;

async function work(job: Job): Promise<void> {
  const dec = (await import(`../generated/${job.isa}/decoder.ts`)) as { decode(w: number): number; decodeTree(w: number): number };
  const dis = (await import(`../generated/${job.isa}/disasm.ts`)) as { disassemble(w: number, pc: number): string };
  let report: Report = { done: 0, mismatches: [], throws: [], mismatchCount: 0, throwCount: 0, final: false };
  const REPORT_EVERY = 1 << 22;
  let sinceReport = 0;
  for (let w = job.from; w < job.to; w += job.step) {
    const a = dec.decode(w | 0);
    const b = dec.decodeTree(w | 0);
    if (a !== b) {
      report.mismatchCount++;
      if (report.mismatches.length < 5) report.mismatches.push(`${hex(w)}: decode ${a}, decodeTree ${b}`);
    }
    try {
      const text = dis.disassemble(w | 0, 0x1000);
      if (typeof text !== "string" || text === "") throw new Error(`returned ${JSON.stringify(text)}`);
    } catch (e) {
      report.throwCount++;
      if (report.throws.length < 5) report.throws.push(`${hex(w)}: ${(e as Error).message}`);
    }
    report.done++;
    if (++sinceReport === REPORT_EVERY) {
      parentPort!.postMessage(report);
      report = { done: 0, mismatches: [], throws: [], mismatchCount: 0, throwCount: 0, final: false };
      sinceReport = 0;
    }
  }
  report.final = true;
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
    const total = Math.ceil(2 ** 32 / step);
    let done = 0;
    let lastPrint = 0;
    const mismatches: string[] = [];
    const throws: string[] = [];
    let mismatchCount = 0;
    let throwCount = 0;
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
            if (r.final) resolve();
          });
          worker.on("error", reject);
        });
      }),
    );
    const s = (performance.now() - t0) / 1000;
    console.log(
      `${isa}: ${done} words${step > 1 ? ` (every ${step}th)` : " (all 2^32)"} in ${s.toFixed(0)} s on ${threads} threads: ` +
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

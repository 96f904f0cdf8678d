// Guest MIPS in the browser against Node, same guests, same run (`npm run bench:web`; issue 16's
// target: the browser within 1.5x of Node). Both sides run the same script, the guest worker the
// site ships (web/dist/assets/worker-<board>-*.js, built first: runtime/'s boards and session
// loop, esbuild-bundled as the CLI is), each run in a fresh worker, so both start with a cold JIT:
// - the browser: the built site in Debian's headless chromium (/usr/bin/chromium, through
//   playwright-core, with playwright's flags for a foreground page: no timer throttling or
//   renderer backgrounding), the guest in the page's Web Worker, started from the page's controls;
// - Node: a worker_threads worker given the same messages, in this process.
// Neither side gets a V8 flag (the CLI's --concurrent-recompilation-queue-length is not given here).
//
// Each run starts paused (the page's "start paused"): the worker boots the guest and waits, and
// the run is timed from its Resume to its end (or, for Linux, to the pause after the marker), so
// module loading, the dispatch warm-up and the boot are left out on both sides. Three figures:
// - guest MIPS over the CPU time of the guest's thread (Linux's /proc/<pid>/task/<tid>/schedstat;
//   the worker's thread: chromium's "DedicatedWorker", Node's new thread). This is the comparison
//   of the two engines: on a machine whose cores are all busy, wall time mostly measures how the
//   scheduler shares them out (this one has 2 cores and is shared);
// - guest MIPS over the worker's own clock (wall time in its slices: what the page shows);
// - the CPU time of the whole side over the run: the guest's thread, V8's compiler and GC threads,
//   and in the browser the page (xterm, compositor) — all threads of the page's renderer process,
//   or of this process.
// Guests, the runs of the two sides interleaved so that both see the same load, best of N for
// each figure:
// - crc32 on each board (CPU-bound, test/guests/<arch>/crc32.elf, 7-11 M instructions: short
//   enough that the JIT's warm-up counts), best of 5;
// - crc32-long on each board (the same loop for 1024 rounds: 0.7-2.2 G instructions, where the
//   warm-up is a small part: each side's speed once its JIT has compiled the guest), best of 2;
// - Bamboo Linux to its userspace marker (../shared/guests/ppc440-bamboo, initrd.gz; skipped
//   when missing; about 63 M instructions of boot code, exits and MMIO), best of 3.
// Figures only; nothing here passes or fails. Not in `npm run bench` (a build and a browser:
// two to three minutes).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { buildSite, chromiumPresent, CHROMIUM, DIST, launch, serve } from "../test/web/support.ts";
import { SHARED_GUESTS } from "../test/support/shared.ts";
import type { FromWorker, ToWorker } from "../web/src/protocol.ts";

const GUESTS = join(import.meta.dirname, "..", "test", "guests");
const B = `${SHARED_GUESTS}ppc440-bamboo`;
const LINUX = { kernel: `${B}/vmlinux-6.1.192-bamboo`, initrd: `${B}/initrd.gz`, dtb: `${B}/bamboo.dtb` };
const MARKER = "GUEST-USERSPACE-OK";
const RUNS = 5;
const LONG_RUNS = 2;
const LINUX_RUNS = 3;

interface Figure {
  insns: number;
  /** The worker's clock: wall time in slices. */
  runMs: number;
  /** CPU time of the guest's thread. */
  guestMs: number;
  /** CPU time of every thread of the side's process. */
  processMs: number;
}

/** CPU time (ms) of each thread of `pids`, by "pid/tid", with the thread's name. */
type Threads = Map<string, { name: string; ms: number }>;
function threads(pids: number[]): Threads {
  const m: Threads = new Map();
  for (const pid of pids)
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, "latin1").trim();
        const ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "latin1").split(" ")[0]);
        m.set(`${pid}/${tid}`, { name, ms: ns / 1e6 });
      } catch {
        // The thread ended meanwhile.
      }
    }
  return m;
}

/** The guest's thread (new since `t0`, named `name` if given, the busiest over the run) and the
 *  process's CPU time from `t1` to `t2`. */
function cpu(t0: Threads, t1: Threads, t2: Threads, name?: string): { guestMs: number; processMs: number; pid: string } {
  let guestMs = 0;
  let pid = "";
  for (const [k, v] of t2) {
    if (t0.has(k) || !t1.has(k) || (name !== undefined && v.name !== name)) continue;
    const d = v.ms - t1.get(k)!.ms;
    if (d > guestMs) [guestMs, pid] = [d, k.split("/")[0]];
  }
  let processMs = 0;
  for (const [k, v] of t2) if (k.startsWith(pid + "/")) processMs += v.ms - (t1.get(k)?.ms ?? 0);
  return { guestMs, processMs, pid };
}

/** The worker script, as a Web Worker sees its scope: `self` with postMessage and onmessage. */
const SHIM = `
const { parentPort, workerData } = require("node:worker_threads");
globalThis.self = { postMessage: (m, transfer) => parentPort.postMessage(m, transfer) };
import(workerData.script).then(() => parentPort.on("message", (data) => self.onmessage({ data })));
`;

/** One run of the site's worker script in a fresh Node worker: held after boot, then timed from
 *  its resume until it ends or prints `marker` (and is paused). */
function nodeRun(board: "bamboo" | "malta", start: ToWorker, marker?: string): Promise<Figure> {
  const script = join(DIST, "assets", readdirSync(join(DIST, "assets")).find((n) => n.startsWith(`worker-${board}-`))!);
  const me = [process.pid];
  const t0 = threads(me);
  const w = new Worker(SHIM, { eval: true, workerData: { script } });
  let log = "";
  let t1: Threads | undefined;
  let stopping = false;
  return new Promise((resolve, reject) => {
    const done = (m: { icount: number; runMs: number }) => {
      const c = cpu(t0, t1!, threads(me));
      void w.terminate();
      resolve({ insns: m.icount, runMs: m.runMs, ...c });
    };
    w.on("error", reject);
    w.on("message", (m: FromWorker) => {
      if (m.t === "error") reject(new Error(m.message));
      if (m.t === "out") {
        log += Buffer.from(m.bytes).toString("latin1");
        if (marker !== undefined && !stopping && log.includes(marker)) {
          stopping = true;
          w.postMessage({ t: "pause" } satisfies ToWorker);
        }
      }
      if (m.t === "stats" && m.state === "paused") {
        if (t1 === undefined) {
          t1 = threads(me);
          w.postMessage({ t: "resume" } satisfies ToWorker);
        } else done(m);
      }
      if (m.t === "end") done(m);
    });
    w.postMessage({ ...start, hold: true } as ToWorker);
  });
}

const file = (path: string) => ({ name: path.replace(/^.*\//, ""), bytes: new Uint8Array(readFileSync(path)) });

/** Best of the runs: the highest MIPS over `k` (Linux runs stop at slightly different counts). */
function best(fs: Figure[], k: "runMs" | "guestMs"): { mips: number; ms: number } {
  const f = fs.reduce((x, y) => (y.insns / y[k] > x.insns / x[k] ? y : x));
  return { mips: f.insns / f[k] / 1000, ms: f[k] };
}

function report(title: string, n: Figure[], w: Figure[]): void {
  const line = (what: string, k: "runMs" | "guestMs") => {
    const [a, b] = [best(n, k), best(w, k)];
    const show = (x: { mips: number; ms: number }) => `${x.mips.toFixed(1)} MIPS (${x.ms.toFixed(0)} ms)`;
    return `  ${what}: node ${show(a)}; browser ${show(b)}; node/browser ${(a.mips / b.mips).toFixed(2)}x`;
  };
  // Per million instructions, since Linux runs stop at slightly different counts.
  const perM = (fs: Figure[]) => Math.min(...fs.map((f) => f.processMs / (f.insns / 1e6)));
  const [pn, pw] = [perM(n), perM(w)];
  console.log(
    [
      `${title}, ${(n[0].insns / 1e6).toFixed(1)} M instructions, best of ${n.length}:`,
      line("guest thread CPU time", "guestMs"),
      line("worker's clock (wall) ", "runMs"),
      `  whole side's CPU time: node ${pn.toFixed(1)} ms; browser ${pw.toFixed(1)} ms per M instructions; browser/node ${(pw / pn).toFixed(2)}x`,
    ].join("\n"),
  );
}

if (!chromiumPresent) {
  console.log(`bench/web.ts: skipped: no ${CHROMIUM} (apt-get install chromium)`);
  process.exit(0);
}
if (!existsSync("/proc/self/task")) {
  console.log("bench/web.ts: skipped: it reads thread CPU times from Linux's /proc");
  process.exit(0);
}
await buildSite();
const load = () => loadavg().map((l) => l.toFixed(1)).join(" ");
// Both sides are timed on this machine at once: a loaded machine slows both, not always alike.
console.log(`load average ${load()} on ${cpus().length} cores`);
const site = await serve(DIST);
const browser = await launch();
try {
  const page = await browser.newPage();
  const cdp = await browser.newBrowserCDPSession();
  await page.goto(site.url + "#console");
  await page.waitForSelector("body[data-ready='1']");
  await page.check("#hold");
  type State = { state: string; log: string; icount: number; runMs: number };
  type Page_ = { isagenConsole: State };
  const renderers = async () => {
    const r = (await cdp.send("SystemInfo.getProcessInfo")) as { processInfo: { type: string; id: number }[] };
    return r.processInfo.filter((p) => p.type === "renderer").map((p) => p.id);
  };
  // Polled every 50 ms, not at each animation frame (playwright's default), which would keep the
  // page drawing frames for the bench alone.
  const POLL = 50;
  const browserRun = async (board: string, guest: string, until: "ended" | "marker"): Promise<Figure> => {
    await page.selectOption("#board", board);
    await page.selectOption("#guest", guest);
    const pids = await renderers();
    const t0 = threads(pids);
    await page.click("#start");
    await page.waitForFunction(() => (globalThis as unknown as Page_).isagenConsole.state === "paused", null, { timeout: 60_000, polling: POLL });
    const t1 = threads(pids);
    await page.click("#pause"); // Resume
    if (until === "ended")
      await page.waitForFunction(() => (globalThis as unknown as Page_).isagenConsole.state === "ended", null, { timeout: 120_000, polling: POLL });
    else {
      // The marker, then the guest's halt (waiting: nothing but a key could wake it).
      await page.waitForFunction((m) => (globalThis as unknown as Page_).isagenConsole.log.includes(m), MARKER, { timeout: 300_000, polling: POLL });
      await page.click("#pause");
      await page.waitForFunction(() => (globalThis as unknown as Page_).isagenConsole.state === "paused", null, { polling: POLL });
    }
    const c = cpu(t0, t1, threads(pids), "DedicatedWorker");
    const s = await page.evaluate(() => (globalThis as unknown as Page_).isagenConsole);
    return { insns: s.icount, runMs: s.runMs, ...c };
  };
  for (const [guest, runs] of [["crc32", RUNS], ["crc32-long", LONG_RUNS]] as const)
    for (const board of ["bamboo", "malta"] as const) {
      const n: Figure[] = [];
      const w: Figure[] = [];
      await page.selectOption("#mem", "64M");
      // Interleaved, so that both sides see the same load on the machine.
      const kernel = join(GUESTS, board === "bamboo" ? "ppc" : "mips", `${guest}.elf`);
      for (let i = 0; i < runs; i++) {
        n.push(await nodeRun(board, { t: "start", board, ramBytes: 64 << 20, kernel: file(kernel) }));
        w.push(await browserRun(board, guest, "ended"));
      }
      report(`${guest} on ${board}`, n, w);
    }
  if (Object.values(LINUX).every((f) => existsSync(f))) {
    await page.selectOption("#board", "bamboo");
    await page.selectOption("#mem", "256M");
    await page.setInputFiles("#f-kernel", LINUX.kernel);
    await page.setInputFiles("#f-initrd", LINUX.initrd);
    await page.setInputFiles("#f-dtb", LINUX.dtb);
    const start: ToWorker = {
      t: "start",
      board: "bamboo",
      ramBytes: 256 << 20,
      kernel: file(LINUX.kernel),
      initrd: file(LINUX.initrd),
      dtb: file(LINUX.dtb),
      cmdline: "console=ttyS0 panic=-1",
    };
    const n: Figure[] = [];
    const w: Figure[] = [];
    for (let i = 0; i < LINUX_RUNS; i++) {
      n.push(await nodeRun("bamboo", { ...start }, MARKER));
      w.push(await browserRun("bamboo", "linux (the files below)", "marker"));
    }
    report(`Bamboo Linux to ${MARKER}`, n, w);
  } else console.log(`Bamboo Linux: skipped (no ${LINUX.initrd})`);
  console.log(`load average ${load()} at the end`);
} finally {
  await browser.close();
  await site.close();
}

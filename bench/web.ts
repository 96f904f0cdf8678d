// Guest MIPS in the browser against Node, same guests, same run (`npm run bench:web`; issue 16's
// target: the browser within 1.5x of Node). Both sides run the same script, the guest worker the
// site ships (web/dist/assets/worker-<board>-*.js, built first: runtime/'s boards and session
// loop, esbuild-bundled as the CLI is), each run in a fresh worker, so both start with a cold JIT:
// - the browser: the built site in Debian's headless chromium (/usr/bin/chromium, through
//   playwright-core), the guest in the page's Web Worker, started from the page's controls;
// - Node: a worker_threads worker given the same messages.
// The figure is the worker's own count: guest instructions over the time spent in slices.
// Guests, the runs of the two sides interleaved so that both see the same load:
// - crc32 on each board (CPU-bound, test/guests/<arch>/crc32.elf, 7-11 M instructions: short
//   enough that the JIT's warm-up counts), best of 5 runs each side;
// - Bamboo Linux to its userspace marker (../shared/guests/ppc440-bamboo, initrd.gz; skipped
//   when missing; about 63 M instructions of boot code, exits and MMIO), best of 2.
// Figures only; nothing here passes or fails. Not in `npm run bench` (a build and a browser:
// one to two minutes).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
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

interface Figure {
  insns: number;
  ms: number;
  mips: number;
}

/** The worker script, as a Web Worker sees its scope: `self` with postMessage and onmessage. */
const SHIM = `
const { parentPort, workerData } = require("node:worker_threads");
globalThis.self = { postMessage: (m, transfer) => parentPort.postMessage(m, transfer) };
import(workerData.script).then(() => parentPort.on("message", (data) => self.onmessage({ data })));
`;

/** One run of the site's worker script in a fresh Node worker, until it ends or prints `marker`. */
function nodeRun(board: "bamboo" | "malta", start: ToWorker, marker?: string): Promise<Figure> {
  const script = join(DIST, "assets", readdirSync(join(DIST, "assets")).find((n) => n.startsWith(`worker-${board}-`))!);
  const w = new Worker(SHIM, { eval: true, workerData: { script } });
  let log = "";
  return new Promise((resolve, reject) => {
    w.on("error", reject);
    w.on("message", (m: FromWorker) => {
      if (m.t === "out") log += Buffer.from(m.bytes).toString("latin1");
      if (m.t === "error") reject(new Error(m.message));
      if (m.t === "end" || (m.t === "stats" && marker !== undefined && log.includes(marker))) {
        void w.terminate();
        resolve({ insns: m.icount, ms: m.runMs, mips: m.icount / m.runMs / 1000 });
      }
    });
    w.postMessage(start);
  });
}

const file = (path: string) => ({ name: path.replace(/^.*\//, ""), bytes: new Uint8Array(readFileSync(path)) });

const best = (fs: Figure[]) => fs.reduce((a, b) => (b.mips > a.mips ? b : a));
const show = (f: Figure) => `${(f.insns / 1e6).toFixed(1)} M instructions in ${f.ms.toFixed(0)} ms = ${f.mips.toFixed(1)} MIPS`;

if (!chromiumPresent) {
  console.log(`bench/web.ts: skipped: no ${CHROMIUM} (apt-get install chromium)`);
  process.exit(0);
}
await buildSite();
// Both sides are timed on this machine at once: a loaded machine slows both, not always alike.
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} on ${(await import("node:os")).cpus().length} cores`);
const site = await serve(DIST);
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(site.url + "#console");
  await page.waitForSelector("body[data-ready='1']");
  type State = { state: string; log: string; icount: number; runMs: number; avgMips: number };
  type Page_ = { isagenConsole: State };
  const state = () => page.evaluate(() => (globalThis as unknown as Page_).isagenConsole);
  const browserRun = async (board: string, guest: string, until: "ended" | "marker"): Promise<Figure> => {
    await page.selectOption("#board", board);
    await page.selectOption("#guest", guest);
    await page.click("#start");
    if (until === "ended")
      await page.waitForFunction(() => (globalThis as unknown as Page_).isagenConsole.state === "ended", null, { timeout: 120_000 });
    else {
      // The marker, then the guest's halt (waiting: nothing but a key could wake it).
      await page.waitForFunction((m) => (globalThis as unknown as Page_).isagenConsole.log.includes(m), MARKER, { timeout: 300_000 });
      await page.click("#pause");
      await page.waitForFunction(() => (globalThis as unknown as Page_).isagenConsole.state === "paused");
    }
    const s = await state();
    return { insns: s.icount, ms: s.runMs, mips: s.icount / s.runMs / 1000 };
  };
  for (const board of ["bamboo", "malta"] as const) {
    const n: Figure[] = [];
    const w: Figure[] = [];
    await page.selectOption("#mem", "64M");
    // Interleaved, so that both sides see the same load on the machine.
    const kernel = join(GUESTS, board === "bamboo" ? "ppc" : "mips", "crc32.elf");
    for (let i = 0; i < RUNS; i++) {
      n.push(await nodeRun(board, { t: "start", board, ramBytes: 64 << 20, kernel: file(kernel) }));
      w.push(await browserRun(board, "crc32", "ended"));
    }
    const [bn, bw] = [best(n), best(w)];
    console.log(`crc32 on ${board}, best of ${RUNS}: node ${show(bn)}; browser ${show(bw)}; node/browser ${(bn.mips / bw.mips).toFixed(2)}x`);
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
    for (let i = 0; i < 2; i++) {
      n.push(await nodeRun("bamboo", { ...start }, MARKER));
      w.push(await browserRun("bamboo", "linux (the files below)", "marker"));
    }
    const [bn, bw] = [best(n), best(w)];
    console.log(`Bamboo Linux to ${MARKER}, best of 2: node ${show(bn)}; browser ${show(bw)}; node/browser ${(bn.mips / bw.mips).toFixed(2)}x`);
  } else console.log(`Bamboo Linux: skipped (no ${LINUX.initrd})`);
} finally {
  await browser.close();
  await site.close();
}

// CLI figures (`node --import tsx bench/cli.ts`, part of `npm run bench`):
//
// 1. Start-up: wall time of `isagen` commands (`node bin/isagen.cjs`, and once through the file's
//    #! line as the installed `isagen` starts; the compiled CLI in dist/ when fresh, `npm run
//    build` makes it): median and minimum of ISAGEN_BENCH_RUNS runs (15), beside those of
//    `node -e 0` run in turn with them, the difference and the ratio of the medians, and the mean
//    CPU time of both (steadier than wall time on a loaded machine). Targets:
//    decode, disasm, asm and explain of one word ≤ 150 ms, run of the hello guest ≤ 400 ms.
// 2. Guest speed through `isagen run`'s session loop (cli/session.ts: slices of kvm.run from an
//    async loop, a turn of the event loop between them) against one kvm.run call, on the crc32
//    guests (best of several runs each).
// 3. The Malta shell through stdin (test/guests/shell/commands.txt piped into `isagen run`, as
//    test/guests/shell.test.ts does for Bamboo): wall time and the answers (about a minute;
//    skipped without ../shared/guests or with ISAGEN_BENCH_QUICK=1).
// `--startup-only` prints the first part only. Figures only; nothing here passes or fails.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Session, type RunnableGuest } from "../cli/session.ts";
import { createBambooPpc } from "../runtime/boards/bamboo/index.ts";
import { createMaltaMips } from "../runtime/boards/malta/index.ts";
// @ts-expect-error: plain JavaScript module without types
import { isFresh } from "../scripts/build.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");
const BIN = join(ROOT, "bin", "isagen.cjs");
const node = process.execPath;

/**
 * CPU time (user + system) of this process's waited-for children so far, in ms, from
 * /proc/self/stat (clock ticks, 10 ms each: meaningful as a mean over many runs), or NaN where
 * there is none. On a loaded machine it varies far less than wall time.
 */
function childrenCpuMs(): number {
  try {
    const stat = readFileSync("/proc/self/stat", "latin1");
    // After the command name: state is field 3, cutime and cstime fields 16 and 17.
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[13]) + Number(f[14])) * 10;
  } catch {
    return NaN;
  }
}

/** Wall time of one run of `node ...args` (of `args[0]` itself, through its #! line, when it is BIN and `direct`), and its CPU time, in ms. */
function runOnce(args: string[], direct = false): { wall: number; cpu: number } {
  const c0 = childrenCpuMs();
  const t0 = performance.now();
  if (direct) execFileSync(args[0], args.slice(1), { stdio: ["ignore", "ignore", "ignore"], cwd: ROOT });
  else execFileSync(node, args, { stdio: ["ignore", "ignore", "ignore"], cwd: ROOT });
  return { wall: performance.now() - t0, cpu: childrenCpuMs() - c0 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Wall and CPU times of `runs` runs of the command and of `node -e 0` taken in turn with them: on
 * a shared machine the load drifts, and each comparison is with runs made in the same seconds.
 */
function paired(args: string[], runs: number, direct = false) {
  const ms: number[] = [];
  const base: number[] = [];
  const cpu: number[] = [];
  const baseCpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const b = runOnce(["-e", "0"]);
    base.push(b.wall);
    baseCpu.push(b.cpu);
    const r = runOnce(args, direct);
    ms.push(r.wall);
    cpu.push(r.cpu);
  }
  return { ms, base, cpu, baseCpu };
}

const RUNS = Number(process.env.ISAGEN_BENCH_RUNS) || 15;
const codeCache = existsSync(join(ROOT, "dist", "cli.cjs.pack")) ? "with V8 code caches" : "no code cache";
console.log(
  `\nisagen start-up, wall ms (${RUNS} runs each, ISAGEN_BENCH_RUNS sets it; compiled CLI in dist/: ${(isFresh as () => boolean)() ? `fresh, ${codeCache}` : "STALE, commands run through tsx: npm run build"})`,
);
const dir = mkdtempSync(join(tmpdir(), "isagen-bench-"));
// Removed however the bench ends (--startup-only leaves through process.exit).
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
const word = join(dir, "one.bin");
writeFileSync(word, Buffer.from([0x7c, 0x08, 0x02, 0xa6]));
// One run of each first: builds the model cache explain and asm read.
for (const isa of ["ppc440", "mips32r2"]) execFileSync(node, [BIN, "asm", "--isa", isa, "nop"], { stdio: "ignore" });
const cases: [string, string[], number | undefined, boolean?][] = [
  ["isagen --help", [BIN, "--help"], undefined],
  ["isagen decode (1 word)", [BIN, "decode", "--isa", "ppc440", "7c0802a6"], 150],
  ["isagen disasm (1 word)", [BIN, "disasm", "--isa", "ppc440", word], 150],
  ["isagen asm (1 word)", [BIN, "asm", "--isa", "ppc440", "mflr r0"], 150],
  ["isagen explain (1 word)", [BIN, "explain", "--isa", "ppc440", "7c0802a6"], 150],
  ["isagen run (malta hello)", [BIN, "run", "--board", "malta", "--kernel", join(ROOT, "test/guests/mips/hello.elf")], 400],
  ["isagen run (bamboo hello)", [BIN, "run", "--board", "bamboo", "--kernel", join(ROOT, "test/guests/ppc/hello.elf")], 400],
  // As the installed `isagen` runs: bin/isagen.cjs through its #! line (env, node's flags).
  ["isagen decode, as installed", [BIN, "decode", "--isa", "ppc440", "7c0802a6"], 150, true],
];
console.log("  each command's runs alternate with runs of `node -e 0`; the target is met when the command's median is within it;");
console.log("  CPU: mean user + system time of the process (node -e 0's, then the command's beyond it)");
console.log(
  `  ${"command".padEnd(28)} ${"median".padStart(6)} ${"min".padStart(6)} | ${"node -e 0 median".padStart(16)} ${"min".padStart(6)} | ${"over node -e 0".padStart(14)} ${"ratio".padStart(6)} | ${"CPU: node -e 0".padStart(14)} ${"over".padStart(5)} | target`,
);
for (const [name, args, target, direct] of cases) {
  const r = paired(args, RUNS, direct);
  const [ms, base] = [median(r.ms), median(r.base)];
  const t = target === undefined ? "" : `≤ ${target}: ${ms <= target ? "met" : "NOT met"}`;
  const f = (x: number, w: number) => (Number.isNaN(x) ? "-" : x.toFixed(0)).padStart(w);
  const signed = (x: number, w: number) => (Number.isNaN(x) ? "-" : `${x >= 0 ? "+" : ""}${x.toFixed(0)}`).padStart(w);
  console.log(
    `  ${name.padEnd(28)} ${f(ms, 6)} ${f(Math.min(...r.ms), 6)} | ${f(base, 16)} ${f(Math.min(...r.base), 6)} | ${signed(ms - base, 14)} ${`${(ms / base).toFixed(2)}×`.padStart(6)} | ${f(mean(r.baseCpu), 14)} ${signed(mean(r.cpu) - mean(r.baseCpu), 5)} | ${t}`,
  );
}

if (process.argv.includes("--startup-only")) process.exit(0);

// ---- guest speed: the session loop against one kvm.run ----------------------------------------

function build(board: "malta" | "bamboo"): RunnableGuest {
  const kernel = join(ROOT, "test/guests", board === "malta" ? "mips" : "ppc", "crc32.elf");
  const b = board === "malta" ? createMaltaMips({ kernel, uartSink: () => {} }) : createBambooPpc({ kernel, uartSink: () => {} });
  if (!b.ok) throw new Error(b.error);
  return b.value.kvm;
}

console.log("\nguest speed: one kvm.run call vs the session loop of `isagen run` (best of 5; 3 for Linux)");
const B = join(ROOT, "..", "shared", "guests", "ppc440-bamboo");
const linux = existsSync(join(B, "initrd.gz"));
for (const board of ["malta", "bamboo", ...(linux ? ["bamboo-linux"] : [])] as ("malta" | "bamboo" | "bamboo-linux")[]) {
  let direct = 0,
    session = 0,
    insns = 0;
  for (let rep = 0; rep < (board === "bamboo-linux" ? 3 : 5); rep++) {
    let k = board === "bamboo-linux" ? bambooLinux() : build(board);
    let t0 = performance.now();
    const r = k.run(1e10);
    direct = Math.max(direct, r.instructions / (performance.now() - t0) / 1000);
    insns = r.instructions;
    k = board === "bamboo-linux" ? bambooLinux() : build(board);
    t0 = performance.now();
    const s = await new Session(k).run({ maxInsns: 1e10 });
    session = Math.max(session, s.instructions / (performance.now() - t0) / 1000);
  }
  const what = board === "bamboo-linux" ? "Bamboo Linux to its halt" : `${board} crc32`;
  console.log(
    `  ${what.padEnd(25)} ${(insns / 1e6).toFixed(1).padStart(6)} M instructions: kvm.run ${direct.toFixed(1)} MIPS, session ${session.toFixed(1)} MIPS (${session >= direct ? "+" : ""}${((session / direct - 1) * 100).toFixed(1)}%)`,
  );
}

function bambooLinux(): RunnableGuest {
  const b = createBambooPpc({
    kernel: join(B, "vmlinux-6.1.192-bamboo"),
    dtb: join(B, "bamboo.dtb"),
    initrd: join(B, "initrd.gz"),
    cmdline: "console=ttyS0 panic=-1",
    ramBytes: 256 << 20,
    uartSink: () => {},
  });
  if (!b.ok) throw new Error(b.error);
  return b.value.kvm;
}

// ---- the Malta shell through stdin -------------------------------------------------------------

const M = join(ROOT, "..", "shared", "guests", "mips-malta");
if (process.env.ISAGEN_BENCH_QUICK || !existsSync(join(M, "initrd-shell.gz"))) {
  console.log("\nMalta shell through stdin: skipped (ISAGEN_BENCH_QUICK or no ../shared/guests/mips-malta/initrd-shell.gz)");
} else {
  const t0 = performance.now();
  const r = spawnSync(
    node,
    [BIN, "run", "--board", "malta", "--mem", "256M", "--kernel", join(M, "vmlinuz-6.1.0-50-4kc-malta"), "--initrd", join(M, "initrd-shell.gz"), "--append", "console=ttyS0 panic=-1"],
    { input: readFileSync(join(ROOT, "test/guests/shell/commands.txt")), encoding: "latin1", maxBuffer: 1 << 26 },
  );
  const s = (performance.now() - t0) / 1000;
  const lines = r.stdout.split("\n").map((l) => l.replace(/\r$/, ""));
  const from = lines.findIndex((l) => l.startsWith("GUEST-SHELL-READY"));
  console.log(`\nMalta shell through stdin (test/guests/shell/commands.txt): exit status ${r.status}, ${s.toFixed(1)} s`);
  for (const l of lines.slice(from).filter((l) => l.startsWith("/ # ") || (l && !l.startsWith("BusyBox") && !l.startsWith("Enter")))) console.log(`  | ${l}`);
}

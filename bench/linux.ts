// Linux boot figures (`node --import tsx bench/linux.ts`): the two real kernels of
// ../shared/guests booted to their userspace marker as test/guests/linux-*.test.ts boot them —
// wall time, guest MIPS and exits per million instructions, with the largest exit counters, under
// each execution engine.
// QEMU 7.2 boots the same kernel in the same run, on the same machine (bench/qemu.ts), with the
// command line ../shared/guests/README.md gives; the ratio is taken against that time. Without
// QEMU installed the bench says so and prints no ratio. A missing guest is reported and skipped.
// Each isagen boot is `isagen run` itself (bin/isagen.cjs, the built CLI, with --stats), timed
// as QEMU is: from spawning it to the marker on its stdout. Two ratios come from each boot: that
// wall time against QEMU's (what a user waits for: Node's start-up, loading the kernel and the
// boot), and the boot alone, from the guest's first slice (the time --stats reports), against
// QEMU's whole time. This machine's speed drifts by 20-40% within minutes, so the default engine
// boots ROUNDS times, each right after a QEMU boot, and the figures are the medians of those
// rounds' ratios (their range beside them); the other engine boots once, against the median
// QEMU time.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_ENGINE, type Engine } from "../runtime/core/engine.ts";
// @ts-expect-error: plain JavaScript module without types
import { isFresh } from "../scripts/build.mjs";
import { haveQemu, timeQemu } from "./qemu.ts";

const GUESTS = join(import.meta.dirname, "..", "..", "shared", "guests");
/** The built CLI, run as a user runs it (its shebang's V8 flag included). */
const ISAGEN = join(import.meta.dirname, "..", "bin", "isagen.cjs");
const MARKER = "GUEST-USERSPACE-OK";

interface Boot {
  name: string;
  files: string[];
  /** QEMU binary and arguments for the same boot (../shared/guests/README.md). */
  qemu: [binary: string, args: string[]];
  /** `isagen run`'s arguments for the same boot. */
  isagen: string[];
  /** Execution engines the board takes (the default boots ROUNDS times, the others once). */
  engines: readonly Engine[];
}

const malta = join(GUESTS, "mips-malta");
const bamboo = join(GUESTS, "ppc440-bamboo");
const MALTA_KERNEL = join(malta, "vmlinuz-6.1.0-50-4kc-malta");
const BAMBOO_KERNEL = join(bamboo, "vmlinux-6.1.192-bamboo");
const APPEND = "console=ttyS0 panic=-1";
const boots: Boot[] = [
  {
    name: "mips malta (Debian 6.1 4kc-malta)",
    files: [MALTA_KERNEL, join(malta, "initrd.gz")],
    qemu: [
      "qemu-system-mipsel",
      [
        "-M",
        "malta",
        "-m",
        "256",
        "-kernel",
        MALTA_KERNEL,
        "-initrd",
        join(malta, "initrd.gz"),
        "-append",
        APPEND,
      ],
    ],
    isagen: [
      "--board",
      "malta",
      "--mem",
      "256M",
      "--kernel",
      MALTA_KERNEL,
      "--initrd",
      join(malta, "initrd.gz"),
      "--append",
      APPEND,
    ],
    engines: ["interp", "translate"],
  },
  {
    name: "ppc440 bamboo (6.1.192)",
    files: [BAMBOO_KERNEL, join(bamboo, "bamboo.dtb"), join(bamboo, "initrd.gz")],
    qemu: [
      "qemu-system-ppc",
      [
        "-M",
        "bamboo",
        "-m",
        "256",
        "-kernel",
        BAMBOO_KERNEL,
        "-initrd",
        join(bamboo, "initrd.gz"),
        "-append",
        APPEND,
      ],
    ],
    isagen: [
      "--board",
      "bamboo",
      "--mem",
      "256M",
      "--kernel",
      BAMBOO_KERNEL,
      "--dtb",
      join(bamboo, "bamboo.dtb"),
      "--initrd",
      join(bamboo, "initrd.gz"),
      "--append",
      APPEND,
    ],
    engines: ["interp", "translate"],
  },
];

/** Rounds of (QEMU, default engine) boots; the median ratios are reported. */
const ROUNDS = 5;

interface OneBoot {
  /** Spawn to the marker on stdout. */
  wall: number;
  /** The run itself, from the guest's first slice (--stats). */
  run: number;
  instructions: number;
  exitsPerMillion: number;
  top: string;
  blocks: string;
}

/** `isagen run` with `engine` and --stats: wall time to the marker, and the run's own figures
 *  from --stats once it has ended (the guests power off after the marker). */
function bootCli(boot: Boot, engine: Engine): Promise<OneBoot> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(ISAGEN, ["run", ...boot.isagen, "--engine", engine, "--stats"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    let wall = 0;
    const timer = setTimeout(() => child.kill("SIGKILL"), 300_000);
    child.stdout.on("data", (d: Buffer) => {
      if (wall !== 0) return;
      out = (out + d.toString("latin1")).slice(-4096);
      if (out.includes(MARKER)) wall = (performance.now() - t0) / 1000;
    });
    child.stderr.on("data", (d: Buffer) => (err = (err + d.toString("latin1")).slice(-1 << 16)));
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      const summary = /(\d+) instructions in (\d+) ms .* (\d+) exits per million/.exec(err);
      if (wall === 0 || summary === null) {
        reject(
          new Error(
            `isagen run ${boot.isagen.join(" ")}: no marker or no --stats (exit ${status}): ${err.trim().split("\n").slice(-3).join(" | ")}`,
          ),
        );
        return;
      }
      const counters = [...err.matchAll(/^(\w+)\s+(\d+)$/gm)]
        .filter(([, name, n]) => name !== "exits" && Number(n) > 0)
        .sort((a, b) => Number(b[2]) - Number(a[2]))
        .slice(0, 3)
        .map(([, name, n]) => `${name} ${n}`);
      resolve({
        wall,
        run: Number(summary[2]) / 1000,
        instructions: Number(summary[1]),
        exitsPerMillion: Number(summary[3]),
        top: counters.join(", "),
        blocks: /^translator: (.*)$/m.exec(err)?.[1] ?? "",
      });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const range = (xs: number[]) => `${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)}x`;

if (!(isFresh as () => boolean)())
  console.log(
    "linux boots: the compiled CLI in dist/ is STALE, so `isagen run` runs through tsx (slower): npm run build",
  );

for (const boot of boots) {
  const missing = boot.files.filter((f) => !existsSync(f));
  if (missing.length) {
    console.log(
      `linux boot ${boot.name}: skipped (${missing.join(", ")} missing; see ../shared/guests/README.md)`,
    );
    continue;
  }
  const [qemuBin, qemuArgs] = boot.qemu;
  const withQemu = haveQemu(qemuBin);
  let qemuNote = `${qemuBin} not installed: no QEMU time to compare with`;
  const qemu: number[] = [];
  const runs = new Map<Engine, OneBoot[]>(boot.engines.map((e) => [e, []]));
  // The default engine right after each QEMU boot; the other engines once, after the first.
  for (let round = 0; round < ROUNDS; round++) {
    if (withQemu) {
      const q = await timeQemu(qemuBin, qemuArgs, MARKER);
      if (q.ok) qemu.push(q.seconds);
      else qemuNote = `QEMU did not reach the marker in ${q.seconds.toFixed(0)} s`;
    }
    for (const engine of boot.engines)
      if (engine === DEFAULT_ENGINE || round === 0)
        runs.get(engine)!.push(await bootCli(boot, engine));
  }
  const qemuOk = qemu.length === ROUNDS;
  for (const engine of boot.engines) {
    const rs = runs.get(engine)!;
    const wall = median(rs.map((x) => x.wall));
    const run = median(rs.map((x) => x.run));
    const one = rs.find((x) => x.run === run)!;
    let vsQemu = qemuNote;
    if (qemuOk && rs.length === ROUNDS) {
      const whole = rs.map((x, i) => x.wall / qemu[i]);
      const boot = rs.map((x, i) => x.run / qemu[i]);
      vsQemu =
        `QEMU ${qemu.map((q) => q.toFixed(2)).join(", ")} s, each just before: ` +
        `spawn to marker ${median(whole).toFixed(2)}x as long (median of ${ROUNDS}; ${range(whole)}), ` +
        `the boot alone ${median(boot).toFixed(2)}x (${range(boot)})`;
    } else if (qemuOk) {
      const q = median(qemu);
      vsQemu = `QEMU ${q.toFixed(2)} s (median of ${ROUNDS}): spawn to marker ${(wall / q).toFixed(2)}x as long, the boot alone ${(run / q).toFixed(2)}x`;
    }
    console.log(
      `linux boot ${boot.name}, engine ${engine}: \`isagen run\` to the userspace marker in ` +
        `${rs.map((x) => x.wall.toFixed(2)).join(", ")} s (the boot alone ${rs.map((x) => x.run.toFixed(2)).join(", ")} s) ` +
        `(${vsQemu}), ${(one.instructions / 1e6).toFixed(0)} M instructions = ${(one.instructions / one.run / 1e6).toFixed(1)} guest MIPS, ` +
        `${one.exitsPerMillion} exits per million (most: ${one.top})` +
        (one.blocks ? `; ${one.blocks}` : ""),
    );
  }
}

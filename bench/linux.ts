// Linux boot figures (`node --import tsx bench/linux.ts`): the two real kernels of
// ../shared/guests booted to their userspace marker as test/guests/linux-*.test.ts boot them —
// wall time, guest MIPS and exits per million instructions, with the largest exit counters, under
// each execution engine.
// QEMU 7.2 boots the same kernel in the same run, on the same machine (bench/qemu.ts), with the
// command line ../shared/guests/README.md gives; the ratio is taken against that time. Without
// QEMU installed the bench says so and prints no ratio. A missing guest is reported and skipped.
// Each isagen boot runs in a fresh process, as `isagen run` does (this script again, with
// --one), timed from its first slice to the marker. This machine's speed drifts by 20-40% within
// minutes, so the default engine boots ROUNDS times, each right after a QEMU boot, and the
// figure is the median of those rounds' ratios (their range beside it); the other engine boots
// once, against the median QEMU time.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createMaltaMips } from "../runtime/boards/malta/index.ts";
import { createBambooPpc, type Engine } from "../runtime/boards/bamboo/index.ts";
import { DEFAULT_ENGINE } from "../runtime/core/engine.ts";
import type { RunResult } from "../runtime/core/run-result.ts";
import type { ExitStats } from "../runtime/core/stats.ts";
import { haveQemu, timeQemu } from "./qemu.ts";

const GUESTS = join(import.meta.dirname, "..", "..", "shared", "guests");
const MiB = 1024 * 1024;

interface Boot {
  name: string;
  files: string[];
  /** QEMU binary and arguments for the same boot (../shared/guests/README.md). */
  qemu: [binary: string, args: string[]];
  /** Execution engines the board takes (the default boots ROUNDS times, the others once). */
  engines: readonly Engine[];
  build(
    out: number[],
    engine: Engine,
  ): {
    run(limit: number): RunResult;
    stats: ExitStats;
    blockStats?: { translated: number; hits: number; invalidated: number };
  };
}

const malta = join(GUESTS, "mips-malta");
const bamboo = join(GUESTS, "ppc440-bamboo");
const boots: Boot[] = [
  {
    name: "mips malta (Debian 6.1 4kc-malta)",
    files: [join(malta, "vmlinuz-6.1.0-50-4kc-malta"), join(malta, "initrd.gz")],
    qemu: [
      "qemu-system-mipsel",
      [
        "-M",
        "malta",
        "-m",
        "256",
        "-kernel",
        join(malta, "vmlinuz-6.1.0-50-4kc-malta"),
        "-initrd",
        join(malta, "initrd.gz"),
        "-append",
        "console=ttyS0 panic=-1",
      ],
    ],
    engines: ["interp", "translate"],
    build: (out, engine) => {
      const b = createMaltaMips({
        kernel: join(malta, "vmlinuz-6.1.0-50-4kc-malta"),
        initrd: join(malta, "initrd.gz"),
        cmdline: "console=ttyS0 panic=-1",
        ramBytes: 256 * MiB,
        uartSink: (c) => out.push(c),
        engine,
      });
      if (!b.ok) throw new Error(b.error);
      return b.value.kvm;
    },
  },
  {
    name: "ppc440 bamboo (6.1.192)",
    files: [
      join(bamboo, "vmlinux-6.1.192-bamboo"),
      join(bamboo, "bamboo.dtb"),
      join(bamboo, "initrd.gz"),
    ],
    qemu: [
      "qemu-system-ppc",
      [
        "-M",
        "bamboo",
        "-m",
        "256",
        "-kernel",
        join(bamboo, "vmlinux-6.1.192-bamboo"),
        "-initrd",
        join(bamboo, "initrd.gz"),
        "-append",
        "console=ttyS0 panic=-1",
      ],
    ],
    engines: ["interp", "translate"],
    build: (out, engine) => {
      const b = createBambooPpc({
        kernel: join(bamboo, "vmlinux-6.1.192-bamboo"),
        dtb: join(bamboo, "bamboo.dtb"),
        initrd: join(bamboo, "initrd.gz"),
        cmdline: "console=ttyS0 panic=-1",
        ramBytes: 256 * MiB,
        uartSink: (c) => out.push(c),
        engine,
      });
      if (!b.ok) throw new Error(b.error);
      return b.value.kvm;
    },
  },
];

/** Rounds of (QEMU, default engine) boots; the median ratio is reported. */
const ROUNDS = 5;

interface OneBoot {
  seconds: number;
  marker: boolean;
  instructions: number;
  exits: number;
  top: string;
  blocks?: { translated: number; hits: number; invalidated: number };
}

/** Boots `boot` under `engine` in this process: the child's side of --one. */
function bootHere(boot: Boot, engine: Engine): OneBoot {
  const out: number[] = [];
  const kvm = boot.build(out, engine);
  const t0 = performance.now();
  let r = kvm.run(2e8);
  for (let limit = 4e8; r.kind === "budget" && limit <= 8e9; limit += 2e8) r = kvm.run(limit);
  const seconds = (performance.now() - t0) / 1000;
  const top = kvm.stats
    .format()
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .filter(([name, n]) => name !== "exits" && Number(n) > 0)
    .sort((a, b) => Number(b[1]) - Number(a[1]))
    .slice(0, 3)
    .map(([name, n]) => `${name} ${n}`)
    .join(", ");
  return {
    seconds,
    marker: Buffer.from(out).toString("latin1").includes("GUEST-USERSPACE-OK"),
    instructions: r.instructions,
    exits: kvm.stats.total,
    top,
    blocks: kvm.blockStats,
  };
}

/** Boots `boot` under `engine` in a fresh process (this script with --one). */
function bootFresh(index: number, engine: Engine): OneBoot {
  const r = spawnSync(
    process.execPath,
    [...process.execArgv, import.meta.filename, "--one", String(index), engine],
    { encoding: "utf8", maxBuffer: 1 << 20 },
  );
  const line = r.stdout.trim().split("\n").pop() ?? "";
  if (r.status !== 0 || !line.startsWith("{"))
    throw new Error(
      `bench/linux.ts --one ${index} ${engine}: ${r.stderr.trim() || `exit ${r.status}`}`,
    );
  return JSON.parse(line) as OneBoot;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (process.argv[2] === "--one") {
  const boot = boots[Number(process.argv[3])];
  console.log(JSON.stringify(bootHere(boot, process.argv[4] as Engine)));
  process.exit(0);
}

for (const [index, boot] of boots.entries()) {
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
      const q = await timeQemu(qemuBin, qemuArgs, "GUEST-USERSPACE-OK");
      if (q.ok) qemu.push(q.seconds);
      else qemuNote = `QEMU did not reach the marker in ${q.seconds.toFixed(0)} s`;
    }
    for (const engine of boot.engines)
      if (engine === DEFAULT_ENGINE || round === 0)
        runs.get(engine)!.push(bootFresh(index, engine));
  }
  const qemuOk = qemu.length === ROUNDS;
  for (const engine of boot.engines) {
    const rs = runs.get(engine)!;
    const s = median(rs.map((x) => x.seconds));
    const one = rs.find((x) => x.seconds === s)!;
    let vsQemu = qemuNote;
    if (qemuOk && rs.length === ROUNDS) {
      const ratios = rs.map((x, i) => x.seconds / qemu[i]);
      vsQemu =
        `QEMU ${qemu.map((q) => q.toFixed(2)).join(", ")} s, each just before: ` +
        `${median(ratios).toFixed(2)}x as long (median of ${ROUNDS}; ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}x)`;
    } else if (qemuOk)
      vsQemu = `QEMU ${median(qemu).toFixed(2)} s (median of ${ROUNDS}): ${(s / median(qemu)).toFixed(2)}x as long`;
    const b = one.blocks;
    console.log(
      `linux boot ${boot.name}, engine ${engine}: ${rs.every((x) => x.marker) ? "userspace marker" : "NO MARKER"} in ` +
        `${rs.length > 1 ? `${rs.map((x) => x.seconds.toFixed(1)).join(", ")} s wall, median ${s.toFixed(1)}` : s.toFixed(1)} s wall (${vsQemu}), ` +
        `${(one.instructions / 1e6).toFixed(0)} M instructions = ${(one.instructions / s / 1e6).toFixed(1)} guest MIPS, ` +
        `${((one.exits / one.instructions) * 1e6).toFixed(0)} exits per million (most: ${one.top})` +
        (b
          ? `; blocks: ${b.translated} translated, ${b.hits} entries from the cache, ${b.invalidated} invalidated`
          : ""),
    );
  }
}

// Linux boot figures (`node --import tsx bench/linux.ts`): the two real kernels of
// ../shared/guests booted to their userspace marker as test/guests/linux-*.test.ts boot them —
// wall time, guest MIPS and exits per million instructions, with the largest exit counters, under
// each execution engine.
// QEMU 7.2 boots the same kernel in the same run, on the same machine (bench/qemu.ts), with the
// command line ../shared/guests/README.md gives; the ratio is taken against that time. Without
// QEMU installed the bench says so and prints no ratio. A missing guest is reported and skipped.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createMaltaMips } from "../runtime/boards/malta/index.ts";
import { createBambooPpc, type Engine } from "../runtime/boards/bamboo/index.ts";
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
  /** Execution engines the board takes (each boots once). */
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

for (const boot of boots) {
  const missing = boot.files.filter((f) => !existsSync(f));
  if (missing.length) {
    console.log(
      `linux boot ${boot.name}: skipped (${missing.join(", ")} missing; see ../shared/guests/README.md)`,
    );
    continue;
  }
  const [qemuBin, qemuArgs] = boot.qemu;
  let qemuSeconds: number | undefined;
  let qemuNote = `${qemuBin} not installed: no QEMU time to compare with`;
  if (haveQemu(qemuBin)) {
    const q = await timeQemu(qemuBin, qemuArgs, "GUEST-USERSPACE-OK");
    if (q.ok) qemuSeconds = q.seconds;
    else qemuNote = `QEMU did not reach the marker in ${q.seconds.toFixed(0)} s`;
  }
  for (const engine of boot.engines) {
    const out: number[] = [];
    const kvm = boot.build(out, engine);
    const t0 = performance.now();
    let r = kvm.run(2e8);
    for (let limit = 4e8; r.kind === "budget" && limit <= 8e9; limit += 2e8) r = kvm.run(limit);
    const s = (performance.now() - t0) / 1000;
    const marker = Buffer.from(out).toString("latin1").includes("GUEST-USERSPACE-OK");
    const top = kvm.stats
      .format()
      .split("\n")
      .map((l) => l.trim().split(/\s+/))
      .filter(([name, n]) => name !== "exits" && Number(n) > 0)
      .sort((a, b) => Number(b[1]) - Number(a[1]))
      .slice(0, 3)
      .map(([name, n]) => `${name} ${n}`)
      .join(", ");
    const vsQemu =
      qemuSeconds !== undefined
        ? `QEMU ${qemuSeconds.toFixed(2)} s in this run: ${(s / qemuSeconds).toFixed(1)}x as long`
        : qemuNote;
    const b = kvm.blockStats;
    console.log(
      `linux boot ${boot.name}, engine ${engine}: ${marker ? "userspace marker" : "NO MARKER"} in ${s.toFixed(1)} s wall (${vsQemu}), ` +
        `${(r.instructions / 1e6).toFixed(0)} M instructions = ${(r.instructions / s / 1e6).toFixed(1)} guest MIPS, ` +
        `${((kvm.stats.total / r.instructions) * 1e6).toFixed(0)} exits per million (most: ${top})` +
        (b
          ? `; blocks: ${b.translated} translated, ${b.hits} entries from the cache, ${b.invalidated} invalidated`
          : ""),
    );
  }
}

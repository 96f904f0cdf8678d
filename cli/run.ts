// `isagen run --board malta|bamboo --kernel prog.elf [--initrd f] [--append cmdline] [--mem 64M] [--max-insns N] [--stats] [--trace]`
//   bamboo also: [--dtb bamboo.dtb]
//
// Runs a guest on a board: the UART (ttyS0) goes to stdout as raw bytes; the process exit code
// is the guest's (0 when it resets the board: the Malta FPGA's SOFTRES, the 440's DBCR0[RST]), EXIT_CODE_FATAL for a
// guest error and EXIT_CODE_BUDGET when --max-insns runs out; those two print the guest PC and
// the last exits on stderr. --stats prints KVM's exit counters (debugfs order) on stderr.
//
// Wiring (generator/cli.ts): `const run = addRunCommand(program, { ...io, setExitCode: (c) => (code = c) })`.

import { writeSync } from "node:fs";
import type { Command } from "commander";
import { describeRunResult, exitCode, type RunResult } from "../runtime/core/run-result.ts";
import type { ExitStats } from "../runtime/core/stats.ts";

export interface RunIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Guest serial output, byte by byte (default: buffered raw writes to fd 1). */
  uart?: (byte: number) => void;
  /** Flushes buffered guest output (called at the end of a run). */
  flush?: () => void;
  /** Receives the process exit code of the run. */
  setExitCode?: (code: number) => void;
}

export interface RunOptions {
  board: string;
  kernel: string;
  mem?: string;
  maxInsns?: string;
  stats?: boolean;
  trace?: boolean;
  tlbEntries?: string;
  stallLimit?: string;
  initrd?: string;
  append?: string;
  dtb?: string;
}

/** "64M", "1G", "512K", "65536" → bytes; NaN when malformed. */
export function parseSize(s: string): number {
  const m = /^(\d+)([KMG]?)i?B?$/i.exec(s.trim());
  if (!m) return NaN;
  const unit = { "": 1, K: 1024, M: 1024 * 1024, G: 1024 * 1024 * 1024 }[
    m[2].toUpperCase() as "" | "K" | "M" | "G"
  ];
  return Number(m[1]) * unit;
}

/** Raw stdout writes, flushed at each newline and when the buffer fills. */
function stdoutUart(): { put: (b: number) => void; flush: () => void } {
  const buf = new Uint8Array(4096);
  let n = 0;
  const flush = () => {
    if (n > 0) writeSync(1, buf, 0, n);
    n = 0;
  };
  return {
    put: (b) => {
      buf[n++] = b;
      if (b === 10 || n === buf.length) flush();
    },
    flush,
  };
}

/**
 * Runs one guest; returns the process exit code. The boards (and through them the generated
 * code) are imported here, not at the top: `isagen gen` must work when generated/ is stale or
 * broken, since regenerating it is how that gets fixed.
 */
export async function runGuest(opts: RunOptions, io: RunIo): Promise<number> {
  if (opts.board !== "malta" && opts.board !== "bamboo")
    return usage(io, `--board ${opts.board}: expected "malta" (MIPS32r2) or "bamboo" (PowerPC 440)`);
  const ramBytes = opts.mem === undefined ? 64 * 1024 * 1024 : parseSize(opts.mem);
  if (!Number.isFinite(ramBytes) || ramBytes <= 0 || ramBytes % 4096 !== 0)
    return usage(
      io,
      `--mem ${opts.mem}: expected a size such as 64M, 256M or 1G (a multiple of 4 KiB)`,
    );
  if (opts.board === "malta" && opts.dtb !== undefined)
    return usage(io, "--dtb is for --board bamboo (Malta's kernel gets YAMON's environment, not a device tree)");
  const maxInsns = opts.maxInsns === undefined ? Infinity : Number(opts.maxInsns);
  if (!(maxInsns > 0)) return usage(io, `--max-insns ${opts.maxInsns}: expected a positive number`);
  const stallLimit = opts.stallLimit === undefined ? undefined : Number(opts.stallLimit);
  if (stallLimit !== undefined && !(Number.isInteger(stallLimit) && stallLimit >= 0))
    return usage(io, `--stall-limit ${opts.stallLimit}: expected a whole number of exits (0: never)`);
  const tlbEntries = opts.tlbEntries === undefined ? 16 : Number(opts.tlbEntries);
  if (!Number.isInteger(tlbEntries) || tlbEntries < 1 || tlbEntries > 64)
    return usage(io, `--tlb-entries ${opts.tlbEntries}: expected 1..64`);

  const std = io.uart === undefined ? stdoutUart() : undefined;
  const put = io.uart ?? std!.put;
  const trace = opts.trace ? (line: string) => io.err(`[trace] ${line}`) : undefined;
  let kvm: { run(maxInsns: number): RunResult; stats: ExitStats };
  try {
    const { createBambooPpc } = await import("../runtime/ppc/bamboo.ts");
    const { createMaltaMips } = await import("../runtime/boards/malta/boot.ts");
    const built =
      opts.board === "bamboo"
        ? createBambooPpc({
            kernel: opts.kernel,
            dtb: opts.dtb,
            initrd: opts.initrd,
            cmdline: opts.append,
            ramBytes,
            uartSink: put,
            trace,
            stallLimit,
          })
        : createMaltaMips({
            kernel: opts.kernel,
            initrd: opts.initrd,
            cmdline: opts.append,
            ramBytes,
            tlbEntries,
            uartSink: put,
            trace,
            stallLimit,
          });
    if (!built.ok) return usage(io, built.error);
    kvm = built.value.kvm;
  } catch (e) {
    return usage(io, (e as Error).message);
  }
  const t0 = performance.now();
  const result: RunResult = kvm.run(maxInsns);
  const ms = performance.now() - t0;
  std?.flush();
  io.flush?.();
  if (result.kind === "stalled" && stallLimit === 0) {
    // --stall-limit 0: a hung guest keeps the machine as QEMU does, until the user stops it.
    io.err(`isagen run: the guest hangs (${result.message}); waiting as QEMU would: Ctrl-C to stop`);
    await new Promise(() => setInterval(() => {}, 1 << 30));
  }
  if (result.kind !== "stopped")
    io.err(describeRunResult(result, (e) => kvm.stats.formatRecord(e)));
  if (opts.stats) {
    io.err(kvm.stats.format());
    io.err(
      `${result.instructions} instructions in ${ms.toFixed(0)} ms (${(result.instructions / ms / 1000).toFixed(1)} MIPS), ` +
        `${((kvm.stats.total / Math.max(1, result.instructions)) * 1e6).toFixed(0)} exits per million instructions`,
    );
  }
  const code = exitCode(result);
  io.setExitCode?.(code);
  return code;
}

function usage(io: RunIo, message: string): number {
  io.err(`isagen run: ${message}`);
  io.setExitCode?.(1);
  return 1;
}

/** Adds `run` to the isagen program. The returned object holds the last run's exit code. */
export function addRunCommand(program: Command, io: RunIo): { code: number } {
  const state = { code: 0 };
  program
    .command("run")
    .description(
      "run a guest kernel on a board (MIPS Malta, PowerPC 440 Bamboo): UART to stdout, exit code from the guest",
    )
    .requiredOption("--board <board>", "board: malta or bamboo")
    .requiredOption("--kernel <elf>", "ELF32 kernel or bare-metal program (Malta: linked in KSEG0/KSEG1; Bamboo: loaded at p_paddr)")
    .option("--mem <size>", "RAM size, e.g. 64M, 256M, 1G", "64M")
    .option("--max-insns <n>", "stop with an error after this many guest instructions")
    .option("--tlb-entries <n>", "malta: guest TLB size announced in Config1 (1..64)", "16")
    .option("--initrd <file>", "initial ramdisk, as QEMU -initrd (malta: loaded high in RAM, rd_start/rd_size appended; bamboo: at 0x01900000, in the device tree)")
    .option("--append <cmdline>", "kernel command line, as QEMU -append (bamboo: /chosen/bootargs)")
    .option("--dtb <file>", "bamboo: device tree blob (QEMU's pc-bios/bamboo.dtb), patched as QEMU does and loaded at 0x01800000")
    .option(
      "--stall-limit <n>",
      "exit status 3 after this many exits in a row that retire nothing (default 100000); a guest that provably hangs (spinning or waiting with nothing to wake it) stops at once; 0: never stop, as QEMU",
    )
    .option("--stats", "print the exit counters (KVM debugfs names) on stderr")
    .option("--trace", "print each exit, emulated instruction and shadow fill on stderr")
    .action(async (opts: RunOptions) => {
      state.code = await runGuest(opts, {
        ...io,
        setExitCode: (c) => {
          state.code = c;
          io.setExitCode?.(c);
        },
      });
    });
  return state;
}

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
import { DEFAULT_ENGINE, ENGINES, isEngine } from "../runtime/core/engine.ts";
import { describeRunResult, exitCode } from "../runtime/core/run-result.ts";
import type { Uart16550 } from "../runtime/devices/uart16550.ts";
import { ConsoleInput, type ConsoleStream } from "./console.ts";
import type { GdbTarget } from "../runtime/gdb/target.ts";
import type { GdbServer } from "./gdb.ts";
import { describeInterrupted, onSignals, Session, type RunnableGuest, type SessionResult } from "./session.ts";
import { checkRegularFile, formatBytes, InputError } from "./io.ts";

export interface RunIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Guest serial output, byte by byte (default: buffered raw writes to fd 1). */
  uart?: (byte: number) => void;
  /** Flushes buffered guest output (called at the end of a run). */
  flush?: () => void;
  /** Receives the process exit code of the run. */
  setExitCode?: (code: number) => void;
  /**
   * The console's input, to the board's console UART (console.ts). Default: process.stdin when
   * the guest's output goes to stdout (no `uart`), else none; null: none.
   */
  stdin?: ConsoleStream | null;
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
  /** GDB stub address: tcp::PORT, tcp:HOST:PORT or PORT (cli/gdb.ts). */
  gdb?: string;
  /** With --gdb: hold the guest at its first instruction until GDB continues it. */
  gdbWait?: boolean;
  /** Execution engine: interp or translate (runtime/core/engine.ts). */
  engine?: string;
}

/** "64M", "1G", "512K", "65536" → bytes; NaN when malformed (fractions, signs, garbage). */
export function parseSize(s: string): number {
  const m = /^(\d{1,12})([KMG]?)(?:i?B)?$/i.exec(s.trim());
  if (!m) return NaN;
  const unit = { "": 1, K: 1024, M: 1024 * 1024, G: 1024 * 1024 * 1024 }[
    m[2].toUpperCase() as "" | "K" | "M" | "G"
  ];
  return Number(m[1]) * unit;
}

/** A whole number of decimal digits in [min, max]; undefined for fractions, signs and garbage. */
export function parseCount(s: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const t = s.trim().replace(/_/g, "");
  if (!/^\d{1,16}$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : undefined;
}

const MiB = 1024 * 1024;

/**
 * QEMU's Bamboo (hw/ppc/ppc440_bamboo.c, hw/ppc/ppc4xx_sdram.c ppc4xx_sdram_banks): RAM is split
 * greedily into at most 4 SDRAM banks, each 256, 128, 64, 32, 16, 8 or 4 MiB; a size with
 * anything left over is refused ("Invalid SDRAM banks").
 */
const BAMBOO_BANKS = 4;
const BAMBOO_BANK_SIZES = [256, 128, 64, 32, 16, 8, 4].map((m) => m * MiB);

/** The banks QEMU would use for `bytes`, and what is left over (0 when the size is valid). */
export function bambooBanks(bytes: number): { banks: number[]; left: number } {
  const banks: number[] = [];
  let left = bytes;
  for (let i = 0; i < BAMBOO_BANKS && left > 0; i++) {
    const size = BAMBOO_BANK_SIZES.find((b) => b <= left);
    if (size === undefined) break;
    banks.push(size);
    left -= size;
  }
  return { banks, left };
}

/**
 * Is `bytes` a RAM size the board can have? undefined when it is, else why not (with the limit).
 * Malta follows QEMU's hw/mips/malta.c: at most 2 GiB ("Too much memory for this machine"), the
 * first 256 MiB also at physical 0; here also a whole number of 4 KiB pages.
 */
export function memProblem(board: "malta" | "bamboo", bytes: number): string | undefined {
  if (board === "malta") {
    if (bytes > 2048 * MiB) return `the Malta board takes at most 2 GiB of RAM (QEMU: maximum 2048MB)`;
    if (bytes % 4096 !== 0) return `the RAM size must be a multiple of 4 KiB`;
    return undefined;
  }
  if (bytes > BAMBOO_BANKS * 256 * MiB)
    return `the Bamboo board takes at most 1 GiB of RAM (4 SDRAM banks of at most 256 MiB)`;
  const { banks, left } = bambooBanks(bytes);
  if (left === 0) return undefined;
  const used = bytes - left;
  return (
    `the Bamboo board takes at most 4 SDRAM banks of 256, 128, 64, 32, 16, 8 or 4 MiB each` +
    (used > 0 ? ` (${formatBytes(used)} fits: ${banks.map((b) => b / MiB).join("+")} MiB)` : "")
  );
}

/** Raw stdout writes, flushed at each newline, when the buffer fills and after each run slice. */
function stdoutUart(): { put: (b: number) => void; flush: () => void } {
  const buf = new Uint8Array(4096);
  let n = 0;
  let gone = false;
  const flush = () => {
    let off = 0;
    while (off < n && !gone) {
      try {
        off += writeSync(1, buf, off, n - off);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "EAGAIN") continue; // a non-blocking pipe that is full: try again
        gone = true; // EPIPE and the like: the reader went away; the guest runs on unheard
      }
    }
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
  if (!Number.isFinite(ramBytes) || ramBytes <= 0)
    return usage(io, `--mem ${opts.mem}: expected a size such as 64M, 256M or 1G`);
  const memWhy = memProblem(opts.board, ramBytes);
  if (memWhy !== undefined) return usage(io, `--mem ${opts.mem}: ${memWhy}`);
  if (opts.board === "malta" && opts.dtb !== undefined)
    return usage(io, "--dtb is for --board bamboo (Malta's kernel gets YAMON's environment, not a device tree)");
  const maxInsns = opts.maxInsns === undefined ? Infinity : parseCount(opts.maxInsns, 1);
  if (maxInsns === undefined) return usage(io, `--max-insns ${opts.maxInsns}: expected a whole number of instructions, at least 1`);
  const stallLimit = opts.stallLimit === undefined ? undefined : parseCount(opts.stallLimit, 0);
  if (stallLimit === undefined && opts.stallLimit !== undefined)
    return usage(io, `--stall-limit ${opts.stallLimit}: expected a whole number of exits (0: never)`);
  const tlbEntries = opts.tlbEntries === undefined ? 16 : parseCount(opts.tlbEntries, 1, 64);
  if (tlbEntries === undefined) return usage(io, `--tlb-entries ${opts.tlbEntries}: expected a whole number 1..64`);
  // Files are checked before anything reads them: a device (/dev/zero) or a file larger than
  // the guest's RAM is refused by its size, not read until the host runs out of memory.
  try {
    const ram = `guest RAM (${formatBytes(ramBytes)})`;
    checkRegularFile(opts.kernel, "the kernel", ramBytes, ram);
    if (opts.initrd !== undefined) checkRegularFile(opts.initrd, "the initrd", ramBytes, ram);
    // The device tree goes at 0x01800000, below the initrd at 0x01900000 (QEMU's bamboo).
    if (opts.dtb !== undefined) checkRegularFile(opts.dtb, "the device tree", MiB, "1 MiB (the room at 0x01800000)");
  } catch (e) {
    if (e instanceof InputError) return usage(io, e.message);
    throw e;
  }

  const std = io.uart === undefined ? stdoutUart() : undefined;
  const put = io.uart ?? std!.put;
  const trace = opts.trace ? (line: string) => io.err(`[trace] ${line}`) : undefined;
  let kvm: RunnableGuest;
  let consoleUart: Uart16550;
  let gdbTarget: (() => Promise<GdbTarget>) | undefined;
  // The GDB server (and node:net) only when asked for: 15-17 ms of every run's start-up.
  const gdbModule = opts.gdb === undefined ? undefined : await import("./gdb.ts");
  const gdbAt = opts.gdb === undefined ? undefined : gdbModule!.parseGdbAddress(opts.gdb);
  if (opts.gdb !== undefined && gdbAt === undefined)
    return usage(io, `--gdb ${opts.gdb}: expected tcp::PORT, tcp:HOST:PORT or PORT (e.g. tcp::1234)`);
  if (opts.gdbWait && opts.gdb === undefined) return usage(io, "--gdb-wait needs --gdb");
  const engine = opts.engine ?? DEFAULT_ENGINE;
  if (!isEngine(engine)) return usage(io, `--engine ${engine}: expected one of ${ENGINES.join(", ")}`);
  try {
    // Only the board asked for loads (with its ISA): the other one is start-up time for nothing.
    const built =
      opts.board === "bamboo"
        ? (await import("../runtime/boards/bamboo/index.ts")).createBambooPpc({
            kernel: opts.kernel,
            dtb: opts.dtb,
            initrd: opts.initrd,
            cmdline: opts.append,
            ramBytes,
            uartSink: put,
            trace,
            stallLimit,
            engine,
          })
        : (await import("../runtime/boards/malta/index.ts")).createMaltaMips({
            kernel: opts.kernel,
            initrd: opts.initrd,
            cmdline: opts.append,
            ramBytes,
            tlbEntries,
            uartSink: put,
            trace,
            stallLimit,
            engine,
          });
    if (!built.ok) return usage(io, built.error);
    kvm = built.value.kvm;
    const b = built.value;
    if ("uart0" in b.vmm) {
      consoleUart = b.vmm.uart0;
      const [k, mem] = [b.kvm as import("../runtime/ppc/kvm.ts").Ppc440Kvm, b.vmm.memory];
      gdbTarget = async () => new (await import("../runtime/gdb/target-ppc.ts")).PpcGdbTarget(k, mem);
    } else {
      consoleUart = b.vmm.uart;
      const [k, mem] = [b.kvm as import("../runtime/mips/kvm.ts").MipsKvm, b.vmm.memory];
      gdbTarget = async () => new (await import("../runtime/gdb/target-mips.ts")).MipsGdbTarget(k, mem);
    }
  } catch (e) {
    // The boards throw plain Errors for configurations they refuse; a TypeError or RangeError
    // is a bug in isagen, for the CLI's top level to report as one.
    if (e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError || !(e instanceof Error)) throw e;
    return usage(io, e.message);
  }
  // The console: stdin to the UART (raw mode and Ctrl-A escapes on a terminal).
  const stdin = io.stdin !== undefined ? io.stdin : io.uart === undefined ? (process.stdin as ConsoleStream) : null;
  const session = new Session(kvm);
  const say = (text: string) => {
    std?.flush();
    io.flush?.();
    io.err(text);
  };
  const printStats = (ms: number) => {
    say(kvm.stats.format());
    const poll = kvm.poll?.stats;
    if (poll !== undefined && poll.skips > 0)
      say(`polling loops: ${poll.skips} skips over ${poll.instructions} instructions of rounds that could not see a change`);
    const blocks = kvm.blockStats;
    if (blocks !== undefined) {
      const lookups = blocks.hits + blocks.misses;
      say(
        `translator: ${blocks.translated} blocks translated, ${blocks.hits} cache hits ` +
          `(${lookups === 0 ? "-" : ((blocks.hits / lookups) * 100).toFixed(2)}% of block entries), ` +
          `${blocks.invalidated} invalidated by writes to code, ${blocks.flushes} full flushes`,
      );
    }
    say(
      `${kvm.icount} instructions in ${ms.toFixed(0)} ms (${(kvm.icount / ms / 1000).toFixed(1)} MIPS), ` +
        `${((kvm.stats.total / Math.max(1, kvm.icount)) * 1e6).toFixed(0)} exits per million instructions`,
    );
  };
  const t0 = performance.now();
  const input =
    stdin === null
      ? undefined
      : new ConsoleInput(stdin, {
          quit: () => session.requestStop("Ctrl-A x", 0),
          stats: () => printStats(performance.now() - t0),
          message: (text) => say(text),
        });
  let gdb: GdbServer | undefined;
  if (gdbAt !== undefined) {
    gdb = new gdbModule!.GdbServer(await gdbTarget!(), { waitForDebugger: opts.gdbWait === true });
    try {
      const port = await gdb.listen(gdbAt);
      io.err(`isagen run: GDB stub on ${gdbAt.host}:${port}${opts.gdbWait ? ", waiting for GDB to continue the guest" : ""}`);
    } catch (e) {
      return usage(io, `--gdb ${opts.gdb}: ${(e as Error).message}`);
    }
  }
  const offSignals = onSignals(session);
  let result: SessionResult;
  try {
    input?.start();
    result = await session.run({
      maxInsns,
      console: input ? { input, uart: consoleUart } : undefined,
      debugger: gdb?.stub,
      afterSlice: () => {
        std?.flush();
        io.flush?.();
      },
    });
  } finally {
    std?.flush();
    io.flush?.();
    offSignals();
    input?.close();
    gdb?.close();
  }
  const ms = performance.now() - t0;
  if (result.kind === "stalled" && stallLimit === 0) {
    // --stall-limit 0: a hung guest keeps the machine as QEMU does, until the user stops it.
    io.err(`isagen run: the guest hangs (${result.message}); waiting as QEMU would: Ctrl-C to stop`);
    await new Promise(() => setInterval(() => {}, 1 << 30));
  }
  if (result.kind === "interrupted")
    io.err(describeInterrupted(result, (e) => kvm.stats.formatRecord(e), result.reason.startsWith("SIG")));
  else if (result.kind !== "stopped") io.err(`isagen run: ${describeRunResult(result, (e) => kvm.stats.formatRecord(e))}`);
  if (opts.stats) printStats(ms);
  const code = result.kind === "interrupted" ? result.status : exitCode(result);
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
      "exit status 3 after this many exits in a row that retire nothing (default 10000); a guest that provably hangs (spinning or waiting with nothing to wake it) stops at once; 0: never stop, as QEMU",
    )
    .option("--gdb <addr>", "serve GDB's remote protocol on tcp::PORT (127.0.0.1), tcp:HOST:PORT or PORT: target remote :PORT")
    .option("--gdb-wait", "with --gdb: hold the guest at its first instruction until GDB continues it (QEMU -S)")
    .option("--engine <engine>", `how the vCPU runs guest code: interp (decode and dispatch each instruction) or translate (hot code compiled to JavaScript blocks)`, DEFAULT_ENGINE)
    .option("--stats", "print the exit counters (KVM debugfs names) and the translator's counters on stderr")
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

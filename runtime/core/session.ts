// The loop around the hypervisor that `isagen run` (cli/run.ts) and the browser's worker
// (web/) run: the guest runs in slices of `kvm.run(budget)` from an async loop, so that between
// two slices the event loop gets a turn: console input (stdin or the page's terminal to the
// UART), signals, the GDB stub's socket, the page's messages. A slice is about a million instructions (a few ms);
// devices change state only on exits and the hypervisor's own loop already cuts the guest into
// slices at each exit and timer deadline, so cutting it here too changes nothing the guest sees
// (the "budget" result only says the slice is over).
//
// Ends: the guest's own end (stopped, fatal, stalled, --max-insns) as before; SIGINT/SIGTERM
// (exit status 130/143) and Ctrl-A x (0) end it at the next slice boundary as "interrupted",
// with the guest PC and the last exits. A guest that stalls while its console driver listens and
// stdin may still bring input waits for that input (a shell waiting for a key is not hung).

import type { BlockCacheStats } from "./block-cache.ts";
import type { PollStats } from "./poll.ts";
import type { ExitRecord, ExitStats } from "./stats.ts";
import type { RunResult } from "./run-result.ts";
import { hex } from "./format.ts";
import type { Uart16550 } from "../devices/uart16550.ts";
import { IER_RDI } from "../devices/uart16550.ts";

/**
 * One turn of the event loop: setImmediate in Node; in a browser (no setImmediate) a
 * MessageChannel message, since nested setTimeout(0) calls are clamped to 4 ms.
 */
function turn(): Promise<void> {
  if (typeof setImmediate === "function") return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    // Typed loosely: the project compiles against Node's types, whose MessagePort differs.
    const ch = new MessageChannel() as unknown as {
      port1: { onmessage: (() => void) | null; close(): void };
      port2: { postMessage(v: unknown): void };
    };
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(0);
  });
}

/** The console's input as the loop sees it (cli/console.ts's ConsoleInput, the page's terminal). */
export interface ConsoleSource {
  /** Hands queued bytes to the UART once its driver listens. */
  pump(uart: Uart16550): void;
  /** Resolves when input arrives or the input ends. */
  waitForInput(): Promise<void>;
  /** Bytes waiting for the guest. */
  readonly pending: number;
  /** No more input will come. */
  readonly eof: boolean;
}

/** What the loop needs of a hypervisor (MipsKvm, Ppc440Kvm). */
export interface RunnableGuest {
  run(maxInsns: number): RunResult;
  readonly pc: number;
  readonly icount: number;
  readonly stats: ExitStats;
  /** The translated-block cache's counters, under the translator. */
  readonly blockStats?: BlockCacheStats;
  /** The polling-loop skip's counters (core/poll.ts). */
  readonly poll?: { readonly stats: PollStats };
}

/** The run was ended from the host: a signal, Ctrl-A x, the debugger's kill. */
export interface Interrupted {
  kind: "interrupted";
  /** "SIGINT", "SIGTERM", "Ctrl-A x", "gdb kill". */
  reason: string;
  /** Process exit status (128 + signal number for signals). */
  status: number;
  pc: number;
  instructions: number;
  lastExits: ExitRecord[];
}

export type SessionResult = RunResult | Interrupted;

/** Instructions per slice between two turns of the event loop. */
export const SESSION_SLICE = 1 << 20;

/**
 * The debugger's hold on the loop (the GDB stub). Between slices the loop asks it whether the
 * guest may run; while it holds a breakpoint, a watchpoint or a single step, the loop runs one
 * instruction at a time and asks after each.
 */
export interface Debugger {
  /** Resolves when the guest may run (at once while it runs); "kill" ends the run. */
  gate(): Promise<"run" | "kill">;
  /** Instruction-by-instruction mode (breakpoints, watchpoints, single step). */
  readonly fine: boolean;
  /** Runs up to `n` instructions one at a time; returns the result that ended the guest, if any. */
  runFine(n: number): RunResult | undefined;
  /** The guest ended on its own (the stub reports it to GDB). */
  ended(r: SessionResult): void;
}

export interface SessionOptions {
  /** --max-insns (Infinity: none). */
  maxInsns: number;
  /** The console: stdin, delivered to `uart`. */
  console?: { input: ConsoleSource; uart: Uart16550 };
  debugger?: Debugger;
  slice?: number;
  /** After every slice: the console output is flushed, so a prompt without a newline shows. */
  afterSlice?: () => void;
}

export class Session {
  private stopRequest: { reason: string; status: number } | null = null;
  private wakeStopped: (() => void) | null = null;

  constructor(readonly kvm: RunnableGuest) {}

  /** Ends the run at the next slice boundary (signal handlers, Ctrl-A x). The first wins. */
  requestStop(reason: string, status: number): void {
    if (this.stopRequest === null) this.stopRequest = { reason, status };
    this.wakeStopped?.();
  }

  private interrupted(): Interrupted {
    const k = this.kvm;
    return { kind: "interrupted", ...this.stopRequest!, pc: k.pc, instructions: k.icount, lastExits: k.stats.last() };
  }

  async run(opts: SessionOptions): Promise<SessionResult> {
    const k = this.kvm;
    const slice = opts.slice ?? SESSION_SLICE;
    const con = opts.console;
    const dbg = opts.debugger;
    for (;;) {
      if (this.stopRequest) return this.interrupted();
      if (dbg) {
        const go = await Promise.race([dbg.gate(), this.stopped()]);
        if (this.stopRequest) return this.interrupted();
        if (go === "kill") {
          this.requestStop("gdb kill", 0);
          return this.interrupted();
        }
      }
      if (con) con.input.pump(con.uart);
      let r: RunResult | undefined;
      if (dbg?.fine) r = dbg.runFine(Math.min(slice >> 6, opts.maxInsns - k.icount));
      else r = k.run(Math.min(opts.maxInsns, k.icount + slice));
      opts.afterSlice?.();
      if (r !== undefined && !(r.kind === "budget" && r.instructions < opts.maxInsns)) {
        if (r.kind === "stalled" && con && this.waitsForConsole(con)) {
          // The guest waits for something only the console can bring: wait for it.
          await Promise.race([con.input.waitForInput(), this.stopped()]);
          if (this.stopRequest || con.input.pending > 0) continue;
          // stdin ended with nothing more for the guest: it is stalled for good.
        }
        dbg?.ended(r);
        return r;
      }
      await turn();
    }
  }

  /** The guest's console driver listens, nothing is waiting for it, and stdin is still open. */
  private waitsForConsole(con: { input: ConsoleSource; uart: Uart16550 }): boolean {
    return (con.uart.ier & IER_RDI) !== 0 && !con.uart.irq && con.uart.pendingInput === 0 && con.input.pending === 0 && !con.input.eof;
  }

  private stopped(): Promise<"stopped"> {
    return new Promise((resolve) => {
      if (this.stopRequest) resolve("stopped");
      else this.wakeStopped = () => resolve("stopped");
    });
  }
}

/** The report for a run ended from the host, as describeRunResult words the others. */
export function describeInterrupted(r: Interrupted, formatExit: (e: ExitRecord) => string, exits = true): string {
  return [
    `${r.reason}: guest stopped at pc ${hex(r.pc)} after ${r.instructions} instructions`,
    ...(!exits ? [] : r.lastExits.length === 0
      ? ["no exits before this point"]
      : [`last ${r.lastExits.length} exit${r.lastExits.length > 1 ? "s" : ""} (oldest first):`, ...r.lastExits.map((e) => "  " + formatExit(e))]),
  ].join("\n");
}

// How a run ends. Every way a guest can stop is a value of `RunResult`, never a host exception:
// a guest that jumps into nowhere, executes garbage or touches a device that is not there ends
// its run with a `fatal` result that says where (guest PC) and what led there (the last exits).
//
// Devices do not stop the machine themselves: they call `StopLatch.request` (the Malta FPGA's
// SOFTRES, a power-off register, the 440's DBCR0 reset) and the run loop, which checks the latch
// after every exit, ends the run with that request. The first request wins. A device that meets
// a guest action the board does not model calls `StopLatch.fail`: the run ends as `fatal` with
// its message (the MIPS kvm adds the guest instruction that made the access).

import type { ExitRecord } from "./stats.ts";
import { hex } from "./format.ts";

/** The guest asked to stop: board reset (QEMU with -no-reboot exits then), power-off, or halt. */
export interface StopRequest {
  cause: "reset" | "poweroff" | "halt";
  /** Process exit status the CLI should use (QEMU -no-reboot: 0 for a guest reset). */
  status: number;
  /** Who asked, e.g. "malta-fpga SOFTRES". */
  source: string;
}

export type RunResult =
  | ({ kind: "stopped"; pc: number; instructions: number } & StopRequest)
  | {
      kind: "fatal";
      /** One line: what went wrong, in guest terms. */
      message: string;
      pc: number;
      instructions: number;
      lastExits: ExitRecord[];
    }
  | {
      /** The guest can never make progress: interrupts off and spinning, waiting with nothing
       *  that could wake it, or exits that retire nothing (`--stall-limit`). */
      kind: "stalled";
      /** One line: why, in guest terms. */
      message: string;
      pc: number;
      instructions: number;
      lastExits: ExitRecord[];
    }
  | { kind: "budget"; pc: number; instructions: number; lastExits: ExitRecord[] };

/** Collects the first stop request; the run loop polls `requested` after each exit. */
export class StopLatch {
  requested: StopRequest | null = null;
  /** A device met a guest action the board does not model; the run ends as fatal with this. */
  failure: string | null = null;

  fail(message: string): void {
    if (this.failure === null) this.failure = message;
  }

  request(r: StopRequest): void {
    if (this.requested === null) this.requested = r;
  }

  clear(): void {
    this.requested = null;
    this.failure = null;
  }
}

/** Process exit codes for the CLI: the guest's status when it stopped itself, else these. */
export const EXIT_CODE_FATAL = 1;
export const EXIT_CODE_BUDGET = 2;
export const EXIT_CODE_STALLED = 3;

export function exitCode(r: RunResult): number {
  switch (r.kind) {
    case "stopped":
      return r.status;
    case "fatal":
      return EXIT_CODE_FATAL;
    case "budget":
      return EXIT_CODE_BUDGET;
    case "stalled":
      return EXIT_CODE_STALLED;
  }
}

/**
 * A report for the user: one headline, then (for fatal and budget) the last exits, oldest
 * first, each formatted by the caller's stats (ExitStats.formatLast) or plainly here.
 */
export function describeRunResult(
  r: RunResult,
  formatExit: (e: ExitRecord) => string = plainExit,
): string {
  switch (r.kind) {
    case "stopped":
      return `guest requested ${r.cause} (${r.source}), status ${r.status}, after ${r.instructions} instructions`;
    case "fatal":
      return [
        `fatal guest error at pc ${hex(r.pc)} after ${r.instructions} instructions: ${r.message}`,
        ...lastExitLines(r.lastExits, formatExit),
      ].join("\n");
    case "stalled":
      return [
        `guest stalled at pc ${hex(r.pc)} after ${r.instructions} instructions: ${r.message}`,
        ...lastExitLines(r.lastExits, formatExit),
      ].join("\n");
    case "budget":
      return [
        `instruction budget exhausted: ${r.instructions} instructions executed, guest pc ${hex(r.pc)}`,
        ...lastExitLines(r.lastExits, formatExit),
      ].join("\n");
  }
}

function lastExitLines(exits: ExitRecord[], formatExit: (e: ExitRecord) => string): string[] {
  if (exits.length === 0) return ["no exits before this point"];
  return [
    `last ${exits.length} exit${exits.length > 1 ? "s" : ""} (oldest first):`,
    ...exits.map((e) => "  " + formatExit(e)),
  ];
}

function plainExit(e: ExitRecord): string {
  return `#${e.seq} ${e.reason} pc=${hex(e.pc)}${e.detail.map((d) => " " + hex(d)).join("")}`;
}

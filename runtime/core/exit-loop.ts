// The exit loop both hypervisors share: kvm_arch_vcpu_ioctl_run's loop of "enter the guest, take
// an exit, handle it", with what must be looked at between slices. Each hypervisor supplies the
// architecture's part through `Guest`: timers and interrupts before a slice (`prepare`), and a
// slice of the vCPU with the handling of the exit that ended it (`step`).
//
// Time is counted in instructions, so a slice never runs past the next timer deadline: both the
// decrementer (440) and Count = Compare (MIPS) fire at the exact instruction they would on an
// instruction-counting clock, whatever the slice length.

import { type RunResult, type StopLatch } from "./run-result.ts";
import type { ExitStats } from "./stats.ts";

/** Longest slice between two looks at the timers and the stop latch. Only the host's
 *  responsiveness depends on it: deadlines bound every slice and devices change state only on
 *  exits, which end slices, so guest behaviour is the same for any value. */
export const SLICE_INSNS = 1 << 16;

/** Exits in a row that retire nothing before the run ends as stalled (`--stall-limit`). */
export const DEFAULT_STALL_LIMIT = 10_000;

/** The guest can never make progress again: why, in guest terms. */
export interface Hang {
  readonly hang: string;
}

export interface Guest {
  readonly stop: StopLatch;
  readonly stats: ExitStats;
  /** A guest error met while handling an exit; ends the run as fatal. */
  readonly fatal: string | null;
  /** The vCPU's PC and instructions retired. */
  readonly pc: number;
  readonly icount: number;
  /**
   * Timers, interrupt delivery and wait states before a slice. Returns how many instructions may
   * run before the next timer deadline (Infinity: none), 0 when the state changed and the loop
   * should look again (an interrupt was injected, a wait state ended), or a Hang.
   */
  prepare(budget: number): number | Hang;
  /** Runs the vCPU for at most `n` (≥ 1) instructions and handles the exit that ended them. */
  step(n: number): Hang | undefined;
}

export interface LoopOptions {
  /** Instructions in total before the run ends as "budget". */
  maxInsns?: number;
  /** Exits in a row without progress before the run ends as stalled; 0: never. */
  stallLimit?: number;
  /** Longest slice (tests use short ones). */
  sliceInsns?: number;
}

/** Runs until the guest stops, a fatal error, a hang, or `maxInsns` instructions in total. */
export function runExitLoop(g: Guest, opts: LoopOptions = {}): RunResult {
  const maxInsns = opts.maxInsns ?? Infinity;
  const stallLimit = opts.stallLimit ?? DEFAULT_STALL_LIMIT;
  const slice = opts.sliceInsns ?? SLICE_INSNS;
  const stop = g.stop;
  let stalled = 0;
  for (;;) {
    if (stop.requested)
      return { kind: "stopped", pc: g.pc, instructions: g.icount, ...stop.requested };
    const fatal = g.fatal ?? stop.failure;
    if (fatal !== null) return ended(g, "fatal", fatal);
    if (g.icount >= maxInsns)
      return { kind: "budget", pc: g.pc, instructions: g.icount, lastExits: g.stats.last() };
    const room = g.prepare(maxInsns - g.icount);
    if (typeof room !== "number") return ended(g, "stalled", room.hang);
    if (room === 0) continue;
    const before = g.icount;
    const hang = g.step(Math.max(1, Math.min(room, slice, maxInsns - g.icount)));
    if (hang) return ended(g, "stalled", hang.hang);
    // An exit that retires nothing (an interrupt whose handler faults at once, a shadow fill
    // that does not help) must not spin the host for ever.
    if (g.icount !== before) stalled = 0;
    else if (stallLimit > 0 && ++stalled >= stallLimit)
      return ended(
        g,
        "stalled",
        `no progress: ${stallLimit} exits in a row without retiring an instruction (last: ${g.stats.last().at(-1)?.reason ?? "none"})`,
      );
  }
}

function ended(g: Guest, kind: "fatal" | "stalled", message: string): RunResult {
  return { kind, message, pc: g.pc, instructions: g.icount, lastExits: g.stats.last() };
}

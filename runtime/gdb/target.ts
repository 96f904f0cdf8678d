// What the GDB stub (cli/gdb.ts, runtime/gdb/rsp.ts) needs of a guest: its registers in GDB's
// numbering, its memory as the guest sees it, and single steps. One small adapter per ISA
// (target-mips.ts, target-ppc.ts) implements it over the hypervisor; nothing in the hypervisors
// knows about GDB. Stepping goes through the hypervisor's own `run(icount + 1)`, so the stub
// works the same whichever execution engine runs the guest.

import type { RunResult } from "../core/run-result.ts";
import type { GuestMemory } from "../vmm/memory.ts";

export interface GdbTarget {
  /** GDB's architecture name (qXfer target description, `set architecture`). */
  readonly arch: string;
  readonly bigEndian: boolean;
  /** Registers in the `g` packet, in GDB's numbering: each one's size in bytes. */
  readonly regSizes: readonly number[];
  /** A target description (qXfer:features:read:target.xml), or none: GDB's default layout. */
  readonly targetXml?: string;
  /** Register n's value as an unsigned number (bigint for 8-byte registers). */
  readReg(n: number): bigint;
  /** Sets register n; false when it cannot be written. */
  writeReg(n: number, v: bigint): boolean;
  readonly pc: number;
  /** Guest-virtual → guest-physical through the guest's current translation (no side effects);
   *  undefined when nothing maps it. */
  translate(va: number): number | undefined;
  readonly memory: GuestMemory;
  /** Host code wrote guest RAM: forget decoded instructions there. */
  invalidateCode(pa: number, len: number): void;
  /**
   * Runs one instruction as GDB's single step means it (MIPS: a branch together with its delay
   * slot); returns the run's end if the guest stopped, fatal or stalled on the way.
   */
  step(): RunResult | undefined;
  /** Between instructions as GDB may see them (MIPS: not between a branch and its delay slot). */
  readonly atBoundary: boolean;
  readonly icount: number;
}

/** Reads guest-virtual memory byte by byte through `translate` (RAM only); undefined if any byte is unmapped. */
export function readVirtual(t: GdbTarget, va: number, len: number): Uint8Array | undefined {
  const out = new Uint8Array(len);
  let done = 0;
  while (done < len) {
    const a = (va + done) >>> 0;
    const pa = t.translate(a);
    if (pa === undefined) return undefined;
    const n = Math.min(len - done, 0x1000 - (a & 0xfff));
    const bytes = t.memory.readBytes(pa, n);
    if (bytes === undefined) return undefined;
    out.set(bytes, done);
    done += n;
  }
  return out;
}

/** Writes guest-virtual memory (RAM only); false, writing nothing, if any byte is unmapped. */
export function writeVirtual(t: GdbTarget, va: number, data: Uint8Array): boolean {
  const pieces: [number, number, number][] = [];
  let done = 0;
  while (done < data.length) {
    const a = (va + done) >>> 0;
    const pa = t.translate(a);
    const n = Math.min(data.length - done, 0x1000 - (a & 0xfff));
    if (pa === undefined || !t.memory.isRam(pa, n)) return false;
    pieces.push([pa, done, n]);
    done += n;
  }
  for (const [pa, off, n] of pieces) {
    t.memory.writeBytes(pa, data.subarray(off, off + n));
    t.invalidateCode(pa, n);
  }
  return true;
}

/** Steps until `done` holds after a whole instruction, or the run ends. */
export function stepRun(run: (max: number) => RunResult, icount: () => number): RunResult | undefined {
  const r = run(icount() + 1);
  return r.kind === "budget" ? undefined : r;
}

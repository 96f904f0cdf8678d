// createMaltaMips for host paths (the CLI, tests, benchmarks): bootMaltaMips (boot.ts) with each
// path read through node:fs when the board loads it (vmm/host-file.ts).

import type { GuestFile } from "../../vmm/guest-file.ts";
import { toGuestFile } from "../../vmm/host-file.ts";
import type { Result } from "../../vmm/elf.ts";
import { bootMaltaMips, type MaltaBootOptions, type MaltaMips } from "./boot.ts";

export interface MaltaMipsOptions extends Omit<MaltaBootOptions, "kernel" | "initrd"> {
  kernel: string | GuestFile;
  initrd?: string | GuestFile;
}

/** Builds the board, loads the kernel and sets up the boot hand-over (boot.ts). */
export function createMaltaMips(opts: MaltaMipsOptions): Result<MaltaMips> {
  return bootMaltaMips({
    ...opts,
    kernel: toGuestFile(opts.kernel),
    initrd: opts.initrd === undefined ? undefined : toGuestFile(opts.initrd),
  });
}

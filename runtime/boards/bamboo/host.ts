// createBambooPpc for host paths (the CLI, tests, benchmarks): bootBambooPpc (boot.ts) with each
// path read through node:fs when the board loads it (vmm/host-file.ts).

import type { GuestFile } from "../../vmm/guest-file.ts";
import { toGuestFile } from "../../vmm/host-file.ts";
import type { Result } from "../../vmm/elf.ts";
import { bootBambooPpc, type BambooBootOptions, type BambooPpc } from "./boot.ts";

export interface BambooPpcOptions extends Omit<BambooBootOptions, "kernel" | "dtb" | "initrd"> {
  kernel: string | GuestFile;
  dtb?: string | GuestFile;
  initrd?: string | GuestFile;
}

/** Builds the board, loads the kernel and sets up QEMU's hand-over state (boot.ts). */
export function createBambooPpc(opts: BambooPpcOptions): Result<BambooPpc> {
  return bootBambooPpc({
    ...opts,
    kernel: toGuestFile(opts.kernel),
    dtb: opts.dtb === undefined ? undefined : toGuestFile(opts.dtb),
    initrd: opts.initrd === undefined ? undefined : toGuestFile(opts.initrd),
  });
}

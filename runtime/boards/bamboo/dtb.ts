// What QEMU 7.2's bamboo does to its device tree before it enters a -kernel (hw/ppc/ppc440_bamboo.c,
// bamboo_load_device_tree): the pc-bios bamboo.dtb is patched — /memory `reg` becomes the RAM
// size, /chosen gets `linux,initrd-start`/`linux,initrd-end` (both 0 without an initrd) and
// `bootargs`, /cpus/cpu@0 gets `clock-frequency` and `timebase-frequency` (400 MHz each: QEMU's
// 440EP core clock, which also drives the timebase) — and the result is copied to 0x01800000.

import { findNode, parseFdt, serializeFdt, type Fdt } from "../../vmm/fdt.ts";
import type { Result } from "../../vmm/elf.ts";

export const BAMBOO_FDT_ADDR = 0x01800000;
/** Where QEMU's bamboo loads -initrd (RAMDISK_ADDR). */
export const BAMBOO_INITRD_ADDR = 0x01900000;
/** The 440EP's core clock and timebase in QEMU's bamboo (both 400 MHz). */
export const BAMBOO_CLOCK_HZ = 400_000_000;

export interface BambooDtbPatch {
  ramBytes: number;
  /** Physical bounds of the loaded initrd, or [0, 0] without one. */
  initrd: [start: number, end: number];
  bootargs: string;
}

/** Parses the board dtb, applies QEMU's patches and returns the blob to load. */
export function patchBambooDtb(blob: Uint8Array, patch: BambooDtbPatch): Result<Uint8Array> {
  const parsed = parseFdt(blob);
  if (!parsed.ok) return parsed;
  const fdt: Fdt = parsed.value;
  const memory = findNode(fdt, "/memory");
  const cpu = findNode(fdt, "/cpus/cpu@0");
  if (!memory || !cpu)
    return { ok: false, error: "device tree: no /memory or /cpus/cpu@0 node (not a Bamboo tree?)" };
  // The root has #address-cells 2, #size-cells 1: reg = <0 0 size>, as QEMU writes it.
  memory.setU32("reg", 0, 0, patch.ramBytes);
  const chosen = fdt.root.ensureChild("chosen");
  chosen.setU32("linux,initrd-start", patch.initrd[0]);
  chosen.setU32("linux,initrd-end", patch.initrd[1]);
  chosen.setString("bootargs", patch.bootargs);
  cpu.setU32("clock-frequency", BAMBOO_CLOCK_HZ);
  cpu.setU32("timebase-frequency", BAMBOO_CLOCK_HZ);
  // QEMU's load_device_tree opens the tree into a buffer of (file size + 10000) * 2 bytes and
  // that is the totalsize the guest sees. Linux reserves totalsize bytes at the blob, so the
  // size shows in its "Memory: …K reserved" line.
  return { ok: true, value: serializeFdt(fdt, (blob.length + 10000) * 2) };
}

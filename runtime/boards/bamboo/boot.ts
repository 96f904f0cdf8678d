// Board glue: the PowerPC 440 core (machine + kvm) on the Bamboo vmm (board.ts), started
// the way QEMU 7.2's `-M bamboo -kernel prog.elf` starts an ELF (hw/ppc/ppc440_bamboo.c,
// main_cpu_reset): pc = the ELF entry, r1 = 16 MiB - 8, r3 = the device-tree address
// (0x01800000), MSR = 0, and one TLB entry mapping virtual 0 → physical 0 (TID 0, TS 0,
// supervisor read/write/execute). What a guest sees of it was checked with
// test/guests/ppc/hello (r6 and r7 are 0 in QEMU 7.2, MSR 0, PVR 0x422218d3).
//
// QEMU makes that entry 2 GB, a size the 440 cannot encode (qemu-deviations.md PowerPC 9); here it
// is the largest size that exists, 256 MB, which covers RAM. A guest that reads the entry back
// with tlbre sees the difference; the test guests rewrite entry 0 before they use it.
//
// With `dtb` the device tree is patched and loaded as QEMU does (dtb.ts), with the initrd
// at 0x01900000. QEMU always has its pc-bios bamboo.dtb; we have no bundled copy, so without
// `dtb` nothing is loaded there (the bare-metal guests only print the address).
//
// Files come as GuestFiles (vmm/guest-file.ts), so this module runs in a browser too; host.ts
// is createBambooPpc for host paths.

import { BambooVmm, type BambooOptions } from "./board.ts";
import type { Result } from "../../vmm/elf.ts";
import { BAMBOO_FDT_ADDR, BAMBOO_INITRD_ADDR, patchBambooDtb } from "./dtb.ts";
import { Ppc440Kvm, type Ppc440KvmOptions } from "../../ppc/kvm.ts";
import { settleIntFields } from "../../core/fields.ts";
import type { GuestFile } from "../../vmm/guest-file.ts";

export interface BambooPpc {
  vmm: BambooVmm;
  kvm: Ppc440Kvm;
  entry: number;
}

export interface BambooBootOptions extends BambooOptions, Ppc440KvmOptions {
  kernel: GuestFile;
  /** The board's device tree blob (QEMU's pc-bios/bamboo.dtb), patched and loaded at 0x01800000. */
  dtb?: GuestFile;
  /** An initrd image loaded as is at 0x01900000 (QEMU -initrd). Needs `dtb` to be found. */
  initrd?: GuestFile;
  /** The kernel command line, /chosen/bootargs (QEMU -append; default empty). */
  cmdline?: string;
}

/** Builds the board, loads the kernel and sets up QEMU's hand-over state. */
export function bootBambooPpc(opts: BambooBootOptions): Result<BambooPpc> {
  const vmm = new BambooVmm(opts);
  const loaded = vmm.loadKernel(opts.kernel);
  if (!loaded.ok) return loaded;
  const boot = loadBootData(vmm, opts);
  if (!boot.ok) return boot;
  const kvm = new Ppc440Kvm(vmm, opts);
  qemuBootState(kvm, loaded.value.entry);
  // Before any guest code runs, so that nothing is compiled against a field that changes later.
  settleIntFields({ vmm, kvm });
  return { ok: true, value: { vmm, kvm, entry: loaded.value.entry } };
}

/** Loads the initrd and the patched device tree into RAM (QEMU's bamboo_init order). */
function loadBootData(vmm: BambooVmm, opts: BambooBootOptions): Result<void> {
  if (opts.initrd !== undefined && opts.dtb === undefined)
    return {
      ok: false,
      error: "--initrd needs --dtb: the kernel finds the initrd through the device tree",
    };
  let initrd: [number, number] = [0, 0];
  if (opts.initrd !== undefined) {
    const image = readFile(opts.initrd);
    if (!image.ok) return image;
    if (!vmm.memory.writeBytes(BAMBOO_INITRD_ADDR, image.value))
      return {
        ok: false,
        error: `${opts.initrd.name}: ${image.value.length} bytes at 0x01900000 do not fit in RAM`,
      };
    initrd = [BAMBOO_INITRD_ADDR, BAMBOO_INITRD_ADDR + image.value.length];
  }
  if (opts.dtb === undefined) return { ok: true, value: undefined };
  const blob = readFile(opts.dtb);
  if (!blob.ok) return blob;
  const patched = patchBambooDtb(blob.value, {
    ramBytes: vmm.ramBytes,
    initrd,
    bootargs: opts.cmdline ?? "",
  });
  if (!patched.ok) return { ok: false, error: `${opts.dtb.name}: ${patched.error}` };
  if (!vmm.memory.writeBytes(BAMBOO_FDT_ADDR, patched.value))
    return { ok: false, error: `${opts.dtb.name}: the device tree at 0x01800000 does not fit in RAM` };
  return { ok: true, value: undefined };
}

function readFile(file: GuestFile): Result<Uint8Array> {
  try {
    return { ok: true, value: file.read() };
  } catch (e) {
    return { ok: false, error: `${file.name}: ${(e as Error).message}` };
  }
}

/** The vCPU state QEMU's bamboo reset hands an ELF entry point (see the header). */
export function qemuBootState(kvm: Ppc440Kvm, entry: number): void {
  const m = kvm.machine;
  // No invalidateCode(): the machine's predecode cache starts empty and the ELF was loaded before
  // the machine existed (a loader that runs later must call it).
  m.gpr[1] = 16 * 1024 * 1024 - 8;
  m.gpr[3] = BAMBOO_FDT_ADDR;
  m.pc = entry | 0;
  kvm.setMsr(0);
  // EPN 0, V, TS 0, 256 MB / RPN 0 / SX SW SR; TID 0
  kvm.guestTlb.set(0, 0x00000000 | 0x200 | (9 << 4), 0, 0x07, 0);
}

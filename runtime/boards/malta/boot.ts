// Board glue: the MIPS core (machine + kvm) on the Malta vmm (board.ts), started the way
// QEMU's `-M malta -kernel prog.elf` starts a kernel. QEMU writes a boot stub in the boot ROM
// (hw/mips/malta.c, write_bootloader) that leaves, at the kernel's entry point:
//   a0 = 2 (argc), a1 = argv (ENVP_VADDR 0x80002000), a2 = envp (argv + 8),
//   a3 = RAM size (at most 256 MiB), sp = ENVP_VADDR - 64, Status = BEV (ERL cleared),
// and the prom table at physical 0x2000: argv[0] = the kernel's file name, argv[1] = the
// command line, then envp pairs (memsize, ememsize, modetty0, rngseed) and a NULL.
// With an initrd (QEMU load_kernel), the image goes at the end of low RAM less 128 KiB (room
// the kernel's early allocations expect), rounded up to 64 KiB, and the command line starts
// with `rd_start=0xffffffff8XXXXXXX rd_size=N` (KSEG0 address printed as a sign-extended
// 64-bit value, as QEMU does).

//
// Files come as GuestFiles (vmm/guest-file.ts), so this module runs in a browser too; host.ts
// is createMaltaMips for host paths.

import { MaltaVmm, type MaltaOptions } from "./board.ts";
import type { Result } from "../../vmm/elf.ts";
import { MipsKvm, type MipsKvmOptions } from "../../mips/kvm.ts";
import { settleIntFields } from "../../core/fields.ts";
import { baseName, type GuestFile } from "../../vmm/guest-file.ts";

/** Fields that count instructions (core/fields.ts). */
const MALTA_COUNTERS: ReadonlySet<string> = new Set(["icount", "sliceEnd"]);

export const ENVP_VADDR = 0x80002000;
const ENVP_PADDR = 0x2000;
const KiB = 1024;
/** QEMU's INITRD_PAGE_SIZE for Malta: the initrd starts on a 64 KiB boundary. */
const INITRD_ALIGN = 64 * KiB;
/**
 * The prom's `rngseed` (QEMU passes 32 random bytes as hex). Fixed here so that runs are
 * reproducible; a guest that needs real entropy must not rely on it.
 */
const RNG_SEED = "00".repeat(32);

export interface MaltaMips {
  vmm: MaltaVmm;
  kvm: MipsKvm;
  entry: number;
}

export interface MaltaBootOptions extends MaltaOptions, MipsKvmOptions {
  kernel: GuestFile;
  cmdline?: string;
  /** An initial ramdisk to load high in low RAM (QEMU -initrd). */
  initrd?: GuestFile;
}

/** Builds the board, loads the kernel and sets up the boot hand-over. */
export function bootMaltaMips(opts: MaltaBootOptions): Result<MaltaMips> {
  const vmm = new MaltaVmm(opts);
  const loaded = vmm.loadKernel(opts.kernel);
  if (!loaded.ok) return loaded;
  const kvm = new MipsKvm(vmm, opts);
  wireMaltaInterrupts(vmm, kvm);
  vmm.cycles = () => kvm.cycles();
  const trace = opts.trace;
  if (trace !== undefined)
    vmm.isa.onUnclaimed = (a) =>
      trace(
        `isa port 0x${a.port.toString(16).padStart(4, "0")} ${a.isWrite ? `write 0x${a.value.toString(16)}` : "read"} (${a.width} byte${a.width > 1 ? "s" : ""}): no device`,
      );
  let cmdline = opts.cmdline ?? "";
  if (opts.initrd !== undefined) {
    const rd = loadInitrd(vmm, opts.initrd, loaded.value.high);
    if (!rd.ok) return rd;
    const kseg0 = (0x80000000 + rd.value.pa).toString(16);
    cmdline = `rd_start=0xffffffff${kseg0} rd_size=${rd.value.size} ${cmdline}`;
  }
  writePromTable(vmm, baseName(opts.kernel.name), cmdline);
  const r = kvm.machine.gpr;
  const ramLow = Math.min(vmm.ramBytes, 256 * 1024 * 1024);
  r[4] = 2;
  r[5] = ENVP_VADDR | 0;
  r[6] = (ENVP_VADDR + 8) | 0;
  r[7] = ramLow | 0;
  r[29] = (ENVP_VADDR - 64) | 0;
  kvm.machine.jump(loaded.value.entry | 0);
  // Before any guest code runs, so that nothing is compiled against a field that changes later.
  // The instruction count and the slice's end pass 2^31 (the kernel starts after 2.04 G
  // instructions); the MIPS interpreter adds to icount once per slice.
  settleIntFields({ vmm, kvm }, MALTA_COUNTERS);
  return { ok: true, value: { vmm, kvm, entry: loaded.value.entry } };
}

/**
 * Connects the board's interrupt outputs to the CPU (QEMU malta: the i8259's INT to the CPU's
 * IRQ 2, the CBUS UART to IRQ 4). The ISA devices (ttyS0 on IRQ 4, ttyS1 on IRQ 3) reach the
 * CPU through the i8259s; a guest that leaves them unprogrammed still sees ttyS0 on IP2, since
 * the PICs come out of reset with nothing masked.
 */
export function wireMaltaInterrupts(vmm: MaltaVmm, kvm: MipsKvm): void {
  vmm.pic.onIrq = (level) => kvm.setIrq(2, level);
  vmm.cbusUart.onIrq = (level) => kvm.setIrq(4, level);
}

function loadInitrd(
  vmm: MaltaVmm,
  file: GuestFile,
  kernelHigh: number,
): Result<{ pa: number; size: number }> {
  const path = file.name;
  let image: Uint8Array;
  try {
    image = file.read();
  } catch (e) {
    return {
      ok: false,
      error: `${path}: cannot read the initrd (${(e as { code?: string }).code ?? (e as Error).message})`,
    };
  }
  const ramLow = Math.min(vmm.ramBytes, 256 * 1024 * 1024);
  const pa = Math.ceil((ramLow - (image.length + 128 * KiB)) / INITRD_ALIGN) * INITRD_ALIGN;
  if (pa <= (kernelHigh & 0x1fffffff) || pa + image.length > ramLow)
    return {
      ok: false,
      error: `${path}: ${image.length} bytes do not fit in RAM above the kernel (memory too small for the initrd)`,
    };
  vmm.memory.writeBytes(pa, image);
  return { ok: true, value: { pa, size: image.length } };
}

function writePromTable(vmm: MaltaVmm, argv0: string, cmdline: string): void {
  const entries = [
    argv0,
    cmdline,
    "memsize",
    String(Math.min(vmm.ramBytes, 256 * 1024 * 1024)),
    "ememsize",
    String(vmm.ramBytes),
    "modetty0",
    "38400n8r",
    "rngseed",
    RNG_SEED,
  ];
  // QEMU: ENVP_NB_ENTRIES = 16 pointers, then 256 bytes per string.
  const table = new DataView(new ArrayBuffer(16 * 4 + entries.length * 256));
  const bytes = new Uint8Array(table.buffer);
  const enc = new TextEncoder();
  entries.forEach((s, i) => {
    const off = 16 * 4 + i * 256;
    table.setUint32(i * 4, ENVP_VADDR + off, true);
    bytes.set(enc.encode(s).slice(0, 255), off);
  });
  // The entry after the envp pairs stays NULL.
  vmm.memory.writeBytes(ENVP_PADDR, bytes);
}

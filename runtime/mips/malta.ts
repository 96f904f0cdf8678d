// Board glue: the MIPS core (machine + kvm) on the Malta vmm (boards/malta.ts), started the way
// QEMU's `-M malta -kernel prog.elf` starts a kernel. QEMU writes a boot stub in the boot ROM
// (hw/mips/malta.c, write_bootloader) that leaves, at the kernel's entry point:
//   a0 = 2 (argc), a1 = argv (ENVP_VADDR 0x80002000), a2 = envp (argv + 8),
//   a3 = RAM size (at most 256 MiB), sp = ENVP_VADDR - 64, Status = BEV (ERL cleared),
// and the prom table at physical 0x2000: argv[0] = the kernel's file name, argv[1] = the
// command line, then envp pairs (memsize, ememsize, modetty0) and a NULL.

import { basename } from "node:path";
import { MaltaVmm, type MaltaOptions } from "../boards/malta.ts";
import type { Result } from "../vmm/elf.ts";
import { MipsKvm, type MipsKvmOptions } from "./kvm.ts";

export const ENVP_VADDR = 0x80002000;
const ENVP_PADDR = 0x2000;

export interface MaltaMips {
  vmm: MaltaVmm;
  kvm: MipsKvm;
  entry: number;
}

export interface MaltaMipsOptions extends MaltaOptions, MipsKvmOptions {
  kernel: string;
  cmdline?: string;
}

/** Builds the board, loads the kernel and sets up the boot hand-over. */
export function createMaltaMips(opts: MaltaMipsOptions): Result<MaltaMips> {
  const vmm = new MaltaVmm(opts);
  const loaded = vmm.loadKernel(opts.kernel);
  if (!loaded.ok) return loaded;
  const kvm = new MipsKvm(vmm, opts);
  wireMaltaInterrupts(vmm, kvm);
  writePromTable(vmm, basename(opts.kernel), opts.cmdline ?? "");
  const r = kvm.machine.r;
  const ramLow = Math.min(vmm.ramBytes, 256 * 1024 * 1024);
  r[4] = 2;
  r[5] = ENVP_VADDR | 0;
  r[6] = (ENVP_VADDR + 8) | 0;
  r[7] = ramLow | 0;
  r[29] = (ENVP_VADDR - 64) | 0;
  kvm.machine.jump(loaded.value.entry | 0);
  return { ok: true, value: { vmm, kvm, entry: loaded.value.entry } };
}

/**
 * Connects the board's interrupt outputs to the CPU. ttyS0's interrupt reaches the CPU through
 * the i8259 on IP2; with no i8259 model yet the line goes to IP2 directly.
 */
export function wireMaltaInterrupts(vmm: MaltaVmm, kvm: MipsKvm): void {
  vmm.uart.onIrq = (level) => kvm.setIrq(2, level);
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
  // Entry 8 (after the envp pairs) stays NULL.
  vmm.memory.writeBytes(ENVP_PADDR, bytes);
}

// The userspace ("vmm") half of the PowerPC 440EP Bamboo board as QEMU's `-M bamboo` presents
// it to an ELF loaded with -kernel: RAM from physical 0, the two 16550 UARTs on the OPB, and the
// ELF loader (QEMU's load_elf without address translation: segments go to p_paddr). The 440
// core, its TLBs and the DCR devices (UIC0, SDRAM controller) plug in on top; the board's reset
// is a CPU register (DBCR0[RST]), so the core requests it through `stop`.
//
// Physical map (QEMU hw/ppc/ppc440_bamboo.c; pc-bios/bamboo.dts):
//   0x00000000  RAM
//   0xef600300  UART0, 16550, registers 1 byte apart, UIC0 irq 0 (the console)
//   0xef600400  UART1, UIC0 irq 1

import { Uart16550 } from "../devices/uart16550.ts";
import {
  EM_PPC,
  identityPhys,
  loadElf32,
  readElf32,
  type LoadedElf,
  type Result,
} from "../vmm/elf.ts";
import { GuestMemory } from "../vmm/memory.ts";
import { MmioBus, type MmioBusOptions } from "../vmm/mmio.ts";
import { StopLatch } from "../run-result.ts";

export const BAMBOO_UART0_BASE = 0xef600300;
export const BAMBOO_UART1_BASE = 0xef600400;
const MiB = 1024 * 1024;

export interface BambooOptions {
  /** RAM bytes, a multiple of 4 KiB. Default 64 MiB. */
  ramBytes?: number;
  /** Where UART0's output goes. */
  uartSink?: (byte: number) => void;
  onUnclaimed?: MmioBusOptions["onUnclaimed"];
}

export class BambooVmm {
  readonly littleEndian = false;
  readonly memory: GuestMemory;
  readonly bus: MmioBus;
  readonly stop = new StopLatch();
  readonly uart0: Uart16550;
  readonly uart1: Uart16550;
  readonly ramBytes: number;

  constructor(opts: BambooOptions = {}) {
    this.ramBytes = opts.ramBytes ?? 64 * MiB;
    this.memory = new GuestMemory(false);
    this.memory.addRam({ base: 0, size: this.ramBytes, name: "ram" });
    this.bus = new MmioBus({ littleEndian: false, onUnclaimed: opts.onUnclaimed });
    this.uart0 = new Uart16550({ name: "uart0", sink: opts.uartSink });
    this.uart1 = new Uart16550({ name: "uart1" });
    this.bus.map(BAMBOO_UART0_BASE, 8, this.uart0);
    this.bus.map(BAMBOO_UART1_BASE, 8, this.uart1);
  }

  /** Loads an ELF32 big-endian PowerPC executable; returns its entry. */
  loadKernel(path: string): Result<LoadedElf> {
    const image = readElf32(path, { machine: EM_PPC, littleEndian: false });
    if (!image.ok) return image;
    return loadElf32(image.value, this.memory, identityPhys);
  }
}

// The userspace ("vmm") half of the MIPS Malta board as QEMU's `-M malta` presents it to a
// kernel loaded with -kernel: memory slots, the devices a bare-metal guest or an early Linux
// boot reaches, and the ELF loader. The CPU (machine + kvm layers) plugs in on top: it turns
// guest accesses to addresses no slot covers into MmioExits and hands them to `bus.handle`,
// and polls `stop` after each exit.
//
// Physical map (QEMU hw/mips/malta.c, mips_malta_init):
//   0x00000000  RAM, the first min(size, 256 MiB) (QEMU: alias "mips_malta_low_preio.ram")
//   0x20000000  RAM from 512 MiB on, when there is more than 512 MiB ("low_postio" alias)
//   0x80000000  all of RAM (QEMU registers the RAM itself there, "undisturbed by IO")
//   0x180003f8  16550 UART, ISA port 0x3f8 (ttyS0). On the real board and in QEMU this goes
//               GT-64120 PCI I/O window → PIIX4 → SuperIO; QEMU's boot stub programs the
//               window to 0x18000000 before jumping to the kernel, so a guest finds the port
//               there. Mapped directly here; the GT-64120 model comes with the Linux boot.
//   0x1f000000  FPGA registers (SOFTRES at 0x500), except 0x1f000900-0x1f0009ff
//   0x1f000900  CBUS UART (16550, registers 8 bytes apart)
//   0x1fc00000  boot ROM: the word at 0x1fc00010 is 0x00000420 (MIPS_REVISION: Core LV,
//               GT-64120 system controller), which Linux reads to identify the board.

import {
  MALTA_CBUS_UART_OFFSET,
  MALTA_FPGA_BASE,
  MALTA_FPGA_SIZE,
  MaltaFpga,
} from "../devices/malta-fpga.ts";
import { Uart16550 } from "../devices/uart16550.ts";
import {
  EM_MIPS,
  loadElf32,
  mipsKsegToPhys,
  readElf32,
  type LoadedElf,
  type Result,
} from "../vmm/elf.ts";
import { GuestMemory } from "../vmm/memory.ts";
import { MmioBus, type MmioBusOptions, type MmioDevice, type Width } from "../vmm/mmio.ts";
import { StopLatch } from "../run-result.ts";

export const MALTA_ISA_IO_BASE = 0x18000000;
export const MALTA_UART_PORT = 0x3f8;
export const MALTA_BOOTROM_BASE = 0x1fc00000;
export const MALTA_BOOTROM_SIZE = 0x400000;
/** MIPS_REVISION word: CORID 1 (Core LV), SCONID 0 (GT-64120). */
export const MALTA_REVISION = 0x00000420;
const MiB = 1024 * 1024;

/** The boot ROM as far as a kernel reads it: the revision word, zeros elsewhere, writes ignored. */
class MaltaBootRom implements MmioDevice {
  readonly name = "malta-bootrom";
  read(offset: number, width: Width): number {
    if (offset >= 0x10 && offset < 0x14)
      return (
        (MALTA_REVISION >>> ((offset - 0x10) * 8)) &
        (width === 4 ? 0xffffffff : width === 2 ? 0xffff : 0xff)
      );
    return 0;
  }
  write(): void {}
}

export interface MaltaOptions {
  /** RAM bytes, a multiple of 4 KiB, at most 2 GiB (QEMU's limit). Default 64 MiB. */
  ramBytes?: number;
  /** Where ttyS0's output goes. */
  uartSink?: (byte: number) => void;
  onUnclaimed?: MmioBusOptions["onUnclaimed"];
}

export class MaltaVmm {
  readonly littleEndian = true;
  readonly memory: GuestMemory;
  readonly bus: MmioBus;
  readonly stop = new StopLatch();
  /** ttyS0 at ISA 0x3f8. */
  readonly uart: Uart16550;
  /** The FPGA's CBUS UART (a third 8250 port for Linux). */
  readonly cbusUart: Uart16550;
  readonly fpga: MaltaFpga;
  readonly ramBytes: number;

  constructor(opts: MaltaOptions = {}) {
    const ram = opts.ramBytes ?? 64 * MiB;
    if (ram > 2048 * MiB)
      throw new Error(`malta: ${ram / MiB} MiB of RAM; the board takes at most 2048 MiB`);
    this.ramBytes = ram;
    this.memory = new GuestMemory(true);
    const all = this.memory.addRam({ base: 0x80000000, size: ram, name: "ram" });
    this.memory.addAlias({ base: 0, size: Math.min(ram, 256 * MiB), of: all, name: "ram low" });
    if (ram > 512 * MiB)
      this.memory.addAlias({
        base: 512 * MiB,
        size: ram - 512 * MiB,
        of: all,
        offset: 512 * MiB,
        name: "ram post-io",
      });

    this.bus = new MmioBus({ littleEndian: true, onUnclaimed: opts.onUnclaimed });
    this.uart = new Uart16550({ name: "uart0 (ISA 0x3f8)", sink: opts.uartSink });
    this.bus.map(MALTA_ISA_IO_BASE + MALTA_UART_PORT, 8, this.uart);
    this.fpga = new MaltaFpga({
      littleEndian: true,
      onReset: () => this.stop.request({ cause: "reset", status: 0, source: "malta-fpga SOFTRES" }),
    });
    this.bus.map(MALTA_FPGA_BASE, MALTA_CBUS_UART_OFFSET, this.fpga, { name: "malta-fpga" });
    this.bus.map(MALTA_FPGA_BASE + 0xa00, MALTA_FPGA_SIZE - 0xa00, offsetDevice(this.fpga, 0xa00), {
      name: "malta-fpga (high)",
    });
    this.cbusUart = new Uart16550({ name: "cbus-uart", regShift: 3 });
    this.bus.map(MALTA_FPGA_BASE + MALTA_CBUS_UART_OFFSET, 0x100, this.cbusUart);
    this.bus.map(MALTA_BOOTROM_BASE, MALTA_BOOTROM_SIZE, new MaltaBootRom());
  }

  /** Loads an ELF32 little-endian MIPS executable linked in KSEG0/KSEG1; returns its entry. */
  loadKernel(path: string): Result<LoadedElf> {
    const image = readElf32(path, { machine: EM_MIPS, littleEndian: true });
    if (!image.ok) return image;
    return loadElf32(image.value, this.memory, mipsKsegToPhys);
  }
}

/** The same device seen from a region that starts `delta` bytes into it. */
function offsetDevice(dev: MmioDevice, delta: number): MmioDevice {
  return {
    name: dev.name,
    read: (off, w) => dev.read(off + delta, w),
    write: (off, w, v) => dev.write(off + delta, w, v),
  };
}

// The userspace ("vmm") half of the MIPS Malta board as QEMU's `-M malta` presents it to a
// kernel loaded with -kernel: memory slots, the devices a bare-metal guest or a Linux boot
// reaches, and the ELF loader. The CPU (machine + kvm layers) plugs in on top: it turns guest
// accesses to addresses no slot covers into MmioExits and hands them to `bus.handle`, and
// polls `stop` after each exit.
//
// Physical map (QEMU hw/mips/malta.c, mips_malta_init), as QEMU's boot stub leaves it:
//   0x00000000  RAM, the first min(size, 256 MiB) (QEMU: alias "mips_malta_low_preio.ram")
//   0x18000000  GT-64120 PCI_0 I/O window: the PC port space behind the PIIX4 (isa-io.ts):
//                 0x020/0x0a0 i8259 master/slave, 0x4d0 ELCR (→ CPU IP2)
//                 0x060/0x064 i8042 keyboard controller (keyboard on IRQ 1, AUX IRQ 12)
//                 0x070 MC146818 RTC
//                 0x3f8 16550 ttyS0 (ISA IRQ 4), 0x2f8 16550 ttyS1 (IRQ 3)
//                 PMBA (Linux: 0x1000) PIIX4 power management: soft-off stops the run
//                 USB BAR4 (Linux: 0x1040) PIIX4 UHCI registers (no USB devices)
//   0x1be00000  GT-64120 registers (moved there from 0x14000000 by the boot stub), with the
//               PCI configuration mechanism: 00.0 the GT-64120, 10.0-10.3 the PIIX4,
//               11.0 a PCnet network card (configuration space only)
//   0x1f000000  FPGA registers (SOFTRES at 0x500), except 0x1f000900-0x1f0009ff
//   0x1f000900  CBUS UART (16550, registers 8 bytes apart; → CPU IP4)
//   0x1fc00000  boot ROM: the word at 0x1fc00010 is 0x00000420 (MIPS_REVISION: Core LV,
//               GT-64120 system controller), which Linux reads to identify the board.
//   0x20000000  RAM from 512 MiB on, when there is more than 512 MiB ("low_postio" alias)
//   0x80000000  all of RAM (QEMU registers the RAM itself there, "undisturbed by IO")
// Not modelled (reads of their ports see all ones): the i8254 PIT, ISA DMA, floppy, parallel
// port, IDE/SMBus registers, USB schedules, the PCnet's registers, PCI memory space (no VGA).

import {
  MALTA_CBUS_UART_OFFSET,
  MALTA_FPGA_BASE,
  MALTA_FPGA_SIZE,
  MaltaFpga,
} from "../../devices/malta-fpga.ts";
import { Uart16550 } from "../../devices/uart16550.ts";
import {
  GT_BASE,
  GT_PCI0_IO_BASE,
  GT_SIZE,
  Gt64120,
  addGt64120PciFunction,
} from "../../devices/gt64120.ts";
import { DualI8259, ELCR_PORT, I8259_MASTER_PORT, I8259_SLAVE_PORT } from "../../devices/i8259.ts";
import { ISA_IO_SIZE, IsaIoSpace } from "../../devices/isa-io.ts";
import { Mc146818, RTC_PORT } from "../../devices/mc146818.ts";
import { PciBus } from "../../devices/pci.ts";
import { addPiix4 } from "../../devices/piix4.ts";
import { addPcnet } from "../../devices/pcnet.ts";
import { Piix4Pm } from "../../devices/piix4-pm.ts";
import { Uhci } from "../../devices/uhci.ts";
import { I8042, I8042_DATA_PORT, I8042_STATUS_PORT } from "../../devices/i8042.ts";
import {
  EM_MIPS,
  loadElf32,
  mipsKsegToPhys,
  readElf32,
  type LoadedElf,
  type Result,
} from "../../vmm/elf.ts";
import type { GuestFile } from "../../vmm/guest-file.ts";
import { GuestMemory } from "../../vmm/memory.ts";
import {
  MmioBus,
  type MmioBusOptions,
  type MmioDevice,
  type MmioExit,
  type Width,
} from "../../vmm/mmio.ts";
import { StopLatch } from "../../core/run-result.ts";

export const MALTA_ISA_IO_BASE = GT_PCI0_IO_BASE;
export const MALTA_UART_PORT = 0x3f8;
export const MALTA_BOOTROM_BASE = 0x1fc00000;
export const MALTA_BOOTROM_SIZE = 0x400000;
/** MIPS_REVISION word: CORID 1 (Core LV), SCONID 0 (GT-64120). */
export const MALTA_REVISION = 0x00000420;
const MiB = 1024 * 1024;
/**
 * The nominal CPU clock: one guest instruction (or idle step) is one cycle at this rate, so
 * Count runs at half of it and the RTC's seconds last this many cycles. Lower than QEMU's
 * 320 MHz so that time-based waits in a kernel (the RTC-edge frequency estimate, delays
 * calibrated against it) cost fewer host instructions; Linux measures and uses whatever it is.
 */
export const MALTA_CPU_HZ = 100_000_000;
/** What the RTC shows at board start (2026-11-22T02:01:00Z): fixed, so runs repeat exactly. */
export const MALTA_RTC_EPOCH = 1795312860;

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
  /** Unix time the RTC shows at start (default MALTA_RTC_EPOCH). */
  rtcEpoch?: number;
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
  /** ttyS1 at ISA 0x2f8 (the Super I/O's second port; no host side). */
  readonly uart1: Uart16550;
  readonly fpga: MaltaFpga;
  readonly ramBytes: number;
  readonly pci = new PciBus();
  readonly gt: Gt64120;
  readonly isa = new IsaIoSpace();
  readonly pic = new DualI8259();
  readonly rtc: Mc146818;
  readonly pm: Piix4Pm;
  readonly usb = new Uhci();
  /** The keyboard controller, with a keyboard that never types and an empty AUX port. */
  readonly kbc: I8042;
  /** Guest cycles so far; the CPU installs its clock here (devices that keep time read it). */
  cycles: () => number = () => 0;

  /** How many cycles the MMIO access `e` just made stays quiet (MmioDevice.quiet), for the
   *  hypervisor's polling-loop skip. */
  quietCycles(e: MmioExit): number {
    return this.bus.quiet(e) * MALTA_CPU_HZ;
  }

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
    addGt64120PciFunction(this.pci);
    this.pm = new Piix4Pm({
      now: () => this.cycles() / MALTA_CPU_HZ,
      powerOff: () =>
        this.stop.request({ cause: "poweroff", status: 0, source: "piix4-pm PMCNTRL" }),
      unsupported: (message) => this.stop.fail(message),
    });
    addPiix4(this.pci, this.isa, this.pm, this.usb);
    addPcnet(this.pci);
    this.gt = new Gt64120({
      pci: this.pci,
      interruptAcknowledge: () => this.pic.acknowledge(),
      unsupported: (message) => this.stop.fail(message),
    });
    this.bus.map(GT_BASE, GT_SIZE, this.gt);
    // Only the 64 KiB of port space is decoded; the rest of the 2 MiB window reads as open bus.
    this.bus.map(MALTA_ISA_IO_BASE, ISA_IO_SIZE, this.isa);
    this.isa.register(I8259_MASTER_PORT, 2, this.pic.masterPorts);
    this.isa.register(I8259_SLAVE_PORT, 2, this.pic.slavePorts);
    this.isa.register(ELCR_PORT, 2, this.pic.elcrPorts);
    this.rtc = new Mc146818({
      now: () => this.cycles() / MALTA_CPU_HZ,
      epoch: opts.rtcEpoch ?? MALTA_RTC_EPOCH,
    });
    this.isa.register(RTC_PORT, 2, this.rtc);
    this.uart = new Uart16550({ name: "uart0 (ISA 0x3f8)", sink: opts.uartSink });
    this.isa.register(MALTA_UART_PORT, 8, this.uart);
    this.uart.onIrq = (level) => this.pic.setIrq(4, level);
    this.kbc = new I8042({
      setIrq: (irq, level) => this.pic.setIrq(irq, level),
      reset: () => this.stop.request({ cause: "reset", status: 0, source: "i8042 reset pulse" }),
    });
    this.isa.register(I8042_DATA_PORT, 1, this.kbc);
    this.isa.register(I8042_STATUS_PORT, 1, offsetDevice(this.kbc, 4));
    this.uart1 = new Uart16550({ name: "uart1 (ISA 0x2f8)" });
    this.isa.register(0x2f8, 8, this.uart1);
    this.uart1.onIrq = (level) => this.pic.setIrq(3, level);
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
  loadKernel(kernel: GuestFile): Result<LoadedElf> {
    const image = readElf32(kernel, { machine: EM_MIPS, littleEndian: true });
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

// Intel 82371AB PIIX4, Malta's south bridge, as PCI device 10 on the GT-64120's bus: the four
// functions Linux enumerates (QEMU hw/isa/piix4.c, hw/ide/piix.c, hw/usb/hcd-uhci.c,
// hw/acpi/piix4.c; IDs from the PIIX4 datasheet, 290562):
//
//   10.0 PCI-to-ISA bridge  8086:7110 class 0x060100, multifunction header
//   10.1 IDE controller     8086:7111 class 0x010180 (legacy mode, bus master), BAR4 16 ports
//   10.2 USB (UHCI)         8086:7112 class 0x0c0300, BAR4 32 ports, INTD#; the UHCI registers
//                           (uhci.ts) decode at BAR4 while I/O space is enabled
//   10.3 power management   8086:7113 class 0x068000; its PM I/O block (piix4-pm.ts) decodes
//                           at PMBA (0x40) while PMREGMISC (0x80) bit 0 is set
//
// Function 0's PIRQ route control bytes (0x60-0x63) hold what QEMU's Malta sets (PIRQA/B → IRQ
// 10, PIRQC/D → IRQ 11); Linux reads them to route PCI interrupts (arch/mips/pci/fixup-malta.c).
// The functions answer configuration cycles only: the ISA devices behind function 0 (i8259s,
// RTC, UARTs) are separate models at their legacy ports; IDE and SMBus do not decode.

import type { IsaIoSpace } from "./isa-io.ts";
import { PciBus, PciFunction } from "./pci.ts";
import { PIIX4_PM_SIZE, Piix4Pm } from "./piix4-pm.ts";
import { UHCI_IO_SIZE, Uhci } from "./uhci.ts";

export const PIIX4_DEVICE = 10;

export function addPiix4(bus: PciBus, isa: IsaIoSpace, pm: Piix4Pm, usb: Uhci): void {
  bus.add(
    PIIX4_DEVICE,
    0,
    new PciFunction({
      name: "piix4-isa",
      vendor: 0x8086,
      device: 0x7110,
      classCode: 0x060100,
      multifunction: true,
      initial: {
        0x04: 0x07, // command: I/O, memory, bus master (QEMU piix4_isa_reset)
        0x07: 0x02, // status: DEVSEL medium
        0x4c: 0x4d, // ISA I/O recovery timer
        0x4e: 0x03, // X-bus chip select
        0x60: 0x0a, // PIRQRC[A] → IRQ 10
        0x61: 0x0a, // PIRQRC[B] → IRQ 10
        0x62: 0x0b, // PIRQRC[C] → IRQ 11
        0x63: 0x0b, // PIRQRC[D] → IRQ 11
        0x69: 0x02, // top of memory
        0x70: 0x80, // motherboard IRQ routing: disabled
        0x76: 0x0c, // DMA channel routing
        0x77: 0x0c,
        0x78: 0x02,
        0xa0: 0x08, // SMI control
        0xa8: 0x0f,
      },
      // The routing, top-of-memory, general configuration (0xb0-0xb3) and serial IRQ control
      // (0x64) bytes are read/write; Linux's Malta fixups read-modify-write them.
      writable: {
        0x4c: 0xff,
        0x4e: 0xff,
        0x4f: 0xff,
        0x60: 0x8f,
        0x61: 0x8f,
        0x62: 0x8f,
        0x63: 0x8f,
        0x64: 0xff,
        0x69: 0xff,
        0x70: 0xff,
        0x76: 0xff,
        0x77: 0xff,
        0xb0: 0xff,
        0xb1: 0xff,
        0xb2: 0xff,
        0xb3: 0xff,
      },
    }),
  );
  bus.add(
    PIIX4_DEVICE,
    1,
    new PciFunction({
      name: "piix4-ide",
      vendor: 0x8086,
      device: 0x7111,
      classCode: 0x010180,
      bars: { 4: { io: true, size: 16 } },
      initial: { 0x07: 0x02 },
    }),
  );
  const fn2 = bus.add(
    PIIX4_DEVICE,
    2,
    new PciFunction({
      name: "piix4-usb",
      vendor: 0x8086,
      device: 0x7112,
      classCode: 0x0c0300,
      interruptPin: 4,
      bars: { 4: { io: true, size: 32 } },
      initial: { 0x07: 0x02, 0x60: 0x10 }, // serial bus release number: USB 1.0
    }),
  );
  fn2.onWrite = () => void isa.place(usb, fn2.ioBarBase(4), UHCI_IO_SIZE);
  const fn3 = bus.add(
    PIIX4_DEVICE,
    3,
    new PciFunction({
      name: "piix4-pm",
      vendor: 0x8086,
      device: 0x7113,
      classCode: 0x068000,
      interruptPin: 1,
      // PMBA (0x40): I/O space indicator bit set, base written by Linux's Malta fixup (0x1000),
      // PMREGMISC (0x80) enables it. SMBBA (0x90) = 0x1100 and SMBHSTCFG (0xd2) = 0x09
      // (enabled, interrupts to IRQ 9) as QEMU's Malta sets them; the SMBus registers
      // themselves are not modelled.
      initial: { 0x07: 0x02, 0x40: 0x01, 0x90: 0x01, 0x91: 0x11, 0xd2: 0x09 },
      writable: { 0x40: 0xc0, 0x41: 0xff, 0x80: 0x01, 0x90: 0xf0, 0x91: 0xff, 0xd2: 0x0f },
    }),
  );
  fn3.onWrite = () => {
    const c = fn3.config;
    const base = (c[0x40] | (c[0x41] << 8)) & 0xffc0;
    isa.place(pm, c[0x80] & 1 ? base : null, PIIX4_PM_SIZE);
  };
}

// The AMD PCnet-PCI II (Am79C970A) network card QEMU's Malta has in PCI slot 11
// (hw/mips/malta.c network_init; hw/net/pcnet-pci.c): configuration space only, so that the
// bus enumerates as under QEMU (IDs 1022:2000, class 0x020000, BAR0 32 I/O ports, BAR1 32 bytes
// of memory, a 256 KiB expansion ROM, INTA#). Debian builds its driver as a module, which the
// initrd does not load; the registers do not decode.

import { PciBus, PciFunction } from "./pci.ts";

export const PCNET_DEVICE = 11;

export function addPcnet(bus: PciBus): void {
  bus.add(
    PCNET_DEVICE,
    0,
    new PciFunction({
      name: "pcnet",
      vendor: 0x1022,
      device: 0x2000,
      revision: 0x10,
      classCode: 0x020000,
      interruptPin: 1,
      bars: { 0: { io: true, size: 32 }, 1: { io: false, size: 32 } },
      rom: 0x40000,
      initial: { 0x06: 0x80, 0x07: 0x02, 0x3e: 0x06, 0x3f: 0xff }, // status; MIN_GNT, MAX_LAT
    }),
  );
}

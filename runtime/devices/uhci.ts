// The PIIX4's USB host controller (function 10.2) as far as a kernel's early hand-off reaches
// it: the UHCI I/O registers at BAR4 (UHCI Design Guide 1.1, section 2.1; QEMU
// hw/usb/hcd-uhci.c). Linux's PCI quirk (drivers/usb/host/pci-quirks.c, uhci_reset_hc) sets
// HCRESET, waits 5 µs and warns "HCRESET not completed yet!" if the bit still reads 1.
//   0x00 USBCMD   RS (0), HCRESET (1: resets the registers, then reads 0), GRESET, EGSM, FGR,
//                 SWDBG, CF, MAXP
//   0x02 USBSTS   USBINT, error, resume, host system error, process error (write 1 to clear);
//                 HCHalted (5) = RS clear
//   0x04 USBINTR  0x06 FRNUM (11 bits)  0x08 FRBASEADD (32-bit, 4 KiB aligned)  0x0c SOFMOD
//   0x10/0x12 PORTSC1/2: no device attached; bit 7 is reserved and reads 1
// Not modelled: the schedule. With RS set the controller does not run frames (no USB devices
// exist on this board), so nothing completes and no interrupt is raised.

import type { MmioDevice, Width } from "../vmm/mmio.ts";

export const UHCI_IO_SIZE = 0x20;

export class Uhci implements MmioDevice {
  readonly name = "piix4-uhci";
  private cmd = 0;
  private sts = 0;
  private intr = 0;
  private frnum = 0;
  private flbase = 0;
  private sofmod = 0x40;
  private readonly portsc = [0x0080, 0x0080];

  read(offset: number, width: Width): number {
    if (offset >= 0x08 && offset < 0x0c) {
      const v = this.flbase >>> ((offset - 0x08) * 8);
      return width === 4 ? v >>> 0 : width === 2 ? v & 0xffff : v & 0xff;
    }
    const reg = offset & ~1;
    const v = this.reg16(reg) >>> ((offset & 1) * 8);
    return width === 1 ? v & 0xff : width === 2 ? v & 0xffff : (v | (this.reg16(reg + 2) << 16)) >>> 0;
  }

  write(offset: number, width: Width, value: number): void {
    if (offset >= 0x08 && offset < 0x0c) {
      const shift = (offset - 0x08) * 8;
      const m = (width === 4 ? 0xffffffff : width === 2 ? 0xffff : 0xff) << shift;
      this.flbase = ((this.flbase & ~m) | ((value << shift) & m) & 0xfffff000) >>> 0;
      return;
    }
    if (width === 4) {
      this.write(offset, 2, value & 0xffff);
      this.write(offset + 2, 2, value >>> 16);
      return;
    }
    const reg = offset & ~1;
    if (width === 1) {
      // A byte write merges into the 16-bit register (status bits: only the byte's own bits).
      const shift = (offset & 1) * 8;
      value = reg === 0x02 ? (value & 0xff) << shift : (this.reg16(reg) & ~(0xff << shift)) | ((value & 0xff) << shift);
    }
    switch (reg) {
      case 0x00:
        if (value & 0x02) {
          this.reset();
          return;
        }
        this.cmd = value & 0xff;
        return;
      case 0x02:
        this.sts &= ~(value & 0x1f);
        return;
      case 0x04:
        this.intr = value & 0x0f;
        return;
      case 0x06:
        this.frnum = value & 0x7ff;
        return;
      case 0x0c:
        this.sofmod = value & 0x7f;
        return;
      case 0x10:
      case 0x12:
        // Port enable/suspend/reset bits with nothing attached: keep the reserved bit.
        this.portsc[(reg - 0x10) >> 1] = 0x0080 | (value & 0x1240);
        return;
      default:
        return;
    }
  }

  private reg16(reg: number): number {
    switch (reg) {
      case 0x00:
        return this.cmd;
      case 0x02:
        return this.sts | (this.cmd & 1 ? 0 : 0x20);
      case 0x04:
        return this.intr;
      case 0x06:
        return this.frnum;
      case 0x0c:
        return this.sofmod;
      case 0x10:
      case 0x12:
        return this.portsc[(reg - 0x10) >> 1];
      default:
        return 0;
    }
  }

  private reset(): void {
    this.cmd = 0;
    this.sts = 0;
    this.intr = 0;
    this.frnum = 0;
    this.flbase = 0;
    this.sofmod = 0x40;
    this.portsc[0] = this.portsc[1] = 0x0080;
  }
}

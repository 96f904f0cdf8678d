// The PIIX4 power management I/O block (function 3, 64 ports at PMBA), the registers Linux's
// piix4-poweroff driver and QEMU's hw/acpi/piix4.c + hw/acpi/core.c agree on (PIIX4 datasheet
// 290562, section 7.2):
//   0x00 PMSTS  16-bit status, write 1 to clear: TMROF_STS (0), BM_STS (4), GBL_STS (5),
//               PWRBTN_STS (8), RSM_STS (15). Nothing here sets them: no power button, no
//               timer overflow interrupt.
//   0x02 PMEN   16-bit enables (stored)
//   0x04 PMCNTRL 16-bit: SCI_EN (0), SUS_TYP (12:10), SUS_EN (13, write-only). Setting SUS_EN
//               with SUS_TYP 0 (soft off) powers the board off: the run stops with status 0, as
//               QEMU exits on that write. Other sleep types (suspend) are not modelled and end
//               the run with a message.
//   0x08 PMTMR  24-bit ACPI power management timer at 3.579545 MHz, from the board's clock.
// Other ports in the block read 0 and ignore writes.

import type { MmioDevice, Width } from "../vmm/mmio.ts";

export const PIIX4_PM_SIZE = 0x40;
const PMSTS = 0x00,
  PMEN = 0x02,
  PMCNTRL = 0x04,
  PMTMR = 0x08;
const SUS_EN = 0x2000;
const PMTMR_HZ = 3579545;

export interface Piix4PmOptions {
  /** Virtual time in seconds since the board started. */
  now: () => number;
  powerOff: () => void;
  unsupported: (message: string) => void;
}

export class Piix4Pm implements MmioDevice {
  readonly name = "piix4-pm";
  private sts = 0;
  private en = 0;
  private cntrl = 0;

  constructor(private readonly opts: Piix4PmOptions) {}

  read(offset: number, width: Width): number {
    const reg = offset & ~1;
    let v: number;
    if (offset >= PMTMR && offset < PMTMR + 4) {
      const t = Math.floor(this.opts.now() * PMTMR_HZ) & 0xffffff;
      return (t >>> ((offset - PMTMR) * 8)) & widthMask(width);
    }
    if (reg === PMSTS) v = this.sts;
    else if (reg === PMEN) v = this.en;
    else if (reg === PMCNTRL) v = this.cntrl;
    else return 0;
    // 32-bit reads of PMSTS return PMSTS | PMEN << 16, as the registers are adjacent.
    if (width === 4 && reg === PMSTS) return (this.sts | (this.en << 16)) >>> 0;
    return (v >>> ((offset & 1) * 8)) & widthMask(width);
  }

  write(offset: number, width: Width, value: number): void {
    if (width === 4 && offset === PMSTS) {
      this.write(PMSTS, 2, value & 0xffff);
      this.write(PMEN, 2, value >>> 16);
      return;
    }
    if (width === 1) {
      // Byte writes merge into the 16-bit register.
      const reg = offset & ~1;
      const shift = (offset & 1) * 8;
      const cur = reg === PMEN ? this.en : reg === PMCNTRL ? this.cntrl & ~SUS_EN : 0;
      value = reg === PMSTS ? (value & 0xff) << shift : (cur & ~(0xff << shift)) | ((value & 0xff) << shift);
      offset = reg;
    }
    switch (offset) {
      case PMSTS:
        this.sts &= ~value;
        return;
      case PMEN:
        this.en = value & 0xffff;
        return;
      case PMCNTRL: {
        this.cntrl = value & 0x1c01; // SUS_EN reads back 0
        if ((value & SUS_EN) === 0) return;
        const type = (value >>> 10) & 7;
        if (type === 0) this.opts.powerOff();
        else this.opts.unsupported(`piix4-pm: the guest asked for sleep state SUS_TYP=${type}; only soft-off (0) is modelled`);
        return;
      }
      default:
        return;
    }
  }
}

function widthMask(width: Width): number {
  return width === 4 ? 0xffffffff : width === 2 ? 0xffff : 0xff;
}

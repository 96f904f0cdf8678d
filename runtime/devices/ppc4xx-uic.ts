// The PowerPC 4xx Universal Interrupt Controller (UIC) as QEMU's ppcuic (hw/intc/ppc-uic.c) and
// Linux's uic.c program it: 32 inputs in IBM bit numbering (input 0 is the most significant bit
// of each register), nine DCRs from the board's base in the 440EP manual's order (SR, SRS, ER,
// CR, PR, TR, MSR, VR, VCR), and two outputs to the core: non-critical (external input) and
// critical input, chosen per input by CR.

/** Register offsets from the UIC's DCR base. */
export const UIC_SR = 0;
export const UIC_SRS = 1;
export const UIC_ER = 2;
export const UIC_CR = 3;
export const UIC_PR = 4;
export const UIC_TR = 5;
export const UIC_MSR = 6;
export const UIC_VR = 7;
export const UIC_VCR = 8;
/** DCRs the UIC decodes from its base. */
export const UIC_DCRS = 9;

export class Ppc4xxUic {
  /** Status (SR), enable (ER), critical (CR), polarity (PR), edge-triggered (TR), vector
   *  configuration (VCR), and the asserted levels of the level-triggered inputs. */
  sr = 0;
  er = 0;
  cr = 0;
  pr = 0xffffffff;
  tr = 0;
  vcr = 0;
  level = 0;
  /** The two outputs to the core (called whenever they may have changed). */
  onOutput: (external: boolean, critical: boolean) => void = () => {};

  /** An input line. Edge-triggered lines (TR) latch a rising edge; level-triggered ones follow
   *  the line, as QEMU's ppcuic. Polarity (PR) is kept but, as in QEMU, not applied. */
  setIrq(irq: number, level: boolean): void {
    const mask = (1 << (31 - irq)) >>> 0;
    if (this.tr & mask) {
      if (level) this.sr = (this.sr | mask) >>> 0;
    } else if (level) {
      this.sr = (this.sr | mask) >>> 0;
      this.level = (this.level | mask) >>> 0;
    } else {
      this.sr = (this.sr & ~mask) >>> 0;
      this.level = (this.level & ~mask) >>> 0;
    }
    this.update();
  }

  private update(): void {
    const active = (this.sr & this.er) >>> 0;
    this.onOutput((active & ~this.cr) !== 0, (active & this.cr) !== 0);
  }

  /** mfdcr of register `reg` (an offset from the base). */
  read(reg: number): number {
    switch (reg) {
      case UIC_SR:
      case UIC_SRS:
        return this.sr >>> 0; // SRS reads as SR
      case UIC_ER:
        return this.er;
      case UIC_CR:
        return this.cr;
      case UIC_PR:
        return this.pr;
      case UIC_TR:
        return this.tr;
      case UIC_MSR:
        return (this.sr & this.er) >>> 0; // masked status
      case UIC_VR:
        return 0; // the vector is not modelled (Linux reads MSR)
      case UIC_VCR:
        return this.vcr;
    }
    return 0;
  }

  /** mtdcr of register `reg` (an offset from the base). */
  write(reg: number, v: number): void {
    v >>>= 0;
    switch (reg) {
      case UIC_SR:
        this.sr = ((this.sr & ~v) | (this.level & ~this.tr)) >>> 0; // write-1-to-clear; asserted levels stay
        this.update();
        return;
      case UIC_SRS:
        this.sr = (this.sr | v) >>> 0; // software sets status bits
        this.update();
        return;
      case UIC_ER:
        this.er = v;
        this.update();
        return;
      case UIC_CR:
        this.cr = v;
        this.update();
        return;
      case UIC_PR:
        this.pr = v;
        return;
      case UIC_TR:
        this.tr = v;
        this.update();
        return;
      case UIC_MSR:
      case UIC_VR:
        return; // read-only
      case UIC_VCR:
        this.vcr = v;
        return;
    }
  }
}

// Two Intel 8259A programmable interrupt controllers cascaded as on every PC and in Malta's PIIX4:
// the slave's INT drives the master's IR2; the master's INT goes to the CPU (Malta: Cause.IP2).
// Semantics from the 8259A datasheet (ICW1-4, OCW1-3, fully nested priority with rotation, EOI
// forms, poll mode, special mask) and the PIIX4's ELCR registers (ports 0x4d0/0x4d1, one bit per
// IRQ: 1 = level-triggered), checked against QEMU's hw/intc/i8259.c where the datasheet leaves
// room:
//   - edge mode latches a rising input into IRR; level mode follows the input;
//   - an INTA (`acknowledge()`, reached on Malta by reading the GT-64120's PCI_0 IACK register)
//     moves the highest-priority request from IRR to ISR and returns its vector (ICW2 base + IR);
//     with nothing pending it returns the spurious IR7 vector, as the hardware does;
//   - OCW3 poll reads the highest request as 0x80 | IR and acknowledges it, or 0;
//   - ELCR bits that the PIIX4 hardwires to edge (IRQ 0, 1, 2, 8, 13) read as 0.
// Not modelled: ICW1 LTIM (the PIIX4 ignores it; ELCR decides), buffered mode, 8080 call vectors.

import type { MmioDevice, Width } from "../vmm/mmio.ts";

class Pic {
  irr = 0;
  imr = 0;
  isr = 0;
  /** IR with the highest priority is `priorityAdd` (rotation). */
  priorityAdd = 0;
  vectorBase = 0;
  readIsr = false;
  poll = false;
  specialMask = false;
  /** 0: operational; 1, 2, 3: expecting ICW2, ICW3, ICW4. */
  initState = 0;
  autoEoi = false;
  rotateOnAutoEoi = false;
  specialFullyNested = false;
  needIcw4 = false;
  single = false;
  /** Input levels seen last, for edge detection. */
  lastInput = 0;
  elcr = 0;

  constructor(
    readonly isMaster: boolean,
    /** ELCR bits that exist (the PIIX4 hardwires IRQ 0, 1, 2, 8 and 13 to edge). */
    readonly elcrMask: number,
  ) {}

  /** Priority rank (0 = highest) of the best bit in `mask`, or 8 when empty. */
  private priority(mask: number): number {
    if (mask === 0) return 8;
    let p = 0;
    while ((mask & (1 << ((p + this.priorityAdd) & 7))) === 0) p++;
    return p;
  }

  /** The IR this chip would interrupt for now, or -1. */
  pending(): number {
    const p = this.priority(this.irr & ~this.imr);
    if (p === 8) return -1;
    let inService = this.isr;
    if (this.specialMask) inService &= ~this.imr;
    // Special fully nested mode (master): requests from the slave may nest on an in-service IR2.
    if (this.specialFullyNested && this.isMaster) inService &= ~(1 << 2);
    return p < this.priority(inService) ? (p + this.priorityAdd) & 7 : -1;
  }

  input(ir: number, level: boolean): void {
    const m = 1 << ir;
    if (this.elcr & m) {
      if (level) this.irr |= m;
      else this.irr &= ~m;
    } else if (level) {
      if ((this.lastInput & m) === 0) this.irr |= m;
    }
    if (level) this.lastInput |= m;
    else this.lastInput &= ~m;
  }

  intack(ir: number): void {
    const m = 1 << ir;
    if (this.autoEoi) {
      if (this.rotateOnAutoEoi) this.priorityAdd = (ir + 1) & 7;
    } else this.isr |= m;
    // A level-triggered request stays in IRR while its input is high.
    if ((this.elcr & m) === 0) this.irr &= ~m;
  }

  writeCommand(v: number): void {
    if (v & 0x10) {
      // ICW1: clears the mask and in-service state and starts the init sequence.
      this.lastInput = 0;
      this.irr &= this.elcr;
      this.imr = 0;
      this.isr = 0;
      this.priorityAdd = 0;
      this.vectorBase = 0;
      this.readIsr = false;
      this.poll = false;
      this.specialMask = false;
      this.autoEoi = false;
      this.rotateOnAutoEoi = false;
      this.specialFullyNested = false;
      this.needIcw4 = (v & 1) !== 0;
      this.single = (v & 2) !== 0;
      this.initState = 1;
    } else if (v & 0x08) {
      // OCW3
      if (v & 0x04) this.poll = true;
      if (v & 0x02) this.readIsr = (v & 1) !== 0;
      if (v & 0x40) this.specialMask = (v & 0x20) !== 0;
    } else {
      // OCW2: R, SL, EOI in bits 7:5
      const cmd = v >>> 5;
      switch (cmd) {
        case 0: // rotate in automatic EOI mode: clear
        case 4: // set
          this.rotateOnAutoEoi = cmd === 4;
          break;
        case 1: // non-specific EOI
        case 5: {
          // rotate on non-specific EOI
          const p = this.priority(this.isr);
          if (p !== 8) {
            const ir = (p + this.priorityAdd) & 7;
            this.isr &= ~(1 << ir);
            if (cmd === 5) this.priorityAdd = (ir + 1) & 7;
          }
          break;
        }
        case 3: // specific EOI
          this.isr &= ~(1 << (v & 7));
          break;
        case 6: // set priority: IR v&7 becomes the lowest
          this.priorityAdd = (v + 1) & 7;
          break;
        case 7: // rotate on specific EOI
          this.isr &= ~(1 << (v & 7));
          this.priorityAdd = ((v & 7) + 1) & 7;
          break;
        default: // 2: no operation
          break;
      }
    }
  }

  writeData(v: number): void {
    switch (this.initState) {
      case 0: // OCW1
        this.imr = v;
        break;
      case 1: // ICW2
        this.vectorBase = v & 0xf8;
        this.initState = this.single ? (this.needIcw4 ? 3 : 0) : 2;
        break;
      case 2: // ICW3 (cascade wiring is fixed on the board)
        this.initState = this.needIcw4 ? 3 : 0;
        break;
      default: // ICW4
        this.specialFullyNested = (v & 0x10) !== 0;
        this.autoEoi = (v & 0x02) !== 0;
        this.initState = 0;
        break;
    }
  }

  readPort(port: 0 | 1): number {
    if (this.poll) {
      this.poll = false;
      const ir = this.pending();
      if (ir < 0) return 0;
      this.intack(ir);
      return 0x80 | ir;
    }
    if (port === 1) return this.imr;
    return this.readIsr ? this.isr : this.irr;
  }
}

export const I8259_MASTER_PORT = 0x20;
export const I8259_SLAVE_PORT = 0xa0;
export const ELCR_PORT = 0x4d0;

export class DualI8259 {
  private readonly master = new Pic(true, 0xf8);
  private readonly slave = new Pic(false, 0xde);
  private output = false;
  /** The master's INT output changed (Malta: CPU interrupt IP2). */
  onIrq?: (level: boolean) => void;

  /** Port windows for the ISA bus: 0x20-0x21, 0xa0-0xa1, 0x4d0-0x4d1. */
  readonly masterPorts: MmioDevice = this.ports(this.master, "i8259 master");
  readonly slavePorts: MmioDevice = this.ports(this.slave, "i8259 slave");
  readonly elcrPorts: MmioDevice = {
    name: "i8259 elcr",
    read: (off) => (off === 0 ? this.master.elcr : this.slave.elcr),
    write: (off, _w, v) => {
      const p = off === 0 ? this.master : this.slave;
      p.elcr = v & p.elcrMask;
      this.update();
    },
  };

  /** ISA interrupt input 0-15 changed level. IRQ 2 is the cascade and not an input. */
  setIrq(irq: number, level: boolean): void {
    if (irq < 8) this.master.input(irq, level);
    else this.slave.input(irq - 8, level);
    this.update();
  }

  /** The INTA cycle: acknowledges the highest-priority request and returns its vector. */
  acknowledge(): number {
    const m = this.master;
    const ir = m.pending();
    let vector: number;
    if (ir < 0) vector = m.vectorBase + 7; // spurious
    else {
      if (ir === 2) {
        const sir = this.slave.pending();
        if (sir >= 0) {
          this.slave.intack(sir);
          vector = this.slave.vectorBase + sir;
        } else vector = this.slave.vectorBase + 7; // spurious on the slave
      } else vector = m.vectorBase + ir;
      m.intack(ir);
    }
    this.update();
    return vector;
  }

  /** The master's INT output. */
  get level(): boolean {
    return this.output;
  }

  private update(): void {
    this.master.input(2, this.slave.pending() >= 0);
    const out = this.master.pending() >= 0;
    if (out !== this.output) {
      this.output = out;
      this.onIrq?.(out);
    }
  }

  private ports(p: Pic, name: string): MmioDevice {
    return {
      name,
      read: (off: number, _w: Width) => {
        const v = p.readPort((off & 1) as 0 | 1);
        this.update();
        return v;
      },
      write: (off: number, _w: Width, v: number) => {
        if ((off & 1) === 0) p.writeCommand(v & 0xff);
        else p.writeData(v & 0xff);
        this.update();
      },
    };
  }
}

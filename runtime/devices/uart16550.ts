// A National Semiconductor PC16550D UART, as seen by Linux's 8250 driver and by bare-metal code
// that polls LSR.THRE before writing THR.
//
// Register semantics follow the PC16550D datasheet (Table II, "Summary of Accessible
// Registers"; section 8 "Registers"), checked where the datasheet leaves room against what
// QEMU's hw/char/serial.c does, since QEMU is the reference the guests' outputs come from:
//
//   offset DLAB=0 read / write         DLAB=1
//   0      RBR      / THR              DLL (divisor latch, low byte)
//   1      IER (bits 0-3; 4-7 read 0)  DLM (divisor latch, high byte)
//   2      IIR      / FCR
//   3      LCR  (bit 7 = DLAB)
//   4      MCR  (bits 0-4: DTR, RTS, OUT1, OUT2, LOOP; 5-7 read 0)
//   5      LSR  (DR, OE, PE, FE, BI, THRE, TEMT, RX FIFO error); writes ignored (factory test)
//   6      MSR  (DCTS, DDSR, TERI, DDCD, CTS, DSR, RI, DCD); writes ignored
//   7      SCR
//
// Timing is not modelled: a byte written to THR is on the wire at once, so THRE and TEMT are
// always set outside loopback, and received bytes are in the FIFO as soon as the host queues
// them (no overrun from host input: the queue waits for room, as QEMU's can_receive does).
// With FIFOs enabled, data below the trigger level raises the character-timeout interrupt
// (IIR 0xC) immediately instead of after four character times.
//
// The interrupt line is level-triggered and reported through `onIrq` whenever it changes. It
// is not gated by MCR.OUT2 (PC boards gate it outside the chip; QEMU's model does not either).
// Registers sit `1 << regShift` bytes apart (Malta ISA / Bamboo: shift 0; Malta's CBUS UART:
// shift 3); the low address bits below the stride are ignored, as in QEMU's serial_mm.

import type { MmioDevice, Width } from "../vmm/mmio.ts";

// Register indexes.
export const RBR = 0,
  THR = 0,
  DLL = 0,
  IER = 1,
  DLM = 1,
  IIR = 2,
  FCR = 2,
  LCR = 3,
  MCR = 4,
  LSR = 5,
  MSR = 6,
  SCR = 7;

// IER bits.
export const IER_RDI = 0x01; // received data available (and character timeout)
export const IER_THRI = 0x02; // THR empty
export const IER_RLSI = 0x04; // receiver line status
export const IER_MSI = 0x08; // modem status

// IIR values (bits 3:0) and the FIFO-enabled bits (7:6).
export const IIR_NO_INT = 0x01;
export const IIR_MSI = 0x00;
export const IIR_THRI = 0x02;
export const IIR_RDI = 0x04;
export const IIR_RLSI = 0x06;
export const IIR_CTI = 0x0c;
export const IIR_FIFOS = 0xc0;

// FCR bits.
export const FCR_ENABLE = 0x01;
export const FCR_CLEAR_RX = 0x02;
export const FCR_CLEAR_TX = 0x04;
export const FCR_DMA = 0x08;
export const FCR_TRIGGER = 0xc0;

export const LCR_DLAB = 0x80;

// MCR bits.
export const MCR_DTR = 0x01;
export const MCR_RTS = 0x02;
export const MCR_OUT1 = 0x04;
export const MCR_OUT2 = 0x08;
export const MCR_LOOP = 0x10;

// LSR bits.
export const LSR_DR = 0x01;
export const LSR_OE = 0x02;
export const LSR_PE = 0x04;
export const LSR_FE = 0x08;
export const LSR_BI = 0x10;
export const LSR_THRE = 0x20;
export const LSR_TEMT = 0x40;
export const LSR_FIFOE = 0x80;

// MSR bits.
export const MSR_DCTS = 0x01;
export const MSR_DDSR = 0x02;
export const MSR_TERI = 0x04;
export const MSR_DDCD = 0x08;
export const MSR_CTS = 0x10;
export const MSR_DSR = 0x20;
export const MSR_RI = 0x40;
export const MSR_DCD = 0x80;

const FIFO_SIZE = 16;
/** FCR bits 7:6 → receiver FIFO trigger level (datasheet Table IV). */
const TRIGGER_LEVELS = [1, 4, 8, 14];

export interface Uart16550Options {
  name?: string;
  /** Registers are `1 << regShift` bytes apart. Default 0. */
  regShift?: number;
  /** Where transmitted bytes go (stdout in the CLI, an array in tests). */
  sink?: (byte: number) => void;
  /** Called with the new level whenever the interrupt output changes. */
  onIrq?: (level: boolean) => void;
  /**
   * The modem inputs outside loopback: CTS, DSR, DCD asserted and RI not, as for a connected
   * terminal (QEMU's default too). Bits in MSR positions.
   */
  modemInputs?: number;
}

export class Uart16550 implements MmioDevice {
  readonly name: string;
  readonly regShift: number;
  sink: (byte: number) => void;
  onIrq: (level: boolean) => void;

  // Registers.
  ier = 0;
  lcr = 0;
  mcr = 0;
  scr = 0;
  dll = 0;
  dlm = 0;
  /** FCR as last programmed (bits 0, 3, 6-7 kept; the clear bits self-reset). */
  fcr = 0;
  /** LSR error bits (OE, PE, FE, BI) latched until LSR is read. */
  private lsrErrors = 0;
  /** MSR delta bits (0-3) latched until MSR is read. */
  private msrDeltas = 0;
  /** MSR status bits (4-7) last seen, to compute deltas. */
  private msrStatus: number;
  private readonly externalModem: number;

  /** THR-empty interrupt pending (set when THR empties or ETBEI is enabled while empty). */
  private thrIntPending = false;
  /** Receiver FIFO (or the single RBR when FIFOs are off). */
  private readonly rx: number[] = [];
  /** Bytes from the host not yet in the FIFO. */
  private readonly input: number[] = [];
  private irqLevel = false;

  constructor(opts: Uart16550Options = {}) {
    this.name = opts.name ?? "uart16550";
    this.regShift = opts.regShift ?? 0;
    this.sink = opts.sink ?? (() => {});
    this.onIrq = opts.onIrq ?? (() => {});
    this.externalModem = (opts.modemInputs ?? MSR_CTS | MSR_DSR | MSR_DCD) & 0xf0;
    this.msrStatus = this.externalModem;
  }

  /** Master reset (datasheet Table VIII): everything to its reset value; queued host input stays. */
  reset(): void {
    this.ier = this.lcr = this.mcr = this.fcr = this.lsrErrors = this.msrDeltas = 0;
    this.scr = this.dll = this.dlm = 0;
    this.thrIntPending = false;
    this.rx.length = 0;
    this.msrStatus = this.externalModem;
    this.refill();
    this.update();
  }

  /** Queues bytes for the guest to receive (keyboard input, a test's script). */
  receive(bytes: Iterable<number> | string): void {
    if (typeof bytes === "string")
      for (const b of new TextEncoder().encode(bytes)) this.input.push(b);
    else for (const b of bytes) this.input.push(b & 0xff);
    this.refill();
    this.update();
  }

  /** Bytes queued by the host that the FIFO has not taken yet. */
  get pendingInput(): number {
    return this.input.length;
  }

  get irq(): boolean {
    return this.irqLevel;
  }

  /** Divisor latch value (DLM:DLL). */
  get divisor(): number {
    return (this.dlm << 8) | this.dll;
  }

  /** Baud rate for a given input clock (Malta ISA: 1.8432 MHz): clock / (16 × divisor). */
  baud(clockHz: number): number {
    return this.divisor === 0 ? 0 : clockHz / (16 * this.divisor);
  }

  read(offset: number, _width: Width): number {
    const reg = (offset >>> this.regShift) & 7;
    switch (reg) {
      case RBR: {
        if (this.lcr & LCR_DLAB) return this.dll;
        const v = this.rx.length > 0 ? this.rx.shift()! : 0;
        this.refill();
        this.update();
        return v;
      }
      case IER:
        return this.lcr & LCR_DLAB ? this.dlm : this.ier;
      case IIR: {
        const v = this.iir();
        // Reading IIR while it reports THRE clears that interrupt (datasheet Table V).
        if ((v & 0x0f) === IIR_THRI) {
          this.thrIntPending = false;
          this.update();
        }
        return v;
      }
      case LCR:
        return this.lcr;
      case MCR:
        return this.mcr;
      case LSR: {
        const v = this.lsr();
        this.lsrErrors = 0; // OE, PE, FE, BI clear on read
        this.update();
        return v;
      }
      case MSR: {
        const v = this.msrDeltas | this.modemStatus();
        this.msrDeltas = 0;
        this.update();
        return v;
      }
      default:
        return this.scr;
    }
  }

  write(offset: number, _width: Width, value: number): void {
    const reg = (offset >>> this.regShift) & 7;
    const v = value & 0xff;
    switch (reg) {
      case THR:
        if (this.lcr & LCR_DLAB) {
          this.dll = v;
          return;
        }
        this.transmit(v);
        break;
      case IER: {
        if (this.lcr & LCR_DLAB) {
          this.dlm = v;
          return;
        }
        const was = this.ier;
        this.ier = v & 0x0f;
        // Enabling the THRE interrupt while THR is empty raises it at once (Linux's 8250
        // driver tests for this when it starts the port).
        if (!(was & IER_THRI) && this.ier & IER_THRI) this.thrIntPending = true;
        break;
      }
      case FCR: {
        // Changing the enable bit clears both FIFOs. The other bits are only programmed while
        // the enable bit is written as 1 (datasheet, FCR bit 0).
        if ((v ^ this.fcr) & FCR_ENABLE) this.rx.length = 0;
        if (v & FCR_ENABLE) {
          if (v & FCR_CLEAR_RX) {
            this.rx.length = 0;
            this.lsrErrors &= ~LSR_OE;
          }
          this.fcr = v & (FCR_ENABLE | FCR_DMA | FCR_TRIGGER);
        } else {
          this.fcr = 0;
        }
        this.refill();
        break;
      }
      case LCR:
        this.lcr = v;
        return;
      case MCR:
        this.mcr = v & 0x1f;
        this.modemChanged();
        break;
      case LSR:
      case MSR:
        return; // factory test / read-only
      default:
        this.scr = v;
        return;
    }
    this.update();
  }

  private get fifoEnabled(): boolean {
    return (this.fcr & FCR_ENABLE) !== 0;
  }

  private transmit(byte: number): void {
    if (this.mcr & MCR_LOOP) this.loopIn(byte);
    else this.sink(byte);
    // The byte leaves at once: THR is empty again, so the THRE interrupt (re)asserts.
    this.thrIntPending = true;
  }

  /** Loopback: the transmitted byte arrives at the receiver; a full receiver overruns. */
  private loopIn(byte: number): void {
    const capacity = this.fifoEnabled ? FIFO_SIZE : 1;
    if (this.rx.length < capacity) {
      this.rx.push(byte);
    } else {
      this.lsrErrors |= LSR_OE;
      // Without FIFOs the new character overwrites RBR; with FIFOs the FIFO is kept and the
      // character in the shift register is lost (datasheet, LSR bit 1).
      if (!this.fifoEnabled) this.rx[0] = byte;
    }
  }

  /** Moves host input into the FIFO while there is room (not in loopback: the line is cut). */
  private refill(): void {
    if (this.mcr & MCR_LOOP) return;
    const capacity = this.fifoEnabled ? FIFO_SIZE : 1;
    while (this.rx.length < capacity && this.input.length > 0) this.rx.push(this.input.shift()!);
  }

  /** MSR bits 4-7: the modem inputs, or in loopback the MCR outputs wired back. */
  private modemStatus(): number {
    if (this.mcr & MCR_LOOP) {
      const m = this.mcr;
      return (
        (m & MCR_RTS ? MSR_CTS : 0) |
        (m & MCR_DTR ? MSR_DSR : 0) |
        (m & MCR_OUT1 ? MSR_RI : 0) |
        (m & MCR_OUT2 ? MSR_DCD : 0)
      );
    }
    return this.externalModem;
  }

  private modemChanged(): void {
    const now = this.modemStatus();
    const changed = now ^ this.msrStatus;
    if (changed & MSR_CTS) this.msrDeltas |= MSR_DCTS;
    if (changed & MSR_DSR) this.msrDeltas |= MSR_DDSR;
    if (changed & MSR_DCD) this.msrDeltas |= MSR_DDCD;
    if (this.msrStatus & MSR_RI && !(now & MSR_RI)) this.msrDeltas |= MSR_TERI; // trailing edge only
    this.msrStatus = now;
    if (!(this.mcr & MCR_LOOP)) this.refill();
  }

  private lsr(): number {
    let v = this.lsrErrors | LSR_THRE | LSR_TEMT;
    if (this.rx.length > 0) v |= LSR_DR;
    return v;
  }

  /** IIR: the highest-priority enabled pending interrupt (datasheet Table IV). */
  private iir(): number {
    const fifo = this.fifoEnabled ? IIR_FIFOS : 0;
    if (this.ier & IER_RLSI && this.lsrErrors & (LSR_OE | LSR_PE | LSR_FE | LSR_BI))
      return fifo | IIR_RLSI;
    if (this.ier & IER_RDI && this.rx.length > 0) {
      if (this.fifoEnabled && this.rx.length < TRIGGER_LEVELS[this.fcr >>> 6])
        return fifo | IIR_CTI;
      return fifo | IIR_RDI;
    }
    if (this.ier & IER_THRI && this.thrIntPending) return fifo | IIR_THRI;
    if (this.ier & IER_MSI && this.msrDeltas) return fifo | IIR_MSI;
    return fifo | IIR_NO_INT;
  }

  private update(): void {
    const level = (this.iir() & IIR_NO_INT) === 0;
    if (level !== this.irqLevel) {
      this.irqLevel = level;
      this.onIrq(level);
    }
  }
}

// The Malta board's FPGA register block (physical 0x1f000000-0x1f0fffff), as QEMU's
// hw/mips/malta.c models it (malta_fpga_read/_write), minus the I2C bit-banging to the SPD
// EEPROM, which no guest here needs.
//
// What matters: SOFTRES (offset 0x500). Writing 0x42 asks for a board reset; with QEMU's
// -no-reboot that ends the run with status 0, and here it calls `onReset`, which the board
// turns into "guest requested reset, status 0". Linux's DT names it too (syscon-reboot,
// offset 0x500, value 0x42). Other writes to SOFTRES do nothing, as in QEMU.
//
// The rest reads as QEMU has it: SWITCH 0, STATUS 0x10 (little-endian board; 0x12 big-endian),
// JMPRS 0 (Linux decodes it as a 33 MHz PCI clock), LEDBAR / BRKRES / GPOUT / I2C* read back
// what was written, ASCIIWORD and ASCIIPOS0-7 feed the 8-character display (kept in `display`,
// not printed: QEMU shows it on a separate virtual console). Unknown offsets read 0 and ignore
// writes (QEMU logs them as guest errors; `onBadRegister` gets them here).
//
// The window 0x900-0x9ff is not this device: QEMU puts the CBUS UART there (a 16550 with
// regShift 3). The board maps the FPGA as two regions around it.

import type { MmioDevice, Width } from "../vmm/mmio.ts";

export const MALTA_FPGA_BASE = 0x1f000000;
export const MALTA_FPGA_SIZE = 0x100000;
export const MALTA_CBUS_UART_OFFSET = 0x900;

export const FPGA_SWITCH = 0x200;
export const FPGA_STATUS = 0x208;
export const FPGA_JMPRS = 0x210;
export const FPGA_LEDBAR = 0x408;
export const FPGA_ASCIIWORD = 0x410;
export const FPGA_ASCIIPOS0 = 0x418;
export const FPGA_ASCIIPOS7 = 0x450;
export const FPGA_SOFTRES = 0x500;
export const FPGA_BRKRES = 0x508;
export const FPGA_GPOUT = 0xa00;
export const FPGA_GPINP = 0xa08;
export const FPGA_I2CINP = 0xb00;
export const FPGA_I2COE = 0xb08;
export const FPGA_I2COUT = 0xb10;
export const FPGA_I2CSEL = 0xb18;

/** The value that makes SOFTRES reset the board. */
export const SOFTRES_RESET = 0x42;

export interface MaltaFpgaOptions {
  /** The board's byte order (changes the STATUS value, as in QEMU). */
  littleEndian: boolean;
  /** Called when the guest writes 0x42 to SOFTRES. */
  onReset: () => void;
  /** Accesses to offsets the FPGA does not decode. */
  onBadRegister?: (offset: number, isWrite: boolean, value: number) => void;
}

export class MaltaFpga implements MmioDevice {
  readonly name = "malta-fpga";
  leds = 0;
  brk = 0x0a;
  gpout = 0;
  i2cin = 0x3;
  i2coe = 0;
  i2cout = 0x3;
  i2csel = 0x1;
  /** The 8-character ASCII display. */
  readonly display: string[] = Array(8).fill(" ");

  constructor(private readonly opts: MaltaFpgaOptions) {}

  /** Power-on values (QEMU's malta_fpga_reset). */
  reset(): void {
    this.leds = 0;
    this.brk = 0x0a;
    this.gpout = 0;
    this.i2cin = 0x3;
    this.i2coe = 0;
    this.i2cout = 0x3;
    this.i2csel = 0x1;
    this.display.fill(" ");
  }

  read(offset: number, _width: Width): number {
    switch (offset & 0xfffff) {
      case FPGA_SWITCH:
        return 0;
      case FPGA_STATUS:
        return this.opts.littleEndian ? 0x10 : 0x12;
      case FPGA_JMPRS:
        return 0;
      case FPGA_LEDBAR:
        return this.leds;
      case FPGA_BRKRES:
        return this.brk;
      case FPGA_GPOUT:
        return this.gpout;
      case FPGA_GPINP:
        return this.i2csel ? this.i2cout : 0; // "IN = OUT until a real I2C control is implemented"
      case FPGA_I2CINP:
        return (this.i2cin & ~1) | 1; // SDA idles high (no EEPROM model)
      case FPGA_I2COE:
        return this.i2coe;
      case FPGA_I2COUT:
        return this.i2cout;
      case FPGA_I2CSEL:
        return this.i2csel;
      default:
        this.opts.onBadRegister?.(offset, false, 0);
        return 0;
    }
  }

  write(offset: number, _width: Width, value: number): void {
    const off = offset & 0xfffff;
    switch (off) {
      case FPGA_SWITCH:
      case FPGA_JMPRS:
        return;
      case FPGA_LEDBAR:
        this.leds = value & 0xff;
        return;
      case FPGA_ASCIIWORD: {
        const text = (value >>> 0).toString(16).toUpperCase().padStart(8, "0");
        for (let i = 0; i < 8; i++) this.display[i] = text[i];
        return;
      }
      case FPGA_SOFTRES:
        if (value === SOFTRES_RESET) this.opts.onReset();
        return;
      case FPGA_BRKRES:
        this.brk = value & 0xff;
        return;
      case FPGA_GPOUT:
        this.gpout = value & 0xff;
        return;
      case FPGA_I2COE:
        this.i2coe = value & 0x03;
        return;
      case FPGA_I2COUT:
        this.i2cout = value;
        return;
      case FPGA_I2CSEL:
        this.i2csel = value & 0x01;
        return;
      default:
        if (off >= FPGA_ASCIIPOS0 && off <= FPGA_ASCIIPOS7 && (off - FPGA_ASCIIPOS0) % 8 === 0) {
          this.display[(off - FPGA_ASCIIPOS0) >>> 3] = String.fromCharCode(value & 0xff);
          return;
        }
        this.opts.onBadRegister?.(offset, true, value);
    }
  }

  /** The display's text. */
  get displayText(): string {
    return this.display.join("");
  }
}

// The PC keyboard controller (Intel 8042, in Malta's SMSC Super I/O) at ISA ports 0x60 (data)
// and 0x64 (status / command), with a PS/2 keyboard on its first port and an empty second
// (AUX) port. Controller commands and status bits as in the IBM PC/AT technical reference and
// QEMU's hw/input/pckbd.c; keyboard commands as QEMU's hw/input/ps2.c answers them.
//
//   status (0x64 read): OBF (0), IBF (1, always 0: commands complete at once), SYS (2, set by
//     self-test), CMD (3, last write went to 0x64), unlocked (4), AUX_OBF (5: the byte in the
//     output buffer came from the AUX port)
//   controller commands: 0x20 read / 0x60 write the command byte (KBD_INT 0, AUX_INT 1, SYS 2,
//     KBD disable 4, AUX disable 5, translate 6); 0xa7/0xa8 AUX disable/enable; 0xa9 AUX test
//     → 0; 0xaa self-test → 0x55; 0xab keyboard test → 0; 0xad/0xae keyboard disable/enable;
//     0xc0 input port; 0xd0/0xd1 output port; 0xd2/0xd3 write the keyboard/AUX output buffer
//     (loopback); 0xd4 write to the AUX device; 0xe0 test inputs; 0xfe pulse reset (the board
//     resets: the run stops with status 0, as SOFTRES)
//   keyboard: 0xff reset → FA AA; 0xf2 get ID → FA AB 83 (AB 41 when translating); 0xf0 scan
//     code set (0: report it); 0xed LEDs, 0xf3 typematic → FA + FA for the parameter; 0xf4
//     enable, 0xf5/0xf6 reset and disable/enable, 0xf7-0xfd → FA; 0xee echo → EE; else FE.
//   interrupts: ISA IRQ 1 for keyboard bytes, IRQ 12 for AUX bytes, when the command byte
//     enables them; each byte made ready is a new edge.
//   AUX: a PS/2 mouse that never moves (QEMU's default): 0xff reset → FA AA 00; 0xf2 get ID →
//     FA 00; 0xe9 status → FA + 3 bytes; 0xeb read data → FA 08 00 00; 0xe8 resolution and
//     0xf3 sample rate → FA + FA for the parameter; 0xe6/0xe7/0xea/0xec/0xee/0xf0/0xf4-0xf6 → FA;
//     else FE. (Linux probes it with atkbd when psmouse is a module: the mouse's ID tells it
//     this is no keyboard.)
// No key presses or mouse movements ever arrive (no host input).

import type { MmioDevice, Width } from "../vmm/mmio.ts";

export const I8042_DATA_PORT = 0x60;
export const I8042_STATUS_PORT = 0x64;

const ST_OBF = 0x01,
  ST_SYS = 0x04,
  ST_CMD = 0x08,
  ST_UNLOCKED = 0x10,
  ST_AUX_OBF = 0x20;
const MODE_KBD_INT = 0x01,
  MODE_AUX_INT = 0x02,
  MODE_SYS = 0x04,
  MODE_KBD_DISABLE = 0x10,
  MODE_AUX_DISABLE = 0x20,
  MODE_TRANSLATE = 0x40;
const ACK = 0xfa,
  RESEND = 0xfe;

interface OutByte {
  value: number;
  aux: boolean;
}

export interface I8042Options {
  /** ISA interrupt line changes: IRQ 1 (keyboard) and 12 (AUX). */
  setIrq: (irq: 1 | 12, level: boolean) => void;
  /** Command 0xfe pulses the CPU reset line. */
  reset: () => void;
}

export class I8042 implements MmioDevice {
  readonly name = "i8042";
  private status = ST_CMD | ST_UNLOCKED;
  private mode = MODE_KBD_INT | MODE_AUX_INT;
  private outport = 0x03; // reset deasserted, A20 enabled
  /** Controller command waiting for its data byte (0x60, 0xd1-0xd4), or 0. */
  private pendingCommand = 0;
  /** Replies from the controller itself (and loopback bytes); they go out first. */
  private readonly controller: OutByte[] = [];
  private readonly keyboard: number[] = [];
  private readonly mouse: number[] = [];
  /** Mouse command waiting for its parameter (0xe8, 0xf3), or 0. */
  private mouseParam = 0;
  private mouseRate = 100;
  private mouseResolution = 2;
  private mouseEnabled = false;
  /** Keyboard command waiting for its parameter (0xed, 0xf0, 0xf3), or 0. */
  private keyboardParam = 0;
  private scanCodeSet = 2;
  private lastRead = 0;
  private irq1 = false;
  private irq12 = false;

  constructor(private readonly opts: I8042Options) {}

  read(offset: number, _width: Width): number {
    if (offset === 4) return this.statusByte();
    if (offset !== 0) return 0xff;
    const head = this.head();
    if (head !== undefined) {
      this.lastRead = head.value;
      if (this.controller.length > 0) this.controller.shift();
      else if (head.aux) this.mouse.shift();
      else this.keyboard.shift();
    }
    // The byte is taken: the line drops, and rises again (a new edge) for the next one.
    this.setLines(false, false);
    this.update();
    return this.lastRead;
  }

  write(offset: number, _width: Width, value: number): void {
    value &= 0xff;
    if (offset === 4) {
      this.status |= ST_CMD;
      this.command(value);
    } else if (offset === 0) {
      this.status &= ~ST_CMD;
      this.data(value);
    }
    this.update();
  }

  private statusByte(): number {
    const head = this.head();
    let s = this.status & ~(ST_OBF | ST_AUX_OBF);
    if (head !== undefined) s |= ST_OBF | (head.aux ? ST_AUX_OBF : 0);
    return s;
  }

  /** The byte in the output buffer: controller replies first, then keyboard, then AUX bytes. */
  private head(): OutByte | undefined {
    if (this.controller.length > 0) return this.controller[0];
    if (this.keyboard.length > 0 && (this.mode & MODE_KBD_DISABLE) === 0)
      return { value: this.keyboard[0], aux: false };
    if (this.mouse.length > 0 && (this.mode & MODE_AUX_DISABLE) === 0)
      return { value: this.mouse[0], aux: true };
    return undefined;
  }

  private reply(value: number, aux = false): void {
    this.controller.push({ value, aux });
  }

  private command(c: number): void {
    switch (c) {
      case 0x20:
        this.reply(this.mode);
        return;
      case 0x60:
      case 0xd1:
      case 0xd2:
      case 0xd3:
      case 0xd4:
        this.pendingCommand = c;
        return;
      case 0xa7:
        this.mode |= MODE_AUX_DISABLE;
        return;
      case 0xa8:
        this.mode &= ~MODE_AUX_DISABLE;
        return;
      case 0xa9:
      case 0xab:
        this.reply(0x00); // interface test: no error
        return;
      case 0xaa:
        this.status |= ST_SYS;
        this.reply(0x55);
        return;
      case 0xad:
        this.mode |= MODE_KBD_DISABLE;
        return;
      case 0xae:
        this.mode &= ~MODE_KBD_DISABLE;
        return;
      case 0xc0:
        this.reply(0x80); // input port: keyboard not inhibited
        return;
      case 0xd0:
        this.reply(this.outport);
        return;
      case 0xe0:
        this.reply(0x00);
        return;
      default:
        if (c >= 0xf0) {
          if ((c & 1) === 0) this.opts.reset(); // bit 0 pulsed low: CPU reset
          return;
        }
        // Other commands (controller RAM, password, vendor-specific) do nothing, as in QEMU.
        return;
    }
  }

  private data(v: number): void {
    const c = this.pendingCommand;
    this.pendingCommand = 0;
    switch (c) {
      case 0x60:
        this.mode = v;
        this.status = (this.status & ~ST_SYS) | (v & MODE_SYS);
        return;
      case 0xd1:
        this.outport = v;
        if ((v & 1) === 0) this.opts.reset();
        return;
      case 0xd2:
        this.reply(v);
        return;
      case 0xd3:
        this.reply(v, true);
        return;
      case 0xd4:
        this.mouseByte(v);
        return;
      default:
        // Writing to the keyboard re-enables its interface (QEMU pckbd, as real 8042s do).
        this.mode &= ~MODE_KBD_DISABLE;
        this.keyboardByte(v);
    }
  }

  private keyboardByte(v: number): void {
    const out = this.keyboard;
    const param = this.keyboardParam;
    if (param !== 0) {
      this.keyboardParam = 0;
      if (param === 0xf0) {
        if (v === 0) out.push(ACK, this.mode & MODE_TRANSLATE ? [0x43, 0x41, 0x3f][this.scanCodeSet - 1] : this.scanCodeSet);
        else if (v <= 3) {
          this.scanCodeSet = v;
          out.push(ACK);
        } else out.push(RESEND);
      } else out.push(ACK); // LEDs, typematic rate
      return;
    }
    switch (v) {
      case 0xed:
      case 0xf0:
      case 0xf3:
        this.keyboardParam = v;
        out.push(ACK);
        return;
      case 0xee:
        out.push(0xee);
        return;
      case 0xf2:
        out.push(ACK, 0xab, this.mode & MODE_TRANSLATE ? 0x41 : 0x83);
        return;
      case 0xff:
        this.scanCodeSet = 2;
        out.push(ACK, 0xaa);
        return;
      case 0xf5:
      case 0xf6:
        this.scanCodeSet = 2;
        out.push(ACK);
        return;
      default:
        out.push(v >= 0xf4 ? ACK : RESEND);
    }
  }

  private mouseByte(v: number): void {
    const out = this.mouse;
    const param = this.mouseParam;
    if (param !== 0) {
      this.mouseParam = 0;
      if (param === 0xe8) this.mouseResolution = v & 3;
      else this.mouseRate = v;
      out.push(ACK);
      return;
    }
    switch (v) {
      case 0xe8:
      case 0xf3:
        this.mouseParam = v;
        out.push(ACK);
        return;
      case 0xe9: // status: enabled bit 5; resolution; sample rate
        out.push(ACK, this.mouseEnabled ? 0x20 : 0, this.mouseResolution, this.mouseRate);
        return;
      case 0xeb: // read data: no buttons, no movement (bit 3 is always set)
        out.push(ACK, 0x08, 0, 0);
        return;
      case 0xf2:
        out.push(ACK, 0x00); // standard PS/2 mouse
        return;
      case 0xf4:
        this.mouseEnabled = true;
        out.push(ACK);
        return;
      case 0xf5:
      case 0xf6:
        this.mouseEnabled = false;
        this.mouseRate = 100;
        this.mouseResolution = 2;
        out.push(ACK);
        return;
      case 0xff:
        this.mouseEnabled = false;
        this.mouseRate = 100;
        this.mouseResolution = 2;
        out.push(ACK, 0xaa, 0x00);
        return;
      case 0xe6:
      case 0xe7:
      case 0xea:
      case 0xec:
      case 0xee:
      case 0xf0:
        out.push(ACK);
        return;
      default:
        out.push(RESEND);
    }
  }

  private update(): void {
    const head = this.head();
    const kbd = head !== undefined && !head.aux && (this.mode & MODE_KBD_INT) !== 0;
    const aux = head !== undefined && head.aux && (this.mode & MODE_AUX_INT) !== 0;
    this.setLines(kbd, aux);
  }

  private setLines(kbd: boolean, aux: boolean): void {
    if (kbd !== this.irq1) {
      this.irq1 = kbd;
      this.opts.setIrq(1, kbd);
    }
    if (aux !== this.irq12) {
      this.irq12 = aux;
      this.opts.setIrq(12, aux);
    }
  }
}

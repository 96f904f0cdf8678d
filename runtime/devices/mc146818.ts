// Motorola MC146818A real-time clock with CMOS RAM, in the PIIX4 at ISA ports 0x70 (index,
// bit 7 = NMI mask) and 0x71 (data). Register semantics from the MC146818A datasheet, checked
// against QEMU's hw/rtc/mc146818rtc.c:
//   0x00-0x09 seconds, alarm seconds, minutes, alarm minutes, hours, alarm hours, day of week
//             (1 = Sunday), day of month, month, year (two digits); BCD unless B.DM, 12-hour
//             with bit 7 = PM unless B.24/12
//   0x0a A: UIP (bit 7, read-only), divider (6:4), rate select (3:0); reset 0x26 (32.768 kHz)
//   0x0b B: SET (0x80, stops updates so the time can be written), PIE, AIE, UIE, SQWE, DM
//           (0x04 binary), 24/12 (0x02), DSE; reset 0x02
//   0x0c C: IRQF/PF/AF/UF, cleared by reading      0x0d D: VRT (0x80, battery good)
//   0x0e-0x7f CMOS RAM (0x32: century, BCD, as QEMU sets it)
//
// Time is virtual and deterministic: the board's clock (guest cycles at the nominal CPU
// frequency) plus a fixed epoch, so a run reads the same dates every time. UIP is set during
// the last 244 µs before each second boundary, as the datasheet's update cycle (and QEMU)
// has it; Linux's Malta code times the CPU clock by these edges (malta-time.c).
// Not modelled: the periodic, alarm and update-ended interrupts (IRQ 8), daylight saving, the
// square-wave output; C reads 0.

import type { MmioDevice, Width } from "../vmm/mmio.ts";

export const RTC_PORT = 0x70;
const REG_A = 0x0a,
  REG_B = 0x0b,
  REG_C = 0x0c,
  REG_D = 0x0d;
const B_SET = 0x80,
  B_DM_BINARY = 0x04,
  B_24H = 0x02;
/** Update-in-progress window before each second boundary (datasheet: 244 µs). */
const UIP_SECONDS = 244e-6;

export interface Mc146818Options {
  /** Virtual time in seconds since the board started. */
  now: () => number;
  /** Unix time (seconds) the clock shows at board start. */
  epoch: number;
}

export class Mc146818 implements MmioDevice {
  readonly name = "mc146818-rtc";
  private readonly cmos = new Uint8Array(128);
  private index = 0;
  /** Unix time minus virtual time; the guest changes it by writing the time under SET. */
  private offset: number;
  /** While B.SET is on, the time the guest is writing (updates stopped). */
  private frozen: number | null = null;

  constructor(private readonly opts: Mc146818Options) {
    this.offset = opts.epoch;
    this.cmos[REG_A] = 0x26;
    this.cmos[REG_B] = B_24H;
    this.cmos[REG_D] = 0x80;
    this.cmos[0x32] = toBcd(Math.floor(new Date(opts.epoch * 1000).getUTCFullYear() / 100));
  }

  read(offset: number, _width: Width): number {
    if ((offset & 1) === 0) return this.index; // QEMU reads the index back as written
    return this.readReg(this.index);
  }

  write(offset: number, _width: Width, value: number): void {
    if ((offset & 1) === 0) this.index = value & 0x7f;
    else this.writeReg(this.index, value & 0xff);
  }

  /**
   * Polling: writing the index it already holds changes nothing; register A holds its value
   * until UIP next rises or falls, the time fields until the next second; C clears on read.
   */
  quiet(offset: number, _width: Width, isWrite: boolean, value: number): number {
    if ((offset & 1) === 0) return !isWrite || (value & 0x7f) === this.index ? Infinity : 0;
    if (isWrite) return 0;
    const r = this.index;
    if (r === REG_C || this.readReg(r) !== value) return 0; // C clears on read
    if (r > 9 && r !== REG_A) return Infinity;
    if (this.frozen !== null) return Infinity; // SET: the clock is stopped
    if (r > 9 && (this.cmos[REG_A] & 0x70) !== 0x20) return Infinity; // divider off: no UIP
    const t = this.unixNow();
    const next = Math.floor(t) + 1; // the next update
    const uipFrom = next - UIP_SECONDS;
    const left = r <= 9 || t >= uipFrom ? next - t : uipFrom - t;
    // t is a double near 2^31 seconds, good to a few ulps: stay that far short of the edge.
    return Math.max(0, left - 8 * Number.EPSILON * Math.abs(t));
  }

  private unixNow(): number {
    return this.frozen ?? this.opts.now() + this.offset;
  }

  private readReg(r: number): number {
    if (r <= 9) return this.timeField(r);
    switch (r) {
      case REG_A: {
        const t = this.unixNow();
        const uip =
          this.frozen === null &&
          (this.cmos[REG_A] & 0x70) === 0x20 &&
          Math.ceil(t) - t <= UIP_SECONDS &&
          Math.ceil(t) !== t;
        return (this.cmos[REG_A] & 0x7f) | (uip ? 0x80 : 0);
      }
      case REG_C: {
        const v = this.cmos[REG_C];
        this.cmos[REG_C] = 0;
        return v;
      }
      default:
        return this.cmos[r];
    }
  }

  private writeReg(r: number, v: number): void {
    if (r <= 9) {
      if ((r & 1) === 1 && r < 6) {
        this.cmos[r] = v; // alarm registers: stored, no alarm interrupt
        return;
      }
      this.setTimeField(r, v);
      return;
    }
    switch (r) {
      case REG_A:
        this.cmos[REG_A] = v & 0x7f;
        return;
      case REG_B:
        if (v & B_SET && this.frozen === null) this.frozen = Math.floor(this.unixNow());
        if ((v & B_SET) === 0 && this.frozen !== null) {
          this.offset = this.frozen - this.opts.now();
          this.frozen = null;
        }
        this.cmos[REG_B] = v;
        return;
      case REG_C:
      case REG_D:
        return; // read-only
      default:
        this.cmos[r] = v;
    }
  }

  private encode(n: number): number {
    return this.cmos[REG_B] & B_DM_BINARY ? n : toBcd(n);
  }

  private decode(v: number): number {
    return this.cmos[REG_B] & B_DM_BINARY ? v : fromBcd(v);
  }

  private timeField(r: number): number {
    if ((r & 1) === 1 && r < 6) return this.cmos[r];
    const d = new Date(Math.floor(this.unixNow()) * 1000);
    switch (r) {
      case 0:
        return this.encode(d.getUTCSeconds());
      case 2:
        return this.encode(d.getUTCMinutes());
      case 4: {
        const h = d.getUTCHours();
        if (this.cmos[REG_B] & B_24H) return this.encode(h);
        return this.encode(h % 12 === 0 ? 12 : h % 12) | (h >= 12 ? 0x80 : 0);
      }
      case 6:
        return this.encode(d.getUTCDay() + 1);
      case 7:
        return this.encode(d.getUTCDate());
      case 8:
        return this.encode(d.getUTCMonth() + 1);
      default:
        return this.encode(d.getUTCFullYear() % 100);
    }
  }

  /** Writes one time field: the clock continues from the changed date. */
  private setTimeField(r: number, v: number): void {
    const t = Math.floor(this.unixNow());
    const d = new Date(t * 1000);
    let n = this.decode(r === 4 ? v & 0x7f : v);
    switch (r) {
      case 0:
        d.setUTCSeconds(n);
        break;
      case 2:
        d.setUTCMinutes(n);
        break;
      case 4:
        if ((this.cmos[REG_B] & B_24H) === 0) n = (n % 12) + (v & 0x80 ? 12 : 0);
        d.setUTCHours(n);
        break;
      case 6:
        return; // day of week follows from the date
      case 7:
        d.setUTCDate(n);
        break;
      case 8:
        d.setUTCMonth(n - 1);
        break;
      default: {
        const century = fromBcd(this.cmos[0x32]) || 20;
        d.setUTCFullYear(century * 100 + n);
      }
    }
    const nt = d.getTime() / 1000;
    if (!Number.isFinite(nt)) return; // a date the clock cannot hold: the write is dropped
    if (this.frozen !== null) this.frozen = nt;
    else this.offset += nt - t;
  }
}

function toBcd(n: number): number {
  return ((Math.floor(n / 10) % 10) << 4) | n % 10;
}

function fromBcd(v: number): number {
  return (v >>> 4) * 10 + (v & 0xf);
}

// MC146818A RTC: index/data ports, BCD and binary modes, 12/24-hour, SET, UIP timing (244 µs
// before each second boundary), read-only C/D, CMOS RAM; and its place at ISA port 0x70.
import { describe, expect, it } from "vitest";
import { MaltaVmm } from "../../runtime/boards/malta/index.ts";
import { Mc146818 } from "../../runtime/devices/mc146818.ts";

const EPOCH = Date.UTC(2026, 10, 22, 14, 5, 9) / 1000; // Sunday 2026-11-22 14:05:09

function rtcAt(seconds: { t: number }): Mc146818 {
  return new Mc146818({ now: () => seconds.t, epoch: EPOCH });
}

function reg(rtc: Mc146818, r: number, value?: number): number {
  rtc.write(0, 1, r);
  if (value !== undefined) rtc.write(1, 1, value);
  return rtc.read(1, 1);
}

describe("MC146818 RTC", () => {
  it("resets to a 32 kHz divider, 24-hour BCD mode and a valid battery", () => {
    const rtc = rtcAt({ t: 0 });
    expect(reg(rtc, 0x0a)).toBe(0x26);
    expect(reg(rtc, 0x0b)).toBe(0x02);
    expect(reg(rtc, 0x0d)).toBe(0x80);
    expect(reg(rtc, 0x32)).toBe(0x20); // century
  });

  it("reads the date in BCD, then in binary with B.DM, then 12-hour with the PM bit", () => {
    const rtc = rtcAt({ t: 0 });
    expect([0, 2, 4, 6, 7, 8, 9].map((r) => reg(rtc, r))).toEqual([
      0x09, 0x05, 0x14, 0x01, 0x22, 0x11, 0x26,
    ]);
    reg(rtc, 0x0b, 0x06);
    expect([0, 2, 4, 7, 9].map((r) => reg(rtc, r))).toEqual([9, 5, 14, 22, 26]);
    reg(rtc, 0x0b, 0x04);
    expect(reg(rtc, 4)).toBe(0x80 | 2);
  });

  it("advances with the board's clock", () => {
    const clock = { t: 0 };
    const rtc = rtcAt(clock);
    clock.t = 61.5;
    expect(reg(rtc, 0)).toBe(0x10);
    expect(reg(rtc, 2)).toBe(0x06);
  });

  it("sets UIP only in the 244 µs before a second boundary", () => {
    const clock = { t: 0.5 };
    const rtc = rtcAt(clock);
    expect(reg(rtc, 0x0a) & 0x80).toBe(0);
    clock.t = 0.9998;
    expect(reg(rtc, 0x0a) & 0x80).toBe(0x80);
    clock.t = 1.0;
    expect(reg(rtc, 0x0a) & 0x80).toBe(0);
    clock.t = 1.9997;
    expect(reg(rtc, 0x0a) & 0x80).toBe(0);
  });

  it("stops under SET so the time can be written, and runs on from it when SET clears", () => {
    const clock = { t: 0 };
    const rtc = rtcAt(clock);
    reg(rtc, 0x0b, 0x82);
    reg(rtc, 4, 0x08);
    reg(rtc, 2, 0x30);
    reg(rtc, 0, 0x00);
    clock.t = 100;
    expect(reg(rtc, 0)).toBe(0x00); // frozen
    reg(rtc, 0x0b, 0x02);
    clock.t = 103;
    expect([reg(rtc, 4), reg(rtc, 2), reg(rtc, 0)]).toEqual([0x08, 0x30, 0x03]);
    expect(reg(rtc, 7)).toBe(0x22);
  });

  it("keeps UIP read-only, D read-only, and CMOS RAM bytes as written", () => {
    const rtc = rtcAt({ t: 0 });
    reg(rtc, 0x0a, 0xa6);
    expect(reg(rtc, 0x0a) & 0x7f).toBe(0x26);
    reg(rtc, 0x0d, 0);
    expect(reg(rtc, 0x0d)).toBe(0x80);
    reg(rtc, 0x40, 0x5a);
    expect(reg(rtc, 0x40)).toBe(0x5a);
    reg(rtc, 0x01, 0x33); // alarm seconds
    expect(reg(rtc, 0x01)).toBe(0x33);
  });

  it("sits at ISA ports 0x70/0x71 on Malta (0x18000070), the NMI bit ignored for indexing", () => {
    const vmm = new MaltaVmm();
    vmm.bus.write(0x18000070, 1, 0x80 | 0x0a);
    expect(vmm.bus.read(0x18000071, 1)).toBe(0x26);
    // An undecoded port reads all ones.
    expect(vmm.bus.read(0x18000061, 1)).toBe(0xff);
  });
});

// The PIIX4 UHCI registers (UHCI Design Guide 1.1, 2.1): HCRESET completes and reads 0, HCHalted
// follows RS, status bits are write-1-to-clear; they decode at BAR4 only with I/O space enabled.
import { describe, expect, it } from "vitest";
import { MaltaVmm } from "../../runtime/boards/malta/index.ts";
import { Uhci } from "../../runtime/devices/uhci.ts";

describe("PIIX4 UHCI", () => {
  it("completes HCRESET at once, restoring the reset values", () => {
    const u = new Uhci();
    u.write(0x04, 2, 0x0f);
    u.write(0x0c, 1, 0x20);
    u.write(0x08, 4, 0x12345678);
    expect(u.read(0x08, 4)).toBe(0x12345000); // frame list base: 4 KiB aligned
    u.write(0x00, 2, 0x0002);
    expect(u.read(0x00, 2)).toBe(0);
    expect([u.read(0x04, 2), u.read(0x0c, 1), u.read(0x08, 4)]).toEqual([0, 0x40, 0]);
    expect(u.read(0x10, 2)).toBe(0x0080); // PORTSC1: nothing attached, reserved bit 7
  });

  it("reports HCHalted while RS is clear", () => {
    const u = new Uhci();
    expect(u.read(0x02, 2) & 0x20).toBe(0x20);
    u.write(0x00, 2, 0x0001);
    expect(u.read(0x02, 2) & 0x20).toBe(0);
    u.write(0x02, 2, 0xffff); // write 1 to clear: HCHalted is not a latch
    expect(u.read(0x02, 2)).toBe(0);
  });

  it("decodes at the I/O BAR Linux assigns, once the command register enables I/O", () => {
    const vmm = new MaltaVmm();
    const cfg = (reg: number, width: 1 | 2 | 4, v: number) => {
      vmm.bus.write(0x1be00cf8, 4, (0x80000000 | (10 << 11) | (2 << 8) | (reg & 0xfc)) >>> 0);
      vmm.bus.write(0x1be00cfc + (reg & 3), width, v);
    };
    cfg(0x20, 4, 0x1040);
    expect(vmm.bus.read(0x18001040, 2)).toBe(0xffff);
    cfg(0x04, 2, 0x0001);
    vmm.bus.write(0x18001040, 2, 0x0002); // HCRESET, as pci-quirks.c does
    expect(vmm.bus.read(0x18001040, 2)).toBe(0); // no "HCRESET not completed yet!"
    cfg(0x04, 2, 0x0000);
    expect(vmm.bus.read(0x18001040, 2)).toBe(0xffff);
  });
});

// The PC port space: devices see offsets from their first port, undecoded ports read all ones
// (QEMU's unassigned I/O), fixed ranges cannot overlap, relocatable ranges (PCI I/O BARs) move.
import { describe, expect, it } from "vitest";
import { IsaIoSpace } from "../../runtime/devices/isa-io.ts";
import type { MmioDevice } from "../../runtime/vmm/mmio.ts";

function recorder(name: string): MmioDevice & { seen: string[] } {
  const seen: string[] = [];
  return {
    name,
    seen,
    read: (off, w) => (seen.push(`r${off}/${w}`), 0x40 + off),
    write: (off, w, v) => void seen.push(`w${off}/${w}=${v}`),
  };
}

describe("ISA I/O space", () => {
  it("routes ports to devices by offset and reads undecoded ports as all ones", () => {
    const isa = new IsaIoSpace();
    const dev = recorder("d");
    isa.register(0x70, 2, dev);
    expect(isa.read(0x71, 1)).toBe(0x41);
    isa.write(0x70, 1, 5);
    expect(dev.seen).toEqual(["r1/1", "w0/1=5"]);
    const unclaimed: string[] = [];
    isa.onUnclaimed = (a) => unclaimed.push(`${a.isWrite ? "w" : "r"}${a.port.toString(16)}`);
    expect(isa.read(0x64, 1)).toBe(0xff);
    expect(isa.read(0x1000, 2)).toBe(0xffff);
    expect(isa.read(0x1000, 4)).toBe(0xffffffff);
    isa.write(0x61, 1, 0);
    expect(unclaimed).toEqual(["r64", "r1000", "r1000", "w61"]);
    expect(() => isa.register(0x71, 1, recorder("clash"))).toThrow(/port 0x71 already belongs to d/);
  });

  it("places, moves and removes a relocatable range without disturbing fixed devices", () => {
    const isa = new IsaIoSpace();
    const fixed = recorder("fixed");
    const bar = recorder("bar");
    isa.register(0x3f8, 8, fixed);
    expect(isa.place(bar, 0x1000, 0x40)).toBe(true);
    expect(isa.read(0x1004, 1)).toBe(0x44);
    isa.place(bar, 0x2000, 0x40);
    expect(isa.read(0x1004, 1)).toBe(0xff);
    expect(isa.read(0x2004, 1)).toBe(0x44);
    expect(isa.place(bar, 0x3e0, 0x40)).toBe(false); // overlaps the fixed UART: it keeps its ports
    expect(isa.read(0x3f8, 1)).toBe(0x40);
    expect(isa.read(0x3e0, 1)).toBe(0x40);
    isa.place(bar, null, 0x40);
    expect(isa.read(0x3e0, 1)).toBe(0xff);
    expect(isa.read(0x3f9, 1)).toBe(0x41);
  });
});

// The MMIO bus: range dispatch, byte order between CPU and device, unclaimed accesses.
import { describe, expect, it } from "vitest";
import {
  describeUnclaimed,
  MmioBus,
  MmioExit,
  type MmioDevice,
  type UnclaimedAccess,
  type Width,
} from "../../runtime/vmm/mmio.ts";

/** Records accesses and answers reads with a fixed register file. */
class Recorder implements MmioDevice {
  readonly log: string[] = [];
  constructor(
    readonly name: string,
    private readonly value = 0,
  ) {}
  read(offset: number, width: Width): number {
    this.log.push(`r${width}@${offset}`);
    return this.value;
  }
  write(offset: number, width: Width, value: number): void {
    this.log.push(`w${width}@${offset}=${value.toString(16)}`);
  }
}

describe("dispatch", () => {
  it("sends each access to the device whose range holds it, with the offset into that range", () => {
    const bus = new MmioBus({ littleEndian: true });
    const a = new Recorder("a", 0x11);
    const b = new Recorder("b", 0x22);
    bus.map(0x180003f8, 8, a);
    bus.map(0x18000070, 2, b); // same 4 KiB page as a (Malta's ISA ports share one)
    expect(bus.read(0x180003fd, 1)).toBe(0x11);
    expect(bus.write(0x18000071, 1, 0x8f)).toBe(true);
    expect(a.log).toEqual(["r1@5"]);
    expect(b.log).toEqual(["w1@1=8f"]);
  });

  it("completes an MmioExit the way KVM's run->mmio is completed: loads put the value in data", () => {
    const bus = new MmioBus({ littleEndian: true });
    bus.map(0x1000, 0x10, new Recorder("dev", 0xdeadbeef));
    const exit = new MmioExit().set(0x1004, 4, false, 0, 0x80100010);
    expect(bus.handle(exit)).toBe(true);
    expect(exit.data).toBe(0xdeadbeef);
    // Narrow loads see only their width.
    expect(bus.handle(exit.set(0x1004, 2, false, 0, 0))).toBe(true);
    expect(exit.data).toBe(0xbeef);
  });

  it("truncates store values to the access width", () => {
    const bus = new MmioBus({ littleEndian: true });
    const d = new Recorder("dev");
    bus.map(0x2000, 4, d);
    bus.write(0x2000, 1, 0x1234);
    bus.write(0x2000, 2, -1);
    expect(d.log).toEqual(["w1@0=34", "w2@0=ffff"]);
  });

  it("refuses overlapping devices with a message naming both", () => {
    const bus = new MmioBus({ littleEndian: true });
    bus.map(0x1f000000, 0x900, new Recorder("malta-fpga"));
    expect(() => bus.map(0x1f0008f0, 0x20, new Recorder("cbus-uart"))).toThrow(
      /cbus-uart: 0x1f0008f0-0x1f00090f overlaps malta-fpga/,
    );
  });

  it("handles a device spanning many pages and one at the top of the address space", () => {
    const bus = new MmioBus({ littleEndian: true });
    const big = new Recorder("big", 1);
    const top = new Recorder("top", 2);
    bus.map(0x1e000000, 0x400000, big);
    bus.map(0xfffffff0, 0x10, top);
    expect(bus.read(0x1e3ffffc, 4)).toBe(1);
    expect(bus.read(0xffffffff, 1)).toBe(2);
    expect(bus.find(0x1e400000)).toBeUndefined();
    expect(bus.find(0x1_0000_0000)).toBeUndefined();
  });
});

describe("device byte order", () => {
  // A little-endian 32-bit register holding 0x11223344 (bytes 44 33 22 11 on its bus).
  const leRegister: MmioDevice = {
    name: "le-reg",
    read: () => 0x11223344,
    write: () => {},
  };

  it("passes values unchanged when the device's order is the CPU's", () => {
    const bus = new MmioBus({ littleEndian: true });
    bus.map(0, 4, leRegister, { endian: "little" });
    expect(bus.read(0, 4)).toBe(0x11223344);
  });

  it("byte-swaps 2- and 4-byte values when a big-endian CPU reads a little-endian device", () => {
    const bus = new MmioBus({ littleEndian: false });
    bus.map(0, 4, leRegister, { endian: "little" });
    expect(bus.read(0, 4)).toBe(0x44332211);
    const d = new Recorder("le16");
    bus.map(0x10, 4, d, { endian: "little" });
    bus.write(0x10, 2, 0xabcd);
    bus.write(0x10, 1, 0xab);
    expect(d.log).toEqual(["w2@0=cdab", "w1@0=ab"]);
  });

  it("treats 'native' devices as having the CPU's order on either machine", () => {
    for (const littleEndian of [true, false]) {
      const bus = new MmioBus({ littleEndian });
      bus.map(0, 4, leRegister);
      expect(bus.read(0, 4)).toBe(0x11223344);
    }
  });
});

describe("unclaimed accesses", () => {
  it("reports them with the guest PC instead of failing, and reads the open-bus value", () => {
    const seen: UnclaimedAccess[] = [];
    const bus = new MmioBus({
      littleEndian: true,
      openBusValue: 0xffffffff,
      onUnclaimed: (a) => seen.push(a),
    });
    const exit = new MmioExit().set(0x1f000600, 2, false, 0, 0x80100234);
    expect(bus.handle(exit)).toBe(false);
    expect(exit.data).toBe(0xffff);
    expect(bus.write(0x1f000604, 4, 0x42, 0x80100238)).toBe(false);
    expect(bus.unclaimedCount).toBe(2);
    expect(seen).toHaveLength(2);
    expect(describeUnclaimed(bus.unclaimed[0])).toBe(
      "unclaimed MMIO read of 2 bytes at phys 0x1f000600, guest PC 0x80100234",
    );
    expect(describeUnclaimed(bus.unclaimed[1])).toBe(
      "unclaimed MMIO write of 4 bytes (0x00000042) at phys 0x1f000604, guest PC 0x80100238",
    );
  });

  it("keeps only the first few for reports but counts them all", () => {
    const bus = new MmioBus({ littleEndian: true, keepUnclaimed: 3 });
    for (let i = 0; i < 10; i++) bus.read(0x4000 + 4 * i, 4, i);
    expect(bus.unclaimedCount).toBe(10);
    expect(bus.unclaimed.map((a) => a.pc)).toEqual([0, 1, 2]);
  });

  it("reads 0 by default, as QEMU's unassigned memory does", () => {
    const bus = new MmioBus({ littleEndian: true });
    expect(bus.read(0x12345678, 4)).toBe(0);
  });
});

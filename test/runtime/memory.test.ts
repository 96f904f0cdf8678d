// Guest-physical memory slots: lookup (RAM or MMIO exit), aliases, byte order, bulk copies.
import { describe, expect, it } from "vitest";
import { GuestMemory, PAGE_SIZE } from "../../runtime/vmm/memory.ts";

const MiB = 1 << 20;

describe("slot lookup", () => {
  it("finds the slot of an address and reports -1 (an MMIO exit) where no slot is", () => {
    const mem = new GuestMemory(true);
    const low = mem.addRam({ base: 0, size: 4 * MiB, name: "low" });
    const high = mem.addRam({ base: 0x10000000, size: 8 * PAGE_SIZE, name: "high" });
    expect(mem.slotIndexAt(0)).toBe(low.index);
    expect(mem.slotIndexAt(4 * MiB - 1)).toBe(low.index);
    expect(mem.slotIndexAt(4 * MiB)).toBe(-1);
    expect(mem.slotAt(0x10000000 + 5)).toBe(high);
    expect(mem.slotAt(0x10000000 + 8 * PAGE_SIZE)).toBeUndefined();
    // Malta's UART at ISA 0x3f8 is behind no slot: the access must leave as MMIO.
    expect(mem.slotIndexAt(0x180003f8)).toBe(-1);
    // Addresses beyond 32 bits (the 440's ERPN space) and negative ones are never RAM.
    expect(mem.slotIndexAt(0x1_0000_0000)).toBe(-1);
    expect(mem.slotIndexAt(-4)).toBe(-1);
  });

  it("takes a slot that ends exactly at 4 GiB", () => {
    const mem = new GuestMemory(true);
    const top = mem.addRam({ base: 0xfffff000, size: PAGE_SIZE });
    expect(mem.slotAt(0xffffffff)).toBe(top);
    expect(mem.slotIndexAt(0xffffe000)).toBe(-1);
  });

  it("refuses overlapping, unaligned or oversized slots with a message naming both slots", () => {
    const mem = new GuestMemory(true);
    mem.addRam({ base: 0x100000, size: MiB, name: "ram" });
    expect(() => mem.addRam({ base: 0x1ff000, size: 2 * PAGE_SIZE, name: "rom" })).toThrow(
      /rom: 0x001ff000-0x00200fff overlaps ram/,
    );
    expect(() => mem.addRam({ base: 0x800, size: PAGE_SIZE })).toThrow(/multiples of 4 KiB/);
    expect(() => mem.addRam({ base: 0xfffff000, size: 2 * PAGE_SIZE })).toThrow(/past 4 GiB/);
  });

  it("says whether a range is RAM, across adjacent slots", () => {
    const mem = new GuestMemory(true);
    mem.addRam({ base: 0, size: 2 * PAGE_SIZE });
    mem.addRam({ base: 2 * PAGE_SIZE, size: 2 * PAGE_SIZE });
    expect(mem.isRam(PAGE_SIZE, 2 * PAGE_SIZE)).toBe(true);
    expect(mem.isRam(3 * PAGE_SIZE, PAGE_SIZE + 1)).toBe(false);
    expect(mem.isRam(0, 0)).toBe(true);
  });
});

describe("aliases", () => {
  it("shows the same bytes at two guest-physical ranges (Malta: RAM at 0x80000000 and low RAM at 0)", () => {
    const mem = new GuestMemory(true);
    const all = mem.addRam({ base: 0x80000000, size: 2 * MiB });
    const low = mem.addAlias({ base: 0, size: MiB, of: all });
    const upper = mem.addAlias({ base: 0x20000000, size: MiB, of: all, offset: MiB });
    low.store32(0x100, 0x11223344);
    expect(all.load32(0x100)).toBe(0x11223344);
    all.store32(MiB + 8, -1);
    expect(upper.load32(8)).toBe(-1);
    expect(() => mem.addAlias({ base: 0x30000000, size: 2 * MiB, of: all, offset: MiB })).toThrow(
      /not page-aligned inside/,
    );
  });
});

describe("byte order", () => {
  // Memory holds 12 34 56 78 9a bc de f0 at offset 0x10 in both machines.
  function withBytes(littleEndian: boolean) {
    const mem = new GuestMemory(littleEndian);
    const slot = mem.addRam({ base: 0, size: PAGE_SIZE });
    slot.u8.set([0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0], 0x10);
    return slot;
  }

  it("reads words most significant byte first on a big-endian machine (PowerPC 440)", () => {
    const slot = withBytes(false);
    expect(slot.load32(0x10) >>> 0).toBe(0x12345678);
    expect(slot.load32(0x14) >>> 0).toBe(0x9abcdef0);
    expect(slot.load16(0x12)).toBe(0x5678);
    expect(slot.load8(0x13)).toBe(0x78);
    expect(slot.load32(0x11) >>> 0).toBe(0x3456789a); // the 440 allows unaligned words
  });

  it("reads words least significant byte first on a little-endian machine (MIPS Malta)", () => {
    const slot = withBytes(true);
    expect(slot.load32(0x10) >>> 0).toBe(0x78563412);
    expect(slot.load16(0x12)).toBe(0x7856);
    expect(slot.load32(0x11) >>> 0).toBe(0x9a785634);
  });

  it("returns 32-bit loads as signed int32 and 16-bit loads zero-extended", () => {
    const slot = withBytes(false);
    expect(slot.load32(0x14)).toBe(0x9abcdef0 | 0);
    expect(slot.load16(0x14)).toBe(0x9abc);
  });

  it("stores in the machine's order and truncates to the width", () => {
    for (const le of [true, false]) {
      const mem = new GuestMemory(le);
      const slot = mem.addRam({ base: 0, size: PAGE_SIZE });
      slot.store32(0, 0xa1b2c3d4);
      slot.store16(4, 0x1234e5f6);
      slot.store8(6, 0x1ff);
      const bytes = Array.from(slot.u8.subarray(0, 7));
      expect(bytes).toEqual(
        le
          ? [0xd4, 0xc3, 0xb2, 0xa1, 0xf6, 0xe5, 0xff]
          : [0xa1, 0xb2, 0xc3, 0xd4, 0xe5, 0xf6, 0xff],
      );
    }
  });

  it("marks the slot native when the guest's order is the host's, so a core may index i32 directly", () => {
    const le = new GuestMemory(true).addRam({ base: 0, size: PAGE_SIZE });
    const be = new GuestMemory(false).addRam({ base: 0, size: PAGE_SIZE });
    const hostLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
    expect(le.native).toBe(hostLE);
    expect(be.native).toBe(!hostLE);
    const native = hostLE ? le : be;
    native.store32(8, 0x01020304);
    expect(native.i32[2]).toBe(0x01020304);
  });
});

describe("bulk copies", () => {
  it("writes, fills and reads ranges that span two slots", () => {
    const mem = new GuestMemory(true);
    mem.addRam({ base: 0, size: PAGE_SIZE });
    mem.addRam({ base: PAGE_SIZE, size: PAGE_SIZE });
    const data = Uint8Array.from({ length: 64 }, (_, i) => i + 1);
    expect(mem.writeBytes(PAGE_SIZE - 32, data)).toBe(true);
    expect(Array.from(mem.readBytes(PAGE_SIZE - 32, 64)!)).toEqual(Array.from(data));
    expect(mem.fill(PAGE_SIZE - 2, 4, 0xee)).toBe(true);
    expect(Array.from(mem.readBytes(PAGE_SIZE - 3, 6)!)).toEqual([30, 0xee, 0xee, 0xee, 0xee, 35]);
  });

  it("writes nothing when part of the range is not RAM", () => {
    const mem = new GuestMemory(true);
    const slot = mem.addRam({ base: 0, size: PAGE_SIZE });
    expect(mem.writeBytes(PAGE_SIZE - 2, new Uint8Array([1, 2, 3, 4]))).toBe(false);
    expect(slot.u8[PAGE_SIZE - 2]).toBe(0);
    expect(mem.readBytes(PAGE_SIZE - 2, 4)).toBeUndefined();
    expect(mem.fill(PAGE_SIZE, 1)).toBe(false);
  });

  it("describes its slots for error messages", () => {
    const mem = new GuestMemory(true);
    expect(mem.describe()).toBe("no RAM");
    mem.addRam({ base: 0, size: 64 * MiB, name: "ram" });
    expect(mem.describe()).toBe("ram 0x00000000-0x03ffffff");
  });
});

// The MMIO bus: where an access to guest-physical memory no slot covers ends up.
//
// In KVM the hypervisor fills `run->mmio` {phys_addr, len, is_write, data} and returns to
// userspace, which hands the access to its device model and, for a load, puts the value back
// before the next KVM_RUN. `MmioExit` is that record (one per vCPU, reused: no allocation per
// exit) and `MmioBus.handle` is the userspace side.
//
// Devices claim physical ranges. Lookup is flat: a table with one entry per 4 KiB page says
// which bucket of devices sits on that page (usually one; Malta's ISA ports share a page), so an
// access costs one typed-array load and a short scan, never a walk of every device.
//
// Values cross the bus as the CPU sees them (the number a load puts in a register / a store
// takes from one). A device says which byte order its registers have, as QEMU's
// MemoryRegionOps.endianness does: "native" (the CPU's), "little" or "big". When it differs
// from the machine's, 2- and 4-byte values are byte-swapped on the way, so a little-endian
// device model stays little-endian when a big-endian CPU reads it.
//
// An access nobody claims is not a host error: `handle` returns false, reads see the open-bus
// value, and the bus keeps a report (address, width, direction, value, guest PC) for the run's
// error message. What the guest sees beyond that (nothing, or a bus error) is the caller's policy.

import { hex } from "../core/format.ts";

export type Width = 1 | 2 | 4;
export type DeviceEndian = "native" | "little" | "big";

/** A device model's register window. Offsets are relative to where the device is mapped. */
export interface MmioDevice {
  readonly name: string;
  /** Returns the register value, unsigned, `width` bytes wide. */
  read(offset: number, width: Width): number;
  write(offset: number, width: Width, value: number): void;
  /**
   * For a guest polling this register: how long (seconds of board time, Infinity: for ever) the
   * access just made could be made again with no effect and, for a load, the same value `value`.
   * 0 (or no method): it has effects or may change at any time. Lets the hypervisor skip the
   * rounds of a polling loop that cannot see a change (runtime/core/poll.ts).
   */
  quiet?(offset: number, width: Width, isWrite: boolean, value: number): number;
}

/** One MMIO access, as KVM's `run->mmio`. Reused by its owner. */
export class MmioExit {
  /** Guest-physical address. */
  pa = 0;
  width: Width = 4;
  isWrite = false;
  /** Store value, or (after `handle`) the value the load returns; unsigned, `width` bytes. */
  data = 0;
  /** Guest PC of the instruction making the access, for reports. */
  pc = 0;

  set(pa: number, width: Width, isWrite: boolean, data: number, pc: number): this {
    this.pa = pa;
    this.width = width;
    this.isWrite = isWrite;
    this.data = data;
    this.pc = pc;
    return this;
  }
}

export interface MappedRegion {
  readonly base: number;
  readonly size: number;
  readonly device: MmioDevice;
  readonly name: string;
  /** Values are byte-swapped between the CPU and this device (widths 2 and 4). */
  readonly swap: boolean;
}

export interface UnclaimedAccess {
  pa: number;
  width: Width;
  isWrite: boolean;
  /** The stored value, or the open-bus value a load saw. */
  value: number;
  pc: number;
}

export interface MmioBusOptions {
  /** The machine's byte order (Malta: little; Bamboo: big). */
  littleEndian: boolean;
  /** What an unclaimed load returns (before masking to its width). Default 0, as QEMU's unassigned memory. */
  openBusValue?: number;
  /** How many unclaimed accesses to keep for reports (the count goes on). Default 16. */
  keepUnclaimed?: number;
  /** Told of every unclaimed access (e.g. to print it under --trace). */
  onUnclaimed?: (a: UnclaimedAccess) => void;
}

const PAGE_SHIFT = 12;

function swap16(v: number): number {
  return ((v & 0xff) << 8) | ((v >>> 8) & 0xff);
}

function swap32(v: number): number {
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
}

function mask(v: number, width: Width): number {
  return width === 4 ? v >>> 0 : width === 2 ? v & 0xffff : v & 0xff;
}

export class MmioBus {
  readonly littleEndian: boolean;
  readonly regions: MappedRegion[] = [];
  /** Accesses no device claimed, the first `keepUnclaimed` of them. */
  readonly unclaimed: UnclaimedAccess[] = [];
  unclaimedCount = 0;

  private readonly openBusValue: number;
  private readonly keepUnclaimed: number;
  private readonly onUnclaimed?: (a: UnclaimedAccess) => void;
  /** Per 4 KiB page of the 32-bit space: index into `buckets` + 1, or 0. */
  private readonly pageBucket = new Uint16Array(1 << (32 - PAGE_SHIFT));
  private readonly buckets: MappedRegion[][] = [];

  constructor(opts: MmioBusOptions) {
    this.littleEndian = opts.littleEndian;
    this.openBusValue = opts.openBusValue ?? 0;
    this.keepUnclaimed = opts.keepUnclaimed ?? 16;
    this.onUnclaimed = opts.onUnclaimed;
  }

  /** Maps a device at [base, base+size). Overlapping another device is a board bug and throws. */
  map(
    base: number,
    size: number,
    device: MmioDevice,
    opts: { endian?: DeviceEndian; name?: string } = {},
  ): MappedRegion {
    const name = opts.name ?? device.name;
    if (
      !Number.isInteger(base) ||
      !Number.isInteger(size) ||
      base < 0 ||
      size <= 0 ||
      base + size > 0x100000000
    ) {
      throw new Error(`${name}: bad MMIO range ${base}+${size}`);
    }
    for (const r of this.regions) {
      if (base < r.base + r.size && r.base < base + size) {
        throw new Error(
          `${name}: ${hex(base)}-${hex(base + size - 1)} overlaps ${r.name} (${hex(r.base)}-${hex(r.base + r.size - 1)})`,
        );
      }
    }
    const endian = opts.endian ?? "native";
    const swap = endian !== "native" && (endian === "little") !== this.littleEndian;
    const region: MappedRegion = { base, size, device, name, swap };
    this.regions.push(region);
    const first = Math.floor(base / (1 << PAGE_SHIFT));
    const last = Math.floor((base + size - 1) / (1 << PAGE_SHIFT));
    for (let p = first; p <= last; p++) {
      let b = this.pageBucket[p];
      if (b === 0) {
        if (this.buckets.length >= 0xffff) throw new Error(`${name}: too many MMIO pages`);
        this.buckets.push([]);
        b = this.pageBucket[p] = this.buckets.length;
      }
      this.buckets[b - 1].push(region);
    }
    return region;
  }

  /** The region claiming `pa`, if any. */
  find(pa: number): MappedRegion | undefined {
    if (pa < 0 || pa > 0xffffffff) return undefined;
    const b = this.pageBucket[pa >>> PAGE_SHIFT];
    if (b === 0) return undefined;
    const list = this.buckets[b - 1];
    for (let i = 0; i < list.length; i++) {
      const r = list[i];
      if (pa >= r.base && pa < r.base + r.size) return r;
    }
    return undefined;
  }

  /**
   * Completes one MMIO exit: a store goes to the device, a load's value lands in `exit.data`.
   * Returns false when no device claims the address (the access is recorded; a load sees the
   * open-bus value). An access that starts in a region and runs past its end counts as the region's.
   */
  handle(exit: MmioExit): boolean {
    const r = this.find(exit.pa);
    const width = exit.width;
    if (r === undefined) {
      if (!exit.isWrite) exit.data = mask(this.openBusValue, width);
      this.report(exit);
      return false;
    }
    const off = exit.pa - r.base;
    if (exit.isWrite) {
      let v = mask(exit.data, width);
      if (r.swap && width !== 1) v = width === 2 ? swap16(v) : swap32(v);
      r.device.write(off, width, v);
    } else {
      let v = mask(r.device.read(off, width), width);
      if (r.swap && width !== 1) v = width === 2 ? swap16(v) : swap32(v);
      exit.data = v;
    }
    return true;
  }

  /** `MmioDevice.quiet` of the access `exit` just completed (unclaimed addresses: for ever). */
  quiet(exit: MmioExit): number {
    const r = this.find(exit.pa);
    if (r === undefined) return Infinity;
    if (r.device.quiet === undefined) return 0;
    let v = mask(exit.data, exit.width);
    if (r.swap && exit.width !== 1) v = exit.width === 2 ? swap16(v) : swap32(v);
    return r.device.quiet(exit.pa - r.base, exit.width, exit.isWrite, v);
  }

  private readonly scratch = new MmioExit();

  /** Convenience load (tests, device-to-device); the unclaimed case reads the open-bus value. */
  read(pa: number, width: Width, pc = 0): number {
    const e = this.scratch.set(pa, width, false, 0, pc);
    this.handle(e);
    return e.data;
  }

  /** Convenience store; returns false when nobody claimed it. */
  write(pa: number, width: Width, value: number, pc = 0): boolean {
    return this.handle(this.scratch.set(pa, width, true, value, pc));
  }

  private report(exit: MmioExit): void {
    this.unclaimedCount++;
    const a: UnclaimedAccess = {
      pa: exit.pa,
      width: exit.width,
      isWrite: exit.isWrite,
      value: exit.data,
      pc: exit.pc,
    };
    if (this.unclaimed.length < this.keepUnclaimed) this.unclaimed.push(a);
    this.onUnclaimed?.(a);
  }
}

/** "unclaimed MMIO write of 4 bytes (0x00000042) at phys 0x1f000600, guest PC 0x80100234". */
export function describeUnclaimed(a: UnclaimedAccess): string {
  const what = a.isWrite
    ? `write of ${a.width} byte${a.width > 1 ? "s" : ""} (${hex(a.value, a.width * 2)})`
    : `read of ${a.width} byte${a.width > 1 ? "s" : ""}`;
  return `unclaimed MMIO ${what} at phys ${hex(a.pa)}, guest PC ${hex(a.pc)}`;
}

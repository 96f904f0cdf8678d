// Guest-physical memory as KVM-style memory slots.
//
// A slot is a range of guest-physical addresses backed by host memory: one ArrayBuffer with
// typed-array views over it. Two slots may share a buffer (an alias, like Malta's low 256 MiB,
// which QEMU maps both at 0 and at 0x80000000). A guest-physical address no slot covers is not
// memory: the access leaves as an MMIO exit (seeds/001: "When the guest tries to map a page
// which is not covered by any memslot, that page is taken to be an MMIO emulation page").
//
// Byte order is a property of the machine: a Malta guest is little-endian, a 440 big-endian.
// The slot's accessors go through a DataView with the guest's order. bench/memory.ts measured
// it (Node 20, x86-64 host): in a hot loop, DataView.getInt32 with the order as a constant or a
// hoisted local costs the same as indexing a host-order Int32Array (0.94 ns/load, the loop's
// floor), for big- and little-endian alike; an Int32Array load plus a byte swap, or four byte
// loads, cost twice that. A method call per access (slot.load32) costs about 1 ns more, so a
// CPU core's hot path should hoist `view` (or, when `native`, `i32`) into locals and index it
// itself; these methods are for the loader, devices, the hypervisor's slow paths and tests.
//
// Lookup is one typed-array load: a table with one byte per 4 KiB guest-physical page holding the
// slot index + 1 (0 = no slot). Slots must therefore start and end on 4 KiB boundaries. Physical
// addresses above 4 GiB (the 440's 36-bit ERPN space) are never RAM here.

import { hex } from "../core/format.ts";

export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 1 << PAGE_SHIFT;
const PAGE_MASK = PAGE_SIZE - 1;
const PAGES_4G = 1 << (32 - PAGE_SHIFT);
/** Slot indexes are stored in a byte (+1), so at most 255 slots. */
const MAX_SLOTS = 255;

export const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * One memory slot. Offsets given to the accessors are relative to `base` (the host offset in
 * this slot); callers get them from `GuestMemory.slotIndexAt` / `slotAt`. Alignment rules are the
 * CPU's business (MIPS raises address errors before it touches memory; the 440 allows unaligned
 * words); the accessors work at any offset inside the slot, not across its end.
 */
export class MemorySlot {
  /** Host-order views over this slot's bytes (they start at the slot, not at the buffer). */
  readonly u8: Uint8Array;
  readonly u16: Uint16Array;
  readonly i32: Int32Array;
  readonly view: DataView;
  /** Guest byte order equals host byte order: aligned accesses may index `u16`/`i32` directly. */
  readonly native: boolean;

  constructor(
    readonly index: number,
    readonly name: string,
    /** Guest-physical address of the first byte. */
    readonly base: number,
    readonly size: number,
    readonly buffer: ArrayBuffer,
    /** Where this slot starts inside `buffer` (non-zero for an alias into a bigger slot). */
    readonly bufferOffset: number,
    readonly littleEndian: boolean,
  ) {
    this.u8 = new Uint8Array(buffer, bufferOffset, size);
    this.u16 = new Uint16Array(buffer, bufferOffset, size >>> 1);
    this.i32 = new Int32Array(buffer, bufferOffset, size >>> 2);
    this.view = new DataView(buffer, bufferOffset, size);
    this.native = littleEndian === HOST_LITTLE_ENDIAN;
  }

  /** Last guest-physical address + 1. */
  get end(): number {
    return this.base + this.size;
  }

  load8(off: number): number {
    return this.u8[off];
  }

  /** 16-bit load in the guest's byte order, zero-extended. Any alignment within the slot. */
  load16(off: number): number {
    return this.view.getUint16(off, this.littleEndian);
  }

  /** 32-bit load in the guest's byte order, as a signed int32 (what a register holds). Any alignment. */
  load32(off: number): number {
    return this.view.getInt32(off, this.littleEndian);
  }

  store8(off: number, v: number): void {
    this.u8[off] = v;
  }

  store16(off: number, v: number): void {
    this.view.setUint16(off, v & 0xffff, this.littleEndian);
  }

  store32(off: number, v: number): void {
    this.view.setInt32(off, v | 0, this.littleEndian);
  }
}

export interface RamOptions {
  /** Guest-physical base, 4 KiB aligned. */
  base: number;
  /** Bytes, a multiple of 4 KiB. */
  size: number;
  /** Shown in error messages and listings. */
  name?: string;
}

export interface AliasOptions extends RamOptions {
  /** The slot whose bytes this one shows. */
  of: MemorySlot;
  /** Byte offset into `of` where the alias starts (4 KiB aligned). */
  offset?: number;
}

/** The guest-physical address space's RAM: a set of slots and an O(1) page → slot lookup. */
export class GuestMemory {
  readonly slots: MemorySlot[] = [];
  /** One byte per 4 KiB page of the 32-bit physical space: slot index + 1, or 0 (not RAM). */
  private readonly pageSlot = new Uint8Array(PAGES_4G);

  constructor(readonly littleEndian: boolean) {}

  /** Adds a RAM slot with its own (zeroed) buffer. A board-construction mistake throws. */
  addRam(opts: RamOptions): MemorySlot {
    const name = opts.name ?? `ram@${hex(opts.base)}`;
    this.checkRange(name, opts.base, opts.size);
    return this.install(name, opts.base, opts.size, new ArrayBuffer(opts.size), 0);
  }

  /** Adds a slot that shows (part of) another slot's bytes at a second guest-physical range. */
  addAlias(opts: AliasOptions): MemorySlot {
    const name = opts.name ?? `${opts.of.name} alias@${hex(opts.base)}`;
    const offset = opts.offset ?? 0;
    this.checkRange(name, opts.base, opts.size);
    if (offset % PAGE_SIZE !== 0 || offset + opts.size > opts.of.size) {
      throw new Error(
        `${name}: alias range ${hex(offset)}+${hex(opts.size)} is not page-aligned inside ${opts.of.name}`,
      );
    }
    return this.install(name, opts.base, opts.size, opts.of.buffer, opts.of.bufferOffset + offset);
  }

  /** Index of the slot holding guest-physical `pa`, or -1: no slot, the access is an MMIO exit. */
  slotIndexAt(pa: number): number {
    if (pa > 0xffffffff || pa < 0) return -1;
    return this.pageSlot[pa >>> PAGE_SHIFT] - 1;
  }

  /** The slot holding `pa`, or undefined (MMIO). The host offset is `pa - slot.base`. */
  slotAt(pa: number): MemorySlot | undefined {
    const i = this.slotIndexAt(pa);
    return i < 0 ? undefined : this.slots[i];
  }

  /** True when every byte of [pa, pa+len) is RAM (possibly across adjacent slots). */
  isRam(pa: number, len: number): boolean {
    if (len <= 0) return true;
    if (pa < 0 || pa + len - 1 > 0xffffffff) return false;
    for (let p = pa >>> PAGE_SHIFT, last = (pa + len - 1) >>> PAGE_SHIFT; p <= last; p++) {
      if (this.pageSlot[p] === 0) return false;
    }
    return true;
  }

  /** Copies bytes into guest RAM. Returns false (writing nothing) when part of the range is not RAM. */
  writeBytes(pa: number, bytes: Uint8Array): boolean {
    if (!this.isRam(pa, bytes.length)) return false;
    let done = 0;
    while (done < bytes.length) {
      const slot = this.slotAt(pa + done)!;
      const off = pa + done - slot.base;
      const n = Math.min(bytes.length - done, slot.size - off);
      slot.u8.set(bytes.subarray(done, done + n), off);
      done += n;
    }
    return true;
  }

  /** Fills guest RAM with a byte value (ELF .bss). Returns false when part of the range is not RAM. */
  fill(pa: number, len: number, value = 0): boolean {
    if (!this.isRam(pa, len)) return false;
    let done = 0;
    while (done < len) {
      const slot = this.slotAt(pa + done)!;
      const off = pa + done - slot.base;
      const n = Math.min(len - done, slot.size - off);
      slot.u8.fill(value, off, off + n);
      done += n;
    }
    return true;
  }

  /** Copies bytes out of guest RAM, or undefined when part of the range is not RAM. */
  readBytes(pa: number, len: number): Uint8Array | undefined {
    if (!this.isRam(pa, len)) return undefined;
    const out = new Uint8Array(len);
    let done = 0;
    while (done < len) {
      const slot = this.slotAt(pa + done)!;
      const off = pa + done - slot.base;
      const n = Math.min(len - done, slot.size - off);
      out.set(slot.u8.subarray(off, off + n), done);
      done += n;
    }
    return out;
  }

  /** "ram@0x00000000-0x03ffffff, ..." for messages. */
  describe(): string {
    if (this.slots.length === 0) return "no RAM";
    return this.slots.map((s) => `${s.name} ${hex(s.base)}-${hex(s.end - 1)}`).join(", ");
  }

  private checkRange(name: string, base: number, size: number): void {
    if (!Number.isInteger(base) || !Number.isInteger(size) || base < 0 || size <= 0) {
      throw new Error(
        `${name}: base ${base} / size ${size} must be non-negative integers, size > 0`,
      );
    }
    if (base % PAGE_SIZE !== 0 || size % PAGE_SIZE !== 0) {
      throw new Error(
        `${name}: base ${hex(base)} and size ${hex(size)} must be multiples of 4 KiB`,
      );
    }
    if (base + size > 0x100000000) {
      throw new Error(`${name}: ${hex(base)}+${hex(size)} extends past 4 GiB`);
    }
    if (this.slots.length >= MAX_SLOTS)
      throw new Error(`${name}: more than ${MAX_SLOTS} memory slots`);
    for (let p = base >>> PAGE_SHIFT, last = (base + size - 1) >>> PAGE_SHIFT; p <= last; p++) {
      if (this.pageSlot[p] !== 0) {
        const other = this.slots[this.pageSlot[p] - 1];
        throw new Error(
          `${name}: ${hex(base)}-${hex(base + size - 1)} overlaps ${other.name} (${hex(other.base)}-${hex(other.end - 1)})`,
        );
      }
    }
  }

  private install(
    name: string,
    base: number,
    size: number,
    buffer: ArrayBuffer,
    bufferOffset: number,
  ): MemorySlot {
    const slot = new MemorySlot(
      this.slots.length,
      name,
      base,
      size,
      buffer,
      bufferOffset,
      this.littleEndian,
    );
    this.slots.push(slot);
    // Division, not >>>: base + size may be exactly 2^32.
    this.pageSlot.fill(slot.index + 1, base / PAGE_SIZE, (base + size) / PAGE_SIZE);
    return slot;
  }
}

/** Page offset mask, exported for callers that split addresses. */
export const PAGE_OFFSET_MASK = PAGE_MASK;

// One PCI function's 256-byte configuration space (PCI Local Bus Specification 3.0, chapter 6),
// with what decides how software sees it: which bits are writable (QEMU's wmask), which are
// write-1-to-clear (w1cmask: the status register's error bits), and the BAR sizing that
// follows from the writable bits: writing all ones to a BAR reads back ~(size - 1) plus the
// type bits, which is how an OS learns a BAR's size (PCI 3.0 §6.2.5.1).
//
// A function is only registers: no BAR decodes memory or I/O here (the boards that have PCI
// devices with live BARs would add that).

export interface PciIdentity {
  vendor: number;
  device: number;
  /** 24-bit class code: class, subclass, programming interface. */
  classCode: number;
  revision?: number;
  /** Interrupt pin: 0 none, 1 INTA … 4 INTD. */
  interruptPin?: number;
}

const COMMAND = 0x04;
const STATUS = 0x06;
const BAR0 = 0x10;
const ROM = 0x30;
const INTERRUPT_LINE = 0x3c;
const INTERRUPT_PIN = 0x3d;
/** Command bits QEMU lets software write: I/O, memory, bus master, SERR, INTx disable. */
const COMMAND_WMASK = 0x0547;
/** Status error bits, write-1-to-clear. */
const STATUS_W1C = 0xf900;

export class PciFunction {
  readonly config = new Uint8Array(256);
  private readonly wmask = new Uint8Array(256);
  private readonly w1cmask = new Uint8Array(256);

  constructor(
    readonly name: string,
    id: PciIdentity,
  ) {
    this.set(0x00, 2, id.vendor);
    this.set(0x02, 2, id.device);
    this.set(0x08, 1, id.revision ?? 0);
    this.set(0x09, 3, id.classCode);
    this.set(INTERRUPT_PIN, 1, id.interruptPin ?? 0);
    this.setMask(this.wmask, COMMAND, 2, COMMAND_WMASK);
    this.setMask(this.w1cmask, STATUS, 2, STATUS_W1C);
    this.setMask(this.wmask, 0x0c, 2, 0xffff); // cache line size, latency timer
    this.setMask(this.wmask, INTERRUPT_LINE, 1, 0xff);
  }

  /** A memory BAR (32-bit, not prefetchable) or an I/O BAR of `size` bytes, a power of two. */
  addBar(index: number, size: number, space: "mem" | "io"): void {
    const type = space === "io" ? 0x1 : 0x0;
    const low = space === "io" ? 0x3 : 0xf;
    this.set(BAR0 + 4 * index, 4, type);
    this.setMask(this.wmask, BAR0 + 4 * index, 4, ~(size - 1) & ~low);
  }

  /** The expansion ROM BAR: address bits by size, plus the enable bit (bit 0). */
  addRom(size: number): void {
    this.setMask(this.wmask, ROM, 4, (~(size - 1) & 0xfffff800) | 1);
  }

  /** Little-endian read of `width` bytes at `offset` (the host keeps accesses within a dword). */
  read(offset: number, width: 1 | 2 | 4): number {
    let v = 0;
    for (let i = width - 1; i >= 0; i--) v = (v << 8) | this.config[(offset + i) & 0xff];
    return v >>> 0;
  }

  write(offset: number, width: 1 | 2 | 4, value: number): void {
    for (let i = 0; i < width; i++) {
      const a = (offset + i) & 0xff;
      const b = (value >>> (8 * i)) & 0xff;
      const w = this.wmask[a];
      this.config[a] = ((this.config[a] & ~w) | (b & w)) & ~(b & this.w1cmask[a]);
    }
  }

  private set(offset: number, width: number, value: number): void {
    for (let i = 0; i < width; i++) this.config[offset + i] = (value >>> (8 * i)) & 0xff;
  }

  private setMask(mask: Uint8Array, offset: number, width: number, value: number): void {
    for (let i = 0; i < width; i++) mask[offset + i] = (value >>> (8 * i)) & 0xff;
  }
}

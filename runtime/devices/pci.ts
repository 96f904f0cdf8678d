// Conventional PCI configuration space (PCI Local Bus Specification 3.0, section 6.1): one
// 256-byte header per function and the bus-0 decoder a host bridge's configuration mechanism
// reaches. Only what firmware-less enumeration needs: IDs, class, header type, the command
// register, write-1-to-clear status errors, BARs and ROM BARs that size the standard way, and
// the interrupt line/pin. Functions do not decode their memory BARs (Malta's devices Linux uses
// sit at fixed legacy ports; Bamboo's e1000 is there for enumeration only).

/** PCI header offsets (spec 6.1, figure 6-1). */
export const PCI_VENDOR_ID = 0x00,
  PCI_COMMAND = 0x04,
  PCI_STATUS = 0x06,
  PCI_REVISION = 0x08,
  PCI_CLASS_PROG = 0x09,
  PCI_CACHE_LINE = 0x0c,
  PCI_LATENCY = 0x0d,
  PCI_HEADER_TYPE = 0x0e,
  PCI_BAR0 = 0x10,
  PCI_ROM_ADDRESS = 0x30,
  PCI_INTERRUPT_LINE = 0x3c,
  PCI_INTERRUPT_PIN = 0x3d;

export interface PciFunctionSpec {
  name: string;
  vendor: number;
  device: number;
  /** Base class, subclass, programming interface: 0xccsspp. */
  classCode: number;
  revision?: number;
  /** Header type bit 7: the device has more functions (set on function 0 only). */
  multifunction?: boolean;
  /** INTA#..INTD# = 1..4, 0 for none. */
  interruptPin?: number;
  /** BARs by index: I/O or memory, size a power of two. */
  bars?: Partial<Record<0 | 1 | 2 | 3 | 4 | 5, { io: boolean; size: number }>>;
  /** Expansion ROM BAR (0x30) size, a power of two of at least 2 KiB. */
  rom?: number;
  /** Device-specific bytes at reset (offset → value), e.g. the PIIX4's PIRQ routing. */
  initial?: Record<number, number>;
  /** Device-specific bytes the guest may write (offset → writable bit mask). */
  writable?: Record<number, number>;
}

export class PciFunction {
  readonly config = new Uint8Array(256);
  /** Per byte, the bits a configuration write may change. */
  private readonly wmask = new Uint8Array(256);
  /** Per byte, the bits a configuration write of one clears (latched status). */
  private readonly w1cmask = new Uint8Array(256);
  /** Called after each configuration write (functions that decode a register they own). */
  onWrite?: () => void;

  constructor(readonly spec: PciFunctionSpec) {
    const c = this.config;
    const put16 = (o: number, v: number) => ((c[o] = v & 0xff), (c[o + 1] = v >>> 8));
    put16(PCI_VENDOR_ID, spec.vendor);
    put16(PCI_VENDOR_ID + 2, spec.device);
    c[PCI_REVISION] = spec.revision ?? 0;
    c[PCI_CLASS_PROG] = spec.classCode & 0xff;
    c[PCI_CLASS_PROG + 1] = (spec.classCode >>> 8) & 0xff;
    c[PCI_CLASS_PROG + 2] = spec.classCode >>> 16;
    c[PCI_HEADER_TYPE] = spec.multifunction ? 0x80 : 0;
    c[PCI_INTERRUPT_PIN] = spec.interruptPin ?? 0;
    // Command: I/O (0), memory (1), bus master (2), parity (6), SERR# (8) and INTx disable (10)
    // are the bits QEMU lets software write (its pci_init_cmask/wmask).
    this.wmask[PCI_COMMAND] = 0x47;
    this.wmask[PCI_COMMAND + 1] = 0x05;
    // Status: the error bits (parity, signalled/received aborts, SERR#) are write-1-to-clear.
    this.w1cmask[PCI_STATUS + 1] = 0xf9;
    this.wmask[PCI_CACHE_LINE] = 0xff;
    this.wmask[PCI_LATENCY] = 0xff;
    this.wmask[PCI_INTERRUPT_LINE] = 0xff;
    for (const [k, bar] of Object.entries(spec.bars ?? {})) {
      if (bar === undefined) continue;
      if (bar.size & (bar.size - 1)) throw new Error(`${spec.name}: BAR size ${bar.size} is not a power of two`);
      // Sizing (spec 6.2.5.1): the address bits below the size are hard-wired to zero, so
      // writing all ones reads back ~(size-1) with the type bits.
      const off = PCI_BAR0 + 4 * Number(k);
      const mask = (~(bar.size - 1) & (bar.io ? 0xfffffffc : 0xfffffff0)) >>> 0;
      for (let i = 0; i < 4; i++) this.wmask[off + i] = (mask >>> (8 * i)) & 0xff;
      c[off] = bar.io ? 1 : 0;
    }
    if (spec.rom !== undefined) {
      if (spec.rom < 0x800 || spec.rom & (spec.rom - 1))
        throw new Error(`${spec.name}: ROM size ${spec.rom} is not a power of two ≥ 2 KiB`);
      // Address bits above the size, and the enable bit (spec 6.2.5.2).
      const mask = ((~(spec.rom - 1) & 0xfffff800) | 1) >>> 0;
      for (let i = 0; i < 4; i++) this.wmask[PCI_ROM_ADDRESS + i] = (mask >>> (8 * i)) & 0xff;
    }
    for (const [o, v] of Object.entries(spec.initial ?? {})) c[Number(o)] = v;
    for (const [o, m] of Object.entries(spec.writable ?? {})) this.wmask[Number(o)] = m;
  }

  /**
   * Where I/O BAR `bar` decodes: its base while the command register enables I/O space and the
   * BAR holds an I/O address, else null (disabled or unassigned).
   */
  ioBarBase(bar: number): number | null {
    if ((this.config[PCI_COMMAND] & 1) === 0) return null;
    const v = this.read(PCI_BAR0 + 4 * bar, 4);
    if ((v & 1) === 0) return null;
    const base = v & 0xfffc;
    return base === 0 ? null : base;
  }

  read(offset: number, width: 1 | 2 | 4): number {
    let v = 0;
    for (let i = width - 1; i >= 0; i--) v = (v << 8) | this.config[(offset + i) & 0xff];
    return v >>> 0;
  }

  write(offset: number, width: 1 | 2 | 4, value: number): void {
    for (let i = 0; i < width; i++) {
      const o = (offset + i) & 0xff;
      const b = (value >>> (8 * i)) & 0xff;
      const m = this.wmask[o];
      this.config[o] = ((this.config[o] & ~m) | (b & m)) & ~(b & this.w1cmask[o]);
    }
    this.onWrite?.();
  }
}

/** Bus 0: functions by device/function number (devfn = device << 3 | function). */
export class PciBus {
  private readonly functions = new Map<number, PciFunction>();

  add(device: number, fn: number, f: PciFunction): PciFunction {
    const devfn = (device << 3) | fn;
    if (this.functions.has(devfn)) throw new Error(`pci: ${device}.${fn} is taken`);
    this.functions.set(devfn, f);
    return f;
  }

  get(devfn: number): PciFunction | undefined {
    return this.functions.get(devfn);
  }

  /** A configuration read; no function there reads all ones (a master abort on real buses). */
  read(devfn: number, offset: number, width: 1 | 2 | 4): number {
    const f = this.functions.get(devfn);
    if (f === undefined) return width === 4 ? 0xffffffff : width === 2 ? 0xffff : 0xff;
    return f.read(offset, width);
  }

  write(devfn: number, offset: number, width: 1 | 2 | 4, value: number): void {
    this.functions.get(devfn)?.write(offset, width, value);
  }
}

// Galileo (Marvell) GT-64120 system controller, Malta's north bridge, as Linux's Malta code and
// its GT-64xxx PCI driver use it (arch/mips/mti-malta/malta-init.c, arch/mips/pci/pci-malta.c,
// arch/mips/pci/ops-gt64xxx_pci0.c), with the register layout and reset values of QEMU's
// hw/pci-host/gt64120.c (GT-64120 datasheet names, little-endian CPU interface):
//
//   0x000 CPU interface configuration (bit 12 Endianness: set = little-endian, no byte swap)
//   0x048/0x050 PCI_0 I/O low/high decode    (address bits 35:21; high decode 7 bits)
//   0x058/0x060 PCI_0 memory 0 low/high      0x080/0x088 PCI_0 memory 1 low/high
//   0x068 internal space decode (ISD)        where these registers sit
//   0x0f0/0x0f8/0x100 PCI_0 I/O, mem 0, mem 1 remap (11 bits; a low-decode write also sets it)
//   0xc00 PCI_0 command (bit 0 MByteSwap, bit 16 SByteSwap)   0xc04 PCI_0 timeout/retry
//   0xc18 interrupt cause (write 0 to clear; bit 0 = any other bit set)   0xc1c interrupt mask
//   0xc34 PCI_0 interrupt acknowledge: an INTA cycle, answered by the i8259 with its vector
//   0xcf8/0xcfc PCI_0 configuration address / data (mechanism #1: enable bit 31, bus 23:16,
//               device 15:11, function 10:8, register 7:2)
//
// The state is the one QEMU's `-kernel` boot stub leaves (hw/mips/malta.c, write_bootloader,
// "as done by YAMON"): registers moved to 0x1be00000 (ISD 0xdf), the PCI_0 I/O window at
// 0x18000000-0x181fffff (0xc0/0x40), memory 0 at 0x10000000 size 0x7e00000 (0x80/0x3f),
// memory 1 at 0x18200000 size 0xbc00000 (0xc1/0x5e). The board maps the I/O window and these
// registers at those fixed addresses; a guest that moves either is told, with a stop, that the
// board does not model it (Linux on Malta never does).
//
// Not modelled: the big-endian CPU interface, SDRAM/device timing (stored, no effect), DMA,
// timers/counters, PCI_1, error reporting (reads return the reset values, as in QEMU).

import type { MmioDevice, Width } from "../vmm/mmio.ts";
import { PciBus, PciFunction } from "./pci.ts";

export const GT_BASE = 0x1be00000;
export const GT_SIZE = 0x1000;
export const GT_PCI0_IO_BASE = 0x18000000;
export const GT_PCI0_IO_SIZE = 0x200000;

export const GT_CPU = 0x000,
  GT_PCI0IOLD = 0x048,
  GT_PCI0IOHD = 0x050,
  GT_PCI0M0LD = 0x058,
  GT_PCI0M0HD = 0x060,
  GT_ISD = 0x068,
  GT_PCI0M1LD = 0x080,
  GT_PCI0M1HD = 0x088,
  GT_PCI1IOLD = 0x090,
  GT_PCI1M0LD = 0x0a0,
  GT_PCI1M1LD = 0x0b0,
  GT_PCI0IOREMAP = 0x0f0,
  GT_PCI0M0REMAP = 0x0f8,
  GT_PCI0M1REMAP = 0x100,
  GT_MULTI = 0x120,
  GT_PCI0_CMD = 0xc00,
  GT_PCI0_TOR = 0xc04,
  GT_INTRCAUSE = 0xc18,
  GT_INTRMASK = 0xc1c,
  GT_PCI0_IACK = 0xc34,
  GT_PCI0_CFGADDR = 0xcf8,
  GT_PCI0_CFGDATA = 0xcfc;

/** Reset values (QEMU gt64120_reset, little-endian CPU) that Linux may read. */
const RESET: ReadonlyArray<readonly [number, number]> = [
  [GT_CPU, 0x00001000],
  [0x008, 0x00000000], // SCS[1:0] low/high decode
  [0x010, 0x00000007],
  [0x018, 0x00000008], // SCS[3:2]
  [0x020, 0x0000000f],
  [0x028, 0x000000e0], // CS[2:0]
  [0x030, 0x00000070],
  [0x038, 0x000000f8], // CS[3] and boot CS
  [0x040, 0x0000007f],
  [GT_PCI0IOLD, 0x00000080],
  [GT_PCI0IOHD, 0x0000000f],
  [GT_PCI0M0LD, 0x00000090],
  [GT_PCI0M0HD, 0x0000001f],
  [GT_ISD, 0x000000a0],
  [GT_PCI0M1LD, 0x00000790],
  [GT_PCI0M1HD, 0x0000001f],
  [GT_PCI1IOLD, 0x00000100],
  [0x098, 0x0000000f],
  [GT_PCI1M0LD, 0x00000110],
  [0x0a8, 0x0000001f],
  [GT_PCI1M1LD, 0x00000120],
  [0x0b8, 0x0000002f],
  [GT_PCI0IOREMAP, 0x00000080],
  [GT_PCI0M0REMAP, 0x00000090],
  [GT_PCI0M1REMAP, 0x00000790],
  [0x108, 0x00000100], // PCI_1 remaps
  [0x110, 0x00000110],
  [0x118, 0x00000120],
  [GT_MULTI, 0x00000003],
  [0x400, 0x00000000], // SCS0..3, CS0..3, boot decode (SDRAM and device address decode)
  [0x404, 0x00000007],
  [0x408, 0x00000008],
  [0x40c, 0x0000000f],
  [0x410, 0x00000010],
  [0x414, 0x00000017],
  [0x418, 0x00000018],
  [0x41c, 0x0000001f],
  [0x448, 0x00000200], // SDRAM configuration
  [GT_PCI0_CMD, 0x00010001], // MByteSwap | SByteSwap: little-endian CPU
  [GT_PCI0_TOR, 0x0000070f],
];

/** What QEMU's boot stub writes before jumping to the kernel (register, value). */
export const GT_BOOT_STUB_WRITES: ReadonlyArray<readonly [number, number]> = [
  [GT_ISD, GT_BASE >>> 21],
  [GT_PCI0IOLD, GT_PCI0_IO_BASE >>> 21],
  [GT_PCI0IOHD, 0x40],
  [GT_PCI0M0LD, 0x10000000 >>> 21],
  [GT_PCI0M0HD, 0x3f],
  [GT_PCI0M1LD, 0x18200000 >>> 21],
  [GT_PCI0M1HD, 0x5e],
];

export interface Gt64120Options {
  pci: PciBus;
  /** The INTA cycle a read of PCI_0 IACK runs (the i8259's vector); 0 without one. */
  interruptAcknowledge?: () => number;
  /** The guest did something the board does not model (moving a decoded window). */
  unsupported: (message: string) => void;
}

export class Gt64120 implements MmioDevice {
  readonly name = "gt64120";
  private readonly regs = new Uint32Array(GT_SIZE / 4);
  /** PCI_0 configuration address (mechanism #1). */
  private cfgAddr = 0;

  constructor(private readonly opts: Gt64120Options) {
    for (const [off, v] of RESET) this.regs[off >>> 2] = v;
    // The boot stub's writes go through the register semantics (a low decode sets its remap).
    for (const [off, v] of GT_BOOT_STUB_WRITES) this.writeReg(off, v, false);
  }

  /** The PCI_0 I/O window the registers currently decode: [base, size). */
  pciIoWindow(): { base: number; size: number } {
    return this.window(GT_PCI0IOLD, GT_PCI0IOHD);
  }

  read(offset: number, width: Width): number {
    const reg = offset & ~3;
    const shift = (offset & 3) * 8;
    let v: number;
    if (reg === GT_PCI0_CFGDATA) {
      // Sub-word accesses reach the matching bytes of the selected register.
      return this.configRead(offset & 3, width);
    } else if (reg === GT_PCI0_CFGADDR) v = this.cfgAddr;
    else if (reg === GT_PCI0_IACK) v = this.opts.interruptAcknowledge?.() ?? 0;
    else v = this.regs[reg >>> 2];
    v >>>= shift;
    return width === 4 ? v >>> 0 : width === 2 ? v & 0xffff : v & 0xff;
  }

  write(offset: number, width: Width, value: number): void {
    const reg = offset & ~3;
    if (reg === GT_PCI0_CFGDATA) {
      this.configWrite(offset & 3, width, value);
      return;
    }
    if (width !== 4) {
      // QEMU implements the register file with 4-byte accesses only; merge narrower writes.
      const shift = (offset & 3) * 8;
      const m = (width === 2 ? 0xffff : 0xff) << shift;
      const old = reg === GT_PCI0_CFGADDR ? this.cfgAddr : this.regs[reg >>> 2];
      value = ((old & ~m) | ((value << shift) & m)) >>> 0;
    }
    this.writeReg(reg, value >>> 0, true);
  }

  private writeReg(reg: number, v: number, fromGuest: boolean): void {
    const r = this.regs;
    const before = this.pciIoWindow();
    switch (reg) {
      case GT_MULTI:
        return; // read-only: one GT-64120 on the CPU bus
      case GT_PCI0IOLD:
      case GT_PCI0M0LD:
      case GT_PCI0M1LD:
      case GT_PCI1IOLD:
      case GT_PCI1M0LD:
      case GT_PCI1M1LD:
        // A low-decode write also loads the matching remap register (as QEMU's model does), so
        // a window written once maps PCI addresses 1:1 with CPU addresses.
        r[reg >>> 2] = v & 0x7fff;
        r[remapOf(reg) >>> 2] = v & 0x7ff;
        break;
      case GT_PCI0IOHD:
      case GT_PCI0M0HD:
      case GT_PCI0M1HD:
      case 0x098:
      case 0x0a8:
      case 0x0b8:
        r[reg >>> 2] = v & 0x7f;
        break;
      case GT_ISD:
        if (fromGuest && (v & 0x7fff) !== GT_BASE >>> 21) {
          this.opts.unsupported(
            `gt64120: the guest moved the internal registers to 0x${(((v & 0x7fff) << 21) >>> 0).toString(16)}; the board keeps them at 0x${GT_BASE.toString(16)}`,
          );
          return;
        }
        r[reg >>> 2] = v & 0x7fff;
        return;
      case GT_PCI0IOREMAP:
      case GT_PCI0M0REMAP:
      case GT_PCI0M1REMAP:
      case 0x108:
      case 0x110:
      case 0x118:
        r[reg >>> 2] = v & 0x7ff;
        break;
      case GT_PCI0_CMD:
        r[reg >>> 2] = v & 0x0401fc0f;
        break;
      case GT_PCI0_CFGADDR:
        this.cfgAddr = v;
        return;
      case GT_INTRCAUSE: {
        // Cause bits are cleared by writing 0 and kept by writing 1; bit 0 summarises the rest.
        const c = r[reg >>> 2] & v & 0xfffffffe;
        r[reg >>> 2] = (c | (c !== 0 ? 1 : 0)) >>> 0;
        return;
      }
      case GT_INTRMASK:
        r[reg >>> 2] = v & 0x3c3ffffe;
        return;
      case GT_PCI0_IACK:
        return;
      default:
        r[reg >>> 2] = v;
        return;
    }
    const after = this.pciIoWindow();
    if (fromGuest && (after.base !== before.base || after.size !== before.size))
      this.opts.unsupported(
        `gt64120: the guest moved the PCI_0 I/O window to 0x${after.base.toString(16)} (+0x${after.size.toString(16)}); the board keeps it at 0x${GT_PCI0_IO_BASE.toString(16)}`,
      );
  }

  private window(ld: number, hd: number): { base: number; size: number } {
    const low = this.regs[ld >>> 2];
    const high = this.regs[hd >>> 2];
    // Decode (QEMU gt64120_pci_mapping): start = LD << 21; the high decode gives the last 2 MiB
    // block within the 256 MiB region selected by LD's low 7 bits.
    if ((low & 0x7f) > high) return { base: 0, size: 0 };
    return { base: (low << 21) >>> 0, size: ((high + 1 - (low & 0x7f)) << 21) >>> 0 };
  }

  private configTarget(): { devfn: number; reg: number } | undefined {
    const a = this.cfgAddr;
    if ((a & 0x80000000) === 0 || ((a >>> 16) & 0xff) !== 0) return undefined;
    return { devfn: (a >>> 8) & 0xff, reg: a & 0xfc };
  }

  private configRead(byte: number, width: Width): number {
    const t = this.configTarget();
    if (t === undefined) return width === 4 ? 0xffffffff : width === 2 ? 0xffff : 0xff;
    return this.opts.pci.read(t.devfn, t.reg | byte, width);
  }

  private configWrite(byte: number, width: Width, value: number): void {
    const t = this.configTarget();
    if (t !== undefined) this.opts.pci.write(t.devfn, t.reg | byte, width, value);
  }
}

function remapOf(lowDecode: number): number {
  switch (lowDecode) {
    case GT_PCI0IOLD:
      return GT_PCI0IOREMAP;
    case GT_PCI0M0LD:
      return GT_PCI0M0REMAP;
    case GT_PCI0M1LD:
      return GT_PCI0M1REMAP;
    case GT_PCI1IOLD:
      return 0x108;
    case GT_PCI1M0LD:
      return 0x110;
    default:
      return 0x118;
  }
}

/**
 * The GT-64120's own face on its PCI bus, device 0 (QEMU gt64120_pci_realize): a host bridge,
 * 11ab:4620 revision 0x10, whose BARs hold the board's SDRAM/device windows but are read-only,
 * so Linux reports them as unsizable ("BAR n: invalid; can't size"), as under QEMU.
 */
export function addGt64120PciFunction(bus: PciBus): void {
  bus.add(
    0,
    0,
    new PciFunction({
      name: "gt64120-pci",
      vendor: 0x11ab,
      device: 0x4620,
      revision: 0x10,
      classCode: 0x060000,
      interruptPin: 1,
      initial: {
        0x06: 0x80, // status: fast back-to-back capable
        0x07: 0x02, // DEVSEL medium
        ...le32(0x10, 0x00000008),
        ...le32(0x14, 0x01000008),
        ...le32(0x18, 0x1c000000),
        ...le32(0x1c, 0x1f000000),
        ...le32(0x20, 0x14000000),
        ...le32(0x24, 0x14000001),
      },
    }),
  );
}

function le32(offset: number, v: number): Record<number, number> {
  return { [offset]: v & 0xff, [offset + 1]: (v >>> 8) & 0xff, [offset + 2]: (v >>> 16) & 0xff, [offset + 3]: v >>> 24 };
}

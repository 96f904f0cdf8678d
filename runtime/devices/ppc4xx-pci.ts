// The PowerPC 440EP's PCI host bridge as QEMU 7.2's bamboo has it (hw/ppc/ppc4xx_pci.c): the
// indirect configuration mechanism — a config address register (PCIC0_CFGADDR, physical
// 0xeec00000) and a data window (PCIC0_CFGDATA, 0xeec00004), both little-endian — over one bus
// of PciFunctions, and the 64-byte local register block (PCIL0, 0xef400000: the PMM/PTM
// outbound and inbound windows) whose registers read back what was written.
//
// Config address: bit 31 enable, bus 23:16, device/function 15:8, dword 7:2. With the enable bit
// clear, or for a bus/devfn with no function, data reads are all ones (the master abort the
// PCI spec and QEMU's pci_host give), writes are dropped. Only bus 0 exists.

import type { MmioDevice, Width } from "../vmm/mmio.ts";
import { PciBus, type PciFunction } from "./pci.ts";

export const PPC4XX_PCI_CFG_BASE = 0xeec00000;
export const PPC4XX_PCI_REG_BASE = 0xef400000;
export const PPC4XX_PCI_REG_SIZE = 0x40;

export class Ppc4xxPciHost {
  private configAddress = 0;
  readonly bus = new PciBus();
  /** PCIC0_CFGADDR / PCIC0_CFGDATA, 8 bytes at PPC4XX_PCI_CFG_BASE (map little-endian). */
  readonly configPorts: MmioDevice;
  /** PCIL0 local registers, PPC4XX_PCI_REG_SIZE bytes at PPC4XX_PCI_REG_BASE (map little-endian). */
  readonly localRegisters: MmioDevice;
  private readonly local = new Uint32Array(PPC4XX_PCI_REG_SIZE / 4);

  constructor() {
    this.configPorts = {
      name: "pci-cfg",
      read: (offset, width) => (offset < 4 ? this.configAddress : this.configRead(offset & 3, width)),
      write: (offset, width, value) => {
        if (offset < 4) this.configAddress = width === 4 ? value >>> 0 : this.configAddress;
        else this.configWrite(offset & 3, width, value);
      },
    };
    this.localRegisters = {
      name: "pci-local",
      read: (offset) => this.local[offset >>> 2],
      write: (offset, _width, value) => {
        this.local[offset >>> 2] = value;
      },
    };
  }

  /** Puts a function at bus 0, `slot`, function 0. */
  plug(slot: number, fn: PciFunction): void {
    this.bus.add(slot, 0, fn);
  }

  /** The devfn CFGADDR selects on bus 0, or undefined (disabled, or another bus: all ones). */
  private target(): number | undefined {
    const a = this.configAddress;
    if (!(a & 0x80000000) || ((a >>> 16) & 0xff) !== 0) return undefined;
    return (a >>> 8) & 0xff;
  }

  private configRead(byte: number, width: Width): number {
    const devfn = this.target();
    if (devfn === undefined) return width === 4 ? 0xffffffff : (1 << (8 * width)) - 1;
    return this.bus.read(devfn, (this.configAddress & 0xfc) | byte, width);
  }

  private configWrite(byte: number, width: Width, value: number): void {
    const devfn = this.target();
    if (devfn !== undefined) this.bus.write(devfn, (this.configAddress & 0xfc) | byte, width, value);
  }
}

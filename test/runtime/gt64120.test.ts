// The GT-64120 as the Malta board presents it after QEMU's boot stub, and the PCI configuration
// space behind it: register values Linux reads (arch/mips/mti-malta, arch/mips/pci), the
// configuration mechanism (address bit 31 enable, bus/device/function/register fields), BAR sizing
// per the PCI spec, and the PIIX4 functions' IDs.
import { describe, expect, it } from "vitest";
import { MaltaVmm } from "../../runtime/boards/malta/index.ts";
import { Gt64120 } from "../../runtime/devices/gt64120.ts";
import { PciBus, PciFunction } from "../../runtime/devices/pci.ts";

const GT = 0x1be00000;

function cfgAddr(dev: number, fn: number, reg: number, bus = 0): number {
  return (0x80000000 | (bus << 16) | (dev << 11) | (fn << 8) | reg) >>> 0;
}

describe("GT-64120", () => {
  it("shows the windows QEMU's boot stub programs (PCI I/O at 0x18000000, memory at 0x10000000)", () => {
    const vmm = new MaltaVmm();
    const rd = (o: number) => vmm.bus.read(GT + o, 4);
    expect(rd(0x000) & 0x1000).toBe(0x1000); // little-endian CPU interface
    expect(rd(0x048)).toBe(0xc0); // PCI_0 I/O low decode: 0x18000000 >> 21
    expect(rd(0x050)).toBe(0x40);
    expect(rd(0x0f0)).toBe(0xc0); // I/O remap loaded with the low decode
    expect(rd(0x058)).toBe(0x80); // memory 0 at 0x10000000
    expect(rd(0x060)).toBe(0x3f);
    expect(rd(0x080)).toBe(0xc1); // memory 1 at 0x18200000
    expect(rd(0x088)).toBe(0x5e);
    expect(rd(0x068)).toBe(0xdf); // internal space at 0x1be00000
    expect(vmm.gt.pciIoWindow()).toEqual({ base: 0x18000000, size: 0x200000 });
  });

  it("keeps remap writes to 11 bits and lets Linux's Atlas fix-up clear the I/O remap", () => {
    const vmm = new MaltaVmm();
    // malta-init.c: if (start & map) map &= ~start; GT_WRITE(GT_PCI0IOREMAP_OFS, map)
    vmm.bus.write(GT + 0x0f0, 4, 0);
    expect(vmm.bus.read(GT + 0x0f0, 4)).toBe(0);
    vmm.bus.write(GT + 0x0f0, 4, 0xffffffff);
    expect(vmm.bus.read(GT + 0x0f0, 4)).toBe(0x7ff);
    expect(vmm.stop.failure).toBeNull();
  });

  it("clears interrupt cause bits written as 0 and summarises the rest in bit 0", () => {
    const gt = new Gt64120({ pci: new PciBus(), unsupported: () => {} });
    gt.write(0xc18, 4, 0);
    expect(gt.read(0xc18, 4)).toBe(0);
    gt.write(0xc1c, 4, 0xffffffff);
    expect(gt.read(0xc1c, 4)).toBe(0x3c3ffffe);
  });

  it("ends the run with a message when the guest moves the I/O window the board maps", () => {
    const vmm = new MaltaVmm();
    vmm.bus.write(GT + 0x048, 4, 0x80);
    expect(vmm.stop.failure).toMatch(/PCI_0 I\/O window to 0x10000000/);
  });

  it("reads PCI IDs through 0xcf8/0xcfc: the GT itself at 00.0, the PIIX4 at 10.0-10.3", () => {
    const vmm = new MaltaVmm();
    const cfg = (dev: number, fn: number, reg: number, width: 1 | 2 | 4 = 4) => {
      vmm.bus.write(GT + 0xcf8, 4, cfgAddr(dev, fn, reg));
      return vmm.bus.read(GT + 0xcfc + (reg & 3), width);
    };
    expect(cfg(0, 0, 0)).toBe(0x462011ab);
    expect(cfg(0, 0, 8) >>> 8).toBe(0x060000);
    expect(cfg(10, 0, 0)).toBe(0x71108086);
    expect(cfg(10, 0, 0x0e, 1)).toBe(0x80); // multifunction
    expect(cfg(10, 0, 8) >>> 8).toBe(0x060100);
    expect(cfg(10, 1, 0)).toBe(0x71118086);
    expect(cfg(10, 1, 8) >>> 8).toBe(0x010180);
    expect(cfg(10, 2, 0)).toBe(0x71128086);
    expect(cfg(10, 3, 0)).toBe(0x71138086);
    expect(cfg(10, 0, 0x60)).toBe(0x0b0b0a0a); // PIRQA-D → IRQ 10, 10, 11, 11
    expect(cfg(10, 3, 0x90)).toBe(0x1101); // SMBus base as QEMU's Malta sets it
    expect(cfg(11, 0, 0)).toBe(0x20001022); // PCnet in slot 11
    expect(cfg(11, 0, 8) >>> 8).toBe(0x020000);
    expect(cfg(12, 0, 0)).toBe(0xffffffff); // nothing in slot 12
    // Address bit 31 clear or another bus: no configuration cycle.
    vmm.bus.write(GT + 0xcf8, 4, cfgAddr(10, 0, 0) & 0x7fffffff);
    expect(vmm.bus.read(GT + 0xcfc, 4)).toBe(0xffffffff);
    vmm.bus.write(GT + 0xcf8, 4, cfgAddr(0, 0, 0, 1));
    expect(vmm.bus.read(GT + 0xcfc, 4)).toBe(0xffffffff);
    expect(vmm.bus.read(GT + 0xcf8, 4)).toBe(cfgAddr(0, 0, 0, 1));
  });

  it("reads the i8259's vector from PCI_0 IACK (an INTA cycle)", () => {
    const vmm = new MaltaVmm();
    vmm.pic.setIrq(4, true);
    expect(vmm.bus.read(GT + 0xc34, 4) & 0xff).toBe(4);
  });
});

describe("PCI configuration space", () => {
  it("sizes BARs: all ones reads back the size mask with the type bits", () => {
    const f = new PciFunction({
      name: "t",
      vendor: 0x8086,
      device: 0x7112,
      classCode: 0x0c0300,
      bars: { 4: { io: true, size: 32 }, 0: { io: false, size: 0x1000 } },
    });
    f.write(0x20, 4, 0xffffffff);
    expect(f.read(0x20, 4)).toBe(0xffffffe1);
    f.write(0x20, 4, 0x1040);
    expect(f.read(0x20, 4)).toBe(0x1041);
    f.write(0x10, 4, 0xffffffff);
    expect(f.read(0x10, 4)).toBe(0xfffff000);
    f.write(0x14, 4, 0xffffffff); // unimplemented BAR: hard-wired 0
    expect(f.read(0x14, 4)).toBe(0);
    f.write(0x00, 4, 0); // IDs are read-only
    expect(f.read(0x00, 4)).toBe(0x71128086);
    f.write(0x3c, 1, 11);
    expect(f.read(0x3c, 1)).toBe(11);
  });

  it("sizes an expansion ROM BAR and keeps its enable bit", () => {
    const f = new PciFunction({ name: "t", vendor: 0x1022, device: 0x2000, classCode: 0x020000, rom: 0x40000 });
    f.write(0x30, 4, 0xfffffffe);
    expect(f.read(0x30, 4)).toBe(0xfffc0000);
    f.write(0x30, 4, 0x12000001);
    expect(f.read(0x30, 4)).toBe(0x12000001);
    const none = new PciFunction({ name: "u", vendor: 1, device: 2, classCode: 0 });
    none.write(0x30, 4, 0xffffffff);
    expect(none.read(0x30, 4)).toBe(0);
  });
});

// PCI configuration space (devices/pci.ts) and the 440EP's indirect config mechanism
// (devices/ppc4xx-pci.ts) as the Bamboo board wires them: what Linux's probe reads and the BAR
// sizing it does (PCI 3.0 §6.2.5.1).
import { describe, expect, it } from "vitest";
import { BambooVmm } from "../../runtime/boards/bamboo/index.ts";
import { PciFunction } from "../../runtime/devices/pci.ts";

/** A config-space dword through the host's little-endian ports, as the bus's CPU side sees it. */
function cfg(vmm: BambooVmm, devfn: number, reg: number, write?: number): number {
  const swap = (v: number) => (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
  vmm.bus.write(0xeec00000, 4, swap((0x80000000 | (devfn << 8) | reg) >>> 0)); // out_le32
  if (write !== undefined) vmm.bus.write(0xeec00004, 4, swap(write));
  return swap(vmm.bus.read(0xeec00004, 4)); // in_le32
}

describe("PCI on Bamboo", () => {
  it("bus 0 has QEMU's host bridge and e1000; empty slots read all ones", () => {
    const vmm = new BambooVmm();
    expect(cfg(vmm, 0, 0x00)).toBe(0x027f1014);
    expect(cfg(vmm, 0, 0x08) >>> 8).toBe(0x068000);
    expect(cfg(vmm, 8, 0x00)).toBe(0x100e8086);
    expect(cfg(vmm, 8, 0x08) >>> 8).toBe(0x020000);
    expect(cfg(vmm, 16, 0x00)).toBe(0xffffffff);
  });

  it("sizes the e1000's BARs and ROM as Linux does", () => {
    const vmm = new BambooVmm();
    expect(cfg(vmm, 8, 0x10, 0xffffffff)).toBe(0xfffe0000); // 128 KB memory
    expect(cfg(vmm, 8, 0x14, 0xffffffff)).toBe(0xffffffc1); // 64 bytes I/O
    expect(cfg(vmm, 8, 0x30, 0xfffff800)).toBe(0xfffc0000); // 256 KB ROM
    expect(cfg(vmm, 8, 0x10, 0xa0040000)).toBe(0xa0040000);
  });

  it("keeps read-only fields and clears status error bits written as one", () => {
    const fn = new PciFunction({ name: "f", vendor: 0x1234, device: 0x5678, classCode: 0x020000 });
    fn.write(0, 4, 0);
    expect(fn.read(0, 4)).toBe(0x56781234);
    fn.config[0x07] = 0x80; // a latched error (detected parity error)
    fn.write(0x06, 2, 0x8000);
    expect(fn.read(0x06, 2)).toBe(0);
    fn.write(0x04, 2, 0xffff);
    expect(fn.read(0x04, 2)).toBe(0x0547);
  });

  it("the local registers read back what was written", () => {
    const vmm = new BambooVmm();
    vmm.bus.write(0xef400010, 4, 0x12345678);
    expect(vmm.bus.read(0xef400010, 4)).toBe(0x12345678);
  });
});

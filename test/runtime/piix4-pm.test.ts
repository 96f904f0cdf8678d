// PIIX4 power management: the block decodes at PMBA only once PMREGMISC enables it (function 3
// configuration), PMSTS is write-1-to-clear, and SUS_EN with SUS_TYP 0 (soft off) powers the
// board off (PIIX4 datasheet 7.2; what Linux's piix4-poweroff driver does).
import { describe, expect, it } from "vitest";
import { MaltaVmm } from "../../runtime/boards/malta/index.ts";

const GT = 0x1be00000;
const IO = 0x18000000;

function cfgWrite(vmm: MaltaVmm, reg: number, width: 1 | 2 | 4, value: number): void {
  vmm.bus.write(GT + 0xcf8, 4, (0x80000000 | (10 << 11) | (3 << 8) | (reg & 0xfc)) >>> 0);
  vmm.bus.write(GT + 0xcfc + (reg & 3), width, value);
}

describe("PIIX4 power management", () => {
  it("decodes at PMBA once PMREGMISC.EN is set, and powers off on SUS_EN with soft-off", () => {
    const vmm = new MaltaVmm();
    cfgWrite(vmm, 0x40, 2, 0x1000); // Linux's Malta fixup: PMBA = 0x1000
    expect(vmm.bus.read(IO + 0x1000, 2)).toBe(0xffff); // not enabled yet: nothing decodes
    cfgWrite(vmm, 0x80, 1, 0x01);
    expect(vmm.bus.read(IO + 0x1000, 2)).toBe(0); // PMSTS: no power button event
    vmm.bus.write(IO + 0x1000, 2, 0x0100); // write 1 to clear: no effect on a clear bit
    expect(vmm.bus.read(IO + 0x1000, 2)).toBe(0);
    expect(vmm.stop.requested).toBeNull();
    vmm.bus.write(IO + 0x1004, 2, 0x2000); // SUS_EN | SUS_TYP_SOFF
    expect(vmm.stop.requested).toEqual({ cause: "poweroff", status: 0, source: "piix4-pm PMCNTRL" });
  });

  it("moves with PMBA and reports sleep states it does not model", () => {
    const vmm = new MaltaVmm();
    cfgWrite(vmm, 0x80, 1, 0x01);
    cfgWrite(vmm, 0x40, 2, 0x2000);
    expect(vmm.bus.read(IO + 0x1004, 2)).toBe(0xffff);
    vmm.bus.write(IO + 0x2004, 2, 0x2000 | (1 << 10));
    expect(vmm.stop.failure).toMatch(/SUS_TYP=1/);
  });

  it("counts the 24-bit PM timer at 3.579545 MHz of board time", () => {
    const vmm = new MaltaVmm();
    cfgWrite(vmm, 0x40, 2, 0x1000);
    cfgWrite(vmm, 0x80, 1, 0x01);
    vmm.cycles = () => 100_000_000; // one second at the nominal 100 MHz
    expect(vmm.bus.read(IO + 0x1008, 4)).toBe(3579545);
  });
});

// The vmm side of the Malta and Bamboo boards: where RAM and devices sit in the physical address
// space (QEMU's hw/mips/malta.c and hw/ppc/ppc440_bamboo.c), and the Malta FPGA registers.
import { hostFile } from "../../runtime/vmm/host-file.ts";
import { describe, expect, it } from "vitest";
import { BambooVmm } from "../../runtime/boards/bamboo/index.ts";
import { MaltaVmm } from "../../runtime/boards/malta/index.ts";
import { MaltaFpga } from "../../runtime/devices/malta-fpga.ts";

const MiB = 1 << 20;

/** What a bare-metal guest's putc does, as physical accesses (KSEG1 0xb80003f8 → 0x180003f8). */
function putc(vmm: MaltaVmm, c: number): void {
  while (!(vmm.bus.read(0x180003fd, 1) & 0x20));
  vmm.bus.write(0x180003f8, 1, c);
}

describe("Malta", () => {
  it("has RAM at 0x80000000 and its first 256 MiB again at 0", () => {
    const vmm = new MaltaVmm({ ramBytes: 64 * MiB });
    vmm.memory.slotAt(0x100000)!.store32(0x100000, 0x12345678);
    const high = vmm.memory.slotAt(0x80100000)!;
    expect(high.load32(0x80100000 - high.base)).toBe(0x12345678);
    expect(vmm.memory.slotIndexAt(64 * MiB)).toBe(-1);
    expect(vmm.memory.slotIndexAt(0x80000000 + 64 * MiB)).toBe(-1);
  });

  it("maps RAM above 512 MiB at 0x20000000 when there is more than 512 MiB", () => {
    const vmm = new MaltaVmm({ ramBytes: 768 * MiB });
    expect(vmm.memory.slotIndexAt(256 * MiB)).toBe(-1); // the I/O hole
    const post = vmm.memory.slotAt(0x20000000)!;
    post.store32(0, 7);
    const all = vmm.memory.slotAt(0x80000000)!;
    expect(all.load32(512 * MiB)).toBe(7);
    expect(() => new MaltaVmm({ ramBytes: 4096 * MiB })).toThrow(/at most 2048 MiB/);
  });

  it("prints through the 16550 at ISA port 0x3f8 (physical 0x180003f8)", () => {
    const out: number[] = [];
    const vmm = new MaltaVmm({ uartSink: (b) => out.push(b) });
    for (const c of "ok\n") putc(vmm, c.charCodeAt(0));
    expect(String.fromCharCode(...out)).toBe("ok\n");
    expect(vmm.bus.read(0x180003fd, 1)).toBe(0x60);
  });

  it("stops with status 0 when the guest writes 0x42 to SOFTRES (0x1f000500), like QEMU -no-reboot", () => {
    const vmm = new MaltaVmm();
    vmm.bus.write(0x1f000500, 4, 0x41);
    expect(vmm.stop.requested).toBeNull();
    vmm.bus.write(0x1f000500, 4, 0x42);
    expect(vmm.stop.requested).toEqual({ cause: "reset", status: 0, source: "malta-fpga SOFTRES" });
  });

  it("answers the FPGA registers Linux reads and the boot ROM's revision word", () => {
    const vmm = new MaltaVmm();
    expect(vmm.bus.read(0x1f000208, 4)).toBe(0x10); // STATUS, little-endian board
    expect(vmm.bus.read(0x1f000210, 4)).toBe(0); // JMPRS: 33 MHz PCI clock
    expect(vmm.bus.read(0x1fc00010, 4)).toBe(0x420); // MIPS_REVISION: Core LV, GT-64120
    expect(vmm.bus.read(0x1fc00011, 1)).toBe(0x04);
    expect(vmm.bus.read(0x1fc00000, 4)).toBe(0);
  });

  it("has the CBUS UART inside the FPGA window, registers 8 bytes apart", () => {
    const vmm = new MaltaVmm();
    expect(vmm.bus.find(0x1f000900)!.device).toBe(vmm.cbusUart);
    expect(vmm.bus.read(0x1f000900 + 5 * 8, 4)).toBe(0x60);
    expect(vmm.bus.find(0x1f0008ff)!.device).toBe(vmm.fpga);
    expect(vmm.bus.find(0x1f000a00)!.name).toBe("malta-fpga (high)");
    vmm.bus.write(0x1f000a00, 4, 0x1ff); // GPOUT, through the high window
    expect(vmm.fpga.gpout).toBe(0xff);
  });

  it("reports a kernel it cannot load instead of throwing", () => {
    const r = new MaltaVmm().loadKernel(hostFile("/nonexistent/vmlinux"));
    expect(r).toEqual({ ok: false, error: "/nonexistent/vmlinux: cannot read: no such file" });
  });
});

describe("Malta FPGA registers (QEMU malta_fpga_read/_write)", () => {
  function fpga() {
    const resets: number[] = [];
    const bad: string[] = [];
    const f = new MaltaFpga({
      littleEndian: true,
      onReset: () => resets.push(1),
      onBadRegister: (o, w, v) => bad.push(`${w ? "w" : "r"}${o.toString(16)}=${v}`),
    });
    return { f, resets, bad };
  }

  it("resets only on exactly 0x42 at SOFTRES", () => {
    const { f, resets } = fpga();
    f.write(0x500, 4, 0x142);
    f.write(0x500, 1, 0x42);
    expect(resets).toEqual([1]);
  });

  it("keeps LEDBAR and BRKRES to 8 bits and starts BRKRES at 0x0a", () => {
    const { f } = fpga();
    expect(f.read(0x508, 4)).toBe(0x0a);
    f.write(0x408, 4, 0x1234);
    f.write(0x508, 4, 0xfff);
    expect(f.read(0x408, 4)).toBe(0x34);
    expect(f.read(0x508, 4)).toBe(0xff);
  });

  it("shows ASCIIWORD as 8 hex digits and ASCIIPOS0-7 as characters", () => {
    const { f } = fpga();
    f.write(0x410, 4, 0xcafe);
    expect(f.displayText).toBe("0000CAFE");
    "LINUX".split("").forEach((c, i) => f.write(0x418 + 8 * i, 4, c.charCodeAt(0)));
    expect(f.displayText).toBe("LINUXAFE");
  });

  it("reads 0 and ignores writes at offsets it does not decode, and says so", () => {
    const { f, bad } = fpga();
    expect(f.read(0x504, 4)).toBe(0);
    f.write(0x503, 1, 0x42);
    expect(bad).toEqual(["r504=0", "w503=66"]);
  });

  it("reports STATUS 0x12 on a big-endian board", () => {
    const f = new MaltaFpga({ littleEndian: false, onReset: () => {} });
    expect(f.read(0x208, 4)).toBe(0x12);
  });
});

describe("Bamboo", () => {
  it("has big-endian RAM from 0 and UART0/UART1 at 0xef600300/0xef600400", () => {
    const out: number[] = [];
    const vmm = new BambooVmm({ uartSink: (b) => out.push(b), uart1: true });
    vmm.memory.writeBytes(0x100, Uint8Array.from([0x12, 0x34, 0x56, 0x78]));
    expect(vmm.memory.slotAt(0x100)!.load32(0x100) >>> 0).toBe(0x12345678);
    vmm.bus.write(0xef600300, 1, 0x58);
    expect(out).toEqual([0x58]);
    expect(vmm.bus.read(0xef600305, 1)).toBe(0x60);
    expect(vmm.bus.find(0xef600400)!.device).toBe(vmm.uart1);
  });
  it("has no UART1 unless asked, as QEMU with a single -serial", () => {
    const vmm = new BambooVmm();
    expect(vmm.uart1).toBeUndefined();
    expect(vmm.bus.find(0xef600400)).toBeUndefined();
  });
});

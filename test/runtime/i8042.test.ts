// The 8042 keyboard controller with a PS/2 keyboard and mouse (IBM PC/AT technical reference,
// QEMU pckbd/ps2): status bits, controller commands, loopback through the AUX port, the
// keyboard's and mouse's answers to Linux's probes, and IRQ 1/12 edges per byte.
import { describe, expect, it } from "vitest";
import { I8042 } from "../../runtime/devices/i8042.ts";
import { MaltaVmm } from "../../runtime/boards/malta/index.ts";

function kbc() {
  const irqs: string[] = [];
  let resets = 0;
  const k = new I8042({ setIrq: (irq, l) => irqs.push(`${irq}${l ? "+" : "-"}`), reset: () => resets++ });
  const cmd = (c: number, data?: number) => {
    k.write(4, 1, c);
    if (data !== undefined) k.write(0, 1, data);
  };
  const drain = () => {
    const out: number[] = [];
    while (k.read(4, 1) & 1) out.push(k.read(0, 1));
    return out;
  };
  return { k, irqs, cmd, drain, resets: () => resets };
}

describe("i8042", () => {
  it("resets with the command byte 0x03 and answers self-test with 0x55, setting SYS", () => {
    const { k, cmd, drain } = kbc();
    expect(k.read(4, 1) & 0x1f).toBe(0x18); // CMD | unlocked, output buffer empty
    cmd(0x20);
    expect(drain()).toEqual([0x03]);
    cmd(0xaa);
    expect(drain()).toEqual([0x55]);
    expect(k.read(4, 1) & 0x04).toBe(0x04);
    cmd(0xab);
    cmd(0xa9);
    expect(drain()).toEqual([0x00, 0x00]);
  });

  it("writes the command byte and toggles the interface disable bits", () => {
    const { cmd, drain } = kbc();
    cmd(0x60, 0x45);
    cmd(0xa7);
    cmd(0x20);
    expect(drain()).toEqual([0x65]);
    cmd(0xa8);
    cmd(0xae);
    cmd(0x20);
    expect(drain()).toEqual([0x45]);
  });

  it("loops a byte back through the AUX port with AUX_OBF set and IRQ 12", () => {
    const { k, irqs, cmd } = kbc();
    cmd(0xd3, 0x5a);
    expect(k.read(4, 1) & 0x21).toBe(0x21);
    expect(irqs).toEqual(["12+"]);
    expect(k.read(0, 1)).toBe(0x5a);
    expect(irqs).toEqual(["12+", "12-"]);
  });

  it("answers the keyboard probe Linux's atkbd sends (reset, get ID, scan set, LEDs, enable)", () => {
    const { irqs, k, drain } = kbc();
    const send = (...b: number[]) => b.forEach((x) => k.write(0, 1, x));
    send(0xff);
    expect(drain()).toEqual([0xfa, 0xaa]);
    send(0xf2);
    expect(drain()).toEqual([0xfa, 0xab, 0x83]);
    send(0xf0, 0x02, 0xf0, 0x00);
    expect(drain()).toEqual([0xfa, 0xfa, 0xfa, 0xfa, 0x02]); // set 2: ACK ACK; query: ACK ACK 2
    send(0xed, 0x00, 0xf3, 0x20, 0xf4, 0xee, 0x12);
    expect(drain()).toEqual([0xfa, 0xfa, 0xfa, 0xfa, 0xfa, 0xee, 0xfe]);
    // Each byte is its own IRQ 1 edge.
    expect(irqs.slice(0, 4)).toEqual(["1+", "1-", "1+", "1-"]);
  });

  it("reports a translated keyboard's ID as AB 41 when the command byte sets translation", () => {
    const { k, cmd, drain } = kbc();
    cmd(0x60, 0x43);
    k.write(0, 1, 0xf2);
    expect(drain()).toEqual([0xfa, 0xab, 0x41]);
  });

  it("has a PS/2 mouse on AUX: reset → FA AA 00, ID 0, status", () => {
    const { cmd, drain, k } = kbc();
    cmd(0xd4, 0xff);
    expect(k.read(4, 1) & 0x20).toBe(0x20);
    expect(drain()).toEqual([0xfa, 0xaa, 0x00]);
    cmd(0xd4, 0xf2);
    cmd(0xd4, 0xf3);
    cmd(0xd4, 0x50);
    cmd(0xd4, 0xf4);
    cmd(0xd4, 0xe9);
    expect(drain()).toEqual([0xfa, 0x00, 0xfa, 0xfa, 0xfa, 0xfa, 0x20, 0x02, 0x50]);
  });

  it("holds keyboard bytes while the keyboard interface is disabled", () => {
    const { k, cmd, drain } = kbc();
    k.write(0, 1, 0xf4);
    cmd(0xad);
    expect(k.read(4, 1) & 1).toBe(0);
    cmd(0xae);
    expect(drain()).toEqual([0xfa]);
  });

  it("pulses the CPU reset on command 0xfe", () => {
    const t = kbc();
    t.cmd(0xfe);
    expect(t.resets()).toBe(1);
  });

  it("sits at ports 0x60/0x64 on Malta with its interrupts on the i8259", () => {
    const vmm = new MaltaVmm();
    vmm.bus.write(0x18000064, 1, 0xaa);
    expect(vmm.bus.read(0x18000064, 1) & 1).toBe(1);
    expect(vmm.bus.read(0x18000060, 1)).toBe(0x55);
    vmm.bus.write(0x18000064, 1, 0xd2); // write keyboard output buffer: a controller byte, no IRQ
    vmm.bus.write(0x18000060, 1, 0x1c);
    expect(vmm.bus.read(0x18000060, 1)).toBe(0x1c);
    vmm.bus.write(0x18000060, 1, 0xee); // echo from the keyboard: IRQ 1
    expect(vmm.pic.level).toBe(true);
    expect(vmm.bus.read(0x1be00c34, 4)).toBe(1);
  });
});

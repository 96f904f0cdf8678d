// The cascaded 8259A pair: behaviour from the 8259A datasheet (initialisation sequence, fully
// nested priority, EOI forms, OCW3 register reads and poll) and the PIIX4 ELCR.
import { describe, expect, it } from "vitest";
import { DualI8259 } from "../../runtime/devices/i8259.ts";

/** Programs both chips as Linux's init_8259A does: vectors 0x00/0x08, cascade on IR2, 8086 mode. */
function linuxInit(pic: DualI8259): void {
  const m = pic.masterPorts,
    s = pic.slavePorts;
  m.write(1, 1, 0xff); // mask all
  s.write(1, 1, 0xff);
  m.write(0, 1, 0x11); // ICW1: edge, cascade, ICW4 needed
  m.write(1, 1, 0x00); // ICW2: vector base 0
  m.write(1, 1, 0x04); // ICW3: slave on IR2
  m.write(1, 1, 0x01); // ICW4: 8086 mode, normal EOI
  s.write(0, 1, 0x11);
  s.write(1, 1, 0x08); // vector base 8
  s.write(1, 1, 0x02); // slave id 2
  s.write(1, 1, 0x01);
  m.write(1, 1, 0xfb); // everything masked except the cascade
  s.write(1, 1, 0xff);
}

describe("i8259 pair", () => {
  it("raises INT for an unmasked edge and delivers its vector on INTA, moving IRR to ISR", () => {
    const pic = new DualI8259();
    const levels: boolean[] = [];
    pic.onIrq = (l) => levels.push(l);
    linuxInit(pic);
    pic.masterPorts.write(1, 1, 0xeb); // unmask IRQ 4 (and the cascade)
    pic.setIrq(4, true);
    expect(levels).toEqual([true]);
    expect(pic.masterPorts.read(0, 1)).toBe(0x10); // IRR (OCW3 default: read IRR)
    expect(pic.acknowledge()).toBe(4);
    expect(levels).toEqual([true, false]);
    pic.masterPorts.write(0, 1, 0x0b); // OCW3: read ISR
    expect(pic.masterPorts.read(0, 1)).toBe(0x10);
    pic.masterPorts.write(0, 1, 0x20); // non-specific EOI
    expect(pic.masterPorts.read(0, 1)).toBe(0);
  });

  it("masks requests in IMR but keeps them in IRR", () => {
    const pic = new DualI8259();
    linuxInit(pic);
    pic.setIrq(3, true);
    expect(pic.level).toBe(false);
    expect(pic.masterPorts.read(0, 1) & 0x08).toBe(0x08);
    expect(pic.masterPorts.read(1, 1)).toBe(0xfb); // OCW1 reads back
    pic.masterPorts.write(1, 1, 0xf3);
    expect(pic.level).toBe(true);
  });

  it("cascades the slave through master IR2 and returns the slave's vector", () => {
    const pic = new DualI8259();
    linuxInit(pic);
    pic.slavePorts.write(1, 1, 0xef); // unmask IRQ 12
    pic.setIrq(12, true);
    expect(pic.level).toBe(true);
    expect(pic.acknowledge()).toBe(0x08 + 4);
    // Both chips now have the request in service until each gets its EOI.
    pic.slavePorts.write(0, 1, 0x0b);
    expect(pic.slavePorts.read(0, 1)).toBe(0x10);
    pic.masterPorts.write(0, 1, 0x0b);
    expect(pic.masterPorts.read(0, 1)).toBe(0x04);
  });

  it("blocks lower priorities while a higher one is in service (fully nested mode)", () => {
    const pic = new DualI8259();
    linuxInit(pic);
    pic.masterPorts.write(1, 1, 0x00);
    pic.setIrq(3, true);
    expect(pic.acknowledge()).toBe(3);
    pic.setIrq(5, true);
    expect(pic.level).toBe(false); // IR5 waits behind IR3 in service
    pic.setIrq(1, true);
    expect(pic.level).toBe(true); // IR1 has priority over IR3
    expect(pic.acknowledge()).toBe(1);
    pic.masterPorts.write(0, 1, 0x61); // specific EOI for IR1
    expect(pic.level).toBe(false);
    pic.masterPorts.write(0, 1, 0x63); // specific EOI for IR3
    expect(pic.acknowledge()).toBe(5);
  });

  it("latches edges once per rising edge; ELCR makes an input level-triggered", () => {
    const pic = new DualI8259();
    linuxInit(pic);
    pic.masterPorts.write(1, 1, 0x00);
    pic.setIrq(5, true);
    expect(pic.acknowledge()).toBe(5);
    pic.masterPorts.write(0, 1, 0x20);
    pic.setIrq(5, true); // still high: no new edge
    expect(pic.level).toBe(false);
    pic.elcrPorts.write(0, 1, 0x20); // IRQ 5 level-triggered
    pic.setIrq(5, true);
    expect(pic.level).toBe(true);
    pic.setIrq(5, false);
    expect(pic.level).toBe(false);
    // IRQs 0, 1, 2 are edge-only in the PIIX4: their ELCR bits read 0.
    pic.elcrPorts.write(0, 1, 0xff);
    expect(pic.elcrPorts.read(0, 1)).toBe(0xf8);
    pic.elcrPorts.write(1, 1, 0xff);
    expect(pic.elcrPorts.read(1, 1)).toBe(0xde);
  });

  it("answers an INTA with nothing pending with the spurious IR7 vector", () => {
    const pic = new DualI8259();
    linuxInit(pic);
    expect(pic.acknowledge()).toBe(7);
  });

  it("poll mode (OCW3 P) returns 0x80 | IR and acknowledges it", () => {
    const pic = new DualI8259();
    linuxInit(pic);
    pic.masterPorts.write(1, 1, 0x00);
    pic.setIrq(6, true);
    pic.masterPorts.write(0, 1, 0x0c);
    expect(pic.masterPorts.read(0, 1)).toBe(0x86);
    pic.masterPorts.write(0, 1, 0x0c);
    expect(pic.masterPorts.read(0, 1)).toBe(0); // IR6 in service, nothing else
  });

  it("comes out of reset unmasked, so an unprogrammed PIC still passes IRQ 4 to the CPU", () => {
    const pic = new DualI8259();
    pic.setIrq(4, true);
    expect(pic.level).toBe(true);
  });
});

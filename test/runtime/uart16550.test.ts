// The 16550 model against the PC16550D datasheet's register semantics (Table II register map,
// Table IV interrupt priorities and resets, Table VIII reset values, the MCR loopback wiring),
// and the probe sequence Linux's 8250 driver runs (autoconfig, the THRE test at startup).
import { describe, expect, it } from "vitest";
import {
  DLL,
  DLM,
  FCR,
  IER,
  IIR,
  LCR,
  LSR,
  MCR,
  MSR,
  RBR,
  SCR,
  THR,
  Uart16550,
} from "../../runtime/devices/uart16550.ts";

function uart(opts: ConstructorParameters<typeof Uart16550>[0] = {}) {
  const out: number[] = [];
  const irqs: boolean[] = [];
  const u = new Uart16550({ sink: (b) => out.push(b), onIrq: (l) => irqs.push(l), ...opts });
  const rd = (reg: number) => u.read(reg << u.regShift, 1);
  const wr = (reg: number, v: number) => u.write(reg << u.regShift, 1, v);
  return { u, out, irqs, rd, wr };
}

describe("reset state (datasheet Table VIII)", () => {
  it("has IER 0, IIR 01 (no interrupt), LCR 0, MCR 0, LSR 60 (THRE, TEMT), MSR with the modem inputs", () => {
    const { rd } = uart();
    expect(rd(IER)).toBe(0x00);
    expect(rd(IIR)).toBe(0x01);
    expect(rd(LCR)).toBe(0x00);
    expect(rd(MCR)).toBe(0x00);
    expect(rd(LSR)).toBe(0x60);
    // CTS, DSR, DCD asserted, RI not: a connected terminal; no delta bits.
    expect(rd(MSR)).toBe(0xb0);
  });

  it("returns to those values on master reset", () => {
    const { u, rd, wr } = uart();
    wr(LCR, 0x83);
    wr(IER, 0x0f);
    wr(MCR, 0x1f);
    u.reset();
    expect([rd(IER), rd(IIR), rd(LCR), rd(MCR), rd(LSR)]).toEqual([0, 1, 0, 0, 0x60]);
  });
});

describe("transmit and receive", () => {
  it("sends THR writes to the sink; THRE and TEMT stay set (transmission is instant)", () => {
    const { out, rd, wr } = uart();
    for (const c of "hi\n") wr(THR, c.charCodeAt(0));
    expect(String.fromCharCode(...out)).toBe("hi\n");
    expect(rd(LSR) & 0x60).toBe(0x60);
  });

  it("sets LSR.DR while received data waits, and RBR returns it in order", () => {
    const { u, rd } = uart();
    expect(rd(LSR) & 1).toBe(0);
    u.receive("ab");
    expect(rd(LSR) & 1).toBe(1);
    expect(rd(RBR)).toBe(0x61);
    expect(rd(RBR)).toBe(0x62);
    expect(rd(LSR) & 1).toBe(0);
  });

  it("without FIFOs holds one character at a time and feeds the rest from the host queue", () => {
    const { u, rd } = uart();
    u.receive([1, 2, 3]);
    expect(u.pendingInput).toBe(2);
    expect([rd(RBR), rd(RBR), rd(RBR)]).toEqual([1, 2, 3]);
    expect(rd(LSR) & 1).toBe(0);
  });

  it("with FIFOs enabled takes up to 16 characters at once", () => {
    const { u, rd, wr } = uart();
    wr(FCR, 0x01);
    u.receive(Array.from({ length: 20 }, (_, i) => i));
    expect(u.pendingInput).toBe(4);
    const got = Array.from({ length: 20 }, () => rd(RBR));
    expect(got).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("clears the receive FIFO when FCR bit 1 is written with bit 0", () => {
    const { u, rd, wr } = uart();
    wr(FCR, 0x01);
    u.receive([7, 8]);
    wr(FCR, 0x03);
    expect(rd(LSR) & 1).toBe(0);
  });
});

describe("divisor latch (LCR.DLAB)", () => {
  it("maps offsets 0 and 1 to DLL and DLM while DLAB is set, without transmitting or touching IER", () => {
    const { u, out, rd, wr } = uart();
    wr(IER, 0x05);
    wr(LCR, 0x80 | 0x03);
    wr(DLL, 0x0c);
    wr(DLM, 0x00);
    expect(out).toEqual([]);
    expect(rd(DLL)).toBe(0x0c);
    expect(rd(DLM)).toBe(0x00);
    wr(LCR, 0x03);
    expect(rd(IER)).toBe(0x05);
    expect(u.divisor).toBe(12);
    expect(u.baud(1843200)).toBe(9600); // 1.8432 MHz / (16 × 12)
  });

  it("does not consume received data when DLL is read", () => {
    const { u, rd, wr } = uart();
    u.receive("x");
    wr(LCR, 0x80);
    rd(DLL);
    wr(LCR, 0x00);
    expect(rd(RBR)).toBe(0x78);
  });
});

describe("interrupts (datasheet Table IV)", () => {
  it("raises THRE when ETBEI is enabled with THR empty; reading IIR clears it", () => {
    const { u, irqs, rd, wr } = uart();
    wr(IER, 0x02);
    expect(u.irq).toBe(true);
    expect(irqs).toEqual([true]);
    expect(rd(IIR)).toBe(0x02);
    expect(u.irq).toBe(false);
    expect(rd(IIR)).toBe(0x01);
  });

  it("raises THRE again after a THR write (the character left at once)", () => {
    const { u, rd, wr } = uart();
    wr(IER, 0x02);
    rd(IIR);
    wr(THR, 0x41);
    expect(u.irq).toBe(true);
    expect(rd(IIR)).toBe(0x02);
  });

  it("orders received data (04) above THRE (02); reading RBR clears it", () => {
    const { u, rd, wr } = uart();
    wr(IER, 0x03);
    u.receive("z");
    expect(rd(IIR)).toBe(0x04);
    rd(RBR);
    expect(rd(IIR)).toBe(0x02);
  });

  it("reports a character timeout (0C) below the FIFO trigger level and 04 at it, with IIR bits 7:6 set", () => {
    const { u, rd, wr } = uart();
    wr(FCR, 0x41); // FIFOs on, trigger level 4
    wr(IER, 0x01);
    u.receive([1, 2, 3]);
    expect(rd(IIR)).toBe(0xcc);
    u.receive([4]);
    expect(rd(IIR)).toBe(0xc4);
  });

  it("puts receiver line status (06, an overrun in loopback) first; reading LSR clears it", () => {
    const { u, rd, wr } = uart();
    wr(IER, 0x07);
    wr(MCR, 0x10); // loopback, no FIFOs: one character fits
    wr(THR, 1);
    wr(THR, 2); // overruns
    expect(rd(IIR)).toBe(0x06);
    expect(rd(LSR)).toBe(0x63); // DR, OE, THRE, TEMT
    expect(rd(LSR) & 0x02).toBe(0); // OE cleared by the read
    expect(rd(IIR)).toBe(0x04);
    expect(rd(RBR)).toBe(2); // without FIFOs the new character overwrites RBR
    expect(u.irq).toBe(true); // THRE still pending
  });

  it("raises modem status (00) on a modem line change; reading MSR clears the deltas", () => {
    const { rd, wr } = uart();
    wr(MCR, 0x10); // loopback: all outputs low, so CTS, DSR, DCD drop
    wr(IER, 0x08);
    expect(rd(IIR)).toBe(0x00);
    expect(rd(MSR)).toBe(0x0b); // DCTS, DDSR, DDCD; the inputs now all low
    expect(rd(IIR)).toBe(0x01);
  });

  it("reports only the trailing edge of RI (TERI)", () => {
    const { rd, wr } = uart();
    wr(MCR, 0x10 | 0x04); // loopback, OUT1 → RI rises
    rd(MSR);
    wr(MCR, 0x10);
    expect(rd(MSR) & 0x04).toBe(0x04);
  });

  it("tells the interrupt line only about changes of level", () => {
    const { irqs, rd, wr } = uart();
    wr(IER, 0x02);
    wr(IER, 0x02);
    rd(IIR);
    wr(IER, 0x00);
    expect(irqs).toEqual([true, false]);
  });
});

describe("Linux 8250 probing", () => {
  it("passes autoconfig's loopback test: MCR = LOOP|OUT2|RTS reads back MSR & 0xf0 = 0x90", () => {
    const { rd, wr } = uart();
    wr(MCR, 0x1a);
    expect(rd(MSR) & 0xf0).toBe(0x90);
  });

  it("loops transmitted bytes back to the receiver and not to the line", () => {
    const { out, rd, wr } = uart();
    wr(MCR, 0x10);
    wr(THR, 0x55);
    expect(out).toEqual([]);
    expect(rd(RBR)).toBe(0x55);
  });

  it("identifies as a 16550A: IIR bits 7:6 = 11 with FIFOs on, and the scratch register holds a value", () => {
    const { rd, wr } = uart();
    wr(FCR, 0xe7);
    expect(rd(IIR) >> 6).toBe(3);
    expect(rd(IIR) & 0x20).toBe(0); // no 64-byte FIFO (16750)
    wr(SCR, 0xa5);
    expect(rd(SCR)).toBe(0xa5);
    wr(FCR, 0x00);
    expect(rd(IIR) >> 6).toBe(0);
  });

  it("keeps only the 4 defined IER bits and 5 MCR bits", () => {
    const { rd, wr } = uart();
    wr(IER, 0xff);
    wr(MCR, 0xff);
    expect(rd(IER)).toBe(0x0f);
    expect(rd(MCR)).toBe(0x1f);
  });
});

describe("register stride", () => {
  it("places registers 1 << regShift apart (Malta's CBUS UART: 8 bytes) and ignores lower address bits", () => {
    const out: number[] = [];
    const u = new Uart16550({ regShift: 3, sink: (b) => out.push(b) });
    u.write(0x00, 4, 0x41);
    expect(out).toEqual([0x41]);
    expect(u.read(5 * 8, 4)).toBe(0x60);
    expect(u.read(5 * 8 + 3, 1)).toBe(0x60);
    u.write(7 * 8, 4, 0x12345699);
    expect(u.read(7 * 8, 4)).toBe(0x99);
  });
});

// The userspace ("vmm") half of the PowerPC 440EP Bamboo board as QEMU's `-M bamboo` presents
// it to an ELF loaded with -kernel: RAM from physical 0, the two 16550 UARTs on the OPB, and the
// ELF loader (QEMU's load_elf without address translation: segments go to p_paddr). The 440
// core, its TLBs and the DCR devices (UIC0, SDRAM controller) plug in on top; the board's reset
// is a CPU register (DBCR0[RST]), so the core requests it through `stop`.
//
// Physical map (QEMU hw/ppc/ppc440_bamboo.c; pc-bios/bamboo.dts):
//   0x00000000  RAM
//   0xef600300  UART0, 16550, registers 1 byte apart, UIC0 irq 0 (the console)
//   0xef600400  UART1, UIC0 irq 1 — only with `uart1`: QEMU creates it for a second -serial
//               only, so under the usual one-console command line the address is unassigned
//               (reads 0) and Linux's 8250 probe finds no port there
//   0xeec00000  PCI config address/data (PCIC0_CFGADDR/CFGDATA); 0xef400000 PCI local registers
//               (PCIL0). Bus 0 holds QEMU's functions: the host bridge at 00:00.0 (IBM
//               1014:027f, class 0x068000) and the default NIC, an e1000 (8086:100e) at 00:01.0
//               with BAR0 128 KB memory, BAR1 64 bytes I/O and a 256 KB ROM (QEMU's efi-e1000.rom
//               rounded up). Only their configuration space is modelled; no BAR decodes.

import { PciFunction } from "../devices/pci.ts";
import {
  PPC4XX_PCI_CFG_BASE,
  PPC4XX_PCI_REG_BASE,
  PPC4XX_PCI_REG_SIZE,
  Ppc4xxPciHost,
} from "../devices/ppc4xx-pci.ts";
import { Uart16550 } from "../devices/uart16550.ts";
import {
  EM_PPC,
  identityPhys,
  loadElf32,
  readElf32,
  type LoadedElf,
  type Result,
} from "../vmm/elf.ts";
import { GuestMemory } from "../vmm/memory.ts";
import { MmioBus, type MmioBusOptions } from "../vmm/mmio.ts";
import { StopLatch } from "../core/run-result.ts";

export const BAMBOO_UART0_BASE = 0xef600300;
export const BAMBOO_UART1_BASE = 0xef600400;
const MiB = 1024 * 1024;

export interface BambooOptions {
  /** RAM bytes, a multiple of 4 KiB. Default 64 MiB. */
  ramBytes?: number;
  /** Where UART0's output goes. */
  uartSink?: (byte: number) => void;
  /** Model UART1 (QEMU: a second -serial). Default false. */
  uart1?: boolean;
  onUnclaimed?: MmioBusOptions["onUnclaimed"];
}

export class BambooVmm {
  readonly littleEndian = false;
  readonly memory: GuestMemory;
  readonly bus: MmioBus;
  readonly stop = new StopLatch();
  readonly uart0: Uart16550;
  readonly uart1: Uart16550 | undefined;
  readonly ramBytes: number;
  readonly pci = new Ppc4xxPciHost();

  constructor(opts: BambooOptions = {}) {
    this.ramBytes = opts.ramBytes ?? 64 * MiB;
    this.memory = new GuestMemory(false);
    this.memory.addRam({ base: 0, size: this.ramBytes, name: "ram" });
    this.bus = new MmioBus({ littleEndian: false, onUnclaimed: opts.onUnclaimed });
    this.uart0 = new Uart16550({ name: "uart0", sink: opts.uartSink, onIrq: (l) => this.uicSetIrq(0, l) });
    this.bus.map(BAMBOO_UART0_BASE, 8, this.uart0);
    if (opts.uart1) {
      this.uart1 = new Uart16550({ name: "uart1", onIrq: (l) => this.uicSetIrq(1, l) });
      this.bus.map(BAMBOO_UART1_BASE, 8, this.uart1);
    }
    this.bus.map(PPC4XX_PCI_CFG_BASE, 8, this.pci.configPorts, { endian: "little" });
    this.bus.map(PPC4XX_PCI_REG_BASE, PPC4XX_PCI_REG_SIZE, this.pci.localRegisters, { endian: "little" });
    this.pci.plug(0, new PciFunction({ name: "host-bridge", vendor: 0x1014, device: 0x027f, classCode: 0x068000 }));
    const nic = new PciFunction({
      name: "e1000",
      vendor: 0x8086,
      device: 0x100e,
      classCode: 0x020000,
      interruptPin: 1,
      bars: { 0: { io: false, size: 0x20000 }, 1: { io: true, size: 0x40 } },
      rom: 0x40000,
    });
    this.pci.plug(1, nic);
  }

  // ---- DCRs (mfdcr/mtdcr exits from the core) --------------------------------------------------
  // UIC0 at DCR 0xc0-0xc8 (SR, SRS, ER, CR, PR, TR, MSR, VR, VCR: the 440EP manual's order, which
  // QEMU's ppcuic and Linux's uic.c use) and the SDRAM controller's indirect
  // pair SDRAM0_CFGADDR/CFGDATA at 0x10/0x11, as QEMU's ppc4xx devices answer them. Other DCRs
  // read 0 and ignore writes; each such access is recorded in `unknownDcrs`.
  readonly uic = { sr: 0, er: 0, cr: 0, pr: 0xffffffff, tr: 0, vcr: 0, level: 0 };
  /** UIC0's two outputs to the core: non-critical (external input) and critical input. */
  onUicOutput: (external: boolean, critical: boolean) => void = () => {};
  private sdramAddr = 0;
  readonly sdram = new Map<number, number>();
  readonly unknownDcrs: { dcrn: number; write: boolean }[] = [];

  /** An interrupt line into UIC0 (IBM bit numbering: irq 0 is the SR's most significant bit).
   *  Edge-triggered lines (TR) latch a rising edge; level-triggered ones follow the line, as
   *  QEMU's ppcuic. Polarity (PR) is kept but, as in QEMU, not applied. */
  uicSetIrq(irq: number, level: boolean): void {
    const u = this.uic;
    const mask = (1 << (31 - irq)) >>> 0;
    if (u.tr & mask) {
      if (level) u.sr = (u.sr | mask) >>> 0;
    } else if (level) {
      u.sr = (u.sr | mask) >>> 0;
      u.level = (u.level | mask) >>> 0;
    } else {
      u.sr = (u.sr & ~mask) >>> 0;
      u.level = (u.level & ~mask) >>> 0;
    }
    this.uicUpdate();
  }

  private uicUpdate(): void {
    const u = this.uic;
    const active = (u.sr & u.er) >>> 0;
    this.onUicOutput((active & ~u.cr) !== 0, (active & u.cr) !== 0);
  }

  dcrRead(dcrn: number): number {
    const u = this.uic;
    switch (dcrn) {
      case 0x10:
        return this.sdramAddr;
      case 0x11:
        return this.sdramRead(this.sdramAddr);
      case 0xc0:
      case 0xc1:
        return u.sr >>> 0; // SR, and SRS reads as SR
      case 0xc2:
        return u.er;
      case 0xc3:
        return u.cr;
      case 0xc4:
        return u.pr;
      case 0xc5:
        return u.tr;
      case 0xc6:
        return (u.sr & u.er) >>> 0; // MSR: masked status
      case 0xc7:
        return 0; // VR: the vector is not modelled (Linux reads MSR)
      case 0xc8:
        return u.vcr;
    }
    this.unknownDcrs.push({ dcrn, write: false });
    return 0;
  }

  dcrWrite(dcrn: number, v: number): void {
    const u = this.uic;
    v >>>= 0;
    switch (dcrn) {
      case 0x10:
        this.sdramAddr = v;
        return;
      case 0x11:
        this.sdram.set(this.sdramAddr, v);
        return;
      case 0xc0:
        u.sr = ((u.sr & ~v) | (u.level & ~u.tr)) >>> 0; // write-1-to-clear; asserted levels stay
        this.uicUpdate();
        return;
      case 0xc1:
        u.sr = (u.sr | v) >>> 0; // SRS: software sets status bits
        this.uicUpdate();
        return;
      case 0xc2:
        u.er = v;
        this.uicUpdate();
        return;
      case 0xc3:
        u.cr = v;
        this.uicUpdate();
        return;
      case 0xc4:
        u.pr = v;
        return;
      case 0xc5:
        u.tr = v;
        this.uicUpdate();
        return;
      case 0xc6:
      case 0xc7:
        return; // read-only
      case 0xc8:
        u.vcr = v;
        return;
    }
    this.unknownDcrs.push({ dcrn, write: true });
  }

  /** SDRAM0 registers: BESR/BEAR read 0; the bank configuration (MB0CF, 0x40) describes the RAM. */
  private sdramRead(addr: number): number {
    const v = this.sdram.get(addr);
    if (v !== undefined) return v;
    if (addr === 0x20) return 0x80000000; // SDRAM0_CFG: DCE (controller enabled)
    if (addr === 0x24) return 0x80000000; // SDRAM0_STATUS: MRSCMP
    return 0;
  }

  /** Loads an ELF32 big-endian PowerPC executable; returns its entry. */
  loadKernel(path: string): Result<LoadedElf> {
    const image = readElf32(path, { machine: EM_PPC, littleEndian: false });
    if (!image.ok) return image;
    return loadElf32(image.value, this.memory, identityPhys);
  }
}

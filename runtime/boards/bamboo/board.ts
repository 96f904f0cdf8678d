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

import { DCR } from "../../../generated/ppc440/index.ts";
import { PciFunction } from "../../devices/pci.ts";
import {
  PPC4XX_PCI_CFG_BASE,
  PPC4XX_PCI_REG_BASE,
  PPC4XX_PCI_REG_SIZE,
  Ppc4xxPciHost,
} from "../../devices/ppc4xx-pci.ts";
import { Ppc4xxUic, UIC_DCRS } from "../../devices/ppc4xx-uic.ts";
import { Uart16550 } from "../../devices/uart16550.ts";
import {
  EM_PPC,
  identityPhys,
  loadElf32,
  readElf32,
  type LoadedElf,
  type Result,
} from "../../vmm/elf.ts";
import type { GuestFile } from "../../vmm/guest-file.ts";
import { GuestMemory } from "../../vmm/memory.ts";
import { MmioBus, type MmioBusOptions } from "../../vmm/mmio.ts";
import { StopLatch } from "../../core/run-result.ts";

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
    this.uart0 = new Uart16550({
      name: "uart0",
      sink: opts.uartSink,
      onIrq: (l) => this.uic.setIrq(0, l),
    });
    this.bus.map(BAMBOO_UART0_BASE, 8, this.uart0);
    if (opts.uart1) {
      this.uart1 = new Uart16550({ name: "uart1", onIrq: (l) => this.uic.setIrq(1, l) });
      this.bus.map(BAMBOO_UART1_BASE, 8, this.uart1);
    }
    this.bus.map(PPC4XX_PCI_CFG_BASE, 8, this.pci.configPorts, { endian: "little" });
    this.bus.map(PPC4XX_PCI_REG_BASE, PPC4XX_PCI_REG_SIZE, this.pci.localRegisters, {
      endian: "little",
    });
    this.pci.plug(
      0,
      new PciFunction({ name: "host-bridge", vendor: 0x1014, device: 0x027f, classCode: 0x068000 }),
    );
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
  // UIC0 at DCR UIC0_SR..UIC0_VCR (devices/ppc4xx-uic.ts) and the SDRAM controller's indirect
  // pair SDRAM0_CFGADDR/CFGDATA, as QEMU's ppc4xx devices answer them. Other DCRs read 0 and
  // ignore writes; each such access is recorded in `unknownDcrs`.
  /** UIC0; its outputs go to the core's external and critical inputs (`uic.onOutput`). */
  readonly uic = new Ppc4xxUic();
  private sdramAddr = 0;
  readonly sdram = new Map<number, number>();
  readonly unknownDcrs: { dcrn: number; write: boolean }[] = [];

  dcrRead(dcrn: number): number {
    if (dcrn >= DCR.UIC0_SR && dcrn < DCR.UIC0_SR + UIC_DCRS)
      return this.uic.read(dcrn - DCR.UIC0_SR);
    switch (dcrn) {
      case DCR.SDRAM0_CFGADDR:
        return this.sdramAddr;
      case DCR.SDRAM0_CFGDATA:
        return this.sdramRead(this.sdramAddr);
    }
    this.unknownDcrs.push({ dcrn, write: false });
    return 0;
  }

  dcrWrite(dcrn: number, v: number): void {
    if (dcrn >= DCR.UIC0_SR && dcrn < DCR.UIC0_SR + UIC_DCRS) {
      this.uic.write(dcrn - DCR.UIC0_SR, v);
      return;
    }
    v >>>= 0;
    switch (dcrn) {
      case DCR.SDRAM0_CFGADDR:
        this.sdramAddr = v;
        return;
      case DCR.SDRAM0_CFGDATA:
        this.sdram.set(this.sdramAddr, v);
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
  loadKernel(kernel: GuestFile): Result<LoadedElf> {
    const image = readElf32(kernel, { machine: EM_PPC, littleEndian: false });
    if (!image.ok) return image;
    return loadElf32(image.value, this.memory, identityPhys);
  }
}

// The PC I/O port space behind Malta's PIIX4 (ports 0x0000-0xffff), as one MMIO device.
//
// On the board a CPU access to the GT-64120's PCI0 I/O window (physical 0x18000000 once the boot
// stub has programmed it) becomes a PCI I/O cycle at port = offset; the PIIX4 forwards the legacy
// ports to its own devices (i8259, i8254, RTC) and to the SMSC Super I/O (the UARTs). This module
// is only the port decoder: devices register port ranges and see offsets relative to their first
// port, like QEMU's isa_register_ioport.
//
// A port nobody decodes reads all ones and ignores writes, as QEMU's unassigned I/O handler does
// (system/ioport.c: unassigned_io_read returns -1): drivers probing for absent hardware (a second
// PIC, ISA DMA, the i8042) expect to see 0xff, not 0.

import type { MmioDevice, Width } from "../vmm/mmio.ts";

export const ISA_IO_SIZE = 0x10000;

interface PortRange {
  first: number;
  count: number;
  device: MmioDevice;
}

export interface IsaUnclaimed {
  port: number;
  width: Width;
  isWrite: boolean;
  value: number;
}

export class IsaIoSpace implements MmioDevice {
  readonly name = "isa-io";
  private readonly ranges: PortRange[] = [];
  /** Per port: index into `ranges` + 1, or 0. */
  private readonly owner = new Uint8Array(ISA_IO_SIZE);
  /** Told of accesses to ports no device decodes (for --trace). */
  onUnclaimed?: (a: IsaUnclaimed) => void;

  /** Gives `device` the ports [first, first+count); overlapping another device is a board bug. */
  register(first: number, count: number, device: MmioDevice): void {
    if (first < 0 || count <= 0 || first + count > ISA_IO_SIZE)
      throw new Error(`${device.name}: bad port range ${first}+${count}`);
    for (let p = first; p < first + count; p++)
      if (this.owner[p] !== 0)
        throw new Error(
          `${device.name}: port 0x${p.toString(16)} already belongs to ${this.ranges[this.owner[p] - 1].device.name}`,
        );
    if (this.ranges.length >= 255) throw new Error(`${device.name}: too many ISA devices`);
    this.ranges.push({ first, count, device });
    this.owner.fill(this.ranges.length, first, first + count);
  }

  /**
   * Places a relocatable device (a PCI function's I/O BAR, e.g. the PIIX4 power management
   * block) at `first`, or removes it with `first` = null. Unlike `register`, a clash with a
   * fixed device is the guest's doing: the ports already taken keep their owner, as the
   * fixed decoder wins on the board too, and the result says so.
   */
  place(device: MmioDevice, first: number | null, count: number): boolean {
    let slot = this.ranges.findIndex((r) => r.device === device);
    if (slot >= 0) {
      const old = this.ranges[slot];
      for (let p = old.first; p < old.first + old.count; p++)
        if (this.owner[p] === slot + 1) this.owner[p] = 0;
    }
    if (first === null) return true;
    if (slot < 0) {
      if (this.ranges.length >= 255) throw new Error(`${device.name}: too many ISA devices`);
      this.ranges.push({ first, count, device });
      slot = this.ranges.length - 1;
    } else this.ranges[slot] = { first, count, device };
    let clean = true;
    for (let p = first; p < Math.min(first + count, ISA_IO_SIZE); p++) {
      if (this.owner[p] === 0) this.owner[p] = slot + 1;
      else clean = false;
    }
    return clean;
  }

  read(offset: number, width: Width): number {
    const r = this.rangeAt(offset);
    if (r === undefined) {
      this.onUnclaimed?.({ port: offset, width, isWrite: false, value: 0 });
      return width === 4 ? 0xffffffff : width === 2 ? 0xffff : 0xff;
    }
    return r.device.read(offset - r.first, width);
  }

  write(offset: number, width: Width, value: number): void {
    const r = this.rangeAt(offset);
    if (r === undefined) {
      this.onUnclaimed?.({ port: offset, width, isWrite: true, value });
      return;
    }
    r.device.write(offset - r.first, width, value);
  }

  /** A port nobody decodes is quiet for ever; a device's own answer otherwise. */
  quiet(offset: number, width: Width, isWrite: boolean, value: number): number {
    const r = this.rangeAt(offset);
    if (r === undefined) return Infinity;
    return r.device.quiet?.(offset - r.first, width, isWrite, value) ?? 0;
  }

  private rangeAt(port: number): PortRange | undefined {
    if (port < 0 || port >= ISA_IO_SIZE) return undefined;
    const i = this.owner[port];
    return i === 0 ? undefined : this.ranges[i - 1];
  }
}

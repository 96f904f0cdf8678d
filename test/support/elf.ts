// ELF32 executables built byte by byte from the System V ABI's layouts (Elf32_Ehdr,
// Elf32_Phdr), for tests that need a guest image of their own.
import { PT_LOAD } from "../../runtime/vmm/elf.ts";

export interface SegSpec {
  type?: number;
  vaddr: number;
  paddr?: number;
  data: number[];
  memsz?: number;
  flags?: number;
}

/** An ELF32 executable: 52-byte header, program headers right after, segment data after them. */
export function makeElf(opts: {
  le: boolean;
  machine: number;
  entry: number;
  segments: SegSpec[];
  type?: number;
  cls?: number;
}): Uint8Array {
  const phoff = 52;
  const dataStart = phoff + 32 * opts.segments.length;
  const total = dataStart + opts.segments.reduce((n, s) => n + s.data.length, 0);
  const bytes = new Uint8Array(total);
  const dv = new DataView(bytes.buffer);
  const le = opts.le;
  bytes.set([0x7f, 0x45, 0x4c, 0x46, opts.cls ?? 1, le ? 1 : 2, 1], 0);
  dv.setUint16(16, opts.type ?? 2, le); // e_type
  dv.setUint16(18, opts.machine, le);
  dv.setUint32(20, 1, le); // e_version
  dv.setUint32(24, opts.entry, le);
  dv.setUint32(28, phoff, le);
  dv.setUint16(40, 52, le); // e_ehsize
  dv.setUint16(42, 32, le); // e_phentsize
  dv.setUint16(44, opts.segments.length, le);
  let off = dataStart;
  opts.segments.forEach((s, i) => {
    const p = phoff + 32 * i;
    dv.setUint32(p, s.type ?? PT_LOAD, le);
    dv.setUint32(p + 4, off, le);
    dv.setUint32(p + 8, s.vaddr, le);
    dv.setUint32(p + 12, s.paddr ?? s.vaddr, le);
    dv.setUint32(p + 16, s.data.length, le);
    dv.setUint32(p + 20, s.memsz ?? s.data.length, le);
    dv.setUint32(p + 24, s.flags ?? 5, le);
    dv.setUint32(p + 28, 4, le);
    bytes.set(s.data, off);
    off += s.data.length;
  });
  return bytes;
}

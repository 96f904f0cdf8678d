// ELF32 executables into guest-physical memory, the way QEMU's load_elf does for -kernel:
// every PT_LOAD segment is copied to its physical address (p_paddr, passed through the board's
// address translation: on Malta, KSEG0/KSEG1 addresses lose their top three bits), the rest of
// its memory size is zeroed (.bss), and the entry point comes from e_entry.
//
// Field layout and constants: System V ABI, "ELF Header" and "Program Header" chapters
// (Elf32_Ehdr is 52 bytes, Elf32_Phdr 32), in the byte order e_ident[EI_DATA] names.
//
// A bad image is a user mistake, not a program error: `parseElf32` and `loadElf32` return
// { ok: false, error } with one line that names the file and says what is wrong (not ELF,
// ELF64, wrong byte order or machine, not an executable, truncated, a segment outside RAM),
// never an exception with a stack trace.

import type { GuestFile } from "./guest-file.ts";
import { readFailure } from "./guest-file.ts";
import type { GuestMemory } from "./memory.ts";
import { hex } from "../core/format.ts";

export const EM_MIPS = 8;
export const EM_PPC = 20;

const MACHINE_NAMES: Record<number, string> = {
  0: "none",
  2: "SPARC",
  3: "x86",
  8: "MIPS",
  20: "PowerPC",
  21: "PowerPC64",
  40: "ARM",
  62: "x86-64",
  183: "AArch64",
  243: "RISC-V",
};

const ET_NAMES: Record<number, string> = {
  0: "none",
  1: "relocatable object",
  2: "executable",
  3: "shared object / PIE",
  4: "core dump",
};

export const PT_LOAD = 1;
export const PF_X = 1;
export const PF_W = 2;
export const PF_R = 4;

export interface ElfSegment {
  /** Index in the program header table. */
  index: number;
  vaddr: number;
  paddr: number;
  /** File offset and size of the bytes to copy. */
  offset: number;
  filesz: number;
  /** Bytes of memory, filesz of them from the file and the rest zero. */
  memsz: number;
  flags: number;
}

export interface ElfImage {
  /** The name used in messages (usually the path). */
  name: string;
  bytes: Uint8Array;
  littleEndian: boolean;
  machine: number;
  entry: number;
  /** PT_LOAD segments with a non-zero memory size, in table order. */
  segments: ElfSegment[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export interface ElfExpectations {
  /** e_machine the board runs (EM_MIPS, EM_PPC). */
  machine: number;
  /** The board's byte order; an image of the other order is refused. */
  littleEndian: boolean;
}

function machineName(m: number): string {
  return MACHINE_NAMES[m] ? `${m} (${MACHINE_NAMES[m]})` : String(m);
}

/** Parses and checks an ELF32 executable's headers. Nothing is loaded. */
export function parseElf32(
  bytes: Uint8Array,
  name: string,
  expect?: ElfExpectations,
): Result<ElfImage> {
  const fail = (msg: string): Result<ElfImage> => ({ ok: false, error: `${name}: ${msg}` });
  if (
    bytes.length < 4 ||
    bytes[0] !== 0x7f ||
    bytes[1] !== 0x45 ||
    bytes[2] !== 0x4c ||
    bytes[3] !== 0x46
  ) {
    const start = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join(
      " ",
    );
    return fail(
      `not an ELF file (it starts with ${start || "nothing: the file is empty"}; an ELF file starts with 7f 45 4c 46)`,
    );
  }
  if (bytes.length < 16)
    return fail(`truncated: ${bytes.length} bytes, shorter than the 16-byte ELF identification`);
  const cls = bytes[4];
  if (cls === 2) return fail("ELF64 image; this loader takes 32-bit (ELFCLASS32) executables");
  if (cls !== 1) return fail(`unknown ELF class ${cls} (1 is ELF32, 2 is ELF64)`);
  const data = bytes[5];
  if (data !== 1 && data !== 2)
    return fail(`unknown ELF data encoding ${data} (1 is little-endian, 2 is big-endian)`);
  const le = data === 1;
  if (bytes[6] !== 1) return fail(`unknown ELF version ${bytes[6]} (expected 1)`);
  if (bytes.length < 52)
    return fail(`truncated: ${bytes.length} bytes, shorter than the 52-byte ELF32 header`);

  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number) => dv.getUint16(o, le);
  const u32 = (o: number) => dv.getUint32(o, le);
  const type = u16(16);
  const machine = u16(18);
  const entry = u32(24);
  const phoff = u32(28);
  const phentsize = u16(42);
  const phnum = u16(44);

  if (expect) {
    if (le !== expect.littleEndian) {
      return fail(
        `${le ? "little" : "big"}-endian image, but the board is ${expect.littleEndian ? "little" : "big"}-endian`,
      );
    }
    if (machine !== expect.machine)
      return fail(
        `built for machine ${machineName(machine)}, expected ${machineName(expect.machine)}`,
      );
  }
  if (type !== 2)
    return fail(
      `ELF type ${type} (${ET_NAMES[type] ?? "unknown"}), expected an executable (ET_EXEC)`,
    );
  if (phnum === 0) return fail("no program headers, so nothing to load");
  if (phentsize < 32) return fail(`program header entries of ${phentsize} bytes, ELF32 needs 32`);
  if (phoff + phnum * phentsize > bytes.length) {
    return fail(
      `truncated: the program header table (${phnum} entries at offset ${phoff}) ends at byte ${phoff + phnum * phentsize}, the file has ${bytes.length}`,
    );
  }

  const segments: ElfSegment[] = [];
  for (let i = 0; i < phnum; i++) {
    const p = phoff + i * phentsize;
    if (u32(p) !== PT_LOAD) continue;
    const seg: ElfSegment = {
      index: i,
      offset: u32(p + 4),
      vaddr: u32(p + 8),
      paddr: u32(p + 12),
      filesz: u32(p + 16),
      memsz: u32(p + 20),
      flags: u32(p + 24),
    };
    if (seg.memsz === 0) continue;
    if (seg.filesz > seg.memsz)
      return fail(
        `segment ${i}: file size ${seg.filesz} is larger than its memory size ${seg.memsz}`,
      );
    if (seg.offset + seg.filesz > bytes.length) {
      return fail(
        `truncated: segment ${i} needs file bytes ${seg.offset}-${seg.offset + seg.filesz - 1}, the file has ${bytes.length}`,
      );
    }
    segments.push(seg);
  }
  if (segments.length === 0) return fail("no loadable (PT_LOAD) segments");
  return { ok: true, value: { name, bytes, littleEndian: le, machine, entry, segments } };
}

/** Reads a file (a host path: vmm/host-file.ts) and parses it; an unreadable file is an error result too. */
export function readElf32(file: GuestFile, expect?: ElfExpectations): Result<ElfImage> {
  let bytes: Uint8Array;
  try {
    bytes = file.read();
  } catch (e) {
    return { ok: false, error: `${file.name}: cannot read: ${readFailure(e)}` };
  }
  return parseElf32(bytes, file.name, expect);
}

/** Board address translation for load addresses: physical address, or undefined (not loadable). */
export type ToPhys = (addr: number) => number | undefined;

/** Identity: the address in the ELF file is the physical address (Bamboo, as QEMU's load_elf without translation). */
export const identityPhys: ToPhys = (a) => a;

/**
 * Malta: KSEG0 (0x80000000-0x9fffffff) and KSEG1 (0xa0000000-0xbfffffff) are unmapped windows
 * onto the first 512 MiB of physical memory (MIPS32 PRA, "Virtual Memory" chapter). QEMU's
 * cpu_mips_kseg0_to_phys masks with 0x1fffffff unconditionally; this refuses other segments,
 * since a guest cannot start there without a TLB entry.
 */
export const mipsKsegToPhys: ToPhys = (a) =>
  a >= 0x80000000 && a <= 0xbfffffff ? a & 0x1fffffff : undefined;

export interface LoadedElf {
  entry: number;
  /** Physical ranges written, for reports. */
  loaded: { paddr: number; memsz: number; segment: number }[];
  /** Lowest and highest+1 physical addresses written. */
  low: number;
  high: number;
}

/**
 * Copies the image's segments into guest memory. Every segment is checked before anything is
 * written, so a refused image leaves memory as it was.
 */
export function loadElf32(
  image: ElfImage,
  mem: GuestMemory,
  toPhys: ToPhys = identityPhys,
): Result<LoadedElf> {
  const fail = (msg: string): Result<LoadedElf> => ({ ok: false, error: `${image.name}: ${msg}` });
  const plan: { seg: ElfSegment; pa: number }[] = [];
  for (const seg of image.segments) {
    const pa = toPhys(seg.paddr);
    if (pa === undefined) {
      return fail(
        `segment ${seg.index} is linked at ${hex(seg.paddr)}, which has no fixed physical address on this board (Malta loads only KSEG0/KSEG1, 0x80000000-0xbfffffff)`,
      );
    }
    const end = pa + seg.memsz;
    if (toPhys(seg.paddr + seg.memsz - 1) !== pa + seg.memsz - 1 || !mem.isRam(pa, seg.memsz)) {
      return fail(
        `segment ${seg.index} (physical ${hex(pa)}-${hex(end - 1)}, ${seg.memsz} bytes) is outside guest RAM (${mem.describe()})`,
      );
    }
    plan.push({ seg, pa });
  }
  let low = Infinity;
  let high = 0;
  for (const { seg, pa } of plan) {
    mem.writeBytes(pa, image.bytes.subarray(seg.offset, seg.offset + seg.filesz));
    mem.fill(pa + seg.filesz, seg.memsz - seg.filesz, 0);
    low = Math.min(low, pa);
    high = Math.max(high, pa + seg.memsz);
  }
  return {
    ok: true,
    value: {
      entry: image.entry,
      loaded: plan.map(({ seg, pa }) => ({ paddr: pa, memsz: seg.memsz, segment: seg.index })),
      low,
      high,
    },
  };
}

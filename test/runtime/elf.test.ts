// The ELF32 loader on images built here byte by byte from the System V ABI's layouts (Elf32_Ehdr,
// Elf32_Phdr), on the committed guests, and on the real kernels in ../shared/guests (their
// header values below are what GNU readelf prints for them), plus its messages for bad images.
import { hostFile } from "../../runtime/vmm/host-file.ts";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { BambooVmm } from "../../runtime/boards/bamboo/index.ts";
import { MaltaVmm } from "../../runtime/boards/malta/index.ts";
import {
  EM_MIPS,
  EM_PPC,
  identityPhys,
  loadElf32,
  mipsKsegToPhys,
  parseElf32,
  PT_LOAD,
  readElf32,
  type ElfImage,
} from "../../runtime/vmm/elf.ts";
import { GuestMemory } from "../../runtime/vmm/memory.ts";
import { makeElf } from "../support/elf.ts";

const MIPS = { machine: EM_MIPS, littleEndian: true };
const PPC = { machine: EM_PPC, littleEndian: false };

function ok<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function errorOf(r: { ok: boolean; error?: string }): string {
  expect(r.ok).toBe(false);
  return r.error!;
}

describe("loading", () => {
  it("copies a little-endian MIPS image's segments to KSEG0/KSEG1 physical addresses and zeroes .bss", () => {
    const elf = makeElf({
      le: true,
      machine: EM_MIPS,
      entry: 0x80100000,
      segments: [
        { vaddr: 0x80100000, data: [0x00, 0x00, 0x1a, 0x3c, 1, 2, 3, 4], memsz: 16 },
        { vaddr: 0xa0200000, data: [9, 8, 7] },
        { type: 4, vaddr: 0, data: [0xff] }, // PT_NOTE: not loaded
      ],
    });
    const mem = new GuestMemory(true);
    const ram = mem.addRam({ base: 0, size: 4 << 20 });
    ram.u8.fill(0xaa, 0x100000, 0x100010);
    const image = ok(parseElf32(elf, "t.elf", MIPS));
    expect(image.entry).toBe(0x80100000);
    expect(image.segments.map((s) => s.index)).toEqual([0, 1]);
    const loaded = ok(loadElf32(image, mem, mipsKsegToPhys));
    expect(loaded.entry).toBe(0x80100000);
    expect(loaded.loaded).toEqual([
      { paddr: 0x100000, memsz: 16, segment: 0 },
      { paddr: 0x200000, memsz: 3, segment: 1 },
    ]);
    expect([loaded.low, loaded.high]).toEqual([0x100000, 0x200003]);
    expect(ram.load32(0x100000) >>> 0).toBe(0x3c1a0000); // lui k0, 0 in little-endian bytes
    expect(Array.from(ram.u8.subarray(0x100004, 0x100010))).toEqual([
      1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0,
    ]);
    expect(Array.from(ram.u8.subarray(0x200000, 0x200003))).toEqual([9, 8, 7]);
  });

  it("loads a big-endian PowerPC image at p_paddr, not p_vaddr (as QEMU's bamboo does)", () => {
    const elf = makeElf({
      le: false,
      machine: EM_PPC,
      entry: 0xc0000000,
      segments: [{ vaddr: 0xc0000000, paddr: 0, data: [0x7c, 0x08, 0x02, 0xa6] }],
    });
    const mem = new GuestMemory(false);
    const ram = mem.addRam({ base: 0, size: 1 << 20 });
    const loaded = ok(loadElf32(ok(parseElf32(elf, "k", PPC)), mem, identityPhys));
    expect(loaded.entry).toBe(0xc0000000);
    expect(ram.load32(0) >>> 0).toBe(0x7c0802a6); // mflr r0
  });

  it("checks every segment before writing any, so a refused image leaves memory alone", () => {
    const elf = makeElf({
      le: true,
      machine: EM_MIPS,
      entry: 0x80001000,
      segments: [
        { vaddr: 0x80001000, data: [1, 2, 3, 4] },
        { vaddr: 0x80800000, data: [5] },
      ],
    });
    const mem = new GuestMemory(true);
    const ram = mem.addRam({ base: 0, size: 1 << 20 });
    const r = loadElf32(ok(parseElf32(elf, "big.elf", MIPS)), mem, mipsKsegToPhys);
    expect(errorOf(r)).toBe(
      "big.elf: segment 1 (physical 0x00800000-0x00800000, 1 bytes) is outside guest RAM (ram@0x00000000 0x00000000-0x000fffff)",
    );
    expect(ram.u8[0x1000]).toBe(0);
  });
});

describe("bad images: one line naming the file and the problem", () => {
  const good = () =>
    makeElf({
      le: true,
      machine: EM_MIPS,
      entry: 0x80100000,
      segments: [{ vaddr: 0x80100000, data: [1, 2, 3, 4] }],
    });

  it("not an ELF file at all", () => {
    expect(errorOf(parseElf32(new TextEncoder().encode("#!/bin/sh\n"), "prog.elf"))).toBe(
      "prog.elf: not an ELF file (it starts with 23 21 2f 62; an ELF file starts with 7f 45 4c 46)",
    );
    expect(errorOf(parseElf32(new Uint8Array(0), "empty.elf"))).toMatch(
      /^empty\.elf: not an ELF file \(it starts with nothing: the file is empty/,
    );
  });

  it("a 64-bit ELF", () => {
    const elf = good();
    elf[4] = 2;
    expect(errorOf(parseElf32(elf, "k64"))).toBe(
      "k64: ELF64 image; this loader takes 32-bit (ELFCLASS32) executables",
    );
  });

  it("the other byte order than the board's", () => {
    const elf = makeElf({
      le: false,
      machine: EM_MIPS,
      entry: 0,
      segments: [{ vaddr: 0x80100000, data: [0] }],
    });
    expect(errorOf(parseElf32(elf, "eb.elf", MIPS))).toBe(
      "eb.elf: big-endian image, but the board is little-endian",
    );
  });

  it("another machine", () => {
    const elf = makeElf({
      le: true,
      machine: 62,
      entry: 0,
      segments: [{ vaddr: 0x80100000, data: [0] }],
    });
    expect(errorOf(parseElf32(elf, "x86.elf", MIPS))).toBe(
      "x86.elf: built for machine 62 (x86-64), expected 8 (MIPS)",
    );
  });

  it("an object file rather than an executable", () => {
    const elf = makeElf({
      le: true,
      machine: EM_MIPS,
      type: 1,
      entry: 0,
      segments: [{ vaddr: 0x80100000, data: [0] }],
    });
    expect(errorOf(parseElf32(elf, "prog.o", MIPS))).toBe(
      "prog.o: ELF type 1 (relocatable object), expected an executable (ET_EXEC)",
    );
  });

  it("truncated: in the header, in the program headers, in a segment's data", () => {
    const elf = good();
    expect(errorOf(parseElf32(elf.subarray(0, 40), "a"))).toBe(
      "a: truncated: 40 bytes, shorter than the 52-byte ELF32 header",
    );
    expect(errorOf(parseElf32(elf.subarray(0, 70), "b"))).toBe(
      "b: truncated: the program header table (1 entries at offset 52) ends at byte 84, the file has 70",
    );
    expect(errorOf(parseElf32(elf.subarray(0, elf.length - 1), "c"))).toBe(
      "c: truncated: segment 0 needs file bytes 84-87, the file has 87",
    );
  });

  it("a segment with more file bytes than memory", () => {
    const elf = good();
    new DataView(elf.buffer).setUint32(52 + 20, 2, true); // p_memsz < p_filesz
    expect(errorOf(parseElf32(elf, "s"))).toBe(
      "s: segment 0: file size 4 is larger than its memory size 2",
    );
  });

  it("nothing to load", () => {
    const elf = makeElf({
      le: true,
      machine: EM_MIPS,
      entry: 0,
      segments: [{ type: 4, vaddr: 0, data: [1] }],
    });
    expect(errorOf(parseElf32(elf, "n"))).toBe("n: no loadable (PT_LOAD) segments");
  });

  it("a MIPS image linked outside KSEG0/KSEG1", () => {
    const elf = makeElf({
      le: true,
      machine: EM_MIPS,
      entry: 0x400000,
      segments: [{ vaddr: 0x00400000, data: [1] }],
    });
    const mem = new GuestMemory(true);
    mem.addRam({ base: 0, size: 1 << 20 });
    expect(errorOf(loadElf32(ok(parseElf32(elf, "user.elf", MIPS)), mem, mipsKsegToPhys))).toMatch(
      /^user\.elf: segment 0 is linked at 0x00400000, which has no fixed physical address on this board/,
    );
  });

  it("a segment that runs from KSEG1 past its end", () => {
    const elf = makeElf({
      le: true,
      machine: EM_MIPS,
      entry: 0,
      segments: [{ vaddr: 0xbffffffe, data: [1, 2, 3, 4] }],
    });
    const mem = new GuestMemory(true);
    mem.addRam({ base: 0, size: 1 << 20 });
    expect(errorOf(loadElf32(ok(parseElf32(elf, "edge", MIPS)), mem, mipsKsegToPhys))).toMatch(
      /^edge: segment 0 \(physical 0x1ffffffe-0x20000001/,
    );
  });

  it("a file that cannot be read", () => {
    const dir = mkdtempSync(join(tmpdir(), "isagen-elf-"));
    expect(errorOf(readElf32(hostFile(join(dir, "missing.elf"))))).toBe(
      `${join(dir, "missing.elf")}: cannot read: no such file`,
    );
    expect(errorOf(readElf32(hostFile(dir)))).toBe(`${dir}: cannot read: is a directory`);
    writeFileSync(join(dir, "junk"), Uint8Array.from([0x4d, 0x5a, 0x90, 0x00]));
    expect(errorOf(readElf32(hostFile(join(dir, "junk")), MIPS))).toMatch(
      /junk: not an ELF file \(it starts with 4d 5a 90 00/,
    );
  });
});

describe("real files", () => {
  const REPO = resolve(import.meta.dirname, "../..");
  const SHARED = resolve(REPO, "../shared/guests");

  function checkLoaded(
    image: ElfImage,
    mem: GuestMemory,
    toPhys: (a: number) => number | undefined,
  ): void {
    for (const s of image.segments) {
      const pa = toPhys(s.paddr)!;
      const inMem = mem.readBytes(pa, s.memsz)!;
      expect(
        Buffer.from(inMem.subarray(0, s.filesz)).equals(
          Buffer.from(image.bytes.subarray(s.offset, s.offset + s.filesz)),
        ),
      ).toBe(true);
      expect(inMem.subarray(s.filesz).every((b) => b === 0)).toBe(true);
    }
  }

  it("loads the committed hello guest where QEMU's Malta puts it", () => {
    const vmm = new MaltaVmm();
    const r = ok(vmm.loadKernel(hostFile(join(REPO, "test/guests/mips/hello.elf"))));
    expect(r.entry).toBe(0x80100000);
    expect(r.low).toBe(0x00100000);
    // _start's first instruction: lui k0, %hi(boot_regs) (opcode 0x0f, rt = 26).
    expect(vmm.memory.slotAt(0x100000)!.load32(0x100000) >>> 16).toBe(0x3c1a);
    const image = ok(readElf32(hostFile(join(REPO, "test/guests/mips/hello.elf")), MIPS));
    checkLoaded(image, vmm.memory, mipsKsegToPhys);
  });

  const malta = join(SHARED, "mips-malta/vmlinuz-6.1.0-50-4kc-malta");
  it.skipIf(!existsSync(malta))(
    "loads Debian's 4kc-malta kernel (readelf: entry 0x810f0000, LOAD 0x4ab770 file / 0x9adb80 memory bytes)",
    () => {
      const vmm = new MaltaVmm();
      const image = ok(readElf32(hostFile(malta), MIPS));
      expect(image.entry).toBe(0x810f0000);
      expect(image.segments.map((s) => [s.offset, s.vaddr, s.paddr, s.filesz, s.memsz])).toEqual([
        [0x10000, 0x810f0000, 0x810f0000, 0x4ab770, 0x9adb80],
      ]);
      const r = ok(loadElf32(image, vmm.memory, mipsKsegToPhys));
      expect([r.low, r.high]).toEqual([0x010f0000, 0x010f0000 + 0x9adb80]);
      checkLoaded(image, vmm.memory, mipsKsegToPhys);
      // The same bytes through the 0x80000000 RAM alias.
      expect(vmm.memory.slotAt(0x810f0000)!.load32(0x010f0000)).toBe(
        vmm.memory.slotAt(0x010f0000)!.load32(0x010f0000),
      );
    },
  );

  const bamboo = join(SHARED, "ppc440-bamboo/vmlinux-6.1.192-bamboo");
  it.skipIf(!existsSync(bamboo))(
    "loads the 440 Bamboo kernel at p_paddr 0 (readelf: entry 0xc0000000, LOAD 0x5e9f28 / 0x614c50)",
    () => {
      const vmm = new BambooVmm();
      const r = ok(vmm.loadKernel(hostFile(bamboo)));
      expect(r.entry).toBe(0xc0000000);
      expect([r.low, r.high]).toEqual([0, 0x614c50]);
      const file = readFileSync(bamboo);
      expect(vmm.memory.slotAt(0)!.load32(0) >>> 0).toBe(file.readUInt32BE(0x10000));
      // The Malta board refuses it with a reason.
      expect(errorOf(new MaltaVmm().loadKernel(hostFile(bamboo)))).toBe(
        `${bamboo}: big-endian image, but the board is little-endian`,
      );
    },
  );
});

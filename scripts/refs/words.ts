// Deterministic instruction-word corpora for the objdump reference files.
//
// Everything here is a pure function of its inputs (and, for the sweeps, of
// fixed seeds): no Math.random, no clock, so the reference files generated
// from these words are reproducible byte for byte.

import { readFileSync } from "node:fs";

/** mulberry32: tiny 32-bit seeded PRNG. Returns a function yielding uint32 values. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/**
 * Collects uint32 words, dropping repeats (the first occurrence wins), and
 * keeps insertion order. Backed by a growable Uint32Array plus a Set.
 */
export class WordSet {
  private buf: Uint32Array;
  private n = 0;
  private readonly seen = new Set<number>();

  constructor(initialCapacity = 1 << 16) {
    this.buf = new Uint32Array(Math.max(16, initialCapacity));
  }

  get size(): number {
    return this.n;
  }

  has(word: number): boolean {
    return this.seen.has(word >>> 0);
  }

  /** Adds the word; returns true if it was new. */
  add(word: number): boolean {
    const w = word >>> 0;
    if (this.seen.has(w)) return false;
    this.seen.add(w);
    if (this.n === this.buf.length) {
      const bigger = new Uint32Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.n++] = w;
    return true;
  }

  toArray(): Uint32Array {
    return this.buf.slice(0, this.n);
  }
}

/**
 * Returns `count` fills for a field of `bits` bits: all-zero, all-one, then
 * `count - 2` values from `rng`, redrawn until distinct from the previous
 * fills of the same group (so every group contributes exactly `count` words).
 */
function fills(rng: () => number, bits: number, count: number): number[] {
  const mask = bits >= 32 ? 0xffffffff : (1 << bits) - 1;
  const out = [0, mask >>> 0];
  while (out.length < count) {
    const v = (rng() & mask) >>> 0;
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

export const PPC_SWEEP_SEED = 0x440c0de;
export const MIPS_SWEEP_SEED = 0x3232b2;

/**
 * PowerPC sweep. IBM numbering: bit 0 is the MSB. For every primary opcode
 * (bits 0-5, `word >>> 26`) and every value of bits 21-31 (the low 11 bits:
 * extended opcode, Rc/LK, ...), 8 fills of bits 6-20 (the 15 bits holding
 * the register/immediate fields): all-zero, all-one and 6 seeded random
 * fills. Order: opcode, then low 11 bits, then fill. 64*2048*8 = 1,048,576.
 */
export function ppcSweepWords(seed = PPC_SWEEP_SEED): Uint32Array {
  const rng = mulberry32(seed);
  const set = new WordSet(1 << 20);
  for (let op = 0; op < 64; op++) {
    for (let low = 0; low < 2048; low++) {
      for (const f of fills(rng, 15, 8)) {
        set.add(((op << 26) | (f << 11) | low) >>> 0);
      }
    }
  }
  return set.toArray();
}

/**
 * MIPS sweep, two families, concatenated and deduplicated:
 *  A. opcode (31-26) x rs (25-21) x rt (20-16), with 6 fills of the low 16
 *     bits (immediate / rd,sa,funct): zero, ones, 4 seeded random.
 *  B. opcode x rs x funct (5-0), with 6 fills of bits 20-6 (rt,rd,sa):
 *     zero, ones, 4 seeded random.
 * 393,216 + 786,432 words before dedup (the few overlaps of the zero/ones
 * fills are dropped).
 */
export function mipsSweepWords(seed = MIPS_SWEEP_SEED): Uint32Array {
  const rng = mulberry32(seed);
  const set = new WordSet(1 << 21);
  for (let op = 0; op < 64; op++) {
    for (let rs = 0; rs < 32; rs++) {
      for (let rt = 0; rt < 32; rt++) {
        for (const f of fills(rng, 16, 6)) {
          set.add(((op << 26) | (rs << 21) | (rt << 16) | f) >>> 0);
        }
      }
    }
  }
  for (let op = 0; op < 64; op++) {
    for (let rs = 0; rs < 32; rs++) {
      for (let funct = 0; funct < 64; funct++) {
        for (const f of fills(rng, 15, 6)) {
          set.add(((op << 26) | (rs << 21) | (f << 6) | funct) >>> 0);
        }
      }
    }
  }
  return set.toArray();
}

export interface ElfTextSection {
  name: string;
  addr: number;
  offset: number;
  size: number;
}

export interface ElfTextInfo {
  littleEndian: boolean;
  machine: number;
  sections: ElfTextSection[];
}

const SHT_PROGBITS = 1;
const SHF_EXECINSTR = 0x4;

/** Parses an ELF32 image and lists its executable PROGBITS sections. */
export function elfTextSections(image: Uint8Array): ElfTextInfo {
  if (
    image.length < 52 ||
    image[0] !== 0x7f ||
    image[1] !== 0x45 ||
    image[2] !== 0x4c ||
    image[3] !== 0x46
  ) {
    throw new Error("not an ELF file");
  }
  if (image[4] !== 1) throw new Error(`not ELF32 (EI_CLASS=${image[4]})`);
  const le = image[5] === 1;
  if (!le && image[5] !== 2) throw new Error(`bad EI_DATA ${image[5]}`);
  const dv = new DataView(image.buffer, image.byteOffset, image.byteLength);
  const u16 = (o: number): number => dv.getUint16(o, le);
  const u32 = (o: number): number => dv.getUint32(o, le);
  const machine = u16(18);
  const shoff = u32(32);
  const shentsize = u16(46);
  const shnum = u16(48);
  const shstrndx = u16(50);
  if (shoff === 0 || shnum === 0) throw new Error("ELF has no section headers");
  if (shentsize < 40) throw new Error(`bad e_shentsize ${shentsize}`);
  if (shoff + shnum * shentsize > image.length) throw new Error("section headers past end of file");
  const sh = (i: number) => {
    const b = shoff + i * shentsize;
    return {
      name: u32(b),
      type: u32(b + 4),
      flags: u32(b + 8),
      addr: u32(b + 12),
      offset: u32(b + 16),
      size: u32(b + 20),
    };
  };
  const strtab = shstrndx < shnum ? sh(shstrndx) : undefined;
  const nameAt = (off: number): string => {
    if (!strtab) return "";
    let end = strtab.offset + off;
    const start = end;
    while (end < image.length && image[end] !== 0) end++;
    return Buffer.from(image.subarray(start, end)).toString("latin1");
  };
  const sections: ElfTextSection[] = [];
  for (let i = 0; i < shnum; i++) {
    const s = sh(i);
    if (s.type !== SHT_PROGBITS || (s.flags & SHF_EXECINSTR) === 0 || s.size === 0) continue;
    if (s.offset + s.size > image.length) throw new Error(`section ${i} past end of file`);
    sections.push({ name: nameAt(s.name), addr: s.addr, offset: s.offset, size: s.size });
  }
  return { littleEndian: le, machine, sections };
}

/** Every word of the executable sections of an ELF32 file, in order, not deduplicated. */
export function elfTextStream(path: string): Uint32Array {
  const image = readFileSync(path);
  const info = elfTextSections(image);
  const dv = new DataView(image.buffer, image.byteOffset, image.byteLength);
  const out: number[] = [];
  for (const s of info.sections) {
    const end = s.offset + (s.size & ~3);
    for (let o = s.offset; o < end; o += 4) out.push(dv.getUint32(o, info.littleEndian));
  }
  return Uint32Array.from(out);
}

/**
 * Words of the executable PROGBITS sections of an ELF32 file, in section
 * header order, read in the file's byte order, deduplicated (first
 * occurrence kept) and capped at `cap` distinct words. A trailing partial
 * word of a section is ignored.
 */
export function elfTextWords(path: string, cap = 400_000): Uint32Array {
  const image = readFileSync(path);
  const info = elfTextSections(image);
  const dv = new DataView(image.buffer, image.byteOffset, image.byteLength);
  const set = new WordSet(Math.min(cap, 1 << 16));
  outer: for (const s of info.sections) {
    const end = s.offset + (s.size & ~3);
    for (let o = s.offset; o < end; o += 4) {
      if (set.size >= cap) break outer;
      set.add(dv.getUint32(o, info.littleEndian));
    }
  }
  return set.toArray();
}

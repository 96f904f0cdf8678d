// The bare-metal MIPS guest corpus (test/guests/mips): every guest is built, loads where QEMU's
// Malta loads it, and has QEMU's output committed beside it. Where a guest's output can be
// computed independently, the committed QEMU output is checked against that second reference
// too: the CRC-32s against Node's zlib, the ALU tables and the unaligned load/store results
// against the MIPS32 instruction definitions written out here. So the expected files are known
// to say what the architecture says, not merely what QEMU did.
//
// Running the guests and comparing their UART output with these files is the CPU cores' test;
// it needs the generated MIPS decoder and lands with the machine/kvm layers.
import { hostFile } from "../../runtime/vmm/host-file.ts";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { MaltaVmm } from "../../runtime/boards/malta/index.ts";

const DIR = resolve(import.meta.dirname, "mips");
const guests = readdirSync(DIR)
  .filter((f) => f.endsWith(".elf"))
  .map((f) => f.slice(0, -4))
  .sort();
const expected = (name: string) => readFileSync(join(DIR, `${name}.expected`), "latin1");

describe("corpus", () => {
  it("has the guests issue 6 asks for", () => {
    expect(guests).toEqual([
      "addrerr",
      "alu",
      "branches",
      "crc32",
      "crc32-long", // bench/mips.ts: crc32.c with 1024 rounds
      "exceptions",
      "fpu",
      "gdb", // issue 15: the GDB stub's debuggee, built with -g (test/gdb.test.ts)
      "hello",
      "loadstore",
      "timer",
      "tlb",
      "usermode",
    ]);
  });

  for (const name of guests) {
    it(`${name}: loads at 0x80100000 and has a complete expected output`, () => {
      const vmm = new MaltaVmm();
      const r = vmm.loadKernel(hostFile(join(DIR, `${name}.elf`)));
      expect(r.ok && r.value.entry).toBe(0x80100000);
      const text = expected(name);
      expect(text.endsWith("done\n")).toBe(true);
      expect(text).not.toMatch(/UNEXPECTED|WRONG|wrong epc|!=insn/);
      if (name !== "hello") expect(text.startsWith(`== ${name} ==\n`)).toBe(true);
    });
  }
});

describe("crc32 guests against zlib", () => {
  it.each([
    ["crc32", 16],
    ["crc32-long", 1024],
  ])("%s prints the CRC-32 of the same buffer zlib computes, every round", (name, rounds) => {
    const buf = Buffer.alloc(65536);
    let x = 1;
    for (let i = 0; i < buf.length; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      buf[i] = (x >>> 16) & 0xff;
    }
    const lines: string[] = [];
    for (let round = 0; round < rounds; round++) {
      buf[(round * 4099) % 65536] ^= 0xff;
      lines.push(`round ${round}: crc32=${crc32(buf).toString(16).padStart(8, "0")}`);
    }
    expect(expected(name)).toBe([`== ${name} ==`, ...lines, "done", ""].join("\n"));
  });
});

// ---- MIPS32 instruction definitions (MIPS32 Architecture, Volume II), on 32-bit values ----

const h = (v: number) => (v >>> 0).toString(16).padStart(8, "0");
const s32 = (v: number) => v | 0;
const u32 = (v: number) => v >>> 0;
const rotr = (v: number, n: number) => u32((v >>> n) | (v << (32 - n)));
const V = [0, 1, 0xffffffff, 0x7fffffff, 0x80000000, 0x12345678, 0xfedcba98, 0x0000ffff];
const S = [0, 1, 7, 16, 31, 32, 33, 0xfffffff8];

const binops: Record<string, (a: number, b: number) => number> = {
  addu: (a, b) => a + b,
  subu: (a, b) => a - b,
  and: (a, b) => a & b,
  or: (a, b) => a | b,
  xor: (a, b) => a ^ b,
  nor: (a, b) => ~(a | b),
  slt: (a, b) => (s32(a) < s32(b) ? 1 : 0),
  sltu: (a, b) => (u32(a) < u32(b) ? 1 : 0),
  mul: (a, b) => Math.imul(a, b),
  movz: (a, b) => (b === 0 ? a : 0xdeadbeef),
  movn: (a, b) => (b !== 0 ? a : 0xdeadbeef),
};
const shiftv: Record<string, (a: number, s: number) => number> = {
  sllv: (a, s) => a << (s & 31),
  srlv: (a, s) => a >>> (s & 31),
  srav: (a, s) => a >> (s & 31),
  rotrv: (a, s) => rotr(a, s & 31),
};
const M64 = (1n << 64n) - 1n;
const INIT_HILO = (1n << 32n) | 0x80000000n; // hi:lo = 00000001:80000000
const sx = (v: number) => BigInt(s32(v));
const zx = (v: number) => BigInt(u32(v));
const hilo: Record<string, (a: number, b: number) => bigint> = {
  mult: (a, b) => sx(a) * sx(b),
  multu: (a, b) => zx(a) * zx(b),
  madd: (a, b) => INIT_HILO + sx(a) * sx(b),
  maddu: (a, b) => INIT_HILO + zx(a) * zx(b),
  msub: (a, b) => INIT_HILO - sx(a) * sx(b),
  msubu: (a, b) => INIT_HILO - zx(a) * zx(b),
};
function div(a: number, b: number, signed: boolean): string {
  const [x, y] = signed ? [sx(a), sx(b)] : [zx(a), zx(b)];
  const q = x / y; // BigInt division truncates toward zero, as DIV does
  const r = x - q * y;
  return `${h(Number(BigInt.asUintN(32, r)))}:${h(Number(BigInt.asUintN(32, q)))}`;
}
const imm16 = (v: number) => (v << 16) >> 16;
const immops: Record<string, [number[], (a: number, i: number) => number]> = {
  addiu: [[0, 1, -1, 0x7fff, -0x8000], (a, i) => a + i],
  slti: [[0, 1, -1, 0x7fff, -0x8000], (a, i) => (s32(a) < i ? 1 : 0)],
  sltiu: [[0, 1, -1, 0x7fff, -0x8000], (a, i) => (u32(a) < u32(imm16(i)) ? 1 : 0)],
  andi: [[0, 1, 0xffff, 0x8000, 0x1234], (a, i) => a & i],
  ori: [[0, 1, 0xffff, 0x8000, 0x1234], (a, i) => a | i],
  xori: [[0, 1, 0xffff, 0x8000, 0x1234], (a, i) => a ^ i],
  sll: [[0, 1, 4, 16, 31], (a, n) => a << n],
  srl: [[0, 1, 4, 16, 31], (a, n) => a >>> n],
  sra: [[0, 1, 4, 16, 31], (a, n) => a >> n],
  rotr: [[0, 1, 4, 16, 31], (a, n) => rotr(a, n)],
};
const FIELDS: [number, number][] = [
  [0, 1],
  [0, 32],
  [4, 8],
  [31, 1],
  [8, 24],
];
const fieldMask = (size: number) => (size === 32 ? 0xffffffff : (1 << size) - 1);
const ext = (a: number, pos: number, size: number) => (a >>> pos) & fieldMask(size);
const ins = (a: number, pos: number, size: number) => {
  const m = u32(fieldMask(size) << pos);
  return (0xa5a5a5a5 & ~m) | ((a << pos) & m);
};
const unops: Record<string, (a: number) => number> = {
  seb: (a) => (a << 24) >> 24,
  seh: (a) => (a << 16) >> 16,
  wsbh: (a) => ((a & 0x00ff00ff) << 8) | ((a >>> 8) & 0x00ff00ff),
  clz: (a) => Math.clz32(a),
  clo: (a) => Math.clz32(~a),
};
/** ADD/SUB/ADDI: a signed overflow raises Ov and leaves rd unchanged (deadbeef). */
const OV = "Ov(Ov,dest=deadbeef,epc=insn)";
function trapping(a: number, b: number, sub: boolean): string {
  const r = sub ? s32(a) - s32(b) : s32(a) + s32(b);
  return r > 0x7fffffff || r < -0x80000000 ? OV : h(r);
}

function aluLines(): string[] {
  const out: string[] = ["== alu ==", `operands: ${V.map(h).join(" ")}`];
  const table = (name: string, f: (a: number, b: number) => number, bs: number[]) => {
    for (const a of V) out.push(`${name} ${h(a)}: ${bs.map((b) => h(f(a, b))).join(" ")}`);
  };
  for (const [n, f] of Object.entries(binops)) table(n, f, V);
  out.push(`shift amounts: ${S.map(h).join(" ")}`);
  for (const [n, f] of Object.entries(shiftv)) table(n, f, S);
  out.push("hi:lo start as 00000001:80000000 (used by madd/msub)");
  for (const [n, f] of Object.entries(hilo)) {
    for (const a of V) {
      const cells = V.map((b) => {
        const r = f(a, b) & M64;
        return `${h(Number(r >> 32n))}:${h(Number(r & 0xffffffffn))}`;
      });
      out.push(`${n} ${h(a)}: ${cells.join(" ")}`);
    }
  }
  for (const signed of [true, false]) {
    for (const a of V) {
      const cells = V.map((b) =>
        b === 0 || (signed && a === 0x80000000 && b === 0xffffffff) ? "-" : div(a, b, signed),
      );
      out.push(`${signed ? "div" : "divu"} ${h(a)}: ${cells.join(" ")}`);
    }
  }
  const immNames: Record<string, string> = {
    addiu: "0 1 -1 0x7fff -0x8000",
    slti: "0 1 -1 0x7fff -0x8000",
    sltiu: "0 1 -1 0x7fff -0x8000",
    andi: "0 1 0xffff 0x8000 0x1234",
    ori: "0 1 0xffff 0x8000 0x1234",
    xori: "0 1 0xffff 0x8000 0x1234",
    sll: "0 1 4 16 31",
    srl: "0 1 4 16 31",
    sra: "0 1 4 16 31",
    rotr: "0 1 4 16 31",
  };
  for (const [n, [imms, f]] of Object.entries(immops)) {
    out.push(`${n} [${immNames[n]}]`);
    for (const a of V) out.push(`${n} ${h(a)}: ${imms.map((i) => h(f(a, i))).join(" ")}`);
  }
  out.push("ext [pos,size 0,1 0,32 4,8 31,1 8,24]");
  for (const a of V) out.push(`ext ${h(a)}: ${FIELDS.map(([p, s]) => h(ext(a, p, s))).join(" ")}`);
  out.push("ins [into a5a5a5a5; pos,size 0,1 0,32 4,8 31,1 8,24]");
  for (const a of V) out.push(`ins ${h(a)}: ${FIELDS.map(([p, s]) => h(ins(a, p, s))).join(" ")}`);
  out.push(
    `lui 0 1 0x8000 0xffff 0x1234: ${[0, 1, 0x8000, 0xffff, 0x1234].map((i) => h(i << 16)).join(" ")}`,
  );
  for (const [n, f] of Object.entries(unops)) out.push(`${n}: ${V.map((a) => h(f(a))).join(" ")}`);
  out.push("overflow traps (dest starts as deadbeef):");
  for (const sub of [false, true])
    for (const a of V)
      out.push(`${sub ? "sub" : "add"} ${h(a)}: ${V.map((b) => trapping(a, b, sub)).join(" ")}`);
  for (const [label, i] of [
    ["1", 1],
    ["-1", -1],
    ["0x7fff", 0x7fff],
    ["-0x8000", -0x8000],
  ] as const) {
    for (const a of V)
      out.push(`addi ${label} ${h(a)}: ${V.map(() => trapping(a, i, false)).join(" ")}`);
  }
  const traps = out.filter((l) => l.includes(OV)).reduce((n, l) => n + l.split(OV).length - 1, 0);
  out.push(`exceptions taken: ${traps}`, "done", "");
  return out;
}

describe("alu guest against the MIPS32 instruction definitions", () => {
  it("QEMU's output is what the manual's pseudocode gives, line for line", () => {
    const want = aluLines();
    const got = expected("alu").split("\n");
    for (let i = 0; i < Math.max(want.length, got.length); i++)
      expect(`${i + 1}: ${got[i]}`).toBe(`${i + 1}: ${want[i]}`);
  });
});

// LWL/LWR/SWL/SWR on a little-endian CPU (MIPS32 Vol. II, the byte-selection tables): with
// k = address & 3, LWL fills the k+1 most significant bytes of rt from the k+1 bytes at and
// below the address; LWR fills the 4-k least significant bytes from the bytes at and above it.
function lwl(mem: number[], addr: number, rt: number): number {
  const k = addr & 3;
  const base = addr - k;
  let v = rt;
  for (let i = 0; i <= k; i++) {
    const shift = 8 * (3 - k + i);
    v = (v & ~(0xff << shift)) | (mem[base + i] << shift);
  }
  return u32(v);
}
function lwr(mem: number[], addr: number, rt: number): number {
  const k = addr & 3;
  let v = rt;
  for (let i = 0; i < 4 - k; i++) v = (v & ~(0xff << (8 * i))) | (mem[addr + i] << (8 * i));
  return u32(v);
}
function swl(mem: number[], addr: number, rt: number): void {
  const k = addr & 3;
  for (let i = 0; i <= k; i++) mem[addr - k + i] = (rt >>> (8 * (3 - k + i))) & 0xff;
}
function swr(mem: number[], addr: number, rt: number): void {
  const k = addr & 3;
  for (let i = 0; i < 4 - k; i++) mem[addr + i] = (rt >>> (8 * i)) & 0xff;
}

describe("loadstore guest's unaligned forms against the MIPS32 definitions (little-endian)", () => {
  const text = expected("loadstore");
  const buf = Array.from({ length: 32 }, (_, i) => (0x81 + i * 0x13) & 0xff);
  const bytes = (m: number[]) => m.map((b) => b.toString(16).padStart(2, "0")).join(" ");
  const line = (prefix: string) => text.split("\n").find((l) => l.startsWith(prefix));

  it("lwl and lwr merge the right bytes into a1b2c3d4", () => {
    expect(line("lwl (rt=a1b2c3d4) at buf+8..11:")).toBe(
      `lwl (rt=a1b2c3d4) at buf+8..11: ${[0, 1, 2, 3].map((k) => h(lwl(buf, 8 + k, 0xa1b2c3d4))).join(" ")}`,
    );
    expect(line("lwr (rt=a1b2c3d4) at buf+8..11:")).toBe(
      `lwr (rt=a1b2c3d4) at buf+8..11: ${[0, 1, 2, 3].map((k) => h(lwr(buf, 8 + k, 0xa1b2c3d4))).join(" ")}`,
    );
  });

  it("swl and swr write the right bytes", () => {
    for (let k = 0; k < 4; k++) {
      const l = Array(8).fill(0xee);
      swl(l, k, 0x11223344);
      expect(line(`swl 11223344 at +${k}:`)).toBe(`swl 11223344 at +${k}: ${bytes(l)}`);
      const r = Array(8).fill(0xee);
      swr(r, k, 0x11223344);
      expect(line(`swr 11223344 at +${k}:`)).toBe(`swr 11223344 at +${k}: ${bytes(r)}`);
    }
  });

  it("lwl 3(a) + lwr 0(a) and swl 3(a) + swr 0(a) move an unaligned word", () => {
    const words = [0, 1, 2, 3].map((k) => lwr(buf, k, lwl(buf, k + 3, 0)));
    expect(line("ulw (lwl 3 + lwr 0) at buf+0..3:")).toBe(
      `ulw (lwl 3 + lwr 0) at buf+0..3: ${words.map(h).join(" ")}`,
    );
    for (let k = 0; k < 4; k++) {
      const m = Array(8).fill(0xee);
      swl(m, k + 3, 0xa1b2c3d4);
      swr(m, k, 0xa1b2c3d4);
      expect(line(`usw a1b2c3d4 at +${k}:`)).toBe(`usw a1b2c3d4 at +${k}: ${bytes(m)}`);
    }
  });
});

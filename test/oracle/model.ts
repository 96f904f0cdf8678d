// The instruction oracle's cases, driven by the tables: which instructions the vCPU executes
// (generated INFO), random operands through the generated encoders, inputs mixed with edge
// values, the packed case list the oracle guests read (test/guests/common/oracle-loop.h), and
// the parsing and comparison of what the guests print. Shared by scripts/oracle.ts (which builds
// the guests and captures QEMU's answers) and the tests, which read the cases back out of the
// committed guest so the report always shows the inputs that ran.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { INFO as PPC_INFO } from "../../generated/ppc440/info.ts";
import { INFO as MIPS_INFO } from "../../generated/mips32r2/info.ts";
import { encode as PPC_ENCODE } from "../../generated/ppc440/encode.ts";
import { encode as MIPS_ENCODE } from "../../generated/mips32r2/encode.ts";
import type { InsnInfo } from "../../generated/ppc440/info.ts";
import { decode as PPC_DECODE } from "../../generated/ppc440/decoder.ts";
import { decode as MIPS_DECODE } from "../../generated/mips32r2/decoder.ts";
import { xorshift } from "../support/random.ts";

export type Arch = "ppc" | "mips";
export const ARCHES: readonly Arch[] = ["ppc", "mips"];
const ROOT = join(import.meta.dirname, "../..");
const ISA = { ppc: "ppc440", mips: "mips32r2" } as const;

// Flags of a case (oracle-loop.h).
export const F_MEM = 1;
export const F_TAKEN_A = 2;
export const F_TAKEN_B = 4;
export const F_RESERVE = 8;
export const F_JTARGET = 16;

/** Pseudo register numbers in a case's assignments: 32-35 control words, 36 FPSCR/FCSR. */
export const C0 = 32;
export const FCS = 36;

export interface Case {
  name: string;
  word: number;
  flags: number;
  seed: number;
  /** [register (0-31 GPR, 32-36 control), value] */
  gpr: [number, number][];
  /** [register, high word, low word] */
  fpr: [number, number, number][];
}

/** Instructions the guests leave out, with the reason the report prints. */
export const EXCLUDED: Record<Arch, Record<string, string>> = {
  ppc: {},
  mips: {
    jalx: "QEMU's 24Kf has MIPS16e and would run the target as MIPS16 (qemu-deviations.md MIPS 8)",
    sdbbp:
      "QEMU enters EJTAG debug mode at the boot ROM's debug vector; the runtime has no EJTAG (RI)",
  },
};

interface Operand {
  name: string;
  min: number;
  max: number;
  align: number;
}

/** The operands of every encoder, read from the generated encoder source (its check() calls). */
function encoderOperands(arch: Arch): Map<string, Operand[]> {
  const src = readFileSync(join(ROOT, "generated", ISA[arch], "encode.ts"), "utf8");
  const out = new Map<string, Operand[]>();
  const byFn = new Map<string, Operand[]>();
  let fn = "";
  for (const line of src.split("\n")) {
    const f = /^function (enc_\w+)\(/.exec(line);
    if (f) {
      fn = f[1];
      byFn.set(fn, []);
      continue;
    }
    const c = /^ {2}check\("[^"]*", "(\w+)", o\.\w+, (-?\d+), (-?\d+), (\d+)\)/.exec(line);
    if (c && fn) byFn.get(fn)!.push({ name: c[1], min: +c[2], max: +c[3], align: +c[4] });
  }
  for (const m of src.matchAll(/^ {2}(\w+): (enc_\w+),$/gm)) out.set(m[1], byFn.get(m[2]) ?? []);
  return out;
}

export function infoOf(arch: Arch): readonly InsnInfo[] {
  return (arch === "ppc" ? PPC_INFO : MIPS_INFO) as readonly InsnInfo[];
}

/** Instructions the vCPU executes without trapping to the hypervisor: not privileged, not
 * illegal on the core. */
export function executable(arch: Arch): InsnInfo[] {
  return infoOf(arch).filter((i) => i.id > 0 && !i.privileged && !i.illegalOnCore);
}

// ---- values ---------------------------------------------------------------------------------

const INT_EDGES = [
  0, 1, -1, 0x7fffffff, 0x80000000, 0xffffffff, 2, 0x7fff, 0x8000, 0xffff, 0x10000, 31, 32,
  0x80000001, 0xfffffffe,
];

type Rnd = () => number;

function intValue(r: Rnd): number {
  const k = r() % 10;
  if (k < 3) return INT_EDGES[r() % INT_EDGES.length] | 0;
  if (k < 5) return (r() >>> (r() % 32)) | 0; // any magnitude
  if (k < 6) return -(r() % 64) | 0;
  return r() | 0;
}

// Doubles as [hi, lo]. Edges: ±0, denormals, ±min normal, ±max, ±inf, quiet and signalling NaNs,
// and values that sit on or next to single-precision rounding boundaries.
const F64_EDGES: [number, number][] = [
  [0, 0],
  [0x80000000, 0],
  [0, 1],
  [0x800fffff, 0xffffffff],
  [0x00100000, 0],
  [0x80100000, 0],
  [0x7fefffff, 0xffffffff],
  [0xffefffff, 0xffffffff],
  [0x7ff00000, 0],
  [0xfff00000, 0],
  [0x7ff80000, 0],
  [0xfff80000, 0x12345],
  [0x7ff40000, 0],
  [0x7ff00000, 1],
  [0xfff7ffff, 0xffffffff],
  [0x3ff00000, 0],
  [0xbff00000, 0],
  [0x3fe00000, 0],
  [0x3ff80000, 0],
  [0x40000000, 0],
  [0x3ff00000, 1],
  [0x3ff00000, 0x10000000],
  [0x3ff00000, 0x20000000],
  [0x3ff00000, 0x30000000],
  [0x3ff00001, 0x10000000],
  [0x47efffff, 0xe0000000],
  [0x47efffff, 0xf0000000],
  [0x47f00000, 0],
  [0x36a00000, 0],
  [0x36a00000, 1],
  [0x38100000, 0],
  [0x380fffff, 0xf0000000],
  [0x41dfffff, 0xffc00000],
  [0x41e00000, 0],
  [0xc1e00000, 0],
  [0xc1e00000, 0x00100000],
  [0x41dfffff, 0xffe00000],
  [0x3fe00000, 1],
  [0x43300000, 0],
  [0x43300000, 1],
  [0x7fe00000, 0],
  [0x00080000, 0],
];
const F32_EDGES = [
  0, 0x80000000, 1, 0x807fffff, 0x00800000, 0x80800000, 0x7f7fffff, 0xff7fffff, 0x7f800000,
  0xff800000, 0x7fc00000, 0xffc12345, 0x7fa00000, 0x7f800001, 0x3f800000, 0xbf800000, 0x3f000000,
  0x3fc00000, 0x3f800001, 0x4effffff, 0x4f000000, 0xcf000000, 0xcf000001, 0x3effffff, 0x00000100,
  0x4b000000, 0x4b000001, 0x7fbfffff,
];

function f64(r: Rnd): [number, number] {
  const k = r() % 10;
  if (k < 4) return F64_EDGES[r() % F64_EDGES.length];
  if (k < 7) {
    // a moderate exponent, random fraction (arithmetic that neither overflows nor underflows)
    const e = 1023 - 40 + (r() % 80);
    return [(((r() & 1) << 31) | (e << 20) | (r() & 0xfffff)) >>> 0, r() >>> 0];
  }
  if (k < 8) {
    // exactly a single (mantissa fits in 24 bits), maybe tiny or huge
    const e = 1023 - 150 + (r() % 300);
    return [(((r() & 1) << 31) | (e << 20) | (r() & 0xfffff)) >>> 0, (r() & 0xe0000000) >>> 0];
  }
  return [r() >>> 0, r() >>> 0];
}

function f32(r: Rnd): number {
  const k = r() % 10;
  if (k < 4) return F32_EDGES[r() % F32_EDGES.length] >>> 0;
  if (k < 7) {
    const e = 127 - 20 + (r() % 40);
    return (((r() & 1) << 31) | (e << 23) | (r() & 0x7fffff)) >>> 0;
  }
  if (k < 8) return (r() % 2 ? 0x80000000 : 0) | (r() & 0x7fffff); // denormal
  return r() >>> 0;
}

// ---- case generation --------------------------------------------------------------------------

/** The memory window each case's loads and stores stay in (the guests' WINDOW): ppc below the
 * image (a D-form with RA = 0 reaches it), mips at 48 MB, above the image and its case list
 * (9 MB at 1000 cases per instruction; scripts/oracle.ts checks they stay apart). */
export const WINDOW: Record<Arch, number> = { ppc: 0x7c00, mips: 0x83000000 };
const PPC_WINDOW = WINDOW.ppc;
const MIPS_WINDOW = WINDOW.mips;
export const WINDOW_BYTES = 256;
const GPR_NAMES = new Set(["rt", "ra", "rb", "rs", "rd", "ra0"]);
const FPR_NAMES = new Set(["frt", "fra", "frb", "frc", "fs", "ft", "fd", "fr"]);

class Builder {
  gpr = new Map<number, number>();
  fpr = new Map<number, [number, number]>();
  flags = 0;
  /** the GPR the guest replaces by the taken exit's address (listed first) */
  first: number | undefined;
  constructor(readonly r: Rnd) {}
  setG(reg: number, v: number) {
    this.gpr.set(reg, v | 0);
  }
  g(reg: number): number {
    if (!this.gpr.has(reg)) this.gpr.set(reg, intValue(this.r));
    return this.gpr.get(reg)!;
  }
}

function pick<T>(r: Rnd, xs: readonly T[]): T {
  return xs[r() % xs.length];
}

/** Bytes an access touches (for placing it inside the window). */
function span(info: InsnInfo, o: Record<string, number>, b: Builder, arch: Arch): number {
  if (info.flags.includes("multiple")) return (32 - o.rt) * 4;
  if (info.flags.includes("string")) return 64;
  if (
    info.flags.includes("cache") ||
    info.name === "synci" ||
    info.name === "pref" ||
    info.name === "prefx"
  )
    return arch === "ppc" ? 32 : 16;
  return info.load ?? info.store ?? 4;
  void b;
}

function alignOf(info: InsnInfo, arch: Arch): number {
  const w = info.load ?? info.store ?? 1;
  if (info.flags.includes("reserve") || info.flags.includes("conditional-store")) return 4;
  if (arch === "ppc" && (info.name.startsWith("lmw") || info.name.startsWith("stmw"))) return 4;
  return w;
}

function isMem(info: InsnInfo, arch: Arch): boolean {
  if (info.load || info.store) return true;
  if (arch === "ppc") return info.flags.includes("cache") || info.flags.includes("string");
  return ["synci", "pref", "prefx"].includes(info.name);
}

function genPpc(info: InsnInfo, ops: Operand[], r: Rnd): Case | null {
  const b = new Builder(r);
  const o: Record<string, number> = {};
  const name = info.name;
  for (const op of ops) {
    if (GPR_NAMES.has(op.name) || FPR_NAMES.has(op.name)) o[op.name] = r() % 32;
    else {
      const range = (op.max - op.min) / op.align + 1;
      o[op.name] = op.min + (r() % range) * op.align;
    }
  }
  // control state every PPC case starts from: CR and XER random (SO/OV/CA and the byte count)
  b.setG(C0, r());
  let xer = r() & 0xe0000000;
  xer |= r() % 4 === 0 ? r() % 128 : r() % 65;
  b.setG(C0 + 1, xer);
  const byteCount = xer & 0x7f;
  const mem = isMem(info, "ppc");
  const branch = info.flags.includes("branch");
  if ("si" in o) o.si = r() % 3 === 0 ? pick(r, [0, 1, -1, 0x7fff, -0x8000, -2]) : o.si;
  if ("ui" in o) o.ui = r() % 3 === 0 ? pick(r, [0, 1, 0xffff, 0x8000, 0x7fff]) : o.ui;
  if (name.startsWith("mtocrf") || name.startsWith("mfocrf")) o.fxm = 1 << (r() % 8);
  // reserved fields of the cache hints stay 0 (QEMU raises illegal instruction otherwise)
  if (info.flags.includes("cache")) for (const k of ["ct", "l", "l2", "th"]) if (k in o) o[k] = 0;
  if (name === "mtspr") o.spr = pick(r, [1, 8, 9, 256]);
  if (name === "mfspr") o.spr = pick(r, [1, 8, 9, 256, 260, 261, 262, 263]);
  if (branch) {
    b.setG(C0 + 3, r() % 3 === 0 ? pick(r, [0, 1, 2, 0x80000000]) : intValue(r));
    if (name === "b" || name === "bl") o.li = 8;
    if (name === "ba" || name === "bla") o.li = 0x1000;
    if (name === "bc" || name === "bcl") o.bd = 8;
    if (name === "bca" || name === "bcla") o.bd = 0x1000;
    if (name.startsWith("bclr")) b.flags |= F_TAKEN_A;
    if (name.startsWith("bcctr")) {
      b.flags |= F_TAKEN_B;
      o.bo |= 4; // decrementing CTR with bcctr is an invalid form
    }
    if (!name.startsWith("bclr")) b.setG(C0 + 2, intValue(r));
  }
  if (name === "mtspr" || name === "mfspr") {
    b.setG(C0 + 2, intValue(r));
    b.setG(C0 + 3, intValue(r));
  }
  if (mem) {
    b.flags |= F_MEM;
    // the base register: ra0 ((RA|0) forms) or ra (update and cache forms)
    const bk = "ra0" in o ? "ra0" : "ra";
    const update = info.flags.includes("update");
    const load = !!info.load || name.startsWith("lsw") || name.startsWith("lmw");
    // valid forms: an update needs RA ≠ 0 (and ≠ RT for loads); lmw/lsw must not load RA/RB
    for (let tries = 0; ; tries++) {
      if (tries > 200) return null;
      let bad = false;
      if (update && (o[bk] === 0 || (load && o[bk] === o.rt && !info.flags.includes("fp"))))
        bad = true;
      let regs: number[] = [];
      if (name === "lmw") regs = Array.from({ length: 32 - o.rt }, (_, i) => o.rt + i);
      if (name === "lswi" || name === "lswx") {
        const n = name === "lswi" ? o.nb || 32 : byteCount;
        regs = Array.from({ length: Math.ceil(n / 4) }, (_, i) => (o.rt + i) % 32);
      }
      if (load && regs.length && (regs.includes(o[bk]) || ("rb" in o && regs.includes(o.rb))))
        bad = true;
      if (!bad) break;
      o[bk] = r() % 32;
      if ("rt" in o) o.rt = r() % 32;
      if ("rb" in o) o.rb = r() % 32;
    }
    const sp = name === "lswi" || name === "stswi" ? o.nb || 32 : span(info, o, b, "ppc");
    const al = alignOf(info, "ppc");
    let off = r() % (WINDOW_BYTES - sp + 1);
    // unaligned lwarx/stwcx. are left out: QEMU's stwcx. fails instead of raising alignment
    // (qemu-deviations.md PowerPC 3)
    if (r() % 2 === 0 || al === 4) off -= off % al;
    if (info.flags.includes("reserve") || info.flags.includes("conditional-store")) {
      if (r() % 2 === 0) {
        b.flags |= F_RESERVE;
        if (r() % 4 !== 0) off = 0x40;
      }
    }
    // RB = RA (≠ 0): EA = 2 × (RA), so the offset is even (the access stays in the window)
    const same = "rb" in o && o.rb === o[bk] && o[bk] !== 0;
    if (same) off -= off % 2;
    const ea = PPC_WINDOW + off;
    const base = o[bk] === 0 ? 0 : null;
    if ("d" in o) {
      if (base === 0) o.d = ea;
      else {
        o.d = r() % 3 === 0 ? 0 : (r() % 0x10000) - 0x8000;
        b.setG(o[bk], ea - o.d);
      }
    } else if ("rb" in o) {
      if (base === 0) b.setG(o.rb, ea);
      else if (same) b.setG(o.rb, ea / 2);
      else {
        const a = r() % 3 === 0 ? ea : intValue(r);
        b.setG(o[bk], a);
        b.setG(o.rb, ea - a);
      }
    } else if (base !== 0)
      b.setG(o[bk], ea); // lswi / stswi: EA = (RA|0)
    else return null;
  }
  if (name === "tw" || name === "twi") {
    if (r() % 3 === 0) b.setG(o.rb ?? o.ra, b.g(o.ra));
  }
  // GPR operands not placed above get values
  for (const op of ops) if (GPR_NAMES.has(op.name)) b.g(o[op.name]);
  if (info.flags.includes("fp")) {
    // FPSCR: a rounding mode, sometimes sticky exception bits. No enables: QEMU 7.2 hangs on
    // some enabled exceptions with MSR[FE0/FE1] = 0 (the report lists this gap).
    let fpscr = r() % 4;
    if (r() % 4 === 0) fpscr |= r() & 0x9ff80700;
    b.setG(FCS, fpscr);
    for (const op of ops)
      if (FPR_NAMES.has(op.name) && !b.fpr.has(o[op.name])) b.fpr.set(o[op.name], f64(r));
    if (name.startsWith("mtfsf") && !name.startsWith("mtfsfi"))
      b.fpr.set(o.frb, [r() >>> 0, r() >>> 0]);
  }
  let word: number;
  try {
    word = (PPC_ENCODE as unknown as Record<string, (o: Record<string, number>) => number>)[name](
      o,
    );
  } catch {
    return null;
  }
  // only words the tables define (e.g. BO values objdump and the decoder reject are left out)
  if (PPC_DECODE(word) !== info.id) return null;
  return finish(name, word, b, r);
}

function genMips(info: InsnInfo, ops: Operand[], r: Rnd): Case | null {
  const b = new Builder(r);
  const o: Record<string, number> = {};
  const name = info.name;
  const branch = info.flags.includes("branch") || info.flags.includes("jump");
  // k0/k1 belong to the exception vector; $1 is the delay-slot marker of branches
  const gprPool = Array.from({ length: 32 }, (_, i) => i).filter(
    (i) => i !== 26 && i !== 27 && !(branch && i === 1),
  );
  for (const op of ops) {
    if (GPR_NAMES.has(op.name)) o[op.name] = pick(r, gprPool);
    else if (FPR_NAMES.has(op.name)) o[op.name] = r() % 32;
    else {
      const range = (op.max - op.min) / op.align + 1;
      o[op.name] = op.min + (r() % range) * op.align;
    }
  }
  if ("simm" in o && r() % 3 === 0) o.simm = pick(r, [0, 1, -1, 0x7fff, -0x8000]);
  if ("uimm" in o && r() % 3 === 0) o.uimm = pick(r, [0, 1, 0xffff, 0x8000]);
  if (name === "ext") {
    o.pos = r() % 32;
    o.msbd = r() % (32 - o.pos);
  }
  if (name === "ins") {
    o.pos = r() % 32;
    o.msb = o.pos + (r() % (32 - o.pos));
  }
  if (name === "rdhwr") o.hwr = pick(r, [0, 1, 3, 29]);
  if (name === "cfc1" || name === "ctc1") o.fcr = pick(r, [0, 25, 26, 28, 31, 31, 31]);
  if (/^(mult|madd|msub|mthi|mtlo|mfhi|mflo|div|mul)/.test(name)) {
    b.setG(C0, intValue(r));
    b.setG(C0 + 1, intValue(r));
  }
  if (branch) {
    b.flags |= F_TAKEN_A; // a delay-slot marker after the branch
    if ("off" in o) o.off = 12;
    if ("index" in o) {
      o.index = 0;
      b.flags |= F_JTARGET;
    }
    if (name.startsWith("jr") || name.startsWith("jalr")) {
      b.flags |= F_TAKEN_B;
      b.setG(o.rs, 0); // replaced by the taken exit's address
      b.first = o.rs;
      if ("rd" in o && o.rd === o.rs) o.rd = o.rs === 31 ? 2 : 31;
    }
  }
  if (isMem(info, "mips")) {
    b.flags |= F_MEM;
    while (o.rs === 0) o.rs = pick(r, gprPool);
    const indexed = "rt" in o && !("simm" in o) && (info.flags.includes("fp") || name === "prefx");
    if (indexed) while (o.rt === o.rs) o.rt = pick(r, gprPool);
    const sp = span(info, o, b, "mips");
    const al = alignOf(info, "mips");
    let off = r() % (WINDOW_BYTES - sp + 1);
    if (r() % 2 === 0) off -= off % al;
    if (name === "ll" || name === "sc") {
      if (r() % 2 === 0) {
        b.flags |= F_RESERVE;
        if (r() % 4 !== 0) off = 0x40;
      }
    }
    const ea = MIPS_WINDOW + off;
    if (indexed) {
      const idx = r() % 2 === 0 ? off : intValue(r) & 0xffff;
      b.setG(o.rs, ea - idx);
      b.setG(o.rt, idx);
    } else {
      b.setG(o.rs, ea - (o.simm ?? 0));
    }
  }
  if (info.flags.includes("trap") && "rt" in o && r() % 3 === 0) b.setG(o.rt, b.g(o.rs));
  if (info.flags.includes("trap") && "simm" in o && r() % 3 === 0) b.setG(o.rs, o.simm);
  if (/^(beq|bne)/.test(name) && r() % 3 === 0) b.setG(o.rt, b.g(o.rs));
  for (const op of ops) if (GPR_NAMES.has(op.name)) b.g(o[op.name]);
  if (info.flags.includes("fp") || info.cop === 1) {
    // FCSR: rounding mode, FCCs, sometimes flags, rarely enables (a trap is then reported);
    // Cause stays 0 (ctc1 with an enabled Cause would trap in the harness)
    let fcsr = r() % 4;
    fcsr |= r() & 0xfe800000;
    if (r() % 4 === 0) fcsr |= r() & 0x7c;
    if (r() % 8 === 0) fcsr |= r() & 0xf80;
    if (r() % 16 === 0) fcsr |= 0x01000000; // FS
    b.setG(FCS, fcsr);
    const single = /_s$|_w$|^lwc1|^swc1|^mtc1|^mfc1/.test(name);
    for (const op of ops)
      if (FPR_NAMES.has(op.name) && !b.fpr.has(o[op.name])) {
        if (single || r() % 4 === 0) b.fpr.set(o[op.name], [r() % 2 ? f32(r) : r() >>> 0, f32(r)]);
        else b.fpr.set(o[op.name], f64(r));
      }
  }
  let word: number;
  try {
    word = (MIPS_ENCODE as unknown as Record<string, (o: Record<string, number>) => number>)[name](
      o,
    );
  } catch {
    return null;
  }
  if (MIPS_DECODE(word) !== info.id) return null;
  return finish(name, word, b, r);
}

function finish(name: string, word: number, b: Builder, r: Rnd): Case {
  const gpr = [...b.gpr.entries()];
  // the register the guest replaces by the taken exit must come first (oracle-loop.h `first`)
  if (b.first !== undefined) {
    const i = gpr.findIndex(([reg]) => reg === b.first);
    if (i > 0) gpr.unshift(...gpr.splice(i, 1));
  }
  const fpr = [...b.fpr.entries()].map(
    ([k, [h, l]]) => [k, h >>> 0, l >>> 0] as [number, number, number],
  );
  return { name, word: word >>> 0, flags: b.flags, seed: r() >>> 0, gpr, fpr };
}

/** The cases for one ISA: `perInsn` for every executable instruction not excluded. */
export function generateCases(arch: Arch, perInsn: number, seed: number): Case[] {
  const ops = encoderOperands(arch);
  const cases: Case[] = [];
  for (const info of executable(arch)) {
    if (EXCLUDED[arch][info.name]) continue;
    const r = xorshift((seed ^ Math.imul(info.id, 0x9e3779b1)) >>> 0);
    let n = 0;
    for (let tries = 0; n < perInsn && tries < perInsn * 20; tries++) {
      const c =
        arch === "ppc"
          ? genPpc(info, ops.get(info.name) ?? [], r)
          : genMips(info, ops.get(info.name) ?? [], r);
      if (c) {
        cases.push(c);
        n++;
      }
    }
  }
  return cases;
}

// ---- the packed case list ---------------------------------------------------------------------

const MAGIC = 0x4f52434c; // "ORCL"

export function packCases(cases: Case[]): Buffer {
  const parts: number[] = [];
  const u32 = (v: number) =>
    parts.push((v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
  u32(MAGIC);
  u32(cases.length);
  for (const c of cases) {
    u32(c.word);
    parts.push(c.flags, c.gpr.length | (c.fpr.length << 4));
    u32(c.seed);
    for (const [reg, v] of c.gpr) {
      parts.push(reg);
      u32(v);
    }
    for (const [reg, h, l] of c.fpr) {
      parts.push(reg);
      u32(h);
      u32(l);
    }
  }
  // the instruction names, so that a reader of the guest alone can group its cases
  const names = Buffer.from(cases.map((c) => c.name).join("\n"), "latin1");
  return Buffer.concat([Buffer.from(parts), names, Buffer.from([0])]);
}

/** The case list inside a built oracle guest (found by its magic number). */
export function unpackCases(elf: Uint8Array): Case[] {
  const buf = Buffer.from(elf.buffer, elf.byteOffset, elf.byteLength);
  const at = buf.indexOf(Buffer.from([0x4f, 0x52, 0x43, 0x4c]));
  if (at < 0) throw new Error("no oracle case list in the guest");
  let p = at + 4;
  const n = buf.readUInt32BE(p);
  p += 4;
  const cases: Case[] = [];
  for (let i = 0; i < n; i++) {
    const word = buf.readUInt32BE(p);
    const flags = buf[p + 4];
    const ng = buf[p + 5] & 15;
    const nf = buf[p + 5] >> 4;
    const seed = buf.readUInt32BE(p + 6);
    p += 10;
    const gpr: [number, number][] = [];
    for (let k = 0; k < ng; k++, p += 5) gpr.push([buf[p], buf.readInt32BE(p + 1)]);
    const fpr: [number, number, number][] = [];
    for (let k = 0; k < nf; k++, p += 9)
      fpr.push([buf[p], buf.readUInt32BE(p + 1), buf.readUInt32BE(p + 5)]);
    cases.push({ name: "", word, flags, seed, gpr, fpr });
  }
  const end = buf.indexOf(0, p);
  const names = buf.subarray(p, end).toString("latin1").split("\n");
  names.forEach((nm, i) => (cases[i].name = nm));
  return cases;
}

// ---- output ---------------------------------------------------------------------------------

/** One case's printed line: token → value ("g3" → "0000002a", "T" → ""). */
export type Outcome = Map<string, string>;

export function parseOutput(text: string): Outcome[] {
  const lines = text.split("\n");
  if (!/^oracle \d+$/.test(lines[0]))
    throw new Error(`oracle output starts with ${JSON.stringify(lines[0].slice(0, 60))}`);
  const n = Number(lines[0].slice(7));
  const out: Outcome[] = [];
  for (let i = 1; i <= n && i < lines.length; i++) {
    const m = new Map<string, string>();
    for (const t of lines[i].split(" ")) {
      if (!t) continue;
      const eq = t.indexOf("=");
      if (eq < 0) m.set(t, "");
      else m.set(t.slice(0, eq), t.slice(eq + 1));
    }
    out.push(m);
  }
  return out;
}

/** Register names for the report. */
export function tokenName(arch: Arch, t: string): string {
  const k = t[0];
  const n = parseInt(t.slice(1) || "0", 16);
  if (k === "g") return arch === "ppc" ? `r${n}` : `$${n}`;
  if (k === "f") return `f${n}`;
  if (k === "c") return (arch === "ppc" ? ["cr", "xer", "lr", "ctr"] : ["hi", "lo", "c2", "c3"])[n];
  if (k === "s") return arch === "ppc" ? "fpscr" : "fcsr";
  if (k === "m") return `mem+0x${n.toString(16)}`;
  if (k === "T") return "taken";
  if (k === "e") return `exception`;
  if (k === "r") return arch === "ppc" ? "srr1" : "cause";
  if (k === "q") return arch === "ppc" ? "esr" : "badvaddr";
  if (k === "d") return "dear";
  return t;
}

/** The tokens where two outcomes differ: [token, expected or undefined, actual or undefined]. */
export function diffOutcome(
  exp: Outcome,
  act: Outcome,
): [string, string | undefined, string | undefined][] {
  const keys = new Set([...exp.keys(), ...act.keys()]);
  const d: [string, string | undefined, string | undefined][] = [];
  for (const k of [...keys].sort())
    if (exp.get(k) !== act.get(k)) d.push([k, exp.get(k), act.get(k)]);
  return d;
}

export function describeInputs(arch: Arch, c: Case): string {
  const parts = [`word=${c.word.toString(16).padStart(8, "0")}`];
  for (const [reg, v] of c.gpr) {
    const nm =
      reg < 32
        ? tokenName(arch, `g${reg.toString(16)}`)
        : reg < 36
          ? tokenName(arch, `c${reg - 32}`)
          : tokenName(arch, "s");
    parts.push(`${nm}=${(v >>> 0).toString(16)}`);
  }
  for (const [reg, h, l] of c.fpr)
    parts.push(`f${reg}=${h.toString(16).padStart(8, "0")}${l.toString(16).padStart(8, "0")}`);
  if (c.flags & F_MEM) parts.push(`memseed=${c.seed.toString(16)}`);
  if (c.flags & F_RESERVE) parts.push("reserved");
  return parts.join(" ");
}

/** Input value of a pseudo/GPR register in a case (undefined when the guest's default is used). */
export function inputOf(c: Case, reg: number): number | undefined {
  const e = c.gpr.find(([r]) => r === reg);
  return e ? e[1] >>> 0 : undefined;
}

/** The value of symbol `name` in a 32-bit ELF of either byte order (the oracle slot's address). */
export function elfSymbol(elf: Uint8Array, name: string): number {
  const b = Buffer.from(elf.buffer, elf.byteOffset, elf.byteLength);
  const le = b[5] === 1;
  const u32 = (o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const u16 = (o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const shoff = u32(0x20);
  const shentsize = u16(0x2e);
  const shnum = u16(0x30);
  const sh = (i: number, f: number) => u32(shoff + i * shentsize + f);
  for (let i = 0; i < shnum; i++) {
    if (sh(i, 4) !== 2) continue; // SHT_SYMTAB
    const strtab = sh(sh(i, 24), 16); // sh_link's sh_offset
    for (let o = sh(i, 16); o < sh(i, 16) + sh(i, 20); o += 16) {
      const at = strtab + u32(o);
      if (b.toString("latin1", at, b.indexOf(0, at)) === name) return u32(o + 4);
    }
  }
  throw new Error(`no symbol ${name} in the guest`);
}

export function guestPaths(arch: Arch) {
  const dir = join(ROOT, "test/guests", arch);
  return { dir, elfGz: join(dir, "oracle.elf.gz"), expectedGz: join(dir, "oracle.expected.gz") };
}

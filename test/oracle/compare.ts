// Compares a runtime's oracle output with QEMU's, case by case: what the manual leaves undefined
// is not compared, documented QEMU deviations are checked against the manual's rule instead,
// and the rest must match. Used by oracle.test.ts, deviations.test.ts, mutation.test.ts and
// bench/oracle.ts.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import {
  type Arch,
  type Case,
  type Outcome,
  C0,
  EXCLUDED,
  F_RESERVE,
  FCS,
  describeInputs,
  diffOutcome,
  executable,
  guestPaths,
  inputOf,
  parseOutput,
  tokenName,
  unpackCases,
  WINDOW,
} from "./model.ts";

export interface Guest {
  elf: Buffer;
  cases: Case[];
  expected: Outcome[];
}

export function loadGuest(arch: Arch, dir?: string): Guest {
  const p = guestPaths(arch);
  const elfGz = dir ? `${dir}/oracle.elf.gz` : p.elfGz;
  const expGz = dir ? `${dir}/oracle.expected.gz` : p.expectedGz;
  const elf = gunzipSync(readFileSync(elfGz));
  return {
    elf,
    cases: unpackCases(elf),
    expected: parseOutput(gunzipSync(readFileSync(expGz)).toString("latin1")),
  };
}

/** A QEMU 7.2 deviation (qemu-deviations.md, test/guests/<arch>/README.md): which cases it
 * touches and the manual's rule the runtime's outcome must satisfy there instead. */
export interface Deviation {
  arch: Arch;
  id: string;
  what: string;
  applies(c: Case, qemu: Outcome): boolean;
  /** Whether the runtime's outcome follows the manual. Where the deviation is one bit of a
   * register (FPSCR[FX], FPSCR[C]), that bit is checked against the manual's rule and the rest
   * of the state still against QEMU, which the deviation does not touch. */
  manual(c: Case, actual: Outcome, qemu: Outcome): boolean;
}

const COP2 = new Set([
  "lwc2",
  "ldc2",
  "swc2",
  "sdc2",
  "mfc2",
  "cfc2",
  "mfhc2",
  "mtc2",
  "ctc2",
  "mthc2",
  "bc2f",
  "bc2t",
  "bc2fl",
  "bc2tl",
  "c2",
]);

function defGpr(r: number): number {
  return (Math.imul(r, 0x9e3779b1) ^ 0x5bd1e995) >>> 0;
}
function gprIn(c: Case, r: number, arch: Arch = "ppc"): number {
  if (arch === "mips" && r === 0) return 0;
  return inputOf(c, r) ?? defGpr(r);
}
function value(o: Outcome, key: string, input: number): number {
  const v = o.get(key);
  return v === undefined ? input >>> 0 : parseInt(v, 16) >>> 0;
}

/** The PPC440x5 manual's multiply-accumulate (mac*, nmac*): RT, XER and CR0 after the case. */
export function ppcMac(c: Case): { rt: number; xer: number; cr: number } {
  const w = c.word;
  const rt = (w >>> 21) & 31;
  const a = gprIn(c, (w >>> 16) & 31);
  const b = gprIn(c, (w >>> 11) & 31);
  const xo = (w >>> 1) & 0x1ff;
  const oe = (w >>> 10) & 1;
  const rc = w & 1;
  const name = c.name.replace(/_$/, "");
  const unsigned = /u(o)?$/.test(name) && !name.startsWith("nmac");
  const sat = /hws/.test(name) || /cws/.test(name) || /lws/.test(name);
  const half = (v: number, high: boolean) => {
    const h = high ? v >>> 16 : v & 0xffff;
    return unsigned ? h : (h << 16) >> 16;
  };
  // machhw: high × high; macchw: low(A) × high(B); maclhw: low × low
  const kind = (xo >> 0) & 0x1f; // not used: decided by the name
  void kind;
  const part = name.includes("chw")
    ? [false, true]
    : name.includes("hhw")
      ? [true, true]
      : [false, false];
  const prod = BigInt(half(a, part[0])) * BigInt(half(b, part[1]));
  const acc = BigInt(unsigned ? gprIn(c, rt) >>> 0 : gprIn(c, rt) | 0);
  const temp = name.startsWith("nmac") ? acc - prod : acc + prod;
  let ov: boolean;
  let res: bigint;
  if (unsigned) {
    ov = temp > 0xffffffffn;
    res = sat && ov ? 0xffffffffn : temp & 0xffffffffn;
  } else {
    ov = temp > 0x7fffffffn || temp < -0x80000000n;
    res = sat && ov ? (temp > 0n ? 0x7fffffffn : 0x80000000n) : temp & 0xffffffffn;
  }
  const r = Number(res & 0xffffffffn) >>> 0;
  let xer = (inputOf(c, 33) ?? 0) >>> 0;
  if (oe) xer = ov ? (xer | 0xc0000000) >>> 0 : (xer & ~0x40000000) >>> 0;
  let cr = (inputOf(c, 32) ?? 0) >>> 0;
  if (rc) {
    const s = r | 0;
    const f = (s < 0 ? 8 : s > 0 ? 4 : 2) | (xer >>> 31);
    cr = ((cr & 0x0fffffff) | (f << 28)) >>> 0;
  }
  return { rt: r, xer, cr };
}

function macHolds(c: Case, o: Outcome): boolean {
  const m = ppcMac(c);
  const rt = (c.word >>> 21) & 31;
  return (
    value(o, `g${rt.toString(16)}`, gprIn(c, rt)) === m.rt &&
    value(o, "c1", inputOf(c, 33) ?? 0) === m.xer &&
    value(o, "c0", inputOf(c, 32) ?? 0) === m.cr
  );
}

// ---- PowerPC FPSCR (Book I, chapter 4; bit n is 1 << (31 - n)) --------------------------------
const FX = 0x80000000;
const FEX = 0x40000000;
const VX = 0x20000000;
/** The exception bits: OX UX ZX XX and the invalid-operation bits VXSNAN..VXVC, VXSOFT VXSQRT
 * VXCVI. */
const FP_EXCEPTIONS = 0x1ff80700;
const VX_BITS = 0x01f80700;
const FPRF_C = 0x00010000;

function fpscrIn(c: Case): number {
  return inputOf(c, FCS) ?? 0;
}

/** o with token `key` set to v, or removed when v is the input value (the guest reports only
 * what changed). */
function withValue(o: Outcome, key: string, input: number, v: number): Outcome {
  const out = new Map(o);
  if (v >>> 0 === input >>> 0) out.delete(key);
  else out.set(key, (v >>> 0).toString(16));
  return out;
}

/** o with the FPSCR replaced by s and, for a record form, CR1 recomputed from it. */
function withFpscr(c: Case, o: Outcome, s: number): Outcome {
  let out = withValue(o, "s0", fpscrIn(c), s);
  if (c.word & 1 && !/^(fcmp|mcrfs)/.test(c.name)) {
    const crIn = inputOf(c, C0) ?? 0;
    const cr = value(o, "c0", crIn);
    out = withValue(out, "c0", crIn, ((cr & 0xf0ffffff) | ((s >>> 28) << 24)) >>> 0);
  }
  return out;
}

/** The summary bits VX and FEX recomputed from the exception and enable bits. */
function summarize(s: number): number {
  s &= ~(VX | FEX);
  if (s & VX_BITS) s |= VX;
  if ((s & VX && s & 0x80) || (s >>> 22) & s & 0x78) s |= FEX;
  return s >>> 0;
}

/** mtfsb1 as Book I and the PPC440x5 manual define it: FPSCR[BT] = 1 (FEX and VX cannot be set
 * directly); turning an exception bit on sets FX; NI (bit 29) is an ordinary bit. */
function mtfsb1Manual(c: Case): Outcome {
  const m = (0x80000000 >>> ((c.word >>> 21) & 31)) >>> 0;
  // The guest sets the FPSCR with mtfsf, which computes VX and FEX.
  let s = summarize(fpscrIn(c));
  const sIn = s;
  if (m !== FEX && m !== VX) {
    if (m & FP_EXCEPTIONS && !(sIn & m)) s |= FX;
    s = summarize(s | m);
  }
  return withFpscr(c, new Map(), s);
}

function sameOutcome(a: Outcome, b: Outcome): boolean {
  return diffOutcome(a, b).length === 0;
}

/** The FP instructions whose FPSCR[FX] follows Book I's rule (set only when an exception bit
 * turns from 0 to 1): all but the explicit FPSCR moves, which may write FX themselves. */
function fxByRule(c: Case): boolean {
  return PPC_FP.has(c.name) && !/^mtfs/.test(c.name);
}
const PPC_FP = new Set(
  executable("ppc")
    .filter((i) => i.flags.includes("fp"))
    .map((i) => i.name),
);

function fprToken(_c: Case, r: number): string {
  return `f${r.toString(16)}`;
}

function fprInput(c: Case, r: number): [number, number] | undefined {
  const e = c.fpr.find(([n]) => n === r);
  return e ? [e[1], e[2]] : undefined;
}

// ---- FPSCR[FR]: whether rounding incremented the fraction, from exact values -----------------
const FR = 0x00040000;
const FI = 0x00020000;

/** A finite double's exact value m × 2^e (m signed); undefined for infinities and NaNs. */
function exactOf(hi: number, lo: number): { m: bigint; e: number } | undefined {
  const biased = (hi >>> 20) & 0x7ff;
  if (biased === 0x7ff) return undefined;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo >>> 0);
  if (biased) m |= 1n << 52n;
  return { m: hi >>> 31 ? -m : m, e: Math.max(biased, 1) - 1075 };
}
type Ex = { m: bigint; e: number };
const exAdd = (a: Ex, b: Ex): Ex => {
  const e = Math.min(a.e, b.e);
  return { m: (a.m << BigInt(a.e - e)) + (b.m << BigInt(b.e - e)), e };
};
const exMul = (a: Ex, b: Ex): Ex => ({ m: a.m * b.m, e: a.e + b.e });
const exNeg = (a: Ex): Ex => ({ m: -a.m, e: a.e });
/** Sign of |a| - |b|. */
function cmpAbs(a: Ex, b: Ex): number {
  const e = Math.min(a.e, b.e);
  const x = (a.m < 0n ? -a.m : a.m) << BigInt(a.e - e);
  const y = (b.m < 0n ? -b.m : b.m) << BigInt(b.e - e);
  return x > y ? 1 : x < y ? -1 : 0;
}

/** The instructions whose FR Book I defines: arithmetic, frsp, fctiw[z] (not the estimates). */
const FR_DEFINED = /^(fadds?|fsubs?|fmuls?|fdivs?|fsqrts?|fn?m(add|sub)s?|frsp|fctiwz?)_?$/;

/** Book I's FR for a case: whether QEMU's rounded result (right: only its FR is wrong) is larger
 * in magnitude than the exact result. Undefined where FR is not (no inexact rounding, an
 * overflow, operands that are not finite numbers). */
function frByRule(c: Case, q: Outcome): boolean | undefined {
  const sIn = fpscrIn(c);
  if (!FR_DEFINED.test(c.name) || !(value(q, "s0", sIn) & FI)) return undefined;
  const w = c.word;
  const reg = (sh: number) => {
    const r = (w >>> sh) & 31;
    const i = fprInput(c, r);
    return i && exactOf(i[0], i[1]);
  };
  const t = (w >>> 21) & 31;
  const out = q.get(fprToken(c, t));
  const rb = out ? out.split(":").map((x) => parseInt(x, 16) >>> 0) : fprInput(c, t);
  if (!rb) return undefined;
  const name = c.name.replace(/_$/, "");
  if (name.startsWith("fctiw")) {
    const b = reg(11);
    return b && cmpAbs({ m: BigInt(rb[1] | 0), e: 0 }, b) > 0;
  }
  const r = exactOf(rb[0], rb[1]);
  const [a, b, cc] = [reg(16), reg(11), reg(6)];
  if (!r) return undefined; // an overflow to infinity
  let e: Ex | undefined;
  let got = r;
  if (/^fadd/.test(name)) e = a && b && exAdd(a, b);
  else if (/^fsub/.test(name)) e = a && b && exAdd(a, exNeg(b));
  else if (/^fmul/.test(name)) e = a && cc && exMul(a, cc);
  else if (/^fdiv/.test(name)) {
    // |r| > |a / b|  ⟺  |r × b| > |a|
    if (!a || !b) return undefined;
    got = exMul(r, b);
    e = a;
  } else if (/^fsqrt/.test(name)) {
    if (!b) return undefined;
    got = exMul(r, r);
    e = b;
  } else if (/^fn?m(add|sub)/.test(name)) {
    const p = a && cc && exMul(a, cc);
    e = p && b && exAdd(p, /sub/.test(name) ? exNeg(b) : b);
  } else e = b; // frsp
  if (!e) return undefined;
  // An overflow to the largest finite number (|exact| beyond it): FR is not a rounding's.
  const single = /s$/.test(name) || name === "frsp";
  const max = single ? exactOf(0x47efffff, 0xe0000000)! : exactOf(0x7fefffff, 0xffffffff)!;
  if (cmpAbs(r, max) === 0 && cmpAbs(e, max) > 0) return undefined;
  return cmpAbs(got, e) > 0;
}

/** QEMU's FPSCR for a case with the bits it gets wrong (FX re-set, FR never set) replaced by
 * Book I's rules. */
function fpscrByRule(c: Case, q: Outcome): number {
  const sIn = fpscrIn(c);
  let s = value(q, "s0", sIn);
  if (fxByRule(c) && !(sIn & FX) && (s & ~sIn & FP_EXCEPTIONS) === 0) s &= ~FX;
  const fr = frByRule(c, q);
  if (fr !== undefined) s = fr ? s | FR : s & ~FR;
  return s >>> 0;
}

function mipsEa(c: Case): number {
  const base = (c.word >>> 21) & 31;
  return (gprIn(c, base, "mips") + ((c.word << 16) >> 16)) >>> 0;
}

/** In order: a case is checked under the first that applies, so the instruction-specific ones
 * come before the FPSCR bits any FP instruction can show (12, 15), which they also apply. */
export const DEVIATIONS: Deviation[] = [
  {
    arch: "ppc",
    id: "PowerPC 6",
    what: "multiply-accumulate family: modulo forms without OE never write RT, signed overflow test inverted",
    applies: (c, q) => /^n?mac/.test(c.name) && !macHolds(c, q),
    manual: (c, a) => macHolds(c, a),
  },
  {
    arch: "ppc",
    id: "PowerPC 10",
    what: "mtfsb1 of an exception bit does not set FX, and mtfsb1 29 (NI) is ignored",
    applies: (c, q) => /^mtfsb1/.test(c.name) && !sameOutcome(mtfsb1Manual(c), q),
    manual: (c, a) => sameOutcome(mtfsb1Manual(c), a),
  },
  {
    arch: "ppc",
    id: "PowerPC 11",
    what: "fcmpo of an unordered pair sets FPRF[C] (the manual alters only FPCC of FPRF)",
    applies: (c, q) =>
      c.name === "fcmpo" && ((value(q, "s0", fpscrIn(c)) ^ fpscrIn(c)) & FPRF_C) !== 0,
    // C as it was; FX by Book I's rule too (QEMU also sets FX again when VXVC was already set,
    // deviation 12, seen together with this one in the 1000-case sweep)
    manual: (c, a, q) => {
      const qs = fpscrByRule(c, q);
      const keep = (qs & ~FPRF_C) | (fpscrIn(c) & FPRF_C);
      return sameOutcome(withValue(q, "s0", fpscrIn(c), keep), a);
    },
  },
  {
    arch: "ppc",
    id: "PowerPC 13",
    what: "fres of ±0 gives ±1/2 (Book I: ±infinity, with ZX)",
    applies: (c) => {
      const b = fprInput(c, (c.word >>> 11) & 31);
      // (bit 15 set is an invalid form on the 440: an illegal-instruction interrupt on both)
      const validForm = ((c.word >>> 16) & 1) === 0;
      return (
        /^fres/.test(c.name) &&
        validForm &&
        b !== undefined &&
        (b[0] & 0x7fffffff) === 0 &&
        b[1] === 0
      );
    },
    manual: (c, a, q) => {
      const neg = fprInput(c, (c.word >>> 11) & 31)![0] >>> 31;
      const t = fprToken(c, (c.word >>> 21) & 31);
      const want = new Map(q);
      want.set(t, `${neg ? "fff00000" : "7ff00000"}:0`);
      // FPRF: -infinity 0b01001, +infinity 0b00101 (Book I table 4-2); FX by Book I's rule
      // (deviation 12 can come with this one: ZX already set, QEMU sets FX again)
      const s = (fpscrByRule(c, q) & ~0x1f000) | ((neg ? 0x09 : 0x05) << 12);
      return sameOutcome(withFpscr(c, want, s), a);
    },
  },
  {
    arch: "ppc",
    id: "PowerPC 14",
    what: "fres/frsqrte with reserved bit 15 set raise an Illegal Instruction interrupt (PPC440x5 manual 9.2: the core executes invalid forms without one)",
    applies: (c) => /^(fres|frsqrte)/.test(c.name) && ((c.word >>> 16) & 1) === 1,
    // The form's result is architecturally undefined: only that it executed is checked (no
    // interrupt, nothing written beyond FRT, the FPSCR and CR1).
    manual: (c, a) => {
      const t = fprToken(c, (c.word >>> 21) & 31);
      return [...a.keys()].every((k) => k === t || k === "s0" || k === "c0");
    },
  },
  {
    arch: "ppc",
    id: "PowerPC 12",
    what: "FX set again by an exception whose sticky bit was already 1",
    applies: (c, q) => {
      const sIn = fpscrIn(c);
      const qs = value(q, "s0", sIn);
      return fxByRule(c) && !(sIn & FX) && (qs & FX) !== 0 && (qs & ~sIn & FP_EXCEPTIONS) === 0;
    },
    // Book I: FX stays 0 when no exception bit turned on; the rest as QEMU (FR by its rule too).
    manual: (c, a, q) => sameOutcome(withFpscr(c, q, fpscrByRule(c, q)), a),
  },
  {
    arch: "ppc",
    id: "PowerPC 15",
    what: "FR is never set (Book I: the last rounding incremented the fraction)",
    applies: (c, q) => frByRule(c, q) !== undefined,
    // FR from the exact result against QEMU's (correct) rounded one; the rest as QEMU.
    manual: (c, a, q) => sameOutcome(withFpscr(c, q, fpscrByRule(c, q)), a),
  },
  {
    arch: "mips",
    id: "MIPS 2",
    what: "COP2 instructions raise Reserved Instruction instead of Coprocessor Unusable (CE = 2)",
    applies: (c) => COP2.has(c.name),
    manual: (_c, a) => a.has("eb") && (parseInt(a.get("rb")!, 16) & 0x3000007c) === 0x2000002c,
  },
  {
    arch: "mips",
    id: "MIPS 3",
    what: "an unaligned sc fails instead of raising AdES",
    applies: (c) => c.name === "sc" && (mipsEa(c) & 3) !== 0,
    manual: (c, a) => a.has("e5") && a.get("q5") === mipsEa(c).toString(16),
  },
  {
    arch: "mips",
    id: "MIPS 11",
    what: "COP1 words with reserved function/format fields (the tables' c1) do not raise Reserved Instruction",
    applies: (c, q) => c.name === "c1" && !q.has("ea"),
    manual: (_c, a) => a.has("ea"),
  },
];

/** What the manual leaves undefined: tokens not compared for a case. */
function undefinedParts(arch: Arch, c: Case, o: Outcome): Outcome {
  const out = new Map(o);
  if (arch === "ppc" && /^divw/.test(c.name)) {
    const a = gprIn(c, (c.word >>> 16) & 31) | 0;
    const b = gprIn(c, (c.word >>> 11) & 31) | 0;
    const signed = !c.name.startsWith("divwu");
    if (b === 0 || (signed && a === -0x80000000 && b === -1)) {
      // PPC440x5 manual, divw/divwu: RT and CR0[LT,GT,EQ] are undefined
      out.delete(`g${((c.word >>> 21) & 31).toString(16)}`);
      const cr = value(o, "c0", inputOf(c, 32) ?? 0);
      out.set("c0", ((cr & 0x1fffffff) >>> 0).toString(16));
    }
  }
  if (arch === "ppc" && c.name === "stwcx_" && c.flags & F_RESERVE) {
    const ra = (c.word >>> 16) & 31;
    const ea = ((ra ? gprIn(c, ra) : 0) + gprIn(c, (c.word >>> 11) & 31)) >>> 0;
    if (ea !== 0x7c40) {
      // Book E stwcx.: whether it stores when the reservation is for another address is
      // implementation-dependent (QEMU fails it)
      const cr = value(o, "c0", inputOf(c, 32) ?? 0);
      out.set("c0", ((cr & 0x1fffffff) >>> 0).toString(16));
      for (const k of [...out.keys()]) if (k[0] === "m") out.delete(k);
    }
  }
  if (arch === "ppc" && c.name === "mtspr" && ((c.word >>> 11) & 0x3ff) === 1 << 5) {
    // mtspr XER: bits 3:24 are reserved (PPC440x5 manual, XER), and IBM's 4xx manuals define a
    // reserved field as "written as zero and read as undefined" (PPC405 and A2 manuals'
    // register summaries): QEMU keeps what is written there, the runtime reads 0
    const xer = value(o, "c1", inputOf(c, C0 + 1) ?? 0) & ~0x1fffff80;
    out.set("c1", (xer >>> 0).toString(16));
  }
  if (arch === "ppc" && /^mffs/.test(c.name)) {
    // Book I mffs: FRT[32:63] = FPSCR, FRT[0:31] undefined
    const frt = (c.word >>> 21) & 31;
    const t = `f${frt.toString(16)}`;
    const v = out.get(t);
    const lo = v !== undefined ? v.split(":")[1] : fprInput(c, frt)?.[1].toString(16);
    if (lo !== undefined) out.set(t, `(undefined):${lo}`);
  }
  if (arch === "mips" && /^div/.test(c.name)) {
    // MIPS32 div/divu by zero: HI and LO are UNPREDICTABLE
    if (gprIn(c, (c.word >>> 16) & 31, "mips") === 0) {
      out.delete("c0");
      out.delete("c1");
    }
  }
  if (
    arch === "mips" &&
    c.name === "sc" &&
    c.flags & F_RESERVE &&
    mipsEa(c) !== (WINDOW.mips + 0x40) >>> 0
  ) {
    // MIPS32 sc: after an ll to another address the outcome is UNPREDICTABLE
    out.delete(`g${((c.word >>> 16) & 31).toString(16)}`);
    for (const k of [...out.keys()]) if (k[0] === "m") out.delete(k);
  }
  return out;
}

export interface Mismatch {
  index: number;
  c: Case;
  diffs: [string, string | undefined, string | undefined][];
}

export interface Report {
  arch: Arch;
  executable: number;
  covered: string[];
  casesPer: Map<string, number>;
  mismatches: Map<string, Mismatch[]>;
  deviations: Map<string, { c: Case; actual: Outcome; holds: boolean }[]>;
  missing: number;
}

export function compare(arch: Arch, g: Guest, actualText: string): Report {
  const actual = parseOutput(actualText);
  const casesPer = new Map<string, number>();
  const mismatches = new Map<string, Mismatch[]>();
  const deviations = new Map<string, { c: Case; actual: Outcome; holds: boolean }[]>();
  let missing = 0;
  g.cases.forEach((c, i) => {
    casesPer.set(c.name, (casesPer.get(c.name) ?? 0) + 1);
    const q = g.expected[i];
    const a = actual[i];
    if (!a || !q) {
      missing++;
      return;
    }
    const dev = DEVIATIONS.find((d) => d.arch === arch && d.applies(c, q));
    if (dev) {
      const list = deviations.get(dev.id) ?? [];
      list.push({ c, actual: a, holds: dev.manual(c, a, q) });
      deviations.set(dev.id, list);
      return;
    }
    const diffs = diffOutcome(undefinedParts(arch, c, q), undefinedParts(arch, c, a));
    if (diffs.length) {
      const list = mismatches.get(c.name) ?? [];
      list.push({ index: i, c, diffs });
      mismatches.set(c.name, list);
    }
  });
  return {
    arch,
    executable: executable(arch).length,
    covered: [...casesPer.keys()],
    casesPer,
    mismatches,
    deviations,
    missing,
  };
}

export function formatTable(reports: Report[], engine: string): string {
  const lines = [
    `instruction oracle (engine ${engine}): covered / executable, cases per instruction, mismatches`,
  ];
  for (const r of reports) {
    const counts = [...r.casesPer.values()];
    const mm = [...r.mismatches.values()].reduce((s, l) => s + l.length, 0);
    const dv = [...r.deviations.values()].reduce((s, l) => s + l.length, 0);
    const excl = Object.keys(EXCLUDED[r.arch]);
    lines.push(
      `  ${r.arch.padEnd(5)} ${r.covered.length} / ${r.executable} instructions` +
        `${excl.length ? ` (left out: ${excl.join(", ")})` : ""}, ${Math.min(...counts)}-${Math.max(...counts)} cases each` +
        ` (${counts.reduce((s, n) => s + n, 0)} total), ${mm} mismatches in ${r.mismatches.size} instructions,` +
        ` ${dv} cases under documented QEMU deviations (${[...r.deviations.keys()].join(", ") || "none"})`,
    );
  }
  return lines.join("\n");
}

export function formatMismatches(r: Report, perInsn = 3): string {
  const out: string[] = [];
  for (const [name, list] of r.mismatches) {
    out.push(`${r.arch} ${name}: ${list.length} mismatching cases`);
    for (const m of list.slice(0, perInsn)) {
      out.push(`  case ${m.index}: ${describeInputs(r.arch, m.c)}`);
      for (const [k, e, a] of m.diffs)
        out.push(
          `    ${tokenName(r.arch, k).padEnd(10)} expected ${e ?? "(unchanged)"}  actual ${a ?? "(unchanged)"}`,
        );
    }
  }
  return out.join("\n");
}

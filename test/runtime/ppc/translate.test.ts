// The block translator (runtime/ppc/translate.ts) against the interpreter (Ppc440Machine.run), in
// lockstep. Random programs built with the generated encoders (every instruction of the vCPU
// role, loads and stores that fault or hit MMIO, taken and untaken branches, loops, stores into
// the program's own code) run from the same state on two machines, one per engine; after every
// run call (random instruction limits, so blocks that do not fit are left to the interpreter) and
// after every exit the whole guest state must be identical: registers, pc, instruction count, the
// exit and its fields, RAM and the MMIO accesses. A small hypervisor stands in for kvm: it skips
// an instruction that exits (as an emulation or a fault handler would), re-runs an access to the
// MMIO page the way kvm does (one interpreted instruction with the page routed to the bus), and
// ends the program at `b .` or a fetch outside the code.
//
// Then the same on the full hypervisor: fuzzed guests (test/runtime/ppc/fuzz.test.ts's kind:
// privileged instructions, interrupts, TLB writes mid-run) give the same result and state under
// both engines.
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import {
  decode,
  encode,
  EncodeError,
  execVcpu,
  INFO,
  operands,
  ROLE_FPU,
  ROLE_VCPU,
  ROLES,
  type InsnInfo,
} from "../../../generated/ppc440/index.ts";
import { Exit, Ppc440Machine } from "../../../runtime/ppc/machine.ts";
import { exitChecked, Ppc440Translator } from "../../../runtime/ppc/translate.ts";
import type { TranslatorTuning } from "../../../runtime/core/block-cache.ts";
import { GuestMemory } from "../../../runtime/vmm/memory.ts";
import { FUZZ_BASE, FUZZ_WORDS, fuzzedBamboo } from "../../support/ppc-fuzz.ts";
import { xorshift } from "../../support/random.ts";

const RAM = 0x10000;
/** Two code pages (read, write, execute), a data page, the MMIO page, an unmapped page. */
const CODE = 0x0000;
const DATA = 0x4000;
const MMIO = 0x6000;
const UNMAPPED = 0x8000;
const CODE_WORDS = 0x2000 / 4;

type Rnd = () => number;
const enc = encode as unknown as Record<string, (o: Record<string, number>) => number>;
const opsOf = operands as unknown as Record<string, (w: number) => Record<string, number>>;

/** Encodes variant `info` with operands from `pick` (name → value); fields out of range are
 *  drawn again inside the range the encoder reports. */
function encodeWith(info: InsnInfo, rnd: Rnd, fixed: Record<string, number> = {}): number {
  const o: Record<string, number> = {};
  for (const name of Object.keys(opsOf[`${info.entry}Operands`](info.match))) {
    o[name] = name in fixed ? fixed[name] : rnd() & 31;
  }
  for (let tries = 0; ; tries++) {
    try {
      return enc[info.name](o) | 0;
    } catch (e) {
      if (!(e instanceof EncodeError) || tries > 20) throw e;
      const span = Math.floor((e.max - e.min) / e.align) + 1;
      o[e.operand] = e.min + e.align * (rnd() % span);
    }
  }
}

const byName = (name: string) => INFO.find((i) => i.name === name)!;
const VCPU = INFO.filter((i) => ROLES[i.id] & ROLE_VCPU);
const isMem = (i: InsnInfo) => i.load !== undefined || i.store !== undefined || i.entry === "dcbz";
const isBranch = (i: InsnInfo) => i.flags.includes("branch");
const ALU = VCPU.filter((i) => !isMem(i) && !isBranch(i) && i.entry !== "sc");
const MEM = VCPU.filter(isMem);
const FP = INFO.filter((i) => ROLES[i.id] & ROLE_FPU);
const SPRS = [1, 8, 9, 256, 259, 260, 268, 269, 22, 272, 1023];

/** `rt` ← a 32-bit constant (lis; ori). */
function loadConst(rt: number, v: number): number[] {
  return [enc.addis({ rt, ra: 0, si: (v >> 16) | 0 }), enc.ori({ rs: rt, ra: rt, ui: v & 0xffff })];
}

/** A random program of about `n` instructions for the code pages. */
function program(seed: number, n: number): Uint32Array {
  const rnd = xorshift(seed);
  const code: number[] = [];
  const at = () => CODE + 4 * code.length;
  const reg = () => 2 + (rnd() % 30); // never r0 as a base (it reads as 0)
  while (code.length < n) {
    const r = rnd() % 100;
    if (r < 45) {
      code.push(encodeWith(ALU[rnd() % ALU.length], rnd));
    } else if (r < 50) {
      // SPRs the vCPU holds and some it does not (privileged: Program exit), the timebase.
      const spr = rnd() % 3 === 0 ? 268 : SPRS[rnd() % SPRS.length]; // 268: TBL, read often
      code.push(
        rnd() & 1 ? enc.mfspr({ rt: rnd() & 31, spr }) : enc.mtspr({ rt: rnd() & 31, spr }),
      );
    } else if (r < 72) {
      // A load or store through a base set just before: mostly the data page, sometimes the
      // unmapped page (DTLB exit), the MMIO page, or the code itself (self-modifying code).
      const info = MEM[rnd() % MEM.length];
      const base = reg();
      const which = rnd() % 10;
      const page = which < 6 ? DATA : which < 7 ? UNMAPPED : which < 8 ? MMIO : CODE;
      let addr = page + 0x100 + (rnd() % 0xe00);
      if (page === CODE) addr = at() + 8 * 4 + 4 * (rnd() % 12); // a few instructions ahead
      if (rnd() % 4 !== 0) addr &= ~3;
      const index = reg();
      const fixed: Record<string, number> = { ra: base, ra0: base, d: 0, rb: index };
      code.push(...loadConst(base, addr), ...loadConst(index, rnd() % 3 === 0 ? 4 : 0));
      if (page === CODE && info.store !== undefined) {
        // Store an instruction (addi rX, rX, k) over the code ahead.
        const val = reg();
        fixed.rt = fixed.rs = val;
        code.push(
          ...loadConst(val, enc.addi({ rt: rnd() & 31, ra: rnd() & 31, si: rnd() & 0x7fff })),
        );
      }
      code.push(encodeWith(info, rnd, fixed));
    } else if (r < 84) {
      // A conditional branch forward or back by a little (loops end when the budget does).
      const back = rnd() % 4 === 0;
      const bd = back ? -4 * (1 + (rnd() % 12)) : 4 * (1 + (rnd() % 12));
      if (at() + bd < CODE) continue;
      code.push(enc.bc({ bo: [4, 12, 16, 18, 0, 2, 8, 10][rnd() % 8], bi: rnd() & 31, bd }));
    } else if (r < 88) {
      // A counted loop: li; mtctr; body; bdnz.
      const cnt = reg();
      code.push(enc.addi({ rt: cnt, ra: 0, si: 1 + (rnd() % 6) }), enc.mtspr({ rt: cnt, spr: 9 }));
      const top = code.length;
      for (let k = 1 + (rnd() % 5); k > 0; k--) code.push(encodeWith(ALU[rnd() % ALU.length], rnd));
      code.push(enc.bc({ bo: 16, bi: 0, bd: 4 * (top - code.length) }));
    } else if (r < 92) {
      // A call and an indirect branch to a code address (or elsewhere: ITLB exit).
      const target = rnd() % 8 === 0 ? UNMAPPED : CODE + 4 * (code.length + 2 + (rnd() % 6));
      const t = reg();
      code.push(...loadConst(t, target), enc.mtspr({ rt: t, spr: rnd() & 1 ? 8 : 9 }));
      const bo = [20, 12, 4][rnd() % 3];
      const info = byName(["bclr", "bclrl", "bcctr", "bcctrl"][rnd() % 4]);
      code.push(encodeWith(info, rnd, { bo, bh: 0 }));
    } else if (r < 95) {
      code.push(enc.b({ li: 4 * (1 + (rnd() % 8)) }));
    } else if (r < 97) {
      code.push(enc.bl({ li: 4 * (1 + (rnd() % 8)) }));
    } else if (r < 98) {
      code.push(encodeWith(FP[rnd() % FP.length], rnd)); // MSR[FP] = 0: an Fpu exit
    } else {
      code.push(rnd() | 0); // any word: privileged, illegal, or anything else
    }
  }
  code.length = Math.min(code.length, CODE_WORDS - 1);
  code.push(enc.b({ li: 0 })); // b .
  return Uint32Array.from(code, (w) => w >>> 0);
}

interface Side {
  m: Ppc440Machine;
  t: Ppc440Translator | undefined;
  u8: Uint8Array;
  mmio: string[];
}

function side(code: Uint32Array, seed: number, translate: TranslatorTuning | undefined): Side {
  const memory = new GuestMemory(false);
  const slot = memory.addRam({ base: 0, size: RAM, name: "ram" });
  for (let i = 0; i < code.length; i++) slot.view.setUint32(CODE + 4 * i, code[i]);
  const rnd = xorshift(seed ^ 0x5bd1e995);
  for (let a = DATA; a < DATA + 0x1000; a += 4) slot.view.setUint32(a, rnd());
  const m = new Ppc440Machine(memory);
  m.shadowFill(0, 0, true, true, true);
  m.shadowFill(1, 1 << 12, true, true, true);
  m.shadowFill(DATA >>> 12, DATA, true, true, false);
  for (let r = 0; r < 32; r++) m.gpr[r] = rnd();
  m.cr = rnd() | 0;
  m.xer = rnd() & 0xe000007f;
  m.lr = rnd() & ~3;
  m.ctr = rnd() | 0;
  m.pc = CODE;
  const s: Side = { m, t: translate && new Ppc440Translator(m, translate), u8: slot.u8, mmio: [] };
  let reads = 0;
  m.onMmio = (pa, width, isWrite, value) => {
    s.mmio.push(
      `${isWrite ? "w" : "r"}${width} ${pa.toString(16)} ${value.toString(16)} @${m.pc.toString(16)}`,
    );
    return isWrite ? 0 : (Math.imul(++reads, 0x9e3779b1) >>> (32 - 8 * width)) >>> 0;
  };
  return s;
}

function run(s: Side, limit: number): Exit {
  return s.t ? s.t.run(limit) : s.m.run(limit);
}

/** What kvm would do with an exit, enough to go on: true when the program is over. */
function handle(s: Side, code: Exit): boolean {
  const m = s.m;
  switch (code) {
    case Exit.None:
      return false;
    case Exit.Spin:
    case Exit.Itlb:
      return true;
    case Exit.Dtlb:
      if (m.exitEa >>> 12 === MMIO >>> 12) {
        m.mmioVpn = MMIO >>> 12;
        m.mmioPage = 0xef600000;
        const again = m.run(m.icount + 1);
        m.mmioVpn = -1;
        if (again !== Exit.None) return handle(s, again);
        return false;
      }
      m.retire(m.pc + 4);
      return false;
    default:
      m.retire(m.pc + 4);
      return false;
  }
}

function state(s: Side, code: Exit) {
  const m = s.m;
  return {
    code,
    gpr: Array.from(m.gpr),
    cr: m.cr,
    xer: m.xer,
    lr: m.lr,
    ctr: m.ctr,
    pc: m.pc,
    npc: m.npc,
    icount: m.icount,
    usprg0: m.usprg0,
    reserve: [m.reserveValid, m.reserveEa],
    exit: code === Exit.None ? [] : [m.exitWord, m.exitEa, m.exitWrite, m.exitEsr, m.exitName],
    mmio: s.mmio.length,
  };
}

function sameRam(a: Side, b: Side): string | undefined {
  for (let i = 0; i < RAM; i++)
    if (a.u8[i] !== b.u8[i]) return `RAM differs at ${i.toString(16)}: ${a.u8[i]} vs ${b.u8[i]}`;
  return undefined;
}

/** Records the state after every block the translator of `s` runs. */
function watchBlocks(s: Side): ReturnType<typeof state>[] {
  const seen: ReturnType<typeof state>[] = [];
  const t = s.t!;
  const translate = t.translate.bind(t);
  t.translate = (off, vpc, inline) => {
    const block = translate(off, vpc, inline);
    if (block) {
      const run = block.run;
      (block as { run: typeof run }).run = (h, limit) => {
        const code = run(h, limit);
        seen.push(state(s, code));
        return code;
      };
    }
    return block;
  };
  return seen;
}

/** Runs one program in lockstep; returns the block figures of the translating side. */
function lockstep(seed: number, n: number, tr: TranslatorTuning, slices: Rnd) {
  const code = program(seed, n);
  const a = side(code, seed, undefined);
  const b = side(code, seed, tr);
  const blocks = watchBlocks(b);
  for (let step = 0; step < 3000; step++) {
    const limit = a.m.icount + 1 + (slices() % 200);
    blocks.length = 0;
    const cb = run(b, limit);
    // The interpreter catches up block by block: the same state at each block's end.
    for (const [i, after] of blocks.entries()) {
      if (after.code !== Exit.None) break;
      expect(run(a, after.icount), `seed ${seed}, step ${step}, block ${i}`).toBe(Exit.None);
      expect(after, `seed ${seed}, step ${step}, block ${i}`).toEqual(state(a, Exit.None));
    }
    const ca = run(a, limit);
    expect(state(b, cb), `seed ${seed}, step ${step}`).toEqual(state(a, ca));
    expect(b.mmio).toEqual(a.mmio);
    expect(sameRam(a, b)).toBeUndefined();
    const endA = handle(a, ca);
    const endB = handle(b, cb);
    expect(state(b, cb), `seed ${seed}, step ${step}, after the exit`).toEqual(state(a, ca));
    expect(endB).toBe(endA);
    if (endA || a.m.icount > 6_000) break;
  }
  return b.t!.stats;
}

/** A turn of the event loop, so that the worker answers vitest between long synchronous tests. */
beforeEach(() => new Promise<void>((resolve) => setImmediate(resolve)));

describe("block translator in lockstep with the interpreter", () => {
  it("instructions it runs without looking at exitCode never leave (random operands)", () => {
    const rnd = xorshift(0x1234);
    const memory = new GuestMemory(false);
    memory.addRam({ base: 0, size: RAM, name: "ram" });
    const m = new Ppc440Machine(memory);
    m.shadowFill(0, 0, true, true, true);
    const plain = VCPU.filter((i) => !exitChecked(i.id));
    expect(plain.length).toBeGreaterThan(50);
    for (const info of plain) {
      for (let k = 0; k < 200; k++) {
        const w = info.match | (rnd() & ~info.mask) | 0;
        if (decode(w) !== info.id) continue;
        for (let r = 0; r < 32; r++) m.gpr[r] = rnd();
        m.xer = rnd() & 0xe000007f;
        m.cr = rnd() | 0;
        m.exitCode = Exit.None;
        execVcpu(m, info.id, w, () => {});
        expect(m.exitCode, `${info.name} ${(w >>> 0).toString(16)}`).toBe(Exit.None);
      }
    }
  });

  // One test per translator tuning, each after a turn of the event loop (beforeEach below): a
  // worker kept busy for a minute by synchronous tests fails vitest's RPC with a timeout.
  it.each<[string, TranslatorTuning]>([
    ["every start at once", { hotThreshold: 1, stages: 1, pageHot: 0 }],
    ["mixed with the interpreter", { hotThreshold: 2, stages: 2, pageHot: 1 }],
    ["handlers' text inlined", { hotThreshold: 1, stages: 1, pageHot: 0, inlineAfter: 0 }],
    ["rebuilt inlined mid-run", { hotThreshold: 2, stages: 2, pageHot: 1, inlineAfter: 40 }],
  ])("random programs, %s: same state after every run and every exit", (_, tr) => {
    let translated = 0,
      hits = 0,
      invalidated = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 0x7fffffff }), (seed) => {
        const s = lockstep(seed, 400, tr, xorshift(seed * 31 + 7));
        translated += s.translated;
        hits += s.hits;
        invalidated += s.invalidated;
      }),
      { seed: 0x440, numRuns: 12 },
    );
    // The programs did reach the translator's paths: blocks, links, self-modifying stores.
    expect(translated).toBeGreaterThan(100);
    expect(hits).toBeGreaterThan(translated);
    expect(invalidated).toBeGreaterThan(0);
  });

  it("a store into the running block's page takes effect at the next instruction", () => {
    // addi r3,r3,1 is overwritten by the stw before it runs: the new word (addi r3,r3,100)
    // must run, in both engines, on every pass of the loop.
    const newWord = enc.addi({ rt: 3, ra: 3, si: 100 });
    const words = [
      ...loadConst(4, newWord),
      enc.addi({ rt: 5, ra: 0, si: 3 }),
      enc.mtspr({ rt: 5, spr: 9 }),
      enc.addi({ rt: 6, ra: 0, si: CODE + 4 * 7 }), // address of the patched word
      enc.stw({ rt: 4, ra0: 6, d: 0 }),
      enc.addi({ rt: 3, ra: 3, si: 1 }), // [6] padding
      enc.addi({ rt: 3, ra: 3, si: 1 }), // [7] patched
      enc.bc({ bo: 16, bi: 0, bd: -12 }), // bdnz back to the stw
      enc.b({ li: 0 }),
    ];
    const code = Uint32Array.from(words, (w) => w >>> 0);
    for (const tr of [
      undefined,
      { hotThreshold: 1, stages: 1, pageHot: 0 },
      { hotThreshold: 1, stages: 1, pageHot: 0, inlineAfter: 0 },
    ]) {
      const s = side(code, 1, tr);
      s.m.gpr[3] = 0;
      // Run twice: the second time the loop's block exists already.
      for (let pass = 0; pass < 2; pass++) {
        if (pass === 1) {
          s.m.pc = CODE;
          s.m.gpr[3] = 0;
          s.m.view.setUint32(CODE + 4 * 7, enc.addi({ rt: 3, ra: 3, si: 1 }));
          s.m.invalidateCode(CODE + 4 * 7, 4);
        }
        const code2 = run(s, s.m.icount + 1000);
        expect(code2).toBe(Exit.Spin);
        expect(s.m.gpr[3]).toBe(3 * 101);
      }
    }
  });

  it("enters a block only when it fits before the limit, and never runs past it", () => {
    const code = program(99, 300);
    const a = side(code, 99, undefined);
    const b = side(code, 99, { hotThreshold: 1, stages: 1, pageHot: 0, inlineAfter: 100 });
    for (let limit = 1; limit < 3000; limit += 1 + (limit % 7)) {
      const cb = run(b, limit);
      const ca = run(a, limit);
      expect(b.m.icount).toBeLessThanOrEqual(limit);
      expect(state(b, cb)).toEqual(state(a, ca));
      if (handle(a, ca) !== handle(b, cb)) throw new Error("exit handling differs");
      if (ca === Exit.Spin || ca === Exit.Itlb) break;
    }
  });
});

// Words biased towards real encodings (as in fuzz.test.ts), run on the whole hypervisor.
function fuzzKvm(seed: number, userMode: boolean, engine: "interp" | "translate") {
  const { vmm, kvm } = fuzzedBamboo(seed, userMode, {
    engine,
    // Handlers' text inlined at once on odd seeds, after 1000 instructions on even ones.
    translator: { hotThreshold: 1, stages: 1, pageHot: 0, inlineAfter: seed % 2 ? 0 : 1000 },
  });
  const result = kvm.run(200_000);
  return {
    result,
    gpr: Array.from(kvm.machine.gpr),
    regs: [kvm.machine.cr, kvm.machine.xer, kvm.machine.lr, kvm.machine.ctr, kvm.msr],
    exits: kvm.stats.total,
    ram: Buffer.from(vmm.memory.readBytes(FUZZ_BASE, 4 * FUZZ_WORDS) ?? []).toString("base64"),
    blocks: kvm.blockStats,
  };
}

describe("block translator on the whole hypervisor (fuzzed guests)", () => {
  for (let seed = 1; seed <= 12; seed++) {
    it(`seed ${seed}: same result, registers, exits and memory`, () => {
      const a = fuzzKvm(seed * 7919, seed % 3 === 0, "interp");
      const b = fuzzKvm(seed * 7919, seed % 3 === 0, "translate");
      expect({ ...b, blocks: undefined }).toEqual({ ...a, blocks: undefined });
    });
  }
});

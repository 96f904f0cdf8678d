// The block translator against the interpreter, in lockstep: random programs of every
// instruction the vCPU and the FPU execute (built with the generated encoders), with loads and
// stores that hit RAM, fault on unmapped and read-only pages, and store into the code being run;
// taken and untaken branches with delay slots, likely branches, jumps through registers; shadow
// mappings and the address space changing between slices. Both machines start from the same
// state and run the same slice lengths; after every slice (a block boundary, a budget inside a
// block, or an exit) the whole guest state must be the same.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decode,
  encode,
  INFO,
  operands,
  ROLE_FPU,
  ROLE_VCPU,
  ROLES,
} from "../../../generated/mips32r2/index.ts";
import { Exit, Machine } from "../../../runtime/mips/machine.ts";
import { type MipsBlock, MipsTranslator } from "../../../runtime/mips/translate.ts";
import { xorshift } from "../../support/random.ts";

const RAM = 0x8000;
const CODE_VA = 0x00400000; // host page 0, or page 4 (another program) after a remap
/** Where a world's code runs: in user space, or in kernel space (kseg0: PCs negative as int32,
 *  where a translator's test of a PC against -1 or 0 would go wrong). */
const CODE_VAS = [CODE_VA, 0x80400000 | 0];
const DATA_VA = 0x10000000; // host pages 1, 2 (RW), 3 (read-only); VA page 3 unmapped
const PROG = 240; // instructions in the program (the rest of the page: its loop back)

/** Base registers the loads and stores use: RAM, RAM, read-only, unmapped, the code (SMC). */
const BASES = [8, 9, 10, 11, 12];
const BASE_VALUES = [
  DATA_VA,
  DATA_VA + 0x1000,
  DATA_VA + 0x4000,
  DATA_VA + 0x3000,
  DATA_VA + 0x5000,
];

const RUNNABLE = INFO.filter((i) => i.id > 0 && (ROLES[i.id] & (ROLE_VCPU | ROLE_FPU)) !== 0);

type Rnd = () => number;
const pick = <T>(r: Rnd, xs: readonly T[]): T => xs[r() % xs.length];

/** One instruction of `info` with operands chosen to keep most accesses and branches useful. */
function instruction(
  r: Rnd,
  info: (typeof RUNNABLE)[number],
  index: number,
  codeVa: number,
): number {
  const ops = (operands as unknown as Record<string, (w: number) => Record<string, number>>)[
    `${info.entry}Operands`
  ]((info.match | (r() & ~info.mask)) >>> 0);
  const mem = info.load !== undefined || info.store !== undefined;
  for (const k of Object.keys(ops)) {
    if (mem && k === "rs") ops[k] = pick(r, BASES);
    else if (mem && k === "simm") ops[k] = (r() % 0x1100) - 0x80;
    else if (mem && k === "rt" && info.load !== undefined && r() % 4 !== 0)
      ops[k] = 1 + (r() % 7); // loads rarely clobber a base
    else if (k === "rd" || (k === "rt" && !mem))
      ops[k] = r() % 8 === 0 ? r() % 32 : pick(r, [0, 1, 2, 3, 4, 5, 6, 7, 13, 14, 15]);
    else if (k === "off")
      ops[k] = Math.max(-index, Math.min(PROG - 1 - index, (r() % 41) - 20)) * 4 - 4;
    else if (k === "index") ops[k] = ((codeVa >>> 2) + (r() % PROG)) & 0x3ffffff;
  }
  const enc = (encode as unknown as Record<string, (o: Record<string, number>) => number>)[
    info.name
  ];
  try {
    return enc(ops) | 0;
  } catch {
    return (
      enc(
        (operands as unknown as Record<string, (w: number) => Record<string, number>>)[
          `${info.entry}Operands`
        ]((info.match | (r() & ~info.mask)) >>> 0),
      ) | 0
    );
  }
}

interface World {
  m: Machine;
  codeVa: number;
  step: (limit: number) => Exit;
  t?: MipsTranslator;
}

/** What the translated side did over all runs: the test must have exercised it. */
const totals = {
  translated: 0,
  hits: 0,
  invalidated: 0,
  exits: 0,
  inlined: 0,
  labelled: 0,
  locals: 0,
};

function world(seed: number, translate: boolean): World {
  const r = xorshift(seed);
  const codeVa = CODE_VAS[(seed >>> 4) & 1];
  const ram = new ArrayBuffer(RAM);
  const m = new Machine(ram);
  for (let i = 0; i < PROG; i++) {
    const info = RUNNABLE[r() % RUNNABLE.length];
    m.i32[i] = instruction(r, info, i, codeVa);
  }
  for (let i = 0x400; i < RAM / 4; i++) m.i32[i] = r() | 0;
  for (let i = 0; i < PROG; i++)
    m.i32[0x1000 + i] = instruction(r, RUNNABLE[r() % RUNNABLE.length], i, codeVa);
  // Both programs end by jumping to a trampoline in a page that is never remapped, which jumps
  // back: a block there links to a block of the code page across remaps of that page.
  const toTrampoline = encode.j({ index: ((codeVa + 0x1000) >>> 2) & 0x3ffffff }) | 0;
  for (const base of [0, 0x1000]) [m.i32[base + PROG], m.i32[base + PROG + 1]] = [toTrampoline, 0];
  const alu = RUNNABLE.filter((i) => ["addu", "xor", "sll", "ori"].includes(i.name));
  for (let i = 0; i < 4; i++) m.i32[0x1400 + i] = instruction(r, alu[i], i, codeVa);
  m.i32[0x1404] = encode.j({ index: (codeVa >>> 2) & 0x3ffffff }) | 0;
  m.i32[0x1405] = 0;
  for (let k = 0; k < 32; k++) m.gpr[k] = k === 0 ? 0 : r() | 0;
  BASES.forEach((b, i) => (m.gpr[b] = BASE_VALUES[i] + (r() % 64)));
  m.gpr[32] = r() | 0;
  m.gpr[33] = r() | 0;
  for (let k = 0; k < 64; k++) m.fpu.fpr[k] = r();
  m.cu1 = r() % 4 !== 0;
  mapAll(m, codeVa);
  m.jump(codeVa);
  if (!translate) return { m, codeVa, step: (n) => m.run(n) };
  // Mostly translated, some interpreted; blocks calling their handlers, or built with the
  // handlers' text inlined from the start, or rebuilt so after a few rounds.
  const inlineAfter = [undefined, 0, 40][(seed >>> 2) % 3];
  const t = new MipsTranslator(m, {
    hotThreshold: 1 + (seed % 3),
    stages: 1,
    pageHot: 0,
    inlineAfter,
  });
  return { m, codeVa, step: (n) => t.run(n), t };
}

function mapAll(m: Machine, codeVa: number): void {
  for (const t of [m.kernelTable, m.userTable]) {
    t.fill(codeVa >>> 12, 0, true);
    t.fill((codeVa >>> 12) + 1, 0x5000, false); // the trampoline
    t.fill(DATA_VA >>> 12, 0x1000, true);
    t.fill((DATA_VA >>> 12) + 1, 0x2000, true);
    t.fill((DATA_VA >>> 12) + 4, 0x3000, false);
    t.fill((DATA_VA >>> 12) + 5, 0, true); // the code, writable through a second address
  }
}

function state(m: Machine, code: Exit): Record<string, unknown> {
  return {
    code,
    pc: m.pc,
    npc: m.npc,
    inDelaySlot: m.inDelaySlot,
    icount: m.icount,
    gpr: Array.from(m.gpr),
    llbit: m.llbit,
    fpr: Array.from(m.fpu.fpr),
    fcsr: m.fpu.fcsr,
    ...(code === Exit.Budget
      ? {}
      : {
          exitPc: m.exitPc,
          exitBD: m.exitBD,
          exitWord: m.exitWord,
          exitFetch: m.exitFetch,
          badVAddr: m.badVAddr,
          exitCop: m.exitCop,
        }),
  };
}

/** Runs both engines `slices` slices from the same start; returns the first difference. */
function lockstep(seed: number, slices: number): string | undefined {
  const a = world(seed, false);
  const b = world(seed, true);
  const r = xorshift(seed ^ 0x5a5a5a5a);
  let exits = 0;
  for (let s = 0; s < slices; s++) {
    const limit = 1 + (r() % (r() % 4 === 0 ? 400 : 40));
    const ca = a.step(limit);
    const cb = b.step(limit);
    const sa = state(a.m, ca),
      sb = state(b.m, cb);
    const diff = Object.keys(sa).find((k) => JSON.stringify(sa[k]) !== JSON.stringify(sb[k]));
    if (diff !== undefined)
      return `seed ${seed}, slice ${s} (limit ${limit}): ${diff} interp ${JSON.stringify(sa[diff])} translate ${JSON.stringify(sb[diff])}`;
    if (!Buffer.from(a.m.u8).equals(Buffer.from(b.m.u8)))
      return `seed ${seed}, slice ${s}: memory differs`;
    // The same "hypervisor" on both: skip what exited, restart from a random instruction after
    // a fetch fault, and now and then change the address space or drop a mapping.
    const codeVa = a.codeVa;
    const restart = (codeVa + 4 * (r() % PROG)) | 0;
    const change = r() % 16;
    for (const m of [a.m, b.m]) {
      if (ca !== Exit.Budget) {
        if (m.exitFetch || m.exitPc >>> 12 !== codeVa >>> 12) m.jump(restart);
        else if (m.exitBD) m.jump(m.npc);
        else m.jump(m.exitPc + 4);
      }
      if (change === 0) m.setUserMode(m.table === m.kernelTable);
      else if (change === 1) m.table.invalidateRange((DATA_VA >>> 12) + 1, 1);
      else if (change === 2) mapAll(m, codeVa);
      else if (change === 3)
        m.table.fill(codeVa >>> 12, 0x4000, true); // other code, same VA
      else if (change === 4) m.table.invalidateRange(codeVa >>> 12, 1); // fetches fault
    }
    if (ca !== Exit.Budget) exits++;
  }
  totals.exits += exits;
  totals.translated += b.t!.stats.translated;
  totals.hits += b.t!.stats.hits;
  totals.invalidated += b.t!.stats.invalidated;
  for (const blk of (b.t!.cache as unknown as { blocks: Map<number, MipsBlock> }).blocks.values()) {
    const src = blk.fn.toString();
    if (src.includes("$gpr")) totals.inlined++;
    if (src.includes("switch (e)")) totals.labelled++;
    if (/\blet r\d+ ?= ?\$gpr\[/.test(src)) totals.locals++;
  }
  return undefined;
}

describe("mips translator against the interpreter, in lockstep", () => {
  it("every runnable instruction appears in the programs", () => {
    const seen = new Set<number>();
    for (let seed = 1; seed <= 60; seed++) {
      const w = world(seed, false);
      for (let i = 0; i < PROG; i++) seen.add(decode(w.m.i32[i] | 0));
    }
    const missing = RUNNABLE.filter((i) => !seen.has(i.id)).map((i) => i.name);
    expect(missing.length, `never generated: ${missing.join(" ")}`).toBeLessThan(
      RUNNABLE.length / 10,
    );
  });

  it("leaves the same state after every slice (fixed seeds)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 0x7fffffff }), (seed) => {
        const d = lockstep(seed, 400);
        if (d !== undefined) throw new Error(d);
      }),
      { seed: 0x15a6e4, numRuns: 60 },
    );
    // The runs met every path: blocks built and re-entered, exits, stores into translated code.
    expect(totals.translated).toBeGreaterThan(1000);
    expect(totals.hits).toBeGreaterThan(1000);
    expect(totals.exits).toBeGreaterThan(1000);
    expect(totals.invalidated).toBeGreaterThan(10);
    // Blocks with the handlers' text inlined, and blocks that branch to a label inside them.
    expect(totals.inlined).toBeGreaterThan(100);
    expect(totals.labelled).toBeGreaterThan(100);
    // Inlined blocks that hold the guest registers in locals.
    expect(totals.locals).toBeGreaterThan(50);
  });

  it("a store into the running block takes effect at the next instruction", () => {
    const m = new Machine(new ArrayBuffer(RAM));
    // sw t0, 8(t1) overwrites the addiu two words on with `addiu v0, zero, 2`.
    m.i32[0] = encode.sw({ rs: 9, rt: 8, simm: 8 }) | 0;
    m.i32[1] = 0;
    m.i32[2] = encode.addiu({ rs: 0, rt: 2, simm: 1 }) | 0;
    m.i32[3] = encode.break({ codehi: 0, codelo: 0 }) | 0;
    m.gpr[8] = encode.addiu({ rs: 0, rt: 2, simm: 2 }) | 0;
    m.gpr[9] = CODE_VA;
    m.kernelTable.fill(CODE_VA >>> 12, 0, true);
    const t = new MipsTranslator(m, { hotThreshold: 1, stages: 1, pageHot: 0 });
    for (const round of [0, 1]) {
      m.i32[2] = encode.addiu({ rs: 0, rt: 2, simm: 1 }) | 0;
      m.invalidateCode(8, 4);
      m.jump(CODE_VA);
      m.gpr[2] = 0;
      expect(t.run(100), `round ${round}`).toBe(Exit.Break);
      expect(m.gpr[2]).toBe(2);
      expect(m.exitPc).toBe(CODE_VA + 12);
    }
    expect(t.stats.invalidated).toBeGreaterThan(0);
  });
});

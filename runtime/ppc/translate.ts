// The PowerPC 440 vCPU's block translator: the engine "translate" (core/engine.ts). It runs the
// same handler methods as the interpreter (`Ppc440Machine.run`), one semantics per instruction:
// a hot run of guest instructions in one 4 KB page becomes one JavaScript function (built with
// `new Function`) that calls the generated `sourceVcpu` call text of each instruction, its
// operands as constants, e.g. `h.addi(3, 1, 16)`. V8 inlines the first few handlers into the
// block and calls the rest (its inlining budget runs out); a block that has retired INLINE_AFTER
// instructions is built again with the handlers' own text in place of the calls (core/inline.ts:
// the method's text, parameters bound to the constants), which V8 then compiles as one function.
//
// A block is the straight line from its start within one page: it runs on past a conditional
// branch that falls through (a taken one leaves the block, or jumps back into it, below) and ends
// after an unconditional branch, at the page end, at BLOCK_CAP instructions, or before a word it
// does not translate: words outside the vCPU role (privileged, floating point, illegal), `sc`
// (always an exit) and `b .` (Exit.Spin); the interpreter runs those. The block keeps the state
// the interpreter would leave:
//
//   - an instruction that may leave (a load or store: TLB miss, MMIO, alignment; a trap, an SPR
//     the vCPU does not hold; see KIND) is followed by a look at `exitCode`; on an exit the block
//     sets pc (and npc) to that instruction, exitWord to its word and icount to the instructions
//     retired before it, exactly as `run` does;
//   - icount is added once per straight stretch (at branches and block ends), and before an
//     instruction that reads it (mfspr of the timebase); pc/npc are set before each branch, whose
//     handler reads them and decides where it goes (the translator's own reading of a branch only
//     shapes the block);
//   - a store into a page blocks were built from (self-modifying code, `codePage`) drops that
//     page's blocks (BlockCache.invalidatePage) and sets `codeDirty`; the block stops right after
//     the store, so the next instruction is fetched from the new code;
//   - time stays exact: a block runs only when all of it fits before `limit` (the next timer
//     deadline or the slice end); otherwise the interpreter runs the rest of the slice. A taken
//     branch to an instruction of the block (a loop it holds) jumps there inside the function
//     while the whole block still fits, else the block returns.
//
// Cold code runs in the interpreter, in stretches core/heat.ts chooses (one straight line at a
// time, `straight`, where it counts entries at block starts); it says when a start is hot.
// Successors are linked in the block (`next`: fall-through, `taken`: the last other successor),
// checked against pc, the host offset the shadow TLB gives now, and `valid`.

import {
  decode,
  INFO,
  operands,
  ROLE_VCPU,
  ROLES,
  sourceVcpu,
} from "../../generated/ppc440/index.ts";
import {
  BlockCache,
  type Block,
  type BlockCacheStats,
  type TranslatorTuning,
} from "../core/block-cache.ts";
import { CodeHeat, COLD_CHUNK } from "../core/heat.ts";
import { Inliner } from "../core/inline.ts";
import { Exit, HANDLER_SCOPE, Ppc440Machine } from "./machine.ts";

/** Most guest instructions in one block. */
export const BLOCK_CAP = 64;

type BlockFn = (h: Ppc440Machine, limit: number) => Exit;

export interface PpcBlock extends Block {
  readonly run: BlockFn;
  /** The block that followed the last time the block fell through / branched away. */
  next: PpcBlock | undefined;
  taken: PpcBlock | undefined;
  /** Instructions retired in the block (calls tier), counted toward its rebuild with the
   *  handlers' text inlined; -1 once it has them. */
  retired: number;
  /** Its source text (the key of FN_CACHE). */
  readonly src: string;
}

/** How the translator treats an instruction id. */
const enum Kind {
  /** Not translated: the block ends before it and the interpreter runs it. */
  Stop = 0,
  /** Never leaves, reads no pc/npc/icount. */
  Plain = 1,
  /** May set exitCode (looked at after it). */
  MayExit = 2,
  /** May set exitCode, and writes memory (codeDirty is looked at after it). */
  Store = 3,
  /** A branch: reads pc/npc; a taken one leaves the block (or jumps inside it). */
  Branch = 4,
}

// Flags (generated INFO, from the tables) of vCPU instructions that may leave to the hypervisor:
// traps, and mfspr/mtspr of SPRs the vCPU does not hold; loads and stores are found by INFO's
// load/store widths (dcbz has the "cache" flag and stores).
const EXIT_FLAGS = new Set([
  "trap",
  "spr-read",
  "spr-write",
  "cache",
  "reserve",
  "conditional-store",
]);

/** Kind of each instruction id (vCPU role only). A Plain instruction must never set exitCode
 *  (test/runtime/ppc/translate.test.ts runs each on random operands). */
const KIND: Uint8Array = Uint8Array.from(INFO, (info) => {
  if (!(ROLES[info.id] & ROLE_VCPU)) return Kind.Stop;
  const f = info.flags;
  if (f.includes("syscall")) return Kind.Stop;
  if (f.includes("branch")) return Kind.Branch;
  if (info.store !== undefined || info.entry === "dcbz") return Kind.Store;
  if (info.load !== undefined || f.some((x) => EXIT_FLAGS.has(x))) return Kind.MayExit;
  // Instructions of no class the tables name that still leave: mfapidi (no auxiliary processor
  // on the 440: an illegal-instruction program interrupt, as QEMU raises).
  if (info.entry === "mfapidi") return Kind.MayExit;
  return Kind.Plain;
});

/** Instructions whose handler reads the timebase (icount): mfspr (TBL/TBU reads). */
const READS_ICOUNT: Uint8Array = Uint8Array.from(INFO, (info) =>
  info.flags.includes("spr-read") ? 1 : 0,
);

/** `b .`: the handler's Spin exit; never translated. */
const SPIN_WORD = 0x48000000;

/** Whether the translator looks at exitCode after instruction `id` (tests). */
export function exitChecked(id: number): boolean {
  return KIND[id] !== Kind.Plain;
}

function kindOf(w: number, id: number): Kind {
  return w === SPIN_WORD ? Kind.Stop : (KIND[id] as Kind);
}

// Module-local copies of the exit codes the dispatch loop uses (Exit is a const enum, but a
// per-file transpiler such as tsx reads it through the import binding at each use).
const NONE: Exit = Exit.None;
const ITLB: Exit = Exit.Itlb;

/** A branch whose condition always holds (BO = 1z1zz, or b): nothing after it is reached. This
 *  only shapes blocks; the handler decides where the branch goes. */
function branchAlways(id: number, w: number): boolean {
  const entry = INFO[id].entry;
  if (entry === "b") return true;
  const { bo } = operands.bcOperands(w);
  return (bo & 0x14) === 0x14;
}

/** The target of a direct branch (b, bc) at `pc`, or undefined for bclr / bcctr. */
function branchTarget(id: number, w: number, pc: number): number | undefined {
  const entry = INFO[id].entry;
  if (entry === "b") {
    const { li, aa } = operands.bOperands(w);
    return (aa ? li : pc + li) | 0;
  }
  if (entry === "bc") {
    const { bd, aa } = operands.bcOperands(w);
    return (aa ? bd : pc + bd) | 0;
  }
  return undefined;
}

/** The exit paths a block shares (kept out of the block's own code). */
function leave(h: Ppc440Machine, pc: number, w: number, retired: number): Exit {
  h.pc = pc;
  h.npc = (pc + 4) | 0;
  h.exitWord = w;
  h.icount += retired;
  return h.exitCode;
}
function stopAfterCodeWrite(h: Ppc440Machine, pc: number, retired: number): Exit {
  h.codeDirty = false;
  h.pc = pc;
  h.npc = pc;
  h.icount += retired;
  return NONE;
}

// Block functions by source text, shared by every translator of the process: a block depends
// only on its guest code and guest PC, and V8 keeps its optimised code with the function, so a
// guest run again (tests, benches, a second vCPU) starts with compiled blocks. Bounded; emptied
// whole when full.
const FN_CACHE = new Map<string, BlockFn>();
const FN_CACHE_MAX = 1 << 13;
/** For a block of calls that was rebuilt with inlined text: that function (the same guest code
 *  built again starts in that tier). Emptied with FN_CACHE. */
const INLINED = new Map<string, BlockFn>();

/** Instructions a block retires before it is rebuilt with its handlers' text inlined
 *  (core/inline.ts). A block of calls relies on V8 to inline the handlers, which it stops doing
 *  after a few (its inlining budget); inlined text runs about twice as fast once optimised, but
 *  costs more to compile and runs slower until then, so only the hottest blocks get it (building
 *  every block so made the Bamboo Linux boot about 1.5x slower). */
const INLINE_AFTER = 1 << 20;

/** The handlers' text, inlined into blocks (one per process: it depends only on the class). */
let inliner: Inliner | undefined;
const SCOPE_NAMES = Object.keys(HANDLER_SCOPE);
const SCOPE_VALUES = Object.values(HANDLER_SCOPE);

export class Ppc440Translator {
  readonly cache: BlockCache<PpcBlock>;
  private readonly exMap: Int32Array;
  private readonly view: DataView;
  private readonly heat: CodeHeat;
  private readonly inlineAfter: number;

  constructor(
    readonly machine: Ppc440Machine,
    opts: TranslatorTuning = {},
  ) {
    this.cache = new BlockCache<PpcBlock>(machine.ramBytes, opts.maxBlocks, opts.hotThreshold);
    this.heat = new CodeHeat(this.cache, opts, (off) => this.straight(off));
    this.inlineAfter = opts.inlineAfter ?? INLINE_AFTER;
    this.exMap = machine.exMap;
    this.view = machine.view;
    inliner ??= new Inliner(Ppc440Machine.prototype, new Set(Object.keys(machine)), HANDLER_SCOPE);
    machine.codePage = this.cache.codePage;
    machine.onCodeWrite = (page) => {
      this.cache.invalidatePage(page);
      machine.codeDirty = true;
    };
  }

  get stats(): BlockCacheStats {
    return this.cache.stats;
  }

  /** `Ppc440Machine.run`'s contract: runs until icount reaches `limit` or an exit, and leaves
   *  the same state. */
  run(limit: number): Exit {
    return this.dispatch(limit);
  }

  private dispatch(limit: number): Exit {
    const m = this.machine;
    const cache = this.cache;
    const exMap = this.exMap;
    const codePage = cache.codePage;
    m.exitCode = NONE;
    m.codeDirty = false;
    this.heat.age(m.icount);
    let prev: PpcBlock | undefined;
    // The PC is a block start: the last block, or straight line, ended just before it (or an
    // exit's handler put it there; a slice's end, rare, may leave it anywhere).
    let start = true;
    while (m.icount < limit) {
      const pc = m.pc;
      const e = exMap[pc >>> 12];
      if (e === 0) {
        m.exitEa = pc;
        return ITLB;
      }
      const off = e - 1 + (pc & 0xfff);
      let b: PpcBlock | undefined;
      if (prev !== undefined) {
        b = prev.next;
        if (b === undefined || b.vpc !== pc || b.off !== off || !b.valid) {
          b = prev.taken;
          if (b !== undefined && (b.vpc !== pc || b.off !== off || !b.valid)) b = undefined;
        }
        if (b !== undefined) cache.stats.hits++;
      }
      if (b === undefined) {
        // Most cold entries are on pages without blocks: one byte says so before the Map does.
        if (codePage[off >>> 12] !== 0) b = cache.get(off, pc);
        if (b === undefined) {
          // Cold, or hot now (n = 0) and translated unless its first word cannot start a block.
          let n = this.heat.cold(off, start);
          if (n === 0) {
            b = this.translate(off, pc, this.inlineAfter === 0);
            if (b === undefined) n = this.heat.line(off);
          }
          if (b === undefined) {
            const code = m.run(Math.min(limit, m.icount + n));
            if (code !== NONE) return code;
            m.codeDirty = false;
            prev = undefined;
            start = n < COLD_CHUNK;
            continue;
          }
        }
        if (prev !== undefined) {
          if (pc === prev.vpc + 4 * prev.len) prev.next = b;
          else prev.taken = b;
        }
      }
      if (m.icount + b.len > limit) return m.run(limit);
      const before = m.icount;
      const code = b.run(m, limit);
      if (b.retired >= 0 && (b.retired += m.icount - before) >= this.inlineAfter) {
        const calls = b.src;
        b = this.translate(b.off, b.vpc, true) ?? b;
        INLINED.set(calls, b.run);
      }
      if (code !== NONE) return code;
      prev = b;
      start = true;
    }
    return NONE;
  }

  /** Instructions from `off` to the end of its straight line (branch or untranslated word
   *  included), within the page and BLOCK_CAP. */
  private straight(off: number): number {
    let n = 0;
    const view = this.view;
    for (let a = off; n < BLOCK_CAP; a += 4) {
      const w = view.getInt32(a);
      n++;
      const k = kindOf(w, decode(w));
      if (k === Kind.Stop || k === Kind.Branch || ((a + 4) & 0xfff) === 0) break;
    }
    return n;
  }

  /** Builds and caches the block at guest pc `vpc` (host offset `off`), its handlers called or
   *  (`inline`) their text inlined; undefined when its first word is not translated. */
  translate(off: number, vpc: number, inline = false): PpcBlock | undefined {
    const view = this.view;
    // Pass 1: the block's extent. It runs on past conditional branches (taken: the block
    // returns) and ends after an unconditional one.
    const words: number[] = [];
    const ids: number[] = [];
    for (let a = off; words.length < BLOCK_CAP; a += 4) {
      const w = view.getInt32(a);
      const id = decode(w);
      if (kindOf(w, id) === Kind.Stop || sourceVcpu(id, w, "h") === undefined) break;
      words.push(w);
      ids.push(id);
      if (KIND[id] === Kind.Branch && branchAlways(id, w)) break;
      if (((a + 4) & 0xfff) === 0) break;
    }
    const n = words.length;
    if (n === 0) return undefined;
    // Pass 2: direct branch targets inside the block become entry labels, so a loop whose body
    // the block holds runs on inside its function.
    const labels = new Set<number>([0]);
    const targetIndex: number[] = [];
    for (let i = 0; i < n; i++) {
      const t =
        KIND[ids[i]] === Kind.Branch ? branchTarget(ids[i], words[i], vpc + 4 * i) : undefined;
      const j = t === undefined ? -1 : (t - vpc) / 4;
      targetIndex.push(Number.isInteger(j) && j >= 0 && j < n ? j : -1);
      if (targetIndex[i] >= 0) labels.add(targetIndex[i]);
    }
    // Pass 3: the code. `seg` is the first instruction not yet added to h.icount on this path.
    const out: string[] = [];
    let seg = 0;
    const uncounted = (i: number) => i - seg;
    for (let i = 0; i < n; i++) {
      const w = words[i];
      const id = ids[i];
      const pc = (vpc + 4 * i) | 0;
      if (i > 0 && labels.has(i)) {
        if (uncounted(i) > 0) out.push(`h.icount += ${uncounted(i)};`);
        seg = i;
        out.push(`case ${i}:`);
      }
      if (READS_ICOUNT[id] && uncounted(i) > 0) {
        out.push(`h.icount += ${uncounted(i)};`);
        seg = i;
      }
      const source = sourceVcpu(id, w, "h") as string;
      const call = inline ? (inliner as Inliner).statement(source, "h") : `${source};`;
      const k = KIND[id] as Kind;
      if (k === Kind.Branch) {
        const fall = (pc + 4) | 0;
        out.push(`h.pc = ${pc}; h.npc = ${fall};`, call, `h.icount += ${uncounted(i + 1)};`);
        seg = i + 1;
        out.push(`t = h.npc;`, `if (t !== ${fall}) {`);
        const j = targetIndex[i];
        if (j >= 0)
          out.push(
            `if (t === ${(vpc + 4 * j) | 0} && h.icount + ${n} <= limit) { e = ${j}; continue; }`,
          );
        out.push(`h.pc = t; return 0;`, `}`);
        continue;
      }
      out.push(call);
      if (k !== Kind.Plain)
        out.push(`if (h.exitCode !== 0) return leave(h, ${pc}, ${w}, ${uncounted(i)});`);
      if (k === Kind.Store)
        out.push(`if (h.codeDirty) return stop(h, ${(pc + 4) | 0}, ${uncounted(i + 1)});`);
    }
    const next = (vpc + 4 * n) | 0;
    if (uncounted(n) > 0) out.push(`h.icount += ${uncounted(n)};`);
    out.push(`h.pc = ${next}; h.npc = ${next}; return 0;`);
    const body =
      labels.size > 1
        ? `let e = 0, t = 0;\nfor (;;) switch (e) {\ncase 0:\n${out.join("\n")}\n}`
        : `let t = 0;\nfor (;;) {\n${out.join("\n").replace(/e = 0; continue;/g, "continue;")}\n}`;
    const src = `"use strict"; return function block_${(vpc >>> 0).toString(16)}(h, limit) {\n${body}\n};`;
    let run = inline ? undefined : INLINED.get(src);
    if (run !== undefined) inline = true;
    else run = FN_CACHE.get(src);
    if (run === undefined) {
      const make = new Function("leave", "stop", ...SCOPE_NAMES, src) as (
        l: typeof leave,
        s: typeof stopAfterCodeWrite,
        ...scope: unknown[]
      ) => BlockFn;
      run = make(leave, stopAfterCodeWrite, ...SCOPE_VALUES);
      if (FN_CACHE.size >= FN_CACHE_MAX) {
        FN_CACHE.clear();
        INLINED.clear();
      }
      FN_CACHE.set(src, run);
    }
    const block: PpcBlock = {
      vpc,
      off,
      len: n,
      valid: true,
      run,
      next: undefined,
      taken: undefined,
      retired: inline ? -1 : 0,
      src,
    };
    this.cache.put(block);
    return block;
  }
}

// The MIPS block translator: the second way to run the vCPU's instruction methods. A hot run of
// guest code (one entry, within one page, ending after a branch's delay slot, before a word the
// vCPU does not execute, or at a length cap) becomes one JavaScript function that calls the same
// `Machine` methods the interpreter dispatches to, with the decoded operands as constants
// (generated `sourceVcpu`/`sourceFpu`). V8 inlines those calls and folds the constants, so an
// instruction's semantics stays written once, in machine.ts; a block that stays hot is built
// again with the methods' text in place of the calls (core/inline.ts). A branch whose target is
// inside the block goes on there (a `switch` over the targets in a loop), so a loop or an
// if/else the block holds runs without leaving it.
//
// `run(limit)` has the interpreter's contract exactly (`Machine.run`): the same exits with the
// same fields, the same PC/npc/delay-slot state and instruction count at every exit, and never
// more than `limit` instructions, so timer deadlines fall on the same instruction:
//
//   - a block returns 0 after retiring all it could (`blockDone` instructions, next PC in
//     `blockNext`), or an Exit with `blockDone` the index of the instruction that did not
//     complete; the runner turns that into exitPc/exitBD/npc as the interpreter would;
//   - a block is entered only when it fits in what is left of `limit`; otherwise, and for cold
//     code, a delay slot entered from outside, and words no block may hold, the interpreter runs;
//   - a store into a page that has blocks drops them (the cache's `codePage`) and ends the
//     running block right after the store, so the next instruction is fetched as written.

import {
  decode as generatedDecode,
  INFO,
  OP_COUNT,
  operands,
  ROLE_FPU,
  ROLE_VCPU,
  ROLES,
  sourceFpu,
  sourceVcpu,
} from "../../generated/mips32r2/index.ts";
import {
  type Block,
  BlockCache,
  type BlockCacheStats,
  type TranslatorTuning,
} from "../core/block-cache.ts";
import { CodeHeat, COLD_CHUNK } from "../core/heat.ts";
import { elementsInLocals, Inliner } from "../core/inline.ts";
import {
  Exit,
  FIXED_VIEWS,
  HANDLER_SCOPE,
  HOISTED,
  Machine,
  MODE_VIEWS,
  READS_CUR_IDS,
} from "./machine.ts";

const decode: (w: number) => number = generatedDecode;

/** Longest block, in instructions. */
export const MAX_BLOCK = 64;

/** What the handlers return for the delay slot (machine.ts's Step; numbers shared by contract). */
const JUMP = 16,
  SLOT = 17,
  ANNUL = 18,
  SMC = 19;

/** A block: `room` is how many instructions it may retire (it loops on itself within it). */
type BlockFn = (h: Machine, room: number) => number;

/** Instructions a block retires before it is built again with its handlers' text inlined
 *  (core/inline.ts) instead of calls, which V8 stops inlining after the first few of a block
 *  (its inlining budget). Inlined text compiles slower, so only the hottest blocks get it (the
 *  440 translator's figure). Malta decompressor after 300 M instructions, CPU time, both in one
 *  process: 181 -> 279 and 143 -> 207 guest MIPS with it. */
const INLINE_AFTER = 1 << 20;

/** The handlers' text for blocks (one per process: it depends only on the class). */
let inliner: Inliner | undefined;
const SCOPE_NAMES = Object.keys(HANDLER_SCOPE);
const SCOPE_VALUES = Object.values(HANDLER_SCOPE);
/** `h.gpr` and the other views an inlined block names `$gpr`…: the shadow tables, which the
 *  guest's mode switches, read once per block entry (as the interpreter's second tier reads
 *  them once per slice); the RAM views and the registers, fixed for the machine's life, bound
 *  as constants of the block's closure, which V8 folds into its code (no load per entry, no
 *  map check per use, and registers left for the guest's). */
const HOISTED_USE = new RegExp(`\\bh\\.(${HOISTED.join("|")})\\b`, "g");
const HOISTED_READ = `const ${MODE_VIEWS.map((f) => `$${f} = h.${f}`).join(", ")};`;
/** The machine methods a block calls that never touch the registers (a block's exit, the
 *  store path's report of a write into code, inlined or not). */
const KEEPS: ReadonlySet<string> = new Set(["blockExit", "smc", "codeWritten"]);

export interface MipsBlock extends Block {
  readonly fn: BlockFn;
  /** The words, for exitWord. */
  readonly words: Int32Array;
  /** 1 where the instruction sits in a branch's delay slot. */
  readonly slot: Uint8Array;
  /** The two most recent successors, and the mapping epoch each link was made under (chaining:
   *  no shadow-table or cache lookup on the hot path while the mappings stay as they were). */
  next: MipsBlock | undefined;
  alt: MipsBlock | undefined;
  nextEpoch: number;
  altEpoch: number;
  /** Instructions retired in the block while it calls its handlers, counted toward its rebuild
   *  with their text inlined; -1 once it has it. */
  retired: number;
}

/** A word a block may hold, and how: a vCPU call, an FPU call (guarded by CU1), or none. */
function callOf(id: number, w: number): string | undefined {
  if ((KIND[id] & HOLDS) === 0) return undefined;
  const roles = ROLES[id];
  if (roles & ROLE_VCPU) return sourceVcpu(id, w, "h");
  if (roles & ROLE_FPU) return `(h.cu1 ? ${sourceFpu(id, w, "h")} : h.notVcpu(${id}, ${w}))`;
  return undefined;
}

/** Per id, from the tables' flags: a branch or jump with a delay slot; a handler that reads
 *  `cur` (branch targets, links); a conditional branch a block may go on past when it is not
 *  taken (not a jump, not a likely branch, whose untaken slot is annulled); a word a block may
 *  hold at all (the vCPU's and the FPU's roles: `callOf` gives its call). */
const BRANCH = 1,
  READS_CUR = 2,
  GOES_ON = 4,
  HOLDS = 8;
const KIND = Uint8Array.from({ length: OP_COUNT + 1 }, (_, id) => {
  const f = id < OP_COUNT ? INFO[id].flags : [];
  const cur = READS_CUR_IDS.has(id) ? READS_CUR : 0;
  const holds = id !== 0 && id < OP_COUNT && (ROLES[id] & (ROLE_VCPU | ROLE_FPU)) !== 0 ? HOLDS : 0;
  if (!f.includes("delay-slot")) return cur | holds;
  const goesOn = f.includes("conditional") && !f.includes("likely") && !f.includes("jump");
  return BRANCH | cur | holds | (goesOn ? GOES_ON : 0);
});

/** Call texts by word: the same words recur in many blocks (bounded; emptied when full). */
const CALL_CACHE_MAX = 1 << 16;

export class MipsTranslator {
  readonly cache: BlockCache<MipsBlock>;

  private readonly inlineAfter: number;
  private readonly locals: boolean;
  private readonly heat: CodeHeat;
  /** Instructions the interpreter runs when `find` finds no block. */
  private coldRun = 1;

  constructor(
    readonly m: Machine,
    tuning: TranslatorTuning = {},
  ) {
    this.inlineAfter = tuning.inlineAfter ?? INLINE_AFTER;
    this.locals = (tuning as { locals?: boolean }).locals ?? true;
    inliner ??= new Inliner(Machine.prototype, new Set(Object.keys(m)), HANDLER_SCOPE);
    this.cache = new BlockCache<MipsBlock>(
      m.i32.byteLength,
      tuning.maxBlocks,
      tuning.hotThreshold,
      m.codePage,
    );
    this.heat = new CodeHeat(this.cache, tuning, (off) => this.straight(off));
    m.codeWritten = (page) => this.cache.invalidatePage(page);
  }

  private readonly calls = new Map<number, string | null>();

  /** The call text of word `w` (id `id`), cached by word. */
  private call(id: number, w: number): string | undefined {
    let c = this.calls.get(w);
    if (c === undefined) {
      if (this.calls.size >= CALL_CACHE_MAX) this.calls.clear();
      c = callOf(id, w) ?? null;
      this.calls.set(w, c);
    }
    return c ?? undefined;
  }

  get stats(): BlockCacheStats {
    return this.cache.stats;
  }

  /** Runs at most `limit` instructions: `Machine.run`'s contract. */
  run(limit: number): Exit {
    // The hot loop only: chained blocks. Lookups, translation, cold code and exits are methods
    // of their own, so their type feedback never deoptimizes this loop.
    const m = this.m;
    const end = m.icount + limit;
    this.heat.age(m.icount);
    let prev: MipsBlock | undefined;
    // The PC is a block start: the last block, or straight line, ended just before it (or an
    // exit's handler put it there; a slice's end, rare, may leave it anywhere).
    let start = true;
    for (;;) {
      // What is left of the slice, as an int32 (a slice is one): icount is a double (it passes
      // 2^31), and a HeapNumber handed to a block or the interpreter deoptimised them.
      const left = (end - m.icount) | 0;
      if (left <= 0) return Exit.Budget;
      const pc = m.pc;
      let b: MipsBlock | undefined;
      if (prev !== undefined) {
        // Only a block's normal end sets prev: never in a delay slot here.
        const epoch = m.mapEpoch;
        b = prev.next;
        if (b === undefined || b.vpc !== pc || prev.nextEpoch !== epoch || !b.valid) {
          b = prev.alt;
          if (b === undefined || b.vpc !== pc || prev.altEpoch !== epoch || !b.valid) b = undefined;
        }
      }
      if (b === undefined) {
        b = this.find(prev, start);
        if (b === undefined) {
          const n = this.coldRun;
          const code = m.run(n < left ? n : left);
          if (code !== Exit.Budget) return code;
          prev = undefined;
          start = n < COLD_CHUNK;
          continue;
        }
      } else this.cache.stats.hits++;
      if (b.len > left) return m.run(left);
      const code = b.fn(m, left);
      m.icount += m.blockDone;
      if (b.retired >= 0 && (b.retired += m.blockDone) >= this.inlineAfter && b.valid)
        b = this.inline(b);
      if (code !== 0) return this.leave(b, code);
      m.pc = m.blockNext;
      m.npc = (m.blockNext + 4) | 0;
      prev = b;
      start = true;
    }
  }

  /** The block for the PC (cached, or translated now that it is hot), linked from `prev`; or
   *  undefined when the interpreter must run (`coldRun` instructions): a fetch fault, a delay
   *  slot entered from outside a block, code not hot yet, or a word no block can start with. */
  private find(prev: MipsBlock | undefined, start: boolean): MipsBlock | undefined {
    const m = this.m;
    const pc = m.pc;
    this.coldRun = 1;
    const e = pc & 3 || m.inDelaySlot !== 0 ? 0 : m.fetchEntry(pc);
    if (e === 0) return undefined;
    const off = e - 1 + (pc & 0xfff);
    let b = this.cache.codePage[off >>> 12] !== 0 ? this.cache.get(off, pc) : undefined;
    if (b === undefined) {
      const n = this.heat.cold(off, start);
      if (n !== 0 || (b = this.translate(pc, off, this.inlineAfter === 0)) === undefined) {
        this.coldRun = n !== 0 ? n : this.heat.line(off);
        return undefined;
      }
      this.cache.put(b);
    }
    if (prev !== undefined) {
      prev.alt = prev.next;
      prev.altEpoch = prev.nextEpoch;
      prev.next = b;
      prev.nextEpoch = m.mapEpoch;
    }
    return b;
  }

  /** Instructions from host offset `off` to the end of its straight line: a branch and its delay
   *  slot, or a word no block holds, within the page and MAX_BLOCK. */
  private straight(off: number): number {
    const i32 = this.m.i32;
    const room = Math.min(MAX_BLOCK, (0x1000 - (off & 0xfff)) >>> 2);
    let n = 0;
    while (n < room) {
      const w = i32[(off >>> 2) + n++];
      const id = decode(w);
      const k = KIND[id];
      if (k & BRANCH) return n + 1;
      if ((k & HOLDS) === 0) break;
    }
    return n;
  }

  /** Block `b`, hot, built again with its handlers' text inlined, in its place in the cache
   *  (links to the old block see it invalid and find this one). */
  private inline(b: MipsBlock): MipsBlock {
    const n = this.translate(b.vpc, b.off, true);
    if (n === undefined || n.len !== b.len) {
      b.retired = -1;
      return b;
    }
    this.cache.put(n);
    return n;
  }

  /** Block `b` stopped on instruction `blockIndex` with exit `code`, `blockDone` instructions
   *  retired (counting the rounds of a block that looped on itself): leave the state the
   *  interpreter leaves. */
  private leave(b: MipsBlock, code: Exit): Exit {
    const m = this.m;
    const i = m.blockIndex;
    const at = (b.vpc + 4 * i) | 0;
    const bd = b.slot[i];
    m.exitPc = at;
    m.exitBD = bd;
    m.exitWord = b.words[i];
    m.exitFetch = false;
    m.pc = at;
    m.npc = bd ? m.blockNext : (at + 4) | 0;
    m.inDelaySlot = bd;
    return code;
  }

  /** Builds the block at guest `pc` (host offset `off`), or undefined when its first word
   *  cannot start one. A block goes on past a conditional branch that is not taken (leaving
   *  when it is), and ends after a jump, a likely branch, a page, or MAX_BLOCK words. */
  translate(pc: number, off: number, inline = false): MipsBlock | undefined {
    const i32 = this.m.i32;
    const room = Math.min(MAX_BLOCK, (0x1000 - (pc & 0xfff)) >>> 2);
    // Pass 1: the block's extent, and its words' calls.
    const words: number[] = [];
    const ids: number[] = [];
    const calls: string[] = [];
    let ended = false;
    while (words.length < room && !ended) {
      const i = words.length;
      const w = i32[(off >>> 2) + i];
      const id = decode(w);
      const call = this.call(id, w);
      if (call === undefined) break;
      if ((KIND[id] & BRANCH) === 0) {
        words.push(w);
        ids.push(id);
        calls.push(call);
        continue;
      }
      // A branch and its delay slot, both in this page; a branch in the slot is left to the
      // interpreter (UNPREDICTABLE, and QEMU's order of effects is its own).
      if (i + 1 >= room) break;
      const sw = i32[(off >>> 2) + i + 1];
      const sid = decode(sw);
      const slot = this.call(sid, sw);
      if (slot === undefined || (KIND[sid] & BRANCH) !== 0) break;
      words.push(w, sw);
      ids.push(id, sid);
      calls.push(call, slot);
      ended = (KIND[id] & GOES_ON) === 0;
    }
    const len = words.length;
    if (len === 0) return undefined;
    // Pass 2: branch targets inside the block (not a delay slot) become entry labels, so code
    // that branches within the block runs on inside its function.
    const slots = new Uint8Array(len);
    for (let i = 0; i < len; i++) if (KIND[ids[i]] & BRANCH) slots[++i] = 1;
    const targetIndex: number[] = [];
    const labels = new Set<number>([0]);
    for (let i = 0; i < len; i++) {
      const t = KIND[ids[i]] & BRANCH ? staticTarget(ids[i], words[i], pc + 4 * i) : undefined;
      const j = t === undefined ? -1 : (t - pc) / 4;
      const ok = Number.isInteger(j) && j >= 0 && j < len && slots[j] === 0;
      targetIndex.push(ok ? j : -1);
      if (ok) labels.add(j);
    }
    // Pass 3: the code. `d` counts the instructions retired before the current pass from
    // instruction 0, so that one at index i has retired d + i before it.
    const lines: string[] = [];
    for (let i = 0; i < len; i++) {
      const id = ids[i];
      const call = calls[i];
      const at = (pc + 4 * i) | 0;
      if (i > 0 && labels.has(i)) lines.push(`case ${i}:`);
      if ((KIND[id] & BRANCH) === 0) {
        // An exit at index i, or a store into code that ends the block after it.
        const exit = leave("x", i, (at + 4) | 0);
        if (!inline) {
          lines.push(`if ((x = ${call}) !== 0) ${exit}`);
          continue;
        }
        lines.push(inlined(call, `I${i}`, exit));
        continue;
      }
      const sid = ids[i + 1];
      const slot = calls[i + 1];
      const fall = (at + 8) | 0;
      const last = (KIND[id] & GOES_ON) === 0;
      const j = targetIndex[i];
      // Inlined, a branch that calls no method reads its own PC as a constant and leaves its
      // target in a local (no field written and read back per branch).
      let text = inline ? assign(call) : `x = ${call};`;
      let target = "h.target";
      let setCur = `h.cur = ${at};`;
      if (inline && !/\bh\.[\w$]+\(/.test(text)) {
        text = text.replace(/\bh\.cur\b/g, `(${at})`).replace(/\bh\.target\b/g, "t");
        target = "t";
        setCur = "";
      }
      lines.push(
        setCur,
        text,
        `if (x === ${ANNUL}) ${leave(SMC, i, fall)}`,
        `if (x < ${JUMP}) ${leave("x", i, 0)}`,
        `n = x === ${JUMP} ? ${target} : ${fall};`,
        ...((KIND[sid] & READS_CUR) !== 0 ? [`h.cur = ${(at + 4) | 0};`] : []),
        inline
          ? inlined(slot, `S${i}`, `{ ${leave("x", i + 1, "n")} }`)
          : `if ((x = ${slot}) !== 0) { ${leave("x", i + 1, "n")} }`,
        // A branch to a label goes on there while a whole pass through the block still fits in
        // `room` (from any label, a pass retires at most LEN before the next such test).
        ...(j >= 0
          ? [
              `if (n === ${(pc + 4 * j) | 0} && d + ${i + 2} + ${len} <= room) ` +
                `{ d += ${i + 2 - j}; ${labels.size > 1 ? `e = ${j}; ` : ""}continue; }`,
            ]
          : []),
        last ? leave(SMC, i + 1, "n") : `if (n !== ${fall}) ${leave(SMC, i + 1, "n")}`,
      );
      i++; // past the slot
    }
    if (!ended) lines.push(leave(SMC, len - 1, (pc + 4 * len) | 0));
    // Every way out goes through the one call after the loop: a site V8 has no type feedback
    // for yet (an exit path not taken before the block was optimised) deoptimises the block
    // when first taken, and local assignments need none.
    let code = lines.join("\n");
    // Inlined, the stores are counted in a local, added to the field on the way out.
    const counted = inline && /\bh\.stores\+\+/.test(code);
    if (counted) code = code.replace(/\bh\.stores\+\+/g, "st++");
    const vars = `let x = 0, d = 0, n = 0, t = 0, st = 0, ${labels.size > 1 ? "e = 0, " : ""}ei = 0, ep = 0;`;
    let body =
      labels.size > 1
        ? `${vars}\nout: for (;;) switch (e) {\ncase 0:\n${code}\n}`
        : `${vars}\nout: for (;;) {\n${code}\n}`;
    if (counted) body += `\nh.stores += st;`;
    body += `\nreturn h.blockExit(x, d, ei, ep);`;
    let fn: BlockFn;
    if (inline) {
      body = body.replace(HOISTED_USE, "$$$1");
      // The guest registers in locals where the text allows it (core/inline.ts).
      const local = this.locals && elementsInLocals(body, "$gpr", "h", "gpr", KEEPS, HANDLER_SCOPE);
      body = `${HOISTED_READ}\n${local || body}`;
      const m = this.m;
      fn = new Function(
        ...SCOPE_NAMES,
        ...FIXED_VIEWS.map((f) => `$${f}`),
        `"use strict"; return function (h, room) {\n${body}\n};`,
      )(...SCOPE_VALUES, ...FIXED_VIEWS.map((f) => m[f])) as BlockFn;
    } else fn = new Function("h", "room", `"use strict"; ${body}`) as BlockFn;
    return {
      vpc: pc,
      off,
      len,
      valid: true,
      fn,
      words: Int32Array.from(words),
      slot: slots,
      next: undefined,
      alt: undefined,
      nextEpoch: -1,
      altEpoch: -1,
      retired: inline ? -1 : 0,
    };
  }
}

/** The target of the branch `w` (id `id`) at `at` when its operands give it (`off`: relative to
 *  the delay slot; `index`: within the slot's 256 MB region); undefined for register jumps. */
function staticTarget(id: number, w: number, at: number): number | undefined {
  const f = (operands as unknown as Record<string, unknown>)[`${INFO[id].entry}Operands`];
  if (typeof f !== "function") return undefined;
  const o = (f as (w: number) => { off?: number; index?: number })(w);
  if (o.off !== undefined) return (at + 4 + o.off) | 0;
  if (o.index !== undefined) return ((at + 4) & 0xf0000000) | (o.index << 2);
  return undefined;
}

/** Leaves the block through its one exit (h.blockExit after the loop): `x` the result (SMC: a
 *  normal end), `i` the instruction's index, `next` the PC after it when the block ends there. */
function leave(x: string | number, i: number, next: string | number): string {
  return `{ ${x === "x" ? "" : `x = ${x}; `}ei = ${i}; ep = ${next}; break out; }`;
}

/** `x = <call>` with the handler's text inlined; a handler that finishes with 0 leaves the
 *  statement labelled `label` (instead of the test of its result). The text depends only on the
 *  call and whether there is a label, so it is kept by those (a block's words recur in others;
 *  the inliner's work was most of an inlined block's build), with the label put in after. */
function assign(call: string, label?: string): string {
  const key = label === undefined ? call : `${call}\n`;
  let text = ASSIGNED.get(key);
  if (text === undefined) {
    text = (inliner as Inliner).assignment(
      call,
      "h",
      "x",
      label === undefined ? undefined : { value: "0", then: `break ${LABEL};` },
    );
    if (ASSIGNED.size >= CALL_CACHE_MAX) ASSIGNED.clear();
    ASSIGNED.set(key, text);
  }
  return label === undefined ? text : text.replaceAll(LABEL, label);
}

/** Instruction text labelled `label`, its handler's inlined: `exit` when it returned x ≠ 0. A
 *  handler whose text never names x always leaves through its label, and gets no test. */
function inlined(call: string, label: string, exit: string): string {
  const text = assign(call, label);
  return /\bx\b/.test(text)
    ? `${label}: { ${text} if (x !== 0) ${exit} }`
    : `${label}: { ${text} }`;
}

/** The label `assign` builds its text with (no handler's text names it). */
const LABEL = "$label$";
/** Inlined texts by call (bounded; emptied when full). */
const ASSIGNED = new Map<string, string>();

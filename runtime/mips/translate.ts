// The MIPS block translator: the second way to run the vCPU's instruction methods. A hot run of
// guest code (one entry, within one page, ending after a branch's delay slot, before a word the
// vCPU does not execute, or at a length cap) becomes one JavaScript function that calls the same
// `Machine` methods the interpreter dispatches to, with the decoded operands as constants
// (generated `sourceVcpu`/`sourceFpu`). V8 inlines those calls and folds the constants, so an
// instruction's semantics stays written once, in machine.ts.
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
  HOT_THRESHOLD,
  type TranslatorTuning,
} from "../core/block-cache.ts";
import { Exit, type Machine, READS_CUR_IDS } from "./machine.ts";

const decode: (w: number) => number = generatedDecode;

/** Longest block, in instructions. */
export const MAX_BLOCK = 64;
/** Instructions the interpreter runs at a time through code that is not hot yet. */
const COLD_RUN = 16;

/** What the handlers return for the delay slot (machine.ts's Step; numbers shared by contract). */
const JUMP = 16,
  SLOT = 17,
  ANNUL = 18,
  SMC = 19;

/** A block: `room` is how many instructions it may retire (it loops on itself within it). */
type BlockFn = (h: Machine, room: number) => number;

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
}

/** A word a block may hold, and how: a vCPU call, an FPU call (guarded by CU1), or none. */
function callOf(id: number, w: number): string | undefined {
  if (id === 0 || id >= OP_COUNT) return undefined;
  const roles = ROLES[id];
  if (roles & ROLE_VCPU) return sourceVcpu(id, w, "h");
  if (roles & ROLE_FPU) return `(h.cu1 ? ${sourceFpu(id, w, "h")} : h.outside(${id}, ${w}))`;
  return undefined;
}

/** Per id, from the tables' flags: a branch or jump with a delay slot; a handler that reads
 *  `cur` (branch targets, links); a conditional branch a block may go on past when it is not
 *  taken (not a jump, not a likely branch, whose untaken slot is annulled). */
const BRANCH = 1,
  READS_CUR = 2,
  GOES_ON = 4;
const KIND = Uint8Array.from({ length: OP_COUNT + 1 }, (_, id) => {
  const f = id < OP_COUNT ? INFO[id].flags : [];
  const cur = READS_CUR_IDS.has(id) ? READS_CUR : 0;
  if (!f.includes("delay-slot")) return cur;
  const goesOn = f.includes("conditional") && !f.includes("likely") && !f.includes("jump");
  return BRANCH | cur | (goesOn ? GOES_ON : 0);
});

/** Call texts by word: the same words recur in many blocks (bounded; emptied when full). */
const CALL_CACHE_MAX = 1 << 16;

export class MipsTranslator {
  readonly cache: BlockCache<MipsBlock>;

  constructor(
    readonly m: Machine,
    tuning: TranslatorTuning = {},
  ) {
    this.cache = new BlockCache<MipsBlock>(
      m.i32.byteLength,
      tuning.maxBlocks,
      tuning.hotThreshold ?? HOT_THRESHOLD,
      m.codePage,
    );
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
    let prev: MipsBlock | undefined;
    for (;;) {
      if (m.icount >= end) return Exit.Budget;
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
        b = this.find(prev);
        if (b === undefined) {
          const code = m.run(Math.min(m.inDelaySlot !== 0 ? 1 : COLD_RUN, end - m.icount));
          if (code !== Exit.Budget) return code;
          prev = undefined;
          continue;
        }
      } else this.cache.stats.hits++;
      if (m.icount + b.len > end) return m.run(end - m.icount);
      const code = b.fn(m, end - m.icount);
      m.icount += m.blockDone;
      if (code !== 0) return this.leave(b, code);
      m.pc = m.blockNext;
      m.npc = (m.blockNext + 4) | 0;
      prev = b;
    }
  }

  /** The block for the PC (cached, or translated now that it is hot), linked from `prev`; or
   *  undefined when the interpreter must run: a fetch fault, a delay slot entered from outside a
   *  block, code not hot yet, or a word no block can start with. */
  private find(prev: MipsBlock | undefined): MipsBlock | undefined {
    const m = this.m;
    const pc = m.pc;
    const e = pc & 3 || m.inDelaySlot !== 0 ? 0 : m.fetchEntry(pc);
    if (e === 0) return undefined;
    const off = e - 1 + (pc & 0xfff);
    let b = this.cache.get(off, pc);
    if (b === undefined) {
      if (!this.cache.warm(off) || (b = this.translate(pc, off)) === undefined) return undefined;
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
  translate(pc: number, off: number): MipsBlock | undefined {
    const i32 = this.m.i32;
    const room = Math.min(MAX_BLOCK, (0x1000 - (pc & 0xfff)) >>> 2);
    const words: number[] = [];
    const slots: number[] = [];
    const lines: string[] = [];
    let ended = false;
    for (let i = 0; i < room && !ended; i++) {
      const w = i32[(off >>> 2) + i];
      const id = decode(w);
      const call = this.call(id, w);
      if (call === undefined) break;
      const at = (pc + 4 * i) | 0;
      if ((KIND[id] & BRANCH) === 0) {
        words.push(w);
        // blockExit: an exit at index i, or a store into code that ends the block after it.
        lines.push(`if ((x = ${call}) !== 0) return h.blockExit(x, d, ${i}, ${(at + 4) | 0});`);
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
      slots[i + 1] = 1;
      const fall = (at + 8) | 0;
      ended = (KIND[id] & GOES_ON) === 0;
      lines.push(
        `h.cur = ${at};`,
        `x = ${call};`,
        `if (x === ${ANNUL}) return h.blockExit(${SMC}, d, ${i}, ${fall});`,
        `if (x < ${JUMP}) return h.blockExit(x, d, ${i}, 0);`,
        `const n${i} = x === ${JUMP} ? h.target : ${fall};`,
        `h.blockNext = n${i};`,
        ...((KIND[sid] & READS_CUR) !== 0 ? [`h.cur = ${(at + 4) | 0};`] : []),
        `if ((x = ${slot}) !== 0) { if (x !== ${SMC}) return h.blockExit(x, d, ${i + 1}, n${i}); ` +
          `h.blockDone = d + ${i + 2}; return 0; }`,
        // A loop back to the start goes round here while a whole round fits in `room`.
        `if (n${i} === ${pc} && d + ${i + 2} + LEN <= room) { d += ${i + 2}; continue; }`,
        ended
          ? `h.blockDone = d + ${i + 2}; return 0;`
          : `if (n${i} !== ${fall}) { h.blockDone = d + ${i + 2}; return 0; }`,
      );
      i++; // past the slot
    }
    if (words.length === 0) return undefined;
    if (!ended) {
      const next = (pc + 4 * words.length) | 0;
      lines.push(`h.blockDone = d + ${words.length}; h.blockNext = ${next}; return 0;`);
    }
    const body = `"use strict"; let x = 0, d = 0;\nfor (;;) {\n${lines.join("\n")}\n}`;
    const fn = new Function("h", "room", body.replaceAll("LEN", String(words.length))) as BlockFn;
    return {
      vpc: pc,
      off,
      len: words.length,
      valid: true,
      fn,
      words: Int32Array.from(words),
      slot: Uint8Array.from({ length: words.length }, (_, k) => slots[k] ?? 0),
      next: undefined,
      alt: undefined,
      nextEpoch: -1,
      altEpoch: -1,
    };
  }
}

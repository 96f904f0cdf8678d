// Which cold code the translators count, and how far the interpreter runs between counts (both
// ISAs). A start is translated once entered STAGES × the cache's hot threshold times (256 × 32 =
// 8192 by default): each new block costs V8 an optimising compile of a few milliseconds and saves
// some nanoseconds per instruction once compiled, so lukewarm code is better left to the
// interpreter. Figures, CPU time in one session: the Malta boot translated at 32 entries 38.6 s
// (12,410 blocks), 2048: 30.0 s, 8192: 21.2 s (674 blocks), 32768: 23.2 s; the Bamboo boot at
// 512 entries took 2.6x the interpreter's time.
//
// Counting has a cost of its own: to count entries at block starts the interpreter must stop at
// each one (a straight line at a time, `line`), and a translator's lookup per few instructions
// costs more than the instructions. So a page is counted only once it is entered often
// (PAGE_HOT cold entries; before that the interpreter runs COLD_CHUNK instructions per entry),
// and a page counted for PAGE_TRIAL entries without a block getting hot goes back to long
// stretches, with PAGE_HOT doubled (up to MAX_LEVEL times) before it is counted again. Counts
// are halved every COOL_EVERY instructions, so a start is hot for entries in recent time.

import type { Block, BlockCache, TranslatorTuning } from "./block-cache.ts";

/** Stages of the cache's hot threshold before a start is translated. */
const STAGES = 256;
/** Cold entries into a page before its entries are counted at block starts. Counting a page
 *  chops the interpreter's runs there into straight lines (the Bamboo boot at 128: 2.3 M
 *  interpreter calls, 1.96 M of them under 16 instructions, for 18 blocks), so a page must first
 *  show it is entered often. Bamboo boot, fresh processes, medians of 6: 128 entries 1.18-1.20 s,
 *  512 1.15 s, 1024 1.11 s, 2048 1.12 s, the interpreter alone 1.10-1.11 s. Malta boot, two
 *  trees in one process alternating, main-thread CPU: 128 8.96 s against 1024 8.81 s, and in the
 *  other order 9.12 against 9.15 s (285 blocks against 206; 2.0-2.7 G: 3.01-3.02 against
 *  2.83-2.94 s). */
export const PAGE_HOT = 1024;
/** Entries counted at block starts on a page before it is found lukewarm. One start entered on
 *  every round of a loop needs 8192 (STAGES × 32): on the 440, a trial of 4096 put off the crc32
 *  guest's loop (bench 3.2x the interpreter instead of 5.4x), 16384 cost the Bamboo boot about
 *  0.5 s; counting without end cost it 3.3 s of CPU against the interpreter's 1.8-2.2 s. */
const PAGE_TRIAL = 8192;
/** Most doublings of PAGE_HOT (1024 << 5 still fits the Uint16 counters). */
const MAX_LEVEL = 5;
/** Instructions the interpreter runs per entry into a page that is not counted. */
export const COLD_CHUNK = 256;

/** Instructions between halvings of every start's count. Code that got 8192 entries in a short
 *  phase long ago (the Linux kernel's init code) is entered about as often after it is translated
 *  as before, which does not pay back the compile. Whole Malta boot, translated, one session,
 *  main-thread CPU (all threads): never 13.5 s (19.5 s, 538 blocks); every 2^22: 15.3 s; 2^23:
 *  12.2 s; 2^24: 11.7-12.0 s (15.7-15.8 s, 263 blocks); 2^26: 11.9 s (16.7 s). */
export const COOL_EVERY = 1 << 24;

const HASH_BITS = 12;

export class CodeHeat {
  private readonly stages: number;
  private readonly pageHot: number;
  private readonly pageHeat: Uint16Array;
  /** Entries counted at block starts in the page's current trial, and how many trials it has
   *  failed. */
  private readonly pageTrial: Uint16Array;
  private readonly pageLevel: Uint8Array;
  /** Second stage of a start's count (hashed by host offset: a collision only makes a start
   *  hot sooner). */
  private readonly tepid = new Uint16Array(1 << HASH_BITS);
  // Straight-line lengths of cold starts (hashed; a stale or colliding entry only changes where
  // the interpreter stops, never what it does).
  private readonly lineOff = new Int32Array(1 << HASH_BITS).fill(-1);
  private readonly lineLen = new Uint8Array(1 << HASH_BITS);
  /** The COOL_EVERY-instruction period of the last cooling (a small integer where the count
   *  itself outgrows 32 bits). */
  private period = 0;

  constructor(
    private readonly cache: BlockCache<Block>,
    tuning: TranslatorTuning,
    /** Instructions from host offset `off` to the end of its straight line (the branch, its
     *  delay slot, or a word no block holds included), within the page and the block cap (≤ 255). */
    private readonly lineLength: (off: number) => number,
  ) {
    this.stages = tuning.stages ?? STAGES;
    this.pageHot = tuning.pageHot ?? PAGE_HOT;
    const pages = cache.codePage.length;
    this.pageHeat = new Uint16Array(pages);
    this.pageTrial = new Uint16Array(pages);
    this.pageLevel = new Uint8Array(pages);
  }

  /** An entry at host offset `off` where no block is: 0 when the start is hot now (translate
   *  it), else how many instructions the interpreter runs from it. `start`: the entry is at a
   *  block start (a block or a straight line ended just before it), counted toward its heat on
   *  any page; after a long stretch the interpreter stops anywhere, and that is not counted. */
  cold(off: number, start: boolean): number {
    if (start && this.cache.warm(off) && this.hot(off)) return 0;
    const page = off >>> 12;
    if (this.pageHeat[page] < this.pageHot << this.pageLevel[page]) {
      this.pageHeat[page]++;
      return COLD_CHUNK;
    }
    if (++this.pageTrial[page] > PAGE_TRIAL && this.cache.codePage[page] === 0) {
      this.demote(page);
      return COLD_CHUNK;
    }
    return this.line(off);
  }

  /** The straight line from `off` (cached). */
  line(off: number): number {
    const i = (off >>> 2) & ((1 << HASH_BITS) - 1);
    if (this.lineOff[i] === off) return this.lineLen[i];
    const n = this.lineLength(off);
    this.lineOff[i] = off;
    this.lineLen[i] = n;
    return n;
  }

  /** Called with the instruction count at each run: every COOL_EVERY instructions, halves every
   *  start's count (heat is entries in recent time). */
  age(icount: number): void {
    const period = Math.floor(icount / COOL_EVERY);
    if (period === this.period) return;
    this.period = period;
    this.cache.cool();
    const t = this.tepid;
    for (let i = 0; i < t.length; i++) t[i] >>>= 1;
  }

  private hot(off: number): boolean {
    const i = (off >>> 2) & ((1 << HASH_BITS) - 1);
    if (++this.tepid[i] < this.stages) return false;
    this.tepid[i] = 0;
    return true;
  }

  /** Counting on `page` costs more than it finds: long stretches again, counted later. */
  private demote(page: number): void {
    this.pageHeat[page] = 0;
    this.pageTrial[page] = 0;
    if (this.pageLevel[page] < MAX_LEVEL) this.pageLevel[page]++;
  }
}

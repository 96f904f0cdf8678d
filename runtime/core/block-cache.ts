// The translated-block cache both translators share. A block is the JavaScript function a
// translator built for a run of guest instructions that starts at one guest PC and never crosses
// a page. Blocks are keyed by the host RAM offset of their first instruction (the guest-physical
// code they were built from) and remember the guest-virtual PC they were built for:
//
//   - a TLB or address-space change invalidates nothing: the engine translates the PC through
//     the shadow TLB before entering a block, exactly as the interpreter fetches, so Linux's
//     page-table churn costs no retranslation;
//   - a write to RAM that holds translated code (a guest store, DMA, the loader) drops every block
//     of that page: the store paths look at one byte per page (`codePage`) and call
//     `invalidatePage` only when it is set. A dropped block is marked `valid = false`, so a
//     successor link cached in another block (`Block.next`) is never followed to it;
//   - the cache is bounded: past `maxBlocks` it is emptied whole (simple, and rare: Linux's boot
//     to userspace stays under the default bound).
//
// Only hot code is translated: V8 compiles each new function lazily, so a block run a handful of
// times costs more to build than it saves. `warm` counts entries per start offset (hashed; a
// collision only makes a block hot sooner).

export interface Block {
  /** Guest-virtual PC the block was built for (its branch targets and exits use it). */
  readonly vpc: number;
  /** Host RAM offset of its first instruction. */
  readonly off: number;
  /** Guest instructions in the block (the most it can retire). */
  readonly len: number;
  /** Cleared when the block is dropped; links to it are then stale. */
  valid: boolean;
}

export interface BlockCacheStats {
  translated: number;
  /** Block entries found in the cache (successor links included). */
  hits: number;
  /** Lookups of a hot start that found no block (it was then translated). */
  misses: number;
  /** Blocks dropped because their page was written. */
  invalidated: number;
  /** Times the cache was emptied for reaching its bound. */
  flushes: number;
}

/** Bound on cached blocks: about 15 MB of generated functions at the typical block size. */
export const DEFAULT_MAX_BLOCKS = 1 << 15;

/** A translator's tuning, the same option on both ISAs (`translator` in the kvm options). */
export interface TranslatorTuning {
  /** Bound on cached blocks. */
  maxBlocks?: number;
  /** Entries into a start, per stage, before it is translated (core/heat.ts; tests use 1 with
   *  `stages` 1 and `pageHot` 0: every block at once). */
  hotThreshold?: number;
  /** Stages of `hotThreshold` entries before a start is translated. */
  stages?: number;
  /** Cold entries into a page before its entries are counted at block starts. */
  pageHot?: number;
  /** Instructions a block retires before it is built again with its handlers' text inlined
   *  (0: every block so from the start; tests). */
  inlineAfter?: number;
}

/** Entries into a start address before it is translated. */
export const HOT_THRESHOLD = 32;

const WARM_BITS = 16;

export class BlockCache<B extends Block> {
  /** Per 4 KB page of host RAM: 1 when blocks were built from it. Store paths test this. */
  readonly codePage: Uint8Array;
  readonly stats: BlockCacheStats = { translated: 0, hits: 0, misses: 0, invalidated: 0, flushes: 0 };
  private readonly blocks = new Map<number, B>();
  private readonly byPage = new Map<number, number[]>();
  private readonly heat = new Uint16Array(1 << WARM_BITS);

  constructor(
    ramBytes: number,
    readonly maxBlocks = DEFAULT_MAX_BLOCKS,
    readonly hotThreshold = HOT_THRESHOLD,
    /** The vCPU's own page map, when its store paths hold one already. */
    codePage?: Uint8Array,
  ) {
    this.codePage = codePage ?? new Uint8Array(Math.ceil(ramBytes / 4096));
  }

  get size(): number {
    return this.blocks.size;
  }

  /** The block built from host offset `off` for guest PC `vpc`, if any. */
  get(off: number, vpc: number): B | undefined {
    const b = this.blocks.get(off);
    if (b === undefined || b.vpc !== vpc) return undefined;
    this.stats.hits++;
    return b;
  }

  /** Counts an entry at `off`; true once it is hot enough to translate. */
  warm(off: number): boolean {
    const i = (off >>> 2) & ((1 << WARM_BITS) - 1);
    const h = this.heat[i] + 1;
    if (h < this.hotThreshold) {
      this.heat[i] = h;
      return false;
    }
    this.heat[i] = 0;
    this.stats.misses++;
    return true;
  }

  /** Halves every start's count (core/heat.ts: heat is entries in recent time, not ever). */
  cool(): void {
    const h = this.heat;
    for (let i = 0; i < h.length; i++) h[i] >>>= 1;
  }

  put(block: B): void {
    const off = block.off;
    if (this.blocks.size >= this.maxBlocks) this.clear(true);
    const page = off >>> 12;
    const old = this.blocks.get(off);
    if (old) old.valid = false;
    else {
      const list = this.byPage.get(page);
      if (list) list.push(off);
      else this.byPage.set(page, [off]);
    }
    this.blocks.set(off, block);
    this.codePage[page] = 1;
    this.stats.translated++;
  }

  /** Host code or the guest wrote page `page` of RAM: its blocks are stale. */
  invalidatePage(page: number): void {
    const list = this.byPage.get(page);
    this.codePage[page] = 0;
    if (!list) return;
    for (const off of list) {
      const b = this.blocks.get(off);
      if (b === undefined) continue;
      b.valid = false;
      this.blocks.delete(off);
      this.stats.invalidated++;
    }
    this.byPage.delete(page);
  }

  /** Drops the blocks of every page in [off, off + len). */
  invalidateRange(off: number, len: number): void {
    const last = Math.min(this.codePage.length - 1, (off + Math.max(len, 1) - 1) >>> 12);
    for (let p = off >>> 12; p <= last; p++) if (this.codePage[p] !== 0) this.invalidatePage(p);
  }

  clear(bound = false): void {
    if (bound) this.stats.flushes++;
    for (const b of this.blocks.values()) b.valid = false;
    this.blocks.clear();
    this.byPage.clear();
    this.codePage.fill(0);
  }
}

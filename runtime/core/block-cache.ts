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
//     `invalidatePage` only when it is set;
//   - the cache is bounded: past `maxBlocks` it is emptied whole (simple, and rare: Linux's boot
//     to userspace stays under the default bound).

export interface Block {
  /** Guest-virtual PC the block was built for (its branch targets and exits use it). */
  readonly vpc: number;
  /** Guest instructions in the block. */
  readonly len: number;
}

export interface BlockCacheStats {
  translated: number;
  hits: number;
  /** Blocks dropped because their page was written. */
  invalidated: number;
  /** Times the cache was emptied for reaching its bound. */
  flushes: number;
}

export const DEFAULT_MAX_BLOCKS = 1 << 15;

export class BlockCache<B extends Block> {
  /** Per 4 KB page of host RAM: 1 when blocks were built from it. Store paths test this. */
  readonly codePage: Uint8Array;
  readonly stats: BlockCacheStats = { translated: 0, hits: 0, invalidated: 0, flushes: 0 };
  private readonly blocks = new Map<number, B>();
  private readonly byPage = new Map<number, number[]>();

  constructor(
    ramBytes: number,
    readonly maxBlocks = DEFAULT_MAX_BLOCKS,
  ) {
    this.codePage = new Uint8Array(Math.ceil(ramBytes / 4096));
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

  put(off: number, block: B): void {
    if (this.blocks.size >= this.maxBlocks) this.clear(true);
    const page = off >>> 12;
    if (!this.blocks.has(off)) {
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
    for (const off of list) if (this.blocks.delete(off)) this.stats.invalidated++;
    this.byPage.delete(page);
  }

  /** Drops the blocks of every page in [off, off + len). */
  invalidateRange(off: number, len: number): void {
    const last = Math.min(this.codePage.length - 1, (off + Math.max(len, 1) - 1) >>> 12);
    for (let p = off >>> 12; p <= last; p++) if (this.codePage[p] !== 0) this.invalidatePage(p);
  }

  clear(bound = false): void {
    if (bound) this.stats.flushes++;
    this.blocks.clear();
    this.byPage.clear();
    this.codePage.fill(0);
  }
}

// The guest TLB: the MIPS32 JTLB as the guest sees it (tlbr/tlbwi/tlbwr/tlbp), plus an index
// so that a lookup never walks the entries (KVM's linear walk of its 64-entry guest TLB on every
// host miss was the cost its GVA page tables removed).
//
// Index: for each PageMask value in use (a guest uses one or two), two Maps keyed by the VPN2
// of the region at that page size: one for global entries, one for (VPN2, ASID). A lookup is
// one or two Map probes per distinct page size, whatever the number of live entries. The index
// is kept current on every entry write (tlbwi/tlbwr), so an ASID change needs no invalidation
// (the ASID is part of the key). Duplicate matching entries are architecturally undefined
// (a machine check on real cores); the index then finds the one written last.

export interface TlbEntryView {
  pageMask: number;
  entryHi: number;
  lo0: number;
  lo1: number;
}

class MaskIndex {
  readonly global = new Map<number, number>();
  readonly byAsid = new Map<number, number>();
  /** Entries per key (global keys and ASID keys cannot collide: the ASID key is ×256+asid,
   * and a separate map is used for each). Above 1 only while the guest has duplicates. */
  readonly globalCount = new Map<number, number>();
  readonly asidCount = new Map<number, number>();
  entries = 0;
  constructor(readonly mask: number) {}
}

export class GuestTlb {
  readonly pageMask: Int32Array;
  /** VPN2 (bits 31:13 with the PageMask bits cleared) | ASID. */
  readonly hi: Int32Array;
  /** EntryLo values as written, G bit = the entry's G. */
  readonly lo0: Int32Array;
  readonly lo1: Int32Array;
  readonly g: Uint8Array;
  private readonly indexed: Uint8Array;
  private readonly masks: MaskIndex[] = [];
  /** Lookups done (for the benchmark). */
  lookups = 0;

  constructor(readonly size: number) {
    this.pageMask = new Int32Array(size);
    this.hi = new Int32Array(size);
    this.lo0 = new Int32Array(size);
    this.lo1 = new Int32Array(size);
    this.g = new Uint8Array(size);
    this.indexed = new Uint8Array(size);
    // Reset: every entry unique and unmatchable by normal code (KSEG0 VPN2s, invalid).
    for (let i = 0; i < size; i++) this.write(i, 0, (0x80000000 + i * 0x2000) | 0, 0, 0);
  }

  private keyOf(hi: number, mask: number): number {
    return (hi & ~(mask | 0x1fff)) >>> 13;
  }

  private maskIndex(mask: number, create: boolean): MaskIndex | undefined {
    for (const m of this.masks) if (m.mask === mask) return m;
    if (!create) return undefined;
    const m = new MaskIndex(mask);
    this.masks.push(m);
    return m;
  }

  private unindex(i: number): void {
    this.indexed[i] = 0;
    const mi = this.maskIndex(this.pageMask[i], false);
    if (!mi) return;
    const k = this.keyOf(this.hi[i], this.pageMask[i]);
    const map = this.g[i] ? mi.global : mi.byAsid;
    const counts = this.g[i] ? mi.globalCount : mi.asidCount;
    const key = this.g[i] ? k : k * 256 + (this.hi[i] & 0xff);
    const left = (counts.get(key) ?? 1) - 1;
    if (left === 0) counts.delete(key);
    else counts.set(key, left);
    if (map.get(key) === i) {
      map.delete(key);
      if (left === 0) {
        if (--mi.entries === 0) this.masks.splice(this.masks.indexOf(mi), 1);
        return;
      }
      // Another entry with the same key (a duplicate the guest is replacing) takes its place.
      // Only a tlbwi/tlbwr that replaces one of several duplicates gets here, never a miss.
      for (let j = 0; j < this.size; j++) {
        if (j === i || !this.indexed[j] || this.pageMask[j] !== mi.mask || this.g[j] !== this.g[i])
          continue;
        const kj = this.keyOf(this.hi[j], mi.mask);
        if ((this.g[j] ? kj : kj * 256 + (this.hi[j] & 0xff)) === key) map.set(key, j);
      }
    }
    if (--mi.entries === 0) this.masks.splice(this.masks.indexOf(mi), 1);
  }

  /** Writes entry i (tlbwi/tlbwr) from the CP0 values. */
  write(i: number, pageMask: number, entryHi: number, lo0: number, lo1: number): void {
    if (this.indexed[i]) this.unindex(i);
    const mask = pageMask & 0x1fffe000;
    const g = lo0 & lo1 & 1;
    this.pageMask[i] = mask;
    this.hi[i] = entryHi & ~(mask | 0x1f00);
    this.lo0[i] = (lo0 & ~1) | g;
    this.lo1[i] = (lo1 & ~1) | g;
    this.g[i] = g;
    const mi = this.maskIndex(mask, true)!;
    mi.entries++;
    this.indexed[i] = 1;
    const k = this.keyOf(this.hi[i], mask);
    const key = g ? k : k * 256 + (this.hi[i] & 0xff);
    const counts = g ? mi.globalCount : mi.asidCount;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    (g ? mi.global : mi.byAsid).set(key, i);
  }

  /** The entry matching (va, asid), or -1. Cost: a few Map probes per page size in use. */
  lookup(va: number, asid: number): number {
    this.lookups++;
    const masks = this.masks;
    for (let j = 0; j < masks.length; j++) {
      const mi = masks[j];
      const k = (va & ~(mi.mask | 0x1fff)) >>> 13;
      const a = mi.byAsid.get(k * 256 + asid);
      if (a !== undefined) return a;
      const gl = mi.global.get(k);
      if (gl !== undefined) return gl;
    }
    return -1;
  }

  /** The same answer by walking every entry (KVM's kvm_mips_guest_tlb_lookup), for checks and benchmarks. */
  lookupLinear(va: number, asid: number): number {
    for (let i = 0; i < this.size; i++) {
      const mask = this.pageMask[i] | 0x1fff;
      if ((this.hi[i] & ~mask) === (va & ~mask) && (this.g[i] || (this.hi[i] & 0xff) === asid))
        return i;
    }
    return -1;
  }

  /** Bytes covered by each half (page) of entry i. */
  pageBytes(i: number): number {
    return ((this.pageMask[i] >>> 13) + 1) * 4096;
  }

  /** First virtual page number (4 KiB) entry i maps, and how many 4 KiB pages. */
  vpnRange(i: number): [first: number, count: number] {
    const bytes = this.pageBytes(i);
    return [(this.hi[i] & ~(this.pageMask[i] | 0x1fff)) >>> 12, (2 * bytes) / 4096];
  }

  read(i: number): TlbEntryView {
    return { pageMask: this.pageMask[i], entryHi: this.hi[i], lo0: this.lo0[i], lo1: this.lo1[i] };
  }
}

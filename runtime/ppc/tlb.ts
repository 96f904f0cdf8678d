// The 440 guest TLB: 64 entries as the guest sees them through tlbwe/tlbre/tlbsx, in the core's
// three words, plus an index so that a shadow miss never walks the entries (design.md; seed 003;
// kvm-model.md: KVM/440 walked its 64-entry guest TLB on every miss).
//
// Index: for each page size in use, a Map from (EPN at that size, TS) to the valid entries with
// that key, lowest index first. A lookup is one Map probe per distinct size in use (a guest uses
// two or three), then a TID check (0 or = PID) on the few candidates. The index changes only
// when word 0 or the TID changes (tlbwe word 0). Multiple hits are undefined on the 440; the
// lowest index wins, as in the linear walk kept for tests and the benchmark.

/** 440 TLB page sizes by SIZE field (bytes); 0 = reserved. */
export const PAGE_BYTES = [1 << 10, 1 << 12, 1 << 14, 1 << 16, 1 << 18, 1 << 20, 0, 1 << 24, 0, 1 << 28, 0, 0, 0, 0, 0, 0];

export const GUEST_TLB_ENTRIES = 64;

/** One guest TLB entry in the 440's words (only the architected bits kept). */
export class GuestTlbEntry {
  word0 = 0; // EPN 0xfffffc00 | V 0x200 | TS 0x100 | SIZE 0xf0
  word1 = 0; // RPN 0xfffffc00 | ERPN 0xf
  word2 = 0; // U0-U3 0xf000 | W I M G E 0xf80 | UX UW UR SX SW SR 0x3f
  tid = 0;
  get valid(): boolean {
    return (this.word0 & 0x200) !== 0 && this.bytes !== 0;
  }
  get ts(): number {
    return (this.word0 >>> 8) & 1;
  }
  get sizeCode(): number {
    return (this.word0 >>> 4) & 0xf;
  }
  get bytes(): number {
    return PAGE_BYTES[this.sizeCode];
  }
  get epn(): number {
    const b = this.bytes || 1024;
    return (this.word0 & ~(b - 1)) >>> 0;
  }
  get rpn(): number {
    const b = this.bytes || 1024;
    return (this.word1 & ~(b - 1)) >>> 0;
  }
  get erpn(): number {
    return this.word1 & 0xf;
  }
  matches(ea: number, pid: number, as: number): boolean {
    if (!this.valid || this.ts !== as) return false;
    if (this.tid !== 0 && this.tid !== pid) return false;
    const a = ea >>> 0;
    return a >= this.epn && a - this.epn < this.bytes;
  }
}

export class GuestTlb {
  readonly entries: GuestTlbEntry[] = Array.from({ length: GUEST_TLB_ENTRIES }, () => new GuestTlbEntry());
  /** Per SIZE code: key → entry indices (ascending). */
  private readonly index: (Map<number, number[]> | undefined)[] = new Array(16);
  private readonly inUse = new Uint8Array(16);
  /** The key each entry is indexed under, or -1. */
  private readonly keyOf = new Float64Array(GUEST_TLB_ENTRIES).fill(-1);
  private readonly sizeOf = new Int8Array(GUEST_TLB_ENTRIES);
  lookups = 0;

  private static key(ea: number, sizeCode: number, ts: number): number {
    const shift = 10 + 2 * sizeCode;
    return (ea >>> shift) * 2 + ts;
  }

  /** tlbwe: word select 0-2; word 0 also takes the TID (MMUCR[STID]). */
  write(i: number, ws: number, v: number, stid: number): void {
    const e = this.entries[i];
    if (ws === 0) {
      this.unindex(i);
      e.word0 = v & (0xfffffff0 | 0);
      e.tid = stid & 0xff;
      this.reindex(i);
    } else if (ws === 1) e.word1 = v & (0xfffffc0f | 0);
    else if (ws === 2) e.word2 = v & 0xffbf;
  }

  /** Sets all of an entry at once (board reset state). */
  set(i: number, word0: number, word1: number, word2: number, tid: number): void {
    this.write(i, 0, word0, tid);
    this.write(i, 1, word1, 0);
    this.write(i, 2, word2, 0);
  }

  private unindex(i: number): void {
    const k = this.keyOf[i];
    if (k < 0) return;
    const sc = this.sizeOf[i];
    const m = this.index[sc]!;
    const list = m.get(k)!;
    list.splice(list.indexOf(i), 1);
    if (list.length === 0) m.delete(k);
    this.inUse[sc]--;
    this.keyOf[i] = -1;
  }

  private reindex(i: number): void {
    const e = this.entries[i];
    if (!e.valid) return;
    const sc = e.sizeCode;
    const k = GuestTlb.key(e.epn, sc, e.ts);
    const m = (this.index[sc] ??= new Map<number, number[]>());
    const list = m.get(k);
    if (list === undefined) m.set(k, [i]);
    else {
      list.push(i);
      list.sort((a, b) => a - b);
    }
    this.inUse[sc]++;
    this.keyOf[i] = k;
    this.sizeOf[i] = sc;
  }

  /** Index of the entry translating `ea` for (pid, as), or -1. */
  lookup(ea: number, pid: number, as: number): number {
    this.lookups++;
    let best = -1;
    for (let sc = 0; sc < 16; sc++) {
      if (this.inUse[sc] === 0) continue;
      const list = this.index[sc]!.get(GuestTlb.key(ea >>> 0, sc, as));
      if (list === undefined) continue;
      for (const i of list) {
        const tid = this.entries[i].tid;
        if (tid === 0 || tid === pid) {
          if (best < 0 || i < best) best = i;
          break;
        }
      }
    }
    return best;
  }

  /** KVM/440's walk, for tests and the benchmark. */
  lookupLinear(ea: number, pid: number, as: number): number {
    for (let i = 0; i < GUEST_TLB_ENTRIES; i++) if (this.entries[i].matches(ea, pid, as)) return i;
    return -1;
  }
}

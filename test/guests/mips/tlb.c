/* tlb: the MIPS32 TLB as a kernel uses it, with the guest's own refill handler.
 *  - flush every entry to a unique unmatchable KSEG0 VPN2 (as Linux's local_flush_tlb_all);
 *  - tlbwi then tlbr of several entries: PageMask, EntryHi (VPN2|ASID), EntryLo0/1 read back;
 *    G reads back as the AND of the two EntryLo G bits written;
 *  - tlbp: hit (index), hit on the odd page of a pair, hit on a global entry under another
 *    ASID, misses (Index.P; the rest of Index is not printed, the manual leaves it undefined);
 *  - loads and stores through mappings, compared with the same physical memory through KSEG0;
 *    two entries for one VPN2 under ASIDs 5 and 6 and switching EntryHi.ASID between them;
 *    a global entry seen under both;
 *  - page sizes 16 KiB, 64 KiB, 1 MiB, 4 MiB (PageMask read back, both halves of each pair);
 *  - Wired and Random (Random only checked to lie in [Wired, entries-1]: QEMU deviation 5);
 *  - TLB refill through vector +0x000 handled by tlb_refill_handler (tlb.S) from a page table
 *    Context points into: load and store misses (TLBL/TLBS), BadVAddr, Context.BadVPN2,
 *    EntryHi after the miss, a miss per ASID, wired entries surviving many tlbwr;
 *  - TLB invalid (V = 0): TLBL/TLBS through the general vector +0x180, not the refill vector;
 *  - TLB modified (V = 1, D = 0): Mod, fixed by the handler with tlbp/tlbr/tlbwi, store retried;
 *  - a TLB miss with Status.EXL = 1: general vector, EPC not written.
 * The number of TLB entries (Config1.MMUSize) is used but not printed: QEMU has 16 (deviation
 * 6), other implementations may have more; how many refills a run of evictions needs depends on
 * Random and is not printed either. */
#include "common/guest.h"

#define KSEG0(pa) ((pa) | 0x80000000u)
#define LO(pa, flags) ((((pa) >> 12) << 6) | (flags))
#define LO_G 0x1
#define LO_V 0x2
#define LO_D 0x4
#define LO_C3 (3 << 3)
#define PAGE_TABLE 0x80800000u /* KSEG0: Context.PTEBase */

void tlb_refill_handler(void);
u32 tlb_exl_load(u32 va);
extern char x_exl_resume[];
volatile u32 refill_log[4]; /* cause, badvaddr, epc, count */

static u32 nentries;

static void tlbwi(u32 idx, u32 hi, u32 lo0, u32 lo1, u32 mask) {
  mtc0(0, 0, idx);
  mtc0(10, 0, hi);
  mtc0(2, 0, lo0);
  mtc0(3, 0, lo1);
  mtc0(5, 0, mask);
  __asm__ volatile("tlbwi\n\tehb" ::: "memory");
}

struct tlbe {
  u32 mask, hi, lo0, lo1;
};

static struct tlbe tlbr(u32 idx) {
  struct tlbe e;
  mtc0(0, 0, idx);
  __asm__ volatile("tlbr\n\tehb" ::: "memory");
  e.mask = mfc0(5, 0);
  e.hi = mfc0(10, 0);
  e.lo0 = mfc0(2, 0);
  e.lo1 = mfc0(3, 0);
  return e;
}

static u32 tlbp(u32 hi) {
  mtc0(10, 0, hi);
  __asm__ volatile("tlbp\n\tehb" ::: "memory");
  return mfc0(0, 0);
}

static void set_asid(u32 asid) { mtc0(10, 0, asid); }

static u32 rd(u32 va) { return *(volatile u32 *)va; }
static void wr(u32 va, u32 v) { *(volatile u32 *)va = v; }
/* Accesses expected to fault (tlb.S: never in a delay slot). */
u32 rd_fault(u32 va);
void wr_fault(u32 va, u32 v);

static void show_entry(const char *what, u32 idx) {
  struct tlbe e = tlbr(idx);
  pr("%s: tlbr[%u] pagemask=%x entryhi=%x lo0=%x lo1=%x\n", what, idx, e.mask, e.hi, e.lo0, e.lo1);
}

static void show_probe(const char *what, u32 hi) {
  u32 i = tlbp(hi);
  if (i & 0x80000000u)
    pr("tlbp %s (%x): miss (P=1)\n", what, hi);
  else
    pr("tlbp %s (%x): index %u\n", what, hi, i);
}

/* Mod handler: make the page dirty in the entry that matched, retry the store. */
static int mod_seen;
static int fix_mod(struct frame *f) {
  if (CA_EXC(f->cause) != EXC_MOD) return 0;
  mod_seen++;
  __asm__ volatile("tlbp\n\tehb" ::: "memory"); /* EntryHi holds VPN2|ASID of the fault */
  u32 idx = mfc0(0, 0);
  __asm__ volatile("tlbr\n\tehb" ::: "memory");
  if (f->badvaddr & 0x1000)
    mtc0(3, 0, mfc0(3, 0) | LO_D);
  else
    mtc0(2, 0, mfc0(2, 0) | LO_D);
  mtc0(0, 0, idx);
  __asm__ volatile("tlbwi\n\tehb" ::: "memory");
  return 1; /* EPC unchanged: the store runs again */
}

static void show_fault(const char *what) {
  pr("%s: %s(%d) vec=0x%h badvaddr=%x entryhi=%x context=%x\n", what, exc_name(CA_EXC(last_exc.cause)), CA_EXC(last_exc.cause),
     last_exc.vector, last_exc.badvaddr, mfc0(10, 0), mfc0(4, 0));
}

int main(void) {
  install_vectors((u32)vectors_base);
  pr("== tlb ==\n");
  u32 config1 = mfc0(16, 1);
  nentries = ((config1 >> 25) & 63) + 1;
  pr("config0.mt=%u wired at reset=%u\n", (mfc0(16, 0) >> 7) & 7, mfc0(6, 0));

  /* Flush: unique KSEG0 VPN2s (never matched: KSEG0 is unmapped), invalid. */
  for (u32 i = 0; i < nentries; i++) tlbwi(i, 0x80000000u + (i << 13), 0, 0, 0);
  show_entry("after flush", 0);

  /* Physical pages, written through KSEG0. */
  const u32 P0 = 0x02000000, P1 = 0x02001000, P2 = 0x02002000, P3 = 0x02003000, PG = 0x02004000, PI = 0x02005000, PM = 0x02006000;
  wr(KSEG0(P0) + 0x10, 0xaaaa0000);
  wr(KSEG0(P1) + 0x10, 0xbbbb1111);
  wr(KSEG0(P2) + 0x10, 0xcccc2222);
  wr(KSEG0(P3) + 0x10, 0xdddd3333);
  wr(KSEG0(PG) + 0x10, 0xeeee4444);
  wr(KSEG0(PM) + 0x10, 0x99990000);

  tlbwi(1, 0x00400000 | 5, LO(P0, LO_C3 | LO_D | LO_V), LO(P1, LO_C3 | LO_D | LO_V), 0);
  tlbwi(2, 0x00600000 | 7, LO(PG, LO_C3 | LO_V | LO_G), LO(PG, LO_C3 | LO_V), 0);
  tlbwi(3, 0x00800000 | 9, LO(PG, LO_C3 | LO_D | LO_V | LO_G), LO(PG, LO_C3 | LO_D | LO_V | LO_G), 0);
  tlbwi(8, 0x00400000 | 6, LO(P2, LO_C3 | LO_D | LO_V), LO(P3, LO_C3 | LO_D | LO_V), 0);
  tlbwi(9, 0x00a00000 | 5, LO(PI, LO_C3 | LO_D), LO(PM, LO_C3 | LO_V), 0); /* even invalid, odd clean */
  show_entry("asid 5 pair", 1);
  show_entry("G only in lo0", 2);
  show_entry("global", 3);
  show_entry("asid 6 pair", 8);
  show_entry("invalid/clean", 9);

  /* Page sizes: PageMask, even and odd physical halves. */
  static const struct {
    u32 mask, va, even, odd;
    const char *name;
  } big[] = {{0x00006000, 0x10000000, 0x02200000, 0x02204000, "16K"},
             {0x0001e000, 0x10100000, 0x02300000, 0x02310000, "64K"},
             {0x001fe000, 0x10400000, 0x02400000, 0x02500000, "1M"},
             {0x007fe000, 0x11000000, 0x02800000, 0x02c00000, "4M"}};
  for (u32 k = 0; k < 4; k++) {
    tlbwi(4 + k, big[k].va | 5, LO(big[k].even, LO_C3 | LO_D | LO_V), LO(big[k].odd, LO_C3 | LO_D | LO_V), big[k].mask);
    show_entry(big[k].name, 4 + k);
  }
  mtc0(5, 0, 0);

  show_probe("asid 5 even", 0x00400000 | 5);
  show_probe("asid 5 odd page", 0x00401000 | 5);
  show_probe("asid 6", 0x00400000 | 6);
  show_probe("asid 7 (no entry)", 0x00400000 | 7);
  show_probe("global under asid 33", 0x00800000 | 33);
  show_probe("G only in lo0, asid 8", 0x00600000 | 8);
  show_probe("unmapped", 0x00402000 | 5);
  show_probe("64K entry, inside", 0x1010e000 | 5);

  set_asid(5);
  pr("asid 5: %x %x", rd(0x00400010), rd(0x00401010));
  wr(0x00400020, 0x12345678);
  wr(0x00401024, 0x9abcdef0);
  pr(" stores seen via kseg0: %x %x\n", rd(KSEG0(P0) + 0x20), rd(KSEG0(P1) + 0x24));
  set_asid(6);
  pr("asid 6: %x %x\n", rd(0x00400010), rd(0x00401010));
  set_asid(5);
  pr("asid 5 again: %x\n", rd(0x00400010));
  pr("global entry under asid 5/6: %x", rd(0x00800010));
  set_asid(6);
  pr(" %x\n", rd(0x00800010));
  set_asid(5);
  for (u32 k = 0; k < 4; k++) {
    u32 half = ((big[k].mask >> 1) | 0xfff) + 1; /* bytes per page (half the pair) */
    wr(KSEG0(big[k].even) + half - 4, 0x11000000 | k);
    wr(KSEG0(big[k].odd) + 8, 0x22000000 | k);
    pr("%s pages: even last word %x, odd +8 %x\n", big[k].name, rd(big[k].va + half - 4), rd(big[k].va + half + 8));
  }

  /* Wired / Random. */
  mtc0(6, 0, 12);
  u32 random = mfc0(1, 0);
  pr("wired=%u random in [wired, entries-1]: %u\n", mfc0(6, 0), random >= 12 && random <= nentries - 1);

  /* Refill from the guest's page table: 8 page pairs at 0x01000000 → physical 0x02100000+. */
  mtc0(4, 0, PAGE_TABLE);
  pr("context after writing ptebase: ptebase=%x\n", mfc0(4, 0) & 0xff800000u);
  for (u32 page = 0; page < 16; page++) {
    u32 pa = 0x02100000 + page * 0x1000;
    wr(KSEG0(pa), 0x5a000000 | page);
    u32 vpn2 = (0x01000000 + page * 0x1000) >> 13;
    ((volatile u32 *)(PAGE_TABLE + vpn2 * 16))[page & 1] = LO(pa, LO_C3 | LO_D | LO_V);
  }
  refill_hook = (u32)tlb_refill_handler;
  set_asid(5);
  u32 v = rd(0x01000000);
  pr("refill load: value=%x count=%u %s badvaddr=%x epc in main:%u entryhi=%x context=%x\n", v, refill_log[3],
     exc_name(CA_EXC(refill_log[0])), refill_log[1], refill_log[2] >= 0x80100000 && refill_log[2] < 0x80200000, mfc0(10, 0),
     mfc0(4, 0));
  v = rd(0x01000000);
  pr("same page again: value=%x count=%u\n", v, refill_log[3]);
  v = rd(0x01001000);
  pr("odd page of the pair: value=%x count=%u\n", v, refill_log[3]);
  wr(0x01004008, 0x77777777);
  pr("refill store: count=%u %s badvaddr=%x seen via kseg0=%x entryhi=%x context=%x\n", refill_log[3],
     exc_name(CA_EXC(refill_log[0])), refill_log[1], rd(KSEG0(0x02104008)), mfc0(10, 0), mfc0(4, 0));
  u32 ok = 1;
  for (int pass = 0; pass < 3; pass++)
    for (u32 page = 0; page < 16; page++) ok &= rd(0x01000000 + page * 0x1000) == (0x5a000000 | page);
  pr("16 pages x3 through refills: all correct=%u\n", ok);
  set_asid(6);
  u32 before = refill_log[3];
  (void)rd(0x01000000);
  (void)rd(0x01000000);
  pr("asid 6, same va: refills=%u entryhi=%x\n", refill_log[3] - before, mfc0(10, 0));
  set_asid(5);
  ok = 1;
  for (u32 i = 0; i < 12; i++) {
    struct tlbe e = tlbr(i);
    u32 expect_hi = i == 0 ? 0x80000000u : i == 1 ? 0x00400005 : i == 8 ? 0x00400006 : i == 9 ? 0x00a00005 : 0;
    if (expect_hi && e.hi != expect_hi) ok = 0;
  }
  set_asid(5);
  pr("wired entries intact after tlbwr: %u\n", ok);
  refill_hook = (u32)general_entry;

  /* TLB invalid and modified. */
  (void)rd_fault(0x00a00010);
  show_fault("load from invalid page");
  set_asid(5);
  wr_fault(0x00a00010, 1);
  show_fault("store to invalid page");
  set_asid(5);
  pr("load from clean page: %x\n", rd(0x00a01010));
  exc_hook = fix_mod;
  wr_fault(0x00a01010, 0x0d0d0d0d);
  exc_hook = 0;
  show_fault("store to clean page");
  pr("mod handled %u time(s); store landed: %x; tlbr lo1.D=%u\n", mod_seen, rd(KSEG0(PM) + 0x10), (tlbr(9).lo1 >> 2) & 1);
  set_asid(5);

  /* Miss with EXL = 1. */
  keep_epc = 1;
  v = tlb_exl_load(0x03000000);
  keep_epc = 0;
  pr("miss with EXL=1: %s(%d) vec=0x%h epc=x_exl_resume:%u badvaddr=%x status.exl after=%u\n", exc_name(CA_EXC(last_exc.cause)),
     CA_EXC(last_exc.cause), last_exc.vector, last_exc.epc == (u32)x_exl_resume, last_exc.badvaddr, (mfc0(12, 0) >> 1) & 1);

  mtc0(10, 0, 0xffffffff);
  pr("entryhi written ffffffff reads %x\n", mfc0(10, 0));
  pr("exceptions taken (general vector): %u\n", last_exc.count);
  pr("done\n");
  return 0;
}

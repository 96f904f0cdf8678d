/* tlb: the guest's own TLB entries through tlbwe/tlbre/tlbsx (MMUCR[STID], MMUCR[STS]):
 * 4 KB, 64 KB, 1 MB and 16 MB pages mapping RAM at other virtual addresses; entries with TID 5
 * and 6 at one address and PID switches between them; a PID with no entry, whose data TLB miss
 * goes to the guest's own handler (IVOR13: DEAR, ESR[ST]); a page without write permission
 * (data storage interrupt, IVOR2), also in user state for a page without UR; tlbsx. on a hit
 * and a miss; tlbre of each word.
 * QEMU keeps EPN bits below the page size and drops the E bit (qemu-deviations.md PowerPC 7):
 * the guest writes aligned EPNs and E = 0. */
#include "common/guest.h"

#define TLB_V 0x200
#define SZ_4K (1 << 4)
#define SZ_64K (3 << 4)
#define SZ_1M (5 << 4)
#define SZ_16M (7 << 4)
#define P_SR 0x01
#define P_SW 0x02
#define P_SX 0x04

static void tlbwe3(u32 idx, u32 w0, u32 w1, u32 w2) {
  __asm__ volatile("tlbwe %0,%3,0; tlbwe %1,%3,1; tlbwe %2,%3,2; isync" : : "r"(w0), "r"(w1), "r"(w2), "r"(idx) : "memory");
}

static u32 rd(u32 va) { return *(volatile u32 *)va; }
static void wr(u32 va, u32 v) { *(volatile u32 *)va = v; }

int main(void) {
  install_vectors();
  skip_insn[13] = 4;
  skip_insn[2] = 4;
  mtspr(SPR_MMUCR, 0);
  mtspr(SPR_PID, 0);

  /* physical scratch: 0x00800000.. (8 MB), 0x01000000 for the 16 MB page */
  tlbwe3(10, 0x40000000 | TLB_V | SZ_4K, 0x00800000, P_SR | P_SW);
  tlbwe3(11, 0x50000000 | TLB_V | SZ_64K, 0x00810000, P_SR | P_SW);
  tlbwe3(12, 0x60000000 | TLB_V | SZ_1M, 0x00900000, P_SR | P_SW);
  tlbwe3(13, 0x70000000 | TLB_V | SZ_16M, 0x01000000, P_SR | P_SW);
  wr(0x40000010, 0x11111111);
  wr(0x5000fff0, 0x22222222);
  wr(0x600ffff0, 0x33333333);
  wr(0x70fffff0, 0x44444444);
  pr("4K %x 64K %x 1M %x 16M %x\n", rd(0x00800010), rd(0x0081fff0), rd(0x009ffff0), rd(0x01fffff0));
  wr(0x00800020, 0xabcdef01);
  pr("alias read %x\n", rd(0x40000020));

  for (u32 ws = 0; ws < 3; ws++) {
    u32 v;
    __asm__ volatile("tlbre %0,%1,%2" : "=r"(v) : "r"(11), "i"(0) : "memory");
    if (ws == 1) __asm__ volatile("tlbre %0,%1,1" : "=r"(v) : "r"(11));
    if (ws == 2) __asm__ volatile("tlbre %0,%1,2" : "=r"(v) : "r"(11));
    pr("tlbre 11 word%u=%x\n", ws, ws == 0 ? v & 0xfffffff0 : ws == 1 ? v & 0xfffffc0f : v & 0xffbf);
  }

  /* TID 5 and TID 6 entries at 0x48000000 */
  mtspr(SPR_MMUCR, 5);
  tlbwe3(20, 0x48000000 | TLB_V | SZ_4K, 0x00801000, P_SR | P_SW);
  mtspr(SPR_MMUCR, 6);
  tlbwe3(21, 0x48000000 | TLB_V | SZ_4K, 0x00802000, P_SR | P_SW);
  mtspr(SPR_MMUCR, 0);
  wr(0x00801000, 0x55550005);
  wr(0x00802000, 0x66660006);
  mtspr(SPR_PID, 5);
  pr("pid 5 reads %x\n", rd(0x48000000));
  mtspr(SPR_PID, 6);
  pr("pid 6 reads %x\n", rd(0x48000000));
  {
    u32 mmucr;
    u32 v;
    __asm__ volatile("tlbre %0,%1,0" : "=r"(v) : "r"(20));
    mmucr = mfspr(SPR_MMUCR);
    pr("tlbre 20 sets mmucr stid=%x\n", mmucr & 0xff);
  }
  mtspr(SPR_PID, 7);
  u32 c0 = last_exc.count;
  u32 v = 0x12345678;
  __asm__ volatile("lis 5,0x4800; lwz %0,0(5)" : "+r"(v) : : "r5", "memory");
  pr("pid 7: interrupts=%u ivor=%u dear=%x esr=%x value-kept=%x\n", last_exc.count - c0, last_exc.ivor, last_exc.dear, last_exc.esr, v);
  c0 = last_exc.count;
  __asm__ volatile("lis 5,0x4800; stw %0,4(5)" : : "r"(v) : "r5", "memory");
  pr("pid 7 store: interrupts=%u ivor=%u dear=%x esr=%x\n", last_exc.count - c0, last_exc.ivor, last_exc.dear, last_exc.esr);
  /* the guest's handler path: map it for PID 7 and retry */
  mtspr(SPR_MMUCR, 7);
  tlbwe3(22, 0x48000000 | TLB_V | SZ_4K, 0x00803000, P_SR | P_SW);
  mtspr(SPR_MMUCR, 0);
  wr(0x48000008, 0x77770007);
  pr("pid 7 after mapping %x phys %x\n", rd(0x48000008), rd(0x00803008));
  mtspr(SPR_PID, 0);

  /* read-only page: DSI on store */
  tlbwe3(14, 0x44000000 | TLB_V | SZ_4K, 0x00804000, P_SR);
  wr(0x00804000, 0xfeedface);
  c0 = last_exc.count;
  __asm__ volatile("lis 5,0x4400; stw %0,0(5)" : : "r"(0) : "r5", "memory");
  pr("read-only store: interrupts=%u ivor=%u dear=%x esr=%x kept=%x\n", last_exc.count - c0, last_exc.ivor, last_exc.dear, last_exc.esr, rd(0x44000000));

  /* tlbsx */
  {
    u32 idx = 0xeeee, cr;
    __asm__ volatile("li 0,0; mtcr 0; tlbsx. %0,0,%2; mfcr %1" : "+r"(idx), "=r"(cr) : "r"(0x5000abcd) : "r0", "cr0");
    pr("tlbsx. 5000abcd idx=%u cr0=%x\n", idx, cr >> 28);
    idx = 0xeeee;
    __asm__ volatile("li 0,0; mtcr 0; tlbsx. %0,0,%2; mfcr %1" : "+r"(idx), "=r"(cr) : "r"(0x5800abcd) : "r0", "cr0");
    pr("tlbsx. 5800abcd cr0=%x\n", cr >> 28); /* RT is undefined on a miss */
    mtspr(SPR_MMUCR, 6);
    __asm__ volatile("tlbsx %0,0,%1" : "=r"(idx) : "r"(0x48000100));
    pr("tlbsx stid 6 48000100 idx=%u\n", idx);
    mtspr(SPR_MMUCR, 0);
  }
  /* invalidate entry 10 (V = 0): the mapping is gone */
  tlbwe3(10, 0x40000000 | SZ_4K, 0x00800000, P_SR | P_SW);
  c0 = last_exc.count;
  __asm__ volatile("lis 5,0x4000; lwz %0,0(5)" : "+r"(v) : : "r5", "memory");
  pr("after invalidate: interrupts=%u ivor=%u dear=%x\n", last_exc.count - c0, last_exc.ivor, last_exc.dear);
  /* user state: a supervisor-only page (SR|SW, no UR/UW) gives a DSI; a UR page reads */
  tlbwe3(15, 0x44100000 | TLB_V | SZ_4K, 0x00805000, P_SR | P_SW);
  tlbwe3(16, 0x44200000 | TLB_V | SZ_4K, 0x00805000, P_SR | 0x08 /* UR */);
  wr(0x00805000, 0x0badcafe);
  {
    u32 got = 0, uval = 0;
    c0 = last_exc.count;
    __asm__ volatile(
        "lis 4,1f@ha; addi 4,4,1f@l; mtsrr0 4; mfmsr 4; ori 4,4,0x4000; mtsrr1 4; rfi\n"
        "1: lis 5,0x4410; lwz %0,0(5)\n"   /* DSI: skipped */
        "   lis 5,0x4420; lwz %1,0(5)\n"   /* allowed */
        "   sc\n"
        : "+r"(got), "+r"(uval) : : "r4", "r5", "memory");
    pr("user: interrupts=%u (dsi, sc) got=%x uread=%x\n", last_exc.count - c0, got, uval);
  }
  pr("done\n");
  return 0;
}

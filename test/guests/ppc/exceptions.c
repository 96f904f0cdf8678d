/* exceptions: interrupts taken through IVPR/IVORs and returned from with rfi: sc (IVOR8, SRR0 =
 * next instruction), tw/twi (IVOR6, ESR[PTR], SRR0 = the trap), an illegal instruction word and
 * isel and tlbivax, which the 440 core lacks (IVOR6, ESR[PIL]), privileged instructions executed in user
 * state (IVOR6, ESR[PPR]) and a user-state SPR read that is allowed (SPRG4R, mftb).
 * SRR1 is printed masked to its low half: QEMU 7.2 ORs classic reason bits 0x000e0000 into the
 * high half on program interrupts, where the 440 saves the MSR (qemu-deviations.md PowerPC 1). */
#include "common/guest.h"

#define ESR_PIL 0x08000000
#define ESR_PPR 0x04000000
#define ESR_PTR 0x02000000

static void show(const char *what, u32 at, u32 count0) {
  pr("%s: taken=%u ivor=%u srr0-at=%d srr1lo=%x esr=%x\n", what, last_exc.count - count0, last_exc.ivor,
     (s32)(last_exc.srr0 - at), last_exc.srr1 & 0xffff, last_exc.esr);
}

int main(void) {
  u32 at, c0;
  install_vectors();
  mtspr(SPR_ESR, 0);
  skip_insn[6] = 4;

  c0 = last_exc.count;
  __asm__ volatile("lis %0,1f@ha; addi %0,%0,1f@l; 1: sc" : "=&b"(at) : : "memory");
  show("sc", at, c0);

  c0 = last_exc.count;
  __asm__ volatile("lis %0,1f@ha; addi %0,%0,1f@l; 1: tw 31,0,0" : "=&b"(at) : : "memory");
  show("tw", at, c0);

  c0 = last_exc.count;
  __asm__ volatile("lis %0,1f@ha; addi %0,%0,1f@l; li 5,7; 1: twi 8,5,5" : "=&b"(at) : : "r5", "memory");
  show("twgti 7>5", at, c0);

  c0 = last_exc.count;
  __asm__ volatile("lis %0,1f@ha; addi %0,%0,1f@l; li 5,3; 1: twi 8,5,5" : "=&b"(at) : : "r5", "memory");
  pr("twgti 3>5: taken=%u\n", last_exc.count - c0);

  c0 = last_exc.count;
  __asm__ volatile("lis %0,1f@ha; addi %0,%0,1f@l; li 5,-1; li 6,1; 1: tw 2,5,6" : "=&b"(at) : : "r5", "r6", "memory");
  show("twllt -1<1 (unsigned: no)", at, c0);
  c0 = last_exc.count;
  __asm__ volatile("lis %0,1f@ha; addi %0,%0,1f@l; li 5,-1; li 6,1; 1: tw 16,5,6" : "=&b"(at) : : "r5", "r6", "memory");
  show("twlt -1<1", at, c0);

  mtspr(SPR_ESR, 0);
  c0 = last_exc.count;
  __asm__ volatile("lis %0,1f@ha; addi %0,%0,1f@l; 1: .long 0" : "=&b"(at) : : "memory");
  show("illegal 00000000", at, c0);

  mtspr(SPR_ESR, 0);
  c0 = last_exc.count;
  __asm__ volatile("lis %0,1f@ha; addi %0,%0,1f@l; li 5,1; li 6,2; 1: .long 0x7ca5319e" : "=&b"(at) : : "r5", "r6", "memory"); /* isel 5,5,6,6 */
  show("isel", at, c0);

  /* tlbivax: Book E, but not on the 440 core */
  mtspr(SPR_ESR, 0);
  c0 = last_exc.count;
  __asm__ volatile("lis %0,1f@ha; addi %0,%0,1f@l; li 5,0; 1: tlbivax 0,5" : "=&b"(at) : : "r5", "memory");
  show("tlbivax", at, c0);

  /* user state: rfi with MSR[PR]=1, then privileged instructions, then sc back. */
  mtspr(SPR_ESR, 0);
  mtspr(276, 0x5a5a0004); /* SPRG4W */
  {
    u32 sprg4, msr_user, tb1, tb2, cnt;
    c0 = last_exc.count;
    __asm__ volatile(
        "lis 4,1f@ha; addi 4,4,1f@l; mtsrr0 4; mfmsr 4; ori 4,4,0x4000; mtsrr1 4; rfi\n"
        "1: mfspr %0,260\n"           /* SPRG4R: readable in user state */
        "   mftb %2\n"
        "   mftb %3\n"
        "   lis %1,0\n"
        "   mfmsr %1\n"               /* privileged: skipped, %1 stays 0 */
        "   mtspr 272,%1\n"           /* SPRG0: privileged */
        "   wrteei 0\n"
        "   rfi\n"
        "   sc\n"
        : "=&r"(sprg4), "=&r"(msr_user), "=&r"(tb1), "=&r"(tb2)
        :
        : "r4", "memory");
    cnt = last_exc.count - c0;
    pr("user: sprg4r=%x mfmsr-result=%x tb-advances=%u interrupts=%u last-ivor=%u esr=%x\n", sprg4, msr_user,
       tb2 - tb1 < 0x10000, cnt, last_exc.ivor, last_exc.esr);
    pr("back in supervisor: msr-pr=%u\n", (mfmsr() >> 14) & 1);
  }
  pr("done\n");
  return 0;
}

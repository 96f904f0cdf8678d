/* branches: b/bl/ba/bla, bc with CTR (bdnz, bdz, bdnzt, bdzf), conditional forms on CR bits,
 * bclr/bcctr and their link forms (blr, bctrl, beqlr, bnectr), "bcl 20,31" to read the pc, and
 * the "branch always" BO encodings. Each test prints what it counted or where it arrived. */
#include "common/guest.h"

static u32 __attribute__((noinline)) callee(u32 x) { return x * 3 + 1; }

int main(void) {
  u32 n, ctr, a, b;
  /* bdnz: CTR loop */
  __asm__ volatile("li %0,0; li 5,7; mtctr 5; 1: addi %0,%0,2; bdnz 1b; mfctr %1" : "=&r"(n), "=&r"(ctr) : : "r5", "ctr");
  pr("bdnz n=%u ctr=%x\n", n, ctr);
  /* bdz: exits when CTR becomes zero */
  __asm__ volatile("li %0,0; li 5,3; mtctr 5; 1: addi %0,%0,1; bdz 2f; b 1b; 2: mfctr %1" : "=&r"(n), "=&r"(ctr) : : "r5", "ctr");
  pr("bdz n=%u ctr=%x\n", n, ctr);
  /* bdnzt: loop while CTR != 0 and cr0.eq */
  __asm__ volatile("li %0,0; li 5,10; mtctr 5; 1: addi %0,%0,1; cmpwi %0,4; bdnzf 2,1b; mfctr %1" : "=&r"(n), "=&r"(ctr) : : "r5", "ctr", "cr0");
  pr("bdnzf eq n=%u ctr=%x\n", n, ctr);
  __asm__ volatile("li %0,0; li 5,10; mtctr 5; cmpwi 5,10; 1: addi %0,%0,1; bdnzt 2,1b; mfctr %1" : "=&r"(n), "=&r"(ctr) : : "r5", "ctr", "cr0");
  pr("bdnzt eq n=%u ctr=%x\n", n, ctr);
  /* conditional branches on each CR0 bit */
  for (int v = -1; v <= 1; v++) {
    __asm__ volatile("li %0,0; cmpwi %1,0; blt 1f; ori %0,%0,1; 1: bgt 2f; ori %0,%0,2; 2: beq 3f; ori %0,%0,4; 3: bge 4f; ori %0,%0,8; 4: ble 5f; ori %0,%0,16; 5: bne 6f; ori %0,%0,32; 6:"
                     : "=&r"(n) : "r"(v) : "cr0");
    pr("cond v=%d mask=%x\n", v, n);
  }
  /* summary-overflow branch */
  __asm__ volatile("lis 5,0x8000; mtxer 5; li 5,1; add. 5,5,5; li %0,0; bso 1f; li %0,1; 1: bns 2f; ori %0,%0,2; 2: li 5,0; mtxer 5" : "=&r"(n) : : "r5", "cr0", "xer");
  pr("bso/bns %x\n", n);
  /* bl/blr via a call, bctrl through a function pointer */
  u32 (*volatile fp)(u32) = callee;
  pr("call %u ptr %u\n", callee(5), fp(7));
  /* bcl 20,31,$+4 reads the pc; ba/bla go to absolute targets (the image is below 32 MB) */
  __asm__ volatile("bcl 20,31,1f; 1: mflr %0; lis %1,1b@ha; addi %1,%1,1b@l" : "=&r"(a), "=&r"(b) : : "lr");
  pr("bcl pc ok=%u\n", a == b);
  __asm__ volatile("li %0,0; ba 1f; li %0,9; 1: addi %0,%0,1; bla 2f; 4: b 3f; 2: mflr %1; addi %0,%0,10; blr; 3: lis %2,4b@ha; addi %2,%2,4b@l"
                   : "=&r"(n), "=&r"(a), "=&r"(b) : : "lr");
  pr("ba/bla n=%u lr-after-bla ok=%u\n", n, a == b);
  /* beqlr / bnectr: conditional returns */
  __asm__ volatile("li %0,0; bl 1f; b 2f; 1: cmpwi %0,0; addi %0,%0,5; beqlr; addi %0,%0,100; blr; 2:" : "=&r"(n) : : "lr", "cr0");
  pr("beqlr n=%u\n", n);
  __asm__ volatile("lis 5,1f@ha; addi 5,5,1f@l; mtctr 5; li %0,1; cmpwi %0,2; bnectr; li %0,50; 1: addi %0,%0,3" : "=&r"(n) : : "r5", "ctr", "cr0");
  pr("bnectr n=%u\n", n);
  __asm__ volatile("lis 5,1f@ha; addi 5,5,1f@l; mtctr 5; li %0,1; cmpwi %0,1; bnectr; li %0,50; 1: addi %0,%0,3" : "=&r"(n) : : "r5", "ctr", "cr0");
  pr("bnectr not taken n=%u\n", n);
  /* bdnzlr with CTR: decrements even when the branch is not taken */
  __asm__ volatile("li 5,2; mtctr 5; li %0,0; bl 1f; b 2f; 1: addi %0,%0,1; bdnzlr; addi %0,%0,10; blr; 2: mfctr %1" : "=&r"(n), "=&r"(ctr) : : "r5", "ctr", "lr");
  pr("bdnzlr n=%u ctr=%x\n", n, ctr);
  pr("done\n");
  return 0;
}

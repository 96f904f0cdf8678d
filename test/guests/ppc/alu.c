/* alu: integer arithmetic and logic with the CR0 / XER[SO,OV,CA] effects of the record (.),
 * overflow (o) and carrying forms, compares into CR fields, rotates and shifts, multiply and
 * divide (including the overflow cases, whose RT is undefined and so not printed), cntlzw,
 * extsb/extsh. Each line prints the result, CR and XER after the instruction. */
#include "common/guest.h"

static u32 xer_cr[2];

#define OP2(name, insn, a, b)                                                                  \
  do {                                                                                         \
    u32 r, cr, xer;                                                                            \
    __asm__ volatile("li 0,0; mtxer 0; mtcr 0; " insn " %0,%3,%4; mfcr %1; mfxer %2"           \
                     : "=&r"(r), "=&r"(cr), "=&r"(xer)                                         \
                     : "r"(a), "r"(b)                                                          \
                     : "r0", "cr0", "cr1", "cr7", "xer");                                      \
    pr("%s %x %x -> %x cr=%x xer=%x\n", name, (u32)(a), (u32)(b), r, cr, xer);                 \
  } while (0)

#define OP2CA(name, insn, a, b, ca)                                                            \
  do {                                                                                         \
    u32 r, cr, xer;                                                                            \
    __asm__ volatile("mtxer %5; li 0,0; mtcr 0; " insn " %0,%3,%4; mfcr %1; mfxer %2"          \
                     : "=&r"(r), "=&r"(cr), "=&r"(xer)                                         \
                     : "r"(a), "r"(b), "r"((u32)(ca) << 29)                                    \
                     : "r0", "cr0", "xer");                                                    \
    pr("%s %x %x ca=%u -> %x cr=%x xer=%x\n", name, (u32)(a), (u32)(b), (u32)(ca), r, cr, xer); \
  } while (0)

#define OP1(name, insn, a)                                                                     \
  do {                                                                                         \
    u32 r, cr, xer;                                                                            \
    __asm__ volatile("li 0,0; mtxer 0; mtcr 0; " insn " %0,%3; mfcr %1; mfxer %2"              \
                     : "=&r"(r), "=&r"(cr), "=&r"(xer)                                         \
                     : "r"(a)                                                                  \
                     : "r0", "cr0", "xer");                                                    \
    pr("%s %x -> %x cr=%x xer=%x\n", name, (u32)(a), r, cr, xer);                              \
  } while (0)

/* Overflowing divide: only CR0 and XER are defined. */
#define DIVO(name, insn, a, b)                                                                 \
  do {                                                                                         \
    u32 r, cr, xer;                                                                            \
    __asm__ volatile("li 0,0; mtxer 0; mtcr 0; " insn " %0,%3,%4; mfcr %1; mfxer %2"           \
                     : "=&r"(r), "=&r"(cr), "=&r"(xer)                                         \
                     : "r"(a), "r"(b)                                                          \
                     : "r0", "cr0", "xer");                                                    \
    pr("%s %x %x -> cr=%x xer=%x\n", name, (u32)(a), (u32)(b), cr & 0x1fffffff, xer);         \
  } while (0)

int main(void) {
  (void)xer_cr;
  OP2("add.", "add.", 5, 7);
  OP2("addo.", "addo.", 0x7fffffff, 1);
  OP2("addo.", "addo.", 0x80000000, 0x80000000);
  OP2("addc.", "addc.", 0xffffffff, 1);
  OP2("addc", "addc", 0x80000000, 0x7fffffff);
  OP2CA("adde.", "adde.", 0xffffffff, 0, 1);
  OP2CA("adde", "adde", 1, 2, 1);
  OP2CA("addeo.", "addeo.", 0x7fffffff, 0, 1);
  OP2("subf.", "subf.", 7, 5);
  OP2("subfo.", "subfo.", 1, 0x80000000);
  OP2("subfc.", "subfc.", 1, 0);
  OP2("subfc", "subfc", 0, 1);
  OP2CA("subfe.", "subfe.", 5, 5, 0);
  OP2CA("subfe", "subfe", 5, 5, 1);
  OP1("addze.", "addze.", 0xffffffff);
  OP1("addme.", "addme.", 0);
  OP1("subfze.", "subfze.", 0);
  OP1("subfme.", "subfme.", 0);
  OP1("neg.", "neg.", 5);
  OP1("nego.", "nego.", 0x80000000);
  OP2("mullw.", "mullw.", 0x12345, 0x6789);
  OP2("mullwo.", "mullwo.", 0x10000, 0x10000);
  OP2("mullwo", "mullwo", 0xffffffff, 0xffffffff);
  OP2("mulhw.", "mulhw.", 0x80000000, 0x7fffffff);
  OP2("mulhwu.", "mulhwu.", 0xffffffff, 0xffffffff);
  OP2("divw.", "divw.", (u32)-100, 7);
  OP2("divwu.", "divwu.", 0xffffff9c, 7);
  OP2("divwo.", "divwo.", 100, 7);
  DIVO("divwo.", "divwo.", 0x80000000, 0xffffffff);
  DIVO("divwo.", "divwo.", 5, 0);
  DIVO("divwuo.", "divwuo.", 5, 0);
  OP2("and.", "and.", 0xf0f0f0f0, 0x0ff00ff0);
  OP2("andc.", "andc.", 0xf0f0f0f0, 0x0ff00ff0);
  OP2("or.", "or.", 0, 0);
  OP2("orc.", "orc.", 0x12340000, 0xffff0000);
  OP2("xor.", "xor.", 0x80000001, 1);
  OP2("nand.", "nand.", 0xffffffff, 0xffffffff);
  OP2("nor.", "nor.", 0, 0);
  OP2("eqv.", "eqv.", 0x1234, 0x1234);
  OP2("slw.", "slw.", 0x80000001, 31);
  OP2("slw", "slw", 1, 32);
  OP2("srw.", "srw.", 0x80000000, 31);
  OP2("sraw.", "sraw.", 0x80000001, 4);
  OP2("sraw.", "sraw.", 0x80000000, 40);
  OP2("sraw", "sraw", 0x7ffffff0, 4);
  OP2("rotlw.", "rotlw.", 0x12345678, 8);
  OP1("cntlzw.", "cntlzw.", 0x00010000);
  OP1("cntlzw.", "cntlzw.", 0);
  OP1("extsb.", "extsb.", 0x80);
  OP1("extsh.", "extsh.", 0x7fff8000);
  {
    u32 r, cr, xer;
    __asm__ volatile("li 0,0; mtxer 0; mtcr 0; srawi. %0,%3,3; mfcr %1; mfxer %2" : "=&r"(r), "=&r"(cr), "=&r"(xer) : "r"(0xfffffff9) : "r0", "cr0", "xer");
    pr("srawi. fffffff9 3 -> %x cr=%x xer=%x\n", r, cr, xer);
    __asm__ volatile("li 0,0; mtxer 0; mtcr 0; rlwinm. %0,%3,4,24,31; mfcr %1; mfxer %2" : "=&r"(r), "=&r"(cr), "=&r"(xer) : "r"(0xf0000000) : "r0", "cr0", "xer");
    pr("rlwinm. f0000000 4,24,31 -> %x cr=%x xer=%x\n", r, cr, xer);
    r = 0xffff0000;
    __asm__ volatile("rlwimi %0,%1,8,8,15" : "+r"(r) : "r"(0x000000ab));
    pr("rlwimi -> %x\n", r);
    __asm__ volatile("li 0,0; mtxer 0; mtcr 0; addic. %0,%3,-1; mfcr %1; mfxer %2" : "=&r"(r), "=&r"(cr), "=&r"(xer) : "r"(1) : "r0", "cr0", "xer");
    pr("addic. 1 -1 -> %x cr=%x xer=%x\n", r, cr, xer);
    __asm__ volatile("li 0,0; mtxer 0; mtcr 0; subfic %0,%3,10; mfcr %1; mfxer %2" : "=&r"(r), "=&r"(cr), "=&r"(xer) : "r"(20) : "r0", "cr0", "xer");
    pr("subfic 20 10 -> %x cr=%x xer=%x\n", r, cr, xer);
    __asm__ volatile("li 0,0; mtxer 0; mtcr 0; cmpw 1,%1,%2; cmplw 7,%1,%2; cmpwi 3,%1,-1; cmplwi 4,%1,0xffff; mfcr %0" : "=&r"(cr) : "r"(0xffffffff), "r"(1) : "r0", "cr1", "cr3", "cr4", "cr7");
    pr("compares cr=%x\n", cr);
    __asm__ volatile("lis 0,0x8000; mtxer 0; li 0,0; mtcr 0; cmpw 2,%1,%1; add. %0,%1,%1; mfcr %0" : "=&r"(cr) : "r"(0x40000000) : "r0", "cr0", "cr2", "xer");
    pr("so-propagation cr=%x\n", cr);
    __asm__ volatile("lis 0,0xe000; mtxer 0; li 0,0; mtcr 0; mcrxr 5; mfcr %0; mfxer %1" : "=&r"(cr), "=&r"(xer) : : "r0", "cr5", "xer");
    pr("mcrxr cr=%x xer=%x\n", cr, xer);
    __asm__ volatile("lis 0,0x1234; ori 0,0,0x5678; mtcr 0; crand 0,1,2; cror 5,3,4; crxor 6,6,6; creqv 7,2,3; crnand 8,3,19; crnor 9,1,1; crandc 10,3,5; crorc 11,0,8; mcrf 7,1; mfcr %0" : "=&r"(cr) : : "r0", "cr0", "cr1", "cr2", "cr7");
    pr("cr logic cr=%x\n", cr);
    __asm__ volatile("li 0,0; mtcr 0; mtcrf 0x81,%1; mfcr %0" : "=&r"(cr) : "r"(0xabcdef12) : "r0", "cr0", "cr7");
    pr("mtcrf cr=%x\n", cr);
  }
  pr("done\n");
  return 0;
}

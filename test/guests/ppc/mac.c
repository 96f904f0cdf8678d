/* mac: the 440 halfword multiply and multiply-accumulate instructions whose QEMU 7.2 results
 * agree with the PPC440x5 User's Manual: mulchw/mulhhw/mullhw and their unsigned forms, and the
 * unsigned accumulate forms that saturate or have OE (macchwsu, macchwuo., machhwsuo, ...). The
 * signed accumulate forms and the modulo forms without OE (macchwu, machhwu, maclhwu. ...) are
 * wrong in QEMU (qemu-deviations.md PowerPC 6: rT not written, the
 * signed saturation test inverted); they are checked against the manual in
 * test/runtime/ppc/mac.test.ts instead. */
#include "common/guest.h"

#define MUL(insn, a, b)                                                                            \
  do {                                                                                             \
    u32 r, cr;                                                                                     \
    __asm__ volatile("li 0,0; mtcr 0; " insn " %0,%2,%3; mfcr %1" : "=&r"(r), "=&r"(cr) : "r"(a), "r"(b) : "r0", "cr0"); \
    pr("%s %x %x -> %x cr=%x\n", insn, (u32)(a), (u32)(b), r, cr);                                 \
  } while (0)

#define MACU(insn, acc, a, b)                                                                      \
  do {                                                                                             \
    u32 r = (acc), cr, xer;                                                                        \
    __asm__ volatile("li 0,0; mtxer 0; mtcr 0; " insn " %0,%3,%4; mfcr %1; mfxer %2"                \
                     : "+r"(r), "=&r"(cr), "=&r"(xer) : "r"(a), "r"(b) : "r0", "cr0", "xer");       \
    pr("%s acc=%x %x %x -> %x cr=%x xer=%x\n", insn, (u32)(acc), (u32)(a), (u32)(b), r, cr, xer);  \
  } while (0)

int main(void) {
  MUL("mulchw", 0x1234fffe, 0x0003abcd);
  MUL("mulchw.", 0x00008000, 0x80000000);
  MUL("mulchwu", 0x1234fffe, 0x0003abcd);
  MUL("mulhhw", 0xfffe1234, 0x7fff0000);
  MUL("mulhhwu.", 0xfffe1234, 0xffff0000);
  MUL("mullhw", 0x0000ffff, 0x0000ffff);
  MUL("mullhwu", 0x0000ffff, 0x0000ffff);
  MUL("mullhw.", 0x00000000, 0x00001234);
  MACU("macchwuo.", 0xffffffff, 0x00000002, 0x00030000);
  MACU("macchwsu", 0xfffffff0, 0x0000ffff, 0xffff0000);
  MACU("macchwsuo.", 0x00000001, 0x00000002, 0x00030000);
  MACU("machhwsuo", 0xfffffffe, 0x00020000, 0x00030000);
  MACU("maclhwsu", 0x12345678, 0x00001000, 0x00001000);
  MACU("maclhwuo.", 0xfffff000, 0x00000100, 0x00000100);
  pr("done\n");
  return 0;
}

/* hello: the smallest guest. Prints what QEMU's Malta boot stub hands a -kernel image (a0 = argc 2,
 * a1 = argv at KSEG0 0x80002000, a2 = envp = a1 + 8, a3 = RAM below the I/O hole, sp = a1 - 64),
 * Status at entry (BEV set, ERL cleared by QEMU when it loads a kernel) and EBase's reset value,
 * then takes one syscall through its own vectors to show the exception path works. */
#include "common/guest.h"

int main(void) {
  pr("hello from a bare-metal malta guest\n");
  pr("entry a0=%x a1=%x a2=%x a3=%x sp=%x\n", boot_regs[0], boot_regs[1], boot_regs[2], boot_regs[3], boot_regs[4]);
  pr("entry status=%x\n", boot_regs[5]);
  pr("ebase=%x\n", mfc0(15, 1));
  install_vectors((u32)vectors_base);
  pr("status after install_vectors=%x\n", mfc0(12, 0));
  __asm__ volatile("syscall");
  pr("syscall: count=%u code=%u vector=0x%h bd=%u\n", last_exc.count, CA_EXC(last_exc.cause), last_exc.vector, last_exc.cause >> 31);
  pr("done\n");
  return 0;
}

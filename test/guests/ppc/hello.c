/* hello: the smallest guest. Prints what QEMU's bamboo loader hands an ELF -kernel (r1 = 16 MiB - 8,
 * r3 = device-tree address, r6 = ePAPR magic, r7 = 16 MiB - 8) and the MSR at entry, the PVR
 * (a 440EP), then takes one sc through its own
 * vectors. */
#include "common/guest.h"

int main(void) {
  pr("hello from a bare-metal bamboo guest\n");
  pr("entry r1=%x r3=%x r6=%x r7=%x msr=%x\n", boot_regs[0], boot_regs[1], boot_regs[2], boot_regs[3], boot_regs[4]);
  pr("pvr=%x\n", mfspr(SPR_PVR));
  install_vectors();
  __asm__ volatile("sc" ::: "memory");
  pr("sc: count=%u ivor=%u srr0-ok=%u\n", last_exc.count, last_exc.ivor, last_exc.srr0 != 0);
  pr("done\n");
  return 0;
}

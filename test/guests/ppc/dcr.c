/* dcr: mfdcr/mtdcr reach the board's device control registers:
 * UIC0's enable, critical, polarity, trigger and vector-configuration registers read back what
 * was written, its status register is write-1-to-clear and its masked status is SR & ER. */
#include "common/guest.h"

#define mfdcr(n) ({ u32 __v; __asm__ volatile("mfdcr %0, %1" : "=r"(__v) : "i"(n)); __v; })
#define mtdcr(n, v) __asm__ volatile("mtdcr %0, %1" ::"i"(n), "r"((u32)(v)) : "memory")

int main(void) {
  mtdcr(0xc1, 0);
  mtdcr(0xc0, 0xffffffff);
  pr("uic0 sr=%x er=%x msr=%x\n", mfdcr(0xc0), mfdcr(0xc1), mfdcr(0xc5));
  mtdcr(0xc2, 0x00f00000);
  mtdcr(0xc3, 0xffffe000);
  mtdcr(0xc4, 0x0000ff00);
  pr("uic0 cr=%x pr=%x tr=%x\n", mfdcr(0xc2), mfdcr(0xc3), mfdcr(0xc4));
  mtdcr(0xc1, 0x12345678);
  pr("uic0 er=%x msr=%x\n", mfdcr(0xc1), mfdcr(0xc5));
  mtdcr(0xc2, 0);
  mtdcr(0xc3, 0xffffffff);
  mtdcr(0xc4, 0);
  pr("done\n");
  return 0;
}

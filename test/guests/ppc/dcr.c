/* dcr: mfdcr/mtdcr reach the board's device control registers. UIC0 sits at DCR 0xc0-0xc8 in
 * the 440EP's order (the manual's, QEMU's ppcuic and Linux's uic.c): SR (write-1-to-clear), SRS
 * (writing sets SR bits; reads as SR), ER, CR, PR, TR, MSR (SR & ER, read-only), VR, VCR.
 * Enable, critical, polarity and trigger read back what was written. MSR[EE] and MSR[CE] stay
 * 0, so the interrupts this raises inside UIC0 are never taken. */
#include "common/guest.h"

#define mfdcr(n) ({ u32 __v; __asm__ volatile("mfdcr %0, %1" : "=r"(__v) : "i"(n)); __v; })
#define mtdcr(n, v) __asm__ volatile("mtdcr %0, %1" ::"i"(n), "r"((u32)(v)) : "memory")

#define UIC0_SR 0xc0
#define UIC0_SRS 0xc1
#define UIC0_ER 0xc2
#define UIC0_CR 0xc3
#define UIC0_PR 0xc4
#define UIC0_TR 0xc5
#define UIC0_MSR 0xc6

int main(void) {
  mtdcr(UIC0_ER, 0);
  mtdcr(UIC0_SR, 0xffffffff);
  pr("uic0 sr=%x er=%x msr=%x\n", mfdcr(UIC0_SR), mfdcr(UIC0_ER), mfdcr(UIC0_MSR));
  mtdcr(UIC0_CR, 0x00f00000);
  mtdcr(UIC0_PR, 0xffffe000);
  mtdcr(UIC0_TR, 0x0000ff00);
  pr("uic0 cr=%x pr=%x tr=%x\n", mfdcr(UIC0_CR), mfdcr(UIC0_PR), mfdcr(UIC0_TR));
  mtdcr(UIC0_ER, 0x12345678);
  mtdcr(UIC0_SRS, 0x00040009);
  pr("uic0 er=%x sr=%x srs=%x msr=%x\n", mfdcr(UIC0_ER), mfdcr(UIC0_SR), mfdcr(UIC0_SRS), mfdcr(UIC0_MSR));
  mtdcr(UIC0_SR, 0x00040000);
  pr("uic0 sr=%x msr=%x\n", mfdcr(UIC0_SR), mfdcr(UIC0_MSR));
  mtdcr(UIC0_ER, 0);
  mtdcr(UIC0_SR, 0xffffffff);
  mtdcr(UIC0_CR, 0);
  mtdcr(UIC0_PR, 0xffffffff);
  mtdcr(UIC0_TR, 0);
  pr("done\n");
  return 0;
}

/* timer: the decrementer. DEC counting to 0 sets TSR[DIS] with TCR[DIE] clear (no interrupt);
 * with TCR[DIE] and MSR[EE] the decrementer interrupt (IVOR10) is taken, repeatedly with
 * TCR[ARE] reloading DEC from DECAR; TSR is write-1-to-clear; wrteei 0 masks it.
 * DEC itself is never printed: QEMU 7.2 reads it wrongly (qemu-deviations.md PowerPC 5). */
#include "common/guest.h"

#define TSR_DIS 0x08000000
#define TCR_DIE 0x04000000
#define TCR_ARE 0x00400000

int main(void) {
  install_vectors();
  mtspr(SPR_TCR, 0);
  mtspr(SPR_TSR, 0xffffffff);
  pr("tsr after clear=%x\n", mfspr(SPR_TSR));
  mtspr(SPR_DEC, 2000);
  while (!(mfspr(SPR_TSR) & TSR_DIS))
    ;
  pr("dec expired: tsr.dis=%u interrupts=%u\n", (mfspr(SPR_TSR) & TSR_DIS) != 0, last_exc.count);
  mtspr(SPR_TSR, TSR_DIS);
  pr("tsr after w1c=%x\n", mfspr(SPR_TSR));

  /* masked: DIE set but EE clear, nothing is taken */
  mtspr(SPR_TCR, TCR_DIE);
  mtspr(SPR_DEC, 1000);
  while (!(mfspr(SPR_TSR) & TSR_DIS))
    ;
  pr("masked: interrupts=%u\n", last_exc.count);
  /* unmask: the pending one is taken at once */
  __asm__ volatile("wrteei 1" ::: "memory");
  __asm__ volatile("wrteei 0" ::: "memory");
  pr("unmasked: interrupts=%u ivor=%u tsr=%x\n", last_exc.count, last_exc.ivor, mfspr(SPR_TSR));

  /* auto-reload: three interrupts, then stop */
  mtspr(SPR_DECAR, 3000);
  mtspr(SPR_TCR, TCR_DIE | TCR_ARE);
  mtspr(SPR_DEC, 3000);
  u32 c0 = last_exc.count;
  __asm__ volatile("wrteei 1" ::: "memory");
  while (last_exc.count - c0 < 3)
    ;
  __asm__ volatile("wrteei 0" ::: "memory");
  mtspr(SPR_TCR, 0);
  pr("auto-reload: interrupts>=3 ivor=%u srr1.ee=%u\n", last_exc.ivor, (last_exc.srr1 >> 15) & 1);
  pr("done\n");
  return 0;
}

/* timer: interrupts, the CP0 Count/Compare timer and wait.
 *  - di/ei return the old Status and clear/set Status.IE;
 *  - software interrupts (Cause.IP0/IP1): taken through +0x180, or +0x200 with Cause.IV = 1;
 *    held off by Status.IM, by Status.IE = 0 and by Status.EXL = 1, taken once allowed;
 *  - Count advances; Cause.DC = 1 stops it;
 *  - Count reaching Compare sets Cause.TI and IP7 (IntCtl.IPTI = 7); writing Compare clears
 *    both; a pending timer interrupt is taken as soon as IE and IM7 allow it;
 *  - wait: sleeps until the timer interrupt, whose EPC is the instruction after the wait;
 *    five timer ticks in a row.
 * Nothing here depends on how fast Count runs compared with instructions: the guest polls or
 * waits for events and prints only what happened, never Count values or elapsed counts. The
 * board's own interrupt line (Cause.IP2, the i8259, pending in QEMU from the start) stays
 * masked: IM2 is never set and IP2 is never printed. */
#include "common/guest.h"

void timer_wait(u32 delta);
u32 t_di(void);
u32 t_ei(void);
extern char x_after_wait[];

static volatile struct {
  u32 count, cause, vector, epc, ticks, early;
} irq;
static volatile u32 rearm_delta;

static void on_irq(struct frame *f) {
  irq.count++;
  irq.cause = f->cause;
  irq.vector = f->vector;
  irq.epc = f->epc;
  u32 c = mfc0(13, 0);
  if (c & (CA_IP(0) | CA_IP(1))) mtc0(13, 0, c & ~(CA_IP(0) | CA_IP(1)));
  if (f->cause & CA_TI) {
    irq.ticks++;
    if (rearm_delta && f->epc != (u32)x_after_wait) {
      /* Came before the wait (the host was slow): arm again so the wait is woken. */
      irq.early++;
      mtc0(11, 0, mfc0(9, 0) + rearm_delta);
    } else {
      mtc0(11, 0, mfc0(9, 0) + 0x40000000); /* acknowledge: far in the future */
    }
  }
}

static void show_irq(const char *what, u32 count_before) {
  pr("%s: taken=%u", what, irq.count - count_before);
  if (irq.count != count_before)
    pr(" %s(%d) vec=0x%h ip0=%u ip1=%u ip7=%u ti=%u", exc_name(CA_EXC(irq.cause)), CA_EXC(irq.cause), irq.vector, (irq.cause >> 8) & 1,
       (irq.cause >> 9) & 1, (irq.cause >> 15) & 1, irq.cause >> 30 & 1);
  pr("\n");
}

static void spin(u32 n) {
  for (volatile u32 i = 0; i < n; i++)
    ;
}

int main(void) {
  install_vectors((u32)vectors_base);
  irq_hook = on_irq;
  pr("== timer ==\n");
  mtc0(12, 0, 0);
  u32 old = t_ei();
  pr("ei: old ie=%u now ie=%u\n", old & 1, mfc0(12, 0) & 1);
  old = t_di();
  pr("di: old ie=%u now ie=%u\n", old & 1, mfc0(12, 0) & 1);

  u32 n = irq.count;
  mtc0(12, 0, ST_IM(0) | ST_IE);
  mtc0(13, 0, CA_IP(0));
  spin(10);
  show_irq("software interrupt 0", n);
  pr("  cause.ip0 after handler=%u\n", (mfc0(13, 0) >> 8) & 1);

  mtc0(13, 0, CA_IV);
  n = irq.count;
  mtc0(12, 0, ST_IM(1) | ST_IE);
  mtc0(13, 0, CA_IV | CA_IP(1));
  spin(10);
  show_irq("software interrupt 1, Cause.IV=1", n);
  mtc0(13, 0, 0);

  mtc0(12, 0, ST_IE);
  n = irq.count;
  mtc0(13, 0, CA_IP(1));
  spin(100);
  show_irq("IP1 pending, IM1=0", n);
  mtc0(12, 0, ST_IM(1) | ST_IE);
  spin(10);
  show_irq("  then IM1=1", n);

  mtc0(12, 0, ST_IM(1));
  n = irq.count;
  mtc0(13, 0, CA_IP(1));
  spin(100);
  show_irq("IP1 pending, IE=0", n);
  mtc0(12, 0, ST_IM(1) | ST_IE);
  spin(10);
  show_irq("  then IE=1", n);

  mtc0(12, 0, ST_IM(1) | ST_IE | ST_EXL);
  n = irq.count;
  mtc0(13, 0, CA_IP(1));
  spin(100);
  u32 held = irq.count - n;
  mtc0(12, 0, ST_IM(1) | ST_IE);
  spin(10);
  pr("IP1 pending, EXL=1: taken=%u; after EXL=0: taken=%u\n", held, irq.count - n);
  mtc0(12, 0, 0);

  u32 c1 = mfc0(9, 0);
  spin(1000);
  u32 c2 = mfc0(9, 0);
  pr("count advances: %u\n", c2 != c1);
  mtc0(13, 0, CA_DC);
  c1 = mfc0(9, 0);
  spin(1000);
  c2 = mfc0(9, 0);
  mtc0(13, 0, 0);
  pr("count stopped by cause.dc: %u\n", c2 == c1);

  mtc0(11, 0, mfc0(9, 0) + 20000);
  u32 c = mfc0(13, 0);
  pr("after compare write: ti=%u ip7=%u\n", c >> 30 & 1, (c >> 15) & 1);
  u32 guard = 0;
  while (!(mfc0(13, 0) & CA_TI) && ++guard < 200000000)
    ;
  c = mfc0(13, 0);
  pr("polled until count=compare: ti=%u ip7=%u\n", c >> 30 & 1, (c >> 15) & 1);
  n = irq.count;
  mtc0(12, 0, ST_IM(7) | ST_IE);
  spin(10);
  mtc0(12, 0, 0);
  show_irq("pending timer interrupt, then IM7=1 IE=1", n);
  c = mfc0(13, 0);
  pr("  after the handler wrote compare: ti=%u ip7=%u\n", c >> 30 & 1, (c >> 15) & 1);

  rearm_delta = 100000;
  for (int i = 1; i <= 5; i++) {
    n = irq.count;
    u32 ticks = irq.ticks;
    timer_wait(100000);
    pr("wait %d: woken by the timer=%u epc=after wait:%u\n", i, irq.ticks > ticks, irq.epc == (u32)x_after_wait);
    (void)n;
  }
  rearm_delta = 0;
  pr("done\n");
  return 0;
}

/* oracle: every user-level 440 instruction against QEMU, case by case (see
 * ../common/oracle-loop.h and test/oracle/). The memory window sits at 0x7c00 so that a D-form
 * with RA = 0 can reach it; 0x1000 holds `ba oracle_taken` for the absolute branch forms;
 * 0x7ff0-0x7fff is the harness's scratch (oracle.S). MSR[FP] is set, FE0/FE1 stay 0. */
#include "common/guest.h"

#define WINDOW ((volatile u32 *)0x7c00)
#define UART_THR ((volatile u8 *)0xef600300)
#define FIFO_BYTES 1
#define GPR_CHECKED(r) 1
#define DEF_C0 0
#define DEF_C1 0
#define DEF_C2 0
#define DEF_C3 0
static void report_exception(void);
static void arch_init(void);
static void arch_prepare(u32 word, u32 flags, u32 first);
static void arch_before(u32 flags);
#include "../common/oracle-loop.h"

extern u32 oracle_taken[];

static void flush(volatile void *p) {
  __asm__ volatile("dcbst 0,%0; msync; icbi 0,%0; isync" ::"r"(p) : "memory");
}

static void arch_init(void) {
  install_vectors();
  for (int i = 0; i < 16; i++) skip_insn[i] = 4; /* resume after the slot's instruction */
  skip_insn[8] = 0;                              /* sc: SRR0 is already past it */
  mtmsr(mfmsr() | 0x2000);                       /* MSR[FP] */
  volatile u32 *abs = (volatile u32 *)0x1000;
  *abs = 0x48000002u | ((u32)oracle_taken & 0x03fffffc); /* ba oracle_taken */
  flush(abs);
}

static u32 exc_before;
static void arch_prepare(u32 word, u32 flags, u32 first) {
  (void)first;
  oracle_slot[0] = word;
  flush(oracle_slot);
  if (flags & F_TAKEN_A) oracle_st.c[2] = (u32)oracle_taken;
  if (flags & F_TAKEN_B) oracle_st.c[3] = (u32)oracle_taken;
  exc_before = last_exc.count;
}

static void arch_before(u32 flags) {
  /* the reservation: set at WINDOW + 0x40, or cleared by a store conditional to scratch */
  if (flags & F_RESERVE)
    __asm__ volatile("lwarx 0,0,%0" ::"r"(0x7c40) : "r0", "memory");
  else
    __asm__ volatile("lwarx 0,0,%0; stwcx. 0,0,%0" ::"r"(0x7fe0) : "r0", "cr0", "memory");
}

static void report_exception(void) {
  if (last_exc.count == exc_before) return;
  u32 v = last_exc.ivor;
  tok('e', v, last_exc.srr0 - (u32)oracle_slot);
  /* QEMU ORs classic reason bits into SRR1 on program interrupts (qemu-deviations.md PowerPC 1) */
  tok('r', v, last_exc.srr1 & ~0x000e0000u);
  /* ESR is written by program, data storage and data TLB interrupts (QEMU leaves it stale on
     alignment, PowerPC 2); DEAR only by data storage, alignment and data TLB. */
  if (v == 2 || v == 6 || v == 13) tok('q', v, last_exc.esr);
  if (v == 2 || v == 5 || v == 13) tok('d', v, last_exc.dear);
}

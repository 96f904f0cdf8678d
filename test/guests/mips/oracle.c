/* oracle: every user-level MIPS32r2 instruction (FPU included, Status.CU1 = FR = 1) against
 * QEMU, case by case (see ../common/oracle-loop.h and test/oracle/). The memory window is at
 * 0x83000000 (48 MB, above the image and its case list: at 0x80800000 the 1000-case sweep's
 * list ran into it). The guest runs in kernel mode; oracle.S has its own exception vectors, which
 * record Cause/EPC/BadVAddr and resume at the slot's exit, since a case may leave sp anywhere.
 * k0/k1 belong to those vectors and are never compared. */
#include "common/guest.h"

#define WINDOW ((volatile u32 *)0x83000000)
#define UART_THR ((volatile u8 *)0xb80003f8)
#define FIFO_BYTES 16
#define GPR_CHECKED(r) ((r) != 26 && (r) != 27)
#define DEF_C0 0x01234567
#define DEF_C1 0x89abcdef
#define DEF_C2 0
#define DEF_C3 0
static void report_exception(void);
static void arch_init(void);
static void arch_prepare(u32 word, u32 flags, u32 first);
static void arch_before(u32 flags);
#include "../common/oracle-loop.h"

extern u32 oracle_vectors[];
extern volatile u32 oracle_exc[4]; /* taken, Cause, EPC, BadVAddr */

static void arch_init(void) {
  __asm__ volatile("mtc0 %0, $15, 1; ehb" ::"r"(oracle_vectors));
  u32 st = mfc0(12, 0);
  st &= ~(0x00400000u | 1u); /* BEV, IE */
  st |= 0x20000000u | 0x04000000u; /* CU1, FR */
  mtc0(12, 0, st);
}

static void arch_prepare(u32 word, u32 flags, u32 first) {
  u32 taken = (u32)&oracle_slot[4];
  if (flags & F_JTARGET) word |= (taken >> 2) & 0x03ffffff;
  oracle_slot[0] = word;
  oracle_slot[1] = (flags & F_TAKEN_A) ? 0x24210001u : 0; /* addiu $1,$1,1 in a delay slot */
  if ((flags & F_TAKEN_B) && first < 32) oracle_st.g[first] = taken;
  __asm__ volatile("synci 0(%0); sync" ::"r"(oracle_slot) : "memory");
  oracle_exc[0] = 0;
}

static void arch_before(u32 flags) {
  /* LLbit: set for WINDOW + 0x40, or cleared by a completed ll/sc pair on scratch */
  static volatile u32 scratch;
  u32 t;
  if (flags & F_RESERVE)
    __asm__ volatile("ll %0, 0(%1)" : "=&r"(t) : "r"(0x83000040) : "memory");
  else
    __asm__ volatile("ll %0, 0(%1); sc %0, 0(%1)" : "=&r"(t) : "r"(&scratch) : "memory");
}

static void report_exception(void) {
  if (!oracle_exc[0]) return;
  u32 cause = oracle_exc[1], code = (cause >> 2) & 31;
  /* Cause.CE is only defined for Coprocessor Unusable (qemu-deviations.md MIPS 4) */
  u32 shown = cause & (code == 11 ? 0xb000007cu : 0x8000007cu);
  tok('e', code, oracle_exc[2] - (u32)oracle_slot);
  tok('r', code, shown);
  if (code == 4 || code == 5 || code == 2 || code == 3) tok('q', code, oracle_exc[3]);
}

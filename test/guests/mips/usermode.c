/* usermode: user mode (Status.KSU = 2) entered with eret from a TLB-mapped page, as a kernel
 * runs its processes.
 *  - syscall from user mode: EPC = the user address, Status as seen by the handler (KSU = user,
 *    EXL = 1), registers passed back;
 *  - user loads and stores through a mapped data page;
 *  - privileged instructions in user mode with Status.CU0 = 0 (mfc0, mtc0, eret, wait, tlbwi,
 *    di, cache): Coprocessor Unusable, Cause.CE = 0; mfc0 with CU0 = 1 is allowed;
 *  - user accesses to KSEG0/KSEG1/KSEG2 (AdEL/AdES, BadVAddr) and a jump to a KSEG0 address
 *    (AdEL on the fetch: EPC = BadVAddr = the target);
 *  - a user load from an unmapped page: TLB refill (vector +0x000), TLBL;
 *  - a fetch from a page whose entry has V = 0: TLBL on the fetch, EPC = BadVAddr;
 *  - rdhwr $0 (CPUNum) with HWREna.CPUNum set (0, from EBase) and clear (RI);
 *  - break and trap from user mode. */
#include "common/guest.h"

extern char user_page[], user_return[];
u32 enter_user(u32 va);
#define U(n) extern char u_##n[];
U(syscall) U(load_store) U(mfc0) U(mtc0) U(eret) U(wait) U(tlbwi) U(di) U(cache) U(kseg0_load) U(kseg1_store)
U(kseg2_load) U(fetch_kernel) U(unmapped_load) U(rdhwr_cpunum) U(break) U(trap) U(invalid_fetch)

#define USER_VA 0x00400000u
#define DATA_VA 0x00500000u
#define DATA_PA 0x02000000u
#define LO(pa, flags) ((((pa) >> 12) << 6) | (flags))

static u32 uva(char *sym) { return USER_VA + (u32)(sym - user_page); }

static volatile struct {
  u32 code, epc, badvaddr, status, cause, vector;
} seen;

/* Every exception from user mode ends the snippet: back to kernel mode at user_return.
 * A syscall returns the user's v0; anything else returns 0xeeeeeeee. */
static int from_user(struct frame *f) {
  if (!(f->status & ST_KSU_USER)) return 0;
  seen.code = CA_EXC(f->cause);
  seen.epc = f->epc;
  seen.badvaddr = f->badvaddr;
  seen.status = f->status;
  seen.cause = f->cause;
  seen.vector = f->vector;
  if (seen.code != EXC_SYS) f->r[2] = 0xeeeeeeee;
  mtc0(12, 0, mfc0(12, 0) & ~0x18u); /* KSU = kernel for the eret */
  f->epc = (u32)user_return;
  return 1;
}

static u32 run(const char *what, char *sym) {
  u32 va = uva(sym);
  u32 v = enter_user(va);
  pr("%s: %s(%d) epc=", what, exc_name(seen.code), seen.code);
  if (seen.epc >= va && seen.epc < va + 0x40)
    pr("+0x%h", seen.epc - va);
  else
    pr("%x", seen.epc);
  if (seen.code == EXC_CPU) pr(" ce=%u", CA_CE(seen.cause));
  if (seen.code == EXC_ADEL || seen.code == EXC_ADES || seen.code == EXC_TLBL || seen.code == EXC_TLBS) pr(" badvaddr=%x", seen.badvaddr);
  if (seen.vector != 0x180) pr(" vec=0x%h", seen.vector);
  pr(" v0=%x\n", v);
  return v;
}

int main(void) {
  install_vectors((u32)vectors_base);
  exc_hook = from_user;
  pr("== usermode ==\n");
  u32 code_pa = (u32)user_page & 0x1fffffff;
  /* Code page pair: even page = the user code (valid, clean), odd page invalid. ASID 1. */
  mtc0(5, 0, 0);
  mtc0(0, 0, 1);
  mtc0(10, 0, USER_VA | 1);
  mtc0(2, 0, LO(code_pa, (3 << 3) | 0x2));
  mtc0(3, 0, 0);
  __asm__ volatile("tlbwi\n\tehb");
  *(volatile u32 *)(0x80000000u | DATA_PA | 0x10) = 0x1234;
  mtc0(0, 0, 2);
  mtc0(10, 0, DATA_VA | 1);
  mtc0(2, 0, LO(DATA_PA, (3 << 3) | 0x6));
  mtc0(3, 0, LO(DATA_PA + 0x1000, (3 << 3) | 0x6));
  __asm__ volatile("tlbwi\n\tehb");
  mtc0(10, 0, 1); /* current ASID 1 */

  run("syscall", u_syscall);
  pr("  handler saw status ksu=%u exl=%u; after return status ksu=%u exl=%u\n", (seen.status >> 3) & 3, (seen.status >> 1) & 1,
     (mfc0(12, 0) >> 3) & 3, (mfc0(12, 0) >> 1) & 1);
  run("load/store", u_load_store);
  pr("  stored via user page: %x\n", *(volatile u32 *)(0x80000000u | DATA_PA | 0x14));
  run("mfc0 (CU0=0)", u_mfc0);
  run("mtc0", u_mtc0);
  run("eret", u_eret);
  run("wait", u_wait);
  run("tlbwi", u_tlbwi);
  run("di", u_di);
  run("cache", u_cache);
  mtc0(12, 0, mfc0(12, 0) | 0x10000000u);
  run("mfc0 EntryHi (CU0=1)", u_mfc0);
  mtc0(12, 0, mfc0(12, 0) & ~0x10000000u);
  run("kseg0 load", u_kseg0_load);
  run("kseg1 store", u_kseg1_store);
  run("kseg2 load", u_kseg2_load);
  u32 v = run("jump to kseg0", u_fetch_kernel);
  (void)v;
  run("unmapped load", u_unmapped_load);
  mtc0(7, 0, 0x1);
  run("rdhwr $0 (HWREna=1)", u_rdhwr_cpunum);
  mtc0(7, 0, 0x0);
  run("rdhwr $0 (HWREna=0)", u_rdhwr_cpunum);
  run("break", u_break);
  run("teqi", u_trap);
  run("fetch from invalid page", u_invalid_fetch);
  pr("done\n");
  return 0;
}

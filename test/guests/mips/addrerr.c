/* addrerr: address errors in kernel mode (user-mode ones are in usermode).
 *  - misaligned lw/lh/lhu/ll → AdEL (4), sw/sh → AdES (5): BadVAddr = the address, EPC = the
 *    instruction, the load's destination unchanged, memory unchanged;
 *  - lwl/lwr/swl/swr never fault on alignment;
 *  - a jump to a misaligned address: AdEL on the fetch, EPC = BadVAddr = the target, BD = 0;
 *    for jalr, r31 already holds the link. The targets are +2: a target with bit 0 set is not
 *    an address error on a CPU with MIPS16e (QEMU's 24Kf: Config1.CA = 1), it switches the
 *    ISA mode, which a MIPS32-only model does not have;
 *  - a misaligned lw in a delay slot: BD = 1, EPC = the branch, BadVAddr = the address.
 * Stays away from: misaligned sc (QEMU deviation 3: it fails without AdES). */
#include "common/guest.h"

typedef u32 (*accfn)(u32 addr, u32 v);
#define A(n) u32 ae_##n(u32, u32);
A(lw) A(lh) A(lhu) A(ll) A(lwl) A(lwr) A(sw) A(sh) A(swl) A(swr)
u32 ae_fetch(u32 target);
u32 ae_lw_in_slot(u32 addr);
u32 ae_jalr_fetch(u32 target);
extern char x_fetch_resume[], x_lw_slot[], x_lw_slot_resume[], x_jalr[], x_jalr_link[];

static u32 cells[4] __attribute__((aligned(16))) = {0x11111111, 0x22222222, 0x33333333, 0x44444444};
static u32 ret_v0;

/* The faulting load's destination must stay as it was: v0 is preloaded by the hook's caller
 * through the frame, so record v0 as the handler sees it. */
static int record_v0(struct frame *f) {
  ret_v0 = f->r[2];
  return 0;
}

static void access(const char *name, accfn f) {
  pr("%s", name);
  for (int k = 0; k < 4; k++) {
    u32 addr = (u32)&cells[1] + (u32)k;
    u32 before = last_exc.count;
    ret_v0 = 0xdeadbeef;
    f(addr, 0xa5a5a5a5);
    if (last_exc.count == before) {
      pr(" +%d:ok", k);
    } else {
      pr(" +%d:%s(badvaddr=%s,epc=%s)", k, exc_name(CA_EXC(last_exc.cause)), last_exc.badvaddr == addr ? "addr" : "WRONG",
         last_exc.epc == (u32)f ? "insn" : "WRONG");
    }
  }
  pr(" | memory %x %x %x\n", cells[0], cells[1], cells[2]);
  cells[0] = 0x11111111;
  cells[1] = 0x22222222;
  cells[2] = 0x33333333;
}

int main(void) {
  install_vectors((u32)vectors_base);
  pr("== addrerr ==\n");
  access("lw", ae_lw);
  access("lh", ae_lh);
  access("lhu", ae_lhu);
  access("ll", ae_ll);
  access("lwl", ae_lwl);
  access("lwr", ae_lwr);
  access("sw", ae_sw);
  access("sh", ae_sh);
  access("swl", ae_swl);
  access("swr", ae_swr);

  /* The destination of a faulting lw keeps its value: run lw into v0 with v0 = 0x600df00d. */
  exc_hook = record_v0;
  u32 v;
  __asm__ volatile("li $2, 0x600df00d\n\tlw $2, 1(%1)\n\tmove %0, $2" : "=r"(v) : "r"(&cells[0]) : "$2", "memory");
  exc_hook = 0;
  pr("faulting lw: v0 in handler=%x after=%x\n", ret_v0, v);

  u32 target = (u32)x_fetch_resume + 2;
  resume_pc = (u32)x_fetch_resume;
  ae_fetch(target);
  pr("jr to +2: %s badvaddr=target:%u epc=target:%u bd=%u\n", exc_name(CA_EXC(last_exc.cause)), last_exc.badvaddr == target,
     last_exc.epc == target, last_exc.cause >> 31);

  target = (u32)x_jalr_link + 2;
  resume_pc = (u32)x_jalr_link;
  u32 link = ae_jalr_fetch(target);
  pr("jalr to +2: %s badvaddr=target:%u epc=target:%u bd=%u r31=link:%u\n", exc_name(CA_EXC(last_exc.cause)),
     last_exc.badvaddr == target, last_exc.epc == target, last_exc.cause >> 31, link == (u32)x_jalr_link);

  u32 addr = (u32)&cells[2] + 2;
  resume_pc = (u32)x_lw_slot_resume;
  ae_lw_in_slot(addr);
  print_exc("misaligned lw in slot of b", (u32)x_lw_slot);
  pr(" badvaddr=addr:%u\n", last_exc.badvaddr == addr);

  pr("exceptions taken: %u\n", last_exc.count);
  pr("done\n");
  return 0;
}

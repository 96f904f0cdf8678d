/* exceptions: synchronous exceptions handled by the guest's own vectors, copied to the reset
 * value of EBase (0x80000000) with Status.BEV cleared:
 *  - syscall and break (ExcCode 8, 9) with their code fields, EPC, Cause.BD = 0, Status.EXL = 1
 *    inside the handler and 0 again after eret;
 *  - every trap instruction (ExcCode 13), trapping and not;
 *  - exceptions in delay slots (taken b, not-taken bne, jr, taken beql, jal): Cause.BD = 1,
 *    EPC = the branch; for jal, r31 already holds the link when the exception is taken;
 *  - a reserved instruction (10) and a COP1 instruction with Status.CU1 = 0 (11, Cause.CE = 1);
 *  - an exception with Status.EXL already set (EPC keeps its value);
 *  - eret with ERL and EXL both set (ERL first, to ErrorEPC; then EXL, to EPC).
 * Vectors with BEV = 1 are not tested: on Malta they are in the boot ROM (QEMU's boot stub).
 * Stays away from: Cause.CE for exceptions other than CpU (QEMU deviation 4; UNPREDICTABLE),
 * COP2 (deviation 2), never-taken `bne rX,rX` (deviation 1). */
#include "common/guest.h"

extern char x_syscall[], x_break[], x_slot_b[], x_slot_b_resume[], x_slot_bne[], x_slot_bne_resume[];
extern char x_slot_jr[], x_slot_jr_resume[], x_slot_beql[], x_slot_beql_resume[], x_slot_jal[];
extern char x_slot_jal_link[], x_slot_jal_resume[], x_reserved[], x_cop1[], x_exl_syscall[], x_exl_resume[];
void ex_syscall(void);
void ex_break(void);
u32 ex_slot_taken(void);
u32 ex_slot_not_taken(u32 a, u32 b);
u32 ex_slot_jr(void);
u32 ex_slot_likely(u32 a, u32 b);
void ex_slot_jal(void);
void ex_reserved(void);
u32 ex_cop1(void);
u32 ex_with_exl(void);
unsigned long long ex_eret_order(void);

typedef void (*trapfn)(u32, u32);
#define TR(n) void tr_##n(u32, u32);
TR(teq) TR(tne) TR(tge) TR(tgeu) TR(tlt) TR(tltu) TR(teqi) TR(tnei) TR(tgei) TR(tgeiu) TR(tlti) TR(tltiu)

static u32 insn_at(u32 addr) { return *(volatile u32 *)addr; }

static void trap_line(const char *name, trapfn f, int imm) {
  static const u32 A[] = {5, 0xfffffffb, 0, 0x80000000};
  static const u32 B[] = {5, 7, 0xfffffffb};
  pr("%s", name);
  for (unsigned i = 0; i < 4; i++) {
    for (unsigned j = 0; j < (imm ? 1u : 3u); j++) {
      u32 before = last_exc.count;
      f(A[i], B[j]);
      int trapped = last_exc.count != before;
      if (imm)
        pr(" %h:", A[i]);
      else
        pr(" %h,%h:", A[i], B[j]);
      if (!trapped)
        pr("-");
      else
        pr("%s%s", exc_name(CA_EXC(last_exc.cause)), last_exc.epc == (u32)f ? "" : "(wrong epc)");
    }
  }
  pr("\n");
}

static u32 jal_link_seen;
static int record_r31(struct frame *f) {
  jal_link_seen = f->r[31];
  return 0; /* let the default policy resume */
}

int main(void) {
  install_vectors(0x80000000);
  pr("== exceptions ==\n");
  pr("ebase=%x status=%x\n", mfc0(15, 1), mfc0(12, 0));

  ex_syscall();
  print_exc("syscall", (u32)x_syscall);
  pr(" exl=%u code=%h\n", (last_exc.status >> 1) & 1, (insn_at(last_exc.epc) >> 6) & 0xfffff);
  pr("after eret: exl=%u count=%u\n", (mfc0(12, 0) >> 1) & 1, last_exc.count);

  ex_break();
  print_exc("break", (u32)x_break);
  pr(" code=%h\n", (insn_at(last_exc.epc) >> 6) & 0xfffff);

  trap_line("teq", tr_teq, 0);
  trap_line("tne", tr_tne, 0);
  trap_line("tge", tr_tge, 0);
  trap_line("tgeu", tr_tgeu, 0);
  trap_line("tlt", tr_tlt, 0);
  trap_line("tltu", tr_tltu, 0);
  trap_line("teqi 5", tr_teqi, 1);
  trap_line("tnei 5", tr_tnei, 1);
  trap_line("tgei -5", tr_tgei, 1);
  trap_line("tgeiu -5", tr_tgeiu, 1);
  trap_line("tlti -5", tr_tlti, 1);
  trap_line("tltiu -5", tr_tltiu, 1);

  resume_pc = (u32)x_slot_b_resume;
  u32 r = ex_slot_taken();
  print_exc("syscall in slot of taken b", (u32)x_slot_b);
  pr(" resumed=%u\n", r == 0);

  resume_pc = (u32)x_slot_bne_resume;
  r = ex_slot_not_taken(5, 5);
  print_exc("break in slot of not-taken bne", (u32)x_slot_bne);
  pr(" resumed=%u\n", r == 0);

  resume_pc = (u32)x_slot_jr_resume;
  r = ex_slot_jr();
  print_exc("teq in slot of jr", (u32)x_slot_jr);
  pr(" resumed=%u\n", r == 0);

  resume_pc = (u32)x_slot_beql_resume;
  r = ex_slot_likely(3, 3);
  print_exc("syscall in slot of taken beql", (u32)x_slot_beql);
  pr(" resumed=%u\n", r == 0);

  exc_hook = record_r31;
  resume_pc = (u32)x_slot_jal_resume;
  ex_slot_jal();
  exc_hook = 0;
  print_exc("syscall in slot of jal", (u32)x_slot_jal);
  pr(" r31=link:%u\n", jal_link_seen == (u32)x_slot_jal_link);

  ex_reserved();
  print_exc("reserved opcode 0x3b", (u32)x_reserved);
  pr("\n");

  u32 st = mfc0(12, 0);
  mtc0(12, 0, st & ~ST_CU1);
  ex_cop1();
  print_exc("mfc1 with CU1=0", (u32)x_cop1);
  pr(" ce=%u\n", CA_CE(last_exc.cause));

  keep_epc = 1;
  r = ex_with_exl();
  keep_epc = 0;
  pr("syscall with EXL=1: %s(%d) vec=0x%h epc=x_exl_resume:%u resumed=%u exl after=%u\n", exc_name(CA_EXC(last_exc.cause)),
     CA_EXC(last_exc.cause), last_exc.vector, last_exc.epc == (u32)x_exl_resume, r == 0, (mfc0(12, 0) >> 1) & 1);

  unsigned long long s = ex_eret_order();
  pr("eret with ERL+EXL: status after 1st=%x after 2nd=%x\n", (u32)s, (u32)(s >> 32));

  pr("exceptions taken: %u\n", last_exc.count);
  pr("done\n");
  return 0;
}

/* alu: every MIPS32r2 integer ALU instruction over a fixed set of operands, one line per
 * (instruction, first operand) with the results for each second operand; then the overflow
 * traps of add/sub/addi (ExcCode 12 Ov: the destination keeps its old value, EPC points at the
 * instruction). Each instruction runs from inline asm in its own function, so the compiler
 * cannot fold the operation away.
 * Stays away from: div/divu by zero and INT_MIN / -1 (results UNPREDICTABLE in the MIPS32
 * manual), HI/LO after mul (UNPREDICTABLE). */
#include "common/guest.h"

#define N 8
static const u32 V[N] = {0, 1, 0xffffffff, 0x7fffffff, 0x80000000, 0x12345678, 0xfedcba98, 0x0000ffff};
/* Shift amounts for the variable shifts: only the low 5 bits count. */
static const u32 S[N] = {0, 1, 7, 16, 31, 32, 33, 0xfffffff8};

typedef u32 (*binop)(u32, u32);

#define RR(fn, insn)                                                                          \
  static __attribute__((noinline)) u32 fn(u32 a, u32 b) {                                     \
    u32 r;                                                                                    \
    __asm__ volatile(insn " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));                          \
    return r;                                                                                 \
  }
/* Variable shifts take the amount in rs: sllv rd, rt, rs. */
#define RV(fn, insn)                                                                          \
  static __attribute__((noinline)) u32 fn(u32 a, u32 b) {                                     \
    u32 r;                                                                                    \
    __asm__ volatile(insn " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));                          \
    return r;                                                                                 \
  }

RR(op_addu, "addu")
RR(op_subu, "subu")
RR(op_and, "and")
RR(op_or, "or")
RR(op_xor, "xor")
RR(op_nor, "nor")
RR(op_slt, "slt")
RR(op_sltu, "sltu")
RR(op_mul, "mul")
RV(op_sllv, "sllv")
RV(op_srlv, "srlv")
RV(op_srav, "srav")
RV(op_rotrv, "rotrv")

static __attribute__((noinline)) u32 op_movz(u32 a, u32 b) {
  u32 r = 0xdeadbeef;
  __asm__ volatile("movz %0, %1, %2" : "+r"(r) : "r"(a), "r"(b));
  return r;
}
static __attribute__((noinline)) u32 op_movn(u32 a, u32 b) {
  u32 r = 0xdeadbeef;
  __asm__ volatile("movn %0, %1, %2" : "+r"(r) : "r"(a), "r"(b));
  return r;
}

static void table(const char *name, binop f, const u32 *bs) {
  for (int i = 0; i < N; i++) {
    pr("%s %x:", name, V[i]);
    for (int j = 0; j < N; j++) pr(" %x", f(V[i], bs[j]));
    pr("\n");
  }
}

/* HI/LO instructions: result "hi:lo". */
#define HL(fn, insn)                                                                          \
  static __attribute__((noinline)) void fn(u32 a, u32 b, u32 *hi, u32 *lo) {                  \
    __asm__ volatile("mthi %2\n\tmtlo %3\n\t" insn " %4, %5\n\tmfhi %0\n\tmflo %1"            \
                     : "=&r"(*hi), "=&r"(*lo)                                                 \
                     : "r"(0x00000001), "r"(0x80000000), "r"(a), "r"(b)                       \
                     : "hi", "lo");                                                           \
  }
HL(op_mult, "mult")
HL(op_multu, "multu")
HL(op_madd, "madd")
HL(op_maddu, "maddu")
HL(op_msub, "msub")
HL(op_msubu, "msubu")
HL(op_div, "div $0,")
HL(op_divu, "divu $0,")

typedef void (*hlop)(u32, u32, u32 *, u32 *);

static void hl_table(const char *name, hlop f, int is_div, int is_signed) {
  for (int i = 0; i < N; i++) {
    pr("%s %x:", name, V[i]);
    for (int j = 0; j < N; j++) {
      u32 hi, lo;
      if (is_div && (V[j] == 0 || (is_signed && V[i] == 0x80000000 && V[j] == 0xffffffff))) {
        pr(" -");
        continue;
      }
      f(V[i], V[j], &hi, &lo);
      pr(" %x:%x", hi, lo);
    }
    pr("\n");
  }
}

/* Immediate forms: one function per immediate (it is part of the instruction). */
#define RI(fn, insn, imm)                                                                     \
  static __attribute__((noinline)) u32 fn(u32 a) {                                            \
    u32 r;                                                                                    \
    __asm__ volatile(insn " %0, %1, " #imm : "=r"(r) : "r"(a));                               \
    return r;                                                                                 \
  }
#define R1(fn, insn)                                                                          \
  static __attribute__((noinline)) u32 fn(u32 a) {                                            \
    u32 r;                                                                                    \
    __asm__ volatile(insn " %0, %1" : "=r"(r) : "r"(a));                                      \
    return r;                                                                                 \
  }
typedef u32 (*unop)(u32);

RI(addiu_0, "addiu", 0)
RI(addiu_1, "addiu", 1)
RI(addiu_m1, "addiu", -1)
RI(addiu_7fff, "addiu", 0x7fff)
RI(addiu_m8000, "addiu", -0x8000)
RI(slti_0, "slti", 0)
RI(slti_1, "slti", 1)
RI(slti_m1, "slti", -1)
RI(slti_7fff, "slti", 0x7fff)
RI(slti_m8000, "slti", -0x8000)
RI(sltiu_0, "sltiu", 0)
RI(sltiu_1, "sltiu", 1)
RI(sltiu_m1, "sltiu", -1)
RI(sltiu_7fff, "sltiu", 0x7fff)
RI(sltiu_m8000, "sltiu", -0x8000)
RI(andi_0, "andi", 0)
RI(andi_1, "andi", 1)
RI(andi_ffff, "andi", 0xffff)
RI(andi_8000, "andi", 0x8000)
RI(andi_1234, "andi", 0x1234)
RI(ori_0, "ori", 0)
RI(ori_1, "ori", 1)
RI(ori_ffff, "ori", 0xffff)
RI(ori_8000, "ori", 0x8000)
RI(ori_1234, "ori", 0x1234)
RI(xori_0, "xori", 0)
RI(xori_1, "xori", 1)
RI(xori_ffff, "xori", 0xffff)
RI(xori_8000, "xori", 0x8000)
RI(xori_1234, "xori", 0x1234)
RI(sll_0, "sll", 0)
RI(sll_1, "sll", 1)
RI(sll_4, "sll", 4)
RI(sll_16, "sll", 16)
RI(sll_31, "sll", 31)
RI(srl_0, "srl", 0)
RI(srl_1, "srl", 1)
RI(srl_4, "srl", 4)
RI(srl_16, "srl", 16)
RI(srl_31, "srl", 31)
RI(sra_0, "sra", 0)
RI(sra_1, "sra", 1)
RI(sra_4, "sra", 4)
RI(sra_16, "sra", 16)
RI(sra_31, "sra", 31)
RI(rotr_0, "rotr", 0)
RI(rotr_1, "rotr", 1)
RI(rotr_4, "rotr", 4)
RI(rotr_16, "rotr", 16)
RI(rotr_31, "rotr", 31)
R1(op_seb, "seb")
R1(op_seh, "seh")
R1(op_wsbh, "wsbh")
R1(op_clz, "clz")
R1(op_clo, "clo")

static void imm_table(const char *name, const char *imms, unop f0, unop f1, unop f2, unop f3, unop f4) {
  unop fs[5] = {f0, f1, f2, f3, f4};
  pr("%s [%s]\n", name, imms);
  for (int i = 0; i < N; i++) {
    pr("%s %x:", name, V[i]);
    for (int k = 0; k < 5; k++) pr(" %x", fs[k](V[i]));
    pr("\n");
  }
}

static void un_table(const char *name, unop f) {
  pr("%s:", name);
  for (int i = 0; i < N; i++) pr(" %x", f(V[i]));
  pr("\n");
}

/* lui: one function per immediate. */
static __attribute__((noinline)) u32 lui_all(int k) {
  u32 r;
  switch (k) {
    case 0: __asm__ volatile("lui %0, 0" : "=r"(r)); break;
    case 1: __asm__ volatile("lui %0, 1" : "=r"(r)); break;
    case 2: __asm__ volatile("lui %0, 0x8000" : "=r"(r)); break;
    case 3: __asm__ volatile("lui %0, 0xffff" : "=r"(r)); break;
    default: __asm__ volatile("lui %0, 0x1234" : "=r"(r)); break;
  }
  return r;
}

/* ext rt, rs, pos, size and ins rt, rs, pos, size (ins starts from rt = 0xa5a5a5a5). */
#define EXT(fn, pos, size)                                                                    \
  static __attribute__((noinline)) u32 fn(u32 a) {                                            \
    u32 r;                                                                                    \
    __asm__ volatile("ext %0, %1, " #pos ", " #size : "=r"(r) : "r"(a));                      \
    return r;                                                                                 \
  }
#define INS(fn, pos, size)                                                                    \
  static __attribute__((noinline)) u32 fn(u32 a) {                                            \
    u32 r = 0xa5a5a5a5;                                                                       \
    __asm__ volatile("ins %0, %1, " #pos ", " #size : "+r"(r) : "r"(a));                      \
    return r;                                                                                 \
  }
EXT(ext_0_1, 0, 1)
EXT(ext_0_32, 0, 32)
EXT(ext_4_8, 4, 8)
EXT(ext_31_1, 31, 1)
EXT(ext_8_24, 8, 24)
INS(ins_0_1, 0, 1)
INS(ins_0_32, 0, 32)
INS(ins_4_8, 4, 8)
INS(ins_31_1, 31, 1)
INS(ins_8_24, 8, 24)

/* Trapping add/sub/addi. The label is the trapping instruction, so EPC can be checked. */
#define TRAP_RR(fn, insn)                                                                     \
  static __attribute__((noinline)) u32 fn(u32 a, u32 b, u32 *at) {                            \
    u32 r = 0xdeadbeef, addr;                                                                 \
    __asm__ volatile(".set push\n\t.set noreorder\n\tla %1, 1f\n1:\t" insn " %0, %2, %3\n\t.set pop" \
                     : "+r"(r), "=&r"(addr)                                                   \
                     : "r"(a), "r"(b));                                                       \
    *at = addr;                                                                               \
    return r;                                                                                 \
  }
TRAP_RR(trap_add, "add")
TRAP_RR(trap_sub, "sub")
#define TRAP_RI(fn, imm)                                                                      \
  static __attribute__((noinline)) u32 fn(u32 a, u32 b, u32 *at) {                            \
    u32 r = 0xdeadbeef, addr;                                                                 \
    (void)b;                                                                                  \
    __asm__ volatile(".set push\n\t.set noreorder\n\tla %1, 1f\n1:\taddi %0, %2, " #imm "\n\t.set pop" \
                     : "+r"(r), "=&r"(addr)                                                   \
                     : "r"(a));                                                               \
    *at = addr;                                                                               \
    return r;                                                                                 \
  }
TRAP_RI(trap_addi_1, 1)
TRAP_RI(trap_addi_m1, -1)
TRAP_RI(trap_addi_7fff, 0x7fff)
TRAP_RI(trap_addi_m8000, -0x8000)

typedef u32 (*trapop)(u32, u32, u32 *);

static void trap_line(const char *name, u32 a, trapop f, u32 b) {
  u32 before = last_exc.count, at;
  u32 r = f(a, b, &at);
  if (last_exc.count == before) {
    pr(" %x", r);
  } else {
    /* Ov: the destination must be untouched and EPC must be the add itself. */
    pr(" Ov(%s,dest=%x,epc%s)", exc_name(CA_EXC(last_exc.cause)), r, last_exc.epc == at ? "=insn" : "!=insn");
  }
  (void)name;
}

static void trap_table(const char *name, trapop f, const u32 *bs) {
  for (int i = 0; i < N; i++) {
    pr("%s %x:", name, V[i]);
    for (int j = 0; j < N; j++) trap_line(name, V[i], f, bs ? bs[j] : 0);
    pr("\n");
  }
}

int main(void) {
  install_vectors((u32)vectors_base);
  pr("== alu ==\noperands:");
  for (int i = 0; i < N; i++) pr(" %x", V[i]);
  pr("\n");
  table("addu", op_addu, V);
  table("subu", op_subu, V);
  table("and", op_and, V);
  table("or", op_or, V);
  table("xor", op_xor, V);
  table("nor", op_nor, V);
  table("slt", op_slt, V);
  table("sltu", op_sltu, V);
  table("mul", op_mul, V);
  table("movz", op_movz, V);
  table("movn", op_movn, V);
  pr("shift amounts:");
  for (int i = 0; i < N; i++) pr(" %x", S[i]);
  pr("\n");
  table("sllv", op_sllv, S);
  table("srlv", op_srlv, S);
  table("srav", op_srav, S);
  table("rotrv", op_rotrv, S);
  pr("hi:lo start as 00000001:80000000 (used by madd/msub)\n");
  hl_table("mult", op_mult, 0, 1);
  hl_table("multu", op_multu, 0, 0);
  hl_table("madd", op_madd, 0, 1);
  hl_table("maddu", op_maddu, 0, 0);
  hl_table("msub", op_msub, 0, 1);
  hl_table("msubu", op_msubu, 0, 0);
  hl_table("div", op_div, 1, 1);
  hl_table("divu", op_divu, 1, 0);
  imm_table("addiu", "0 1 -1 0x7fff -0x8000", addiu_0, addiu_1, addiu_m1, addiu_7fff, addiu_m8000);
  imm_table("slti", "0 1 -1 0x7fff -0x8000", slti_0, slti_1, slti_m1, slti_7fff, slti_m8000);
  imm_table("sltiu", "0 1 -1 0x7fff -0x8000", sltiu_0, sltiu_1, sltiu_m1, sltiu_7fff, sltiu_m8000);
  imm_table("andi", "0 1 0xffff 0x8000 0x1234", andi_0, andi_1, andi_ffff, andi_8000, andi_1234);
  imm_table("ori", "0 1 0xffff 0x8000 0x1234", ori_0, ori_1, ori_ffff, ori_8000, ori_1234);
  imm_table("xori", "0 1 0xffff 0x8000 0x1234", xori_0, xori_1, xori_ffff, xori_8000, xori_1234);
  imm_table("sll", "0 1 4 16 31", sll_0, sll_1, sll_4, sll_16, sll_31);
  imm_table("srl", "0 1 4 16 31", srl_0, srl_1, srl_4, srl_16, srl_31);
  imm_table("sra", "0 1 4 16 31", sra_0, sra_1, sra_4, sra_16, sra_31);
  imm_table("rotr", "0 1 4 16 31", rotr_0, rotr_1, rotr_4, rotr_16, rotr_31);
  imm_table("ext", "pos,size 0,1 0,32 4,8 31,1 8,24", ext_0_1, ext_0_32, ext_4_8, ext_31_1, ext_8_24);
  imm_table("ins", "into a5a5a5a5; pos,size 0,1 0,32 4,8 31,1 8,24", ins_0_1, ins_0_32, ins_4_8, ins_31_1, ins_8_24);
  pr("lui 0 1 0x8000 0xffff 0x1234:");
  for (int k = 0; k < 5; k++) pr(" %x", lui_all(k));
  pr("\n");
  un_table("seb", op_seb);
  un_table("seh", op_seh);
  un_table("wsbh", op_wsbh);
  un_table("clz", op_clz);
  un_table("clo", op_clo);
  pr("overflow traps (dest starts as deadbeef):\n");
  trap_table("add", trap_add, V);
  trap_table("sub", trap_sub, V);
  trap_table("addi 1", trap_addi_1, 0);
  trap_table("addi -1", trap_addi_m1, 0);
  trap_table("addi 0x7fff", trap_addi_7fff, 0);
  trap_table("addi -0x8000", trap_addi_m8000, 0);
  pr("exceptions taken: %u\n", last_exc.count);
  pr("done\n");
  return 0;
}

/* fpu: the 24Kf's FPU (COP1/COP1X) bit for bit, with Status.FR = 0 unless said otherwise:
 *  - FIR, Config1.FP, CpU with CU1 = 0 (CE = 1);
 *  - add/sub/mul/div .s and .d over special operands (zeros, ±1, 1/3, max, min normal,
 *    denormals, infinities, legacy qNaN and sNaN) in all four rounding modes, with the FCSR
 *    after each (Cause, Flags);
 *  - unary ops (sqrt, abs, neg, mov, recip.s, rsqrt.s) and conversions (cvt.*, round/trunc/
 *    ceil/floor.w) over edge values, in all four rounding modes;
 *  - madd/msub/nmadd/nmsub (not fused on the 24Kf), all 16 c.cond
 *    compares into several condition codes, bc1f/bc1t(l) with delay slots, movf/movt/movz/movn
 *    (.fmt and GPR), FCCR/FEXR/FENR, loads and stores (plain and indexed, misaligned ldc1);
 *  - enabled exceptions: FPE (ExcCode 15) with the destination unchanged, ctc1 raising FPE;
 *  - reserved instruction: .ps (FIR.PS = 0);
 *  - FR = 1: 64-bit registers, mfhc1/mthc1, cvt.l/cvt.d.l, recip.d.
 * Stays away from what README.md lists under "The FPU": FS = 1 (QEMU flushes only results,
 * with no flags), the UNPREDICTABLE (odd double registers and .l formats with FR = 0, where
 * QEMU raises RI; mfhc1/mthc1 on odd registers), FEXR/FENR/FCCR writes to unused bits (QEMU
 * ignores the whole write), exact tiny results with Underflow enabled (IEEE signals them,
 * QEMU does not). */
#include "common/guest.h"

typedef unsigned long long u64;

#define HF ".set push\n\t.set hardfloat\n\t.set fp=64\n\t"
#define HFE "\n\t.set pop"

/* The operands and results of one FP instruction, in memory so ldc1/sdc1 move them. */
static volatile struct {
  u64 a, b, c, init, out;
  u32 fin, fout;
} io __attribute__((aligned(8)));

/* FOP(fn, "insn"): FCSR = io.fin; $f2 = a, $f4 = b, $f6 = c, $f0 = init; run insn; out = $f0,
 * fout = FCSR. */
#define FOP(fn, text)                                                                        \
  static void fn(void) {                                                                     \
    __asm__ volatile(HF "lw $8,40(%0)\n\tctc1 $8,$31\n\tldc1 $f2,0(%0)\n\tldc1 $f4,8(%0)\n\t" \
                        "ldc1 $f6,16(%0)\n\tldc1 $f0,24(%0)\n\t" text                        \
                        "\n\tsdc1 $f0,32(%0)\n\tcfc1 $8,$31\n\tsw $8,44(%0)\n\tctc1 $0,$31" HFE \
                     :                                                                       \
                     : "r"(&io)                                                              \
                     : "$8", "memory");                                                      \
  }

FOP(add_s, "add.s $f0,$f2,$f4")
FOP(sub_s, "sub.s $f0,$f2,$f4")
FOP(mul_s, "mul.s $f0,$f2,$f4")
FOP(div_s, "div.s $f0,$f2,$f4")
FOP(add_d, "add.d $f0,$f2,$f4")
FOP(sub_d, "sub.d $f0,$f2,$f4")
FOP(mul_d, "mul.d $f0,$f2,$f4")
FOP(div_d, "div.d $f0,$f2,$f4")
FOP(sqrt_s, "sqrt.s $f0,$f2")
FOP(abs_s, "abs.s $f0,$f2")
FOP(neg_s, "neg.s $f0,$f2")
FOP(mov_s, "mov.s $f0,$f2")
FOP(recip_s, "recip.s $f0,$f2")
FOP(rsqrt_s, "rsqrt.s $f0,$f2")
FOP(sqrt_d, "sqrt.d $f0,$f2")
FOP(abs_d, "abs.d $f0,$f2")
FOP(neg_d, "neg.d $f0,$f2")
FOP(mov_d, "mov.d $f0,$f2")
FOP(cvt_d_s, "cvt.d.s $f0,$f2")
FOP(cvt_s_d, "cvt.s.d $f0,$f2")
FOP(cvt_w_s, "cvt.w.s $f0,$f2")
FOP(cvt_w_d, "cvt.w.d $f0,$f2")
FOP(round_w_s, "round.w.s $f0,$f2")
FOP(trunc_w_s, "trunc.w.s $f0,$f2")
FOP(ceil_w_s, "ceil.w.s $f0,$f2")
FOP(floor_w_s, "floor.w.s $f0,$f2")
FOP(round_w_d, "round.w.d $f0,$f2")
FOP(trunc_w_d, "trunc.w.d $f0,$f2")
FOP(ceil_w_d, "ceil.w.d $f0,$f2")
FOP(floor_w_d, "floor.w.d $f0,$f2")
FOP(cvt_s_w, "cvt.s.w $f0,$f2")
FOP(cvt_d_w, "cvt.d.w $f0,$f2")
FOP(madd_s, "madd.s $f0,$f6,$f2,$f4")
FOP(msub_s, "msub.s $f0,$f6,$f2,$f4")
FOP(nmadd_s, "nmadd.s $f0,$f6,$f2,$f4")
FOP(nmsub_s, "nmsub.s $f0,$f6,$f2,$f4")
FOP(madd_d, "madd.d $f0,$f6,$f2,$f4")
FOP(nmsub_d, "nmsub.d $f0,$f6,$f2,$f4")
/* reserved on the 24Kf (no paired single); the .l formats run with FR = 1 below */
FOP(add_ps, "add.ps $f0,$f2,$f4")
FOP(cvt_l_d, "cvt.l.d $f0,$f2")
FOP(cvt_d_l, "cvt.d.l $f0,$f2")
FOP(recip_d, "recip.d $f0,$f2")
FOP(trunc_l_s, "trunc.l.s $f0,$f2")
FOP(cvt_s_l, "cvt.s.l $f0,$f2")

struct op {
  const char *name;
  void (*fn)(void);
};

static void show(u64 v, int dbl) {
  if (dbl)
    pr("%x%x", (u32)(v >> 32), (u32)v);
  else
    pr("%x", (u32)v);
}

static const u32 S_VALS[] = {0x00000000, 0x80000000, 0x3f800000, 0xbfc00000, 0x3eaaaaab, 0x7f7fffff, 0x00800000,
                             0x00000001, 0x807fffff, 0x7f800000, 0xff800000, 0x7fa00000, 0x7fc00000, 0x4b800001};
#define NS (sizeof S_VALS / sizeof S_VALS[0])
static const u64 D_VALS[] = {0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull,
                             0xbff8000000000000ull, 0x3fd5555555555555ull, 0x7fefffffffffffffull,
                             0x0010000000000000ull, 0x0000000000000001ull, 0x800fffffffffffffull,
                             0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff4000000000000ull,
                             0x7ff8000000000000ull, 0x4340000000000001ull};
#define ND (sizeof D_VALS / sizeof D_VALS[0])
static const u64 INIT = 0x5a5a5a5aa5a5a5a5ull;

static u32 run(void (*fn)(void), u32 fcsr, u64 a, u64 b, u64 c) {
  io.a = a;
  io.b = b;
  io.c = c;
  io.init = INIT;
  io.fin = fcsr;
  fn();
  return io.fout;
}

/* One line per (op, rm, a): " result/fcsr" for each b. */
static void binary(const struct op *o, int dbl) {
  unsigned n = dbl ? ND : NS;
  for (u32 rm = 0; rm < 4; rm++)
    for (unsigned i = 0; i < n; i++) {
      u64 a = dbl ? D_VALS[i] : S_VALS[i];
      pr("%s rm%d ", o->name, rm);
      show(a, dbl);
      pr(":");
      for (unsigned j = 0; j < n; j++) {
        u64 b = dbl ? D_VALS[j] : S_VALS[j];
        u32 f = run(o->fn, rm, a, b, 0);
        pr(" ");
        show(io.out, dbl);
        pr("/%h", f);
      }
      pr("\n");
    }
}

/* One line per (op, rm): " result/fcsr" for each value. in/out: 0 single, 1 double. */
static void unary(const char *name, void (*fn)(void), const u64 *vals, unsigned n, int in, int out) {
  for (u32 rm = 0; rm < 4; rm++) {
    pr("%s rm%d:", name, rm);
    for (unsigned i = 0; i < n; i++) {
      u32 f = run(fn, rm, vals[i], 0, 0);
      pr(" ");
      if (out)
        show(io.out, 1);
      else
        pr("%x", (u32)io.out);
      pr("/%h", f);
    }
    (void)in;
    pr("\n");
  }
}

static u64 SV[NS + 8];
static const u64 CONV_D[] = {0x41dfffffffe00000ull /* 2147483647.5 */, 0xc1e0000000100000ull /* -2147483648.5 */,
                             0x41dfffffffc00000ull /* 2147483647 */, 0xc1e0000000000000ull /* -2^31 */,
                             0x4004000000000000ull /* 2.5 */, 0xc004000000000000ull /* -2.5 */,
                             0x3fe0000000000000ull /* 0.5 */, 0x3ff8000000000000ull /* 1.5 */,
                             0x4202a05f20000000ull /* 1e10 */, 0x8000000000000000ull,
                             0x7ff0000000000000ull, 0x7ff4000000000000ull, 0x36a0000000000000ull /* tiny */,
                             0x3fefffffffffffffull, 0x47efffffe0000000ull /* rounds to FLT_MAX or inf */,
                             0x380fffffffffffffull /* just below FLT_MIN */, 0x0000000000000001ull};
#define NCD (sizeof CONV_D / sizeof CONV_D[0])
static const u64 CONV_S[] = {0x4effffff /* 2147483520 */, 0x4f000000 /* 2^31 */, 0xcf000000 /* -2^31 */,
                             0x40200000 /* 2.5 */, 0xc0200000, 0x3f000000, 0x3fc00000, 0xbf400000 /* -0.75 */,
                             0x7f800000, 0x7fa00000, 0x7fc00000, 0x80000000, 0x00000001, 0x3f7fffff};
#define NCS (sizeof CONV_S / sizeof CONV_S[0])
static const u64 INTS[] = {0, 1, 0xffffffff, 0x7fffffff, 0x80000000, 0x01000001, 0x00ffffff, 0xfeffffff, 0x12345679};
#define NI (sizeof INTS / sizeof INTS[0])

/* ---- compares: all 16 conditions, the result into cc (cond & 7) */
#define CMP(fn, fmt)                                                                                   \
  static u32 fn(u32 cond, u64 a, u64 b) {                                                              \
    io.a = a;                                                                                          \
    io.b = b;                                                                                          \
    u32 f;                                                                                             \
    switch (cond) {                                                                                    \
      CC(0, "c.f." fmt, 0) CC(1, "c.un." fmt, 1) CC(2, "c.eq." fmt, 2) CC(3, "c.ueq." fmt, 3)         \
      CC(4, "c.olt." fmt, 4) CC(5, "c.ult." fmt, 5) CC(6, "c.ole." fmt, 6) CC(7, "c.ule." fmt, 7)     \
      CC(8, "c.sf." fmt, 0) CC(9, "c.ngle." fmt, 1) CC(10, "c.seq." fmt, 2) CC(11, "c.ngl." fmt, 3)   \
      CC(12, "c.lt." fmt, 4) CC(13, "c.nge." fmt, 5) CC(14, "c.le." fmt, 6) CC(15, "c.ngt." fmt, 7)   \
    default:                                                                                           \
      f = 0;                                                                                           \
    }                                                                                                  \
    return f;                                                                                          \
  }
/* FCSR starts with every condition code set, so a false result shows as a cleared bit. */
#define CC(n, insn, cc)                                                                                \
  case n:                                                                                              \
    __asm__ volatile(HF "li $8,0xfe800000\n\tctc1 $8,$31\n\tldc1 $f2,0(%1)\n\tldc1 $f4,8(%1)\n\t" insn \
                        " $fcc" #cc ",$f2,$f4\n\tcfc1 %0,$31\n\tctc1 $0,$31" HFE                       \
                     : "=r"(f)                                                                         \
                     : "r"(&io)                                                                        \
                     : "$8", "memory");                                                                \
    break;
CMP(cmp_s, "s")
CMP(cmp_d, "d")

static void compares(void) {
  static const u32 SA[] = {0x3f800000, 0x40000000, 0x80000000, 0x00000000, 0x7f800000, 0x7fa00000, 0x7fc00000};
  static const u64 DA[] = {0x3ff0000000000000ull, 0x4000000000000000ull, 0x8000000000000000ull, 0,
                           0xfff0000000000000ull, 0x7ff4000000000000ull, 0x7ff8000000000000ull};
  for (int dbl = 0; dbl < 2; dbl++)
    for (unsigned i = 0; i < 7; i++)
      for (unsigned j = 0; j < 7; j++) {
        u64 a = dbl ? DA[i] : SA[i], b = dbl ? DA[j] : SA[j];
        pr("c.%s ", dbl ? "d" : "s");
        show(a, dbl);
        pr(" ");
        show(b, dbl);
        pr(":");
        for (u32 cond = 0; cond < 16; cond++) pr(" %h", (dbl ? cmp_d : cmp_s)(cond, a, b));
        pr("\n");
      }
}

/* ---- branches and conditional moves */
static void branches(void) {
  u32 r1, r2, r3, r4;
  /* cc3 set, cc0 clear: bc1t 3 taken (slot runs), bc1f 0 taken, bc1tl 0 not taken (slot annulled),
   * bc1fl 3 not taken (slot annulled), bc1t 0 not taken (slot runs). */
  __asm__ volatile(HF
                   "li $8,0x04000000\n\tctc1 $8,$31\n\t"
                   "li %0,0\n\tli %1,0\n\tli %2,0\n\tli %3,0\n\t"
                   ".set noreorder\n\t"
                   "bc1t $fcc3,1f\n\taddiu %0,%0,1\n\taddiu %0,%0,16\n1:\n\t"
                   "bc1f $fcc0,1f\n\taddiu %1,%1,1\n\taddiu %1,%1,16\n1:\n\t"
                   "bc1tl $fcc0,1f\n\taddiu %2,%2,1\n\taddiu %2,%2,16\n1:\n\t"
                   "bc1fl $fcc3,1f\n\taddiu %3,%3,1\n\taddiu %3,%3,16\n1:\n\t"
                   "bc1t $fcc0,1f\n\taddiu %3,%3,256\n\taddiu %3,%3,4096\n1:\n\t"
                   ".set reorder\n\tctc1 $0,$31" HFE
                   : "=&r"(r1), "=&r"(r2), "=&r"(r3), "=&r"(r4)
                   :
                   : "$8");
  pr("bc1: t3=%h f0=%h tl0=%h fl3+t0=%h\n", r1, r2, r3, r4);

  u32 a = 0x11111111, b = 0x22222222, s1, s2, g1, g2, z1, z2;
  __asm__ volatile(HF
                   "li $8,0x04000000\n\tctc1 $8,$31\n\t"
                   "mtc1 %6,$f2\n\tmtc1 %7,$f4\n\tmov.s $f6,$f4\n\tmov.s $f8,$f4\n\t"
                   "movt.s $f6,$f2,$fcc3\n\tmovf.s $f8,$f2,$fcc3\n\t"
                   "mfc1 %0,$f6\n\tmfc1 %1,$f8\n\t"
                   "move %2,%7\n\tmove %3,%7\n\tmovt %2,%6,$fcc3\n\tmovf %3,%6,$fcc3\n\t"
                   "mov.s $f6,$f4\n\tmov.s $f8,$f4\n\tmovz.s $f6,$f2,$0\n\tmovn.s $f8,$f2,$0\n\t"
                   "mfc1 %4,$f6\n\tmfc1 %5,$f8\n\tctc1 $0,$31" HFE
                   : "=&r"(s1), "=&r"(s2), "=&r"(g1), "=&r"(g2), "=&r"(z1), "=&r"(z2)
                   : "r"(a), "r"(b)
                   : "$8");
  pr("mov: movt.s=%x movf.s=%x movt=%x movf=%x movz.s=%x movn.s=%x\n", s1, s2, g1, g2, z1, z2);

  u32 d1, d2;
  __asm__ volatile(HF
                   "li $8,0x00800000\n\tctc1 $8,$31\n\tli $9,1\n\t"
                   "mtc1 %2,$f2\n\tmtc1 %3,$f3\n\tmtc1 $0,$f4\n\tmtc1 $0,$f5\n\t"
                   "movt.d $f4,$f2,$fcc0\n\tmovn.d $f4,$f0,$0\n\tmfc1 %0,$f4\n\tmfc1 %1,$f5\n\tctc1 $0,$31" HFE
                   : "=&r"(d1), "=&r"(d2)
                   : "r"(a), "r"(b)
                   : "$8", "$9");
  pr("movt.d=%x%x\n", d2, d1);
}

/* ---- control registers */
static u32 cfc(int which) {
  u32 v = 0;
  switch (which) {
    case 0: __asm__ volatile(HF "cfc1 %0,$0" HFE : "=r"(v)); break;
    case 25: __asm__ volatile(HF "cfc1 %0,$25" HFE : "=r"(v)); break;
    case 26: __asm__ volatile(HF "cfc1 %0,$26" HFE : "=r"(v)); break;
    case 28: __asm__ volatile(HF "cfc1 %0,$28" HFE : "=r"(v)); break;
    default: __asm__ volatile(HF "cfc1 %0,$31" HFE : "=r"(v)); break;
  }
  return v;
}
static void ctc(int which, u32 v) {
  switch (which) {
    case 25: __asm__ volatile(HF "ctc1 %0,$25" HFE ::"r"(v)); break;
    case 26: __asm__ volatile(HF "ctc1 %0,$26" HFE ::"r"(v)); break;
    case 28: __asm__ volatile(HF "ctc1 %0,$28" HFE ::"r"(v)); break;
    default: __asm__ volatile(HF "ctc1 %0,$31" HFE ::"r"(v)); break;
  }
}

static void control(void) {
  static const u32 W31[] = {0xffffffff, 0x01000003, 0x0003f07c, 0x00000f80};
  for (unsigned i = 0; i < 4; i++) {
    ctc(31, W31[i] & ~0x0003f000); /* no Cause: it would trap with the enables */
    pr("ctc1 31 %x: fcsr=%x fccr=%x fexr=%x fenr=%x\n", W31[i] & ~0x0003f000, cfc(31), cfc(25), cfc(26), cfc(28));
  }
  ctc(31, 0);
  ctc(25, 0xa5);
  pr("fccr a5: %x\n", cfc(31));
  ctc(26, 0x0003f07c & ~0x0003f000);
  pr("fexr 7c: %x\n", cfc(31));
  ctc(28, 0x00000f87);
  pr("fenr f87: %x\n", cfc(31));
  ctc(31, 0);
}

/* ---- exceptions */
static void traps(void) {
  u32 before = last_exc.count;
  /* Invalid enabled: 0/0 traps, $f0 keeps INIT, Cause.V stays set, Flags unchanged. */
  u32 f = run(div_s, 0x00000800, 0, 0, 0);
  pr("div.s 0/0 V enabled: exc=%d %s out=%x fcsr=%x\n", last_exc.count - before, exc_name(CA_EXC(last_exc.cause)),
     (u32)io.out, f);
  before = last_exc.count;
  f = run(div_d, 0x00000400, 0x3ff0000000000000ull, 0, 0);
  pr("div.d 1/0 Z enabled: exc=%d %s out=%x%x fcsr=%x\n", last_exc.count - before,
     exc_name(CA_EXC(last_exc.cause)), (u32)(io.out >> 32), (u32)io.out, f);
  before = last_exc.count;
  f = run(add_s, 0x00000080, 0x3f800000, 0x33000001, 0);
  pr("add.s inexact I enabled: exc=%d %s out=%x fcsr=%x\n", last_exc.count - before,
     exc_name(CA_EXC(last_exc.cause)), (u32)io.out, f);
  before = last_exc.count;
  f = run(mul_s, 0x00000300, 0x7f000000, 0x7f000000, 0);
  pr("mul.s overflow O enabled: exc=%d %s out=%x fcsr=%x\n", last_exc.count - before,
     exc_name(CA_EXC(last_exc.cause)), (u32)io.out, f);
  before = last_exc.count;
  f = run(mul_s, 0x00000100, 0x00800000, 0x3f000001, 0);
  pr("mul.s underflow U enabled: exc=%d %s out=%x fcsr=%x\n", last_exc.count - before,
     exc_name(CA_EXC(last_exc.cause)), (u32)io.out, f);
  before = last_exc.count;
  f = run(add_s, 0x00000800, 0x3f800000, 0x40000000, 0);
  pr("add.s exact V enabled: exc=%d out=%x fcsr=%x\n", last_exc.count - before, (u32)io.out, f);
  /* ctc1 writing an enabled Cause traps (the write happens); so does Cause.E. */
  before = last_exc.count;
  ctc(31, 0x00010800);
  pr("ctc1 V cause+enable: exc=%d %s fcsr=%x\n", last_exc.count - before, exc_name(CA_EXC(last_exc.cause)), cfc(31));
  ctc(31, 0);
  before = last_exc.count;
  ctc(31, 0x00020000);
  pr("ctc1 E cause: exc=%d %s fcsr=%x\n", last_exc.count - before, exc_name(CA_EXC(last_exc.cause)), cfc(31));
  ctc(31, 0);
  before = last_exc.count;
  ctc(31, 0x0001f000);
  pr("ctc1 causes, no enables: exc=%d fcsr=%x\n", last_exc.count - before, cfc(31));
  ctc(31, 0);

  /* Paired single is not implemented (FIR.PS = 0): reserved instruction. */
  static const struct op RI[] = {{"add.ps", add_ps}};
  for (unsigned i = 0; i < sizeof RI / sizeof RI[0]; i++) {
    before = last_exc.count;
    run(RI[i].fn, 0, 0x3ff0000000000000ull, 0x3ff0000000000000ull, 0);
    pr("%s: exc=%d %s out=%x\n", RI[i].name, last_exc.count - before,
       last_exc.count != before ? exc_name(CA_EXC(last_exc.cause)) : "-", (u32)io.out);
  }
}

/* ---- loads and stores */
static volatile u32 mem[8] __attribute__((aligned(8)));
static void memory(void) {
  u32 o1, o2, o3, o4;
  for (int i = 0; i < 8; i++) mem[i] = 0x01010101 * (i + 1);
  __asm__ volatile(HF
                   "lwc1 $f2,4(%4)\n\tswc1 $f2,0(%4)\n\tldc1 $f4,8(%4)\n\tsdc1 $f4,16(%4)\n\t"
                   "li $8,24\n\tlwxc1 $f6,$8(%4)\n\tli $9,4\n\tswxc1 $f6,$9(%4)\n\t"
                   "ldxc1 $f8,$8(%4)\n\tli $9,0\n\tsdxc1 $f8,$9(%4)\n\t"
                   "mfc1 %0,$f8\n\tmfc1 %1,$f9\n\tmfc1 %2,$f2\n\tmfc1 %3,$f5" HFE
                   : "=&r"(o1), "=&r"(o2), "=&r"(o3), "=&r"(o4)
                   : "r"(mem)
                   : "$8", "$9", "memory");
  pr("ldst: %x %x %x %x |", o1, o2, o3, o4);
  for (int i = 0; i < 8; i++) pr(" %x", mem[i]);
  pr("\n");
  u32 before = last_exc.count;
  __asm__ volatile(HF "ldc1 $f4,4(%0)" HFE ::"r"(mem));
  pr("ldc1 misaligned: exc=%d %s badvaddr=+%h\n", last_exc.count - before, exc_name(CA_EXC(last_exc.cause)),
     last_exc.badvaddr - (u32)mem);
  before = last_exc.count;
  __asm__ volatile(HF "sdc1 $f4,12(%0)" HFE ::"r"(mem) : "memory");
  pr("sdc1 misaligned: exc=%d %s badvaddr=+%h\n", last_exc.count - before, exc_name(CA_EXC(last_exc.cause)),
     last_exc.badvaddr - (u32)mem);
}

/* ---- FR = 1 */
static void fr64(void) {
  u32 lo, hi, l2, h2, odd;
  mtc0(12, 0, mfc0(12, 0) | 0x04000000);
  pr("FR=1 status.FR=%d\n", (mfc0(12, 0) >> 26) & 1);
  __asm__ volatile(HF
                   "li $8,0x11223344\n\tli $9,0x55667788\n\tmtc1 $8,$f1\n\tmthc1 $9,$f1\n\t"
                   "li $8,0x40080000\n\tmtc1 $0,$f3\n\tmthc1 $8,$f3\n\t" /* $f3 = 3.0 */
                   "mfc1 %0,$f1\n\tmfhc1 %1,$f1\n\t"
                   "cvt.l.d $f5,$f3\n\tmfc1 %2,$f5\n\tmfhc1 %3,$f5\n\t"
                   "mtc1 $0,$f2\n\tmfhc1 %4,$f2" HFE
                   : "=&r"(lo), "=&r"(hi), "=&r"(l2), "=&r"(h2), "=&r"(odd)
                   :
                   : "$8", "$9");
  pr("f1=%x%x cvt.l.d 3.0=%x%x f2.hi=%x\n", hi, lo, h2, l2, odd);
  static const u64 L[] = {0, 1, 0xffffffffffffffffull, 0x7fffffffffffffffull, 0x8000000000000000ull,
                          0x0020000000000001ull, 0x0000000100000000ull};
  unary("cvt.d.l", cvt_d_l, L, 7, 1, 1);
  unary("cvt.s.l", cvt_s_l, L, 7, 1, 0);
  unary("cvt.l.d", cvt_l_d, CONV_D, NCD, 1, 1);
  unary("trunc.l.s", trunc_l_s, CONV_S, NCS, 0, 1);
  unary("recip.d", recip_d, D_VALS, ND, 1, 1);
  /* Odd double registers are fine with FR = 1: ldc1/add.d/sdc1 through $f1/$f3/$f5. */
  static volatile u64 dm[2] __attribute__((aligned(8)));
  dm[0] = 0x3ff8000000000003ull; /* 1.5 + 3 ulp */
  u32 w0, w1, w2, w3, w4;
  __asm__ volatile(HF "ldc1 $f1,0(%0)\n\tadd.d $f3,$f1,$f1\n\tmul.d $f5,$f3,$f1\n\tsdc1 $f5,8(%0)" HFE ::"r"(dm)
                   : "memory");
  pr("FR=1 odd: ldc1/add.d/mul.d/sdc1 = %x%x\n", (u32)(dm[1] >> 32), (u32)dm[1]);
  /* Back to FR = 0: single i is the low word of 64-bit register i, so $f1 (FR = 1) shows as
   * mfc1 $f1, and the pair $f0/$f1 reads as the double of two low words. */
  __asm__ volatile(HF "li $8,0x40000000\n\tmtc1 $0,$f0\n\tmthc1 $8,$f0" HFE ::: "$8");
  mtc0(12, 0, mfc0(12, 0) & ~0x04000000);
  __asm__ volatile(HF "mfc1 %0,$f0\n\tmfc1 %1,$f1\n\tmfc1 %2,$f3\n\tmfc1 %3,$f5\n\tmfhc1 %4,$f0" HFE
                   : "=&r"(w0), "=&r"(w1), "=&r"(w2), "=&r"(w3), "=&r"(w4));
  pr("FR=0 view: f0=%x f1=%x f3=%x f5=%x f0.hi=%x\n", w0, w1, w2, w3, w4);
}

/* ---- random operands: per instruction and rounding mode, a checksum of every result and FCSR
 * over N operand triples from xorshift32, with exponents drawn near the interesting ranges
 * (subnormal, around 1, near overflow) so that rounding, underflow and overflow all occur. */
static u32 rs = 0x2545f491;
static u32 xs(void) {
  rs ^= rs << 13;
  rs ^= rs >> 17;
  rs ^= rs << 5;
  return rs;
}
static u32 rnd_s(void) {
  static const u32 EXP[] = {0, 1, 2, 24, 100, 126, 127, 128, 150, 200, 253, 254};
  u32 r = xs();
  return (r & 0x807fffff) | (EXP[(r >> 23) % 12] << 23);
}
static u64 rnd_d(void) {
  static const u32 EXP[] = {0, 1, 2, 53, 500, 1022, 1023, 1024, 1100, 1800, 2045, 2046};
  u32 hi = xs(), lo = xs();
  return ((u64)((hi & 0x800fffff) | (EXP[(hi >> 20) % 12] << 20)) << 32) | lo;
}
static u32 mix(u32 h, u32 v) {
  h ^= v;
  return h * 0x01000193;
}
static void random_ops(void) {
  static const struct op RS[] = {{"add.s", add_s}, {"sub.s", sub_s}, {"mul.s", mul_s}, {"div.s", div_s},
                                 {"sqrt.s", sqrt_s}, {"recip.s", recip_s}, {"rsqrt.s", rsqrt_s},
                                 {"madd.s", madd_s}, {"nmsub.s", nmsub_s}, {"cvt.d.s", cvt_d_s},
                                 {"cvt.w.s", cvt_w_s}, {"cvt.s.w", cvt_s_w}};
  static const struct op RD[] = {{"add.d", add_d}, {"sub.d", sub_d}, {"mul.d", mul_d}, {"div.d", div_d},
                                 {"sqrt.d", sqrt_d}, {"madd.d", madd_d}, {"nmsub.d", nmsub_d},
                                 {"cvt.s.d", cvt_s_d}, {"cvt.w.d", cvt_w_d}};
  for (int dbl = 0; dbl < 2; dbl++) {
    const struct op *ops = dbl ? RD : RS;
    unsigned nops = dbl ? sizeof RD / sizeof RD[0] : sizeof RS / sizeof RS[0];
    for (unsigned k = 0; k < nops; k++) {
      pr("random %s:", ops[k].name);
      for (u32 rm = 0; rm < 4; rm++) {
        u32 h = 0x811c9dc5;
        rs = 0x2545f491 + k * 977 + rm;
        for (int i = 0; i < 400; i++) {
          u64 a = dbl ? rnd_d() : rnd_s(), b = dbl ? rnd_d() : rnd_s(), c = dbl ? rnd_d() : rnd_s();
          u32 f = run(ops[k].fn, rm, a, b, c);
          h = mix(mix(mix(h, (u32)io.out), (u32)(io.out >> 32)), f);
        }
        pr(" %x", h);
      }
      pr("\n");
    }
  }
}

int main(void) {
  install_vectors(0x80000000);
  pr("== fpu ==\nFIR with CU1=0: ");
  u32 before = last_exc.count;
  cfc(0);
  pr("exc=%d %s ce=%d\n", last_exc.count - before, exc_name(CA_EXC(last_exc.cause)), CA_CE(last_exc.cause));
  mtc0(12, 0, mfc0(12, 0) | ST_CU1);
  pr("config1.FP=%d FIR=%x FCSR=%x\n", mfc0(16, 1) & 1, cfc(0), cfc(31));

  static const struct op BIN_S[] = {{"add.s", add_s}, {"sub.s", sub_s}, {"mul.s", mul_s}, {"div.s", div_s}};
  static const struct op BIN_D[] = {{"add.d", add_d}, {"sub.d", sub_d}, {"mul.d", mul_d}, {"div.d", div_d}};
  for (unsigned i = 0; i < 4; i++) binary(&BIN_S[i], 0);
  for (unsigned i = 0; i < 4; i++) binary(&BIN_D[i], 1);

  for (unsigned i = 0; i < NS; i++) SV[i] = S_VALS[i];
  unary("sqrt.s", sqrt_s, SV, NS, 0, 0);
  unary("abs.s", abs_s, SV, NS, 0, 0);
  unary("neg.s", neg_s, SV, NS, 0, 0);
  unary("mov.s", mov_s, SV, NS, 0, 0);
  unary("recip.s", recip_s, SV, NS, 0, 0);
  unary("rsqrt.s", rsqrt_s, SV, NS, 0, 0);
  unary("cvt.d.s", cvt_d_s, SV, NS, 0, 1);
  unary("sqrt.d", sqrt_d, D_VALS, ND, 1, 1);
  unary("abs.d", abs_d, D_VALS, ND, 1, 1);
  unary("neg.d", neg_d, D_VALS, ND, 1, 1);
  unary("mov.d", mov_d, D_VALS, ND, 1, 1);
  unary("cvt.s.d", cvt_s_d, D_VALS, ND, 1, 0);
  unary("cvt.s.d edge", cvt_s_d, CONV_D, NCD, 1, 0);
  unary("cvt.w.d", cvt_w_d, CONV_D, NCD, 1, 0);
  unary("round.w.d", round_w_d, CONV_D, NCD, 1, 0);
  unary("trunc.w.d", trunc_w_d, CONV_D, NCD, 1, 0);
  unary("ceil.w.d", ceil_w_d, CONV_D, NCD, 1, 0);
  unary("floor.w.d", floor_w_d, CONV_D, NCD, 1, 0);
  unary("cvt.w.s", cvt_w_s, CONV_S, NCS, 0, 0);
  unary("round.w.s", round_w_s, CONV_S, NCS, 0, 0);
  unary("trunc.w.s", trunc_w_s, CONV_S, NCS, 0, 0);
  unary("ceil.w.s", ceil_w_s, CONV_S, NCS, 0, 0);
  unary("floor.w.s", floor_w_s, CONV_S, NCS, 0, 0);
  unary("cvt.s.w", cvt_s_w, INTS, NI, 0, 0);
  unary("cvt.d.w", cvt_d_w, INTS, NI, 0, 1);

  /* madd family: product rounded, then the sum */
  static const u32 M[][3] = {{0x3f800001, 0x3f800001, 0xbf800002}, {0x7f000000, 0x40000000, 0xff800000},
                             {0x00000000, 0x7f800000, 0x3f800000}, {0x3eaaaaab, 0x40400000, 0xbf800000},
                             {0x7fa00000, 0x3f800000, 0x3f800000}, {0x00800000, 0x3f000000, 0x80000000}};
  static const struct op MADD[] = {{"madd.s", madd_s}, {"msub.s", msub_s}, {"nmadd.s", nmadd_s}, {"nmsub.s", nmsub_s}};
  for (unsigned k = 0; k < 4; k++)
    for (u32 rm = 0; rm < 4; rm += 3) {
      pr("%s rm%d:", MADD[k].name, rm);
      for (unsigned i = 0; i < 6; i++) {
        u32 f = run(MADD[k].fn, rm, M[i][0], M[i][1], M[i][2]);
        pr(" %x/%h", (u32)io.out, f);
      }
      pr("\n");
    }
  {
    u32 f = run(madd_d, 0, 0x3ff0000000000001ull, 0x3ff0000000000001ull, 0xbff0000000000002ull);
    pr("madd.d: %x%x/%h", (u32)(io.out >> 32), (u32)io.out, f);
    f = run(nmsub_d, 0, 0x3ff0000000000001ull, 0x3ff0000000000001ull, 0xbff0000000000002ull);
    pr(" nmsub.d: %x%x/%h\n", (u32)(io.out >> 32), (u32)io.out, f);
  }

  /* Flags accumulate over a sequence; Cause is only the last one. */
  {
    u32 f = run(div_s, 0x00000000, 0x3f800000, 0x40400000, 0);
    f = run(div_s, f & ~0x0003f000, 0x3f800000, 0, 0);
    f = run(add_s, f & ~0x0003f000, 0x3f800000, 0x3f800000, 0);
    pr("flags accumulate: %x\n", f);
  }

  compares();
  branches();
  control();
  traps();
  memory();
  fr64();
  random_ops();
  pr("done\n");
  guest_exit(0);
}

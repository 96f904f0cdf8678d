/* loadstore: byte/half/word loads and stores in D, indexed, update and update-indexed forms,
 * sign extension (lha, lhax, lhau), byte-reversed (lhbrx, lwbrx, sthbrx, stwbrx), multiple
 * (lmw, stmw) and string (lswi, lswx, stswi, stswx) forms. */
#include "common/guest.h"

static u8 buf[64] __attribute__((aligned(16)));
static u32 words[8] __attribute__((aligned(16)));

static void dump(const char *what) {
  pr("%s:", what);
  for (int i = 0; i < 48; i += 4) pr(" %x", (u32)buf[i] << 24 | (u32)buf[i + 1] << 16 | (u32)buf[i + 2] << 8 | buf[i + 3]);
  pr("\n");
}

int main(void) {
  for (int i = 0; i < 64; i++) buf[i] = (u8)(0x80 + i * 3);
  u32 a, b, p;
  p = (u32)buf;
  __asm__ volatile("lbz %0,1(%1)" : "=r"(a) : "b"(p));
  pr("lbz %x\n", a);
  __asm__ volatile("lhz %0,2(%1)" : "=r"(a) : "b"(p));
  pr("lhz %x\n", a);
  __asm__ volatile("lha %0,2(%1)" : "=r"(a) : "b"(p));
  pr("lha %x\n", a);
  __asm__ volatile("lwz %0,4(%1)" : "=r"(a) : "b"(p));
  pr("lwz %x\n", a);
  __asm__ volatile("lbzx %0,%1,%2" : "=r"(a) : "b"(p), "r"(5));
  pr("lbzx %x\n", a);
  __asm__ volatile("lhax %0,%1,%2" : "=r"(a) : "b"(p), "r"(6));
  pr("lhax %x\n", a);
  __asm__ volatile("lhbrx %0,%1,%2" : "=r"(a) : "b"(p), "r"(6));
  pr("lhbrx %x\n", a);
  __asm__ volatile("lwbrx %0,%1,%2" : "=r"(a) : "b"(p), "r"(8));
  pr("lwbrx %x\n", a);
  b = p;
  __asm__ volatile("lwzu %0,8(%1)" : "=r"(a), "+b"(b));
  pr("lwzu %x ea-off=%x\n", a, b - p);
  __asm__ volatile("lbzu %0,1(%1)" : "=r"(a), "+b"(b));
  pr("lbzu %x ea-off=%x\n", a, b - p);
  __asm__ volatile("lhau %0,1(%1)" : "=r"(a), "+b"(b));
  pr("lhau %x ea-off=%x\n", a, b - p);
  __asm__ volatile("lhzu %0,2(%1)" : "=r"(a), "+b"(b));
  pr("lhzu %x ea-off=%x\n", a, b - p);
  __asm__ volatile("lwzux %0,%1,%2" : "=r"(a), "+b"(b) : "r"(4));
  pr("lwzux %x ea-off=%x\n", a, b - p);
  __asm__ volatile("lhzux %0,%1,%2" : "=r"(a), "+b"(b) : "r"(-2));
  pr("lhzux %x ea-off=%x\n", a, b - p);
  __asm__ volatile("lhaux %0,%1,%2" : "=r"(a), "+b"(b) : "r"(-6));
  pr("lhaux %x ea-off=%x\n", a, b - p);
  __asm__ volatile("lbzux %0,%1,%2" : "=r"(a), "+b"(b) : "r"(3));
  pr("lbzux %x ea-off=%x\n", a, b - p);

  memset(buf, 0, 64);
  b = p;
  __asm__ volatile("stb %1,0(%0); sth %1,2(%0); stw %1,4(%0)" : : "b"(p), "r"(0x11223344) : "memory");
  __asm__ volatile("stbx %1,%0,%2; sthx %1,%0,%3; stwx %1,%0,%4" : : "b"(p), "r"(0xa1b2c3d4), "r"(9), "r"(10), "r"(12) : "memory");
  __asm__ volatile("sthbrx %1,%0,%2; stwbrx %1,%0,%3" : : "b"(p), "r"(0x01020304), "r"(16), "r"(20) : "memory");
  dump("stores");
  __asm__ volatile("stbu %2,24(%0); sthu %2,1(%0); stwu %2,2(%0); stbux %2,%0,%3; sthux %2,%0,%4; stwux %2,%0,%5" : "+b"(b), "=m"(buf) : "r"(0x55667788), "r"(4), "r"(1), "r"(3) : "memory");
  pr("update ea-off=%x\n", b - p);
  dump("update");

  for (int i = 0; i < 8; i++) words[i] = 0x01010101u * (u32)(i + 1);
  {
    u32 out[4];
    __asm__ volatile("lmw 28,0(%1); stw 28,0(%0); stw 29,4(%0); stw 30,8(%0); stw 31,12(%0)"
                     : : "b"(out), "b"(words) : "r28", "r29", "r30", "r31", "memory");
    pr("lmw %x %x %x %x\n", out[0], out[1], out[2], out[3]);
    __asm__ volatile("lis 28,0xdead; ori 28,28,0x28; lis 29,0xdead; ori 29,29,0x29; lis 30,0xdead; ori 30,30,0x30;"
                     " lis 31,0xdead; ori 31,31,0x31; stmw 28,16(%0)"
                     : : "b"(words) : "r28", "r29", "r30", "r31", "memory");
    pr("stmw %x %x %x %x %x\n", words[3], words[4], words[5], words[6], words[7]);
  }
  for (int i = 0; i < 64; i++) buf[i] = (u8)(0x41 + i);
  {
    register u32 r5 __asm__("r5"), r6 __asm__("r6"), r7 __asm__("r7");
    r7 = 0x99999999;
    __asm__ volatile("lswi 5,%3,10" : "=&r"(r5), "=&r"(r6), "+&r"(r7) : "b"(p) : "memory");
    pr("lswi %x %x %x\n", r5, r6, r7);
    r7 = 0x99999999;
    __asm__ volatile("mtxer %4; lswx 5,%3,%5" : "=&r"(r5), "=&r"(r6), "+&r"(r7) : "b"(p), "r"(7), "r"(3) : "xer", "memory");
    pr("lswx %x %x %x\n", r5, r6, r7);
    memset(buf, 0, 64);
    r5 = 0x61626364; r6 = 0x65666768; r7 = 0x696a6b6c;
    __asm__ volatile("stswi 5,%3,9" : : "r"(r5), "r"(r6), "r"(r7), "b"(p) : "memory");
    __asm__ volatile("mtxer %4; stswx 5,%3,%5" : : "r"(r5), "r"(r6), "r"(r7), "b"(p), "r"(6), "r"(16) : "xer", "memory");
    dump("string");
  }
  pr("done\n");
  return 0;
}

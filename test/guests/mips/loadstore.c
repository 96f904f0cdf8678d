/* loadstore: every MIPS32r2 load and store width on a little-endian board.
 *  - lb/lbu at each byte, lh/lhu at each halfword, lw at each word (sign and zero extension);
 *  - a store of each width at each aligned offset, seen byte by byte;
 *  - lwl/lwr at each byte offset into a register that starts as a1b2c3d4 (which bytes merge);
 *  - swl/swr at each byte offset onto memory filled with ee (which bytes are written);
 *  - the unaligned-word idioms (lwl+lwr, swl+swr) at offsets 0-3;
 *  - negative displacements, a load whose base is also its destination, a load into $zero;
 *  - ll/sc: success (rt=1, memory updated), failure after an eret between them (the MIPS32
 *    manual: ERET clears LLbit, so the SC fails: rt=0, memory unchanged), an atomic-increment
 *    loop; sync, synci and pref run as ordinary instructions.
 * Stays away from: sc without a preceding ll and sc to another address than the ll's (their
 * outcome is UNPREDICTABLE), and unaligned sc (QEMU deviation 3; see addrerr for unaligned ll). */
#include "common/guest.h"

static u8 buf[32] __attribute__((aligned(16)));
static u8 out[16] __attribute__((aligned(16)));

static void fill_buf(void) {
  for (int i = 0; i < 32; i++) buf[i] = (u8)(0x81 + i * 0x13);
}

static void show(const char *what, const u8 *p, int n) {
  pr("%s:", what);
  for (int i = 0; i < n; i++) pr(" %c%c", "0123456789abcdef"[p[i] >> 4], "0123456789abcdef"[p[i] & 15]);
  pr("\n");
}

#define LOAD(fn, insn)                                                                        \
  static __attribute__((noinline)) u32 fn(const void *p) {                                    \
    u32 r;                                                                                    \
    __asm__ volatile(insn " %0, 0(%1)" : "=r"(r) : "r"(p) : "memory");                        \
    return r;                                                                                 \
  }
LOAD(ld_lb, "lb")
LOAD(ld_lbu, "lbu")
LOAD(ld_lh, "lh")
LOAD(ld_lhu, "lhu")
LOAD(ld_lw, "lw")

#define STORE(fn, insn)                                                                       \
  static __attribute__((noinline)) void fn(void *p, u32 v) {                                  \
    __asm__ volatile(insn " %1, 0(%0)" ::"r"(p), "r"(v) : "memory");                          \
  }
STORE(st_sb, "sb")
STORE(st_sh, "sh")
STORE(st_sw, "sw")

#define MERGE(fn, insn)                                                                       \
  static __attribute__((noinline)) u32 fn(const void *p) {                                    \
    u32 r = 0xa1b2c3d4;                                                                       \
    __asm__ volatile(insn " %0, 0(%1)" : "+r"(r) : "r"(p) : "memory");                        \
    return r;                                                                                 \
  }
MERGE(ld_lwl, "lwl")
MERGE(ld_lwr, "lwr")
STORE(st_swl, "swl")
STORE(st_swr, "swr")

/* Unaligned word load/store, the way gas expands ulw/usw on a little-endian target. */
static __attribute__((noinline)) u32 ulw(const void *p) {
  u32 r;
  __asm__ volatile("lwl %0, 3(%1)\n\tlwr %0, 0(%1)" : "=&r"(r) : "r"(p) : "memory");
  return r;
}
static __attribute__((noinline)) void usw(void *p, u32 v) {
  __asm__ volatile("swl %1, 3(%0)\n\tswr %1, 0(%0)" ::"r"(p), "r"(v) : "memory");
}

static __attribute__((noinline)) u32 lw_negative(const void *p) {
  u32 r;
  __asm__ volatile("lw %0, -4(%1)" : "=r"(r) : "r"(p) : "memory");
  return r;
}
static __attribute__((noinline)) u32 lh_negative(const void *p) {
  u32 r;
  __asm__ volatile("lh %0, -2(%1)" : "=r"(r) : "r"(p) : "memory");
  return r;
}
static __attribute__((noinline)) u32 lw_base_is_dest(const void *p) {
  u32 r = (u32)p;
  __asm__ volatile("lw %0, 4(%0)" : "+r"(r)::"memory");
  return r;
}
static __attribute__((noinline)) u32 lw_into_zero(const void *p) {
  u32 r;
  __asm__ volatile("lw $0, 0(%1)\n\tmove %0, $0" : "=r"(r) : "r"(p) : "memory");
  return r;
}

/* ll; addiu 1; sc: returns sc's rt. */
static __attribute__((noinline)) u32 llsc_inc(u32 *p) {
  u32 t;
  __asm__ volatile("ll %0, 0(%1)\n\taddiu %0, %0, 1\n\tsc %0, 0(%1)" : "=&r"(t) : "r"(p) : "memory");
  return t;
}
/* ll; syscall (the handler erets back); sc. */
static __attribute__((noinline)) u32 llsc_eret(u32 *p) {
  u32 t;
  __asm__ volatile("ll %0, 0(%1)\n\taddiu %0, %0, 1\n\tsyscall\n\tsc %0, 0(%1)" : "=&r"(t) : "r"(p) : "memory");
  return t;
}
/* The classic atomic add loop: retry until sc succeeds. */
static __attribute__((noinline)) void atomic_add(u32 *p, u32 v) {
  u32 t;
  __asm__ volatile(".set push\n\t.set noreorder\n"
                   "1:\tll %0, 0(%1)\n\taddu %0, %0, %2\n\tsc %0, 0(%1)\n\tbeqz %0, 1b\n\tnop\n\t.set pop"
                   : "=&r"(t)
                   : "r"(p), "r"(v)
                   : "memory");
}

static __attribute__((noinline)) void misc_ops(void *p) {
  __asm__ volatile("sync\n\tpref 0, 0(%0)\n\tpref 1, 4(%0)\n\tsynci 0(%0)\n\tsync" ::"r"(p) : "memory");
}

int main(void) {
  install_vectors((u32)vectors_base);
  pr("== loadstore ==\n");
  fill_buf();
  show("buf", buf, 16);

  pr("lb :");
  for (int i = 0; i < 8; i++) pr(" %x", ld_lb(buf + i));
  pr("\nlbu:");
  for (int i = 0; i < 8; i++) pr(" %x", ld_lbu(buf + i));
  pr("\nlh :");
  for (int i = 0; i < 16; i += 2) pr(" %x", ld_lh(buf + i));
  pr("\nlhu:");
  for (int i = 0; i < 16; i += 2) pr(" %x", ld_lhu(buf + i));
  pr("\nlw :");
  for (int i = 0; i < 16; i += 4) pr(" %x", ld_lw(buf + i));
  pr("\n");

  for (int off = 0; off < 4; off++) {
    memset(out, 0, 8);
    st_sb(out + off, 0xfffffe5a);
    pr("sb fffffe5a at +%d", off);
    show("", out, 8);
  }
  for (int off = 0; off < 8; off += 2) {
    memset(out, 0, 8);
    st_sh(out + off, 0xfedc1234);
    pr("sh fedc1234 at +%d", off);
    show("", out, 8);
  }
  for (int off = 0; off < 8; off += 4) {
    memset(out, 0, 8);
    st_sw(out + off, 0x11223344);
    pr("sw 11223344 at +%d", off);
    show("", out, 8);
  }

  pr("lwl (rt=a1b2c3d4) at buf+8..11:");
  for (int k = 0; k < 4; k++) pr(" %x", ld_lwl(buf + 8 + k));
  pr("\nlwr (rt=a1b2c3d4) at buf+8..11:");
  for (int k = 0; k < 4; k++) pr(" %x", ld_lwr(buf + 8 + k));
  pr("\n");
  for (int k = 0; k < 4; k++) {
    memset(out, 0xee, 8);
    st_swl(out + k, 0x11223344);
    pr("swl 11223344 at +%d", k);
    show("", out, 8);
  }
  for (int k = 0; k < 4; k++) {
    memset(out, 0xee, 8);
    st_swr(out + k, 0x11223344);
    pr("swr 11223344 at +%d", k);
    show("", out, 8);
  }
  pr("ulw (lwl 3 + lwr 0) at buf+0..3:");
  for (int k = 0; k < 4; k++) pr(" %x", ulw(buf + k));
  pr("\n");
  for (int k = 0; k < 4; k++) {
    memset(out, 0xee, 8);
    usw(out + k, 0xa1b2c3d4);
    pr("usw a1b2c3d4 at +%d", k);
    show("", out, 8);
  }

  pr("lw -4(buf+8)=%x lh -2(buf+8)=%x lw 4(base=dest=buf)=%x lw into $zero=%x\n", lw_negative(buf + 8), lh_negative(buf + 8),
     lw_base_is_dest(buf), lw_into_zero(buf));

  static u32 cell __attribute__((aligned(4)));
  cell = 41;
  u32 ok = llsc_inc(&cell);
  pr("ll/sc: sc rt=%u cell=%u\n", ok, cell);
  u32 before = last_exc.count;
  ok = llsc_eret(&cell);
  pr("ll/syscall+eret/sc: exceptions=%u sc rt=%u cell=%u\n", last_exc.count - before, ok, cell);
  for (int i = 0; i < 100; i++) atomic_add(&cell, 3);
  pr("ll/sc loop x100 (+3): cell=%u\n", cell);
  misc_ops(buf);
  pr("sync/pref/synci: ok\n");
  show("buf after (unchanged)", buf, 16);
  pr("done\n");
  return 0;
}

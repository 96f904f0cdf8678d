/* branches: every MIPS32r2 branch and jump, taken and not taken, with what its delay slot did:
 * "T"/"N" taken or not, "S" the delay slot ran, "-" it was annulled (likely forms, not taken),
 * "L" the link register held the address after the delay slot (linking forms; MIPS32 writes it
 * whether or not the branch is taken), "X" it did not. Then delay-slot data hazards: a slot that
 * changes the branch's source or the jump target, a jal slot reading r31, loops counted in the
 * slot, a load in the slot. Bodies are in branches.S. */
#include "common/guest.h"

typedef u32 (*brfn)(u32, u32);
#define DECL(n) u32 br_##n(u32 a, u32 b);
DECL(beq) DECL(bne) DECL(beql) DECL(bnel) DECL(blez) DECL(bgtz) DECL(bltz) DECL(bgez) DECL(blezl)
DECL(bgtzl) DECL(bltzl) DECL(bgezl) DECL(bltzal) DECL(bgezal) DECL(bltzall) DECL(bgezall) DECL(j)
DECL(b) DECL(jal) DECL(bal) DECL(jr) DECL(jr_hb) DECL(jalr_t1) DECL(jalr) DECL(jalr_hb)
DECL(slot_changes_source) DECL(jr_slot_changes_target)
u32 br_jal_slot_reads_ra(void);
unsigned long long br_loop(void);
unsigned long long br_loop_likely(void);
unsigned long long br_load_in_slot(const u32 *table);

static void show(u32 r, int linking) {
  pr("%c%c%s", r & 2 ? 'T' : 'N', r & 1 ? 'S' : '-', linking ? (r & 4 ? "L" : "X") : "");
}

static const u32 PAIRS[][2] = {{1, 1}, {1, 2}, {0xffffffff, 1}, {0x80000000, 0x80000000}, {0, 0x80000000}};
static const u32 ONES[] = {0xfffffffb, 0, 5, 0x80000000, 0x7fffffff};

static void two(const char *name, brfn f) {
  pr("%s", name);
  for (unsigned i = 0; i < sizeof PAIRS / sizeof PAIRS[0]; i++) {
    pr(" %h,%h:", PAIRS[i][0], PAIRS[i][1]);
    show(f(PAIRS[i][0], PAIRS[i][1]), 0);
  }
  pr("\n");
}

static void one(const char *name, brfn f, int linking) {
  pr("%s", name);
  for (unsigned i = 0; i < sizeof ONES / sizeof ONES[0]; i++) {
    pr(" %h:", ONES[i]);
    show(f(ONES[i], 0), linking);
  }
  pr("\n");
}

static void uncond(const char *name, brfn f, int linking) {
  pr("%s: ", name);
  show(f(0, 0), linking);
  pr("\n");
}

static const u32 table[6] = {3, 30, 300, 3000, 30000, 0xabcdef};

int main(void) {
  install_vectors((u32)vectors_base);
  pr("== branches ==\n");
  two("beq", br_beq);
  two("bne", br_bne);
  two("beql", br_beql);
  two("bnel", br_bnel);
  one("blez", br_blez, 0);
  one("bgtz", br_bgtz, 0);
  one("bltz", br_bltz, 0);
  one("bgez", br_bgez, 0);
  one("blezl", br_blezl, 0);
  one("bgtzl", br_bgtzl, 0);
  one("bltzl", br_bltzl, 0);
  one("bgezl", br_bgezl, 0);
  one("bltzal", br_bltzal, 1);
  one("bgezal", br_bgezal, 1);
  one("bltzall", br_bltzall, 1);
  one("bgezall", br_bgezall, 1);
  uncond("j", br_j, 0);
  uncond("b", br_b, 0);
  uncond("jal", br_jal, 1);
  uncond("bal", br_bal, 1);
  uncond("jr", br_jr, 0);
  uncond("jr.hb", br_jr_hb, 0);
  uncond("jalr (rd=r31)", br_jalr, 1);
  uncond("jalr.hb", br_jalr_hb, 1);
  uncond("jalr (rd=t1)", br_jalr_t1, 1);
  pr("beq 7,7 with slot a0+=1: %s\n", br_slot_changes_source(7, 7) & 2 ? "taken" : "not taken");
  pr("jr t0 with slot t0=0: %s\n", br_jr_slot_changes_target(0, 0) & 2 ? "jumped to the old t0" : "did not jump");
  pr("jal slot reads r31: r31 - link = %d\n", (s32)br_jal_slot_reads_ra());
  unsigned long long r = br_loop();
  pr("bnez loop 10..0: sum=%u counter=%d\n", (u32)r, (s32)(r >> 32));
  r = br_loop_likely();
  pr("bnel loop 10..0: sum=%u counter=%d\n", (u32)r, (s32)(r >> 32));
  r = br_load_in_slot(table);
  pr("load in slot: sum=%u last slot load=%x\n", (u32)r, (u32)(r >> 32));
  pr("done\n");
  return 0;
}

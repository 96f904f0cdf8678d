/* Branch test bodies for branches.c. Each br_<insn>(a, b) runs one branch and returns bits:
 *   1 = the delay slot ran, 2 = the branch was taken, 4 = the link register (for the linking
 *   forms) held the address of the instruction after the delay slot.
 * Conditional branches compare a0 (and a1): never the same register twice (QEMU deviation 1
 * turns a never-taken `bne rX,rX` into a NOP). */
#include "common/regdef.h"

        .set    noreorder
        .set    noat
        .text

/* Two-register compare: beq, bne and their likely forms. */
        .macro  BR2 insn
        .globl  br_\insn
        .ent    br_\insn
br_\insn:
        move    v0, zero
        \insn   a0, a1, 1f
        ori     v0, v0, 1
        jr      ra
        nop
1:      jr      ra
        ori     v0, v0, 2
        .end    br_\insn
        .endm

/* One-register compare against zero. */
        .macro  BR1 insn
        .globl  br_\insn
        .ent    br_\insn
br_\insn:
        move    v0, zero
        \insn   a0, 1f
        ori     v0, v0, 1
        jr      ra
        nop
1:      jr      ra
        ori     v0, v0, 2
        .end    br_\insn
        .endm

/* Linking compare against zero: r31 <- address after the delay slot, taken or not. */
        .macro  BRL insn
        .globl  br_\insn
        .ent    br_\insn
br_\insn:
        move    t9, ra
        move    v0, zero
        move    ra, zero
        \insn   a0, 1f
        ori     v0, v0, 1
2:      b       3f
        nop
1:      ori     v0, v0, 2
3:      la      t8, 2b
        subu    t8, ra, t8
        sltiu   t8, t8, 1
        sll     t8, t8, 2
        or      v0, v0, t8
        jr      t9
        nop
        .end    br_\insn
        .endm

        BR2     beq
        BR2     bne
        BR2     beql
        BR2     bnel
        BR1     blez
        BR1     bgtz
        BR1     bltz
        BR1     bgez
        BR1     blezl
        BR1     bgtzl
        BR1     bltzl
        BR1     bgezl
        BRL     bltzal
        BRL     bgezal
        BRL     bltzall
        BRL     bgezall

/* Unconditional forms (arguments ignored). */
        .globl  br_j
        .ent    br_j
br_j:
        move    v0, zero
        j       1f
        ori     v0, v0, 1
        jr      ra
        nop
1:      jr      ra
        ori     v0, v0, 2
        .end    br_j

        .globl  br_b
        .ent    br_b
br_b:
        move    v0, zero
        b       1f
        ori     v0, v0, 1
        jr      ra
        nop
1:      jr      ra
        ori     v0, v0, 2
        .end    br_b

        .globl  br_jal
        .ent    br_jal
br_jal:
        move    t9, ra
        move    v0, zero
        jal     1f
        ori     v0, v0, 1
2:      b       3f
        nop
1:      ori     v0, v0, 2
3:      la      t8, 2b
        subu    t8, ra, t8
        sltiu   t8, t8, 1
        sll     t8, t8, 2
        or      v0, v0, t8
        jr      t9
        nop
        .end    br_jal

        .globl  br_bal
        .ent    br_bal
br_bal:
        move    t9, ra
        move    v0, zero
        bal     1f
        ori     v0, v0, 1
2:      b       3f
        nop
1:      ori     v0, v0, 2
3:      la      t8, 2b
        subu    t8, ra, t8
        sltiu   t8, t8, 1
        sll     t8, t8, 2
        or      v0, v0, t8
        jr      t9
        nop
        .end    br_bal

        .globl  br_jr
        .ent    br_jr
br_jr:
        move    v0, zero
        la      t0, 1f
        jr      t0
        ori     v0, v0, 1
        jr      ra
        nop
1:      jr      ra
        ori     v0, v0, 2
        .end    br_jr

        .globl  br_jr_hb
        .ent    br_jr_hb
br_jr_hb:
        move    v0, zero
        la      t0, 1f
        jr.hb   t0
        ori     v0, v0, 1
        jr      ra
        nop
1:      jr      ra
        ori     v0, v0, 2
        .end    br_jr_hb

/* jalr with rd = t1 (not r31): t1 <- address after the delay slot; r31 untouched. */
        .globl  br_jalr_t1
        .ent    br_jalr_t1
br_jalr_t1:
        move    v0, zero
        la      t0, 1f
        move    t1, zero
        jalr    t1, t0
        ori     v0, v0, 1
2:      jr      ra
        nop
1:      ori     v0, v0, 2
        la      t8, 2b
        subu    t8, t1, t8
        sltiu   t8, t8, 1
        sll     t8, t8, 2
        jr      ra
        or      v0, v0, t8
        .end    br_jalr_t1

        .globl  br_jalr
        .ent    br_jalr
br_jalr:
        move    t9, ra
        move    v0, zero
        la      t0, 1f
        jalr    t0
        ori     v0, v0, 1
2:      b       3f
        nop
1:      ori     v0, v0, 2
3:      la      t8, 2b
        subu    t8, ra, t8
        sltiu   t8, t8, 1
        sll     t8, t8, 2
        or      v0, v0, t8
        jr      t9
        nop
        .end    br_jalr

        .globl  br_jalr_hb
        .ent    br_jalr_hb
br_jalr_hb:
        move    t9, ra
        move    v0, zero
        la      t0, 1f
        jalr.hb t0
        ori     v0, v0, 1
2:      b       3f
        nop
1:      ori     v0, v0, 2
3:      la      t8, 2b
        subu    t8, ra, t8
        sltiu   t8, t8, 1
        sll     t8, t8, 2
        or      v0, v0, t8
        jr      t9
        nop
        .end    br_jalr_hb

/* The branch compares the values from before its delay slot, which changes a0:
 * beq a0, a1 with a0 == a1 is taken even though the slot makes them differ. */
        .globl  br_slot_changes_source
        .ent    br_slot_changes_source
br_slot_changes_source:
        move    v0, zero
        beq     a0, a1, 1f
        addiu   a0, a0, 1
        jr      ra
        nop
1:      jr      ra
        ori     v0, v0, 2
        .end    br_slot_changes_source

/* jr t0 whose delay slot clears t0 still jumps to the old t0. */
        .globl  br_jr_slot_changes_target
        .ent    br_jr_slot_changes_target
br_jr_slot_changes_target:
        move    v0, zero
        la      t0, 1f
        jr      t0
        move    t0, zero
        jr      ra
        nop
1:      jr      ra
        ori     v0, v0, 2
        .end    br_jr_slot_changes_target

/* A jal whose delay slot reads r31 sees the new link value (r31 is written by the jal,
 * which completes before its delay slot runs): v0 = r31 seen in the slot - expected link. */
        .globl  br_jal_slot_reads_ra
        .ent    br_jal_slot_reads_ra
br_jal_slot_reads_ra:
        move    t9, ra
        jal     1f
        move    v1, ra
2:      nop
1:      la      t8, 2b
        subu    v0, v1, t8
        jr      t9
        nop
        .end    br_jal_slot_reads_ra

/* Counted loop with a delay-slot decrement: returns the sum in v0 and the final counter in v1
 * (-1: the slot also runs on the last, not-taken, pass). */
        .globl  br_loop
        .ent    br_loop
br_loop:
        move    v0, zero
        li      t0, 10
1:      addu    v0, v0, t0
        bnez    t0, 1b
        addiu   t0, t0, -1
        jr      ra
        move    v1, t0
        .end    br_loop

/* The same loop with bnel: the slot is annulled on the last pass, so the counter ends at 0. */
        .globl  br_loop_likely
        .ent    br_loop_likely
br_loop_likely:
        move    v0, zero
        li      t0, 10
        move    v1, zero
1:      addu    v0, v0, t0
        bnel    t0, zero, 1b
        addiu   t0, t0, -1
        jr      ra
        move    v1, t0
        .end    br_loop_likely

/* A loop whose branch has the loop's load in its delay slot: sums table[0..4] (v0) and leaves
 * in v1 what the slot loaded on the final, not-taken pass (table[5]). */
        .globl  br_load_in_slot
        .ent    br_load_in_slot
br_load_in_slot:
        move    v0, zero
        li      t0, 5
        lw      t1, 0(a0)
1:      addiu   t0, t0, -1
        addu    v0, v0, t1
        addiu   a0, a0, 4
        bgtz    t0, 1b
        lw      t1, 0(a0)
        jr      ra
        move    v1, t1
        .end    br_load_in_slot

/* Address-error test bodies for addrerr.c. Each ae_* does one access at a0; the faulting
 * instruction is the function's first, so EPC = the function's address. The destination
 * register starts as 0xdeadbeef to show that a faulting load leaves it alone. */
#include "common/regdef.h"

        .set    noreorder
        .set    noat
        .text

        .macro  LOAD insn
        .globl  ae_\insn
        .ent    ae_\insn
ae_\insn:
        \insn   v0, 0(a0)
        jr      ra
        nop
        .end    ae_\insn
        .endm
        .macro  STORE insn
        .globl  ae_\insn
        .ent    ae_\insn
ae_\insn:
        \insn   a1, 0(a0)
        jr      ra
        nop
        .end    ae_\insn
        .endm

        LOAD    lw
        LOAD    lh
        LOAD    lhu
        LOAD    ll
        LOAD    lwl
        LOAD    lwr
        STORE   sw
        STORE   sh
        STORE   swl
        STORE   swr

/* Jump to a misaligned address: the fetch at the target faults (EPC = BadVAddr = target,
 * BD = 0). The handler resumes at x_fetch_resume. */
        .globl  ae_fetch
        .ent    ae_fetch
ae_fetch:
        move    t9, ra
        jr      a0
        nop
        .globl  x_fetch_resume
x_fetch_resume:
        jr      t9
        nop
        .end    ae_fetch

/* A misaligned lw in the delay slot of a taken branch: BD = 1, EPC = the branch. */
        .globl  ae_lw_in_slot
        .ent    ae_lw_in_slot
ae_lw_in_slot:
        .globl  x_lw_slot
x_lw_slot:
        b       1f
        lw      v0, 0(a0)
        nop
1:
        .globl  x_lw_slot_resume
x_lw_slot_resume:
        jr      ra
        nop
        .end    ae_lw_in_slot

/* jalr to a misaligned target: r31 is written by the jalr before the fetch faults. */
        .globl  ae_jalr_fetch
        .ent    ae_jalr_fetch
ae_jalr_fetch:
        move    t9, ra
        .globl  x_jalr
x_jalr:
        jalr    a0
        nop
        .globl  x_jalr_link
x_jalr_link:
        move    v0, ra
        jr      t9
        nop
        .end    ae_jalr_fetch

/* Exception test bodies for exceptions.c. Labels named x_* mark the instruction expected in
 * EPC (or the place the handler should resume: x_*_resume), so the C side can print EPC
 * relative to them. */
#include "common/regdef.h"

        .set    noreorder
        .set    noat
        .text

        .macro  FUNC name
        .globl  \name
        .ent    \name
\name:
        .endm
        .macro  END name
        .end    \name
        .endm
        .macro  LABEL name
        .globl  \name
\name:
        .endm

FUNC ex_syscall
        LABEL   x_syscall
        syscall 0x12345
        jr      ra
        nop
END ex_syscall

FUNC ex_break
        LABEL   x_break
        break   0x3ff, 0x155
        jr      ra
        nop
END ex_break

/* Trap instructions: the trap is the function's first instruction (EPC = function address). */
        .macro  TRAPRR insn
FUNC tr_\insn
        \insn   a0, a1
        jr      ra
        nop
END tr_\insn
        .endm
        .macro  TRAPRI insn, imm, name
FUNC tr_\name
        \insn   a0, \imm
        jr      ra
        nop
END tr_\name
        .endm
        TRAPRR  teq
        TRAPRR  tne
        TRAPRR  tge
        TRAPRR  tgeu
        TRAPRR  tlt
        TRAPRR  tltu
        TRAPRI  teqi, 5, teqi
        TRAPRI  tnei, 5, tnei
        TRAPRI  tgei, -5, tgei
        TRAPRI  tgeiu, -5, tgeiu
        TRAPRI  tlti, -5, tlti
        TRAPRI  tltiu, -5, tltiu

/* syscall in the delay slot of a taken branch: EPC = the branch, Cause.BD = 1; the handler
 * resumes at the branch target (x_slot_b_resume). */
FUNC ex_slot_taken
        LABEL   x_slot_b
        b       1f
        syscall
        li      v0, 1
        jr      ra
        nop
1:
        LABEL   x_slot_b_resume
        jr      ra
        move    v0, zero
END ex_slot_taken

/* break in the delay slot of a not-taken bne (a0 == a1, different registers): the slot runs,
 * so the exception happens with BD = 1 and EPC = the bne. Resume after the slot. */
FUNC ex_slot_not_taken
        LABEL   x_slot_bne
        bne     a0, a1, 1f
        break   7
        LABEL   x_slot_bne_resume
        jr      ra
        move    v0, zero
1:      jr      ra
        li      v0, 1
END ex_slot_not_taken

/* teq zero, zero (always traps) in the delay slot of jr: EPC = the jr. */
FUNC ex_slot_jr
        la      t0, 1f
        LABEL   x_slot_jr
        jr      t0
        teq     zero, zero
        jr      ra
        li      v0, 1
1:
        LABEL   x_slot_jr_resume
        jr      ra
        move    v0, zero
END ex_slot_jr

/* syscall in the delay slot of a taken beql. */
FUNC ex_slot_likely
        LABEL   x_slot_beql
        beql    a0, a1, 1f
        syscall
        jr      ra
        li      v0, 1
1:
        LABEL   x_slot_beql_resume
        jr      ra
        move    v0, zero
END ex_slot_likely

/* syscall in the delay slot of jal: r31 is already the link value when the exception is
 * taken (the handler records it); EPC = the jal. */
FUNC ex_slot_jal
        move    t9, ra
        LABEL   x_slot_jal
        jal     1f
        syscall
        LABEL   x_slot_jal_link
        nop
1:
        LABEL   x_slot_jal_resume
        jr      t9
        nop
END ex_slot_jal

/* A reserved opcode (primary opcode 0x3b, marked reserved in the MIPS32 opcode table). */
FUNC ex_reserved
        LABEL   x_reserved
        .word   0xec000000
        jr      ra
        nop
END ex_reserved

/* mfc1 with Status.CU1 = 0: Coprocessor Unusable, Cause.CE = 1. */
FUNC ex_cop1
        .set    push
        .set    hardfloat
        LABEL   x_cop1
        mfc1    v0, $f0
        .set    pop
        jr      ra
        nop
END ex_cop1

/* Exception with Status.EXL already 1: EPC is not written, so eret returns to whatever EPC
 * held: here x_exl_resume, set before. */
FUNC ex_with_exl
        la      t0, 1f
        mtc0    t0, C0_EPC
        mfc0    t1, C0_STATUS
        ori     t1, t1, 0x2
        mtc0    t1, C0_STATUS
        ehb
        LABEL   x_exl_syscall
        syscall
        jr      ra
        li      v0, 1
1:
        LABEL   x_exl_resume
        jr      ra
        move    v0, zero
END ex_with_exl

/* eret with ERL and EXL both set: the first eret clears ERL only and goes to ErrorEPC; the
 * second clears EXL and goes to EPC. Returns Status after each in v0 / v1. */
FUNC ex_eret_order
        la      t0, 1f
        mtc0    t0, $30                 /* ErrorEPC */
        la      t0, 2f
        mtc0    t0, C0_EPC
        mfc0    t1, C0_STATUS
        ori     t1, t1, 0x6             /* ERL | EXL */
        mtc0    t1, C0_STATUS
        ehb
        eret
        li      v0, 0xbad
        jr      ra
        li      v1, 0xbad
1:      mfc0    v0, C0_STATUS
        eret
        li      v1, 0xbad
        jr      ra
        nop
2:      mfc0    v1, C0_STATUS
        jr      ra
        nop
END ex_eret_order

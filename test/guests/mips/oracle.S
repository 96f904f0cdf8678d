/* oracle harness (MIPS): oracle_run loads oracle_st into every GPR (but k0/k1), HI/LO, the
 * FPRs (Status.FR = 1) and FCSR, runs oracle_slot and saves them all back.
 * Slot: +0 the instruction, +4 its delay slot (nop, or addiu $1,$1,1 after a branch), +8 the
 * not-taken exit, +16 the taken exit (branch offset 12, j/jal index, jr target). The exits and
 * the exception vectors use only k0/k1.
 * The slot and its taken exit have a page of their own, entered by a jump: writing the next
 * case's words drops the translated blocks of that page only (the translator drops a page's
 * blocks on a store into it), so each case translates the slot's short blocks instead of
 * retranslating the harness around it. */
        .set fp=64
#include "common/regdef.h"
        .set noreorder
        .set noat
        .set hardfloat
        .set ST_C, 128
        .set ST_F, 144
        .set ST_FCS, 404
        .set ST_TAKEN, 408

        .text
        .globl oracle_run
        .ent oracle_run
oracle_run:
        la t0, save
        sw s0, 0(t0)
        sw s1, 4(t0)
        sw s2, 8(t0)
        sw s3, 12(t0)
        sw s4, 16(t0)
        sw s5, 20(t0)
        sw s6, 24(t0)
        sw s7, 28(t0)
        sw gp, 32(t0)
        sw sp, 36(t0)
        sw fp, 40(t0)
        sw ra, 44(t0)
        la $31, oracle_st
        .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
        ldc1 $f\n, ST_F+8*\n($31)
        .endr
        lw $1, ST_FCS($31)
        ctc1 $1, $31
        lw $1, ST_C($31)
        mthi $1
        lw $1, ST_C+4($31)
        mtlo $1
        .irp n, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,28,29,30
        lw $\n, 4*\n($31)
        .endr
        lw $31, 124($31)
        j oracle_slot
        nop
        .balign 4096
        .globl oracle_slot
oracle_slot:
        nop
        nop
        j oracle_nt
        nop
oracle_taken:
        lui k0, %hi(oracle_st)
        addiu k0, k0, %lo(oracle_st)
        b save_state
        ori k1, zero, 1
        .balign 4096
oracle_nt:
        lui k0, %hi(oracle_st)
        addiu k0, k0, %lo(oracle_st)
        ori k1, zero, 0
save_state:
        sw k1, ST_TAKEN(k0)
        .irp n, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,28,29,30,31
        sw $\n, 4*\n(k0)
        .endr
        mfhi $1
        sw $1, ST_C(k0)
        mflo $1
        sw $1, ST_C+4(k0)
        .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
        sdc1 $f\n, ST_F+8*\n(k0)
        .endr
        cfc1 $1, $31
        sw $1, ST_FCS(k0)
        ctc1 zero, $31           /* the C code runs with FCSR = 0 (no enabled exceptions) */
        la t0, save
        lw s0, 0(t0)
        lw s1, 4(t0)
        lw s2, 8(t0)
        lw s3, 12(t0)
        lw s4, 16(t0)
        lw s5, 20(t0)
        lw s6, 24(t0)
        lw s7, 28(t0)
        lw gp, 32(t0)
        lw sp, 36(t0)
        lw fp, 40(t0)
        lw ra, 44(t0)
        jr ra
        nop
        .end oracle_run

/* Vectors (EBase): TLB refill +0x000, general +0x180, interrupt +0x200. Record and resume at
 * the not-taken exit (eret clears EXL; EPC := oracle_nt). */
        .balign 4096
        .globl oracle_vectors
oracle_vectors:
        j oracle_exc_entry
        nop
        .org oracle_vectors + 0x180
        j oracle_exc_entry
        nop
        .org oracle_vectors + 0x200
        j oracle_exc_entry
        nop
oracle_exc_entry:
        lui k0, %hi(oracle_exc)
        addiu k0, k0, %lo(oracle_exc)
        mfc0 k1, $13
        sw k1, 4(k0)
        mfc0 k1, $14
        sw k1, 8(k0)
        mfc0 k1, $8
        sw k1, 12(k0)
        ori k1, zero, 1
        sw k1, 0(k0)
        la k1, oracle_nt
        mtc0 k1, $14
        ehb
        eret

        .data
        .balign 8
        .globl oracle_st
oracle_st: .space 416
save:   .space 48
        .globl oracle_exc
oracle_exc: .space 16
        .section .rodata
        .balign 4
        .globl oracle_cases
oracle_cases:
        .incbin "oracle-cases.bin"

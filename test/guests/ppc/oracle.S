/* oracle harness: oracle_run loads oracle_st into every GPR, CR, XER, LR, CTR, FPR and the
 * FPSCR, runs the one word in oracle_slot, and saves them all back. The slot's instruction
 * continues at slot+4 (`b oracle_nt`) or branches to slot+8 / oracle_taken; both exits store
 * r31 and the taken flag to the absolute scratch 0x7ff8/0x7ffc (reachable with RA = 0, so no
 * register is needed), then save. Interrupts return to slot+4 (skip_insn).
 * The slot starts a page of its own, entered by a branch, and its exits leave that page at once:
 * writing the next case's word drops the translated blocks of that page only (the translator
 * drops a page's blocks on a store into it), so each case translates the slot's short block
 * instead of retranslating the harness and main() around it. */
        .set ST_C, 128
        .set ST_F, 144
        .set ST_FCS, 400
        .set ST_TAKEN, 408

        .text
        .globl oracle_run
oracle_run:
        lis 11, save@ha
        addi 11, 11, save@l
        stw 1, 0(11)
        stw 2, 4(11)
        mflr 0
        stw 0, 8(11)
        mfcr 0
        stw 0, 12(11)
        stmw 13, 16(11)
        lis 31, oracle_st@ha
        addi 31, 31, oracle_st@l
        lfd 0, ST_FCS(31)
        mtfsf 0xff, 0
        .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
        lfd \n, ST_F+8*\n(31)
        .endr
        lwz 0, ST_C(31)
        mtcr 0
        lwz 0, ST_C+4(31)
        mtxer 0
        lwz 0, ST_C+8(31)
        mtlr 0
        lwz 0, ST_C+12(31)
        mtctr 0
        .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
        lwz \n, 4*\n(31)
        .endr
        lwz 31, 124(31)
        b oracle_slot
        .balign 4096
        .globl oracle_slot
oracle_slot:
        .long 0
        b oracle_nt
        .globl oracle_taken
oracle_taken:
        b taken_exit
        .balign 4096
taken_exit:
        stw 31, 0x7ff8(0)
        li 31, 1
        stw 31, 0x7ffc(0)
        b save_state
oracle_nt:
        stw 31, 0x7ff8(0)
        li 31, 0
        stw 31, 0x7ffc(0)
save_state:
        lis 31, oracle_st@ha
        addi 31, 31, oracle_st@l
        .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
        stw \n, 4*\n(31)
        .endr
        lwz 0, 0x7ff8(0)
        stw 0, 124(31)
        lwz 0, 0x7ffc(0)
        stw 0, ST_TAKEN(31)
        mfcr 0
        stw 0, ST_C(31)
        mfxer 0
        stw 0, ST_C+4(31)
        mflr 0
        stw 0, ST_C+8(31)
        mfctr 0
        stw 0, ST_C+12(31)
        .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
        stfd \n, ST_F+8*\n(31)
        .endr
        mffs 0
        stfd 0, ST_FCS(31)
        lis 11, save@ha
        addi 11, 11, save@l
        lwz 1, 0(11)
        lwz 2, 4(11)
        lwz 0, 8(11)
        mtlr 0
        lwz 0, 12(11)
        mtcr 0
        lmw 13, 16(11)
        blr

        .data
        .balign 8
        .globl oracle_st
oracle_st: .space 416
save:   .space 96
        .section .rodata
        .balign 4
        .globl oracle_cases
oracle_cases:
        .incbin "oracle-cases.bin"

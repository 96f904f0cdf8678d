/* Start-up code and exception vectors shared by every bare-metal Malta guest.
 *
 * _start: keeps what QEMU's boot stub hands over (a0-a3, sp, Status) for the guests that print
 * it, sets up a stack, clears .bss, calls main() and then guest_exit().
 *
 * Vectors: a 4 KiB-aligned block laid out as the MIPS32 PRA places vectors relative to EBase
 * when Status.BEV=0: +0x000 TLB refill (EXL=0), +0x180 general exception, +0x200 interrupt
 * (Cause.IV=1). Each stub leaves its offset in k1 so the C handler can report which vector ran,
 * and jumps (jr, so the block may be copied anywhere) to general_entry, or for TLB refill to
 * whatever refill_hook holds (a guest with its own refill handler stores its address there).
 * general_entry saves every register in a struct frame on the current stack, calls
 * guest_exception(frame) in C, restores (EPC from the frame, which the handler may change) and
 * erets.
 */
#include "regdef.h"

        .set    noreorder
        .set    noat

        .section .text.start, "ax"
        .globl  _start
        .ent    _start
_start:
        la      k0, boot_regs
        sw      a0, 0(k0)
        sw      a1, 4(k0)
        sw      a2, 8(k0)
        sw      a3, 12(k0)
        sw      sp, 16(k0)
        mfc0    k1, C0_STATUS
        sw      k1, 20(k0)
        la      sp, _stack_top
        la      t0, __bss_start
        la      t1, __bss_end
1:      beq     t0, t1, 2f
        nop
        sw      zero, 0(t0)
        b       1b
        addiu   t0, t0, 4
2:      jal     main
        nop
        jal     guest_exit
        move    a0, v0
3:      b       3b
        nop
        .end    _start

        .section .vectors, "ax"
        .align  12
        .globl  vectors_base
vectors_base:
        /* +0x000: TLB refill */
        lui     k0, %hi(refill_hook)
        lw      k0, %lo(refill_hook)(k0)
        jr      k0
        ori     k1, zero, 0x000
        .org    0x180
        /* +0x180: general exception (and interrupts when Cause.IV=0) */
        lui     k0, %hi(general_entry)
        addiu   k0, k0, %lo(general_entry)
        jr      k0
        ori     k1, zero, 0x180
        .org    0x200
        /* +0x200: interrupts when Cause.IV=1 */
        lui     k0, %hi(general_entry)
        addiu   k0, k0, %lo(general_entry)
        jr      k0
        ori     k1, zero, 0x200
        .org    0x280
        .globl  vectors_end
vectors_end:

        .text
        .globl  general_entry
        .ent    general_entry
general_entry:
        addiu   sp, sp, -FRAME_SIZE
        sw      $1, 4(sp)
        sw      $2, 8(sp)
        sw      $3, 12(sp)
        sw      $4, 16(sp)
        sw      $5, 20(sp)
        sw      $6, 24(sp)
        sw      $7, 28(sp)
        sw      $8, 32(sp)
        sw      $9, 36(sp)
        sw      $10, 40(sp)
        sw      $11, 44(sp)
        sw      $12, 48(sp)
        sw      $13, 52(sp)
        sw      $14, 56(sp)
        sw      $15, 60(sp)
        sw      $16, 64(sp)
        sw      $17, 68(sp)
        sw      $18, 72(sp)
        sw      $19, 76(sp)
        sw      $20, 80(sp)
        sw      $21, 84(sp)
        sw      $22, 88(sp)
        sw      $23, 92(sp)
        sw      $24, 96(sp)
        sw      $25, 100(sp)
        sw      $28, 112(sp)
        addiu   k0, sp, FRAME_SIZE
        sw      k0, 116(sp)
        sw      $30, 120(sp)
        sw      $31, 124(sp)
        mfhi    k0
        sw      k0, F_HI(sp)
        mflo    k0
        sw      k0, F_LO(sp)
        mfc0    k0, C0_STATUS
        sw      k0, F_STATUS(sp)
        mfc0    k0, C0_CAUSE
        sw      k0, F_CAUSE(sp)
        mfc0    k0, C0_EPC
        sw      k0, F_EPC(sp)
        mfc0    k0, C0_BADVADDR
        sw      k0, F_BADVADDR(sp)
        sw      k1, F_VECTOR(sp)
        jal     guest_exception
        move    a0, sp
        lw      k0, F_EPC(sp)
        mtc0    k0, C0_EPC
        lw      k0, F_HI(sp)
        mthi    k0
        lw      k0, F_LO(sp)
        mtlo    k0
        lw      $1, 4(sp)
        lw      $2, 8(sp)
        lw      $3, 12(sp)
        lw      $4, 16(sp)
        lw      $5, 20(sp)
        lw      $6, 24(sp)
        lw      $7, 28(sp)
        lw      $8, 32(sp)
        lw      $9, 36(sp)
        lw      $10, 40(sp)
        lw      $11, 44(sp)
        lw      $12, 48(sp)
        lw      $13, 52(sp)
        lw      $14, 56(sp)
        lw      $15, 60(sp)
        lw      $16, 64(sp)
        lw      $17, 68(sp)
        lw      $18, 72(sp)
        lw      $19, 76(sp)
        lw      $20, 80(sp)
        lw      $21, 84(sp)
        lw      $22, 88(sp)
        lw      $23, 92(sp)
        lw      $24, 96(sp)
        lw      $25, 100(sp)
        lw      $28, 112(sp)
        lw      $30, 120(sp)
        lw      $31, 124(sp)
        addiu   sp, sp, FRAME_SIZE
        ehb
        eret
        .end    general_entry

/* void install_vectors(unsigned base): copies the vector block to base (KSEG0, 4 KiB aligned)
 * unless it is already there, makes the copied instructions visible to instruction fetch
 * (synci per line, sync, jr.hb: MIPS32 R2's recipe for code written as data), sets EBase to
 * base and clears Status.BEV. */
        .globl  install_vectors
        .ent    install_vectors
install_vectors:
        la      t0, vectors_base
        la      t1, vectors_end
        beq     t0, a0, 2f
        move    t2, a0
1:      lw      t3, 0(t0)
        sw      t3, 0(t2)
        addiu   t0, t0, 4
        bne     t0, t1, 1b
        addiu   t2, t2, 4
        move    t2, a0
        addiu   t1, a0, 0x280
3:      synci   0(t2)
        addiu   t2, t2, 16
        sltu    t3, t2, t1
        bnez    t3, 3b
        nop
        sync
2:      mtc0    a0, $15, 1              /* EBase */
        mfc0    t0, C0_STATUS
        li      t1, ~0x00400000         /* BEV */
        and     t0, t0, t1
        mtc0    t0, C0_STATUS
        jr.hb   ra
        nop
        .end    install_vectors

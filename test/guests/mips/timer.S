/* Timer helpers for timer.c. */
#include "common/regdef.h"

        .set    noreorder
        .set    noat
        .text

/* void timer_wait(u32 delta): Compare = Count + delta, enable IM7 and IE, wait. The timer
 * interrupt's EPC should be x_after_wait (MIPS32: the interrupt is taken after the WAIT).
 * IE and IM7 are cleared again before returning. */
        .globl  timer_wait
        .ent    timer_wait
timer_wait:
        mfc0    t0, C0_COUNT
        addu    t0, t0, a0
        mtc0    t0, C0_COMPARE
        ehb
        mfc0    t1, C0_STATUS
        ori     t1, t1, 0x8001
        mtc0    t1, C0_STATUS
        ehb
        .globl  x_wait
x_wait:
        wait
        .globl  x_after_wait
x_after_wait:
        mfc0    t1, C0_STATUS
        li      t2, ~0x8001
        and     t1, t1, t2
        mtc0    t1, C0_STATUS
        ehb
        jr      ra
        nop
        .end    timer_wait

/* u32 t_di(void) / t_ei(void): the old Status, as di/ei return it. */
        .globl  t_di
        .ent    t_di
t_di:
        di      v0
        ehb
        jr      ra
        nop
        .end    t_di

        .globl  t_ei
        .ent    t_ei
t_ei:
        ei      v0
        ehb
        jr      ra
        nop
        .end    t_ei

/* User-mode test code for usermode.c. The snippets live in one 4 KiB page that usermode.c maps
 * at user virtual address 0x00400000 (so they only use PC-relative branches and registers).
 * Each ends with `syscall`, which usermode.c's handler turns into a return to kernel mode;
 * any other exception ends the snippet too. v0 is the snippet's result. */
#include "common/regdef.h"

        .set    noreorder
        .set    noat

        .section .text.user, "ax"
        .align  12
        .globl  user_page
user_page:

        .macro  SNIPPET name
        .globl  u_\name
u_\name:
        .endm

SNIPPET syscall
        li      v0, 42
        syscall
SNIPPET load_store
        lui     t0, 0x0050              /* user data page, VA 0x00500000 */
        lw      v0, 0x10(t0)
        addiu   t1, v0, 1
        sw      t1, 0x14(t0)
        syscall
SNIPPET mfc0
        mfc0    v0, $10
        syscall
SNIPPET mtc0
        mtc0    zero, $12
        syscall
SNIPPET eret
        eret
        syscall
SNIPPET wait
        wait
        syscall
SNIPPET tlbwi
        tlbwi
        syscall
SNIPPET di
        di      v0
        syscall
SNIPPET cache
        lui     t0, 0x0050
        cache   0x15, 0(t0)             /* Hit_Writeback_Inv_D */
        syscall
SNIPPET kseg0_load
        lui     t0, 0x8000
        lw      v0, 0x1000(t0)
        syscall
SNIPPET kseg1_store
        lui     t0, 0xa000
        sw      zero, 0x1000(t0)
        syscall
SNIPPET kseg2_load
        lui     t0, 0xc000
        lw      v0, 0(t0)
        syscall
SNIPPET fetch_kernel
        lui     t0, 0x8010
        jr      t0
        nop
        syscall
SNIPPET unmapped_load
        lui     t0, 0x0060
        lw      v0, 0(t0)
        syscall
SNIPPET rdhwr_cpunum
        rdhwr   v0, $0
        syscall
SNIPPET break
        break   3
        syscall
SNIPPET trap
        li      t0, 9
        teqi    t0, 9
        syscall
SNIPPET invalid_fetch
        lui     t0, 0x0040
        ori     t0, t0, 0x1000          /* the odd page of the code pair: V = 0 */
        jr      t0
        nop
        syscall
        .align  12

        .text
/* u32 enter_user(u32 va): eret to va in user mode (Status.KSU = user, EXL = 1 then cleared by
 * eret). The handler comes back to user_return in kernel mode with the user's registers, so the
 * kernel's ra is kept in a static slot (user code does not touch sp). */
        .globl  enter_user
        .ent    enter_user
enter_user:
        la      t0, saved_ra
        sw      ra, 0(t0)
        sw      s0, 4(t0)
        mtc0    a0, C0_EPC
        mfc0    t1, C0_STATUS
        ori     t1, t1, 0x12            /* KSU = user, EXL */
        mtc0    t1, C0_STATUS
        ehb
        eret
        .globl  user_return
user_return:
        la      t0, saved_ra
        lw      ra, 0(t0)
        lw      s0, 4(t0)
        jr      ra
        nop
        .end    enter_user

        .data
saved_ra:
        .word   0, 0

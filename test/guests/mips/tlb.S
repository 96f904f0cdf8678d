/* TLB helpers for tlb.c: the guest's own TLB refill handler, and accesses whose faults the
 * C side inspects. */
#include "common/regdef.h"

        .set    noreorder
        .set    noat
        .text

/* TLB refill handler (reached through vector +0x000 and refill_hook). Context holds
 * PTEBase | BadVPN2 << 4, so it points straight at this VPN2's 16-byte slot in the guest's
 * page table: EntryLo0 at +0, EntryLo1 at +4. EntryHi already holds VPN2 and the current
 * ASID (the exception set them); PageMask is 0 (4 KiB pages). tlbwr picks the slot (Random,
 * which stays in [Wired, entries-1]). Logs Cause, BadVAddr and EPC and counts refills. */
        .globl  tlb_refill_handler
        .ent    tlb_refill_handler
tlb_refill_handler:
        mfc0    k1, C0_CONTEXT
        lw      k0, 0(k1)
        lw      k1, 4(k1)
        mtc0    k0, C0_ENTRYLO0
        mtc0    k1, C0_ENTRYLO1
        ehb
        tlbwr
        lui     k0, %hi(refill_log)
        mfc0    k1, C0_CAUSE
        sw      k1, %lo(refill_log)(k0)
        mfc0    k1, C0_BADVADDR
        sw      k1, %lo(refill_log+4)(k0)
        mfc0    k1, C0_EPC
        sw      k1, %lo(refill_log+8)(k0)
        lw      k1, %lo(refill_log+12)(k0)
        addiu   k1, k1, 1
        sw      k1, %lo(refill_log+12)(k0)
        eret
        .end    tlb_refill_handler

/* Load from a0 with Status.EXL = 1 and EPC = x_exl_resume: a TLB miss then goes to the general
 * vector and does not write EPC, so the handler's eret lands on x_exl_resume. */
        .globl  tlb_exl_load
        .ent    tlb_exl_load
tlb_exl_load:
        la      t0, x_exl_resume
        mtc0    t0, C0_EPC
        mfc0    t1, C0_STATUS
        ori     t1, t1, 0x2
        mtc0    t1, C0_STATUS
        ehb
        lw      v0, 0(a0)
        li      v0, 0xbad
        .globl  x_exl_resume
x_exl_resume:
        jr      ra
        nop
        .end    tlb_exl_load

/* A load and a store expected to fault, kept out of any delay slot (so the default handler
 * can resume after them). rd_fault returns 0xdeadbeef when the load faulted. */
        .globl  rd_fault
        .ent    rd_fault
rd_fault:
        li      v0, 0xdeadbeef
        lw      v0, 0(a0)
        jr      ra
        nop
        .end    rd_fault

        .globl  wr_fault
        .ent    wr_fault
wr_fault:
        sw      a1, 0(a0)
        jr      ra
        nop
        .end    wr_fault

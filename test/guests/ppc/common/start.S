/* Start-up code and interrupt vectors shared by every bare-metal Bamboo guest.
 *
 * _start: keeps what QEMU's bamboo loader hands over (r1, r3 = device tree, r6 = ePAPR magic,
 * r7, MSR), maps the UART page 1:1 in TLB entry 63 (TID 0, TS 0, I|G, SR|SW), sets up a stack,
 * clears .bss, calls main() and then guest_exit(). TLB entry 0 is rewritten as a 256 MB
 * mapping of RAM usable in user state too.
 *
 * Vectors: one 16-byte stub per IVOR at vectors + 16*n: saves r3, loads n, branches to the
 * common handler, which fills last_exc, optionally skips the faulting instruction, and rfi's;
 * sc returns in supervisor state (the way back from user-state tests); the decrementer
 * interrupt is acknowledged by clearing TSR[DIS].
 * The critical-class IVORs (0 critical input, 1 machine check, 10 watchdog? no: 12 watchdog,
 * 15 debug) use the same path with SRR0/1; the guests never raise them. */
#define r0 0
#define r1 1
#define r3 3
#define r4 4
#define r5 5
#define r6 6
#define r7 7
#define r9 9
#define r10 10

        .section .vectors, "ax"
        .globl vectors
vectors:
        .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
        mtsprg0 r3
        li r3, \n
        b exc_common
        nop
        .endr

exc_common:
        mtsprg1 r4
        mtsprg2 r5
        lis r4, last_exc@ha
        addi r4, r4, last_exc@l
        lwz r5, 0(r4)
        addi r5, r5, 1
        stw r5, 0(r4)
        stw r3, 4(r4)
        mfsrr1 r5
        stw r5, 12(r4)
        mfspr r5, 62            /* ESR */
        stw r5, 16(r4)
        mfspr r5, 61            /* DEAR */
        stw r5, 20(r4)
        mfsrr0 r5
        stw r5, 8(r4)
        cmpwi r3, 8             /* sc always returns to supervisor state: clear SRR1[PR] */
        bne 4f
        mfsrr1 r5
        rlwinm r5, r5, 0, 18, 16
        mtsrr1 r5
4:      cmpwi r3, 10            /* decrementer: acknowledge TSR[DIS] (write-1-to-clear) */
        bne 6f
        lis r5, 0x0800
        mtspr 336, r5
6:      cmpwi r3, 6             /* program: clear the classic reason bits QEMU 7.2 ORs into */
        bne 5f                  /* SRR1 (0x000e0000 = MSR[CE], MSR[WE], reserved on Book E; */
        mfsrr1 r5               /* qemu-deviations.md PowerPC 1), so that rfi does not load */
        rlwinm r5, r5, 0, 15, 11 /* them into the MSR. A no-op on a correct 440. */
        mtsrr1 r5
5:      mfsrr0 r5
        lis r4, skip_insn@ha
        addi r4, r4, skip_insn@l
        slwi r3, r3, 2
        lwzx r3, r4, r3
        add r5, r5, r3          /* skip_insn[n] is 0 or 4 */
        mtsrr0 r5
        mfsprg2 r5
        mfsprg1 r4
        mfsprg0 r3
        rfi

        .section .text.start, "ax"
        .globl _start
_start:
        lis r9, boot_regs@ha
        addi r9, r9, boot_regs@l
        stw r1, 0(r9)
        stw r3, 4(r9)
        stw r6, 8(r9)
        stw r7, 12(r9)
        mfmsr r10
        stw r10, 16(r9)
        /* TLB entry 0: QEMU leaves a 2 GB entry the 440 cannot encode (qemu-deviations.md
           PowerPC 9); rewrite it as EPN 0 V TS0 256M / RPN 0 / UX UW UR SX SW SR, TID 0. */
        li r10, 0
        li r4, 0x0290
        tlbwe r4, r10, 0
        li r4, 0
        tlbwe r4, r10, 1
        li r4, 0x003f
        tlbwe r4, r10, 2
        isync
        /* TLB entry 63: EPN 0xef600000 V TS0 4K / RPN 0xef600000 / I G SW SR, TID 0 */
        li r0, 0
        mtspr 946, r0           /* MMUCR: STID 0, STS 0 */
        li r10, 63
        lis r4, 0xef60
        ori r4, r4, 0x0210
        tlbwe r4, r10, 0
        lis r4, 0xef60
        tlbwe r4, r10, 1
        li r4, 0x0503
        tlbwe r4, r10, 2
        isync
        lis r1, _stack_top@ha
        addi r1, r1, _stack_top@l
        li r0, 0
        stwu r0, -16(r1)
        lis r9, __bss_start@ha
        addi r9, r9, __bss_start@l
        lis r10, __bss_end@ha
        addi r10, r10, __bss_end@l
1:      cmplw r9, r10
        bge 2f
        stw r0, 0(r9)
        addi r9, r9, 4
        b 1b
2:      bl main
        bl guest_exit

        .text
        .globl guest_exit
guest_exit:
        lis r0, 0x3000          /* DBCR0[RST] = 0b11: system reset */
        mtspr 308, r0
        isync
3:      b 3b

        .globl install_vectors
install_vectors:
        lis r3, vectors@h
        mtspr 63, r3            /* IVPR */
        li r4, vectors@l
        mtspr 400, r4
        addi r4, r4, 16
        mtspr 401, r4
        addi r4, r4, 16
        mtspr 402, r4
        addi r4, r4, 16
        mtspr 403, r4
        addi r4, r4, 16
        mtspr 404, r4
        addi r4, r4, 16
        mtspr 405, r4
        addi r4, r4, 16
        mtspr 406, r4
        addi r4, r4, 16
        mtspr 407, r4
        addi r4, r4, 16
        mtspr 408, r4
        addi r4, r4, 16
        mtspr 409, r4
        addi r4, r4, 16
        mtspr 410, r4
        addi r4, r4, 16
        mtspr 411, r4
        addi r4, r4, 16
        mtspr 412, r4
        addi r4, r4, 16
        mtspr 413, r4
        addi r4, r4, 16
        mtspr 414, r4
        addi r4, r4, 16
        mtspr 415, r4
        isync
        blr

        .data
        .globl boot_regs
boot_regs: .long 1, 1, 1, 1, 1  /* in .data: written before .bss is cleared */

/* Shared declarations for the bare-metal Bamboo (PowerPC 440) guests: UART output, exit, SPR
 * access and the interrupt framework of start.S (every vector records what it saw and returns). */
#ifndef GUEST_H
#define GUEST_H

typedef unsigned int u32;
typedef int s32;
typedef unsigned short u16;
typedef unsigned char u8;

/* UART0 (16550 at physical 0xef600300, mapped 1:1 by start.S in TLB entry 63); exit through
 * DBCR0[RST] = 0b11 (system reset: QEMU -no-reboot stops). */
void putch(int c);
void puts_(const char *s);
void pr(const char *fmt, ...); /* %x = 8 hex digits, %h = minimal hex, %d, %u, %s, %c, %% */
void guest_exit(void) __attribute__((noreturn));
void *memset(void *d, int c, unsigned n);
void *memcpy(void *d, const void *s, unsigned n);

#define mfspr(n) ({ u32 __v; __asm__ volatile("mfspr %0, %1" : "=r"(__v) : "i"(n)); __v; })
#define mtspr(n, v) __asm__ volatile("mtspr %0, %1; isync" ::"i"(n), "r"((u32)(v)) : "memory")
#define mfmsr() ({ u32 __v; __asm__ volatile("mfmsr %0" : "=r"(__v)); __v; })
#define mtmsr(v) __asm__ volatile("mtmsr %0; isync" ::"r"((u32)(v)) : "memory")

#define SPR_DEC 22
#define SPR_SRR0 26
#define SPR_SRR1 27
#define SPR_PID 48
#define SPR_DECAR 54
#define SPR_DEAR 61
#define SPR_ESR 62
#define SPR_IVPR 63
#define SPR_SPRG0 272
#define SPR_PVR 287
#define SPR_DBCR0 308
#define SPR_TSR 336
#define SPR_TCR 340
#define SPR_IVOR0 400
#define SPR_MMUCR 946

/* start.S: what the loader handed over (r1, r3, r6, r7, MSR) and the interrupt record. */
extern u32 boot_regs[5];
struct exc_record {
  u32 count;  /* interrupts taken */
  u32 ivor;   /* IVOR number of the last one */
  u32 srr0, srr1, esr, dear;
};
extern volatile struct exc_record last_exc;
/* For IVOR n, when skip_insn[n] is non-zero the handler returns to SRR0 + 4 (program
 * interrupts point at the faulting instruction). */
extern volatile u32 skip_insn[16];
/* Points IVPR at the vectors and IVOR0-15 at their 16-byte stubs. */
void install_vectors(void);

#endif

/* Shared declarations for the bare-metal Malta guests: UART output, exit, CP0 access, and the
 * exception framework of start.S / lib.c. */
#ifndef GUEST_H
#define GUEST_H

typedef unsigned int u32;
typedef int s32;
typedef unsigned short u16;
typedef unsigned char u8;

/* Output on the Malta's ttyS0 (16550 at ISA 0x3f8, seen at KSEG1 0xb80003f8) and exit through
 * the FPGA's SOFTRES register (0x42 at KSEG1 0xbf000500: board reset; QEMU -no-reboot stops). */
void putch(int c);
void puts_(const char *s);
void pr(const char *fmt, ...); /* %x = 8 hex digits, %h = minimal hex, %d, %u, %s, %c, %% */
void guest_exit(int status) __attribute__((noreturn));

void *memset(void *d, int c, unsigned n);
void *memcpy(void *d, const void *s, unsigned n);

/* CP0 access. sel must be a constant. */
#define mfc0(reg, sel)                                                      \
  ({                                                                        \
    u32 __v;                                                                \
    __asm__ volatile("mfc0 %0, $" #reg ", " #sel : "=r"(__v));              \
    __v;                                                                    \
  })
#define mtc0(reg, sel, v)                                                   \
  __asm__ volatile("mtc0 %z0, $" #reg ", " #sel "\n\tehb" ::"Jr"((u32)(v)) : "memory")

#define C0_INDEX 0
#define C0_RANDOM 1
#define C0_ENTRYLO0 2
#define C0_ENTRYLO1 3
#define C0_CONTEXT 4
#define C0_PAGEMASK 5
#define C0_WIRED 6
#define C0_HWRENA 7
#define C0_BADVADDR 8
#define C0_COUNT 9
#define C0_ENTRYHI 10
#define C0_COMPARE 11
#define C0_STATUS 12
#define C0_CAUSE 13
#define C0_EPC 14

#define ST_IE 0x1
#define ST_EXL 0x2
#define ST_ERL 0x4
#define ST_KSU_USER 0x10
#define ST_IM(n) (1u << (8 + (n)))
#define ST_BEV 0x00400000
#define ST_CU1 0x20000000

#define CA_BD 0x80000000u
#define CA_TI 0x40000000u
#define CA_CE(c) (((c) >> 28) & 3)
#define CA_DC 0x08000000u
#define CA_IV 0x00800000u
#define CA_IP(n) (1u << (8 + (n)))
#define CA_EXC(c) (((c) >> 2) & 31)

/* Exception codes (MIPS32 PRA, Cause.ExcCode). */
#define EXC_INT 0
#define EXC_MOD 1
#define EXC_TLBL 2
#define EXC_TLBS 3
#define EXC_ADEL 4
#define EXC_ADES 5
#define EXC_SYS 8
#define EXC_BP 9
#define EXC_RI 10
#define EXC_CPU 11
#define EXC_OV 12
#define EXC_TR 13

/* What general_entry saves (offsets in regdef.h). */
struct frame {
  u32 r[32];
  u32 hi, lo, status, cause, epc, badvaddr, vector, pad;
};

/* The last exception taken, as the handler saw it. */
struct exc_record {
  u32 count, status, cause, epc, badvaddr, vector;
};
extern volatile struct exc_record last_exc;

/* guest_exception's default policy, in this order:
 *  - exc_hook, if set, may handle the exception itself (returns 1);
 *  - interrupts (ExcCode 0) go to irq_hook with EPC untouched;
 *  - if resume_pc is set, eret goes there (and resume_pc is cleared);
 *  - if keep_epc is set, eret goes back to EPC unchanged;
 *  - otherwise an exception outside a delay slot resumes after the faulting instruction;
 *    one in a delay slot with nowhere to resume is reported and the guest stops. */
extern int (*volatile exc_hook)(struct frame *f);
extern void (*volatile irq_hook)(struct frame *f);
extern volatile u32 resume_pc;
extern volatile u32 keep_epc;
/* Where the TLB refill vector jumps (default: general_entry). */
extern volatile u32 refill_hook;

void guest_exception(struct frame *f);
void general_entry(void);
void install_vectors(u32 base);
extern char vectors_base[];

/* What _start saw on entry (QEMU's boot stub: a0-a3, sp; and Status). */
extern u32 boot_regs[6];

/* "name=value" helpers for the reports. */
const char *exc_name(u32 code);
void print_exc(const char *what, u32 base);

#endif

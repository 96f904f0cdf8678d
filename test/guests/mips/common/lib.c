/* UART output, exit, and the C side of the exception framework (see guest.h). */
#include "guest.h"

#define UART ((volatile u8 *)0xb80003f8)
#define UART_LSR_THRE 0x20
#define SOFTRES ((volatile u32 *)0xbf000500)

u32 boot_regs[6] = {1}; /* in .data: _start fills it before .bss is cleared */

volatile struct exc_record last_exc;
int (*volatile exc_hook)(struct frame *f);
void (*volatile irq_hook)(struct frame *f);
volatile u32 resume_pc;
volatile u32 keep_epc;
volatile u32 refill_hook = (u32)general_entry;

void putch(int c) {
  while (!(UART[5] & UART_LSR_THRE))
    ;
  UART[0] = (u8)c;
}

void guest_exit(int status) {
  (void)status; /* the board has no exit status: any reset ends the run with 0 */
  *SOFTRES = 0x42;
  for (;;)
    ;
}

const char *exc_name(u32 code) {
  static const char *const names[32] = {"Int", "Mod", "TLBL", "TLBS", "AdEL", "AdES", "IBE", "DBE",
                                        "Sys", "Bp", "RI", "CpU", "Ov", "Tr", "MSAFPE", "FPE"};
  return code < 32 && names[code] ? names[code] : "?";
}

/* "what: Sys epc=+0x4 bd=0 vec=0x180 badvaddr=..." relative to base. */
void print_exc(const char *what, u32 base) {
  u32 c = last_exc.cause;
  pr("%s: %s(%d) epc=%s0x%h bd=%d vec=0x%h", what, exc_name(CA_EXC(c)), CA_EXC(c), last_exc.epc >= base ? "+" : "-",
     last_exc.epc >= base ? last_exc.epc - base : base - last_exc.epc, c >> 31, last_exc.vector);
}

static void unexpected(struct frame *f, const char *why) {
  pr("\nUNEXPECTED %s: cause=%x (%s) epc=%x badvaddr=%x status=%x vector=0x%h\n", why, f->cause,
     exc_name(CA_EXC(f->cause)), f->epc, f->badvaddr, f->status, f->vector);
  guest_exit(1);
}

void guest_exception(struct frame *f) {
  last_exc.count++;
  last_exc.status = f->status;
  last_exc.cause = f->cause;
  last_exc.epc = f->epc;
  last_exc.badvaddr = f->badvaddr;
  last_exc.vector = f->vector;
  if (exc_hook && exc_hook(f)) return;
  if (CA_EXC(f->cause) == EXC_INT) {
    if (irq_hook)
      irq_hook(f);
    else
      unexpected(f, "interrupt");
    return;
  }
  if (resume_pc) {
    f->epc = resume_pc;
    resume_pc = 0;
    return;
  }
  if (keep_epc) return;
  if (f->cause & CA_BD) unexpected(f, "exception in a delay slot");
  f->epc += 4;
}

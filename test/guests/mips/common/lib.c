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

void puts_(const char *s) {
  while (*s) putch(*s++);
}

static void put_hex(u32 v, int digits) {
  for (int i = digits - 1; i >= 0; i--) putch("0123456789abcdef"[(v >> (4 * i)) & 15]);
}

static void put_udec(u32 v) {
  char buf[12];
  int n = 0;
  do {
    buf[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (n) putch(buf[--n]);
}

void pr(const char *fmt, ...) {
  __builtin_va_list ap;
  __builtin_va_start(ap, fmt);
  for (const char *p = fmt; *p; p++) {
    if (*p != '%') {
      putch(*p);
      continue;
    }
    switch (*++p) {
      case 'x':
        put_hex(__builtin_va_arg(ap, u32), 8);
        break;
      case 'h': {
        u32 v = __builtin_va_arg(ap, u32);
        int d = 1;
        while (d < 8 && (v >> (4 * d))) d++;
        put_hex(v, d);
        break;
      }
      case 'd': {
        s32 v = __builtin_va_arg(ap, s32);
        if (v < 0) {
          putch('-');
          put_udec(-(u32)v);
        } else {
          put_udec((u32)v);
        }
        break;
      }
      case 'u':
        put_udec(__builtin_va_arg(ap, u32));
        break;
      case 's':
        puts_(__builtin_va_arg(ap, const char *));
        break;
      case 'c':
        putch(__builtin_va_arg(ap, int));
        break;
      case '%':
        putch('%');
        break;
      default:
        putch('%');
        putch(*p);
    }
  }
  __builtin_va_end(ap);
}

void guest_exit(int status) {
  (void)status; /* the board has no exit status: any reset ends the run with 0 */
  *SOFTRES = 0x42;
  for (;;)
    ;
}

void *memset(void *d, int c, unsigned n) {
  u8 *p = d;
  while (n--) *p++ = (u8)c;
  return d;
}

void *memcpy(void *d, const void *s, unsigned n) {
  u8 *p = d;
  const u8 *q = s;
  while (n--) *p++ = *q++;
  return d;
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

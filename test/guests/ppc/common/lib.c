/* UART output and the C side of the interrupt record (see guest.h). */
#include "guest.h"

#define UART ((volatile u8 *)0xef600300)
#define UART_LSR_THRE 0x20

volatile struct exc_record last_exc;
volatile u32 skip_insn[16];

void putch(int c) {
  while (!(UART[5] & UART_LSR_THRE))
    ;
  UART[0] = (u8)c;
}

void puts_(const char *s) {
  while (*s) putch(*s++);
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
      case 'x': {
        u32 v = __builtin_va_arg(ap, u32);
        for (int i = 7; i >= 0; i--) putch("0123456789abcdef"[(v >> (4 * i)) & 15]);
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
      default:
        putch(*p);
    }
  }
  __builtin_va_end(ap);
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

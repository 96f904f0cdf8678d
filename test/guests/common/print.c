/* The board-independent part of the guests' C library: formatted output over the board's
 * putch (common/lib.c of each board), and the memset/memcpy gcc may call. Built into every guest
 * of both boards by scripts/build-guests.sh; "common/guest.h" is the board's own header. */
#include "common/guest.h"

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

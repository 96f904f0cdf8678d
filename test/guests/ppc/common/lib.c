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

/* gdb: the guest the GDB stub tests debug (test/gdb.test.ts); built with -g -O0 (gdb.cflags) so
 * that GDB sees its functions, lines and locals. main fills a local array and passes it to
 * check(), three times; the expected output is the sums, then done. */
#include "common/guest.h"

u32 calls;

__attribute__((noinline)) u32 check(const u32 *squares, u32 n) {
  u32 s = 0;
  for (u32 i = 0; i < n; i++) s += squares[i];
  calls++;
  return s;
}

int main(void) {
  pr("== gdb ==\n");
  u32 squares[8];
  u32 total = 0;
  for (u32 k = 1; k <= 3; k++) {
    for (u32 i = 0; i < 8; i++) squares[i] = (i + k) * (i + k);
    total += check(squares, 8);
  }
  pr("total %u, %u calls\n", total, calls);
  pr("done\n");
  return 0;
}

/* crc32: a CPU-bound guest for benchmarks. Fills 64 KiB with a linear congruential sequence
 * (x = x * 1103515245 + 12345, byte = x >> 16), then 16 rounds of: flip one byte, CRC-32 (IEEE
 * 802.3, reflected, table-driven, as zlib's crc32) of the whole buffer, print it. About 10 M
 * instructions. The CRCs can be checked against any crc32 implementation. */
#include "common/guest.h"

#define SIZE 65536
#ifndef ROUNDS
#define ROUNDS 16
#define NAME "crc32"
#endif
static u8 buf[SIZE];
static u32 table[256];

static void make_table(void) {
  for (u32 n = 0; n < 256; n++) {
    u32 c = n;
    for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
}

static u32 crc32(const u8 *p, u32 len) {
  u32 c = 0xffffffffu;
  while (len--) c = table[(c ^ *p++) & 0xff] ^ (c >> 8);
  return c ^ 0xffffffffu;
}

int main(void) {
  pr("== " NAME " ==\n");
  make_table();
  u32 x = 1;
  for (u32 i = 0; i < SIZE; i++) {
    x = x * 1103515245u + 12345u;
    buf[i] = (u8)(x >> 16);
  }
  for (u32 round = 0; round < ROUNDS; round++) {
    buf[round * 4099 % SIZE] ^= 0xff;
    pr("round %u: crc32=%x\n", round, crc32(buf, SIZE));
  }
  pr("done\n");
  return 0;
}

/* crc32: a CPU-bound guest (bench/ppc.ts): bitwise CRC-32 of a 16 KB pseudo-random buffer, eight
 * times over, printing each checksum (crc32-long.c: more rounds). */
#include "common/guest.h"

#ifndef ROUNDS
#define ROUNDS 8
#endif

static u8 buf[16384];

static u32 crc32(const u8 *p, u32 n, u32 crc) {
  crc = ~crc;
  while (n--) {
    crc ^= *p++;
    for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc;
}

int main(void) {
  u32 x = 12345;
  for (u32 i = 0; i < sizeof buf; i++) {
    x = x * 1103515245 + 12345;
    buf[i] = (u8)(x >> 16);
  }
  u32 crc = 0;
  for (int round = 0; round < ROUNDS; round++) {
    crc = crc32(buf, sizeof buf, crc);
    pr("round %d crc=%x\n", round, crc);
  }
  pr("done\n");
  return 0;
}

/* crc32-long: crc32.c with 256 rounds (about 210 M instructions) for bench/ppc.ts, long enough
 * that warming up (translation, the JIT) is a small part of the time. */
#define ROUNDS 256
#include "crc32.c"

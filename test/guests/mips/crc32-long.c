/* crc32-long: crc32.c with 1024 rounds (about 680 M instructions) for bench/mips.ts, long
 * enough that warming up (translation, the JIT) is a small part of the time, as in a real
 * CPU-bound program. */
#define ROUNDS 1024
#define NAME "crc32-long"
#include "crc32.c"
